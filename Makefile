# Two commands set up everything on a fresh machine:
#   make run    create .venv, install Newsroom, start the app on the default newsroom
#   make test   the same set-up with the test tools, then the whole suite, ruff and mypy
# Both skip the install when pyproject.toml has not changed since the last one.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
# Tests run Qt offscreen; QtWebEngine refuses to run as root without this.
TEST_ENV := QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1
PYTEST_ARGS ?=

.PHONY: run test lint typecheck bench clean help

help:
	@echo "make run    start the app (sets up .venv first)"
	@echo "make test   run the tests, ruff and mypy (sets up .venv first)"
	@echo "make bench  print storage benchmark figures (quick size)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Newsroom needs Python 3.11 or newer: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/newsroom-app

test: $(TEST_STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)
	$(BIN)/ruff check .
	$(BIN)/mypy --strict newsroom

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy --strict newsroom

bench: $(RUN_STAMP)
	$(BIN)/python bench/storage.py --quick

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
