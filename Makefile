# Onedoor: `make demo` serves the portal with demo content; `make test` runs every test.
# Everything is installed into .venv and node_modules from the project's own files; a second
# run installs nothing that has not changed.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# A Python 3.12 or newer: $(PYTHON) if given, else the first one found.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Development defaults for demo/run; the environment still wins. Links in emails, texts and QR
# codes point at the server that runs.
DEV_ENV := DEBUG=$${DEBUG:-1} PORTAL_BASE_URL=$${PORTAL_BASE_URL:-http://$(HOST):$(PORT)}

.PHONY: help setup demo run worker scheduler test test-fast lint format lock bench cluster loadtest clean

help:
	@echo "make demo    set up, load demo content and serve on http://$(HOST):$(PORT)/"
	@echo "make test    set up and run every test"
	@echo "make run     serve without reloading the demo content"
	@echo "make worker  run the background task worker"
	@echo "make scheduler  enqueue the periodic clean-ups when due"
	@echo "make lint    ruff, migrations check, deploy check"
	@echo "make bench   measure throughput and latency under a real WSGI server"
	@echo "make lock    re-resolve requirements.lock from pyproject.toml"
	@echo "make cluster the reference deployment on loopback: PostgreSQL, Redis, S3, HAProxy, 2+2"
	@echo "make loadtest  load it, kill an app server and a worker, check nothing was lost"

$(PY):
	@test -n "$(PYTHON)" || { echo "Onedoor needs Python 3.12 or newer: install it, or run make PYTHON=/path/to/python3.12"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Onedoor builds its styles with Node.js: install Node.js 20 or newer (npm)."; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

ASSET_SOURCES := $(shell find assets -type f 2>/dev/null)
build/static/.built: node_modules/.installed $(ASSET_SOURCES)
	node assets/build.mjs
	touch $@

MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po locale/allauth/*/LC_MESSAGES/*.po))
locale/%.mo: locale/%.po $(VENV)/.installed
	$(PY) -c "import sys, polib; polib.pofile(sys.argv[1]).save_as_mofile(sys.argv[2])" $< $@

setup: $(VENV)/.installed build/static/.built $(MO_FILES)

demo: setup
	$(DEV_ENV) $(MANAGE) migrate --no-input
	$(DEV_ENV) $(MANAGE) demo
	$(DEV_ENV) $(MANAGE) db_worker --batch --no-startup-delay -v 0
	@$(MAKE) --no-print-directory run

run: setup
	$(DEV_ENV) $(MANAGE) migrate --no-input -v 0
	@echo "Serving on http://$(HOST):$(PORT)/ (the task worker and the scheduler run beside it). Ctrl-C stops all three."
	@$(DEV_ENV) $(MANAGE) db_worker --no-startup-delay -v 0 & worker=$$!; \
	$(DEV_ENV) $(MANAGE) scheduler -v 0 & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(MANAGE) runserver $(HOST):$(PORT)

worker: setup
	$(MANAGE) db_worker

scheduler: setup
	$(MANAGE) scheduler

# One test worker per core (TEST_WORKERS=0: in this process, one test after another).
TEST_WORKERS ?= auto
test: setup
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=lint-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
		ALLOWED_HOSTS=portal.example.gov PORTAL_BASE_URL=https://portal.example.gov \
		EMAIL_HOST=smtp.example.gov CLAMD_ADDRESS=tcp://127.0.0.1:3310 \
		$(MANAGE) check --deploy --fail-level WARNING

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

lock: $(VENV)/.installed
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
		--python-version 3.12 --quiet -o requirements.lock

bench: setup
	DATABASE_URL=$(DATABASE_URL) REDIS_URL=$(REDIS_URL) $(PY) bench/run.py

# The reference deployment on this machine (bench/cluster.py): PostgreSQL (a fresh database on
# CLUSTER_POSTGRES_URL's server), Redis, SeaweedFS's S3, HAProxy over two app servers, two
# workers and the scheduler. Needs Debian's haproxy and redis-server.
cluster: setup
	$(PY) -m bench.cluster

# Load and faults against it (bench/loadtest.py); LOADTEST_SECONDS (120) and friends.
loadtest: setup
	$(PY) -m bench.loadtest

clean:
	rm -rf build staticfiles .pytest_cache
