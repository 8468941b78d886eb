# Two commands on a fresh machine: `make run` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
AXE := .cache/npm/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1

.PHONY: run test test-postgres audit system-deps clean

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
	@echo "Le portail démarre sur http://127.0.0.1:8000/ (Ctrl+C pour l'arrêter)."
	$(PY) manage.py runserver 127.0.0.1:8000

test: system-deps $(INSTALLED) $(AXE)
	$(VENV)/bin/ruff check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# The same tests on a throwaway PostgreSQL cluster (started and stopped by the script).
test-postgres: system-deps $(INSTALLED) $(AXE)
	bash scripts/with-postgres.sh $(VENV)/bin/pytest

# Known vulnerabilities in the pinned requirements (asks PyPI's advisory data: needs the network).
audit: $(INSTALLED)
	$(VENV)/bin/pip-audit --requirement requirements.txt --progress-spinner off

clean:
	rm -rf $(VENV) .cache .test-media .test-private-media
