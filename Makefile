PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run demo test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Compiled once here, not on every start: an editable install leaves the
# project's own modules uncompiled.
COMPILE := $(BIN)/python -m compileall -q store tui widgets > /dev/null

run: $(STAMP)
	$(COMPILE)
	$(BIN)/leadboard $(ARGS)

demo: $(STAMP)
	$(COMPILE)
	$(BIN)/leadboard demo $(ARGS)

test: $(TEST_STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: $(TEST_STAMP)
	$(COMPILE)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache
