# Two commands do everything on a fresh machine:
#   make demo   build the assignments, grade the bundled demo class, write reports/demo/
#   make test   run the test suite (what CI runs)
#   make lock   rewrite requirements.lock from the versions installed in .venv (after an upgrade)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
# The lock resolves for every platform (`--universal`) and for this Python and newer; the
# Gradescope setup checks the same minimum (autograder/authoring/gradescope.py, MIN_PYTHON).
LOCK_PYTHON := 3.11.5

.PHONY: demo test test-fast build validate bench clean lock

# Exactly the lock's versions (hash-checked), then the engine itself without resolving anything
# (built with the lock's setuptools).
$(STAMP): pyproject.toml $(LOCK)
	ldconfig -p 2>/dev/null | grep -q libseccomp.so.2 || (apt-get update -qq && apt-get install -y -qq libseccomp2) || true
	@$(PYTHON) -c 'import sys; v = "$(LOCK_PYTHON)"; ok = sys.version_info >= tuple(map(int, v.split("."))); \
	    ok or sys.exit(f"requirements.lock needs Python {v} or newer, {sys.executable} is {sys.version.split()[0]}: run make PYTHON=/path/to/a/newer/python3")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The versions installed now (the ones the tests passed with) become the lock: `pip freeze` is
# the constraint, uv resolves pyproject.toml's dependencies (all extras) under it, on all
# platforms (tensorflow on non-x86 machines at tensorflow-cpu's version), with hashes.
lock:
	$(BIN)/pip install --quiet uv
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e ' > $(VENV)/lock-constraints.txt
	sed -n 's/^tensorflow-cpu==/tensorflow==/p' $(VENV)/lock-constraints.txt > $(VENV)/lock-tensorflow.txt
	$(BIN)/uv pip compile pyproject.toml --all-extras --universal --python-version $(LOCK_PYTHON) \
	    --generate-hashes --no-annotate --custom-compile-command 'make lock' \
	    --constraint $(VENV)/lock-constraints.txt --constraint $(VENV)/lock-tensorflow.txt --output-file $(LOCK) --quiet

build: $(STAMP)
	$(BIN)/autograder build

validate: build
	$(BIN)/autograder validate --mutate

demo: build
	$(BIN)/autograder grade hw04 assignments/hw04/demo_class -o reports/demo/hw04 --timeout 30
	$(BIN)/autograder grade hw02 assignments/hw02/demo_class -o reports/demo/hw02 --timeout 30
	$(BIN)/autograder grade hw05 assignments/hw05/demo_class -o reports/demo/hw05 --timeout 60
	@echo "Reports: reports/demo/<hw>/summary.md, grades.csv, feedback/<student>.md"

test: $(STAMP)
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) || true
	$(BIN)/python -m pytest -q -rs

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m 'not slow'

bench: build
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf build reports
