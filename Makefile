# Two commands do all set-up: `make run` (serve on the embedded store) and `make test` (whole suite).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-test browser lint typecheck bench load check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## run: build the store (first time) and serve on http://$(HOST):$(PORT)
run: install
	$(BIN)/exportgraph serve --host $(HOST) --port $(PORT)

load: install
	$(BIN)/exportgraph load

check: install
	$(BIN)/exportgraph check

## browser: Debian's chromium for the browser tests (installed with apt when missing and allowed)
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "no /usr/bin/chromium: browser tests will be skipped (install Debian's chromium)"; fi

## test: the whole suite (unit, API, store on embedded/memory/remote, property-based, browser);
## compiled modules are kept (__pycache__), so the servers and CLIs the suite starts do not each
## compile the package again where the environment says not to write them
test: install-test browser
	$(BIN)/ruff check .
	$(MAKE) --no-print-directory typecheck
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## typecheck: mypy --strict over the package as installed (api/ and loaders/ inside exportgraph/):
## mypy does not follow setuptools' package-dir mapping, so it reads a tree of links laid out the same way
TYPECHECK := build/typecheck
typecheck: install-test
	@rm -rf $(TYPECHECK) && mkdir -p $(TYPECHECK)/exportgraph
	@for f in exportgraph/*; do ln -s "$(CURDIR)/$$f" $(TYPECHECK)/exportgraph/; done
	@ln -s "$(CURDIR)/api" $(TYPECHECK)/exportgraph/api && ln -s "$(CURDIR)/loaders" $(TYPECHECK)/exportgraph/loaders
	cd $(TYPECHECK) && $(abspath $(BIN))/mypy --config-file $(CURDIR)/pyproject.toml exportgraph
	@# the benchmarks call the product's functions: checked against them, so none falls behind
	cd bench && MYPYPATH=$(abspath $(TYPECHECK)) $(abspath $(BIN))/mypy --config-file $(CURDIR)/pyproject.toml --explicit-package-bases .

## bench: every benchmark, each printing ratios against its baseline in the same run (bench/_*.py
## are helpers they share, not benchmarks)
bench: install-test
	@for b in bench/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf build data/store .pytest_cache .mypy_cache .ruff_cache
