# Folio's entry points. `make run` opens the app on the demo blog; `make test` runs
# everything CI runs. Both install what is missing first (scripts/install-deps.sh).

CARGO ?= cargo
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
XVFB := xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24"

.PHONY: run dev test package package-test bench fidelity fidelity-corpus fuzz-diff deps venv docutils-suite ui app release fmt clippy ui-check rust-test bindings-check e2e clean

run: release
	$(TARGET_DIR)/release/folio-app

# A debug build: quicker to compile while working on Folio.
dev: app
	$(TARGET_DIR)/debug/folio-app

test: deps fmt ui-check ui clippy rust-test bindings-check e2e package-test
	@echo "make test: all checks passed"

# The oracle: Pelican, docutils, Pygments, dateutil and typogrify from PyPI in a virtualenv
# under the target folder, and their source distributions (docutils' test suite, Pygments'
# example files, Pelican's docs) unpacked beside it. Tests that judge against the real
# thing find them through ORACLE_PYTHON and ORACLE_SDISTS.
ORACLE_VENV := $(abspath $(TARGET_DIR))/oracle-venv
ORACLE_SDISTS := $(abspath $(TARGET_DIR))/sdists
export ORACLE_PYTHON := $(ORACLE_VENV)/bin/python
export ORACLE_SDISTS

venv: $(ORACLE_VENV)/.installed $(ORACLE_SDISTS)/.unpacked

$(ORACLE_VENV)/.installed: ../shared/conformance/tools/requirements.txt scripts/requirements-oracle.txt
	test -x $(ORACLE_VENV)/bin/python || python3 -m venv $(ORACLE_VENV)
	$(ORACLE_VENV)/bin/pip install -q -r ../shared/conformance/tools/requirements.txt \
		-r scripts/requirements-oracle.txt
	touch $@

$(ORACLE_SDISTS)/.unpacked: $(ORACLE_VENV)/.installed
	mkdir -p $(ORACLE_SDISTS)
	$(ORACLE_VENV)/bin/pip download -q --no-deps --no-binary :all: -d $(ORACLE_SDISTS) \
		-r ../shared/conformance/tools/requirements.txt
	cd $(ORACLE_SDISTS) && for f in *.tar.gz; do tar xzf "$$f"; done
	touch $@

# docutils' own reST parser tests as JSON, for crates/rst/tests/docutils_suite.rs.
export DOCUTILS_SUITE_CASES := $(abspath $(TARGET_DIR))/docutils-suite/cases.json

docutils-suite: venv
	$(ORACLE_PYTHON) crates/rst/tests/docutils_suite/extract.py \
		$(ORACLE_SDISTS)/docutils-0.23 $(DOCUTILS_SUITE_CASES)

# Public reST no one here wrote (docutils' docs, Pelican's test and sample content), each
# document judged against Pelican's reader by compare.py. Takes a minute; not in make test.
fidelity-corpus: venv
	$(CARGO) build -p folio-cli
	python3 scripts/fidelity-corpus.py --folio $(abspath $(TARGET_DIR))/debug/folio

bench: release venv
	ORACLE_PYTHON=$(ORACLE_VENV)/bin/python ORACLE_SDISTS=$(ORACLE_SDISTS) \
		$(CARGO) bench -p folio-rst --bench engine
	$(CARGO) bench -p folio-blog --bench live_preview
	$(CARGO) bench -p folio-blog --bench list_posts
	$(CARGO) bench -p folio-blog --bench publish
	ORACLE_PYTHON=$(ORACLE_VENV)/bin/python $(CARGO) bench -p folio-blog --bench theme_page
	$(CARGO) bench -p folio-blog --bench history
	$(CARGO) bench -p folio-spelling --bench spelling
	ORACLE_PYTHON=$(ORACLE_VENV)/bin/python FOLIO_APP=$(abspath $(TARGET_DIR))/release/folio-app \
		$(XVFB) dbus-run-session -- \
		$(CARGO) bench -p folio-e2e --bench window

