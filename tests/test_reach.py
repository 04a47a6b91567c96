"""Reach & engagement: trends, follower growth and the platform comparison on a tiny hand-built store,
with every number worked out by hand; then the page on the sample data (AppTest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from impact.charts import reach as reach_charts
from impact.figures import reach
from impact.filters import Filters
from impact.store.orgs import ensure_organisation

APP = str(Path(__file__).resolve().parent.parent / "app.py")
# Wednesday 25 March to Tuesday 7 April 2026: the week of Monday 30 March crosses into April.
PLATFORMS = ("x", "facebook", "instagram")


@pytest.fixture
def store(db: duckdb.DuckDBPyConnection) -> tuple[duckdb.DuckDBPyConnection, Filters]:
    org = ensure_organisation(db, "Trust", timezone="Asia/Kolkata")
    other = ensure_organisation(db, "Other")
    db.execute(
        "INSERT INTO account (id, organisation_id, platform, handle) VALUES (101, $o, 'x', 'trust'), "
        "(102, $o, 'facebook', 'Trust'), (103, $o, 'instagram', 'trust'), (104, $o, 'x', ''), (105, $other, 'x', 'o')",
        {"o": org, "other": other},
    )
    posts = [
        # platform, id, account, published_at (X: UTC; Meta: local), impressions, reach, engagements, likes, comments, shares, saves, clicks
        ("x", "1", 101, "2026-03-29 20:00", 1000, None, 50, 30, 5, 10, None, 5),  # 30 March 01:30 in Kolkata
        ("x", "2", 101, "2026-04-02 10:00", 100, None, 20, 10, 2, 3, None, 5),
        ("x", "6", 101, "2026-03-24 20:00", 500, None, 10, 6, 1, 1, None, 2),  # 25 March in Kolkata: in the period
        ("x", "7", 101, "2026-03-24 10:00", 9000, None, 900, None, None, None, None, None),  # 24 March: before it
        (
            "facebook",
            "3",
            102,
            "2026-03-31 09:00",
            None,
            400,
            5,
            5,
            0,
            0,
            None,
            None,
        ),  # no impressions: not in the rate
        ("facebook", "4", 102, "2026-04-01 09:00", 900, 600, 30, 20, 5, 5, None, None),
        ("instagram", "5", 103, "2026-03-26 18:00", 300, 200, 60, 50, None, None, 10, None),
    ]
    for platform, post_id, account, published, *figures in posts:
        db.execute(
            """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at,
                                 impressions, reach, engagements, likes, comments, shares, saves, clicks)
               VALUES (1, TIMESTAMP '2026-04-08', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [org, platform, post_id, account, published, *figures],
        )
    db.execute(
        "INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at, impressions, "
        "engagements) VALUES (2, TIMESTAMP '2026-04-08', ?, 'x', '99', 105, TIMESTAMP '2026-03-30', 99999, 9)",
        [other],
    )
    days = [
        # platform, account, day, followers, gained, lost, impressions, reach
        ("x", 104, "2026-03-28", None, 5, 1, None, None),
        ("x", 104, "2026-03-31", None, 3, 0, None, None),
        ("x", 104, "2026-04-02", None, 2, 4, None, None),
        ("facebook", 102, "2026-03-25", 100, None, None, None, None),
        ("facebook", 102, "2026-03-31", 104, None, None, 700, 300),
        ("facebook", 102, "2026-04-01", None, None, None, 800, 350),
        ("facebook", 102, "2026-04-06", 110, None, None, None, None),
        ("facebook", 102, "2026-04-09", 200, None, None, 5000, 5000),  # after the period
        ("instagram", 103, "2026-04-01", None, 7, None, None, None),  # Meta's Follows.csv alone: no unfollows
    ]
    for platform, account, day, *figures in days:
        db.execute(
            """INSERT INTO account_day (batch_id, as_of, organisation_id, platform, account_id, day, followers,
                                        followers_gained, followers_lost, impressions, reach)
               VALUES (1, TIMESTAMP '2026-04-10', ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [org, platform, account, day, *figures],
        )
    return db, Filters(org, date(2026, 3, 25), date(2026, 4, 7), PLATFORMS)


def series(frame: pd.DataFrame, platform: str, column: str) -> dict[str, float | None]:
    rows = frame[frame["platform"] == platform]
    return {
        f"{b:%Y-%m-%d}": (None if pd.isna(v) else float(v)) for b, v in zip(rows["bucket"], rows[column], strict=True)
    }


def test_impressions_come_from_daily_figures_where_a_platform_has_them_else_from_posts(store) -> None:  # type: ignore[no-untyped-def]
    con, filters = store
    weekly = reach.output_trend(con, filters, "week", "impressions")
    # Facebook's days: 700 (31 March) + 800 (1 April), both in the week of Monday 30 March.
    assert series(weekly, "facebook", "value") == {"2026-03-30": 1500.0}
    assert set(weekly[weekly["platform"] == "facebook"]["source"]) == {"daily"}
    # X has no daily impressions: its posts by local publish day. Post 6 (24 March 20:00 UTC) is 25 March
    # in Kolkata; post 1 (29 March 20:00 UTC) is Monday 30 March; post 7 (24 March) is outside.
    assert series(weekly, "x", "value") == {"2026-03-23": 500.0, "2026-03-30": 1100.0}
    assert set(weekly[weekly["platform"] == "x"]["source"]) == {"posts"}
    assert series(weekly, "instagram", "value") == {"2026-03-23": 300.0}
    # The week of 30 March splits into March and April by month.
    monthly = reach.output_trend(con, filters, "month", "impressions")
    assert series(monthly, "facebook", "value") == {"2026-03-01": 700.0, "2026-04-01": 800.0}
    assert series(monthly, "x", "value") == {"2026-03-01": 1500.0, "2026-04-01": 100.0}
    daily = reach.output_trend(con, filters, "day", "impressions")
    assert series(daily, "x", "value") == {"2026-03-25": 500.0, "2026-03-30": 1000.0, "2026-04-02": 100.0}
    # Days that report no impressions (25 March, 6 April) get no point, not a 0.
    assert series(daily, "facebook", "value") == {"2026-03-31": 700.0, "2026-04-01": 800.0}
    # Counting every platform from its posts: Facebook's post 3 reports none, post 4 has 900.
    by_posts = reach.output_trend(con, filters, "week", "impressions", daily_first=False)
    assert series(by_posts, "facebook", "value") == {"2026-03-30": 900.0}


def test_reach_is_a_labelled_sum_of_daily_or_post_reach_and_never_invented_for_x(store) -> None:  # type: ignore[no-untyped-def]
    con, filters = store
    weekly = reach.output_trend(con, filters, "week", "reach")
    assert series(weekly, "facebook", "value") == {"2026-03-30": 300.0 + 350.0}
    assert series(weekly, "instagram", "value") == {"2026-03-23": 200.0}
    assert set(weekly["platform"]) == {"facebook", "instagram"}  # no line for X
    assert reach.output_label("reach", "daily", "week") == "sum of daily reach"
    assert reach.output_label("reach", "daily", "day") == "daily reach"
    assert reach.output_label("reach", "posts", "month") == "sum of post reach (posts published)"
    by_posts = reach.output_trend(con, filters, "week", "reach", daily_first=False)
    assert series(by_posts, "facebook", "value") == {"2026-03-30": 400.0 + 600.0}


def test_both_outputs_in_one_statement_are_each_outputs_own(store) -> None:  # type: ignore[no-untyped-def]
    """The page reads impressions and reach together (output_trends): the same frames as output_trend's, one by one."""
    con, filters = store
    for grain in ("day", "week", "month", "period"):
        for daily_first in (True, False):
            both = reach.output_trends(con, filters, grain, ("impressions", "reach"), daily_first)
            for metric, frame in both.items():
                pd.testing.assert_frame_equal(frame, reach.output_trend(con, filters, grain, metric, daily_first))
    none = Filters(filters.organisation_id, date(2001, 1, 1), date(2001, 1, 31), filters.platforms)
    for metric, frame in reach.output_trends(con, none, "week", ("impressions", "reach")).items():
        pd.testing.assert_frame_equal(frame, reach.output_trend(con, none, "week", metric))


def test_engagement_rate_is_weighted_by_impressions_not_a_mean_of_rates(store) -> None:  # type: ignore[no-untyped-def]
    con, filters = store
    weekly = reach.engagement_trend(con, filters, "week")
    rates = series(weekly, "x", "engagement_rate")
    assert rates["2026-03-23"] == pytest.approx(10 / 500)
    # Week of 30 March: (50 + 20) / (1000 + 100) = 0.0636..., not the mean of 0.05 and 0.2 (0.125).
    assert rates["2026-03-30"] == pytest.approx(70 / 1100)
    monthly = reach.engagement_trend(con, filters, "month")
    assert series(monthly, "x", "engagement_rate") == pytest.approx({"2026-03-01": 60 / 1500, "2026-04-01": 20 / 100})
    # Facebook's post 3 has no impressions: its 5 engagements count in the total, not in the rate.
    assert series(weekly, "facebook", "engagements") == {"2026-03-30": 35.0}
    assert series(weekly, "facebook", "engagement_rate") == pytest.approx({"2026-03-30": 30 / 900})
    # Components: sums of what each platform reports; saves unreported by X and Facebook stay empty.
    assert series(weekly, "x", "likes") == {"2026-03-23": 6.0, "2026-03-30": 40.0}
    assert series(weekly, "x", "clicks") == {"2026-03-23": 2.0, "2026-03-30": 10.0}
    assert series(weekly, "x", "saves") == {"2026-03-23": None, "2026-03-30": None}
    assert reach.reported_components(weekly, "x") == ["likes", "comments", "shares", "clicks"]
    assert reach.reported_components(weekly, "instagram") == ["likes", "saves"]


def test_follower_growth_from_gains_and_losses_and_from_totals(store) -> None:  # type: ignore[no-untyped-def]
    con, filters = store
    weekly = reach.follower_growth(con, filters, "week")
    # X: (5 − 1) in the week of 23 March; (3 − 0) + (2 − 4) = 1 in the week of 30 March.
    assert series(weekly, "x", "net") == {"2026-03-23": 4.0, "2026-03-30": 1.0}
    assert series(weekly, "x", "gained") == {"2026-03-23": 5.0, "2026-03-30": 5.0}
    # Facebook gives totals: 100 (25 March), 104 (31 March), 110 (Monday 6 April). The week of 23 March
    # holds only the first total, so no change and no row; then 104 − 100 and 110 − 104.
    assert series(weekly, "facebook", "net") == {"2026-03-30": 4.0, "2026-04-06": 6.0}
    assert series(weekly, "facebook", "gained") == {"2026-03-30": None, "2026-04-06": None}
    # Instagram: follows only, no unfollows: gained 7, net unknown (not 7).
    assert series(weekly, "instagram", "gained") == {"2026-03-30": 7.0}
    assert series(weekly, "instagram", "net") == {"2026-03-30": None}
    monthly = reach.follower_growth(con, filters, "month")
    assert series(monthly, "x", "net") == {"2026-03-01": 7.0, "2026-04-01": -2.0}
    assert series(monthly, "facebook", "net") == {"2026-03-01": 4.0, "2026-04-01": 6.0}
    period = reach.follower_growth(con, filters, "period")
    assert series(period, "x", "net") == {"2026-03-25": 5.0}
    assert series(period, "facebook", "net") == {"2026-03-25": 10.0}
    table = reach.follower_table(period, ["x", "facebook", "instagram", "youtube"]).set_index("Platform")
    assert table.loc["X (Twitter)"].tolist() == ["10", "5", "+5", "gained − lost"]
    assert table.loc["Facebook"].tolist() == ["not reported", "not reported", "+10", "follower totals"]
    assert table.loc["Instagram"].tolist() == ["7", "not reported", "not reported", ""]
    assert table.loc["YouTube"].tolist() == ["not reported", "not reported", "not reported", ""]


def test_platform_comparison_per_post_and_per_1000_followers(store) -> None:  # type: ignore[no-untyped-def]
    con, filters = store
    comparison = reach.platform_comparison(con, filters).set_index("platform")
    x = comparison.loc["x"]
    assert x["posts"] == 3
    assert x["impressions_per_post"] == pytest.approx(1600 / 3)
    assert x["engagements_per_post"] == pytest.approx(80 / 3)
    assert x["engagement_rate"] == pytest.approx(80 / 1600)
    # X gives daily follows, never a follower count: nothing per 1,000 followers, and the reason.
    assert pd.isna(x["followers"]) and pd.isna(x["impressions_per_1000_followers"])
    assert x["missing"] == reach.NO_FOLLOWERS
    facebook = comparison.loc["facebook"]
    assert facebook["posts"] == 2
    assert facebook["impressions_per_post"] == pytest.approx(900)  # one of the two posts reports impressions
    assert facebook["engagements_per_post"] == pytest.approx(35 / 2)
    assert facebook["followers"] == 110  # the latest in the period, not the 200 after it
    assert facebook["impressions_per_1000_followers"] == pytest.approx(900 / 110 * 1000)
    assert facebook["engagements_per_1000_followers"] == pytest.approx(35 / 110 * 1000)
    assert facebook["missing"] == ""
    shown = reach.comparison_display(reach.comparison_table(comparison.reset_index())).set_index("Platform")
    assert shown.loc["Facebook", "Impressions / 1,000 followers"] == "8,181.8"
    assert shown.loc["X (Twitter)", "Impressions / 1,000 followers"] == "—"
    assert shown.loc["X (Twitter)", "Engagement rate"] == "5.00%"
    # The reasons for empty cells are said under the table instead of in a column.
    assert list(shown.columns) == [
        "Posts",
        "Impressions / post",
        "Engagements / post",
        "Engagement rate",
        "Followers (latest)",
        "Impressions / 1,000 followers",
        "Engagements / 1,000 followers",
    ]
    assert reach.missing_reasons(comparison.reset_index()) == [f"X (Twitter), Instagram: {reach.NO_FOLLOWERS}"]


def test_a_selected_platform_without_posts_is_listed_with_its_reason(store) -> None:  # type: ignore[no-untyped-def]
    con, filters = store
    only = Filters(filters.organisation_id, filters.start, filters.end, ("youtube",))
    comparison = reach.platform_comparison(con, only)
    assert comparison["posts"].tolist() == [0]
    assert comparison["missing"].tolist() == [f"{reach.NO_POSTS}; {reach.NO_FOLLOWERS}"]
    assert reach.output_trend(con, only, "week", "impressions").empty
    assert reach.follower_growth(con, only, "week").empty


def test_an_unknown_granularity_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    con, filters = store
    with pytest.raises(ValueError, match="unknown granularity"):
        reach.engagement_trend(con, filters, "year; DROP TABLE post")


def test_charts_draw_a_trace_per_platform_and_source(store) -> None:  # type: ignore[no-untyped-def]
    con, filters = store
    fig = reach_charts.output_trend_chart(
        reach.output_trend(con, filters, "week", "impressions"), "impressions", "week"
    )
    assert sorted(t.name for t in fig.data) == ["Facebook (daily)", "Instagram (posts)", "X (Twitter) (posts)"]
    fig = reach_charts.follower_chart(reach.follower_growth(con, filters, "week"), "week")
    assert sorted(t.name for t in fig.data) == ["Facebook", "X (Twitter)"]  # Instagram has no net: no bar
    fig = reach_charts.components_chart(reach.engagement_trend(con, filters, "week"), "instagram", "week")
    assert [t.name for t in fig.data] == ["Likes", "Saves"]


def test_reach_page_on_sample_data(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/reach/reach.py")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Reach & engagement"
    # The default period is the last 12 months before the latest day, for the first organisation:
    # Brahmaputra's whole year. Posts per platform from sample_data/README.md (YouTube: the 34 videos
    # published in the period); per post, Σ ÷ posts of the Overview's sums (Facebook 836,420 impressions and
    # 25,683 engagements, X 715,347 and 29,696, YouTube 508,624 and 6,501, Instagram 356,460 and 12,434). Its 23
    # blog posts report no impressions (a feed has no counts): last, with no figure.
    table = next(d.value for d in at.dataframe if "Impressions / post" in d.value.columns)
    assert table.values.tolist() == [
        ["Facebook", "178", "4,699", "144", "3.07%", "—", "—", "—"],
        ["X (Twitter)", "230", "3,110", "129", "4.15%", "—", "—", "—"],
        ["YouTube", "34", "14,960", "191", "1.28%", "—", "—", "—"],
        ["Instagram", "107", "3,331", "116", "3.49%", "—", "—", "—"],
        ["Blog", "23", "—", "—", "—", "—", "—", "—"],
    ]
    # X: +1,645 new follows, −543 unfollows; Facebook: 2,560 new follows, no unfollows (README); a blog's feed
    # reports no followers.
    followers = next(d.value for d in at.dataframe if "Gained" in d.value.columns)
    assert followers.values.tolist() == [
        ["Blog", "not reported", "not reported", "not reported", ""],
        ["Facebook", "2,560", "not reported", "not reported", ""],
        ["Instagram", "not reported", "not reported", "not reported", ""],
        ["X (Twitter)", "1,645", "543", "+1,102", "gained − lost"],
        ["YouTube", "not reported", "not reported", "not reported", ""],
    ]
    assert "What these figures mean" in [e.label for e in at.expander]
    # Another granularity redraws without error.
    at.segmented_control(key="reach_granularity").set_value("Month").run()
    assert not at.exception
