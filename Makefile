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
PYTEST := $(VENV)/bin/pytest -p no:cacheprovider
# The SQLite and PostgreSQL stages run on two processes (pytest-xdist), one database each.
TEST_WORKERS ?= 2

.PHONY: help run test env system-packages lint typecheck migrations-check test-sqlite test-postgres test-e2e messages bench bench-matching bench-planner clean

# Every target says what it does after "##" on its own line; `make help` lists them in file order.
help: ## this list
	@awk -F ':.*## ' '/^[a-z][a-z0-9-]*:.*## / {printf "make %-18s – %s\n", $$1, $$2}' $(firstword $(MAKEFILE_LIST))

$(UV):
	@command -v python$(PYTHON_VERSION) >/dev/null || { echo "python$(PYTHON_VERSION) is required (pyenv: python$(PYTHON_VERSION))"; exit 1; }
	python$(PYTHON_VERSION) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

env: $(UV) ## the virtual environment in .venv, as uv.lock pins it
	$(UV) sync --locked --python python$(PYTHON_VERSION) --quiet

# The background worker (reminders, digests) runs beside the server and is stopped with it:
# the recipe's shell kills it on exit, Ctrl+C included.
run: env ## set up, migrate, seed the demo and serve http://127.0.0.1:8000 with a background worker
	@mkdir -p var
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py seed_demo --once
	DEBUG=true $(PY) manage.py db_worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

# Debian packages the tests need (PostgreSQL 15, Chromium, gettext, poppler, fonts); installed only when absent.
system-packages: ## the Debian packages the tests need, installed only when absent
	@scripts/system-packages.sh

# ruff, then the layering of the apps as import-linter contracts (pyproject.toml).
lint: env ## ruff and the layering of the apps (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

typecheck: env ## mypy with django-stubs
	$(VENV)/bin/mypy

# An in-memory database: the check needs no file under var/ on a fresh clone.
migrations-check: env ## fail when a model change has no migration
	DEBUG=true DATABASE_URL=sqlite:///:memory: $(PY) manage.py makemigrations --check --dry-run

# TEST_DATABASE_VENDOR makes tests/test_database_engine.py prove which engine each stage ran on.
test-sqlite: env ## the tests on SQLite (no browser)
	TEST_DATABASE_VENDOR=sqlite DATABASE_URL=sqlite:///var/test.sqlite3 $(PYTEST) -n $(TEST_WORKERS) -m "not e2e"

test-postgres: env system-packages ## the tests on a throwaway PostgreSQL 15 (no browser)
	scripts/with-postgres.sh $(PYTEST) -n $(TEST_WORKERS) -m "not e2e"

test-e2e: env system-packages ## the browser tests (Playwright, Chromium)
	DATABASE_URL=sqlite:///var/test.sqlite3 $(PYTEST) -m e2e tests/e2e

# Stages in order; the first failure stops the run.
test: env system-packages ## lint, type-check, and the whole test suite on SQLite, PostgreSQL and Chromium
	@echo "== lint (ruff)" && $(MAKE) --no-print-directory lint
	@echo "== type check (mypy)" && $(MAKE) --no-print-directory typecheck
	@echo "== migrations are up to date" && $(MAKE) --no-print-directory migrations-check
	@echo "== tests on SQLite" && $(MAKE) --no-print-directory test-sqlite
	@echo "== tests on PostgreSQL 15" && $(MAKE) --no-print-directory test-postgres
	@echo "== browser tests (Chromium)" && $(MAKE) --no-print-directory test-e2e
	@echo "== all stages passed"

# Extract and compile translations (the compiled .mo files are committed).
messages: env ## extract and compile the translations
	DEBUG=true $(PY) manage.py makemessages --locale=pl --locale=en --ignore=.venv --ignore=.tools --ignore=var --no-obsolete --no-location
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

# Benchmarks (figures, never timed assertions): a throwaway PostgreSQL filled at scale,
# pages measured against a bare view behind the same middleware and log-in. See README.
# BENCH_ARGS passes more options to bench/run.py, e.g. BENCH_ARGS="--explain --import-rows 0".
BENCH_PARTICIPANTS ?= 1000000
BENCH_MEETINGS ?= 10000000
BENCH_ARGS ?=
bench: env system-packages ## figures at scale on a throwaway PostgreSQL (see README, Performance)
	scripts/with-postgres.sh $(PY) -m bench.run --participants $(BENCH_PARTICIPANTS) --meetings $(BENCH_MEETINGS) $(BENCH_ARGS)

bench-matching: env ## matching alone: vectorised against the plain loop, no database (a minute)
	$(PY) -m bench.matching

bench-planner: env ## the visit planner alone: against exact optima and ten times its time limit, no database (six minutes)
	$(PY) -m bench.planner

clean: ## remove .venv, .tools and the collected static files
	rm -rf $(VENV) $(TOOLS) var/static
