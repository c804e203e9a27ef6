# DSL Casebook: every target bootstraps .venv from requirements.lock on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Debian packages the app and its tests need (Qt offscreen libraries, PDF tools for checking output).
APT_PACKAGES := binutils libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 poppler-utils qpdf fonts-dejavu-core syncthing
# ... and the ones `make package` bundles (Qt's xcb platform plugin links them) or uses (binutils for PyInstaller, zstd).
APT_PACKAGES += libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxkbcommon-x11-0 libxcb-cursor0 \
  libxcb-xinerama0 libxcb-randr0 libxcb-shape0 binutils zstd
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
ARCH    := $(shell uname -m | sed 's/aarch64/arm64/')
BUNDLE  := dist/dsl-casebook-$(VERSION)-linux-$(ARCH)
# Everything the bundle is made from: a change to any of them rebuilds it before package-test runs.
BUNDLE_SOURCES := $(shell find dslapp ui resources data_schema packaging -type f ! -name '*.pyc' ! -path '*/__pycache__/*' \
  ! -name '*.md' ! -name smoke_test.py ! -name check_definitions.py 2>/dev/null) \
  pyproject.toml requirements.lock

.PHONY: run demo test lint typecheck pytest fuzz bench package package-test screenshots system-deps lock build-lock clean

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
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/python packaging/check_definitions.py

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

# The Linux desktop bundle (PyInstaller, one folder) and its .tar.zst in dist/, and an AppImage AppDir in
# build/package/AppDir; see packaging/README.md. The Windows installer and macOS app are built by CI runners.
package: $(BUNDLE)/.built

$(BUNDLE)/.built: $(BUNDLE_SOURCES) | system-deps
	$(PYTHON) packaging/build.py
	touch $@

# Runs the built bundle as a user would (building it first when missing or out of date); temp casebooks removed.
package-test: $(BUNDLE)/.built
	$(PYTHON) packaging/smoke_test.py $(BUNDLE)

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

# Re-pin PyInstaller and its hooks (together, within requirements.lock's versions).
build-lock:
	uv pip compile packaging/build.in -c requirements.lock --python-version 3.11 --generate-hashes --no-header \
	  -o packaging/build.lock

clean:
	rm -rf $(VENV) build dist *.egg-info demo-output
