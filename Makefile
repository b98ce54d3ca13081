# The two commands a newcomer needs: `make serve` and `make test`. Each sets itself up.
PYTHON ?= python3
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

.PHONY: serve site test check pages register release offline bench lock clean

## serve: build the site and serve it at http://127.0.0.1:8000, rebuilding on every edit
serve: $(READY)
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

## site: build the whole site into site/ (strict: any warning fails); ENGINE=properdocs or ENGINE=zensical to use another engine
site: $(READY) $(ENGINE_READY)
	$(BUILD_SITE)

## test: run every test (the engine tests build with ProperDocs and Zensical too)
test: $(READY) $(NODE_READY) $(ZENSICAL_READY)
	$(BIN)/python -m pytest

## check: validate data/ only
check: $(READY)
	$(BIN)/python scripts/build_pages.py --check

## pages: assemble build/docs/ and build/overrides/, what every engine reads (the MkDocs hook does this on every build)
pages: $(READY)
	$(BIN)/python scripts/build_pages.py

$(READY): requirements.txt requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements.lock
	touch $(READY)

$(ZENSICAL_READY): requirements-zensical.txt
	@echo "installing Zensical 0.0.73 for the engine tests into $(ZENSICAL_VENV), ~40 s"
	test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $(ZENSICAL_READY)

# axe-core for the browser tests, installed exactly as package-lock.json pins it
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

## bench: time the generator and the full build at 1x, 10x and 100x the data; writes BENCHMARKS.md; prints search quality (MRR)
bench: $(READY) $(NODE_READY)
	$(BIN)/python scripts/bench.py
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python scripts/search_quality.py site
	$(BIN)/python scripts/lighthouse.py site --write BENCHMARKS.md

## lock: re-pin every transitive dependency after editing requirements.txt
lock: $(READY)
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock.new
	( sed -n '1,2p' requirements.lock; cat requirements.lock.new ) > requirements.lock && rm requirements.lock.new

# build/docs and build/overrides stay, as their tracked .gitignore: engines need the folders to exist
clean:
	rm -rf site site-offline dist .pytest_cache .cache
	find build -mindepth 1 ! -path build/docs ! -path build/overrides ! -name .gitignore -delete
