"""`summary`: the time log per organisation, the website's GA4 totals, and the newsletter's sends.

Every expected figure is read off the fixture files by hand (their sums are also in
tests/test_connector_contract.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from impact.figures.summary import summary
from impact.store.ingest import import_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ORG = "Clean River Trust"


def load(db: duckdb.DuckDBPyConnection, *paths: str) -> None:
    results = import_paths(db, [FIXTURES / p for p in paths], ORG)
    assert [r.status for r in results] == ["imported"] * len(paths)


def test_time_log_entries_and_minutes(db: duckdb.DuckDBPyConnection) -> None:
    load(db, "time/toggl/Toggl_time_entries_2026-11-01_to_2026-11-07.csv")

    (whole,) = summary(db, ORG)
    (first_days,) = summary(db, ORG, date(2026, 11, 1), date(2026, 11, 3))

    assert whole["time"] == {"entries": 4, "minutes": 90 + 30 + 20 + 70.5}
    assert first_days["time"] == {"entries": 2, "minutes": 120}  # Priya's two entries of 2 Nov


def test_an_organisation_without_a_time_log_has_none(db: duckdb.DuckDBPyConnection) -> None:
    load(db, "email/campaigns.csv")

    assert summary(db, ORG)[0]["time"] == {"entries": 0, "minutes": 0}


def test_website_totals_add_disjoint_reports_and_never_a_day_twice(db: duckdb.DuckDBPyConnection) -> None:
    # March by source / medium (1 to 31 Mar), 29 to 31 May by date, 24 Feb to 23 Mar by page.
    load(
        db,
        "website/Traffic_acquisition_Session_source_medium.csv",
        "website/Traffic_acquisition_Date.csv",
        "website/Pages_and_screens_Page_path_and_screen_class.csv",
    )

    (whole,) = summary(db, ORG)
    (may,) = summary(db, ORG, date(2026, 5, 1), date(2026, 5, 31))

    website = whole["platforms"]["website"]
    # Sessions and users: March's source report and May's three days do not overlap, so both count;
    # the page report carries no sessions. Page views: only the page report has views.
    assert website == {
        "posts": None,
        "impressions": None,
        "reach": None,
        "engagements": None,
        "video_views": None,
        "days": None,
        "followers": None,
        "sessions": 530 + 301 + 104 + 77 + 52 + 47 + 71,
        "users": 412 + 250 + 96 + 61 + 41 + 38 + 55,
        "page_views": 221 + 139 + 74 + 30 + 10,
    }
    assert (may["platforms"]["website"]["sessions"], may["platforms"]["website"]["page_views"]) == (52 + 47 + 71, None)


def test_newsletter_campaigns_are_posts_with_sends(db: duckdb.DuckDBPyConnection) -> None:
    load(db, "email/campaigns.csv")

    (whole,) = summary(db, ORG)
    (may,) = summary(db, ORG, date(2021, 5, 1), date(2021, 5, 31))

    assert (whole["platforms"]["email"]["posts"], whole["platforms"]["email"]["sends"]) == (3, 1742 + 1748 + 1198)
    assert may["platforms"]["email"]["posts"] == 1
