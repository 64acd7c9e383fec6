#!/usr/bin/env bash
# The load benchmark (not a test): wrk against the reference API's release build, on 127.0.0.1
# only, BENCH_SECONDS (10) per scenario with BENCH_CONNECTIONS (32) connections:
#   search (GET /api/v1/procedures?q=…), the catalog with If-None-Match (304s), filing with a
#   unique Idempotency-Key each, and tracking lookups (GET /api/v1/dossiers/{code}, each from
#   another address behind the proxy);
# against SQLite (one instance), PostgreSQL with one instance and PostgreSQL with two, always
# behind nginx (deploy/nginx.conf), on a fresh database each. PostgreSQL keeps its durable
# defaults (fsync on). Prints a Markdown section; bench/run.sh adds it to bench/latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-32}
# shellcheck source=scripts/lib/postgres.sh
. scripts/lib/postgres.sh
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cargo build --locked --release -p dvc-server >&2
bin="$PWD/$target_dir/release/dvc-server"
case "$target_dir" in /*) bin="$target_dir/release/dvc-server" ;; esac
work=$(mktemp -d /tmp/dvc-load.XXXXXX)
stop_setup() {
    [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
    for pid_file in "$work"/instance-*.pid; do [ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null; done
    sleep 1
    rm -f "$work"/instance-*.pid
    return 0
}
trap 'set +e; stop_setup; pg_stop "$work"; rm -rf "$work"' EXIT
pg_port=$(free_port)
pg_start "$work" "$pg_port"

# start_setup NAME STORE_SETTING INSTANCES: the instances on one store behind nginx; sets $lb.
start_setup() {
    local name=$1 store=$2 count=$3 ports=() port
    for i in $(seq 1 "$count"); do
        port=$(free_port)
        ports+=("$port")
        env DVC_PORT="$port" "$store" DVC_UPLOADS="$work/$name-uploads" DVC_STATIC=none DVC_LOG=warn \
            DVC_TRUSTED_PROXIES=127.0.0.1 DVC_UPLOADS_PER_HOUR=1000000 DVC_BANK_SECRET=load-bench-secret \
            "$bin" >"$work/$name-$i.log" 2>&1 &
        echo $! >"$work/instance-$name-$i.pid"
        for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$port/api/v1/stats" >/dev/null 2>&1 && break; sleep 0.2; done
    done
    lb=$(free_port)
    mkdir -p "$work/nginx"
    local upstreams=""
    for port in "${ports[@]}"; do upstreams="$upstreams        server 127.0.0.1:$port max_fails=1 fail_timeout=3s;\n"; done
    sed -e "s/127.0.0.1:8080/127.0.0.1:$lb/" -e "/server 127.0.0.1:8082/d" \
        -e "s|^        server 127.0.0.1:8081.*|$upstreams|" deploy/nginx.conf >"$work/nginx/nginx.conf"
    nginx -p "$work/nginx/" -c nginx.conf
    for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$lb/api/v1/stats" >/dev/null 2>&1 && break; sleep 0.2; done
}

# CPU seconds of this shell's finished children (wrk) as `times` wrote them to FILE: `times`
# runs in this shell itself, since a subshell counts only its own children.
children_cpu() { tail -n 1 "$1" | awk '{gsub(/[ms]/, " "); split($0, t, " "); print t[1] * 60 + t[2] + t[3] * 60 + t[4]}'; }

# measure SETUP SCENARIO WRK_ARGS...: one wrk run, one table row: requests a second (and per
# core), latency, failures, and the cores each part used meanwhile (CPU seconds / wall seconds).
measure() {
    local setup=$1 scenario=$2
    shift 2
    local out before after wrk_before wrk_after started ended
    before=$(python3 bench/load/cpu.py "$work")
    times >"$work/times-before"
    started=$(date +%s.%N)
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@")
    ended=$(date +%s.%N)
    times >"$work/times-after"
    after=$(python3 bench/load/cpu.py "$work")
    wrk_before=$(children_cpu "$work/times-before")
    wrk_after=$(children_cpu "$work/times-after")
    local rps p50 p99 bad cores
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    bad=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
    cores=$(awk -v b="$before" -v a="$after" -v wb="$wrk_before" -v wa="$wrk_after" -v s="$started" -v e="$ended" 'BEGIN {
        split(b, x, " "); split(a, y, " "); wall = e - s;
        printf "%.2f / %.2f / %.2f / %.2f", (y[1] - x[1]) / wall, (y[2] - x[2]) / wall, (y[3] - x[3]) / wall, (wa - wb) / wall }')
    printf '| %s | %s | %.0f | %.0f | %s | %s | %s | %s |\n' "$setup" "$scenario" "$rps" \
        "$(awk -v r="$rps" -v c="$(nproc)" 'BEGIN {print r / c}')" "$p50" "$p99" "${bad:-0}" "$cores"
    echo "$setup $scenario $rps" >>"$work/figures"
}

# run_setup NAME STORE_SETTING INSTANCES
run_setup() {
    start_setup "$@"
    local slug
    slug=$(tr -cd 'a-zA-Z0-9' <<<"$1")
    local base="http://127.0.0.1:$lb" etag upload body code
    etag=$(curl -fsS -D - -o /dev/null "$base/api/v1/catalog" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
    upload=$(curl -fsS -X POST -H 'x-file-name: so-ho-khau.pdf' --data-binary $'%PDF-1.4\n%%EOF\n' "$base/api/v1/uploads" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    body=$(curl -fsS "$base/api/v1/areas" | python3 bench/load/body.py "$upload")
    code=$(curl -fsS -X POST -H 'content-type: application/json' -H "idempotency-key: load-$slug-track" -d "$body" "$base/api/v1/dossiers" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
    measure "$1" "search" -s bench/load/search.lua "$base"
    measure "$1" "catalog, If-None-Match (304)" -H "If-None-Match: $etag" "$base/api/v1/catalog"
    BENCH_BODY=$body BENCH_RUN="load-$slug-$(date +%s%N)" measure "$1" "filing, unique keys" -s bench/load/filing.lua "$base"
    BENCH_CODE=$code BENCH_CCCD=026190088123 measure "$1" "tracking lookup" -s bench/load/tracking.lua "$base"
    stop_setup
}

echo "## Load (bench/load.sh: wrk, ${seconds} s per row, $connections connections, 2 threads; release build behind nginx; $(nproc) cores shared by wrk, nginx, the instances and PostgreSQL)"
echo
echo "| setup | scenario | requests/s | per core | p50 | p99 | non-2xx/3xx | cores used: instances / nginx / PostgreSQL / wrk |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
run_setup "SQLite, 1 instance" DVC_DB="$work/load.sqlite" 1
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE load1" -c "CREATE DATABASE load2"
run_setup "PostgreSQL, 1 instance" DVC_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/load1" 1
run_setup "PostgreSQL, 2 instances" DVC_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/load2" 2
echo
echo "| scenario | PostgreSQL, 2 instances / 1 instance |"
echo "|---|---:|"
for scenario in "search" "catalog, If-None-Match (304)" "filing, unique keys" "tracking lookup"; do
    one=$(grep -F "PostgreSQL, 1 instance $scenario " "$work/figures" | awk '{print $NF}')
    two=$(grep -F "PostgreSQL, 2 instances $scenario " "$work/figures" | awk '{print $NF}')
    printf '| %s | %.2f× |\n' "$scenario" "$(awk -v a="$two" -v b="$one" 'BEGIN {print a / b}')"
done
