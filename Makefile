# Each target sets itself up from nothing: a .venv with the package and its dependencies.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: all setup test report docs bench clean

all: test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## make test: the whole suite (exits non-zero if no test ran)
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

## make report: attractor and drug-response reports for the curated model, in reports/
report: $(STAMP)
	$(BIN)/python analyses/run_all.py --out reports

## make bench: the benchmark scripts of benchmarks/
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_attractors.py

clean:
	rm -rf $(VENV) reports build dist *.egg-info .pytest_cache .hypothesis
