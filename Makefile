# PressWatch — the two commands (DECISIONS §2) plus run, bench and the pieces they share.
# Every target does its own setup (scripts/setup.sh is idempotent and fast when nothing changed).

SHELL := /bin/bash
VENV := .venv/bin
PW := $(VENV)/presswatch

.PHONY: demo test run bench setup lint types contracts checks pytest pytest-services migrate clean

setup:
	@scripts/setup.sh

migrate: setup
	@$(PW) migrate --no-input -v 0
	@$(PW) collectstatic --no-input -v 0

## make demo — the whole system on embedded defaults with demo accounts, at http://127.0.0.1:8000
demo: migrate
	@$(PW) bootstrap --demo
	@$(PW) monitoring_demo_sources http://127.0.0.1:8100
	@echo "demo: sign in at http://127.0.0.1:8000 — accounts in README.md (password PressWatch-demo-2026)"
	@echo "demo: simulated outlets at http://127.0.0.1:8100"
	@PRESSWATCH_DEMO=true $(PW) up --demo-sites 8100

## make run — real use: no demo data; configure with PRESSWATCH_* variables (docs/operations.md)
run: migrate
	@$(PW) bootstrap
	@$(PW) up

## make test — every check; the PostgreSQL + Redis pass runs when PRESSWATCH_TEST_* are set
test: setup lint types contracts checks pytest pytest-services

lint:
	@echo "== ruff"
	@$(VENV)/ruff check src tests scripts bench conftest.py
	@$(VENV)/ruff format --check src tests scripts bench conftest.py

types:
	@echo "== mypy"
	@cd . && $(VENV)/mypy

contracts:
	@echo "== import contracts"
	@$(VENV)/lint-imports --no-cache

checks:
	@echo "== django checks, migrations, API schema"
	@PRESSWATCH_VAR_DIR=$$(mktemp -d) $(PW) check --fail-level WARNING
	@PRESSWATCH_VAR_DIR=$$(mktemp -d) $(PW) makemigrations --check --dry-run -v 0
	@PRESSWATCH_VAR_DIR=$$(mktemp -d) $(PW) spectacular --validate --fail-on-warn --file /dev/null

# With the services pass coming (PRESSWATCH_TEST_* set), the multi-process tests run there only,
# on PostgreSQL + Redis (the multi-machine layout); without it they run here. Keeps make test short.
pytest:
	@echo "== tests on SQLite (tasks: SqliteHuey)"
	@if [ -n "$$PRESSWATCH_TEST_DATABASE_URL" ] && [ -n "$$PRESSWATCH_TEST_REDIS_URL" ]; then \
		marks="not processes"; else marks=""; fi; \
	env -u PRESSWATCH_DATABASE_URL -u PRESSWATCH_REDIS_URL PRESSWATCH_VAR_DIR=$$(mktemp -d) \
		$(VENV)/pytest -q -m "$$marks"

pytest-services:
	@if [ -n "$$PRESSWATCH_TEST_DATABASE_URL" ] && [ -n "$$PRESSWATCH_TEST_REDIS_URL" ]; then \
		echo "== tests on PostgreSQL + Redis (the demo journeys ran in the SQLite pass)"; \
		PRESSWATCH_DATABASE_URL=$$PRESSWATCH_TEST_DATABASE_URL \
		PRESSWATCH_REDIS_URL=$$PRESSWATCH_TEST_REDIS_URL \
		PRESSWATCH_VAR_DIR=$$(mktemp -d) $(VENV)/pytest -q -m "not journey"; \
	else \
		echo "== SKIPPED: the PostgreSQL + Redis pass (set PRESSWATCH_TEST_DATABASE_URL and PRESSWATCH_TEST_REDIS_URL to run it)"; \
	fi

## make bench — benchmarks with their anchors (never in CI)
bench: setup
	@PRESSWATCH_VAR_DIR=$$(mktemp -d) $(VENV)/python -m bench

clean:
	rm -rf .venv node_modules assets var
