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
if [ "$(cat assets/.installed 2>/dev/null)" != "$js_stamp" ] || [ ! -f assets/vendor/htmx.min.js ]; then
  echo "setup: installing front-end assets"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  mkdir -p assets/vendor
  cp node_modules/htmx.org/dist/htmx.min.js assets/vendor/htmx.min.js
  echo "$js_stamp" > assets/.installed
fi

.venv/bin/python scripts/compile_translations.py
