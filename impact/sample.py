"""Load the bundled demo exports (sample_data/) for the five fictional non-profits, and the demo portfolio."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb

from impact.campaigns.evidence import EvidenceEntry, add_evidence
from impact.campaigns.goals import create_campaign, set_goal
from impact.presence.portfolio import create_portfolio
from impact.store.ingest import ImportResult, import_paths
from impact.store.orgs import ensure_organisation, organisation_id
from impact.time.budget import set_hour_values, set_person

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"


def load_sample(con: duckdb.DuckDBPyConnection, folder: Path = SAMPLE_DIR) -> list[ImportResult]:
    """Import every sample organisation's folder, then the demo campaigns and portfolio; loading twice changes
    nothing."""
    results: list[ImportResult] = []
    for org in json.loads((folder / "orgs.json").read_text(encoding="utf-8")):
        is_new = organisation_id(con, org["name"]) is None
        org_id = ensure_organisation(
            con,
            org["name"],
            base_url=org.get("base_url"),
            timezone=org.get("timezone"),
            currency=org.get("currency"),
            daily_budget_minutes=org.get("daily_budget_minutes"),
            hourly_value=org.get("hourly_value"),
        )
        if is_new:  # an organisation's settings, once changed in the app, are not put back by a second load
            _load_time_settings(con, org_id, org)
        results.extend(import_paths(con, [folder / org["folder"]], org["name"]))
    load_sample_campaigns(con, folder)
    load_sample_portfolios(con, folder)
    return results


def _load_time_settings(con: duckdb.DuckDBPyConnection, org_id: int, org: dict) -> None:
    """Who is a volunteer, and what a volunteer hour is worth, as the organisation set them (orgs.json)."""
    for person in org.get("people", []):
        set_person(con, org_id, person["name"], person["role"], person.get("daily_budget_minutes"))
    value = org.get("volunteer_value")
    if value:
        set_hour_values(
            con,
            org_id,
            staff=org.get("hourly_value"),
            volunteer=float(value["value"]),
            volunteer_currency=value["currency"],
            volunteer_source=value["source"],
            volunteer_year=int(value["year"]),
        )


def load_sample_campaigns(con: duckdb.DuckDBPyConnection, folder: Path = SAMPLE_DIR) -> None:
    """The demo campaigns, their goals and evidence (sample_data/campaigns.json); ones already there are left alone."""
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
        for item in spec.get("evidence", []):
            day = date.fromisoformat(item["day"]) if item.get("day") else None
            fields = {k: item[k] for k in ("title", "body", "url", "attributed_to") if k in item}
            add_evidence(con, campaign_id, EvidenceEntry(kind=item["kind"], day=day, **fields))


def load_sample_portfolios(con: duckdb.DuckDBPyConnection, folder: Path = SAMPLE_DIR) -> None:
    """The demo portfolio of grantees (sample_data/portfolios.json); one already there, under its name, is left
    alone (a funder may have changed its grantees or tags in the app)."""
    path = folder / "portfolios.json"
    if not path.exists():
        return
    for spec in json.loads(path.read_text(encoding="utf-8")):
        if con.execute("SELECT 1 FROM portfolio WHERE name = ?", [spec["name"]]).fetchone():
            continue
        members = [name for name in spec["organisations"] if organisation_id(con, name) is not None]
        create_portfolio(con, spec["name"], members, spec.get("description", ""), spec.get("tags", []))
