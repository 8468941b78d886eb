#!/usr/bin/env bash
# A PostgreSQL cluster that outlives one command, for a session of benchmarking (the data of
# `manage.py bench_data --candidates 100000` takes minutes to generate: generate once, measure often).
#
#   bench/postgres.sh start [DIR]   create (if needed) and start the cluster in DIR, print DATABASE_URL
#   bench/postgres.sh stop  [DIR]   stop it (the data stays in DIR)
#   bench/postgres.sh url           print DATABASE_URL
#   bench/postgres.sh drop  [DIR]   stop it and remove DIR
#
# DIR defaults to /tmp/monbilan-bench-pg; the port is PGPORT_BENCH (default 54330).
# For a throwaway cluster, use scripts/with-postgres.sh (what `make bench` does).
set -euo pipefail

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL introuvable (paquet postgresql)." >&2; exit 1; }
port=${PGPORT_BENCH:-54330}
command=${1:-}
dir=${2:-/tmp/monbilan-bench-pg}
url="postgres://monbilan:monbilan@127.0.0.1:$port/monbilan"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  run_as=(runuser -u postgres --)
fi

case "$command" in
  start)
    if [ ! -d "$dir/data" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
      "${run_as[@]}" "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
      fresh=1
    fi
    # Durability is off (-F: no fsync): this cluster holds generated data only.
    "${run_as[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-h 127.0.0.1 -p $port -k $dir -F -c shared_buffers=1GB -c work_mem=16MB -c maintenance_work_mem=512MB -c max_wal_size=8GB" \
      start >/dev/null
    if [ -n "${fresh:-}" ]; then
      "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE ROLE monbilan LOGIN CREATEDB PASSWORD 'monbilan';"
      "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE monbilan OWNER monbilan;"
    fi
    echo "$url"
    ;;
  stop)
    "${run_as[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    ;;
  url)
    echo "$url"
    ;;
  drop)
    "${run_as[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    sed -n '2,11p' "$0" >&2
    exit 2
    ;;
esac
