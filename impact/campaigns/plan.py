"""A campaign plan in a CSV: one campaign a row, created or updated by name, with its goals.

Every row is checked before anything is stored; the plan then lands in one transaction, whole or
not at all. Cells are kept as text: a name starting with '=' is a name, never a formula.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import pandas as pd

from impact.campaigns.goals import GOAL_METRICS, campaign_name, insert_campaign, replace_goal, rewrite_campaign
from impact.store.connection import WRITE_LOCK, transaction

MAX_BYTES = 1_000_000
MAX_ROWS = 500
MAX_DESCRIPTION = 2000
MAX_NAME = 120
GOAL_PREFIX = "goal_"
COLUMNS = ("name", "starts", "ends", "description", "hashtags", "keywords", "utm_campaign", "outcomes")
REQUIRED = ("name", "starts", "ends")
OUTCOME_RULES = {"": False, "dates": False, "named": True}  # outcomes column -> outcomes_named_only
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")

_EXAMPLE = {
    "name": "Back to school 2026",
    "starts": "2026-06-01",
    "ends": "2026-06-30",
    "description": "School kits before schools reopen",
    "hashtags": "#BackToSchool; #SchoolKits",
    "keywords": "school kit; uniform",
    "utm_campaign": "bts2026",
    "outcomes": "dates",
    "goal_posts": "80",
    "goal_shares": "2000",
    "goal_donors": "300",
}
_TEMPLATE_COLUMNS = [*COLUMNS, *(GOAL_PREFIX + m for m in GOAL_METRICS)]
PLAN_TEMPLATE = ",".join(_TEMPLATE_COLUMNS) + "\n" + ",".join(_EXAMPLE.get(c, "") for c in _TEMPLATE_COLUMNS) + "\n"


@dataclass(frozen=True)
class PlannedCampaign:
    """One row of a plan, checked."""

    name: str
    starts: date
    ends: date
    description: str = ""
    hashtags: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    utm_campaign: str | None = None
    outcomes_named_only: bool = False
    goals: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanSummary:
    """What an import of a plan did."""

    created: int
    updated: int
    goals: int

    def sentence(self) -> str:
        return f"{self.created} campaigns created, {self.updated} updated, {self.goals} goals set."


def _text(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 as Excel saves it in the West."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ValueError("this is not a text CSV file (neither UTF-8 nor Windows-1252)") from error


def _delimiter(header_line: str) -> str:
    # Spreadsheets in European locales save with semicolons; lists inside cells then use commas.
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _date(value: str, column: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    shown = value if len(value) <= 40 else value[:40] + "…"
    raise ValueError(f"'{column}' is '{shown}', not a date (write 2026-06-30 or 30/06/2026)")


def _list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", value) if part.strip()]


_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def _target(value: str, column: str) -> float:
    text = value.strip().replace(" ", "")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        target = float(text)
    except ValueError:
        raise ValueError(f"'{column}' is '{value[:40]}', not a number") from None
    if not target > 0 or target != target or target == float("inf"):
        raise ValueError(f"'{column}' must be a number above zero (leave the cell empty for no goal)")
    return target


def _header(fields: list[str]) -> list[str]:
    columns = [f.strip().lower().replace(" ", "_") for f in fields]
    known = set(COLUMNS) | {GOAL_PREFIX + m for m in GOAL_METRICS}
    unknown = [c for c in columns if c and c not in known]
    if unknown:
        goals = ", ".join(GOAL_PREFIX + m for m in GOAL_METRICS)
        raise ValueError(
            f"unknown column '{unknown[0][:40]}'; the columns are {', '.join(COLUMNS)} and goals as {goals}"
        )
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ValueError(f"the column '{missing[0]}' is missing (the plan needs name, starts and ends)")
    doubled = [c for c in columns if c and columns.count(c) > 1]
    if doubled:
        raise ValueError(f"the column '{doubled[0]}' appears twice")
    return columns


def _row(cells: dict[str, str]) -> PlannedCampaign:
    """One row checked; ValueError naming the column and the problem."""
    raw_name = cells.get("name", "")
    if len(raw_name) > MAX_NAME:
        raise ValueError(f"the name is {len(raw_name):,} characters long; at most {MAX_NAME}")
    name = campaign_name(raw_name)
    if not name:
        raise ValueError("the name is empty")
    starts, ends = _date(cells.get("starts", ""), "starts"), _date(cells.get("ends", ""), "ends")
    if ends < starts:
        raise ValueError(f"it ends ({ends:%Y-%m-%d}) before it starts ({starts:%Y-%m-%d})")
    description = cells.get("description", "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise ValueError(f"the description is {len(description):,} characters long; at most {MAX_DESCRIPTION:,}")
    rule = cells.get("outcomes", "").strip().lower()
    if rule not in OUTCOME_RULES:
        raise ValueError(f"'outcomes' is '{rule[:40]}'; write 'dates' (every outcome in its dates) or 'named'")
    goals = {
        metric: _target(cells[GOAL_PREFIX + metric], GOAL_PREFIX + metric)
        for metric in GOAL_METRICS
        if cells.get(GOAL_PREFIX + metric, "").strip()
    }
    return PlannedCampaign(
        name=name,
        starts=starts,
        ends=ends,
        description=description,
        hashtags=_list(cells.get("hashtags", "")),
        keywords=_list(cells.get("keywords", "")),
        utm_campaign=cells.get("utm_campaign", "").strip() or None,
        outcomes_named_only=OUTCOME_RULES[rule],
        goals=goals,
    )


def read_plan(data: bytes) -> list[PlannedCampaign]:
    """Every row of a plan, checked; ValueError naming the row (1 = the first under the header) and the problem."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"the plan is {len(data):,} bytes; at most {MAX_BYTES:,} (1 MB)")
    text = _text(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValueError("the plan is empty; start from the template")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[0]))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ValueError(f"the CSV cannot be read ({error})") from None
    columns = _header(rows[0])
    body = [r for r in rows[1:] if any(cell.strip() for cell in r)]
    if not body:
        raise ValueError("the plan has a header but no campaign under it")
    if len(body) > MAX_ROWS:
        raise ValueError(f"the plan has {len(body):,} rows; at most {MAX_ROWS}")
    planned: list[PlannedCampaign] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(body, start=1):
        named = columns.index("name")
        label = campaign_name(cells[named] if named < len(cells) else "")[:40]
        where = f"row {number}" + (f" ({label})" if label else "")
        if len(cells) > len(columns):
            raise ValueError(f"{where}: {len(cells)} cells but the header has {len(columns)} columns")
        try:
            plan = _row({c: v for c, v in zip(columns, cells, strict=False) if c})
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None
        key = plan.name.lower()
        if key in seen:
            raise ValueError(f"{where}: the campaign '{plan.name[:40]}' is already on row {seen[key]}")
        seen[key] = number
        planned.append(plan)
    return planned


