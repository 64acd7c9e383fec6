#!/usr/bin/env bash
# Builds the app and starts the reference API serving it, in the foreground, at
# http://127.0.0.1:8080 (DVC_PORT=… or --port N to change it). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-app.sh
cargo build --locked --release -p dvc-server
# The demo: new dossiers move along by themselves so a person sees progress (DVC_DEMO_PROGRESS=off to stop it).
export DVC_DEMO_PROGRESS="${DVC_DEMO_PROGRESS:-on}"
exec "${CARGO_TARGET_DIR:-target}/release/dvc-server" "$@"
