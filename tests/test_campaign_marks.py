"""Campaign periods shaded on the time charts, and the goals at a glance on the Overview."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from impact.campaigns.goals import (
    GoalGlance,
    archive_campaign,
    campaign_periods,
    create_campaign,
    goals_at_a_glance,
    set_goal,
)
from impact.charts.look import layout, mark_campaigns
from impact.charts.overview import weekly_trend_chart
from impact.store.connection import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def con(db: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    db.execute("INSERT INTO organisation (id, name) VALUES (1, 'Trust'), (2, 'Other trust')")
    db.execute("INSERT INTO account (id, organisation_id, platform, handle) VALUES (1, 1, 'x', 'trust')")
    return db


def add_posts(con: duckdb.DuckDBPyConnection, days: list[date], text: str) -> None:
    for n, day in enumerate(days):
        con.execute(
            """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at, text)
               VALUES (1, TIMESTAMP '2026-12-31', 1, 'x', ?, 1, ?, ?)""",
            [f"{text}-{n}", f"{day:%Y-%m-%d} 09:00", text],
        )


def test_campaign_periods_are_those_overlapping_the_period_edges_included(con: duckdb.DuckDBPyConnection) -> None:
    create_campaign(con, 1, "Ends on the first day", date(2026, 5, 25), date(2026, 6, 30))
    create_campaign(con, 1, "Ends the day before", date(2026, 5, 1), date(2026, 6, 29))
    create_campaign(con, 1, "Starts on the last day", date(2026, 9, 30), date(2026, 12, 31))
    create_campaign(con, 1, "Starts the day after", date(2026, 10, 1), date(2026, 10, 31))
    create_campaign(con, 1, "Around the whole period", date(2026, 1, 1), date(2026, 12, 31))
    archive_campaign(con, create_campaign(con, 1, "Archived", date(2026, 7, 1), date(2026, 7, 31)))
    create_campaign(con, 2, "Another organisation's", date(2026, 7, 1), date(2026, 7, 31))

    assert campaign_periods(con, 1, date(2026, 6, 30), date(2026, 9, 30)) == [
        ("Around the whole period", date(2026, 1, 1), date(2026, 12, 31)),
        ("Ends on the first day", date(2026, 5, 25), date(2026, 6, 30)),
        ("Starts on the last day", date(2026, 9, 30), date(2026, 12, 31)),
    ]
    assert campaign_periods(con, 2, date(2026, 1, 1), date(2026, 6, 30)) == []


def daily_chart(first: date, last: date) -> go.Figure:
    days = pd.date_range(first, last, freq="D")
    return go.Figure(go.Scatter(x=days, y=[1] * len(days), mode="lines"))


def test_a_chart_has_the_white_template_in_full() -> None:
    """look makes plotly_white plotly's default (cheaper than naming it in each figure): every chart carries it."""
    fig = layout(go.Figure(go.Bar(x=["a"], y=[1])), "Posts per week", "Posts")
    assert fig.to_dict()["layout"]["template"] == pio.templates["plotly_white"].to_plotly_json()
    empty = pd.DataFrame(columns=["week", "platform", "posts"])
    assert weekly_trend_chart(empty, "posts", "Posts").layout.template == pio.templates["plotly_white"]


def test_a_chart_is_white_even_when_another_import_changed_plotlys_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing Streamlit's charts after impact.charts.look makes Streamlit's template plotly's default."""
    monkeypatch.setattr(pio.templates, "default", "plotly")
    fig = layout(go.Figure(go.Bar(x=["a"], y=[1])), "Posts per week", "Posts")
    assert fig.to_dict()["layout"]["template"] == pio.templates["plotly_white"].to_plotly_json()
    assert pio.templates.default == "plotly_white"  # and the next figures take it as the default


def test_mark_campaigns_adds_a_band_and_a_label_per_period_cut_to_the_chart() -> None:
    fig = daily_chart(date(2026, 6, 1), date(2026, 6, 30))
    periods = [
        ("Starts before the chart", date(2026, 5, 1), date(2026, 6, 10)),
        ("Overlaps it", date(2026, 6, 5), date(2026, 6, 12)),
        ("Runs past the chart", date(2026, 6, 20), date(2026, 7, 31)),
    ]
    assert mark_campaigns(fig, periods) == periods
    bands = [(pd.Timestamp(s.x0), pd.Timestamp(s.x1)) for s in fig.layout.shapes]
    # A day is drawn at its midnight: a band runs half a day either side of its first and last day.
    assert bands == [
        (pd.Timestamp("2026-06-01"), pd.Timestamp("2026-06-10 12:00")),
        (pd.Timestamp("2026-06-04 12:00"), pd.Timestamp("2026-06-12 12:00")),
        (pd.Timestamp("2026-06-19 12:00"), pd.Timestamp("2026-06-30")),
    ]
    # Each label at the start of its band, along the top; a label overlapping the one before it drops a row.
    labels = [(a.text, pd.Timestamp(a.x), a.y, a.yref) for a in fig.layout.annotations]
    assert labels == [
        ("Starts before the chart", pd.Timestamp("2026-06-01"), 1.0, "paper"),
        ("Overlaps it", pd.Timestamp("2026-06-04 12:00"), 0.92, "paper"),
        ("Runs past the chart", pd.Timestamp("2026-06-19 12:00"), 1.0, "paper"),
    ]


def test_mark_campaigns_draws_nothing_without_periods_or_outside_the_chart() -> None:
    fig = daily_chart(date(2026, 6, 1), date(2026, 6, 30))
    assert mark_campaigns(fig, []) == []
    assert mark_campaigns(fig, [("Before", date(2026, 1, 1), date(2026, 5, 30))]) == []
    assert fig.layout.shapes == () and fig.layout.annotations == ()


