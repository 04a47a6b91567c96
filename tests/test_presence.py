"""The web-presence scorecard, its weights and portfolios, on small stores built by hand.

Every expected figure is worked out by hand from the component's written definition
(impact/presence/__init__.py); the arithmetic is next to each assertion. No test reads the clock:
every scorecard gets an explicit period and `today`.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pandas as pd
import pytest

from impact.campaigns.evidence import EvidenceEntry, add_evidence
from impact.campaigns.goals import archive_campaign, create_campaign, set_goal
from impact.presence import COMPONENTS
from impact.presence.portfolio import (
    Benchmark,
    benchmarks,
    create_portfolio,
    delete_portfolio,
    portfolio_named,
    portfolio_screen,
    portfolio_trend,
    portfolios,
    quarters,
    remove_benchmark,
    set_benchmark,
    set_members,
    update_portfolio,
)
from impact.presence.scorecard import overall, scorecard, weeks_in
from impact.presence.weights import (
    STORE_WIDE,
    check_weights,
    default_weights,
    reset_weights,
    save_weights,
    weights_for,
)
from impact.store import derived
from impact.store.manual import OutcomeEntry, TimeEntry, record_outcome, record_time
from impact.store.orgs import ensure_organisation, organisations

# The period most tests use: Thursday 1 January to Tuesday 31 March 2026, judged on 1 April.
START, END, TODAY = date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 1)
FRESH = datetime(2026, 3, 31)  # an export dated the day before TODAY

CRAWL_NEXT = (
    "Needs two or more channels active in the last 90 days.",
    "Needs a post in at least half the weeks (consistency 50 or more).",
)
WALK_HAS = (
    "Has two or more channels active in the last 90 days.",
    "Has a post in at least half the weeks (consistency 50 or more).",
)
RUN_NEXT = (
    "Needs donations, volunteers or sign-ups recorded in the period.",
    "Needs a campaign with goals in the period.",
)
RUN_HAS = (
    "Has donations, volunteers or sign-ups recorded in the period.",
    "Has a campaign with goals in the period.",
)
FLY_NEXT = (
    "Needs evidence (a story, a quote) dated in the period.",
    "Needs engagement measured against the organisation's own past.",
    "Needs a score of 75 or more.",
)
FLY_HAS = tuple(s.replace("Needs", "Has", 1) for s in FLY_NEXT)


# ---------------------------------------------------------------------------------------------
# Building stores by hand


def org(con: duckdb.DuckDBPyConnection, name: str = "River Trust", **settings: object) -> int:
    """An organisation on UTC (so a post's local day is its UTC day), unless told otherwise."""
    settings.setdefault("timezone", "UTC")
    return ensure_organisation(con, name, **settings)


def batch(con: duckdb.DuckDBPyConnection, org_id: int, platform: str, as_of: datetime, status: str = "imported") -> int:
    """A real import_batch row: its as_of is the export's own date, which transparency judges."""
    row = con.execute(
        """INSERT INTO import_batch (organisation_id, connector, platform, source_name, sha256, size_bytes, as_of,
                                     started_at, finished_at, status)
           VALUES (?, ?, ?, 'built by hand', ?, 0, ?, ?, ?, ?) RETURNING id""",
        [org_id, f"test_{platform}", platform, uuid.uuid4().hex, as_of, as_of, as_of, status],
    ).fetchone()
    assert row is not None
    return int(row[0])


def account(con: duckdb.DuckDBPyConnection, org_id: int, platform: str) -> int:
    con.execute(
        "INSERT INTO account (organisation_id, platform, handle) VALUES (?, ?, 'us') ON CONFLICT DO NOTHING",
        [org_id, platform],
    )
    row = con.execute(
        "SELECT id FROM account WHERE organisation_id = ? AND platform = ? AND handle = 'us'", [org_id, platform]
    ).fetchone()
    assert row is not None
    return int(row[0])


@dataclass(frozen=True)
class P:
    """A post: when (as the export writes it), and its figures."""

    published: str
    impressions: int | None = None
    engagements: int | None = None
    comments: int | None = None
    text: str | None = None
    url: str | None = None


def posts(con: duckdb.DuckDBPyConnection, org_id: int, platform: str, *rows: P, as_of: datetime = FRESH) -> int:
    """The posts of one export of `platform` dated `as_of`; the batch id."""
    batch_id, account_id = batch(con, org_id, platform, as_of), account(con, org_id, platform)
    for row in rows:
        con.execute(
            """INSERT INTO post (batch_id, as_of, organisation_id, platform, account_id, post_id, published_at,
                                 impressions, engagements, comments, text, url)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                batch_id, as_of, org_id, platform, account_id, uuid.uuid4().hex, datetime.fromisoformat(row.published),
                row.impressions, row.engagements, row.comments, row.text, row.url,
            ],
        )  # fmt: skip
    derived.sum_post_days(con, [org_id])  # as an import does: written straight to `post` here
    return batch_id


def days(
    con: duckdb.DuckDBPyConnection,
    org_id: int,
    platform: str,
    rows: list[tuple[str, int | None, int | None, int | None]],
    as_of: datetime = FRESH,
) -> None:
    """Daily account figures of one export: (day, followers, followers_gained, followers_lost)."""
    batch_id, account_id = batch(con, org_id, platform, as_of), account(con, org_id, platform)
    for day, followers, gained, lost in rows:
        con.execute(
            """INSERT INTO account_day (batch_id, as_of, organisation_id, platform, account_id, day, followers,
                                        followers_gained, followers_lost)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [batch_id, as_of, org_id, platform, account_id, date.fromisoformat(day), followers, gained, lost],
        )


def outcome(con: duckdb.DuckDBPyConnection, org_id: int, day: date, kind: str, **values: object) -> None:
    record_outcome(con, org_id, OutcomeEntry(day=day, kind=kind, **values))  # type: ignore[arg-type]


def minutes(con: duckdb.DuckDBPyConnection, org_id: int, day: date, spent: float) -> None:
    record_time(con, org_id, TimeEntry(day=day, person="Asha", channel="x", activity="create", minutes=spent))


def row(table: pd.DataFrame, organisation: str) -> list[float | None]:
    """A grantee's channels, consistency, transparency and results points; None: not measured."""
    values = table.loc[organisation, ["channels", "consistency", "transparency", "results"]].tolist()
    return [None if pd.isna(v) else v for v in values]


def points(card_or_table: object, key: str) -> float | None:
    return card_or_table.component(key).points  # type: ignore[attr-defined,no-any-return]


# ---------------------------------------------------------------------------------------------
# No data at all


def test_an_organisation_without_data_is_measured_on_nothing(db: duckdb.DuckDBPyConnection) -> None:
    org_id = org(db)
    card = scorecard(db, org_id, START, END, today=TODAY)

    assert [c.key for c in card.components] == list(COMPONENTS)
    for component in card.components:
        assert (component.measured, component.points) == (False, None), component.key
        assert component.weight == COMPONENTS[component.key].weight  # the default weights
        assert component.measure_with == COMPONENTS[component.key].measure_with
    assert card.score is None  # no component measured: no score, never 0
    assert card.stage == "Crawl"
    assert card.stage_reasons == ("The first steps are still to take.",)
    assert card.next_steps == CRAWL_NEXT
    assert card.component("channels").raw == "No posts imported."
    assert card.component("transparency").raw == "Nothing imported yet."
    assert card.component("base_platform").raw == "No website address is set for the organisation."


# ---------------------------------------------------------------------------------------------
# One channel


def _one_channel(db: duckdb.DuckDBPyConnection) -> int:
    """X only: five posts in the period (four reporting replies, two linking to example.org), two outside."""
    org_id = org(db)
    posts(
        db, org_id, "x",
        P("2026-01-01 10:00", 1000, 20, comments=2),  # Thu, week of Mon 29 Dec
        P("2026-01-02 10:00", 1000, 20, comments=0),  # Fri, same week
        P("2026-01-14 10:00", comments=1, text="Donate at example.org/donate"),  # week of 12 Jan; links
        P("2026-02-10 10:00", text="Thanks to myexample.org"),  # week of 9 Feb; another host; replies not reported
        P("2026-03-31 23:00", comments=0, url="https://www.example.org/spring"),  # Tue, week of 30 Mar; links
        P("2025-12-31 23:00", comments=5, text="example.org"),  # the day before the period
        P("2026-04-01 00:30", comments=5, text="example.org"),  # the day after it
    )  # fmt: skip
    return org_id


def test_one_channel(db: duckdb.DuckDBPyConnection) -> None:
    org_id = _one_channel(db)
    card = scorecard(db, org_id, START, END, today=TODAY)

    channels = card.component("channels")
    # 1 channel posted in the 90 days 1 Jan .. 31 Mar: 100 × 1 ÷ 3 = 33.33.. -> 33.3
    assert channels.points == 33.3
    assert channels.facts == {"active": 1}
    assert channels.raw == "1 channel posted in the 90 days to 31 Mar 2026 (X (Twitter))."

    # Weeks Monday..Sunday holding a day of 1 Jan (Thu) .. 31 Mar (Tue): Mondays 29 Dec .. 30 Mar,
    # (30 Mar − 29 Dec) = 91 days = 13 weeks apart, so 14 weeks.
    assert weeks_in(START, END) == 14
    consistency = card.component("consistency")
    # Weeks with a post: 29 Dec, 12 Jan, 9 Feb, 30 Mar = 4; 100 × 4 ÷ 14 = 28.571.. -> 28.6
    assert consistency.points == 28.6
    assert consistency.raw == "Weeks with a post: X (Twitter) 4 of 14 weeks."
    assert consistency.details.to_dict("records") == [
        {"channel": "X (Twitter)", "posts": 5, "weeks": 4, "weeks_in_period": 14, "share": 4 / 14}
    ]

    conversation = card.component("conversation")
    # Posts reporting replies: 1, 2, 3 and 5 (4 has none) = 4; with at least one: 1 and 3 = 2; 100 × 2 ÷ 4 = 50
    assert conversation.points == 50.0
    assert conversation.raw == "2 of 4 posts had at least one reply or comment (50%)."

    base = card.component("base_platform")
    assert (base.measured, base.points) == (False, None)  # no website address set

    # One export, dated 31 Mar, 1 day before 1 Apr: fresh share 1; no campaign, no evidence: 30 × 1 = 30
    assert points(card, "transparency") == 30.0
    for key in ("audience", "engagement", "results"):
        assert not card.component(key).measured, key

    # Score over the measured components only (channels 15, consistency 20, transparency 10, conversation 5):
    # (15 × 33.3 + 20 × 28.6 + 10 × 30 + 5 × 50) ÷ (15 + 20 + 10 + 5) = (499.5 + 572 + 300 + 250) ÷ 50
    # = 1621.5 ÷ 50 = 32.43 -> 32.4 (scoring the 4 unmeasured ones 0 would give 1621.5 ÷ 100 = 16.2)
    assert card.score == 32.4
    assert card.stage == "Crawl"
    assert card.stage_reasons == ("The first steps are still to take.",)
    assert card.next_steps == CRAWL_NEXT  # 1 channel, consistency 28.6: both steps still to take


def test_base_platform_is_measured_once_the_website_address_is_set(db: duckdb.DuckDBPyConnection) -> None:
    org_id = _one_channel(db)
    db.execute("UPDATE organisation SET base_url = 'https://www.Example.org/home' WHERE id = ?", [org_id])
    derived.sum_post_days(db, [org_id])  # as a package's settings do: its posts' links are counted again
    card = scorecard(db, org_id, START, END, today=TODAY)

    base = card.component("base_platform")
    # Posts in the period naming example.org: post 3 (text) and post 5 (url) = 2 of 5 ("myexample.org" is
    # another host); no Google Analytics: 40 × 0 + 60 × 2 ÷ 5 = 24
    assert base.points == 24.0
    assert base.raw == "example.org: 2 of 5 posts in the period link to it (40%); no website figures are imported."
    assert base.details.to_dict("records") == [{"channel": "X (Twitter)", "posts": 5, "linking": 2, "share": 0.4}]

    # The website's own figures for a range overlapping the period: 40 + 24 = 64
    traffic_batch = batch(db, org_id, "website", FRESH)
    db.execute(
        """INSERT INTO web_traffic (batch_id, as_of, organisation_id, platform, account_id, period_start, period_end,
                                    dimension, dimension_value, sessions)
           VALUES (?, ?, ?, 'website', ?, DATE '2026-03-01', DATE '2026-04-15', 'date', '2026-03-01', 10)""",
        [traffic_batch, FRESH, org_id, account(db, org_id, "website")],
    )
    card = scorecard(db, org_id, START, END, today=TODAY)
    assert points(card, "base_platform") == 64.0
    # (15 × 33.3 + 10 × 64 + 20 × 28.6 + 10 × 30 + 5 × 50) ÷ (15 + 10 + 20 + 10 + 5)
    # = (499.5 + 640 + 572 + 300 + 250) ÷ 60 = 2261.5 ÷ 60 = 37.69.. -> 37.7
    assert card.score == 37.7
    # The website is the base platform, not a channel: still 1 channel active
    assert card.component("channels").facts == {"active": 1}


def test_a_post_is_counted_on_the_organisations_local_day(db: duckdb.DuckDBPyConnection) -> None:
    org_id = org(db, timezone="Asia/Kolkata")
    # X writes UTC: Sun 4 Jan 20:00 UTC is Mon 5 Jan 01:30 in Kolkata, inside the week 5..11 Jan.
    posts(db, org_id, "x", P("2026-01-04 20:00", comments=1))
    # Facebook writes the page's local time: Sun 4 Jan 20:00 stays on 4 Jan, outside the week.
    posts(db, org_id, "facebook", P("2026-01-04 20:00", comments=0))
    card = scorecard(db, org_id, date(2026, 1, 5), date(2026, 1, 11), today=date(2026, 1, 12))
    # Consistency over the channels that posted in the period (X only): 1 of 1 week -> 100
    assert points(card, "consistency") == 100.0
    # Both posted in the 90 days to 11 Jan: 100 × 2 ÷ 3 = 66.7
    assert points(card, "channels") == 66.7
    # Replies among the period's posts: the X post only, 1 of 1 -> 100
    assert points(card, "conversation") == 100.0


# ---------------------------------------------------------------------------------------------
# Stale data


def test_stale_exports_lower_transparency_and_are_flagged(db: duckdb.DuckDBPyConnection) -> None:
    stale = org(db, "Stale Trust")
    # Exports of channels (platforms with posts), each with one post of June 2025, outside the period.
    old_post = P("2025-06-01 10:00")
    posts(db, stale, "x", old_post, as_of=datetime(2026, 1, 1))
    posts(db, stale, "x", old_post, as_of=datetime(2026, 3, 31, 18, 0))  # the newest x export: 1 day before 1 Apr
    posts(db, stale, "instagram", old_post, as_of=datetime(2026, 2, 15))  # 45 days before 1 Apr: still fresh
    posts(db, stale, "facebook", old_post, as_of=datetime(2026, 2, 14))  # 46 days: stale
    batch(db, stale, "paypal", datetime(2025, 1, 1))  # a donation export is no channel: not judged
    batch(db, stale, "facebook", datetime(2026, 3, 30), status="undone")  # undone: does not count
    outcome(db, stale, date(2026, 2, 1), "volunteer", quantity=1)  # typed in by hand: not an export
    card = scorecard(db, stale, START, END, today=TODAY)

    transparency = card.component("transparency")
    # Fresh channels: x (1 day) and instagram (45) of x, instagram, facebook (46) = 2 ÷ 3;
    # no campaign, no evidence: 30 × 2 ÷ 3 = 20
    assert transparency.points == 20.0
    assert transparency.facts == {"campaigns_with_goals": 0, "evidence": 0, "fresh_share": 2 / 3}
    assert transparency.details.assign(newest_export=lambda f: f["newest_export"].astype(str)).to_dict("records") == [
        {"channel": "Facebook", "newest_export": "2026-02-14", "days_old": 46},
        {"channel": "Instagram", "newest_export": "2026-02-15", "days_old": 45},
        {"channel": "X (Twitter)", "newest_export": "2026-03-31", "days_old": 1},
    ]
    assert transparency.raw == (
        "0 campaigns with goals in the period; 0 pieces of evidence dated in it; "
        "each channel's newest export is 1 to 46 days old."
    )

    fresh = org(db, "Fresh Trust")
    posts(db, fresh, "x", old_post, as_of=FRESH)
    pid = create_portfolio(db, "Cohort", ["Stale Trust", "Fresh Trust"])
    screen = portfolio_screen(db, portfolio_named(db, "Cohort"), START, END, today=TODAY)  # type: ignore[arg-type]
    flags = dict(zip(screen.table["organisation"], screen.table["flags"], strict=True))
    assert flags["Stale Trust"] == (
        "stale: newest export over 45 days old on Facebook (46 days); not measured: Base platform, "
        "Consistency, Audience growth, Engagement, Conversation"
    )
    assert flags["Fresh Trust"] == (
        "not measured: Base platform, Consistency, Audience growth, Engagement, Results, Conversation"
    )
    assert pid == screen.portfolio.id


# ---------------------------------------------------------------------------------------------
# The score and the weights


def test_unmeasured_components_are_left_out_and_weights_change_the_score(db: duckdb.DuckDBPyConnection) -> None:
    org_id = _one_channel(db)
    # Measured: channels 33.3, consistency 28.6, transparency 30, conversation 50 (test_one_channel).
    assert scorecard(db, org_id, START, END, today=TODAY).score == 32.4  # 1621.5 ÷ 50

    # Consistency weighted 40 instead of 20:
    # (15 × 33.3 + 40 × 28.6 + 10 × 30 + 5 × 50) ÷ (15 + 40 + 10 + 5) = (499.5 + 1144 + 300 + 250) ÷ 70
    # = 2193.5 ÷ 70 = 31.335.. -> 31.3
    assert scorecard(db, org_id, START, END, {"consistency": 40}, today=TODAY).score == 31.3
    # Channels weighted 0: left out like an unmeasured one. (20 × 28.6 + 10 × 30 + 5 × 50) ÷ 35 = 1122 ÷ 35
    # = 32.057.. -> 32.1
    assert scorecard(db, org_id, START, END, {"channels": 0}, today=TODAY).score == 32.1
    # A weight on an unmeasured component changes nothing: audience is still left out
    assert scorecard(db, org_id, START, END, {"audience": 100}, today=TODAY).score == 32.4
    # Only unmeasured components weighted: no score
    zero = {key: 0.0 for key in ("channels", "consistency", "transparency", "conversation")}
    assert scorecard(db, org_id, START, END, zero, today=TODAY).score is None

    # The store-wide weights, saved, are the ones weights_for gives the pages
    save_weights(db, STORE_WIDE, {"consistency": 40})
    card = scorecard(db, org_id, START, END, weights_for(db), today=TODAY)
    assert card.component("consistency").weight == 40.0
    assert card.score == 31.3


def test_overall_is_the_weighted_mean_of_the_measured_points(db: duckdb.DuckDBPyConnection) -> None:
    org_id = _one_channel(db)
    components = scorecard(db, org_id, START, END, today=TODAY).components
    measured = [c for c in components if c.measured]
    assert [c.key for c in measured] == ["channels", "consistency", "transparency", "conversation"]
    by_hand = sum(c.weight * (c.points or 0) for c in measured) / sum(c.weight for c in measured)
    assert overall(components) == round(by_hand, 1) == 32.4


def test_weights_round_trip_and_checks(db: duckdb.DuckDBPyConnection) -> None:
    assert default_weights() == {
        "channels": 15, "base_platform": 10, "consistency": 20, "audience": 10,
        "engagement": 15, "results": 15, "transparency": 10, "conversation": 5,
    }  # fmt: skip
    assert sum(default_weights().values()) == 100
    assert weights_for(db) == default_weights()

    save_weights(db, STORE_WIDE, {"consistency": 40, "results": 0})
    save_weights(db, 7, {"audience": 12.5})
    assert weights_for(db) == {**default_weights(), "consistency": 40.0, "results": 0.0}
    assert weights_for(db, 7) == {**default_weights(), "audience": 12.5}
    save_weights(db, STORE_WIDE, {"consistency": 25})  # replaces; the others stay
    assert weights_for(db) == {**default_weights(), "consistency": 25.0, "results": 0.0}

    with pytest.raises(ValueError) as error:
        check_weights({"reach": 1, "followers": 2, "channels": 3})
    assert str(error.value) == "no component is called 'followers', 'reach'"
    for bad in (-1, math.nan, math.inf, 100.5):
        with pytest.raises(ValueError) as error:
            check_weights({"channels": bad})
        assert str(error.value) == "the weight of Channels active must be a number from 0 to 100"
    with pytest.raises(ValueError) as error:
        save_weights(db, STORE_WIDE, dict.fromkeys(COMPONENTS, 0))
    assert str(error.value) == "at least one component needs a weight above 0"
    assert check_weights({"channels": 0, "audience": 100}) == {"channels": 0.0, "audience": 100.0}
    # Refused weights are not saved
    assert weights_for(db) == {**default_weights(), "consistency": 25.0, "results": 0.0}

    reset_weights(db, STORE_WIDE)
    assert weights_for(db) == default_weights()
    assert weights_for(db, 7) == {**default_weights(), "audience": 12.5}  # another portfolio's stay


def test_weights_saved_in_two_steps_cannot_all_become_zero(db: duckdb.DuckDBPyConnection) -> None:
    save_weights(db, STORE_WIDE, {key: 0 for key in COMPONENTS if key != "channels"})
    assert weights_for(db) == {**dict.fromkeys(COMPONENTS, 0.0), "channels": 15.0}
    with pytest.raises(ValueError) as error:
        save_weights(db, STORE_WIDE, {"channels": 0})  # with the saved zeros: every weight 0
    assert str(error.value) == "at least one component needs a weight above 0"
    assert weights_for(db)["channels"] == 15.0


# ---------------------------------------------------------------------------------------------
# Engagement against the organisation's own year


def test_engagement_against_the_organisations_own_year(db: duckdb.DuckDBPyConnection) -> None:
    # The 12 months before 1 Jan .. 31 Mar 2026: 1 Jan .. 31 Dec 2025.
    single = org(db, "Single")
    posts(
        db, single, "x",
        P("2026-02-01 10:00", 1000, 20),  # the period: 20 ÷ 1000 = 2%
        P("2026-02-02 10:00", 5000, None),  # no engagements reported: not rated
        P("2025-06-01 10:00", 2000, 80),  # the year before: 80 ÷ 2000 = 4%
        P("2024-12-31 10:00", 1000, 1000),  # before the year before: left out
    )  # fmt: skip
    engagement = scorecard(db, single, START, END, today=TODAY).component("engagement")
    # ratio 2% ÷ 4% = 0.5; 50 × 0.5 = 25
    assert engagement.points == 25.0
    assert engagement.raw == "Engagement rate, period against the 12 months before: X (Twitter) 2.00% against 4.00%."

    both = org(db, "Both")
    posts(db, both, "x", P("2026-02-01 10:00", 1000, 20), P("2025-06-01 10:00", 2000, 80))  # 2% vs 4%: 25
    # Facebook: 180 ÷ 2000 = 9% vs 30 ÷ 1000 = 3%, ratio 3: 50 × 3 = 150, at most 100
    posts(db, both, "facebook", P("2026-03-01 10:00", 2000, 180), P("2025-03-01 10:00", 1000, 30))
    # Instagram: a rate in the period (10%) but no posts the year before: left out
    posts(db, both, "instagram", P("2026-03-01 10:00", 10000, 1000))
    engagement = scorecard(db, both, START, END, today=TODAY).component("engagement")
    # Weighted by the period's rated impressions: (25 × 1000 + 100 × 2000) ÷ (1000 + 2000) = 225000 ÷ 3000 = 75
    assert engagement.points == 75.0
    details = engagement.details.sort_values("channel").to_dict("records")
    assert details == [
        {"channel": "Facebook", "engagement_rate": 0.09, "engagement_rate_year_before": 0.03,
         "ratio": pytest.approx(3.0), "points": 100.0},
        {"channel": "X (Twitter)", "engagement_rate": 0.02, "engagement_rate_year_before": 0.04,
         "ratio": 0.5, "points": 25.0},
    ]  # fmt: skip

    # No platform with a rate in both: not measured
    new = org(db, "New")
    posts(db, new, "x", P("2026-02-01 10:00", 1000, 20))
    assert not scorecard(db, new, START, END, today=TODAY).component("engagement").measured


def test_engagement_with_a_rate_of_zero_the_year_before(db: duckdb.DuckDBPyConnection) -> None:
    flat = org(db, "Flat")
    # X: 0 ÷ 1000 = 0% in both: 0% ÷ 0% is no ratio, so X is left out (it used to count as 0 points
    # with its 1000 impressions in the weights, halving the component)
    posts(db, flat, "x", P("2026-02-01 10:00", 1000, 0), P("2025-06-01 10:00", 1000, 0))
    # Facebook: 2% in both, ratio 1: 50 × 1 = 50
    posts(db, flat, "facebook", P("2026-02-01 10:00", 1000, 20), P("2025-06-01 10:00", 1000, 20))
    engagement = scorecard(db, flat, START, END, today=TODAY).component("engagement")
    assert engagement.points == 50.0  # 50 × 1000 ÷ 1000
    assert engagement.details["channel"].tolist() == ["Facebook"]
    db.execute("DELETE FROM post WHERE organisation_id = ? AND platform = 'facebook'", [flat])
    derived.sum_post_days(db, [flat])  # as an undo does
    assert not scorecard(db, flat, START, END, today=TODAY).component("engagement").measured

    rising = org(db, "Rising")
    # 1% against 0%: the ratio is unbounded, and the points are at most 100
    posts(db, rising, "x", P("2026-02-01 10:00", 1000, 10), P("2025-06-01 10:00", 1000, 0))
    assert scorecard(db, rising, START, END, today=TODAY).component("engagement").points == 100.0


# ---------------------------------------------------------------------------------------------
# Audience


def test_audience_months_with_a_net_gain(db: duckdb.DuckDBPyConnection) -> None:
    # 1 Jan .. 30 Apr 2026: four calendar months.
    end = date(2026, 4, 30)
    flows = org(db, "Flows")
    days(db, flows, "x", [
        ("2025-12-31", None, 1000, 0),  # before the period
        ("2026-01-05", None, 10, 1),
        ("2026-01-20", None, 0, 3),  # January: (10 + 0) − (1 + 3) = +6
        ("2026-02-03", None, 3, 5),  # February: 3 − 5 = −2
        ("2026-03-10", None, 5, 5),  # March: 0, not a gain
    ])  # fmt: skip
    # Facebook reports follows without unfollows: no net figure, so it adds nothing to February and
    # April (which has nothing else) is not measured.
    days(db, flows, "facebook", [("2026-02-10", None, 100, None), ("2026-04-02", None, 50, None)])
    audience = scorecard(db, flows, START, end, today=TODAY).component("audience")
    # Months measured: Jan, Feb, Mar; with a gain: Jan; 100 × 1 ÷ 3 = 33.3
    assert audience.points == 33.3
    assert audience.details.to_dict("records") == [
        {"month": "Jan 2026", "net_followers": 6},
        {"month": "Feb 2026", "net_followers": -2},
        {"month": "Mar 2026", "net_followers": 0},
    ]
    # Mean (6 − 2 + 0) ÷ 3 = +1.33
    assert audience.raw == "+1 followers a month on average; 1 of 3 months grew."

    totals = org(db, "Totals")
    days(db, totals, "instagram", [
        ("2026-01-01", 100, None, None),
        ("2026-01-31", 110, None, None),  # January: 110 − 100 = +10
        ("2026-02-01", 110, None, None),
        ("2026-02-28", 105, 50, 0),  # February: totals 105 − 110 = −5, which win over the flows' +50
        ("2026-03-01", 105, None, None),
        ("2026-03-31", 120, None, None),  # March: 120 − 105 = +15
    ])  # fmt: skip
    audience = scorecard(db, totals, START, end, today=TODAY).component("audience")
    # Months measured: Jan, Feb, Mar (April has no figures); with a gain: Jan, Mar; 100 × 2 ÷ 3 = 66.7
    assert audience.points == 66.7
    assert list(audience.details["net_followers"]) == [10, -5, 15]
    # Mean (10 − 5 + 15) ÷ 3 = +6.67
    assert audience.raw == "+7 followers a month on average; 2 of 3 months grew."


# ---------------------------------------------------------------------------------------------
# Results


def test_results_kinds_present_and_per_hour(db: duckdb.DuckDBPyConnection) -> None:
    org_id = org(db, currency="INR")
    outcome(db, org_id, date(2026, 2, 1), "volunteer", quantity=3)
    outcome(db, org_id, date(2026, 2, 2), "signup", quantity=2)
    outcome(db, org_id, date(2026, 2, 3), "donation", amount=500, currency="USD")  # not the organisation's currency
    outcome(db, org_id, date(2026, 4, 1), "volunteer", quantity=10)  # after the period
    minutes(db, org_id, date(2026, 2, 1), 90)
    minutes(db, org_id, date(2026, 3, 31), 150)
    minutes(db, org_id, date(2026, 4, 1), 600)  # after the period

    results = scorecard(db, org_id, START, END, today=TODAY).component("results")
    # Kinds present: volunteers and sign-ups (the USD gift does not count) = 2; 100 × 2 ÷ 3 = 66.7
    assert results.points == 66.7
    # Hours: (90 + 150) ÷ 60 = 4
    assert results.raw == "INR 0.00 donated, 3 volunteers, 2 sign-ups in the period; 4.0 hours logged."
    assert results.details.to_dict("records") == [
        {"result": "Donations", "in_period": 0.0, "unit": "INR", "per_hour": 0.0},
        {"result": "Volunteers", "in_period": 3.0, "unit": "", "per_hour": 0.75},  # 3 ÷ 4
        {"result": "Sign-ups", "in_period": 2.0, "unit": "", "per_hour": 0.5},  # 2 ÷ 4
    ]

    # A gift of INR 1,500 and a refund of INR 500 (refunds are stored negative): INR 1,000 kept
    outcome(db, org_id, date(2026, 3, 1), "donation", amount=1500, currency="INR")
    refunds = batch(db, org_id, "paypal", FRESH)
    db.execute(
        """INSERT INTO outcome (batch_id, as_of, organisation_id, platform, account_id, reference, occurred_at, kind,
                                amount, currency)
           VALUES (?, ?, ?, 'paypal', ?, 'R1', TIMESTAMP '2026-03-02 12:00', 'refund', -500, 'INR')""",
        [refunds, FRESH, org_id, account(db, org_id, "paypal")],
    )
    results = scorecard(db, org_id, START, END, today=TODAY).component("results")
    assert results.points == 100.0  # 3 kinds of 3
    assert results.raw == "INR 1,000.00 donated, 3 volunteers, 2 sign-ups in the period; 4.0 hours logged."
    assert results.details["per_hour"].tolist() == [250.0, 0.75, 0.5]  # 1000 ÷ 4, 3 ÷ 4, 2 ÷ 4

    # A period with none of them, no time logged: measured (outcomes are recorded), 0 points
    results = scorecard(db, org_id, date(2025, 1, 1), date(2025, 3, 31), today=TODAY).component("results")
    assert (results.measured, results.points) == (True, 0.0)
    assert (
        results.raw == "INR 0.00 donated, 0 volunteers, 0 sign-ups in the period; no time logged, so nothing per hour."
    )


# ---------------------------------------------------------------------------------------------
# Stages


def test_stages_crawl_walk_run_fly(db: duckdb.DuckDBPyConnection) -> None:
    # Four whole weeks, Mon 5 Jan .. Sun 1 Feb 2026, judged on 2 Feb; exports dated 1 Feb (fresh).
    start, end, today, as_of = date(2026, 1, 5), date(2026, 2, 1), date(2026, 2, 2), datetime(2026, 2, 1)
    org_id = org(db)
    posts(
        db, org_id, "x",
        P("2026-01-05 10:00", 1000, 40, comments=1),  # week 1
        P("2026-01-13 10:00", 1000, 40, comments=1),  # week 2
        P("2026-01-21 10:00", 1000, 40, comments=1),  # week 3
        as_of=as_of,
    )  # fmt: skip

    card = scorecard(db, org_id, start, end, today=today)
    # Channels 1 (33.3) fails; consistency 3 of 4 weeks = 75 passes: only the missing step is listed
    assert points(card, "consistency") == 75.0
    assert (card.stage, card.stage_reasons, card.next_steps) == (
        "Crawl",
        ("The first steps are still to take.",),
        ("Needs two or more channels active in the last 90 days.",),
    )

    posts(db, org_id, "facebook", P("2026-01-06 10:00", 1000, 40, comments=1), as_of=as_of)  # week 1
    card = scorecard(db, org_id, start, end, today=today)
    assert points(card, "channels") == 66.7  # 100 × 2 ÷ 3
    assert points(card, "consistency") == 50.0  # 100 × (3/4 + 1/4) ÷ 2: exactly the threshold
    assert (card.stage, card.stage_reasons, card.next_steps) == ("Walk", WALK_HAS, RUN_NEXT)
    # (15 × 66.7 + 20 × 50 + 10 × 30 + 5 × 100) ÷ (15 + 20 + 10 + 5) = 2800.5 ÷ 50 = 56.01 -> 56.0
    assert card.score == 56.0

    outcome(db, org_id, date(2026, 1, 20), "volunteer", quantity=4)
    campaign = create_campaign(db, org_id, "River week", date(2026, 1, 1), date(2026, 1, 31))
    card = scorecard(db, org_id, start, end, today=today)
    # A campaign without goals does not count yet
    assert (card.stage, card.next_steps) == ("Walk", ("Needs a campaign with goals in the period.",))
    archived = create_campaign(db, org_id, "Old drive", date(2026, 1, 1), date(2026, 1, 31))
    set_goal(db, archived, "volunteers", 5)
    archive_campaign(db, archived)
    assert scorecard(db, org_id, start, end, today=today).stage == "Walk"  # nor does an archived one

    set_goal(db, campaign, "volunteers", 10)
    card = scorecard(db, org_id, start, end, today=today)
    assert (card.stage, card.stage_reasons, card.next_steps) == ("Run", WALK_HAS + RUN_HAS, FLY_NEXT)
    assert points(card, "results") == 33.3  # volunteers only: 100 × 1 ÷ 3
    assert points(card, "transparency") == 70.0  # goals 40 + evidence 0 + 30 × 1
    # (15 × 66.7 + 20 × 50 + 15 × 33.3 + 10 × 70 + 5 × 100) ÷ (15 + 20 + 15 + 10 + 5)
    # = (1000.5 + 1000 + 499.5 + 700 + 500) ÷ 65 = 3700 ÷ 65 = 56.92.. -> 56.9
    assert card.score == 56.9

    add_evidence(db, campaign, EvidenceEntry("story", title="The clean-up", day=date(2026, 1, 10)))
    # The year before: 20 ÷ 1000 = 2% on each platform, against 40 ÷ 1000 = 4% now: ratio 2, 100 points
    posts(db, org_id, "x", P("2025-06-01 10:00", 1000, 20), as_of=as_of)
    posts(db, org_id, "facebook", P("2025-06-01 10:00", 1000, 20), as_of=as_of)
    card = scorecard(db, org_id, start, end, today=today)
    assert points(card, "transparency") == 100.0  # 40 + 30 + 30
    assert points(card, "engagement") == 100.0
    # (15 × 66.7 + 20 × 50 + 15 × 100 + 15 × 33.3 + 10 × 100 + 5 × 100) ÷ 80 = 5500 ÷ 80 = 68.75 -> 68.8
    assert card.score == 68.8
    assert (card.stage, card.stage_reasons, card.next_steps) == (
        "Run",
        WALK_HAS + RUN_HAS,
        ("Needs a score of 75 or more.",),
    )

    outcome(db, org_id, date(2026, 1, 21), "signup", quantity=1)
    outcome(db, org_id, date(2026, 1, 22), "donation", amount=100, currency="INR")
    card = scorecard(db, org_id, start, end, today=today)
    assert points(card, "results") == 100.0
    # (1000.5 + 1000 + 1500 + 1500 + 1000 + 500) ÷ 80 = 6500.5 ÷ 80 = 81.256.. -> 81.3
    assert card.score == 81.3
    assert (card.stage, card.stage_reasons, card.next_steps) == ("Fly", WALK_HAS + RUN_HAS + FLY_HAS, ())


# ---------------------------------------------------------------------------------------------
# Portfolios


def test_creating_and_changing_portfolios(db: duckdb.DuckDBPyConnection) -> None:
    for name in ("Bee Trust", "Ant Trust", "Cat Trust"):
        org(db, name)
    with pytest.raises(ValueError) as error:
        create_portfolio(db, "Cohort", ["Ant Trust", "Nobody"])
    assert str(error.value) == "there is no organisation called 'Nobody'"
    assert portfolios(db) == []
    with pytest.raises(ValueError) as error:
        create_portfolio(db, "   ")
    assert str(error.value) == "a portfolio needs a name"

    pid = create_portfolio(
        db, " Cohort ", ["Bee Trust", "Ant Trust", "Bee Trust"], "  Delhi 2026 ", [" water ", "", "water", "delhi"]
    )
    (cohort,) = portfolios(db)
    assert (cohort.id, cohort.name, cohort.description, cohort.tags, cohort.members) == (
        pid, "Cohort", "Delhi 2026", ("delhi", "water"), ("Ant Trust", "Bee Trust")
    )  # fmt: skip
    with pytest.raises(ValueError) as error:
        create_portfolio(db, "Cohort ", ["Cat Trust"])
    assert str(error.value) == "there is already a portfolio called 'Cohort'"

    set_members(db, pid, ["Cat Trust", "Ant Trust"])
    assert portfolio_named(db, "Cohort").members == ("Ant Trust", "Cat Trust")  # type: ignore[union-attr]
    with pytest.raises(ValueError):
        set_members(db, pid, ["Nobody"])
    assert portfolio_named(db, "Cohort").members == ("Ant Trust", "Cat Trust")  # type: ignore[union-attr]
    update_portfolio(db, pid, "Renamed", ["x"])
    assert portfolio_named(db, "Cohort").tags == ("x",)  # type: ignore[union-attr]

    save_weights(db, pid, {"results": 30})
    save_weights(db, STORE_WIDE, {"results": 25})
    set_benchmark(db, pid, "consistency", 60, "Cohort 2025 report")
    empty = create_portfolio(db, "Empty")
    assert portfolio_named(db, "Empty").members == ()  # type: ignore[union-attr]
    delete_portfolio(db, pid)
    assert [p.name for p in portfolios(db)] == ["Empty"]
    assert organisations(db) == ["Ant Trust", "Bee Trust", "Cat Trust"]  # the organisations stay
    assert db.execute("SELECT count(*) FROM portfolio_member WHERE portfolio_id = ?", [pid]).fetchone() == (0,)
    assert weights_for(db, pid) == default_weights()
    assert benchmarks(db, pid) == []
    assert weights_for(db)["results"] == 25.0  # the store's own weights stay
    assert empty != pid


def test_quarters() -> None:
    assert quarters(date(2026, 11, 25)) == [
        ("2026 Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026 Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026 Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026 Q4", date(2026, 10, 1), date(2026, 11, 25)),  # cut at the end
    ]
    assert quarters(date(2026, 2, 10), count=3) == [
        ("2025 Q3", date(2025, 7, 1), date(2025, 9, 30)),
        ("2025 Q4", date(2025, 10, 1), date(2025, 12, 31)),
        ("2026 Q1", date(2026, 1, 1), date(2026, 2, 10)),
    ]
    assert quarters(date(2026, 3, 31), count=1) == [("2026 Q1", date(2026, 1, 1), date(2026, 3, 31))]


def test_benchmarks_need_a_source_and_points(db: duckdb.DuckDBPyConnection) -> None:
    pid = create_portfolio(db, "Cohort")
    for component, value, source, message in [
        ("followers", 50, "A report", "no component is called 'followers'"),
        ("consistency", 101, "A report", "a benchmark is a component's points, from 0 to 100"),
        ("consistency", -0.1, "A report", "a benchmark is a component's points, from 0 to 100"),
        ("consistency", math.nan, "A report", "a benchmark is a component's points, from 0 to 100"),
        ("consistency", 60, "  ", "say where the benchmark comes from (a report, a survey, last year's cohort)"),
    ]:
        with pytest.raises(ValueError) as error:
            set_benchmark(db, pid, component, value, source)
        assert str(error.value) == message
    assert benchmarks(db, pid) == []

    set_benchmark(db, pid, "consistency", 60, " Cohort 2025 report ", date(2025, 12, 31), " median ")
    set_benchmark(db, pid, "audience", 0, "Survey")
    set_benchmark(db, pid, "consistency", 65, "Cohort 2025 report, revised")  # replaces
    assert benchmarks(db, pid) == [
        Benchmark("audience", 0.0, "Survey", None, ""),
        Benchmark("consistency", 65.0, "Cohort 2025 report, revised", None, ""),
    ]
    remove_benchmark(db, pid, "audience")
    assert [b.component for b in benchmarks(db, pid)] == ["consistency"]


def test_portfolio_screen_median_trend_and_weeks(db: duckdb.DuckDBPyConnection) -> None:
    # Four whole weeks, Mon 5 Jan .. Sun 1 Feb 2026, judged on 2 Feb; exports dated 1 Feb (fresh).
    start, end, today, as_of = date(2026, 1, 5), date(2026, 2, 1), date(2026, 2, 2), datetime(2026, 2, 1)
    ant, bee, cat = org(db, "Ant Trust"), org(db, "Bee Trust"), org(db, "Cat Trust")
    posts(db, ant, "x", P("2026-01-05 10:00", 1000, 20), as_of=as_of)  # week 1
    posts(db, bee, "x", P("2026-01-05 10:00", 500, 10), P("2026-01-12 10:00", 500, 40), as_of=as_of)  # weeks 1, 2
    posts(db, bee, "facebook", P("2026-01-06 10:00", 2000, 100), as_of=as_of)  # week 1
    outcome(db, cat, date(2026, 1, 20), "volunteer", quantity=2)  # no imports at all
    pid = create_portfolio(db, "Cohort", ["Cat Trust", "Bee Trust", "Ant Trust"])
    set_benchmark(db, pid, "consistency", 60, "Cohort 2025 report")
    screen = portfolio_screen(db, portfolio_named(db, "Cohort"), start, end, today=today)  # type: ignore[arg-type]

    table = screen.table.set_index("organisation")
    assert list(table.index) == ["Ant Trust", "Bee Trust", "Cat Trust"]
    assert list(table.columns) == ["score", "stage", *COMPONENTS, "flags"]
    # Ant: channels 100 × 1 ÷ 3 = 33.3; consistency 1 of 4 weeks = 25; transparency 30 (fresh, nothing else)
    # Bee: channels 100 × 2 ÷ 3 = 66.7; consistency (2/4 + 1/4) ÷ 2 = 37.5; transparency 30
    # Cat: results 100 × 1 ÷ 3 = 33.3 only (a hand entry is not an export: transparency not measured)
    assert row(table, "Ant Trust") == [
        33.3, 25.0, 30.0, None,
    ]  # fmt: skip
    assert row(table, "Bee Trust") == [
        66.7, 37.5, 30.0, None,
    ]  # fmt: skip
    assert row(table, "Cat Trust") == [
        None, None, None, 33.3,
    ]  # fmt: skip
    # Ant: (15 × 33.3 + 20 × 25 + 10 × 30) ÷ 45 = 1299.5 ÷ 45 = 28.87.. -> 28.9
    # Bee: (15 × 66.7 + 20 × 37.5 + 10 × 30) ÷ 45 = 2050.5 ÷ 45 = 45.56.. -> 45.6
    # Cat: 15 × 33.3 ÷ 15 = 33.3
    assert table["score"].tolist() == [28.9, 45.6, 33.3]
    assert table["stage"].tolist() == ["Crawl", "Crawl", "Crawl"]

    # The median over the members that measure each component
    assert screen.median == {
        "score": 33.3,  # of 28.9, 33.3, 45.6
        "channels": pytest.approx(50.0),  # (33.3 + 66.7) ÷ 2
        "base_platform": None,
        "consistency": 31.25,  # (25 + 37.5) ÷ 2
        "audience": None,
        "engagement": None,
        "results": 33.3,
        "transparency": 30.0,
        "conversation": None,
    }
    assert screen.benchmarks == [Benchmark("consistency", 60.0, "Cohort 2025 report", None, "")]

    # Quarterly trend up to 1 Feb: 2025 Q2, Q3, Q4 and 2026 Q1 cut at 1 Feb.
    whole = portfolio_trend(db, portfolio_named(db, "Cohort"), end, today=today)  # type: ignore[arg-type]
    trend = whole[whole["organisation"] == "Ant Trust"]
    assert trend["quarter"].tolist() == ["2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1"]
    # 2025 quarters: no post in the 90 days (channels 0, measured since posts exist), no post in the period
    # (consistency not measured), transparency 30 (freshness is judged on today): (15 × 0 + 10 × 30) ÷ 25 = 12
    # 2026 Q1 = 1 Jan .. 1 Feb: weeks of Mondays 29 Dec .. 26 Jan = 5, 1 with a post: 20;
    # (15 × 33.3 + 20 × 20 + 10 × 30) ÷ 45 = 1199.5 ÷ 45 = 26.65.. -> 26.7
    assert trend["score"].tolist() == [12.0, 12.0, 12.0, 26.7]
    cat_trend = whole[whole["organisation"] == "Cat Trust"]["score"].tolist()
    # Cat: results measured in every quarter (outcomes recorded); 2 volunteers only in 2026 Q1
    assert cat_trend == [0.0, 0.0, 0.0, 33.3]

    # Small multiples: per week, the impressions and engagement rate of the posts published that week
    weekly = screen.weekly[screen.weekly["organisation"] == "Bee Trust"]
    assert weekly["week"].astype(str).tolist() == ["2026-01-05", "2026-01-12"]
    # Week 1: 500 + 2000 = 2500 impressions, (10 + 100) ÷ 2500 = 4.4%; week 2: 500, 40 ÷ 500 = 8%
    assert weekly["impressions"].tolist() == [2500.0, 500.0]
    assert weekly["engagement_rate"].tolist() == pytest.approx([0.044, 0.08])

    # The portfolio's own weights: transparency 0 leaves it out
    save_weights(db, pid, {"transparency": 0})
    screen = portfolio_screen(db, portfolio_named(db, "Cohort"), start, end, today=today)  # type: ignore[arg-type]
    assert screen.weights["transparency"] == 0.0
    # Ant: (15 × 33.3 + 20 × 25) ÷ 35 = 999.5 ÷ 35 = 28.557.. -> 28.6
    # Bee: (15 × 66.7 + 20 × 37.5) ÷ 35 = 1750.5 ÷ 35 = 50.01.. -> 50.0
    assert screen.table["score"].tolist() == [28.6, 50.0, 33.3]
    assert screen.median["score"] == 33.3


def test_an_empty_portfolio_has_an_empty_screen(db: duckdb.DuckDBPyConnection) -> None:
    create_portfolio(db, "Empty")
    screen = portfolio_screen(db, portfolio_named(db, "Empty"), START, END, today=TODAY)  # type: ignore[arg-type]
    assert screen.table.empty and screen.weekly.empty
    assert portfolio_trend(db, portfolio_named(db, "Empty"), END, today=TODAY).empty  # type: ignore[arg-type]
    assert screen.median == dict.fromkeys(["score", *COMPONENTS])
    assert isinstance(screen.weekly, pd.DataFrame)
    assert (screen.start, screen.end) == (START, END)
