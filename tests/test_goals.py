"""Campaigns: which posts their rules catch, and progress with pace, on a tiny hand-built store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from impact.campaigns.goals import (
    GOAL_METRICS,
    burn_up,
    burn_ups,
    campaign_posts,
    create_campaign,
    pick_post,
    progress,
    set_goal,
    status,
)
from impact.store.connection import connect


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = connect(tmp_path / "goals.duckdb")
    con.execute("INSERT INTO organisation (id, name) VALUES (1, 'Trust')")
    con.execute("INSERT INTO account (id, organisation_id, platform, handle) VALUES (1, 1, 'x', 'trust')")
    posts = [
        # id, published, text, url, impressions, engagements, shares
        ("1", "2026-06-01 09:00", "Kits for every child #BackToSchool", None, 1000, 50, 5),
        ("2", "2026-06-05 09:00", "Volunteers needed #backtoschool #Volunteer", None, 500, 40, 4),
        ("3", "2026-06-08 09:00", "Donate a school kit today", "https://ngo.org/?utm_campaign=bts2026", 300, 9, 1),
        ("4", "2026-06-09 09:00", "Our river clean-up", None, 800, 20, 2),
        ("5", "2026-05-20 09:00", "#BackToSchool starts soon", None, 700, 30, 3),  # before the campaign
        ("6", "2026-06-10 09:00", "#backtoschoolish is another tag", None, 100, 1, 0),  # not the same tag
    ]
    for post_id, published, text, url, impressions, engagements, shares in posts:
        con.execute(
            """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at, text,
                                 url, impressions, engagements, shares)
               VALUES (1, TIMESTAMP '2026-07-01', 1, 'x', ?, 1, ?, ?, ?, ?, ?, ?)""",
            [post_id, published, text, url, impressions, engagements, shares],
        )
    for day, gained in [("2026-06-02", 10), ("2026-06-20", 5), ("2026-07-15", 99)]:
        con.execute(
            """INSERT INTO account_day (batch_id, as_of, organisation_id, platform, account_id, day, followers_gained)
               VALUES (1, TIMESTAMP '2026-07-01', 1, 'x', 1, ?, ?)""",
            [day, gained],
        )
    outcomes = [
        # reference, when, kind, amount, donor, campaign
        ("d1", "2026-06-03 10:00", "donation", 1000, "a", "Back to school 2026"),
        ("d2", "2026-06-04 10:00", "donation", 500, "b", None),
        ("d3", "2026-06-04 12:00", "donation", 250, "a", "back to school 2026 kits"),
        ("r1", "2026-06-06 10:00", "refund", -250, "a", "Back to school 2026"),
        ("d4", "2026-07-05 10:00", "donation", 9999, "c", "Back to school 2026"),  # after the campaign
    ]
    for reference, when, kind, amount, donor, campaign in outcomes:
        con.execute(
            """INSERT INTO outcome (batch_id, as_of, organisation_id, platform, account_id, reference, occurred_at, kind,
                                    amount, currency, donor, campaign)
               VALUES (2, TIMESTAMP '2026-07-10', 1, 'razorpay', 1, ?, ?, ?, ?, 'INR', ?, ?)""",
            [reference, when, kind, amount, donor, campaign],
        )
    for day, minutes, campaign in [("2026-06-01", 90, "Back to school 2026"), ("2026-06-02", 30, "other")]:
        con.execute(
            """INSERT INTO time_entry (batch_id, as_of, organisation_id, platform, account_id, entry_key, day, person,
                                       minutes, campaign)
               VALUES (3, TIMESTAMP '2026-07-10', 1, 'template', 1, ?, ?, 'Asha', ?, ?)""",
            [day, day, minutes, campaign],
        )
    return con


def back_to_school(con: duckdb.DuckDBPyConnection, **rules: object) -> int:
    return create_campaign(
        con, 1, "Back to school 2026", date(2026, 6, 1), date(2026, 6, 30), hashtags=["#BackToSchool"], **rules
    )


def test_each_rule_catches_its_posts_within_the_dates(con: duckdb.DuckDBPyConnection) -> None:
    campaign_id = back_to_school(con, keywords=["School Kit"], utm_campaign="BTS2026")
    pick_post(con, campaign_id, "x", "4")
    caught = campaign_posts(con, campaign_id)
    # Post 5 is before the campaign; post 6's tag only starts like the campaign's.
    assert caught[["post_id", "caught_by"]].values.tolist() == [
        ["1", "hashtag"],
        ["2", "hashtag"],
        ["3", "keyword"],
        ["4", "picked by hand"],
    ]


def test_a_campaign_with_no_data_yet_is_not_started(con: duckdb.DuckDBPyConnection) -> None:
    campaign_id = create_campaign(con, 1, "Diwali 2026", date(2026, 10, 20), date(2026, 11, 10), hashtags=["diwali"])
    set_goal(con, campaign_id, "posts", 20)
    (goal,) = progress(con, campaign_id, today=date(2026, 10, 1))
    assert (goal.actual, goal.progress, goal.projection, goal.status, goal.days_left) == (0, 0, None, "not started", 22)


def test_progress_and_pace_halfway(con: duckdb.DuckDBPyConnection) -> None:
    campaign_id = back_to_school(con)
    for metric, target in [("posts", 6), ("engagements", 200), ("donations_amount", 1000), ("donors", 2)]:
        set_goal(con, campaign_id, metric, target)
    set_goal(con, campaign_id, "hours", 2)
    goals = {g.metric: g for g in progress(con, campaign_id, today=date(2026, 6, 15))}
    # 15 of 30 days gone. Posts 1 and 2: 2 of 6, heading for 4 (67 %): behind.
    assert (goals["posts"].actual, goals["posts"].projection, goals["posts"].status) == (2, 4, "behind")
    # Engagements 90 of 200, heading for 180 (90 %): at risk.
    assert (goals["engagements"].actual, goals["engagements"].projection, goals["engagements"].status) == (
        90,
        180,
        "at risk",
    )
    # Donations in the dates: 1,000 + 500 + 250 − 250 refunded = 1,500 from donors a and b: both goals met.
    assert (goals["donations_amount"].actual, goals["donations_amount"].status) == (1500, "met")
    assert (goals["donors"].actual, goals["donors"].status) == (2, "met")
    # Hours: a ceiling. 1.5 h so far, heading for 3 h against 2: behind (more than 20 % over).
    assert (goals["hours"].actual, goals["hours"].projection, goals["hours"].status) == (1.5, 3.0, "behind")
    assert goals["posts"].days_left == 15


def test_outcomes_that_must_name_the_campaign(con: duckdb.DuckDBPyConnection) -> None:
    campaign_id = back_to_school(con, outcomes_named_only=True)
    set_goal(con, campaign_id, "donations_amount", 5000)
    (goal,) = progress(con, campaign_id, today=date(2026, 6, 30))
    # d2 names no campaign: 1,000 + 250 − 250.
    assert goal.actual == 1000


def test_an_ended_campaign_projects_its_final_figure(con: duckdb.DuckDBPyConnection) -> None:
    campaign_id = back_to_school(con)
    set_goal(con, campaign_id, "followers_gained", 20)
    (goal,) = progress(con, campaign_id, today=date(2026, 8, 1))
    # 10 + 5 gained in June; July's 99 are after the end. 15 of 20 is 75 %, below 80 %: behind.
    assert (goal.actual, goal.projection, goal.status, goal.days_left) == (15, 15, "behind", 0)


def test_overlapping_campaigns_both_count_a_shared_post(con: duckdb.DuckDBPyConnection) -> None:
    first = back_to_school(con)
    second = create_campaign(con, 1, "Volunteers June", date(2026, 6, 5), date(2026, 6, 12), hashtags=["volunteer"])
    assert campaign_posts(con, first)["post_id"].tolist() == ["1", "2"]
    assert campaign_posts(con, second)["post_id"].tolist() == ["2"]


def test_statuses_follow_the_definition() -> None:
    assert status(100, 50, 100, ceiling=False) == "on track"
    assert status(100, 50, 80, ceiling=False) == "at risk"
    assert status(100, 50, 79.9, ceiling=False) == "behind"
    assert status(100, 100, 100, ceiling=False) == "met"
    assert status(10, 5, 10, ceiling=True) == "on track"
    assert status(10, 5, 12, ceiling=True) == "at risk"
    assert status(10, 11, 12, ceiling=True) == "over"


def test_form_input_cannot_break_a_campaign(con: duckdb.DuckDBPyConnection) -> None:
    hostile = "Robert'); DROP TABLE post;-- <script>alert(1)</script> 🎒" + "x" * 500
    campaign_id = create_campaign(con, 1, hostile, date(2026, 6, 1), date(2026, 6, 30), hashtags=["#it's", "🎒"],
                                  keywords=["'; --"], utm_campaign="a'b")  # fmt: skip
    assert campaign_posts(con, campaign_id).empty
    assert con.execute("SELECT count(*) FROM post").fetchone() == (6,)
    with pytest.raises(ValueError, match="already a campaign"):
        create_campaign(con, 1, hostile, date(2026, 6, 1), date(2026, 6, 30))
    with pytest.raises(ValueError, match="cannot end before it starts"):
        create_campaign(con, 1, "Backwards", date(2026, 6, 30), date(2026, 6, 1))
    with pytest.raises(ValueError, match="more than zero"):
        set_goal(con, campaign_id, "posts", 0)


def test_burn_up_is_the_running_total_per_day(con: duckdb.DuckDBPyConnection) -> None:
    campaign_id = back_to_school(con)
    posts = burn_up(con, campaign_id, "engagements", today=date(2026, 6, 6))
    assert posts["total"].tolist() == [50, 50, 50, 50, 90, 90]
    donors = burn_up(con, campaign_id, "donors", today=date(2026, 6, 30))
    # a on 3 June (again on the 4th), b on the 4th: each donor once.
    assert donors.set_index("day")["total"].loc[[date(2026, 6, 3), date(2026, 6, 4), date(2026, 6, 30)]].tolist() == [
        1,
        2,
        2,
    ]
    money = burn_up(con, campaign_id, "donations_amount", today=date(2026, 6, 30))
    assert money["total"].iloc[-1] == 1500
    assert burn_up(con, campaign_id, "hours", today=date(2026, 5, 1)).empty  # not started
    # Every goal's burn-up at once (one statement, as the Progress and Compare tabs read them): the same frames.
    for today in (date(2026, 5, 1), date(2026, 6, 6), date(2026, 6, 30), date(2026, 8, 1)):
        together = burn_ups(con, campaign_id, list(GOAL_METRICS), today)
        assert list(together) == list(GOAL_METRICS)
        for metric, frame in together.items():
            pd.testing.assert_frame_equal(frame, burn_up(con, campaign_id, metric, today))
