# A throwaway PostgreSQL cluster, for scripts/test-postgres.sh and bench/load.sh (sourced).
#   pg_start DIR PORT [SETTING=VALUE...]   initdb in DIR/pg, started on 127.0.0.1:PORT (socket in DIR)
#   pg_stop DIR                            stopped at once, if running
# initdb and the server refuse to run as root: as root, they run as the postgres user, and DIR
# is handed to it.

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_start() {
    local dir=$1 port=$2
    shift 2
    [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL's server is not installed: scripts/ensure-tools.sh test" >&2; return 1; }
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_postgres "$pg_bin/initdb" -D "$dir/pg" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log"
    local options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300"
    for setting in "$@"; do options="$options -c $setting"; done
    as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -o "$options" start >/dev/null
}

pg_stop() {
    [ -f "$1/pg/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$1/pg" -m immediate -w stop >/dev/null
    return 0
}
