# Two commands set everything up on a fresh Debian (Python 3.11, root or sudo):
#   make demo   - venv, Python and system packages, then a real result from examples/
#   make test   - lint (ruff), types (mypy), tests (pytest)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
# Debian packages WeasyPrint and the PDF tests need (see docs/install.md).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk poppler-utils tmux

.PHONY: demo test lint typecheck pytest system-deps venv docs clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
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

docs: venv
	$(BIN)/python -m maturity.docgen > docs/cli.md

clean:
	rm -rf $(VENV) $(OUT) build dist .mypy_cache .ruff_cache .pytest_cache
