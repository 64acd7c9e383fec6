#!/usr/bin/env bash
# Fuzzes the parsers and validators that read what strangers send (fuzz/fuzz_targets/), with
# cargo fuzz and the machine's nightly toolchain.
#   scripts/fuzz.sh [SECONDS] [TARGET...]   each target for SECONDS (default 60), all by default
# Starts from the committed corpus (fuzz/corpus/TARGET) and does not change it: what a run
# finds new goes to a temporary folder (FUZZ_KEEP=1 adds it to the corpus instead). A crash
# stops the run and leaves its input in fuzz/artifacts/TARGET; the summary lists every target's
# executions. Needs cargo-fuzz (scripts/ensure-tools.sh test installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^dvc-fuzz$')
fi
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
case "$target_dir" in /*) ;; *) target_dir="$PWD/$target_dir" ;; esac

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# AddressSanitizer, and debug assertions on (so an integer overflow is a crash too).
flags=(--debug-assertions --target-dir "$target_dir/fuzz")
say "Build the fuzz targets (nightly, AddressSanitizer, debug assertions)"
(cd fuzz && cargo +nightly fuzz build "${flags[@]}")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
summary=()
for t in "${targets[@]}"; do
    say "Fuzz $t for ${seconds}s"
    mkdir -p "fuzz/corpus/$t" "$scratch/$t"
    first="$scratch/$t"
    [ "${FUZZ_KEEP:-}" = 1 ] && first="$PWD/fuzz/corpus/$t"
    log="$scratch/$t.log"
    if ! (cd fuzz && cargo +nightly fuzz run "${flags[@]}" "$t" "$first" "corpus/$t" -- \
            -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) >"$log" 2>&1; then
        tail -60 "$log"
        echo "fuzz target $t failed: input in fuzz/artifacts/$t" >&2
        exit 1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    summary+=("$(printf '%-18s %12s executions, 0 crashes' "$t" "${runs:-?}")")
done
say "Summary (${seconds}s each)"
printf '%s\n' "${summary[@]}"
