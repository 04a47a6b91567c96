"""Load the bundled demo exports (sample_data/) for the three fictional non-profits."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb

from impact.goals import create_campaign, set_goal
from impact.ingest import ImportResult, import_paths
from impact.orgs import ensure_organisation, organisation_id

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
    load_sample_campaigns(con, folder)
    return results


def load_sample_campaigns(con: duckdb.DuckDBPyConnection, folder: Path = SAMPLE_DIR) -> None:
    """The demo campaigns and their goals (sample_data/campaigns.json); ones already there are left alone."""
    for spec in json.loads((folder / "campaigns.json").read_text(encoding="utf-8")):
        org_id = organisation_id(con, spec["organisation"])
        exists = con.execute(
            "SELECT 1 FROM campaign WHERE organisation_id = ? AND name = ?", [org_id, spec["name"]]
        ).fetchone()
        if org_id is None or exists:
            continue
        campaign_id = create_campaign(
            con,
            org_id,
            spec["name"],
            date.fromisoformat(spec["starts"]),
            date.fromisoformat(spec["ends"]),
            description=spec.get("description", ""),
            hashtags=spec.get("hashtags", []),
        )
        for metric, target in spec["goals"].items():
            set_goal(con, campaign_id, metric, float(target))
