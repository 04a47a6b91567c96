"""Every page, the command line and the campaigns count the same posts on the organisation's local day.

Two organisations, one in India (UTC+5:30) and one in Colombia (UTC-5, no summer time), with posts
around midnight UTC. X states UTC times (converted), Facebook the page's local time (kept as
written), YouTube a date only. For several periods and platform filters, the Overview, Reach &
engagement, Content, Campaigns, Time & ROI and `summary` must give the same posts, impressions,
engagements and rate, and the hand-worked figures below.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from impact.campaigns.goals import actuals, create_campaign
from impact.figures import content, reach
from impact.figures.overview import headline, platform_breakdown, weekly_trend
from impact.figures.summary import summary
from impact.filters import Filters
from impact.time.per_hour import results_per_hour

REPO = Path(__file__).resolve().parents[1]

# (organisation, platform, post id, published_at as stored, impressions, engagements)
POSTS = [
    # India, Asia/Kolkata. X times are UTC:
    ("India", "x", "i1", "2026-03-31 20:00", 1000, 30),  # 1 Apr 01:30 in India: April
    ("India", "x", "i2", "2026-03-15 10:00", 400, 20),  # 15 Mar 15:30: March
    ("India", "x", "i3", "2026-02-28 19:00", 200, 4),  # 1 Mar 00:30: March
    ("India", "x", "i4", "2026-03-31 18:00", 100, 1),  # 31 Mar 23:30: March
    # Facebook times are the page's local time, kept as written:
    ("India", "facebook", "i5", "2026-03-31 23:30", 50, 5),  # 31 Mar: March
    ("India", "facebook", "i6", "2026-04-01 00:10", 70, 7),  # 1 Apr: April
    # YouTube gives a date only:
    ("India", "youtube", "i7", "2026-03-01 00:00", 300, 0),  # 1 Mar: March
    # Colombia, America/Bogota:
    ("Colombia", "x", "c1", "2026-04-01 03:00", 500, 50),  # 31 Mar 22:00 in Bogotá: March
    ("Colombia", "x", "c2", "2026-03-01 04:00", 800, 8),  # 28 Feb 23:00: February
    ("Colombia", "x", "c3", "2026-03-01 06:00", 90, 9),  # 1 Mar 01:00: March
    ("Colombia", "facebook", "c4", "2026-03-31 23:59", 10, 2),  # 31 Mar: March
]
ZONES = {"India": "Asia/Kolkata", "Colombia": "America/Bogota"}
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
FIRST_OF_APRIL = (date(2026, 4, 1), date(2026, 4, 1))
MONTH_TURN = (date(2026, 2, 28), date(2026, 3, 1))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from impact.store.connection import open_store
    from impact.store.orgs import ensure_organisation

    path = tmp_path_factory.mktemp("agreement") / "impact.duckdb"
    with open_store(path) as con:
        ids = {name: ensure_organisation(con, name, timezone=zone) for name, zone in ZONES.items()}
        for name, platform, post_id, published, impressions, engagements in POSTS:
            con.execute(
                """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at,
                                     text, impressions, engagements, kind)
                   VALUES (1, TIMESTAMP '2026-04-10', ?, ?, ?, 1, ?, 'Story #all', ?, ?, 'Photo')""",
                [ids[name], platform, post_id, published, impressions, engagements],
            )
        for org_id in ids.values():  # time logged every day, so Time & ROI reports results per hour
            con.execute(
                """INSERT INTO time_entry (batch_id, as_of, organisation_id, platform, account_id, entry_key, day, person,
                                           channel, activity, minutes)
                   SELECT 1, TIMESTAMP '2026-05-01', ?, 'time', 1, p || CAST(d AS VARCHAR), CAST(d AS DATE), 'Asha', p,
                          'create', 30
                   FROM range(DATE '2026-02-01', DATE '2026-05-01', INTERVAL 1 DAY) r(d),
                        (VALUES ('x'), ('facebook'), ('youtube')) t(p)""",
                [org_id],
            )
    return path


@pytest.fixture
def con(store: Path) -> duckdb.DuckDBPyConnection:
    from impact.store.connection import connect

    connection = connect(store)
    yield connection  # type: ignore[misc]
    connection.close()


def org_id(con: duckdb.DuckDBPyConnection, name: str) -> int:
    row = con.execute("SELECT id FROM organisation WHERE name = ?", [name]).fetchone()
    assert row
    return int(row[0])


def as_number(value: object) -> float:
    return 0.0 if value is None or value != value else float(value)  # type: ignore[arg-type]


def overview_figures(con: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[int, float, float, float | None]:
    now = headline(con, filters)
    breakdown = platform_breakdown(con, filters)
    trend = weekly_trend(con, filters)
    # The Overview's table and its weekly chart add up to its tiles.
    assert (int(breakdown["posts"].sum()), int(trend["posts"].sum())) == (now.posts, now.posts)
    assert as_number(breakdown["impressions"].sum()) == as_number(now.impressions)
    assert as_number(trend["engagements"].sum()) == as_number(now.engagements)
    return now.posts, as_number(now.impressions), as_number(now.engagements), now.engagement_rate


def reach_figures(con: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[int, float, float, float | None]:
    period = reach.engagement_trend(con, filters, "period")
    impressions = reach.output_trend(con, filters, "period", "impressions", daily_first=False)
    table = reach.platform_comparison(con, filters)
    assert int(table["posts"].sum()) == int(period["posts"].sum())
    rated_eng, rated_imp = period["rated_engagements"].sum(), period["rated_impressions"].sum()
    return (
        int(period["posts"].sum()),
        as_number(impressions["value"].sum()),
        as_number(period["engagements"].sum()),
        float(rated_eng / rated_imp) if rated_imp else None,
    )


def content_figures(con: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[int, float, float, float | None]:
    posts = content.post_table(con, filters)
    types = content.by_content_type(con, filters)
    assert int(types["posts"].sum()) == len(posts)
    rated = posts[(posts["impressions"] > 0) & posts["engagements"].notna()]
    return (
        len(posts),
        as_number(posts["impressions"].sum()),
        as_number(posts["engagements"].sum()),
        float(rated["engagements"].sum() / rated["impressions"].sum()) if len(rated) else None,
    )


def summary_figures(con: duckdb.DuckDBPyConnection, name: str, filters: Filters) -> tuple[int, float, float]:
    (row,) = summary(con, name, filters.start, filters.end)
    platforms = row["platforms"]
    assert isinstance(platforms, dict)
    chosen = [platforms[p] for p in filters.platforms if p in platforms]
    return (
        sum(int(p["posts"] or 0) for p in chosen),
        float(sum(p["impressions"] or 0 for p in chosen)),
        float(sum(p["engagements"] or 0 for p in chosen)),
    )


def time_figures(con: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[int, float, float]:
    table = results_per_hour(con, filters.organisation_id, filters.start, filters.end, "platform").table
    rows = table[table["key"].isin(filters.platforms)]
    return int(rows["posts"].sum()), as_number(rows["impressions"].sum()), as_number(rows["engagements"].sum())


# (organisation, period, platforms) -> posts, impressions, engagements, rate: worked out by hand from POSTS.
EXPECTED = [
    ("India", MARCH, ("x", "facebook", "youtube"), (5, 1050.0, 30.0, 30 / 1050)),  # i2 i3 i4 i5 i7
    ("India", MARCH, ("x",), (3, 700.0, 25.0, 25 / 700)),  # i2 i3 i4
    ("India", MARCH, ("facebook", "youtube"), (2, 350.0, 5.0, 5 / 350)),  # i5 i7 (0 engagements still rate)
    ("India", FIRST_OF_APRIL, ("x", "facebook", "youtube"), (2, 1070.0, 37.0, 37 / 1070)),  # i1 i6
    ("India", MONTH_TURN, ("x", "youtube"), (2, 500.0, 4.0, 4 / 500)),  # i3 i7
    ("Colombia", MARCH, ("x", "facebook"), (3, 600.0, 61.0, 61 / 600)),  # c1 c3 c4
    ("Colombia", MONTH_TURN, ("x",), (2, 890.0, 17.0, 17 / 890)),  # c2 c3
    ("Colombia", FIRST_OF_APRIL, ("x", "facebook"), (0, 0.0, 0.0, None)),  # c1 is 31 March in Bogotá
]


@pytest.mark.parametrize(("name", "period", "platforms", "expected"), EXPECTED)
def test_every_page_counts_the_same_posts_on_the_local_day(
    con: duckdb.DuckDBPyConnection,
    name: str,
    period: tuple[date, date],
    platforms: tuple[str, ...],
    expected: tuple[int, float, float, float | None],
) -> None:
    filters = Filters(org_id(con, name), period[0], period[1], platforms)
    posts, impressions, engagements, rate = expected

    assert overview_figures(con, filters) == pytest.approx(expected)
    assert reach_figures(con, filters) == pytest.approx(expected)
    assert content_figures(con, filters) == pytest.approx(expected)
    assert summary_figures(con, name, filters) == (posts, impressions, engagements)
    assert time_figures(con, filters) == (posts, impressions, engagements)


@pytest.mark.parametrize(("name", "period", "expected"), [(row[0], row[1], row[3]) for row in EXPECTED[::3]])
def test_a_campaign_over_the_period_counts_the_same_posts(
    con: duckdb.DuckDBPyConnection, name: str, period: tuple[date, date], expected: tuple[int, float, float, object]
) -> None:
    platforms = tuple(sorted({p for o, p, *_ in POSTS if o == name}))
    campaign_id = create_campaign(con, org_id(con, name), f"All {period[0]}", period[0], period[1], hashtags=["#all"])
    try:
        figures = actuals(con, campaign_id, period[1])
        filters = Filters(org_id(con, name), period[0], period[1], platforms)
        assert (figures["posts"], figures["impressions"], figures["engagements"]) == overview_figures(con, filters)[:3]
    finally:
        con.execute("DELETE FROM campaign WHERE id = ?", [campaign_id])


def test_the_issue_example_one_post_in_march_everywhere(tmp_path: Path) -> None:
    """An Indian organisation: an X post at 20:00 UTC on 31 March (1 April in India), one on 15 March."""
    from impact.store.connection import open_store
    from impact.store.orgs import ensure_organisation

    path = tmp_path / "example.duckdb"
    with open_store(path) as con:
        org = ensure_organisation(con, "Example", timezone="Asia/Kolkata")
        for post_id, published, impressions, engagements in [
            ("late", "2026-03-31 20:00", 100, 5),
            ("mid", "2026-03-15 09:00", 100, 1),
        ]:
            con.execute(
                """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at,
                                     impressions, engagements)
                   VALUES (1, TIMESTAMP '2026-04-02', ?, 'x', ?, 1, ?, ?, ?)""",
                [org, post_id, published, impressions, engagements],
            )
        march = Filters(org, date(2026, 3, 1), date(2026, 3, 31), ("x",))
        assert overview_figures(con, march) == (1, 100.0, 1.0, 0.01)
        assert reach_figures(con, march) == (1, 100.0, 1.0, 0.01)
        assert content_figures(con, march) == (1, 100.0, 1.0, 0.01)

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "impact",
            "summary",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--json",
            "--db",
            str(path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["platforms"]["x"] == {
        "posts": 1,
        "impressions": 100,
        "reach": None,
        "engagements": 1,
        "video_views": None,
        "days": None,
        "followers": None,
    }
