"""CPU seconds used so far by the processes of a bench/load.sh setup, each with its children:
the instances (instance-*.pid), nginx (nginx/nginx.pid) and PostgreSQL (pg/postmaster.pid),
under the work folder given. Prints the three numbers, in that order."""
import glob
import os
import sys

TICKS = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # After the name: state, ppid, … utime and stime are fields 14 and 15 of the whole line.
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def processes():
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                table[int(entry)] = stat(entry)
            except (FileNotFoundError, ProcessLookupError, IndexError):
                pass
    return table


def tree_seconds(roots, table):
    seen, todo, total = set(), list(roots), 0.0
    while todo:
        pid = todo.pop()
        if pid in seen or pid not in table:
            continue
        seen.add(pid)
        total += table[pid][1]
        todo.extend(child for child, (ppid, _) in table.items() if ppid == pid)
    return total


def pids(pattern):
    found = []
    for path in glob.glob(pattern):
        with open(path) as f:
            first = f.readline().strip()
        if first.isdigit():
            found.append(int(first))
    return found


work = sys.argv[1]
table = processes()
print(" ".join(f"{tree_seconds(pids(f'{work}/{p}'), table):.2f}" for p in ("instance-*.pid", "nginx/nginx.pid", "pg/postmaster.pid")))
