# Quotidien: `make run` serves the demo newsroom, `make test` runs the whole suite.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails, Stripe's return addresses and the API's URLs name the paper's public
# address: by default, the one `make run` serves.
SITE_URL ?= http://$(HOST):$(PORT)
# The test run's commits need not wait for the disk (synchronous_commit off): a crash
# would lose a test database, which every run makes anew.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/quotidien?options=-c%20synchronous_commit%3Doff
APT_GET := $(if $(filter 0,$(shell id -u)),,sudo )apt-get

.PHONY: run dev demo-data serve serve-dev install install-test test test-sqlite test-postgres test-sqlite-then-pages test-postgres-then-cluster test-browser test-pages test-quality test-cluster lint format corpus bench cluster cluster-stop clean

# The demo newsroom as production serves it: granian, DEBUG off, compressed static files.
run: install demo-data
	$(PY) manage.py collectstatic --noinput -v0
	@$(MAKE) --no-print-directory serve

# The same newsroom on Django's development server: DEBUG on, reloaded when the code changes.
dev: install demo-data
	@$(MAKE) --no-print-directory serve-dev

demo-data:
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

# The scheduler (scheduled publishing) and two background workers run beside the site:
# one for every task, one for the proxies' purges alone, which never wait behind a long
# task. Ctrl-C stops them all. Granian's workers hang when the terminal's Ctrl-C reaches
# them beside their master: the server runs in a session of its own, stopped by the trap.
serve serve-dev demo-data: export SITE_URL := $(SITE_URL)

serve:
	@echo "Site : http://$(HOST):$(PORT)/  —  administration : http://$(HOST):$(PORT)/admin/"
	@$(PY) manage.py publish_scheduled_loop & scheduler=$$!; \
	$(PY) manage.py worker & worker=$$!; \
	$(PY) manage.py worker --queues=purges & purger=$$!; \
	HOST=$(HOST) PORT=$(PORT) setsid $(BIN)/quotidien serve & server=$$!; \
	trap 'kill $$scheduler $$worker $$purger $$server 2>/dev/null; wait' EXIT INT TERM; \
	wait $$server

serve-dev:
	@echo "Site : http://$(HOST):$(PORT)/  —  administration : http://$(HOST):$(PORT)/admin/"
	@$(PY) manage.py publish_scheduled_loop & scheduler=$$!; \
	$(PY) manage.py worker & worker=$$!; \
	$(PY) manage.py worker --queues=purges & purger=$$!; \
	trap 'kill $$scheduler $$worker $$purger 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

install: $(VENV)/.installed node_modules/.fonts

install-test: $(VENV)/.installed-test node_modules/.installed /usr/bin/chromium
	@command -v java >/dev/null || ($(APT_GET) update -qq && $(APT_GET) install -y -qq default-jre-headless)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@

NPM_INSTALL := npm install --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error
ENSURE_NPM := command -v npm >/dev/null || ($(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq npm)

# The site's fonts (package.json's dependencies): collectstatic needs them. `--omit=dev`
# would remove the test tools of a full install, so it runs only when there is none.
node_modules/.fonts: package.json
	@$(ENSURE_NPM)
	@if [ ! node_modules/.installed -nt package.json ]; then $(NPM_INSTALL) --omit=dev; fi
	@touch $@

# Fonts and test tools (axe-core, the HTML checker, Lighthouse).
node_modules/.installed: package.json
	@$(ENSURE_NPM)
	$(NPM_INSTALL)
	@touch $@

/usr/bin/chromium:
	$(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium

# The SQLite and PostgreSQL runs share nothing: they go side by side, each on a core. The
# SQLite run is the shorter: the browser tests follow it on its core, the cluster test the
# PostgreSQL run on the other, so that both cores finish near the same time; the quality
# checks (Lighthouse measures speed) come last, with the machine to themselves.
test: install-test lint
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite-then-pages test-postgres-then-cluster
	@$(MAKE) --no-print-directory test-quality

test-sqlite-then-pages: install-test
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-pages

test-postgres-then-cluster: install-test
	@$(MAKE) --no-print-directory test-postgres
	@$(MAKE) --no-print-directory test-cluster

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-sqlite: install-test
	$(BIN)/pytest -m "not browser and not cluster"

test-postgres: install-test
	DATABASE_URL='$(TEST_DATABASE_URL)' $(BIN)/pytest -m "not browser and not cluster"

# The site as `make cluster` runs it, on free ports: purges, the replica, an app server lost.
test-cluster: install-test /usr/sbin/varnishd
	$(BIN)/pytest -m cluster tests/cluster

# All the browser tests: test-pages, then test-quality.
test-browser: install-test
	$(BIN)/pytest -m browser

# The browser tests but the quality checks.
test-pages: install-test
	$(BIN)/pytest -m browser --ignore=tests/browser/test_quality.py

# Lighthouse, axe-core, the Nu Html Checker and screenshots of the reader's pages, served by
# `quotidien serve`; reports and screenshots in var/quality/<run>/.
test-quality: install-test
	$(BIN)/pytest -m browser tests/browser/test_quality.py

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks: `make bench-<name>` runs bench/<name>.py (ARGS="..." passes options).
BENCHES := $(sort $(basename $(notdir $(filter-out bench/common.py,$(wildcard bench/*.py)))))

bench: $(addprefix bench-,$(BENCHES))

bench-%: $(VENV)/.installed-test
	$(PY) bench/$*.py $(ARGS)

# The load test drives the server with wrk and measures nginx beside it (Debian packages);
# the server runs from an install with what production has, without the test tools
# (bench/load.py looks for it there).
SERVE_VENV := var/bench/venv
bench-load: /usr/bin/wrk /usr/sbin/nginx $(SERVE_VENV)/.installed

$(SERVE_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv --clear $(SERVE_VENV)
	$(SERVE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

bench-cluster: /usr/bin/wrk /usr/sbin/nginx /usr/sbin/varnishd

/usr/bin/wrk:
	$(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq wrk

/usr/sbin/nginx:
	$(APT_GET) update -qq && (DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq nginx-light \
	  || DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq nginx)

# The site as a fleet runs it, on the loopback: Varnish in front of two app servers, a
# worker, PostgreSQL with a streaming read replica, Redis (deploy/cluster.py says how).
cluster: install /usr/sbin/varnishd
	$(PY) -m deploy.cluster start

cluster-stop:
	$(PY) -m deploy.cluster stop

# Debian starts the packaged Varnish as a service on port 6081: the cluster runs its own.
/usr/sbin/varnishd:
	$(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq varnish
	-systemctl disable --now varnish varnishncsa >/dev/null 2>&1

corpus: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py generate_corpus --articles $(or $(ARTICLES),100000)

clean:
	rm -rf $(VENV) node_modules var
