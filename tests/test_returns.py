"""Results per hour (issue 6): exact figures on a tiny hand-built store, the platform verdict, and the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from impact.campaigns.goals import create_campaign
from impact.store.manual import TimeEntry, record_time
from impact.store.orgs import ensure_organisation
from impact.time.per_hour import (
    COLUMNS,
    MIN_HOURS,
    MIN_POSTS,
    best_hour,
    last_hour_verdict,
    not_enough_data,
    results_per_hour,
)

APP = str(Path(__file__).resolve().parent.parent / "app.py")
JUNE = (date(2026, 6, 1), date(2026, 6, 30))


def _post(con: duckdb.DuckDBPyConnection, org: int, platform: str, post_id: str, when: str, text: str,
          impressions: int, engagements: int) -> None:  # fmt: skip
    con.execute(
        """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at, text,
                             impressions, engagements)
           VALUES (1, TIMESTAMP '2026-08-01', ?, ?, ?, 1, ?, ?, ?, ?)""",
        [org, platform, post_id, when, text, impressions, engagements],
    )


def _time(con: duckdb.DuckDBPyConnection, org: int, day: date, person: str, channel: str, activity: str,
          minutes: int, campaign: str = "") -> None:  # fmt: skip
    record_time(con, org, TimeEntry(day, person, channel, activity, minutes, campaign))


@pytest.fixture
def org(db: duckdb.DuckDBPyConnection) -> int:
    """June 2026: 3 hours on four platforms, posts on three, X's daily gains, donations, a GA4 report."""
    org = ensure_organisation(db, "Trust")
    # Two people on Instagram on one day: 60 + 30 minutes add up to 1.5 hours.
    _time(db, org, date(2026, 6, 1), "Asha", "instagram", "create", 60, "BACK TO SCHOOL")
    _time(db, org, date(2026, 6, 1), "Ravi", "instagram", "engage", 30)
    _time(db, org, date(2026, 6, 2), "Asha", "x", "create", 30)
    _time(db, org, date(2026, 6, 3), "Asha", "whatsapp", "engage", 45, "Diwali drive")  # no such campaign
    _time(db, org, date(2026, 6, 4), "Asha", "facebook", "listen", 15)
    # Outside June, inside the campaign's dates (15 May - 15 July).
    _time(db, org, date(2026, 5, 16), "Asha", "facebook", "create", 30, "back to school")
    _time(db, org, date(2026, 7, 12), "Asha", "x", "create", 30, "Back to school")
    _post(db, org, "instagram", "i1", "2026-06-01 10:00", "Kits #BTS", 1000, 60)
    _post(db, org, "instagram", "i2", "2026-06-10 10:00", "Thanks", 500, 30)
    _post(db, org, "x", "x1", "2026-06-05 10:00", "Hello", 200, 10)
    _post(db, org, "facebook", "f1", "2026-05-20 10:00", "Soon #bts", 999, 9)  # Facebook: nothing in June
    _post(db, org, "youtube", "y1", "2026-06-07 10:00", "Film", 300, 12)  # no time logged on YouTube
    _post(db, org, "x", "x2", "2026-07-10 10:00", "Last call #bts", 400, 8)
    for day, gained in [("2026-06-02", 5), ("2026-06-03", 3)]:
        db.execute(
            """INSERT INTO account_day (batch_id, as_of, organisation_id, platform, account_id, day, followers_gained)
               VALUES (1, TIMESTAMP '2026-08-01', ?, 'x', 1, ?, ?)""",
            [org, day, gained],
        )
    for reference, when, amount, currency, channel, campaign in [
        ("d1", "2026-06-05 10:00", 1000, "INR", None, None),
        ("d2", "2026-06-06 10:00", 500, "INR", "Instagram", "Back to school"),
        ("d3", "2026-06-25 10:00", 20, "USD", None, None),  # another currency: left out, never converted
    ]:
        db.execute(
            """INSERT INTO outcome (batch_id, as_of, organisation_id, platform, account_id, reference, occurred_at,
                                    kind, amount, currency, channel, campaign)
               VALUES (2, TIMESTAMP '2026-08-01', ?, 'razorpay', 1, ?, ?, 'donation', ?, ?, ?, ?)""",
            [org, reference, when, amount, currency, channel, campaign],
        )
    for value, sessions in [("instagram.com / referral", 30), ("t.co / referral", 10), ("google / organic", 100)]:
        db.execute(
            """INSERT INTO web_traffic (batch_id, as_of, organisation_id, platform, account_id, period_start,
                                        period_end, dimension, dimension_value, sessions)
               VALUES (3, TIMESTAMP '2026-08-01', ?, 'website', 1, DATE '2026-06-01', DATE '2026-06-30',
                       'source_medium', ?, ?)""",
            [org, value, sessions],
        )
    return org


