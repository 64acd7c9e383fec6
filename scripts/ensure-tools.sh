#!/usr/bin/env bash
# Installs what building and testing need, at pinned versions, only when missing.
#   scripts/ensure-tools.sh build   wasm target, wasm-bindgen-cli, wasm-split-cli, wasm-opt (npm binaryen), brotli
#   scripts/ensure-tools.sh test    the above, plus wasm-pack, Chromium and ChromeDriver, cargo-fuzz,
#                                   schemathesis (a Python venv in ~/.cache/dichvucong), PostgreSQL's
#                                   server, nginx and wrk
# Everything comes from the Rust crate registry, Debian's packages, the npm registry and PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate in Cargo.lock
WASM_PACK_VERSION=0.15.1
WASM_SPLIT_VERSION=0.2.4     # wasm_split_cli_support: splits the app's lazily loaded pages
CARGO_FUZZ_VERSION=0.13.2    # cargo fuzz: scripts/fuzz.sh, with the machine's nightly toolchain
SCHEMATHESIS_VERSION=4.32.5  # schema testing of the served OpenAPI document (scripts/schema-test.sh)
what=${1:-build}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
apt_install() {
    local missing=()
    for pair in "$@"; do
        local cmd=${pair%%:*} pkg=${pair##*:}
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "apt-get install ${missing[*]}"
    if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi
# The formatting gate (scripts/test.sh) and clippy.
for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
        say "rustup component add $component"
        rustup component add "$component"
    fi
done
# The release bundle is built with the machine's nightly toolchain and the standard library's
# source (-Zbuild-std; see scripts/build-app.sh).
if ! rustup toolchain list | grep -q '^nightly'; then
    say "rustup toolchain install nightly"
    rustup toolchain install nightly --profile minimal
fi
if ! rustup component list --toolchain nightly --installed | grep -qx 'rust-src'; then
    say "rustup component add rust-src --toolchain nightly"
    rustup component add rust-src --toolchain nightly
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
    # Not --locked: its lockfile wants a crate version the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
# It has no --version: ask cargo what it installed.
if ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (about a minute)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi
apt_install brotli:brotli gzip:gzip node:nodejs npm:npm
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/terser ] || [ ! -d node_modules/oidc-provider ] || [ package-lock.json -nt node_modules ]; then
    say "npm ci (wasm-opt, terser, Playwright, axe-core, MiniSearch, Fuse.js, oidc-provider: see package.json)"
    npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$what" = test ]; then
    if ! wasm-pack --version 2>/dev/null | grep -q " $WASM_PACK_VERSION"; then
        say "cargo install wasm-pack $WASM_PACK_VERSION (about 3 minutes)"
        cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
    fi
    apt_install chromium:chromium chromedriver:chromium-driver
    # scripts/test-postgres.sh: a throwaway PostgreSQL cluster, nginx in front of two
    # instances; wrk for the load benchmark (bench/load.sh).
    apt_install psql:postgresql-client nginx:nginx-light wrk:wrk
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql-server:postgresql
    if ! cargo install --list | grep -q "^cargo-fuzz v$CARGO_FUZZ_VERSION:"; then
        say "cargo install cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes)"
        cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
    fi
    venv=$(scripts/schema-test.sh --venv)
    if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
        say "pip install schemathesis==$SCHEMATHESIS_VERSION (a venv in $venv)"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
    fi
fi