# Per language, how many characters folio-highlight classes as Pygments does (a table),
# and how long a 100 KB input takes per language.
fidelity: venv fidelity-corpus
	$(CARGO) test --release -p folio-highlight --test fidelity -- --nocapture
	$(CARGO) bench -p folio-highlight --bench tokens

# Differential fuzzing of the reST engine against Pelican, for SECONDS seconds (not part of
# `make test`): random posts, each class of difference shrunk to a minimal case under
# target/difffuzz/classes, a line of figures appended to target/difffuzz/stats.jsonl.
# The binary is copied first, so a long run survives rebuilds.
SECONDS ?= 600
DIFFFUZZ ?= $(abspath $(TARGET_DIR))/difffuzz

fuzz-diff: venv
	$(CARGO) build --release -p folio-cli
	mkdir -p $(DIFFFUZZ)
	cp $(TARGET_DIR)/release/folio $(DIFFFUZZ)/folio.new && mv -f $(DIFFFUZZ)/folio.new $(DIFFFUZZ)/folio
	cd crates/rst/fuzz/differential && python3 run.py --folio $(DIFFFUZZ)/folio \
		--seconds $(SECONDS) --out $(DIFFFUZZ)/classes --stats $(DIFFFUZZ)/stats.jsonl

deps:
	@scripts/install-deps.sh

# The built UI is embedded into the app, so rebuild it only when its sources change:
# a rebuilt ui/dist makes cargo relink the app.
UI_SOURCES := $(shell find ui/src -type f 2>/dev/null) ui/index.html ui/vite.config.ts \
	ui/tsconfig.json ui/package.json ui/package-lock.json

ui: deps ui/dist/index.html

ui/dist/index.html: $(UI_SOURCES)
	cd ui && npm run build

app: ui
	$(CARGO) build -p folio-app

release: ui
	$(CARGO) build --release -p folio-app

fmt:
	$(CARGO) fmt --all --check

ui-check: deps
	cd ui && npm run check && npm run test

clippy: ui
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test: ui venv docutils-suite
	$(CARGO) test --workspace --exclude folio-e2e

# The TypeScript types in ui/src/bindings are generated from Rust by the tests above;
# a difference means someone changed a DTO without regenerating them.
bindings-check:
	@if [ -d .git ] && [ -n "$$(git status --porcelain -- ui/src/bindings)" ]; then \
		git status --porcelain -- ui/src/bindings; \
		echo "ui/src/bindings is out of date: commit the regenerated files"; exit 1; \
	fi

# End-to-end tests drive the real window through WebKitWebDriver on a virtual display,
# one window at a time (the harness's App holds a lock while its window lives).
e2e: app
	$(XVFB) dbus-run-session -- $(CARGO) test -p folio-e2e

# The Debian package: the release app and the folio command, the desktop entry (which opens
# .rst files) and the icons, built by cargo-deb (installed under the target folder at the
# version below) from src-tauri/Cargo.toml's [package.metadata.deb]. The last line printed
# is the .deb's path.
CARGO_DEB_VERSION := 3.8.0
CARGO_DEB := $(abspath $(TARGET_DIR))/tools/bin/cargo-deb

$(CARGO_DEB):
	$(CARGO) install cargo-deb --version $(CARGO_DEB_VERSION) --locked --quiet \
		--root $(abspath $(TARGET_DIR))/tools

package: ui $(CARGO_DEB)
	$(CARGO) build --release -p folio-app -p folio-cli
	@$(CARGO_DEB) --package folio-app --no-build --output $(abspath $(TARGET_DIR))/debian \
		| tail -n 1

# Installs the package the way a user would (apt, as root), runs the installed folio and
# the installed app on a fresh HOME (the launch E2E test, with screenshots in target/e2e),
# then removes it and checks that nothing is left.
package-test: package
	$(XVFB) dbus-run-session -- scripts/package-test.sh $(abspath $(TARGET_DIR))/debian

clean:
	$(CARGO) clean
	rm -rf ui/dist
