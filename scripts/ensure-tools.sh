#!/usr/bin/env bash
# Installs what building and testing need, at pinned versions, only when missing.
#   scripts/ensure-tools.sh build   wasm target, wasm-bindgen-cli, wasm-opt (npm binaryen), brotli
#   scripts/ensure-tools.sh test    the above, plus wasm-pack, Chromium and ChromeDriver
# Everything comes from the Rust crate registry, Debian's packages and the npm registry (see shared/TOOLCHAIN.md).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate in Cargo.lock
WASM_PACK_VERSION=0.15.1
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
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
    # Not --locked: its lockfile wants a crate version the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
apt_install brotli:brotli gzip:gzip node:nodejs npm:npm
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules ]; then
    say "npm ci (wasm-opt, Playwright, axe-core, MiniSearch, Fuse.js: see package.json)"
    npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$what" = test ]; then
    if ! wasm-pack --version 2>/dev/null | grep -q " $WASM_PACK_VERSION"; then
        say "cargo install wasm-pack $WASM_PACK_VERSION (about 3 minutes)"
        cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
    fi
    apt_install chromium:chromium chromedriver:chromium-driver
fi