def import_plan(con: duckdb.DuckDBPyConnection, organisation_id: int, data: bytes) -> PlanSummary:
    """Create the plan's new campaigns and update those of the same name, with their goals, in one transaction."""
    planned = read_plan(data)
    created = updated = goals = 0
    with WRITE_LOCK, transaction(con):
        for plan in planned:
            # Matched whatever the case, so "Back to School" in the plan updates "Back to school".
            row = con.execute(
                "SELECT id FROM campaign WHERE organisation_id = ? AND lower(name) = lower(?) ORDER BY id LIMIT 1",
                [organisation_id, plan.name],
            ).fetchone()
            if row is None:
                campaign_id = insert_campaign(
                    con, organisation_id, plan.name, plan.starts, plan.ends, description=plan.description,
                    hashtags=plan.hashtags, keywords=plan.keywords, utm_campaign=plan.utm_campaign,
                    outcomes_named_only=plan.outcomes_named_only,
                )  # fmt: skip
                created += 1
            else:
                campaign_id = int(row[0])
                rewrite_campaign(
                    con, campaign_id, organisation_id, plan.name, plan.starts, plan.ends, description=plan.description,
                    hashtags=plan.hashtags, keywords=plan.keywords, utm_campaign=plan.utm_campaign,
                    outcomes_named_only=plan.outcomes_named_only,
                )  # fmt: skip
                updated += 1
            for metric, target in plan.goals.items():
                replace_goal(con, campaign_id, metric, target)
                goals += 1
    return PlanSummary(created, updated, goals)


def campaign_list(con: duckdb.DuckDBPyConnection, organisation_id: int) -> pd.DataFrame:
    """Every campaign of the organisation in the plan's columns (so the list imports back), and whether archived."""
    rows = con.execute(
        """SELECT c.id, c.name, c.starts, c.ends, coalesce(c.description, ''), array_to_string(c.hashtags, '; '),
                  array_to_string(c.keywords, '; '), coalesce(c.utm_campaign, ''),
                  CASE WHEN c.outcomes_named_only THEN 'named' ELSE 'dates' END, c.archived
           FROM campaign c WHERE c.organisation_id = ? ORDER BY c.starts, c.id""",
        [organisation_id],
    ).fetchall()
    goals = con.execute(
        """SELECT g.campaign_id, g.metric, g.target FROM goal g JOIN campaign c ON c.id = g.campaign_id
           WHERE c.organisation_id = ?""",
        [organisation_id],
    ).fetchall()
    targets = {(campaign_id, metric): target for campaign_id, metric, target in goals}
    goal_columns = [GOAL_PREFIX + m for m in GOAL_METRICS]
    records = [
        {
            **dict(zip(COLUMNS, [f"{v:%Y-%m-%d}" if isinstance(v, date) else v for v in row[1:9]], strict=True)),
            **{
                GOAL_PREFIX + m: (f"{targets[(row[0], m)]:.15g}" if (row[0], m) in targets else "")
                for m in GOAL_METRICS
            },
            "archived": bool(row[9]),
        }
        for row in rows
    ]
    # Typed even without a campaign: an empty column of no type is no mask (the page selects with it).
    return pd.DataFrame(records, columns=[*COLUMNS, *goal_columns, "archived"]).astype({"archived": bool})
