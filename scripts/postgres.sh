#!/usr/bin/env bash
# A throw-away PostgreSQL 15 for the tests: installed from Debian's packages when missing,
# initialised in a temporary directory, listening on a free loopback port, with the Orleans
# schema applied. Source this file; it exports APEXFLEET_TEST_POSTGRES and PG_STOP (a command).
set -euo pipefail

pg_bin=/usr/lib/postgresql/15/bin
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x "$pg_bin/initdb" ]; then
  echo "Installing PostgreSQL 15 from Debian's packages..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql-15 >/dev/null
fi

# PostgreSQL refuses to run as root: the cluster belongs to the postgres system user.
pg_user=postgres
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] || pg_user="$(id -un)"

pg_dir="$(mktemp -d /tmp/apexfleet-pg.XXXXXX)"
chmod 755 "$pg_dir"
[ "$(id -u)" = 0 ] && chown "$pg_user" "$pg_dir"
# Below the ephemeral range: a port-0 pick is what the kernel hands the next outgoing connection too.
pg_port="$(python3 - <<'PY'
import random, socket
for port in random.sample(range(20000, 32000), 500):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
PY
)"

run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; exit 1; }
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c TimeZone=UTC" start >/dev/null \
  || { cat "$pg_dir/server.log"; exit 1; }

PG_STOP="run_pg $pg_bin/pg_ctl -D $pg_dir/data -m fast -w stop >/dev/null 2>&1; rm -rf $pg_dir"
psql_do() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_do -d postgres -c "CREATE DATABASE apexfleet" >/dev/null
psql_do -d apexfleet -f "$(dirname "${BASH_SOURCE[0]}")/../silo/ApexFleet.Silo/Database/orleans-postgresql.sql" >/dev/null

export APEXFLEET_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=apexfleet"
export PG_STOP
echo "PostgreSQL 15 on 127.0.0.1:$pg_port (data in $pg_dir), Orleans schema applied"
