#!/usr/bin/env bash
# The benchmark (not a test): first-load size of the built app per page, per-keystroke search
# time of our WASM search against MiniSearch and Fuse.js over the same catalog and queries, in
# one headless Chromium run, then with the catalog scaled to 100,000 procedures; search
# relevance (recall@5 and honest "no match" over server/data/search-queries.tsv); then
# Lighthouse (mobile) on five pages and the longest main-thread task at start at 4× CPU; then
# a returning citizen's second filing against their first (bench/returning.mjs); then the API
# under load (bench/load.sh: wrk; SQLite, PostgreSQL with one and two instances).
# Writes bench/latest.md; copy its figures into the README. BENCH_RUNS=3 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
scripts/ensure-tools.sh test
scripts/build-app.sh

out="$target_dir/bench"
mkdir -p "$out"
cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p dvc-search-wasm
wasm-bindgen --target web --no-typescript --out-dir "$out" "$target_dir/wasm32-unknown-unknown/wasm-release/dvc_search_wasm.wasm"
node_modules/.bin/wasm-opt -Oz -o "$out/dvc_search_wasm_bg.wasm" "$out/dvc_search_wasm_bg.wasm"

# The catalog snapshot, exactly as the app downloads it.
cargo build --locked -p dvc-server
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DVC_PORT=$port DVC_DB="$work/bench.sqlite" DVC_UPLOADS="$work/uploads" DVC_STATIC=dist DVC_LOG=warn "$target_dir/debug/dvc-server" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/api/v1/catalog" -o "$out/catalog.json" 2>/dev/null && break; sleep 0.2; done

# Lighthouse for the benchmark only, pinned (12.3+ needs Node 22).
if [ ! -x bench/lighthouse/node_modules/.bin/lighthouse ] || [ bench/lighthouse/package-lock.json -nt bench/lighthouse/node_modules ]; then
    (cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error)
fi

node bench/bench.mjs "$out" dist > "$out/latest.md"
echo >> "$out/latest.md"
# Search relevance over the repository's query set (recall@5, honest "no match").
cargo run --locked --quiet -p dvc-server --example relevance >> "$out/latest.md"
echo >> "$out/latest.md"
node bench/lighthouse.mjs "http://127.0.0.1:$port" "${BENCH_RUNS:-3}" >> "$out/latest.md"
echo >> "$out/latest.md"
# A returning citizen: keys and seconds of a second filing from the wallet against the first.
node bench/returning.mjs "http://127.0.0.1:$port" "${BENCH_RUNS:-3}" >> "$out/latest.md"
echo >> "$out/latest.md"
# Requests a second under wrk: SQLite, PostgreSQL with one instance and with two (nginx in front).
bench/load.sh >> "$out/latest.md"
cp "$out/latest.md" bench/latest.md
cat bench/latest.md
