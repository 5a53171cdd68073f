# perfmgmt: `make run` to try it with demo data, `make test` to run the whole suite.
# Both work on a fresh Debian machine with Python 3.12 or newer: they create .venv,
# install what is needed (Debian packages too, when run as root) and go.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages: WeasyPrint needs Pango; psycopg2 builds against libpq; the browser
# tests drive Debian's Chromium; PDF checks use poppler's pdftotext/pdftoppm.
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libpq-dev gcc fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils

.PHONY: run test lint system-packages-run system-packages-test clean

run: system-packages-run $(VENV)/.installed-runtime
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py load_demo $(if $(DEMO_PASSWORD),--password $(DEMO_PASSWORD))
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: system-packages-test $(VENV)/.installed-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

system-packages-run:
	@bash .ci/debian-packages.sh $(RUN_PACKAGES)

system-packages-test:
	@bash .ci/debian-packages.sh $(TEST_PACKAGES)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || \
		{ echo "perfmgmt needs Python 3.12 or newer; $(PYTHON) is older. Set PYTHON=/path/to/python3.12."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-runtime

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
