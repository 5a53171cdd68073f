# perfmgmt: `make run` to try it with demo data, `make test` to run the whole suite,
# `make bench` to measure it at ten times a council.
# Both work on a fresh Debian machine with Python 3.12 or newer: they create .venv,
# install what is needed (Debian packages too, when run as root) and go.

SHELL := /bin/bash
# The first Python 3.12+ that actually runs (a pyenv shim for a missing version does not).
ifndef PYTHON
PYTHON := $(shell for candidate in python3.13 python3.12 python3; do \
	if $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	command -v $$candidate; break; fi; done)
endif
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs in two processes (pytest-xdist), one per core of a CI machine.
TEST_WORKERS ?= 2

# Debian packages: WeasyPrint needs Pango (and Liberation Sans, which stands in for Arial); psycopg2 builds against libpq; the browser
# tests drive Debian's Chromium; PDF checks use poppler's pdftotext/pdftoppm.
# Debian's own Python also needs venv and headers (pyenv's Python has them).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libpq-dev gcc fonts-dejavu-core fonts-liberation \
	$(if $(filter /usr/bin/%,$(PYTHON)),python3-venv python3-dev)
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils libreoffice-writer-nogui

.PHONY: run test lint bench system-packages-run system-packages-test clean

COUNCIL_NAME ?= Portsmouth City Council
# Links in the demo's email point at the address being served.
SITE_URL ?= http://$(HOST):$(PORT)
DEMO_ENV := DEBUG=true COUNCIL_NAME="$(COUNCIL_NAME)" SITE_URL="$(SITE_URL)"

run: system-packages-run $(VENV)/.installed-runtime
	$(DEMO_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEMO_ENV) $(BIN)/python manage.py load_demo $(if $(DEMO_PASSWORD),--password $(DEMO_PASSWORD))
	@# A task worker beside the web server (publication and long PDFs are made there); both stop together.
	$(DEMO_ENV) $(BIN)/python manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: system-packages-test $(VENV)/.installed-dev
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Pages, PDFs and throughput at the demo's size and at ten times a council, against the
# budgets in bench/README.md: a table, var/bench/results.json, and exit 1 if one is broken.
# Needs PostgreSQL (BENCH_DATABASE_URL; by default perfmgmt_bench on 127.0.0.1, made afresh).
bench: system-packages-test $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

system-packages-run:
	@bash .ci/debian-packages.sh $(RUN_PACKAGES)

system-packages-test:
	@bash .ci/debian-packages.sh $(TEST_PACKAGES)

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "perfmgmt needs Python 3.12 or newer. Install it (Debian: apt-get install python3;" \
		"pyenv: pyenv install 3.13), or set PYTHON=/path/to/python3.12."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-runtime: requirements.txt constraints.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt constraints.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@ $(VENV)/.installed-runtime

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
