# POP Platform. `make help` lists the targets.
PYTHON ?= python3
PORT ?= 8000
# The address every printed or e-mailed link names (see README, Configuration).
SITE_URL ?= http://127.0.0.1:$(PORT)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=
# Test workers (pytest-xdist); WORKERS=0 runs the suite in one process.
WORKERS ?= 2
XDIST := $(if $(filter 0,$(WORKERS)),,-n $(WORKERS) --dist loadgroup)

.DEFAULT_GOAL := help
.PHONY: help run test browser pdf-libs lint format messages makemessages install install-dev check demo clean bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)

install: $(PY) ## Install the runtime dependencies into .venv
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt

install-dev: $(PY) ## Install runtime, test and lint dependencies into .venv
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt

messages: ## Compile the translations (locale/**/*.po -> .mo, upstream catalogues included)
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(MANAGE) compilemessages --ignore=$(VENV) --ignore=node_modules -v 0; \
	else \
		$(PY) -c "import glob, polib; [polib.pofile(p).save_as_mofile(p[:-2] + 'mo') for p in glob.glob('locale/**/LC_MESSAGES/*.po', recursive=True)]"; \
	fi

makemessages: install ## Update locale/sq/LC_MESSAGES/django.po from the code and templates
	$(MANAGE) makemessages -l sq --ignore=$(VENV) --ignore=node_modules --ignore=tests --ignore=staticfiles --no-location --no-wrap

run: install messages pdf-libs ## Set up and serve the demo site and its worker (http://127.0.0.1:8000, PORT=…)
	$(MANAGE) migrate --noinput -v 0
	SITE_URL=$(SITE_URL) $(MANAGE) load_demo_data
	SITE_URL=$(SITE_URL) $(MANAGE) run_site 127.0.0.1:$(PORT)

demo: install messages pdf-libs ## Migrate and load what is missing of the demo content
	$(MANAGE) migrate --noinput -v 0
	SITE_URL=$(SITE_URL) $(MANAGE) load_demo_data

browser: ## Install Debian's Chromium for the browser tests (needs root)
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
pdf-libs: ## Install Debian's libraries WeasyPrint draws PDFs with (needs root)
	@missing=$$(for p in $(PDF_LIBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
		else echo "PDF documents need: sudo apt-get install $$missing" >&2; exit 1; fi; fi

test: install-dev messages browser pdf-libs ## Run the whole test suite (DATABASE_URL selects PostgreSQL)
	$(VENV)/bin/pytest tests --ignore=tests/browser --create-db $(XDIST) $(PYTEST_ARGS)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest tests/browser --create-db $(XDIST) $(PYTEST_ARGS)

lint: install-dev ## Check code style (ruff) and the architecture's import contracts (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=site:. $(VENV)/bin/lint-imports --no-cache

format: install-dev ## Fix code style (ruff)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install-dev ## Django checks and missing migrations
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

clean: ## Remove the local database, media and compiled files
	rm -rf db.sqlite3 db.sqlite3-* media .test-media .test-db staticfiles
	find locale -name '*.mo' -delete

PRESET ?= small
INSTANCES ?= 1
bench: install messages ## Benchmark on PostgreSQL and Redis (PRESET=small|full, INSTANCES=2)
	DJANGO_SETTINGS_MODULE=config.settings.bench $(MANAGE) bench --preset=$(PRESET) --instances=$(INSTANCES) $(BENCH_ARGS)
