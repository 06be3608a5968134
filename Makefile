# Each target sets itself up from nothing: a .venv with the package and its dependencies.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: all setup browser test report docs bench clean

all: test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## browser: Debian's chromium + chromedriver for the explorer's browser test (quick if present)
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	   apt-get install -y -qq chromium chromium-driver >/dev/null)

## make test: the lint and type gates (ruff, mypy; rules in pyproject.toml), then the whole
## suite (exits non-zero if no test ran)
test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q

## make report: attractor and drug-response reports for the curated model, in reports/
report: $(STAMP)
	$(BIN)/python analyses/run_all.py --out reports

## make bench: the benchmark scripts of benchmarks/
bench: $(STAMP)
	@ldconfig -p | grep -q libtinfo.so.5 || (command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq libtinfo5) >/dev/null) || \
	  echo "libtinfo5 missing: pyboolnet's NuSMV comparison will be reported as failed"
	$(BIN)/python benchmarks/bench_attractors.py
	$(BIN)/python benchmarks/bench_screen.py
	$(BIN)/python benchmarks/bench_curated.py
	$(BIN)/python benchmarks/bench_control.py
	nice -n 10 $(BIN)/python benchmarks/bench_async.py --timeout 120

## make docs: tutorial, semantics, CLI and API reference (mkdocs + mkdocstrings) into site/
DOCS_STAMP := $(VENV)/.docs-installed
$(DOCS_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	touch $(DOCS_STAMP)

docs: $(DOCS_STAMP)
	$(BIN)/python docs/gen_cli_reference.py --check
	$(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) reports site build dist *.egg-info .pytest_cache .hypothesis test-artifacts
