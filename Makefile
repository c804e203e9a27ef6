# DSL Casebook: every target bootstraps .venv from requirements.lock on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Debian packages the app and its tests need (Qt offscreen libraries, PDF tools for checking output).
APT_PACKAGES := libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 poppler-utils qpdf fonts-dejavu-core syncthing

.PHONY: run demo test lint typecheck pytest fuzz bench package screenshots system-deps lock clean

run: $(STAMP)
	$(BIN)/dslapp

demo: $(STAMP)
	@mkdir -p demo-output
	DSLAPP_PASSPHRASE=$${DSLAPP_PASSPHRASE:-demo passphrase, fictional data only} \
	  $(BIN)/dslapp demo --vault demo-output/vault --sample-output demo-output

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy dslapp ui

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n 2 -q

# The fuzz tests with the "long" Hypothesis profile (tests/conftest.py): random and many more examples than
# the derandomised CI run. Pin anything it finds with an explicit regression test.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=long QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -s tests/core/test_fuzz_inputs.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots docs/screenshots

bench: $(STAMP)
	$(BIN)/dslapp bench --json

package: $(STAMP)
	$(BIN)/python -m build --wheel --outdir dist .

# Installs the Debian packages above when any is missing (needs root or sudo; skipped elsewhere).
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): requirements.lock pyproject.toml | system-deps
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Re-pin after editing requirements.in (needs uv: pip install uv).
lock:
	uv pip compile requirements.in --python-version 3.11 --generate-hashes --no-header -o requirements.lock

clean:
	rm -rf $(VENV) build dist *.egg-info demo-output
