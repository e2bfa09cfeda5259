# The two set-up commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Plain http on this machine, without DEBUG: mistakes show the site's own error pages.
DEMO_ENV := PALERMO_PLAIN_HTTP=1 PALERMO_DEMO=1
SRC := src tests bench scripts

.PHONY: run test lint typecheck pytest test-sqlite test-postgres browser-deps vendor messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	# pycanon (the k-anonymity baseline) pins old numpy/pandas; its anonymity module needs only
	# numpy and pandas, which the dev extra brings.
	$(BIN)/pip install --quiet --no-deps pycanon==1.3.6
	touch $@ $(VENV)/.installed

## run: install, migrate the SQLite database under var/, load demo data, serve on :8000
run: $(VENV)/.installed
	$(DEMO_ENV) $(BIN)/palermo migrate --noinput
	$(DEMO_ENV) $(BIN)/palermo reference
	$(DEMO_ENV) $(BIN)/palermo demo
	@echo ""
	@echo "  Palermo:  http://$(HOST):$(PORT)/   (sign in at http://$(HOST):$(PORT)/en/accounts/login/)"
	@echo "  Demo accounts are listed on the sign-in page and above."
	@echo ""
	$(DEMO_ENV) $(BIN)/palermo serve --host $(HOST) --port $(PORT)

## test: lint, types, the whole suite on SQLite and, when reachable, on PostgreSQL
test: $(VENV)/.dev-installed browser-deps lint typecheck pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check $(SRC)
	$(BIN)/ruff format --check $(SRC)

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy src

pytest: $(VENV)/.dev-installed
	$(BIN)/python scripts/run_tests.py

# Debian's Chromium for the Playwright tests, Noto fonts so Urdu and Arabic render, and
# poppler's pdftoppm so the report tests can picture a PDF page.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/noto ] || [ ! -x /usr/bin/pdftoppm ]; then \
		echo "Installing Chromium, Noto fonts and poppler-utils from Debian's packages"; \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
			chromium fonts-noto-core poppler-utils >/dev/null; \
	fi

## vendor: refresh the front-end libraries in src/palermo/static/vendor/ from npm
vendor:
	./scripts/vendor.sh

## messages: extract translatable strings and compile the catalogues (needs gettext)
messages: $(VENV)/.dev-installed
	cd src/palermo && ../../$(BIN)/django-admin makemessages --all --ignore "static/*" --no-obsolete
	cd src/palermo && ../../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
