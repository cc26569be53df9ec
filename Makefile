# Engagera: `make run` to try it, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PO := $(wildcard locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)

.PHONY: run serve test test-fast lint format messages bench load clean demo a11y trust
.DEFAULT_GOAL := run

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The .mo files are committed so a machine without gettext still runs; rebuild them when msgfmt exists.
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@if command -v msgfmt >/dev/null; then msgfmt --check -o $@ $<; else echo "msgfmt missing: using the committed $@"; fi

run: $(STAMP) $(MO)
	$(BIN)/engagera migrate --noinput -v0
	$(BIN)/engagera demo --if-empty
	@echo ""
	@echo "Engagera runs on http://127.0.0.1:8000/  (stop with Ctrl-C)"
	@echo ""
	@# A background worker beside the server: emails, digests, webhooks, retention.
	@$(BIN)/engagera worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/engagera serve --host 127.0.0.1 --port 8000

test: $(STAMP) $(MO)
	$(BIN)/ruff check .
	$(BIN)/pytest

test-fast: $(STAMP) $(MO)
	$(BIN)/pytest -m "not browser" -x -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract strings, keep English complete (its texts are the msgids), compile both catalogues.
messages: $(STAMP)
	$(BIN)/engagera makemessages -l sv -l en --no-obsolete --no-location --ignore '.venv/*' --ignore 'bench/*' --ignore 'tests/*' --ignore 'data/*'
	$(BIN)/python tools/fill_english_po.py locale/en/LC_MESSAGES/django.po
	msgfmt --check -o locale/sv/LC_MESSAGES/django.mo locale/sv/LC_MESSAGES/django.po
	msgfmt --check -o locale/en/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.po

# The practice loop (issue 2), survey results (issue 4), then a large generated organisation
# (issue 8; cached in bench/.cache).
bench: $(STAMP) $(MO)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/bench_surveys.py
	$(BIN)/python bench/large.py

# Mixed manager traffic against gunicorn for 60 s, one server and two sharing PostgreSQL (issue 8).
load: $(STAMP) $(MO)
	$(BIN)/python bench/load.py

# Accessibility: axe-core on every page, as each role, in Swedish and English (issue 9).
a11y: $(STAMP) $(MO)
	$(BIN)/pytest tests/a11y -p no:randomly -q -s

# Trust figures: access matrix, injection, deploy check, crash runs, backups (issue 7).
trust: $(STAMP) $(MO)
	$(BIN)/python tools/trust_report.py

clean:
	rm -rf $(VENV) .pytest_cache
