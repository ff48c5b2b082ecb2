# Reintegra: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION ?= 3.12
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help run test env system-packages lint typecheck migrations-check test-sqlite test-postgres test-e2e messages bench clean

help:
	@echo "make run   – set up, migrate, seed the demo and serve http://127.0.0.1:8000"
	@echo "make test  – lint, type-check, and the whole test suite on SQLite, PostgreSQL and Chromium"

$(UV):
	@command -v python$(PYTHON_VERSION) >/dev/null || { echo "python$(PYTHON_VERSION) is required (pyenv: python$(PYTHON_VERSION))"; exit 1; }
	python$(PYTHON_VERSION) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

env: $(UV)
	$(UV) sync --locked --python python$(PYTHON_VERSION) --quiet

run: env
	@mkdir -p var
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py seed_demo --once
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

# Debian packages the tests need: PostgreSQL server, Chromium, gettext; installed only when absent.
system-packages:
	@scripts/system-packages.sh

lint: env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: env
	$(VENV)/bin/mypy

migrations-check: env
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

test-sqlite: env
	$(VENV)/bin/pytest -m "not e2e" -p no:cacheprovider

test-postgres: env
	scripts/with-postgres.sh $(VENV)/bin/pytest -m "not e2e" -p no:cacheprovider

test-e2e: env
	$(VENV)/bin/pytest -m e2e -p no:cacheprovider

test: env system-packages
	$(MAKE) --no-print-directory lint typecheck migrations-check
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-e2e

# Extract and compile translations (the compiled .mo files are committed).
messages: env
	DEBUG=true $(PY) manage.py makemessages --locale=pl --locale=en --ignore=.venv --ignore=.tools --ignore=var --no-obsolete
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

clean:
	rm -rf $(VENV) $(TOOLS) var/static
