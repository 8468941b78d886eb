#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on 127.0.0.1, then remove the cluster.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]   (DATABASE_URL is set for COMMAND)
set -euo pipefail

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL introuvable (paquet postgresql)." >&2; exit 1; }
port=${PGPORT_TEST:-54329}
workdir=$(mktemp -d /tmp/monbilan-pg.XXXXXX)
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$workdir"
  run_as=(runuser -u postgres --)
fi

cleanup() {
  "${run_as[@]}" "$pgbin/pg_ctl" -D "$workdir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

"${run_as[@]}" "$pgbin/initdb" -D "$workdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$pgbin/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $workdir -F" start >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }
"$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE ROLE monbilan LOGIN CREATEDB PASSWORD 'monbilan';"
"$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE monbilan OWNER monbilan;"

export DATABASE_URL="postgres://monbilan:monbilan@127.0.0.1:$port/monbilan"
echo "PostgreSQL prêt sur 127.0.0.1:$port"
"$@"
