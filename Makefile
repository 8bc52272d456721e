# Every target sets itself up from a fresh clone: `make demo` and `make test` need nothing else.
# The install also compiles the optional C screen (hatch_build.py), so editing it reinstalls.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck artefacts check-artefacts docs check-docs bench fuzz sanitize clean

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

# The C screen built with AddressSanitizer and UBSan, under the tests that feed it odd input;
# the normal build is put back afterwards (gcc only).
SCREEN := order_validation/_screen$(shell $(PYTHON) -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
sanitize: $(STAMP)
	cp $(SCREEN) $(SCREEN).release
	gcc -shared -fPIC -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -ffp-contract=off \
		-I$$($(PY) -c "import sysconfig; print(sysconfig.get_paths()['include'])") \
		order_validation/_screen.c -o $(SCREEN)
	ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		LD_PRELOAD="$$(gcc -print-file-name=libasan.so) $$(gcc -print-file-name=libubsan.so)" \
		HYPOTHESIS_PROFILE=ci $(PY) -m pytest -q -p no:cacheprovider tests/test_fast_paths.py \
		tests/test_hostile.py tests/test_money_and_rules.py tests/test_datetimes.py \
		tests/test_fuzz_properties.py tests/test_concurrency.py; \
		status=$$?; mv $(SCREEN).release $(SCREEN); exit $$status

fuzz: $(STAMP)
	$(PY) -m pip install --quiet atheris
	mkdir -p fuzz/corpus-run
	$(PY) fuzz/fuzz_validate_json.py fuzz/corpus-run fuzz/corpus -timeout=10 -max_total_time=$${FUZZ_SECONDS:-60}

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
