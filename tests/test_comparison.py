"""This campaign against earlier ones, like for like on day N, on a tiny hand-built store."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from impact.campaigns.comparison import COMPARISON_COLUMNS, compare_with_earlier
from impact.campaigns.goals import archive_campaign, create_campaign, set_goal


@pytest.fixture
def con(db: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    db.execute("INSERT INTO organisation (id, name) VALUES (1, 'Trust'), (2, 'Other')")
    db.execute("INSERT INTO account (id, organisation_id, platform, handle) VALUES (1, 1, 'x', 'trust')")
    posts = [
        # id, published, text, engagements, shares
        ("a1", "2026-01-01 09:00", "Winter drive #winter", 10, 1),  # the earlier campaign's day 1
        ("a2", "2026-01-03 18:00", "Blankets #winter", 20, 1),  # its day 3
        ("a3", "2026-01-04 09:00", "Thank you #winter", 40, 1),  # its day 4: after day N = 3
        ("a4", "2026-01-09 09:00", "Last call #winter", 5, 1),  # its day 9
        ("b1", "2026-02-01 09:00", "Spring appeal #spring", 7, 1),  # this campaign's day 1
        ("b2", "2026-02-03 12:00", "Seeds #spring", 8, 2),  # its day 3 = today (17:30 in India, the default zone)
        ("b3", "2026-02-05 09:00", "Later #spring", 100, 50),  # after today: not counted yet
        ("c1", "2026-01-02 09:00", "Not a campaign post", 999, 99),
    ]
    for post_id, published, text, engagements, shares in posts:
        db.execute(
            """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at, text,
                                 engagements, shares)
               VALUES (1, TIMESTAMP '2026-02-10', 1, 'x', ?, 1, ?, ?, ?, ?)""",
            [post_id, published, text, engagements, shares],
        )
    return db


def campaigns(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """An earlier campaign (10 days in January) and this one (February), with goals on both."""
    earlier = create_campaign(con, 1, "Winter 2026", date(2026, 1, 1), date(2026, 1, 10), hashtags=["#winter"])
    set_goal(con, earlier, "posts", 5)
    set_goal(con, earlier, "engagements", 100)
    current = create_campaign(con, 1, "Spring 2026", date(2026, 2, 1), date(2026, 2, 28), hashtags=["#spring"])
    for metric, target in [("posts", 4), ("engagements", 200), ("shares", 10)]:
        set_goal(con, current, metric, target)
    return earlier, current


def rows(frame: object) -> list[tuple[object, ...]]:
    columns = ["metric", "campaign", "current", "day_n", "at_day_n", "at_end", "ended", "target", "progress"]
    return [
        tuple(None if v != v else v for v in row)  # NaN (no target) as None
        for row in frame[columns].itertuples(index=False, name=None)  # type: ignore[index]
    ]


def test_day_n_figures_are_like_for_like_with_the_earlier_campaigns_own_target(con: duckdb.DuckDBPyConnection) -> None:
    _, current = campaigns(con)
    # Not compared: a later campaign, an archived earlier one, and another organisation's.
    create_campaign(con, 1, "Summer 2026", date(2026, 3, 1), date(2026, 3, 31), hashtags=["#spring"])
    archive_campaign(con, create_campaign(con, 1, "Old", date(2025, 12, 1), date(2025, 12, 31)))
    create_campaign(con, 2, "Elsewhere", date(2026, 1, 1), date(2026, 1, 31), hashtags=["#winter"])

    frame = compare_with_earlier(con, current, date(2026, 2, 3))  # day 3 of Spring 2026

    # Day 3: Spring has b1 + b2 (7 + 8 engagements, 1 + 2 shares); Winter on its day 3 (3 Jan) had a1 + a2
    # (10 + 20, 1 + 1); at its end a1..a4 (75 engagements, 4 shares). Spring "at its end" is so far: day 3.
    assert rows(frame) == [
        ("posts", "Spring 2026", True, 3, 2.0, 2.0, False, 4.0, 0.5),
        ("posts", "Winter 2026", False, 3, 2.0, 4.0, True, 5.0, 0.8),
        ("engagements", "Spring 2026", True, 3, 15.0, 15.0, False, 200.0, 0.075),
        ("engagements", "Winter 2026", False, 3, 30.0, 75.0, True, 100.0, 0.75),
        ("shares", "Spring 2026", True, 3, 3.0, 3.0, False, 10.0, 0.3),
        ("shares", "Winter 2026", False, 3, 2.0, 4.0, True, None, None),  # Winter had no goal on shares
    ]


def test_an_earlier_campaign_shorter_than_day_n_counts_its_last_day(con: duckdb.DuckDBPyConnection) -> None:
    _, current = campaigns(con)
    frame = compare_with_earlier(con, current, date(2026, 2, 20))  # day 20; Winter lasted 10 days
    winter = frame[frame["campaign"] == "Winter 2026"].set_index("metric")
    assert winter.loc["posts", "at_day_n"] == winter.loc["posts", "at_end"] == 4.0
    assert winter.loc["engagements", "at_day_n"] == 75.0
    spring = frame[frame["current"]].set_index("metric")
    assert spring.loc["engagements", "at_day_n"] == 115.0  # b3 (5 Feb) is in by day 20
    assert set(frame["day_n"]) == {20}


def test_no_earlier_campaign_gives_an_empty_frame(con: duckdb.DuckDBPyConnection) -> None:
    current = create_campaign(con, 1, "First ever", date(2026, 2, 1), date(2026, 2, 28), hashtags=["#spring"])
    set_goal(con, current, "posts", 4)
    frame = compare_with_earlier(con, current, date(2026, 2, 3))
    assert frame.empty and list(frame.columns) == COMPARISON_COLUMNS
    # A later campaign does not count as earlier either.
    later = create_campaign(con, 1, "Later", date(2026, 3, 1), date(2026, 3, 31), hashtags=["#spring"])
    assert compare_with_earlier(con, current, date(2026, 2, 3)).empty
    assert compare_with_earlier(con, later, date(2026, 3, 3)).empty  # no goal on it: nothing to compare on
    set_goal(con, later, "posts", 4)
    assert compare_with_earlier(con, later, date(2026, 3, 3))["campaign"].tolist() == ["Later", "First ever"]
