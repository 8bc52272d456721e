# Every target sets itself up from a fresh clone: `make demo` and `make test` need nothing else.
# The install also compiles the optional C screen (hatch_build.py), so editing it reinstalls.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck artefacts check-artefacts docs check-docs bench fuzz clean

$(STAMP): pyproject.toml hatch_build.py order_validation/_screen.c
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) -m order_validation.demo

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check order_validation tools
	$(VENV)/bin/mypy

typecheck: $(STAMP)
	$(VENV)/bin/mypy

artefacts: $(STAMP)
	$(PY) -m tools.export_artefacts

check-artefacts: $(STAMP)
	$(PY) -m tools.export_artefacts --check

docs: $(STAMP)
	$(PY) -m tools.gen_docs

check-docs: $(STAMP)
	$(PY) -m tools.gen_docs --check

bench: $(STAMP)
	$(PY) -m benchmarks.run

fuzz: $(STAMP)
	$(PY) -m pip install --quiet atheris
	mkdir -p fuzz/corpus-run
	$(PY) fuzz/fuzz_validate_json.py fuzz/corpus-run fuzz/corpus -timeout=10 -max_total_time=$${FUZZ_SECONDS:-60}

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
