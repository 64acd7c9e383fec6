#!/usr/bin/env bash
# The test identity provider (e2e/idp/), in the foreground on 127.0.0.1:${IDP_PORT:-9090}, for
# the app at ${RP_BASE:-http://127.0.0.1:8080}. Its login page lists its test citizens.
# Needs the npm tools (scripts/ensure-tools.sh build). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
export IDP_PORT="${IDP_PORT:-9090}" RP_BASE="${RP_BASE:-http://127.0.0.1:8080}"
# oidc-provider names Node.js 22 as its runtime; on 20 it works and says so once.
exec node --no-warnings e2e/idp/server.mjs
