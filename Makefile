# Two commands set up everything on a fresh machine:
#   make run    create .venv, install Newsroom, start the app on the default newsroom
#   make test   the same set-up with the test tools, then the whole suite, ruff and mypy
# Both skip the install when pyproject.toml has not changed since the last one.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
# Tests run Qt offscreen; QtWebEngine refuses to run as root without this.
TEST_ENV := QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1
PYTEST_ARGS ?=

.PHONY: run test test-slow lint bench bench-app bundle bundle-size screenshots test-tools outside-tools screenshot-tools apt-install clean help

help:
	@echo "make run    start the app (sets up .venv first)"
	@echo "make test   run the tests, ruff and mypy (sets up .venv first)"
	@echo "make test-slow  the 100 ms rule on a newsroom of a million articles (built once: ~30 min)"
	@echo "make bench  print storage, render and checks benchmark figures (quick size)"
	@echo "make screenshots  docs/screenshots/: an exported page (headless Chromium) and the app"
	@echo "make bench-app    the desktop app's start-up, preview latency, stalls and memory"
	@echo "make bundle       dist/newsroom/, the app frozen by PyInstaller"
	@echo "make bundle-size  build it, then print its size by part (target: 300 MB)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Newsroom needs Python 3.11 or newer: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@touch $@ $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(RUN_STAMP)

# Byte-compiled once here: where PYTHONDONTWRITEBYTECODE is set (as on our build
# machines), Python would otherwise compile every module on every start.
run: $(RUN_STAMP)
	@PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q newsroom ui >/dev/null
	$(BIN)/newsroom-app

# --dist loadgroup: the tests that start whole app processes (xdist_group "apps") run one
# after another on one worker, so a bundle build never starves a window that must appear.
# Byte-compiled first, as for run: the suite starts hundreds of newsroom processes, each
# compiling every module it loads where PYTHONDONTWRITEBYTECODE is set (~0.15 s each).
test: $(TEST_STAMP) test-tools outside-tools
	@PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q newsroom ui >/dev/null
	$(TEST_ENV) $(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict newsroom
	$(BIN)/mypy ui

# The article list, news feed and related pane on a newsroom of a million articles
# (NEWSROOM_LARGE_ARTICLES, NEWSROOM_LARGE_DB: tests/ui/test_large_newsroom.py). The
# newsroom is built on the first run and kept in the user's cache folder.
test-slow: $(TEST_STAMP) test-tools
	$(TEST_ENV) $(BIN)/python -m pytest -m large $(PYTEST_ARGS)

# Debian tools some tests use to check results independently (pdftotext reads
# exported PDFs, exiftool reads photo metadata, Xvfb and xwininfo show the app on
# a virtual screen, xdotool drags with a real pointer there, initdb and pg_ctl start a
# throwaway PostgreSQL server for the storage tests, tests/pg.py). Installed when missing
# and we can; otherwise those checks skip and say why.
# What Qt's xcb platform plugin loads (the Xvfb test runs the app on X).
QT_XCB_LIBS = libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0

test-tools:
	@command -v pdftotext >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES=poppler-utils
	@command -v exiftool >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES=libimage-exiftool-perl
	@command -v xvfb-run >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES="xvfb xauth"
	@command -v xwininfo >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES=x11-utils
	@command -v xdotool >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES=xdotool
	@command -v desktop-file-validate >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES=desktop-file-utils
	@command -v appstreamcli >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES=appstream
	@# Debian keeps PostgreSQL's server programs off PATH, in /usr/lib/postgresql/VERSION/bin.
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| $(MAKE) --no-print-directory apt-install PACKAGES=postgresql
	@for lib in libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-image.so.0 \
		libxcb-render-util.so.0 libxkbcommon-x11.so.0; do \
		ldconfig -p | grep -q $$lib || { $(MAKE) --no-print-directory apt-install PACKAGES="$(QT_XCB_LIBS)"; break; }; \
	done

# The outside clients the tests/outside suite checks our exports with: headless Chromium
# driven by ChromeDriver (selenium) for axe-core, the Nu HTML checker (vnu-jar, on the
# machine's Java). npm packages go to .tools/ beside the checkout, once.
OUTSIDE_NPM := .tools/node_modules
outside-tools:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
		|| $(MAKE) --no-print-directory apt-install PACKAGES="chromium chromium-driver"
	@command -v java >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES=default-jre-headless
	@[ -f $(OUTSIDE_NPM)/vnu-jar/build/dist/vnu.jar ] && [ -f $(OUTSIDE_NPM)/axe-core/axe.min.js ] \
		|| { command -v npm >/dev/null 2>&1 && npm install --silent --no-audit --no-fund --prefix .tools vnu-jar axe-core >/dev/null \
			|| echo "note: could not install vnu-jar and axe-core from npm; the outside-client tests that need them will skip"; }

screenshot-tools:
	@command -v chromium >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES=chromium

apt-install:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing $(PACKAGES) from Debian"; \
		(apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PACKAGES) >/dev/null) \
			|| echo "note: could not install $(PACKAGES); tests that need it will skip"; \
	else echo "note: $(PACKAGES) is not installed and cannot be here; tests that need it will skip"; fi

# docs/screenshots/: an exported page at 1280 and 375 px wide, by headless Chromium.
screenshots: $(RUN_STAMP) screenshot-tools
	$(BIN)/python packaging/screenshots.py docs/screenshots

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict newsroom
	$(BIN)/mypy ui

bench: $(BENCH_STAMP)
	$(BIN)/python bench/storage.py --quick
	$(BIN)/python bench/render.py --quick
	$(BIN)/python bench/checks.py

# dist/newsroom/: the app as one folder (PyInstaller), with packaging/'s .desktop,
# AppStream metadata and icon to install beside it.
bundle: $(TEST_STAMP)
	$(BIN)/pyinstaller packaging/newsroom.spec --noconfirm --distpath dist --workpath build/pyinstaller

# What the bundle weighs, by part, and its biggest files (what it leaves out: packaging/bundle_trim.py).
bundle-size: bundle
	$(BIN)/python bench/bundle_size.py dist/newsroom

bench-app: $(RUN_STAMP)
	@PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q newsroom ui >/dev/null
	$(BIN)/python bench/app.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
