# `make demo` and `make test` do all set-up on a fresh Debian machine with Python >= 3.11.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_WORKSPACE ?= dragoman-demo
BENCH_INPUT ?= ../shared/eval/extraction-scrapinghub/html
# pip's global config here names local indexes that may not exist; drop that noise, keep real errors.
QUIET_PIP := 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)

NER_DATA ?= ../shared/ner-train

.PHONY: help setup system-deps frontend test demo bench lock models clean

help:
	@echo "make demo   - set up, load the demo corpus into ./$(DEMO_WORKSPACE), run the pipeline, summarise"
	@echo "make test   - set up and run the test suite"
	@echo "make bench  - throughput and peak memory over BENCH_INPUT=$(BENCH_INPUT)"
	@echo "make lock   - re-pin requirements.lock (needs the package index; torch comes from the local CPU wheel)"
	@echo "make models - retrain the Arabic and Turkish NER models from NER_DATA=$(NER_DATA) (~15 min each)"

setup: $(STAMP) frontend

$(STAMP): requirements.lock pyproject.toml deploy/debian-packages.txt
	@$(MAKE) --no-print-directory system-deps
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Dragoman needs Python >= 3.11; set PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock $(QUIET_PIP)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e . $(QUIET_PIP)
	touch $(STAMP)

# The workbench's browser files (Leaflet, Natural Earth countries, topojson-client) come from the npm registry,
# pinned by frontend/package-lock.json, and are served from static/vendor/: no CDN, nothing fetched at run time.
FRONTEND_STAMP := frontend/node_modules/.installed
VENDOR := src/dragoman/web/static/vendor
VENDOR_FILES := frontend/node_modules/leaflet/dist/leaflet.js frontend/node_modules/leaflet/dist/leaflet.css \
	frontend/node_modules/topojson-client/dist/topojson-client.min.js frontend/node_modules/world-atlas/countries-50m.json

frontend: $(VENDOR)/.copied

$(FRONTEND_STAMP): frontend/package.json frontend/package-lock.json
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; } || true
	@command -v npm >/dev/null || { echo "make frontend: npm is missing; install Node.js 20 with npm" \
		"(Debian: apt-get install nodejs npm), then run make again"; exit 1; }
	cd frontend && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(VENDOR)/.copied: $(FRONTEND_STAMP)
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/images
	cp $(VENDOR_FILES) $(VENDOR)/
	cp frontend/node_modules/leaflet/dist/images/*.png $(VENDOR)/images/
	touch $@

system-deps:
	@pkgs="$$(sed -e 's/#.*//' deploy/debian-packages.txt | xargs)"; \
	missing=""; for p in $$pkgs; do dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "warning: missing Debian packages:$$missing (run make as root, or install them)"; fi

test: $(STAMP) frontend
	$(BIN)/python -m pytest

demo: $(STAMP) frontend
	rm -rf $(DEMO_WORKSPACE)
	$(BIN)/dragoman --workspace $(DEMO_WORKSPACE) demo
	@echo "Workspace: $(DEMO_WORKSPACE)  e.g.  $(BIN)/dragoman -w $(DEMO_WORKSPACE) search \"حفتر\""

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --input $(BENCH_INPUT)

# The trained models are committed; this rebuilds them (fixed seeds) with their model cards.
models: $(STAMP)
	for lang in ar tr; do nice -n 10 $(BIN)/python -m dragoman train ner --lang $$lang --data $(NER_DATA); done

lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 --find-links /opt/wheels \
		--override deploy/lock-overrides.txt \
		-o requirements.lock
	$(PYTHON) deploy/pin_model_hash.py requirements.lock

clean:
	rm -rf $(VENV) $(DEMO_WORKSPACE) .pytest_cache frontend/node_modules $(VENDOR)
