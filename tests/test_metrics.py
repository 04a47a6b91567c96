"""Metrics on a tiny hand-built store, with numbers worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from impact.figures.overview import (
    biggest_change,
    follower_change,
    headline,
    platform_breakdown,
    weekly_trend,
)
from impact.figures.summary import summary
from impact.filters import Filters, span_text
from impact.store.connection import connect


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = connect(tmp_path / "metrics.duckdb")
    con.execute("INSERT INTO organisation (id, name) VALUES (1, 'Trust'), (2, 'Other')")
    con.execute(
        "INSERT INTO account (id, organisation_id, platform, handle) VALUES (1, 1, 'x', 'trust'), (2, 1, 'facebook', 'Trust'), "
        "(3, 1, 'instagram', 'trust'), (4, 2, 'x', 'other')"
    )
    posts = [
        # platform, id, account, published, impressions, reach, engagements
        ("x", "1", 1, "2026-03-02 10:00", 1000, None, 50),
        ("x", "2", 1, "2026-03-03 10:00", 100, None, 20),
        ("facebook", "3", 2, "2026-03-04 10:00", None, 400, 5),  # no impressions: not in the rate
        ("facebook", "4", 2, "2026-03-10 10:00", 900, 600, 30),
        ("x", "5", 1, "2026-02-20 10:00", 500, None, 10),  # previous period
        ("instagram", "6", 3, "2026-03-05 10:00", 300, 200, 60),  # platform not selected below
    ]
    for platform, post_id, account, published, impressions, reach, engagements in posts:
        con.execute(
            """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at,
                                 impressions, reach, engagements)
               VALUES (1, TIMESTAMP '2026-04-01', 1, ?, ?, ?, ?, ?, ?, ?)""",
            [platform, post_id, account, published, impressions, reach, engagements],
        )
    con.execute(
        "INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at, impressions) "
        "VALUES (2, TIMESTAMP '2026-04-01', 2, 'x', '99', 4, TIMESTAMP '2026-03-02', 99999)"
    )
    days = [
        # account, day, followers, gained, lost
        (1, "2026-03-01", None, 5, 1),
        (1, "2026-03-02", None, 3, 0),
        (2, "2026-03-01", 100, None, None),
        (2, "2026-03-15", 110, None, None),
        (1, "2026-04-02", None, 50, 0),  # after the period
    ]
    for account, day, followers, gained, lost in days:
        platform = "x" if account == 1 else "facebook"
        con.execute(
            """INSERT INTO account_day (batch_id, as_of, organisation_id, platform, account_id, day, followers,
                                        followers_gained, followers_lost)
               VALUES (1, TIMESTAMP '2026-04-01', 1, ?, ?, ?, ?, ?, ?)""",
            [platform, account, day, followers, gained, lost],
        )
    return con


MARCH = Filters(1, date(2026, 3, 1), date(2026, 3, 31), ("x", "facebook"))


def test_headline_is_impression_weighted_and_never_a_mean_of_rates(con: duckdb.DuckDBPyConnection) -> None:
    figures = headline(con, MARCH)
    assert figures.posts == 4
    assert figures.impressions == 1000 + 100 + 900
    assert figures.engagements == 50 + 20 + 5 + 30
    # Only posts reporting both count in the rate: (50 + 20 + 30) / (1000 + 100 + 900) = 0.05.
    assert figures.engagement_rate == pytest.approx(100 / 2000, abs=1e-12)
    # The mean of per-post rates would be (0.05 + 0.2 + 0.0333) / 3 = 0.0944: not what we show.
    assert figures.reach == 400 + 600  # a sum of post reach, labelled as such in the app


def test_follower_change_uses_totals_where_given_and_flows_otherwise(con: duckdb.DuckDBPyConnection) -> None:
    # X: (5 - 1) + (3 - 0) = 7 from daily flows; Facebook: 110 - 100 = 10 from totals.
    assert follower_change(con, MARCH) == 17
    assert follower_change(con, Filters(1, date(2026, 3, 1), date(2026, 3, 31), ("x",))) == 7
    # No daily data for Instagram: no figure, not zero.
    assert follower_change(con, Filters(1, date(2026, 3, 1), date(2026, 3, 31), ("instagram",))) is None


def test_previous_period_has_the_same_length(con: duckdb.DuckDBPyConnection) -> None:
    previous = MARCH.previous()
    assert (previous.start, previous.end) == (date(2026, 1, 29), date(2026, 2, 28))
    figures = headline(con, previous)
    assert (figures.posts, figures.impressions, figures.engagements) == (1, 500, 10)
    assert figures.engagement_rate == pytest.approx(0.02)
    assert figures.follower_change is None


def test_empty_selection_gives_no_rate_rather_than_zero(con: duckdb.DuckDBPyConnection) -> None:
    figures = headline(con, Filters(1, date(2025, 1, 1), date(2025, 1, 31), ("x",)))
    assert figures.posts == 0
    assert figures.impressions is None
    assert figures.engagement_rate is None


def test_weekly_trend_and_breakdown(con: duckdb.DuckDBPyConnection) -> None:
    trend = weekly_trend(con, MARCH)
    rows = {(r.platform, str(r.week)[:10]): (r.posts, r.impressions) for r in trend.itertuples()}
    # Weeks start on Monday: 2 Mar 2026 is a Monday.
    assert set(rows) == {("x", "2026-03-02"), ("facebook", "2026-03-02"), ("facebook", "2026-03-09")}
    assert rows[("x", "2026-03-02")] == (2, 1100)
    # Post 3 reports no impressions: the week has a post, and no impressions rather than 0.
    posts, impressions = rows[("facebook", "2026-03-02")]
    assert posts == 1 and pd.isna(impressions)
    assert rows[("facebook", "2026-03-09")] == (1, 900)
    breakdown = platform_breakdown(con, MARCH).set_index("platform")
    assert breakdown.loc["x", "engagement_rate"] == pytest.approx(70 / 1100)
    assert breakdown.loc["facebook", "engagement_rate"] == pytest.approx(30 / 900)


def test_summary_uses_null_for_figures_the_data_cannot_give(con: duckdb.DuckDBPyConnection) -> None:
    (trust,) = summary(con, "Trust")
    x = trust["platforms"]["x"]  # type: ignore[index]
    assert x == {
        "posts": 3,
        "impressions": 1600,
        "reach": None,
        "engagements": 80,
        "video_views": None,
        "days": 3,
        "followers": None,
    }
    facebook = trust["platforms"]["facebook"]  # type: ignore[index]
    assert facebook["followers"] == 110 and facebook["days"] == 2 and facebook["reach"] == 1000
    assert trust["platforms"]["instagram"]["days"] is None  # type: ignore[index]
    assert trust["donations"] == []
    assert [o["organisation"] for o in summary(con)] == ["Other", "Trust"]


def test_same_period_a_year_earlier() -> None:
    march = Filters(1, date(2026, 3, 1), date(2026, 3, 31), ("x",))
    assert march.year_earlier() == Filters(1, date(2025, 3, 1), date(2025, 3, 31), ("x",))
    leap = Filters(1, date(2024, 2, 1), date(2024, 2, 29), ("x",))
    assert leap.year_earlier() == Filters(1, date(2023, 2, 1), date(2023, 2, 28), ("x",))


def test_a_span_names_its_first_year_when_it_crosses_one() -> None:
    assert span_text(date(2025, 9, 15), date(2025, 10, 14)) == "15 Sep – 14 Oct 2025"
    # The period before "the last 12 months" to 14 Sep 2026 is not one September of 2025.
    assert span_text(date(2024, 9, 15), date(2025, 9, 14)) == "15 Sep 2024 – 14 Sep 2025"
    assert span_text(date(2025, 12, 29), date(2026, 1, 25)) == "29 Dec 2025 – 25 Jan 2026"


def test_biggest_change_names_the_platform_and_its_top_posts(con: duckdb.DuckDBPyConnection) -> None:
    march = Filters(1, date(2026, 3, 1), date(2026, 3, 14), ("x", "facebook"))
    february = Filters(1, date(2026, 2, 15), date(2026, 2, 28), ("x", "facebook"))
    change = biggest_change(con, march, february, top=1)
    assert change is not None
    # x: 1,000 + 100 now against 500 before (+600); facebook: 900 against nothing (+900).
    assert (change.platform, change.now, change.before) == ("facebook", 900.0, 0.0)
    assert change.posts[["impressions", "engagements"]].values.tolist() == [[900, 30]]
    only_x = Filters(1, date(2026, 3, 1), date(2026, 3, 14), ("x",))
    x_change = biggest_change(con, only_x, Filters(1, date(2026, 2, 15), date(2026, 2, 28), ("x",)), top=5)
    assert x_change is not None and (x_change.now, x_change.before) == (1100.0, 500.0)
    assert x_change.posts["impressions"].tolist() == [1000, 100]


def test_no_change_is_reported_when_nothing_changed(con: duckdb.DuckDBPyConnection) -> None:
    empty = Filters(1, date(2020, 1, 1), date(2020, 1, 31), ("x",))
    assert biggest_change(con, empty, empty.previous()) is None
