# ogp-commitments: `make run` builds a release from samples/, `make test` runs the tests.
# Both set up a virtual environment first (Python 3.11, pinned by constraints.txt).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Runs started by `make run` are recorded here, so `make dev` shows them in the UI.
export DAGSTER_HOME := $(CURDIR)/.dagster_home

# The landing page is tested in Debian's headless Chromium, driven by Playwright (never
# `playwright install`: no browser downloads here). Installed once, as root, with apt.
CHROMIUM := /usr/bin/chromium
POSTGRES := /usr/lib/postgresql

.PHONY: setup run test test-fast lint format dev ui lock clean browser postgres

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

# Every test, on both cores (pytest-xdist; a worker steals tests the other has not begun).
test: setup lint browser postgres
	$(BIN)/pytest -n 2 --dist worksteal

# The quick loop while working: no test marked slow (real servers, browsers, SIGKILL
# trials, concurrent releases). `make test` runs them all.
test-fast: setup lint
	$(BIN)/pytest -n 2 --dist worksteal -m "not slow"

browser: $(CHROMIUM)

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "Debian's chromium is needed at $@ (apt-get install chromium)"; exit 1; }
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The production-instance test starts Debian's PostgreSQL server itself (as user postgres).
postgres: $(POSTGRES)

$(POSTGRES):
	@command -v apt-get >/dev/null || { echo "Debian's postgresql is needed at $@ (apt-get install postgresql)"; exit 1; }
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql

lint: setup
	$(BIN)/ruff check pipeline assets tests scripts bench
	$(BIN)/ruff format --check pipeline assets tests scripts bench

format: setup
	$(BIN)/ruff format pipeline assets tests scripts bench
	$(BIN)/ruff check --fix pipeline assets tests scripts bench

# The Dagster UI (webserver and daemon) on http://127.0.0.1:3000, runs kept in DAGSTER_HOME.
ui: setup
	DAGSTER_DISABLE_TELEMETRY=1 $(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

dev: ui

lock: setup
	( echo '# Lock file: the exact versions of every package the project installs (pip install -c).'; \
	  echo '# Regenerate after a dependency change with: make lock'; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^ogp-commitments' ) > constraints.txt

clean:
	rm -rf $(VENV) build .dagster_home releases .pytest_cache .ruff_cache
