#!/usr/bin/env bash
# The reference API scaled out, tested for real on this machine: a throwaway PostgreSQL
# cluster in a temporary folder, the whole API test suite on it, then two server instances
# sharing it (and one uploads folder) behind nginx (deploy/nginx.conf), all on 127.0.0.1:
#   - e2e/scale/: exactly-once filing and settling across instances, event streams hearing
#     the other instance, single-use handoffs, shared rate limits, and one instance killed
#     (SIGKILL) under load with nothing lost or doubled, then rejoining;
#   - e2e/page/pay.test.mjs through nginx: a whole page files and pays a dossier.
# Everything it started stops on any exit. Needs the built app in dist/ (scripts/build-app.sh)
# and PostgreSQL's server, nginx and Node (scripts/ensure-tools.sh test installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
bin="$PWD/$target_dir/debug/dvc-server"
case "$target_dir" in /*) bin="$target_dir/debug/dvc-server" ;; esac

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# shellcheck source=scripts/lib/postgres.sh
. scripts/lib/postgres.sh
command -v nginx >/dev/null || { echo "nginx is not installed: scripts/ensure-tools.sh test" >&2; exit 1; }

work=$(mktemp -d /tmp/dvc-postgres.XXXXXX)
cleanup() {
    set +e
    [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")"
    for pid_file in "$work"/instance-*.pid; do [ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null; done
    pg_stop "$work"
    sleep 0.5
    rm -rf "$work"
}
trap cleanup EXIT

pg_port=$(free_port)
say "A throwaway PostgreSQL cluster ($("$pg_bin/postgres" --version)) on 127.0.0.1:$pg_port"
# Durability is not what these tests are about (an instance is killed, never the database):
# no fsync makes the cluster quick on a small machine.
pg_start "$work" "$pg_port" fsync=off
psql_admin() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -qAt "$@"; }

say "The API suite on PostgreSQL (DVC_TEST_DATABASE_URL: a schema of its own per test database)"
DVC_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres" cargo test --locked -p dvc-server

say "Two instances sharing one database and one uploads folder, behind nginx"
cargo build --locked -p dvc-server
psql_admin -d postgres -c "CREATE DATABASE dvc"
export DVC_E2E_NOW=${DVC_E2E_NOW:-2027-02-05T09:00:00+07:00}
export DVC_E2E_BANK_SECRET=${DVC_E2E_BANK_SECRET:-test-e2e-bank-gateway-secret}
export DVC_E2E_OFFICER_TOKEN=${DVC_E2E_OFFICER_TOKEN:-e2e-officer-token}
a_port=$(free_port)
b_port=$(free_port)
lb_port=$(free_port)
# start-instance.sh NAME PORT: one instance in the background, its pid in instance-NAME.pid
# (the kill test restarts an instance with it).
cat >"$work/start-instance.sh" <<SCRIPT
#!/usr/bin/env bash
echo \$\$ >"$work/instance-\$1.pid"
exec env DVC_PORT="\$2" DVC_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/dvc" DVC_UPLOADS="$work/uploads" \\
    DVC_STATIC=dist DVC_LOG=warn DVC_CLOCK="$DVC_E2E_NOW" DVC_PUBLIC_URL="http://127.0.0.1:$lb_port" \\
    DVC_TRUSTED_PROXIES=127.0.0.1 DVC_KIOSK_NETWORKS=127.0.0.0/8 DVC_UPLOADS_PER_HOUR=1000000 \\
    DVC_BANK_SECRET="$DVC_E2E_BANK_SECRET" DVC_TEST_BANK=on DVC_OFFICER_TOKEN="$DVC_E2E_OFFICER_TOKEN" \\
    DVC_HOTLINE="0000 000 000" "$bin" >>"$work/instance-\$1.log" 2>&1
SCRIPT
chmod +x "$work/start-instance.sh"
wait_for() {
    for _ in $(seq 1 150); do
        curl -fsS "$1/api/v1/stats" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    echo "$1 did not answer" >&2
    tail -n 20 "$work"/instance-*.log "$work/nginx/error.log" 2>/dev/null >&2
    exit 1
}
export DVC_E2E_STARTED_MS=$(date +%s%3N)
"$work/start-instance.sh" a "$a_port" &
wait_for "http://127.0.0.1:$a_port"
"$work/start-instance.sh" b "$b_port" &
wait_for "http://127.0.0.1:$b_port"
mkdir -p "$work/nginx"
sed -e "s/127.0.0.1:8080/127.0.0.1:$lb_port/; s/127.0.0.1:8081/127.0.0.1:$a_port/; s/127.0.0.1:8082/127.0.0.1:$b_port/" \
    -e "s/^worker_processes auto;/worker_processes 1;/" deploy/nginx.conf >"$work/nginx/nginx.conf"
nginx -p "$work/nginx/" -c nginx.conf
wait_for "http://127.0.0.1:$lb_port"

export DVC_SCALE_LB="http://127.0.0.1:$lb_port" DVC_SCALE_A="http://127.0.0.1:$a_port" DVC_SCALE_B="http://127.0.0.1:$b_port"
export DVC_SCALE_WORK="$work" DVC_SCALE_PG="postgres://postgres@127.0.0.1:$pg_port/dvc"
say "Across instances (node --test e2e/scale/)"
node --test --test-reporter=spec e2e/scale/

say "A whole page through nginx: filing and paying a dossier (e2e/page/pay.test.mjs)"
DVC_URL="$DVC_SCALE_LB" node --test --test-reporter=spec e2e/page/pay.test.mjs
