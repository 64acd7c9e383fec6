#!/usr/bin/env bash
# Runs every test: the domain core and the reference API (cargo test; the sign-in tests start
# the test identity provider, e2e/idp, themselves), the app in headless
# Chromium under wasm-pack against the live reference API, whole-page tests of the built
# bundle as the server serves it, the API scaled out on PostgreSQL behind nginx
# (scripts/test-postgres.sh), schema testing of the served OpenAPI document (schemathesis)
# and a short fuzzing run of every fuzz target. Installs any missing pinned tool first.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# The disk, before and after: a fresh run's build takes several GB (a CI run once ran out).
disk() { df -h --output=avail,size . 2>/dev/null | tail -1 | awk '{print "free disk: " $1 " of " $2}' || true; }
disk

scripts/ensure-tools.sh test

say "Formatting (cargo fmt --check, rustfmt.toml)"
cargo fmt --all -- --check
(cd fuzz && cargo fmt -- --check)

say "Structure (README's map names every module; no function over 80 lines in the app or the API; no unused UI text)"
scripts/check-map.sh
scripts/function-length.py 80 src server/src
scripts/unused-texts.py

say "Lints (clippy -D warnings: the native crates; the app, its tests and the search benchmark for wasm32, with and without the page chunks)"
cargo clippy --locked -p dvc-core -p dvc-server --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown -p dichvucong -p dvc-e2e -p dvc-search-wasm --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown -p dichvucong --features split -- -D warnings

say "Domain core and reference API (cargo test)"
cargo test --locked
cargo test --locked -p dichvucong --lib

say "The reference API again on today's two tiers (DVC_DATASET=phu-tho-2025 cargo test -p dvc-server)"
DVC_DATASET=phu-tho-2025 cargo test --locked -p dvc-server

say "Build the app (release bundle)"
scripts/build-app.sh

say "First-load budget of home, results and a procedure page (brotli bytes, deterministic)"
node scripts/first-load.mjs dist --check

say "Start the reference API with the demo catalog, serving the bundle"
cargo build --locked -p dvc-server
work=$(mktemp -d)
servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# start_server PORT LOG [VAR=value...]: the built server with these settings, in the
# background; returns once it answers (its log is printed if it dies first).
start_server() {
    local port=$1 log=$2
    shift 2
    env DVC_PORT="$port" DVC_LOG=warn DVC_CLOCK="$DVC_E2E_NOW" "$@" "$DVC_SERVER_BIN" >"$log" 2>&1 &
    local pid=$!
    servers+=("$pid")
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$port/api/v1/stats" >/dev/null 2>&1 && return 0
        kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
        sleep 0.2
    done
}
# A known bank secret, so the browser test can sign a transfer notification as a bank would.
export DVC_E2E_BANK_SECRET="test-e2e-bank-gateway-secret"
# And an officer token, so it can move a dossier along as the office would.
export DVC_E2E_OFFICER_TOKEN="e2e-officer-token"
# The browser tests happen on the eve of Tết 2027 whatever today is: the server's clock starts
# there, and every browser page's clock is set to the server's (e2e/page/browser.mjs,
# e2e/src/lib.rs). e2e/page/dates.test.mjs starts servers of its own at the other date edges.
export DVC_E2E_NOW="2027-02-05T09:00:00+07:00"
export DVC_SERVER_BIN="$PWD/$target_dir/debug/dvc-server"
case "$target_dir" in /*) DVC_SERVER_BIN="$target_dir/debug/dvc-server" ;; esac

# browser_suites DATASET: the test identity provider and a server of the dataset, then the app
# under wasm-pack and the whole-page tests against them (the servers the page tests start
# themselves inherit DVC_DATASET); both stop at the end.
browser_suites() {
    export DVC_DATASET=$1
    local port idp_port round=$work/$1 first=${#servers[@]}
    mkdir -p "$round"
    port=$(free_port)
    export DVC_E2E_STARTED_MS=$(date +%s%3N)
    # The test identity provider (e2e/idp), for signing in with the e-ID, before the server that uses it.
    idp_port=$(free_port)
    IDP_PORT="$idp_port" RP_BASE="http://127.0.0.1:$port" scripts/test-idp.sh >"$round/idp.log" 2>&1 &
    servers+=("$!")
    export DVC_E2E_IDP="http://127.0.0.1:$idp_port"
    for _ in $(seq 1 100); do
        curl -fsS "$DVC_E2E_IDP/.well-known/openid-configuration" >/dev/null 2>&1 && break
        sleep 0.2
    done
    start_server "$port" "$round/server.log" DVC_DB="$round/test.sqlite" DVC_UPLOADS="$round/uploads" DVC_STATIC=dist \
        DVC_CORS_ORIGINS=local DVC_BANK_SECRET="$DVC_E2E_BANK_SECRET" DVC_TEST_BANK=on DVC_OFFICER_TOKEN="$DVC_E2E_OFFICER_TOKEN" \
        DVC_OIDC_ISSUER="$DVC_E2E_IDP" DVC_OIDC_CLIENT_ID=dvc-app DVC_OIDC_CLIENT_SECRET=test-only-secret \
        DVC_HOTLINE="0000 000 000"
    export DVC_E2E_API="http://127.0.0.1:$port"

    say "The app in headless Chromium (wasm-pack test), $1, against $DVC_E2E_API"
    # The filing flow takes longer than the runner's default 20 s per test.
    WASM_BINDGEN_TEST_TIMEOUT=120 CHROMEDRIVER=/usr/bin/chromedriver wasm-pack --log-level warn test --headless --chrome --mode no-install e2e

    say "Whole pages of the served bundle (node --test, Chromium), $1"
    DVC_URL="$DVC_E2E_API" node --test --test-reporter=spec e2e/page/

    kill "${servers[@]:$first}" 2>/dev/null || true
    unset DVC_DATASET
}
browser_suites vinh-phuc-2023
browser_suites phu-tho-2025

say "Scaled out: the API suite on PostgreSQL, then two instances behind nginx (scripts/test-postgres.sh)"
scripts/test-postgres.sh

say "Schema testing: schemathesis against the served OpenAPI document (a server of its own)"
# A fresh database, and limits high enough that generated requests are not all answered 429
# (the limits have tests of their own in server/tests/security_access.rs).
schema_port=$(free_port)
start_server "$schema_port" "$work/schema-server.log" DVC_DB="$work/schema.sqlite" DVC_UPLOADS="$work/schema-uploads" \
    DVC_BANK_SECRET="test-schema-bank-secret" DVC_OFFICER_TOKEN="schema-officer-token" \
    DVC_KIOSK_NETWORKS=127.0.0.0/8 DVC_UPLOADS_PER_HOUR=1000000
scripts/schema-test.sh "http://127.0.0.1:$schema_port" "${DVC_SCHEMA_EXAMPLES:-10}" "${DVC_SCHEMA_SECONDS:-240}"

say "Fuzzing: a short run of every target from the committed corpus (cargo +nightly fuzz)"
scripts/fuzz.sh "${DVC_FUZZ_SECONDS:-10}"

say "Done"
du -sh "$target_dir" 2>/dev/null | awk '{print "target dir: " $1}' || true
disk
