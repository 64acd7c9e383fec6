#!/usr/bin/env bash
# Schema testing of the reference API: schemathesis (pinned in scripts/ensure-tools.sh) sends
# generated requests to every operation of the served OpenAPI document, POSTs included, and
# checks that none answers 5xx, that every answer matches its documented schema and that
# every status is documented.
#   scripts/schema-test.sh URL [EXAMPLES] [SECONDS]   URL of a running server (http://127.0.0.1:PORT)
#   scripts/schema-test.sh --venv                     where the schemathesis venv lives
# Bounded: EXAMPLES per operation (default 20), SECONDS in all (default 300); the generation is
# deterministic, so a run can be repeated as it was.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^SCHEMATHESIS_VERSION=\([^ ]*\).*/\1/p' scripts/ensure-tools.sh)
venv=${DVC_SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/dichvucong/schemathesis-$version}
if [ "${1:-}" = --venv ]; then echo "$venv"; exit 0; fi
url=${1:?usage: scripts/schema-test.sh URL [EXAMPLES] [SECONDS]}
examples=${2:-20}
seconds=${3:-300}
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT
# Tracking and payment operations need a CCCD in X-Applicant: any string will do for the
# checks (a stranger's guess gets 404), but the rate limits must not turn the run into 429s:
# the server under test is started with high limits (see scripts/test.sh).
"$venv/bin/schemathesis" run "$url/api/v1/openapi.json" \
    --url "$url" \
    --max-examples "$examples" \
    --max-time "$seconds" \
    --generation-deterministic \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance \
    --no-color \
    --report junit --report-dir "$report" \
    --suppress-health-check all \
    --request-timeout 20
