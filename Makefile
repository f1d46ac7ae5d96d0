# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
UV_VERSION := 0.13.9
UV := UV_PROJECT_ENVIRONMENT=$(CURDIR)/$(VENV) $(VENV)/bin/uv
MANAGE := $(VENV)/bin/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers: the machine's two cores; override with PYTEST_ARGS= for a serial run.
PYTEST_ARGS ?= -n 2

.PHONY: run test bench install install-dev migrate seeds lint format check messages clean

$(VENV)/bin/uv:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(VENV)/bin/uv
	$(UV) sync --frozen --inexact --no-dev

install-dev: $(VENV)/bin/uv
	$(UV) sync --frozen --inexact

migrate: install
	$(MANAGE) migrate --no-input

## seeds: the reviewed real data only; `make run` adds the demo rows (development only)
seeds: migrate
	$(MANAGE) load_seeds $(SEEDS_ARGS)
	$(MANAGE) setup_roles

## run: install, migrate, load seeds with demo rows, create the demo login, serve on SQLite (or DATABASE_URL)
run: SEEDS_ARGS = --demo
run: seeds
	$(MANAGE) ensure_demo_staff
	@echo "Site: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

## test: install what tests need and run the whole suite
test: install-dev
	$(VENV)/bin/pytest $(PYTEST_ARGS)

## bench: every route at 10,000 and 1,000,000 rows on PostgreSQL and gunicorn (docs/benchmarks.md);
## not in make test. A quick run at 10,000 rows only: make bench BENCH_ARGS="--size small --drop"
BENCH_ARGS ?= --drop
bench: install-dev
	command -v wrk >/dev/null || apt-get install -y wrk || sudo apt-get install -y wrk
	$(VENV)/bin/python tests/benchmarks/run.py $(BENCH_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## messages: refresh both catalogues after changing user-facing strings, then translate them
messages: install-dev
	$(MANAGE) makemessages --locale zh_Hans --locale en --no-obsolete \
		--ignore ".venv/*" --ignore "test-artifacts/*" --ignore "static/vendor/*"
	$(MANAGE) compilemessages --ignore ".venv/*"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
