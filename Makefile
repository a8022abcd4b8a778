# Two commands set everything up on a fresh Debian 12 with python3 make git ca-certificates (root or sudo):
#   make demo   - system and Python packages, venv, then a real result from examples/
#   make test   - lint (ruff), types (mypy), tests (pytest)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
# The Debian packages the venv, WeasyPrint and the PDF tests need; the one list (README says why each).
SYSTEM_PACKAGES := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk poppler-utils chromium

.PHONY: demo test lint typecheck pytest fuzz system-deps venv docs clean

# The stamp marks a finished venv. Without it, whatever is in $(VENV) was left by a set-up that
# stopped (no ensurepip, pip cut off): rebuild it rather than build on it.
$(BIN)/.installed: pyproject.toml
	@[ -e $@ ] || [ ! -e $(VENV) ] || echo "$(VENV) is unfinished (an earlier set-up stopped): rebuilding it"
	[ -e $@ ] || $(PYTHON) -m venv --clear $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Start-up: bytecode for every changed module, also where PYTHONDONTWRITEBYTECODE is set.
$(BIN)/.compiled: $(BIN)/.installed $(shell find maturity -name '*.py')
	$(BIN)/python -m compileall -q maturity
	touch $@

venv: $(BIN)/.compiled

system-deps:
	@sh scripts/system-deps.sh $(SYSTEM_PACKAGES)

demo: system-deps venv
	mkdir -p $(OUT)
	$(BIN)/maturity show cmmm --lang en >/dev/null
	$(BIN)/maturity score examples/cmmm-discrete-sample.yaml --lang zh
	$(BIN)/maturity score examples/cmmm-discrete-sample.yaml --format json -o $(OUT)/sample-result.json --lang en
	$(BIN)/maturity report examples/cmmm-discrete-sample.yaml -o $(OUT)/sample-report.pdf --lang zh
	$(BIN)/maturity report examples/cmmm-discrete-sample.yaml -o $(OUT)/sample-report-en.html --lang en
	@echo "Reports: $(OUT)/sample-report.pdf, $(OUT)/sample-report-en.html"

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv
	$(BIN)/mypy

pytest: venv
	$(BIN)/pytest -q

test: system-deps lint typecheck pytest

# The long fuzzing run (not part of make test, which runs a short fixed profile): 3 targets x 3,400
# cases; virtual memory is capped so that an unbounded read fails the run instead of the machine.
fuzz: venv
	ulimit -v 6291456 && MATURITY_FUZZ_EXAMPLES=3400 $(BIN)/pytest -q tests/test_fuzz.py

docs: venv
	$(BIN)/python -m maturity.docgen > docs/cli.md

clean:
	rm -rf $(VENV) $(OUT) build dist .mypy_cache .ruff_cache .pytest_cache
