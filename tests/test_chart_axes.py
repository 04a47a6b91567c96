"""Count axes never show fractions of a count as SI milli ("800m impressions" for a page with none)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from impact.charts.overview import weekly_trend_chart
from impact.charts.presence import small_multiples
from impact.charts.reach import follower_chart, output_trend_chart
from impact.charts.website import daily_sessions_chart

WEEKS = [date(2025, 2, 10), date(2025, 2, 17), date(2025, 2, 24)]


def _weekly(values: list[float]) -> pd.DataFrame:
    weeks = WEEKS[: len(values)]
    return pd.DataFrame({"platform": ["facebook"] * len(values), "week": weeks, "posts": values, "impressions": values})


def test_a_page_with_no_or_a_few_impressions_gets_a_tick_per_unit() -> None:
    for values in ([0, 0, 0], [1, 0, 3], [4, 6, 10]):
        axis = weekly_trend_chart(_weekly(values), "impressions", "Impressions").layout.yaxis
        assert (axis.dtick, axis.tickformat) == (1, ",d"), values
    empty = weekly_trend_chart(_weekly([]), "impressions", "Impressions").layout.yaxis
    assert (empty.dtick, empty.tickformat) == (1, ",d")


def test_a_large_count_keeps_plotlys_ticks_in_si_units() -> None:
    axis = weekly_trend_chart(_weekly([1200, 30_000, 5]), "impressions", "Impressions").layout.yaxis
    assert (axis.dtick, axis.tickformat) == (None, "~s")
    # Stacked: two platforms of 6 a week are 12 a week, so plotly's ticks (2 apart) are whole already.
    two = pd.concat([_weekly([6, 6, 6]), _weekly([6, 6, 6]).assign(platform="x")])
    assert weekly_trend_chart(two, "posts", "Posts").layout.yaxis.dtick is None


def test_the_other_count_charts_do_the_same() -> None:
    trend = pd.DataFrame({"platform": "x", "source": "posts", "bucket": WEEKS, "value": [0, 1, 2]})
    assert output_trend_chart(trend, "impressions", "week").layout.yaxis.dtick == 1
    growth = pd.DataFrame({"platform": "x", "bucket": WEEKS, "net": [-2, 1, 0], "gained": 1, "lost": 1})
    assert follower_chart(growth, "week").layout.yaxis.dtick == 1
    assert daily_sessions_chart(pd.DataFrame({"day": WEEKS, "sessions": [0, 2, 1]})).layout.yaxis.dtick == 1
    weekly = pd.DataFrame(
        {"organisation": "A", "week": WEEKS, "impressions": [0.0, 0.0, 0.0], "engagement_rate": [0.01, 0.02, 0.0]}
    )
    assert small_multiples(weekly, "impressions", "Impressions per week").layout.yaxis.dtick == 1
    # A rate is not a count: its axis stays in per cent.
    rate = small_multiples(weekly, "engagement_rate", "Engagement rate per week", rate=True).layout.yaxis
    assert (rate.dtick, rate.tickformat) == (None, ".1%")
