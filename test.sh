#!/usr/bin/env sh
# Install the test dependencies (into .venv) and run every check: lint, types, unit, page and browser tests.
# Browser tests drive Chromium at /usr/bin/chromium (apt-get install -y chromium), or $CHROMIUM.
set -eu
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
.venv/bin/python -m mypy impact connectors sample_data
exec .venv/bin/python -m pytest -q "$@"