def _row(table: pd.DataFrame, label: str) -> dict[str, object]:
    return table[table["label"] == label].iloc[0].to_dict()


def test_no_time_logged_gives_an_empty_table_and_nothing_to_compare(db: duckdb.DuckDBPyConnection) -> None:
    org = ensure_organisation(db, "Empty")
    _post(db, org, "x", "x1", "2026-06-05 10:00", "Hello", 200, 10)  # results, but no time at all
    for by in ("platform", "activity", "campaign"):
        assert results_per_hour(db, org, *JUNE, by).table.empty
    table = results_per_hour(db, org, *JUNE, "platform").table
    assert best_hour(table) is None
    assert not_enough_data(table) == (
        "No platforms to compare: no time is logged in this period. A comparison needs at least two platforms with "
        "10 hours logged and 20 posts each."
    )
    with pytest.raises(ValueError, match="not 'person'"):
        results_per_hour(db, org, *JUNE, "person")


def test_per_platform_hours_results_and_per_hour_figures(db: duckdb.DuckDBPyConnection, org: int) -> None:
    results = results_per_hour(db, org, *JUNE, "platform")
    table = results.table
    assert list(table.columns) == COLUMNS
    # Ordered by hours; YouTube has results but no time; the total row last.
    assert table["label"].tolist() == ["Instagram", "WhatsApp", "X (Twitter)", "Facebook", "YouTube", "All platforms"]
    assert table["hours"].tolist() == [1.5, 0.75, 0.5, 0.25, 0.0, 3.0]

    instagram = _row(table, "Instagram")  # Asha 60 + Ravi 30 minutes on 1 June
    assert (instagram["posts"], instagram["impressions"], instagram["engagements"]) == (2, 1500, 90)
    assert (instagram["impressions_per_hour"], instagram["engagements_per_hour"]) == (1000.0, 60.0)
    assert instagram["followers_gained"] is None and instagram["followers_gained_per_hour"] is None  # not exported
    assert (instagram["sessions"], instagram["sessions_hours"], instagram["sessions_per_hour"]) == (30, 1.5, 20.0)
    assert instagram["donations"] == 500 and instagram["donations_per_hour"] == pytest.approx(500 / 1.5)

    x = _row(table, "X (Twitter)")
    assert (x["impressions_per_hour"], x["engagements_per_hour"], x["followers_gained_per_hour"]) == (400, 20, 16)
    assert (x["sessions_per_hour"], x["donations"], x["donations_per_hour"]) == (20.0, 0.0, 0.0)

    # Time logged, exports exist, nothing in June came back: 0 per hour, said as 0.
    facebook = _row(table, "Facebook")
    assert (facebook["posts"], facebook["impressions"], facebook["impressions_per_hour"]) == (0, 0, 0.0)
    # No export was ever imported for WhatsApp: its results are unknown, not 0.
    whatsapp = _row(table, "WhatsApp")
    assert whatsapp["posts"] is None and whatsapp["engagements_per_hour"] is None
    # Results with no time: the results, and no per-hour figure (never infinite).
    youtube = _row(table, "YouTube")
    assert (youtube["impressions"], youtube["impressions_per_hour"], youtube["engagements_per_hour"]) == (
        300,
        None,
        None,
    )

    total = _row(table, "All platforms")
    assert (total["posts"], total["impressions"], total["engagements"], total["followers_gained"]) == (4, 2000, 112, 8)
    assert (total["sessions"], total["donations"]) == (40, 1500)  # the USD gift is left out
    assert total["impressions_per_hour"] == pytest.approx(2000 / 3)
    assert (total["donations_per_hour"], total["share"]) == (500.0, 1.0)
    assert instagram["share"] == 0.5
    assert results.other_currencies == ("USD",) and results.currency == "INR"
    assert results.sessions_spans == (JUNE,)


