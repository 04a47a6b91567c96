"""Load the bundled demo exports (sample_data/) for the three fictional non-profits."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from impact.ingest import ImportResult, import_paths
from impact.orgs import ensure_organisation

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"


def load_sample(con: duckdb.DuckDBPyConnection, folder: Path = SAMPLE_DIR) -> list[ImportResult]:
    """Import every sample organisation's folder; importing twice changes nothing."""
    results: list[ImportResult] = []
    for org in json.loads((folder / "orgs.json").read_text(encoding="utf-8")):
        ensure_organisation(
            con,
            org["name"],
            base_url=org.get("base_url"),
            timezone=org.get("timezone"),
            currency=org.get("currency"),
            daily_budget_minutes=org.get("daily_budget_minutes"),
        )
        results.extend(import_paths(con, [folder / org["folder"]], org["name"]))
    return results
