#!/usr/bin/env bash
# Idempotent setup used by every make target: virtualenv, Python packages (pinned in
# requirements.lock), front-end assets (pinned in package-lock.json) and compiled translations.
# Each step is skipped when its inputs have not changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi

stamp() { cat "$@" | sha256sum | cut -c1-16; }

py_stamp=$(stamp requirements.lock pyproject.toml)
if [ "$(cat .venv/.installed 2>/dev/null)" != "$py_stamp" ]; then
  echo "setup: installing Python packages"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check uv==0.13.9
  .venv/bin/uv pip install --quiet --python .venv/bin/python -r requirements.lock
  .venv/bin/uv pip install --quiet --python .venv/bin/python --no-deps -e .
  echo "$py_stamp" > .venv/.installed
fi

js_stamp=$(stamp package.json package-lock.json)
if [ "$(cat assets/.installed 2>/dev/null)" != "$js_stamp" ] || [ ! -f assets/vendor/htmx.min.js ] \
    || [ ! -f assets/vendor/axe.min.js ]; then
  echo "setup: installing front-end assets"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  mkdir -p assets/vendor
  cp node_modules/htmx.org/dist/htmx.min.js assets/vendor/htmx.min.js
  # axe-core: accessibility checks injected by the browser tests only (tests/browser/axe.py)
  cp node_modules/axe-core/axe.min.js assets/vendor/axe.min.js
  echo "$js_stamp" > assets/.installed
fi

# The browser tests (tests/browser/) drive Debian's Chromium; Playwright's own browser download
# is never used (the network is closed to it). Installed once; skipped when already there.
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Chromium (Debian package) for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get install -y -q --no-install-recommends chromium >/dev/null \
        || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null; }; }; then
      echo "setup: WARNING: could not install Chromium with apt-get; the browser tests will be skipped" >&2
    fi
  else
    echo "setup: NOTE: Chromium is missing and this is not root; install it with" >&2
    echo "setup:   sudo apt-get install --no-install-recommends chromium" >&2
    echo "setup: until then the browser tests (tests/browser/) are skipped" >&2
  fi
fi

.venv/bin/python scripts/compile_translations.py
