# ogp-commitments: `make run` builds a release from samples/, `make test` runs the tests.
# Both set up a virtual environment first (Python 3.11, pinned by constraints.txt).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Runs started by `make run` are recorded here, so `make dev` shows them in the UI.
export DAGSTER_HOME := $(CURDIR)/.dagster_home

.PHONY: setup run test lint format dev lock clean

setup: $(STAMP) $(DAGSTER_HOME)/dagster.yaml

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

$(DAGSTER_HOME)/dagster.yaml:
	mkdir -p $(DAGSTER_HOME)
	printf 'telemetry:\n  enabled: false\n' > $@

run: setup
	$(BIN)/commitments release

test: setup lint
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check pipeline assets tests scripts
	$(BIN)/ruff format --check pipeline assets tests scripts

format: setup
	$(BIN)/ruff format pipeline assets tests scripts
	$(BIN)/ruff check --fix pipeline assets tests scripts

dev: setup
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

lock: setup
	( echo '# Lock file: the exact versions of every package the project installs (pip install -c).'; \
	  echo '# Regenerate after a dependency change with: make lock'; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^ogp-commitments' ) > constraints.txt

clean:
	rm -rf $(VENV) build .dagster_home releases .pytest_cache .ruff_cache