def test_per_activity_has_hours_and_shares_and_results_only_in_total(db: duckdb.DuckDBPyConnection, org: int) -> None:
    table = results_per_hour(db, org, *JUNE, "activity").table
    assert table["label"].tolist() == ["Create content", "Engage and reply", "Listen and monitor", "All activities"]
    assert table["hours"].tolist() == [1.5, 1.25, 0.25, 3.0]
    assert table["share"].tolist() == [0.5, 1.25 / 3, 0.25 / 3, 1.0]
    assert table["engagements_per_hour"].tolist()[:3] == [None, None, None]
    assert _row(table, "All activities")["engagements_per_hour"] == pytest.approx(112 / 3)


def test_a_campaign_spanning_months_counts_its_own_dates(db: duckdb.DuckDBPyConnection, org: int) -> None:
    create_campaign(
        db, org, "Back to school", date(2026, 5, 15), date(2026, 7, 15), hashtags=["#bts"], outcomes_named_only=True
    )
    table = results_per_hour(db, org, *JUNE, "campaign").table
    assert table["label"].tolist() == ["Back to school", "Diwali drive"]
    campaign = _row(table, "Back to school")
    # Time logged with its name in any case, 16 May + 1 June + 12 July: 30 + 60 + 30 minutes.
    assert (campaign["starts"], campaign["ends"], campaign["hours"]) == (date(2026, 5, 15), date(2026, 7, 15), 2.0)
    # Its posts from May to July (#bts), X's June gains, the one donation that names it, June's social sessions.
    assert (campaign["posts"], campaign["impressions"], campaign["engagements"]) == (3, 2399, 77)
    assert (campaign["followers_gained"], campaign["donations"], campaign["sessions"]) == (8, 500, 40)
    assert (campaign["impressions_per_hour"], campaign["engagements_per_hour"]) == (1199.5, 38.5)
    assert (campaign["donations_per_hour"], campaign["sessions_per_hour"]) == (250.0, 20.0)
    # Time logged to a name no campaign has: its hours in the period, nothing else.
    unmatched = _row(table, "Diwali drive")
    assert (unmatched["hours"], unmatched["posts"], unmatched["engagements_per_hour"]) == (0.75, None, None)


def _platforms(*rows: tuple[str, float, int, float]) -> pd.DataFrame:
    """A by-platform table of (platform, hours, posts, engagements per hour) rows and a total row."""
    frame = pd.DataFrame(
        [{"key": k, "label": k, "is_total": False, "hours": h, "posts": p, "engagements_per_hour": e}
         for k, h, p, e in rows]
        + [{"key": None, "label": "All platforms", "is_total": True, "hours": 99.0, "posts": 999,
            "engagements_per_hour": 9999.0}]
    )  # fmt: skip
    return frame.astype(object)


def test_best_hour_names_the_platforms_and_the_data_behind_them() -> None:
    table = _platforms(
        ("instagram", 12.0, 25, 100.0),
        ("x", MIN_HOURS, MIN_POSTS, 40.0),  # exactly enough
        ("facebook", 30.0, 19, 500.0),  # best per hour, but one post short of a fair comparison
    )
    verdict = best_hour(table)
    assert verdict is not None
    assert (verdict.best.platform, verdict.worst.platform) == ("instagram", "x")
    assert (verdict.best.per_hour, verdict.worst.per_hour) == (100.0, 40.0)
    assert verdict.sentence() == (
        "In the whole period, an hour on Instagram returned the most engagements (100.0 per hour) and an hour on "
        "X (Twitter) the least (40.0 per hour); based on 12.0 h and 25 posts on Instagram, 10.0 h and 20 posts on "
        "X (Twitter)."
    )


