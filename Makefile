# Two commands on a fresh machine: `make run` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
AXE := .cache/npm/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1

.PHONY: run test test-postgres audit system-deps clean load bench load-bench

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(INSTALLED)

# axe-core, injected into Chromium by the accessibility tests (tests/e2e/test_accessibility.py).
$(AXE):
	npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@$(AXE_VERSION)

system-deps:
	@bash scripts/install-system-deps.sh

run: system-deps $(INSTALLED)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Le portail démarre sur http://127.0.0.1:8000/, avec son envoi de courriels (Ctrl+C pour l'arrêter)."
	PY=$(PY) bash scripts/run-dev.sh

test: system-deps $(INSTALLED) $(AXE)
	$(VENV)/bin/ruff check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# The same tests on a throwaway PostgreSQL cluster (started and stopped by the script).
test-postgres: system-deps $(INSTALLED) $(AXE)
	bash scripts/with-postgres.sh $(VENV)/bin/pytest

# The load run (docs/load-run.md): PostgreSQL, 10 000 generated candidates, gunicorn, locust for 2 minutes.
load: system-deps $(INSTALLED)
	$(PY) -m pip install --quiet -r requirements-load.txt
	bash scripts/load-run.sh

# Known vulnerabilities in the pinned requirements (asks PyPI's advisory data: needs the network).
audit: $(INSTALLED)
	$(VENV)/bin/pip-audit --requirement requirements.txt --progress-spinner off

clean:
	rm -rf $(VENV) .cache .test-media .test-private-media

# Performance (docs/performance.md): N generated candidates (`manage.py bench_data`) on a throwaway
# PostgreSQL, then the server time and SQL queries of the main pages (bench/run.py), e.g. `make bench N=100000`.
N ?= 10000
BENCH_RUNS ?= 40
BENCH_REPEAT ?= 3
bench: system-deps $(INSTALLED)
	mkdir -p .cache
	bash scripts/with-postgres.sh sh -c '$(PY) manage.py migrate --noinput -v 0 && \
	  DJANGO_SETTINGS_MODULE=bench.settings $(PY) manage.py bench_data --candidates $(N) && \
	  $(PY) bench/run.py --runs $(BENCH_RUNS) --repeat $(BENCH_REPEAT) --json .cache/bench-$(N).json'

# Throughput under load (docs/performance.md, « Sous charge »): gunicorn with 2 sync workers and the
# production settings, wrk with 8 connections for 15 s a page; the demo data on SQLite, then LOAD_N
# generated candidates on a throwaway PostgreSQL. BEFORE=<git revision> measures that code too, in the
# same run (e.g. `make load-bench BEFORE=dbe9f30`). Results in .cache/load-bench-*.json.
LOAD_N ?= 10000
BEFORE ?=
load-bench: system-deps $(INSTALLED)
	mkdir -p .cache
	$(PY) bench/load.py --data demo $(if $(BEFORE),--before $(BEFORE)) --json .cache/load-bench-sqlite.json
	PGPORT_TEST=$${PGPORT_LOAD:-25432} bash scripts/with-postgres.sh $(PY) bench/load.py --data bench \
	  --candidates $(LOAD_N) $(if $(BEFORE),--before $(BEFORE)) --json .cache/load-bench-postgres.json
