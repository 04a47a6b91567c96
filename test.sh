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
# Test files are shared between $TEST_WORKERS processes (default 2), a file's tests in one process, so a
# module's browser and store fixtures are made once; TEST_WORKERS=0 runs everything in this process.
exec .venv/bin/python -m pytest -q -n "${TEST_WORKERS:-2}" --dist loadfile "$@"
