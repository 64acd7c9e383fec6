#!/usr/bin/env python3
"""Checks the base procedures in server/data/procedures/*.json before the seeder sees them.

Usage: scripts/check-procedures.py [FILE ...]   (default: every file)

Reports every problem with its file, code and key, and exits 1 when there is one.
The seeder checks the same shape when it starts; this script is for whoever edits
the data by hand, and gives all the problems at once.
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server", "data")
KEYS = {
    "code", "name", "field", "level", "also_level", "decision", "kind", "online_mode",
    "applicants", "steps", "channels", "documents", "implementing_agency",
    "competent_agency", "where_to_submit", "result", "legal_basis", "conditions",
    "keywords", "description", "source",
}
LEVELS = {"province", "district", "commune"}
MODES = {"full", "partial", "offline"}
CHANNELS = {"in_person", "online", "postal"}
CODE = re.compile(r"^[123]\.\d{6}$")
DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")


def fields():
    path = os.path.join(ROOT, "fields.json")
    return {f["slug"] for f in json.load(open(path, encoding="utf-8"))}


def check(path, known_fields, seen, problems):
    try:
        records = json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        problems.append(f"{path}: not JSON: {e}")
        return 0
    if not isinstance(records, list):
        problems.append(f"{path}: must be a JSON array")
        return 0
    for r in records:
        code = r.get("code", "?")
        where = f"{os.path.basename(path)} {code}"

        def bad(msg):
            problems.append(f"{where}: {msg}")

        missing, extra = KEYS - r.keys(), r.keys() - KEYS
        if missing:
            bad(f"missing {sorted(missing)}")
        if extra:
            bad(f"unknown {sorted(extra)}")
        if not CODE.match(str(code)):
            bad("code must look like 1.001193")
        if code in seen:
            bad(f"code also in {seen[code]}")
        seen[code] = os.path.basename(path)
        if r.get("field") not in known_fields:
            bad(f"field {r.get('field')!r} is not in fields.json")
        if r.get("level") not in LEVELS:
            bad("level must be province, district or commune")
        if r.get("also_level") not in LEVELS | {None} or r.get("also_level") == r.get("level"):
            bad("also_level must be null or another level")
        if r.get("online_mode") not in MODES:
            bad("online_mode must be full, partial or offline")
        if not r.get("applicants") or not set(r["applicants"]) <= {"citizen", "organisation"}:
            bad("applicants must be citizen and/or organisation")
        for key in ("name", "decision", "kind", "implementing_agency", "competent_agency",
                    "where_to_submit", "result", "conditions", "description", "source"):
            if not isinstance(r.get(key), str) or not r.get(key, "").strip():
                bad(f"{key} must be a non-empty string")
        if not r.get("steps") or not all(isinstance(s, str) and s for s in r["steps"]):
            bad("steps must be non-empty strings")
        chans = r.get("channels") or []
        kinds = [c.get("channel") for c in chans]
        if not kinds or len(set(kinds)) != len(kinds) or not set(kinds) <= CHANNELS:
            bad("channels: in_person, online, postal, each at most once")
        if (r.get("online_mode") == "offline") == ("online" in kinds):
            bad("online channel exactly when online_mode is not offline")
        for c in chans:
            if not isinstance(c.get("days"), int) or c["days"] < 0:
                bad("channel days must be a whole number of working days")
            if not isinstance(c.get("fee"), int) or c["fee"] < 0:
                bad("channel fee must be a whole number of VND")
            for key in ("time", "fee_text", "description"):
                if not isinstance(c.get(key), str) or not c.get(key):
                    bad(f"channel {key} must be a non-empty string")
        docs = r.get("documents") or []
        if not docs:
            bad("documents must not be empty")
        for d in docs:
            if not d.get("name") or not d.get("quantity") or "form" not in d:
                bad("each document needs name, form (or null) and quantity")
        laws = r.get("legal_basis") or []
        if not laws:
            bad("legal_basis must not be empty")
        for law in laws:
            if set(law) != {"number", "summary", "date", "issuer"}:
                bad("legal_basis entries have number, summary, date, issuer")
            elif law["date"] and not DATE.match(law["date"]):
                bad(f"legal_basis date {law['date']!r} must be dd/mm/yyyy")
        if not isinstance(r.get("keywords"), list):
            bad("keywords must be a list")
    return len(records)


def main(argv):
    paths = argv or sorted(glob.glob(os.path.join(ROOT, "procedures", "*.json")))
    known, seen, problems = fields(), {}, []
    if argv:
        # Codes already used by the other files count as taken.
        for other in sorted(glob.glob(os.path.join(ROOT, "procedures", "*.json"))):
            if os.path.abspath(other) not in {os.path.abspath(p) for p in argv}:
                for r in json.load(open(other, encoding="utf-8")):
                    seen[r.get("code")] = os.path.basename(other)
    total = sum(check(p, known, seen, problems) for p in paths)
    for p in problems:
        print(p)
    print(f"{total} records, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
