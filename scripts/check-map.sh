#!/usr/bin/env bash
# README's map ("Where things live") names every file and folder of src/, core/src/ and
# server/src/, and every top-level entry of the repository: a new module without a line in the
# map fails the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
map=$(awk '/^## Where things live/{on=1; next} /^## /{on=0} on' README.md)
missing=()
check() { grep -qF -- "$1" <<<"$map" || missing+=("$2"); }
for dir in src core/src server/src; do
    for entry in "$dir"/*; do
        name=$(basename "$entry")
        if [[ -d $entry ]]; then check "$name/" "$entry/"; else check "$name" "$entry"; fi
    done
done
for entry in $(git ls-files | cut -d/ -f1 | sort -u); do
    [[ $entry == .* || $entry == README.md || $entry == Cargo.lock || $entry == package-lock.json ]] && continue
    check "$entry" "$entry"
done
if ((${#missing[@]})); then
    echo "README's map (Where things live) does not name: ${missing[*]}" >&2
    exit 1
fi
echo "README's map names every module and top-level entry"
