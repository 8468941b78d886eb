# Two commands on a fresh machine: `make run` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test test-postgres system-deps clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(INSTALLED)

system-deps:
	@bash scripts/install-system-deps.sh

run: system-deps $(INSTALLED)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Le portail démarre sur http://127.0.0.1:8000/ (Ctrl+C pour l'arrêter)."
	$(PY) manage.py runserver 127.0.0.1:8000

test: system-deps $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# The same tests on a throwaway PostgreSQL cluster (started and stopped by the script).
test-postgres: system-deps $(INSTALLED)
	bash scripts/with-postgres.sh $(VENV)/bin/pytest

clean:
	rm -rf $(VENV) .test-media .test-db.sqlite3
