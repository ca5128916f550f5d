# congtin: two commands. `make demo` sets up and runs the portal with demo content; `make test` runs
# the whole suite (lint included). Both create and use .venv/ themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install install-dev lint audit serve clean prod-local

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "congtin cần Python 3.11 trở lên (PYTHON=$(PYTHON) là " + sys.version.split()[0] + "); chạy: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@touch $@

# Runtime packages (pinned in pyproject.toml); reinstalled when pyproject.toml changes.
$(VENV)/.installed: $(VENV)/.python-ok pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/congtin migrate --noinput
	$(BIN)/congtin collectstatic --noinput --verbosity 0
	$(BIN)/congtin demo --url http://$(HOST):$(PORT)
	$(BIN)/congtin runserver $(HOST):$(PORT)

# The production stack on this machine: nginx in front of gunicorn, on the demo (or DATABASE_URL).
prod-local: install
	$(BIN)/python deploy/prod_local.py --port $(or $(PROD_PORT),8080) --workers $(or $(WORKERS),2)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

# Known vulnerabilities of the installed (pinned) packages; CI runs it (.ci/audit).
audit: install-dev
	$(BIN)/python .ci/audit.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
