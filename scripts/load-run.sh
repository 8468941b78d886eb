#!/usr/bin/env bash
# The load run (`make load`): a throwaway PostgreSQL cluster, the schema, the ten phases, generated data
# (`manage.py bench_data`), gunicorn with the production settings on 127.0.0.1 (portal.settings.loopback:
# plain HTTP, nothing else relaxed), then locust headless: candidates autosaving and browsing, counsellors
# on their dashboards (bench/locustfile.py). Everything stays on this machine and stops by itself.
#
# Results in LOAD_OUT (default .cache/load-run): locust_stats.csv (and _failures, _exceptions),
# summary.md (the table of docs/load-run.md), gunicorn.log. Exit status 1 if any request failed or a
# page view's p95 is 300 ms or more.
#
# Variables: LOAD_CANDIDATES (generated candidates, 10000), LOAD_CANDIDATE_USERS (50),
# LOAD_COUNSELLOR_USERS (5), LOAD_RUN_TIME (2m), LOAD_SPAWN_RATE (2 users/s), LOAD_WORKERS (gunicorn
# workers, 5), LOAD_THREADS (threads per worker, 1), LOAD_THINK_SCALE (think times × this, 1),
# CONN_MAX_AGE (60), PGPORT_LOAD (54341).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--inside" ]; then
  PGPORT_TEST=${PGPORT_LOAD:-54341} exec bash scripts/with-postgres.sh bash "$0" --inside
fi

py=.venv/bin/python
candidates=${LOAD_CANDIDATES:-10000}
candidate_users=${LOAD_CANDIDATE_USERS:-50}
counsellor_users=${LOAD_COUNSELLOR_USERS:-5}
run_time=${LOAD_RUN_TIME:-2m}
spawn_rate=${LOAD_SPAWN_RATE:-2}  # 55 people arriving over half a minute (docs/load-run.md)
workers=${LOAD_WORKERS:-5}
threads=${LOAD_THREADS:-1}
out=${LOAD_OUT:-.cache/load-run}
mkdir -p "$out"
rm -f "$out"/locust_*.csv "$out"/summary.md "$out"/*.log

work=$(mktemp -d /tmp/monbilan-load.XXXXXX)
gunicorn_pid=
cleanup() {
  if [ -n "$gunicorn_pid" ]; then
    kill -TERM "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=portal.settings.loopback
SECRET_KEY=$($py -c "import secrets; print(secrets.token_urlsafe(50))")
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export CONN_MAX_AGE=${CONN_MAX_AGE:-60}  # production's default, said here for the record
export MEDIA_ROOT=$work/media PRIVATE_MEDIA_ROOT=$work/private-media STATIC_ROOT=$work/static
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export LOAD_USERS=$work/users.json LOAD_CANDIDATE_USERS=$candidate_users LOAD_COUNSELLOR_USERS=$counsellor_users
# The production settings log at INFO level: that goes to setup.log, shown if a command fails.
manage() { $py manage.py "$@" 2>>"$out/setup.log" || { tail -n 30 "$out/setup.log" >&2; return 1; }; }

echo "=== Schéma, table du cache, phases"
manage migrate --noinput -v 0
manage createcachetable
manage load_phases >/dev/null
echo "=== Données générées : $candidates candidats (manage.py bench_data)"
manage bench_data --candidates "$candidates"
echo "=== Fichiers statiques (collectstatic, compressés comme en production)"
manage collectstatic --noinput -v 0

# The accounts locust logs in with, drawn from the generated data; and the size of that data.
manage shell -c "
import json, random
from django.db import connection
from bench import data
from candidates.models import PhaseResponse, User
rng = random.Random(2026)
n = $candidates
accounts = {
    'password': data.PASSWORD,
    'candidates': [data.candidate_username(i) for i in rng.sample(range(1, n + 1), $candidate_users)],
    'counsellors': [data.counsellor_username(j) for j in rng.sample(range(1, data.counsellor_count(n) + 1), $counsellor_users)],
}
open('$LOAD_USERS', 'w').write(json.dumps(accounts))
with connection.cursor() as cursor:
    cursor.execute('SELECT pg_size_pretty(pg_database_size(current_database()))')
    size = cursor.fetchone()[0]
line = f'{User.objects.count()} comptes, {PhaseResponse.objects.count()} réponses aux phases, base de {size}'
open('$work/data-size.txt', 'w').write(line)
print(line)
"

port=$($py -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
echo "=== gunicorn : $workers worker(s) × $threads thread(s) sur 127.0.0.1:$port"
.venv/bin/gunicorn portal.wsgi:application --bind "127.0.0.1:$port" --workers "$workers" --threads "$threads" \
  --access-logfile "$out/gunicorn-access.log" --access-logformat '%(t)s "%(r)s" %(s)s %(b)s %(M)sms' \
  --error-logfile "$out/gunicorn.log" --graceful-timeout 10 &
gunicorn_pid=$!
$py - "$port" <<'EOF'
import sys, time, urllib.request
deadline = time.monotonic() + 60
while True:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/connexion/", timeout=10)
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("gunicorn ne répond pas")
        time.sleep(0.5)
EOF
sleep 10  # the first worker answers; let the others finish starting (each imports the whole portal)

users=$((candidate_users + counsellor_users))
echo "=== locust : $candidate_users candidats et $counsellor_users conseillers pendant $run_time"
status=0
.venv/bin/locust -f bench/locustfile.py --headless --only-summary --users "$users" --spawn-rate "$spawn_rate" \
  --run-time "$run_time" --stop-timeout 10 --host "http://127.0.0.1:$port" --csv "$out/locust" \
  --loglevel WARNING || status=$?

$py scripts/load-summary.py "$out" --workers "$workers" --threads "$threads" --run-time "$run_time" \
  --users "$candidate_users candidats, $counsellor_users conseillers" --data "$(cat "$work/data-size.txt")" \
  --think "${LOAD_THINK_SCALE:-1}" \
  || status=1
exit "$status"
