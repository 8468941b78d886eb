#!/usr/bin/env bash
# `make run`: the development server and, beside it, the task worker that sends the e-mails (and runs
# Wagtail's background tasks), as in production. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

"$PY" manage.py run_daily_jobs || true  # the day's follow-ups, reminders and purge (once a day)
"$PY" manage.py db_worker --interval 1 &
worker=$!
trap 'kill -TERM "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
"$PY" manage.py runserver 127.0.0.1:8000
