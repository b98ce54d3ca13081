# The two commands a newcomer needs: `make serve` and `make test`. Each sets itself up.
# Prerequisites: Python 3.11 (3.11.5+), 3.12 or 3.13, make, and Chromium for the browser tests (README).
# Node.js is needed only by `make lighthouse` (part of `make bench`).

# The newest supported Python found (pyproject.toml's requires-python says the same). Passed over:
# a name that does not run (a pyenv shim for a version not selected) and 3.11.0-3.11.4 (Debian 12
# has 3.11.2), which the pinned pymdown-extensions 13 does not install on.
# `make PYTHON=/path/to/python3.12 ...` chooses one.
SUPPORTED_PYTHONS := python3.13 python3.12 python3.11
SUPPORTED := Python 3.11 (3.11.5 or later), 3.12 or 3.13
IS_SUPPORTED := import sys; sys.exit(not (3, 11, 5) <= sys.version_info < (3, 14))
PYTHON ?= $(firstword $(foreach python,$(SUPPORTED_PYTHONS),$(if $(shell $(python) -c '$(IS_SUPPORTED)' 2>/dev/null && echo yes),$(python))))
# Every test but the browser ones: what `make test-pythons` runs on each Python.
GENERATOR_TESTS := tests --ignore=tests/browser
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed
NODE_READY := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
HOST ?= 127.0.0.1:8000
# Zensical runs in a venv of its own (requirements-zensical.txt says why it is pinned at 0.0.73)
ZENSICAL_VENV := .venv-zensical
ZENSICAL_READY := $(ZENSICAL_VENV)/.installed

# The engine `make site` builds with: mkdocs (default), properdocs or zensical. MkDocs and
# ProperDocs run scripts/build_pages.py as their hook; Zensical runs no hooks, so it runs first.
ENGINE ?= mkdocs
ifeq ($(ENGINE),mkdocs)
BUILD_SITE := $(BIN)/mkdocs build --strict
else ifeq ($(ENGINE),properdocs)
BUILD_SITE := $(BIN)/properdocs build --strict -f mkdocs.yml
else ifeq ($(ENGINE),zensical)
BUILD_SITE := $(BIN)/python scripts/build_pages.py && $(ZENSICAL_VENV)/bin/zensical build --strict -f mkdocs.yml
ENGINE_READY := $(ZENSICAL_READY)
else
$(error ENGINE is mkdocs, properdocs or zensical, not '$(ENGINE)')
endif

.PHONY: serve serve-full site test check pages register release offline bench lighthouse test-pythons lock clean

## serve: build the site and serve it at http://127.0.0.1:8000; on every save, rebuild the pages whose Markdown changed (about a second)
serve: $(READY)
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload --dirty

## serve-full: the same, but every save rebuilds every page (about 3 s), so a new title also shows in every page's navigation
serve-full: $(READY)
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

## site: build the whole site into site/ (strict: any warning fails); ENGINE=properdocs or ENGINE=zensical to use another engine
site: $(READY) $(ENGINE_READY)
	$(BUILD_SITE)

## test: run every test (the engine tests build with ProperDocs and Zensical too)
test: $(READY) $(ZENSICAL_READY)
	$(BIN)/python -m pytest

## check: validate data/ only
check: $(READY)
	$(BIN)/python scripts/build_pages.py --check

## pages: assemble build/docs/ and build/overrides/, what every engine reads (the MkDocs hook does this on every build)
pages: $(READY)
	$(BIN)/python scripts/build_pages.py

# Once per clone (again when the requirements change): .venv with the pinned dependencies.
$(READY): requirements.txt requirements.lock
	$(if $(or $(PYTHON),$(wildcard $(BIN)/python)),,$(error No supported Python found ($(SUPPORTED)): see README, Prerequisites))
	@test -x $(BIN)/python || { \
	  $(PYTHON) -c '$(IS_SUPPORTED)' || { echo "make: $(PYTHON) is $$($(PYTHON) --version), not $(SUPPORTED): see README, Prerequisites" >&2; exit 1; }; \
	  echo "Setting up .venv with $$($(PYTHON) --version) (once per clone)"; \
	  $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -c '$(IS_SUPPORTED)' || { echo "make: .venv uses $$($(BIN)/python --version), which is not supported: delete .venv and run make again" >&2; exit 1; }
	@echo "Installing the pinned dependencies into .venv (requirements.lock): 1-2 minutes on a first run"
	@start=$$(date +%s); \
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements.lock && \
	echo "Installed in $$(( $$(date +%s) - start )) s"
	@touch $(READY)

$(ZENSICAL_READY): requirements-zensical.txt
	@echo "installing Zensical 0.0.73 for the engine tests into $(ZENSICAL_VENV), ~40 s"
	test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $(ZENSICAL_READY)

# lighthouse for `make lighthouse`, installed exactly as package-lock.json pins it (Node.js only)
$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_READY)

## register: record every address the built site publishes (run after adding records)
register: site
	$(BIN)/python scripts/register_addresses.py site

## release: (needs SITE_URL, the published address) check everything, build the site, record new addresses, archive it in dist/
release: $(READY)
	@$(BIN)/python scripts/require_site_url.py
	$(BIN)/python scripts/build_pages.py --check
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/register_addresses.py site
	$(BIN)/python scripts/archive.py site

## offline: a zip of the site that works from the file system, search included
offline: $(READY)
	$(BIN)/mkdocs build --strict -f mkdocs-offline.yml
	$(BIN)/python scripts/archive.py site-offline --offline

## bench: the build against the same pages without the generator, 10x the data, the edit loop under serve; writes BENCHMARKS.md; prints search quality (MRR); then Lighthouse if Node.js is there
bench: $(READY)
	$(BIN)/python -m scripts.bench
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python scripts/search_quality.py site
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory lighthouse; \
	else echo "bench: Node.js (npm) not found, so the Lighthouse scores were skipped; everything else was measured"; fi

## lighthouse: Lighthouse scores for four pages into BENCHMARKS.md (needs Node.js and npm)
lighthouse: $(READY) $(NODE_READY)
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python scripts/lighthouse.py site --write BENCHMARKS.md

## test-pythons: install the pinned dependencies and run the generator's tests on every supported Python found (temporary venvs)
# With pyenv, make every version's shim run first: `pyenv shell 3.13.0 3.12.1 3.11.7`.
test-pythons:
	@for python in $(SUPPORTED_PYTHONS); do \
	  if ! $$python -c '$(IS_SUPPORTED)' 2>/dev/null; then echo "$$python: not found (or too old), skipped"; continue; fi; \
	  venv=$$(mktemp -d)/venv; \
	  $$python -m venv $$venv && \
	  $$venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements.lock && \
	  $$venv/bin/python -m pytest -q -p no:cacheprovider $(GENERATOR_TESTS) >/dev/null \
	  && echo "$$($$python --version): installs and passes" || { echo "$$($$python --version): FAILED"; exit 1; }; \
	  rm -rf $$(dirname $$venv); \
	done

## lock: re-pin every transitive dependency after editing requirements.txt
lock: $(READY)
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock.new
	( sed -n '1,2p' requirements.lock; cat requirements.lock.new ) > requirements.lock && rm requirements.lock.new

# build/docs and build/overrides stay, as their tracked .gitignore: engines need the folders to exist
clean:
	rm -rf site site-offline dist .pytest_cache .cache
	find build -mindepth 1 ! -path build/docs ! -path build/overrides ! -name .gitignore -delete