def test_a_weekly_band_covers_the_whole_weeks_the_campaign_touches() -> None:
    weeks = [date(2026, 6, 1) + timedelta(weeks=n) for n in range(5)]  # Mondays
    trend = pd.DataFrame({"platform": "x", "week": weeks, "impressions": [100.0] * 5})
    fig = weekly_trend_chart(trend, "impressions", "Impressions")
    # Wednesday 3 June to Tuesday 16 June: the weeks of 1 and 15 June, each bar centred on its Monday.
    mark_campaigns(fig, [("Kits", date(2026, 6, 3), date(2026, 6, 16))], "week")
    (band,) = fig.layout.shapes
    assert (pd.Timestamp(band.x0), pd.Timestamp(band.x1)) == (
        pd.Timestamp("2026-05-28 12:00"),
        pd.Timestamp("2026-06-18 12:00"),
    )


def test_a_typed_campaign_name_is_shown_as_typed_not_as_markup() -> None:
    fig = daily_chart(date(2026, 6, 1), date(2026, 6, 30))
    mark_campaigns(fig, [("<b>Kits</b> & <i>more</i>", date(2026, 6, 1), date(2026, 6, 5))])
    mark_campaigns(fig, [("A campaign name far too long for the label", date(2026, 6, 8), date(2026, 6, 9))])
    short, long = fig.layout.annotations
    assert short.text == short.hovertext == "&lt;b&gt;Kits&lt;/b&gt; &amp; &lt;i&gt;more&lt;/i&gt;"
    assert (long.text, long.hovertext) == ("A campaign name far too lon…", "A campaign name far too long for the label")


def test_goals_at_a_glance_lists_running_and_just_ended_campaigns(con: duckdb.DuckDBPyConnection) -> None:
    today = date(2026, 11, 25)
    running = create_campaign(con, 1, "Running", date(2026, 11, 15), date(2026, 12, 15), hashtags=["#kits"])
    set_goal(con, running, "posts", 10)
    ended = create_campaign(con, 1, "Ended 30 days ago", date(2026, 10, 1), date(2026, 10, 26), hashtags=["#old"])
    set_goal(con, ended, "posts", 2)
    set_goal(con, create_campaign(con, 1, "Ended 40 days ago", date(2026, 9, 1), date(2026, 10, 16)), "posts", 5)
    set_goal(con, create_campaign(con, 1, "Not started", date(2026, 11, 26), date(2026, 12, 31)), "posts", 5)
    archived = create_campaign(con, 1, "Archived", date(2026, 11, 1), date(2026, 11, 30))
    set_goal(con, archived, "posts", 5)
    archive_campaign(con, archived)
    add_posts(con, [date(2026, 11, 16), date(2026, 11, 20), date(2026, 11, 25)], "School #kits")
    add_posts(con, [date(2026, 10, 10)], "Clean-up #old")

    # Running: 3 posts in 11 of 31 days, projected to 3 × 31 ÷ 11 = 8.45, 84.5 % of 10: at risk.
    # Ended: 1 post of 2 over its whole run: behind.
    assert goals_at_a_glance(con, 1, today) == [
        GoalGlance(running, "Running", date(2026, 12, 15), "posts", "Posts", 3.0, 10.0, 0.3, "at risk", 20),
        GoalGlance(ended, "Ended 30 days ago", date(2026, 10, 26), "posts", "Posts", 1.0, 2.0, 0.5, "behind", 0),
    ]
    assert goals_at_a_glance(con, 2, today) == []


def test_overview_shows_campaign_goals_with_the_statuses_of_the_campaigns_page(sample_copy: Path) -> None:
    name = "Diwali <b>kits</b> 🎒"
    with open_store(sample_copy) as con:
        (org,) = con.execute("SELECT id FROM organisation WHERE name = 'Pune Education Trust'").fetchone()
        running = create_campaign(con, org, name, date(2026, 11, 1), date(2026, 12, 15), keywords=["school"])
        for metric, target in [("posts", 40), ("followers_gained", 50), ("engagements", 900_000)]:
            set_goal(con, running, metric, target)

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = "Pune Education Trust"
    at.run()
    assert not at.exception
    assert "Campaign goals" in [s.value for s in at.subheader]
    # Judged on 25 Nov 2026, the demo data's latest day, as the Campaigns page judges them: day 25 of 45.
    # Posts saying "school" from 1 to 25 November: 9 on X, 8 on Facebook, 7 on Instagram, with 250 + 485 + 653
    # engagements; 24 × 45 ÷ 25 = 43.2 by the end, on track for 40. Followers gained: 69 on X, 86 on Facebook.
    goals = [m.value for m in at.markdown if m.value.startswith(("**Diwali", ":"))]
    assert goals == [
        "**Diwali \\<b\\>kits\\</b\\> 🎒** · 20 days left",  # the typed name, escaped
        ":green-badge[On track]  \n**Posts**: 24 of 40 (60%)",
        ":green-badge[Met]  \n**Followers gained**: 155 of 50 (310%)",
        ":red-badge[Behind]  \n**Engagements**: 1,388 of 900,000 (0%)",
    ]  # the demo's own campaign ended on 30 June, more than 30 days before: not listed
    assert [link.proto.page for link in at.get("page_link")] == ["campaigns"]  # the Campaigns page's url_path
    shaded = [c.value for c in at.caption if c.value.startswith("Shaded: campaign periods")]
    assert shaded == [
        "Shaded: campaign periods (Exam ready 2026, 09 Feb – 20 Mar 2026; Back to school 2026, 25 May – 30 Jun 2026; "
        "Diwali \\<b\\>kits\\</b\\> 🎒, 01 Nov – 15 Dec 2026)."
    ]