def test_best_hour_says_what_is_missing_without_enough_data() -> None:
    table = _platforms(("instagram", 12.0, 25, 100.0), ("x", 9.9, 40, 40.0))
    assert best_hour(table) is None
    assert not_enough_data(table) == (
        "Not enough data to say where an hour returned the most engagements: that needs at least two platforms "
        "with 10 hours logged and 20 posts each, and 1 platform has that much (Instagram 12.0 h and 25 posts; "
        "X (Twitter) 9.9 h and 40 posts)."
    )


def test_last_hour_verdict_falls_back_and_says_so(db: duckdb.DuckDBPyConnection, org: int) -> None:
    verdict, sentence = last_hour_verdict(db, org, *JUNE)
    assert verdict is None
    # Every platform with time logged or results, by hours; WhatsApp's 45 minutes round to 0.8 h.
    assert sentence == (
        "Not enough data to say where an hour returned the most engagements: that needs at least two platforms "
        "with 10 hours logged and 20 posts each, and 0 platforms have that much (Instagram 1.5 h and 2 posts; "
        "WhatsApp 0.8 h and no post export; X (Twitter) 0.5 h and 1 post; Facebook 0.2 h and 0 posts; YouTube 0.0 h "
        "and 1 post)."
    )


def test_results_tab_shows_a_per_hour_figure_computed_from_the_store(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["organisation"] = "Pune Education Trust"
    at.session_state["time_tab"] = "Results per hour"  # only the open tab runs
    at.switch_page("pages/time/time.py")
    at.run()
    assert not at.exception
    tab = next(t for t in at.tabs if t.label == "Results per hour")
    table = tab.dataframe[0].value.set_index("label")
    # Pune's whole year (26 Nov 2025 – 25 Nov 2026; its time log runs 1 Dec – 25 Nov): the posts per platform of
    # sample_data/README.md (YouTube: the 35 videos with a publish date in the period) and the minutes its time
    # log gives each platform, e.g. Facebook's 13,311 engagements in 3,545 minutes. Its 25 blog posts: no time
    # logged on the blog, and no engagements (a feed has no counts).
    figures = table[["hours", "posts", "engagements"]].astype(object)
    assert figures.where(figures.notna(), None).to_dict("index") == {  # WhatsApp: no export, results unknown
        "Facebook": {"hours": pytest.approx(3545 / 60), "posts": 183, "engagements": 13311},
        "Instagram": {"hours": pytest.approx(3510 / 60), "posts": 150, "engagements": 14713},
        "X (Twitter)": {"hours": pytest.approx(3415 / 60), "posts": 235, "engagements": 8190},
        "YouTube": {"hours": pytest.approx(2305 / 60), "posts": 35, "engagements": 2577},
        "WhatsApp": {"hours": pytest.approx(1250 / 60), "posts": None, "engagements": None},
        "Blog": {"hours": 0.0, "posts": 25, "engagements": None},
        "All platforms": {"hours": pytest.approx(14025 / 60), "posts": 628, "engagements": 38791},
    }
    assert table.loc["Facebook", "engagements_per_hour"] == pytest.approx(13311 / (3545 / 60))
    # Four platforms have 10 hours and 20 posts: the verdict is given over the whole period.
    assert [s.value for s in tab.success] == [
        "In the whole period \\(26 Nov 2025 – 25 Nov 2026; the last 4 weeks alone hold too little data\\), an hour on "
        "Instagram returned the most engagements \\(251\\.5 per hour\\) and an hour on YouTube the least \\(67\\.1 per "
        "hour\\); based on 58\\.5 h and 150 posts on Instagram, 59\\.1 h and 183 posts on Facebook, 56\\.9 h and 235 "
        "posts on X \\(Twitter\\), 38\\.4 h and 35 posts on YouTube\\."
    ]
