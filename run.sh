#!/usr/bin/env sh
# Install what the dashboard needs (into .venv), load the demo data into an empty store, start it.
# The store is $IMPACT_DB, else data/impact.duckdb. Open http://localhost:8501 afterwards.
set -eu
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/python -m impact sample --if-empty
exec .venv/bin/python -m streamlit run app.py "$@"
