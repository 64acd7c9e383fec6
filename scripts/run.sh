#!/usr/bin/env bash
# Builds the app and starts the reference API serving it, in the foreground, at
# http://127.0.0.1:8080 (DVC_PORT=… or --port N to change it), with the test identity provider
# (e2e/idp) at http://127.0.0.1:9090 (IDP_PORT=…) so "Đăng nhập bằng VNeID" works at once: its
# login page lists the test citizens. DVC_OIDC_ISSUER (with its client id and secret) names a
# real provider instead. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-app.sh
cargo build --locked --release -p dvc-server
# The demo: new dossiers move along by themselves so a person sees progress (DVC_DEMO_PROGRESS=off to stop it).
export DVC_DEMO_PROGRESS="${DVC_DEMO_PROGRESS:-on}"
# Another dataset (DVC_DATASET=phu-tho-2025) gets a database of its own.
if [ -n "${DVC_DATASET:-}" ] && [ -z "${DVC_DB:-}" ]; then
    export DVC_DB="var/$DVC_DATASET.sqlite"
fi

port=${DVC_PORT:-8080}
args=("$@")
for i in "${!args[@]}"; do
    case "${args[$i]}" in
        --port) port=${args[$((i + 1))]:-$port} ;;
        --port=*) port=${args[$i]#--port=} ;;
    esac
done
if [ -z "${DVC_OIDC_ISSUER:-}" ]; then
    export IDP_PORT="${IDP_PORT:-9090}"
    export RP_BASE="${DVC_PUBLIC_URL:-http://127.0.0.1:$port}"
    scripts/test-idp.sh &
    idp=$!
    trap 'kill "$idp" 2>/dev/null || true' EXIT INT TERM
    export DVC_OIDC_ISSUER="http://127.0.0.1:$IDP_PORT" DVC_OIDC_CLIENT_ID=dvc-app DVC_OIDC_CLIENT_SECRET=test-only-secret
fi
"${CARGO_TARGET_DIR:-target}/release/dvc-server" "$@"
