"""The chain per campaign (outputs -> outtakes -> outcomes by platform) on tiny hand-built stores."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from impact.campaigns.chain import campaign_chain, chain_verdict, channel_platform, per_1000, weakest_step
from impact.campaigns.goals import actuals, create_campaign
from impact.store.connection import connect

APP = str(Path(__file__).resolve().parent.parent / "app.py")
MARCH_END = date(2026, 3, 31)
NOT_ENOUGH = (
    "Not enough data yet to say where the chain breaks: a platform's step is compared once it has at least 1,000 "
    "impressions (for engagements), 50 engagements (for website sessions or donors) or 50 website sessions (for "
    "donors), and enough that it would have had 10 conversions at the campaign's rate."
)


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = connect(tmp_path / "chain.duckdb")
    con.execute("INSERT INTO organisation (id, name) VALUES (1, 'Trust')")
    return con


def add_post(
    con: duckdb.DuckDBPyConnection,
    platform: str,
    post_id: str,
    published: str,
    text: str,
    impressions: int | None,
    engagements: int | None,
    reach: int | None = None,
) -> None:
    con.execute(
        """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at, text,
                             impressions, reach, engagements)
           VALUES (1, TIMESTAMP '2026-04-10', 1, ?, ?, 1, ?, ?, ?, ?, ?)""",
        [platform, post_id, published, text, impressions, reach, engagements],
    )


def add_outcome(
    con: duckdb.DuckDBPyConnection,
    reference: str,
    when: str,
    kind: str,
    channel: str | None,
    amount: float | None = None,
    donor: str | None = None,
    quantity: int = 1,
) -> None:
    con.execute(
        """INSERT INTO outcome (batch_id, as_of, organisation_id, platform, account_id, reference, occurred_at, kind,
                                amount, currency, quantity, donor, channel)
           VALUES (2, TIMESTAMP '2026-04-10', 1, 'razorpay', 1, ?, ?, ?, ?, 'INR', ?, ?, ?)""",
        [reference, when, kind, amount, quantity, donor, channel],
    )


def add_sessions(con: duckdb.DuckDBPyConnection, first: str, last: str, rows: list[tuple[str, int]]) -> None:
    for value, sessions in rows:
        con.execute(
            """INSERT INTO web_traffic (batch_id, as_of, organisation_id, platform, account_id, period_start,
                                        period_end, dimension, dimension_value, sessions)
               VALUES (3, TIMESTAMP '2026-04-10', 1, 'website', 1, ?, ?, 'source_medium', ?, ?)""",
            [first, last, value, sessions],
        )


def spring(con: duckdb.DuckDBPyConnection) -> int:
    return create_campaign(con, 1, "Spring appeal", date(2026, 3, 1), MARCH_END, hashtags=["#spring"])


@pytest.fixture
def appeal(con: duckdb.DuckDBPyConnection) -> int:
    """Two platforms, outcomes with and without a channel, and GA4 reports per day and for a whole year."""
    add_post(con, "x", "x1", "2026-03-02 09:00", "Give today #Spring", 2000, 60)
    add_post(con, "x", "x2", "2026-03-10 09:00", "#spring thanks", 3000, 90)
    add_post(con, "facebook", "f1", "2026-03-05 09:00", "#spring appeal", 4000, 40, reach=2500)
    add_post(con, "facebook", "f2", "2026-04-02 09:00", "#spring is over", 9999, 999, reach=9999)  # after the end
    add_post(con, "facebook", "f3", "2026-03-06 09:00", "A river clean-up", 7777, 777, reach=7777)  # not the tag
    for platform, day, gained in [
        ("x", "2026-03-03", 12),
        ("facebook", "2026-03-04", 8),
        ("facebook", "2026-02-20", 100),
    ]:
        con.execute(
            """INSERT INTO account_day (batch_id, as_of, organisation_id, platform, account_id, day, followers_gained)
               VALUES (1, TIMESTAMP '2026-04-10', 1, ?, 1, ?, ?)""",
            [platform, day, gained],
        )
    add_outcome(con, "d1", "2026-03-05 10:00", "donation", "Facebook", 100, "a")
    add_outcome(con, "d2", "2026-03-06 10:00", "donation", "twitter", 50, "b")
    add_outcome(con, "d3", "2026-03-07 10:00", "donation", None, 70, "c")
    add_outcome(con, "d4", "2026-03-08 10:00", "donation", "l.facebook.com / referral", 30, "a")  # donor a again
    add_outcome(con, "r1", "2026-03-09 10:00", "refund", None, -20, "c")
    add_outcome(con, "v1", "2026-03-10 10:00", "volunteer", "Facebook", quantity=3)
    add_outcome(con, "s1", "2026-03-11 10:00", "signup", "email", quantity=2)  # a channel, but not a platform
    add_outcome(con, "d5", "2026-04-05 10:00", "donation", "Facebook", 999, "z")  # after the end
    add_sessions(con, "2026-03-05", "2026-03-05", [("l.facebook.com / referral", 20), ("t.co / referral", 15)])
    add_sessions(con, "2026-03-06", "2026-03-06", [("facebook.com / referral", 10), ("google / organic", 100)])
    add_sessions(con, "2025-04-01", "2026-03-31", [("l.facebook.com / referral", 5000)])  # a year: not used
    return spring(con)


def row(chain: pd.DataFrame, platform: str) -> pd.Series:
    return chain.set_index("platform").loc[platform]


def test_two_platforms_with_hand_computed_conversions(con: duckdb.DuckDBPyConnection, appeal: int) -> None:
    chain = campaign_chain(con, appeal, date(2026, 11, 1))
    assert list(chain["platform"]) == ["x", "facebook", "unattributed", "all"]  # most impressions first
    assert list(chain["label"]) == ["X (Twitter)", "Facebook", "Not attributed to a platform", "All platforms"]
    x, fb, total = row(chain, "x"), row(chain, "facebook"), row(chain, "all")
    assert (x["posts"], x["impressions"], x["engagements"], x["followers_gained"]) == (2, 5000, 150, 12)
    assert pd.isna(x["reach"])  # X gives no reach: left empty, never copied from impressions
    assert (fb["posts"], fb["impressions"], fb["reach"], fb["engagements"], fb["followers_gained"]) == (
        1,
        4000,
        2500,
        40,
        8,
    )
    assert x["engagements_per_1000_impressions"] == 150 / 5000 * 1000 == 30.0
    assert fb["engagements_per_1000_impressions"] == 10.0
    assert total["engagements_per_1000_impressions"] == pytest.approx(190 / 9000 * 1000)
    # Sessions from per-day reports only: 20 + 10 from Facebook, 15 from X (t.co); search is not social.
    assert (fb["sessions_from_social"], x["sessions_from_social"], total["sessions_from_social"]) == (30, 15, 45)
    assert fb["sessions_per_1000_engagements"] == 750.0
    assert x["sessions_per_1000_engagements"] == 100.0
    assert total["sessions_per_1000_engagements"] == pytest.approx(45 / 190 * 1000)
    # Donor a gave twice through Facebook; the total counts distinct donors a, b and c.
    assert (fb["donors"], fb["donations_amount"], fb["volunteers"]) == (1, 130.0, 3)
    assert (x["donors"], x["donations_amount"]) == (1, 50.0)
    assert (total["donors"], total["donations_amount"], total["volunteers"], total["signups"]) == (3, 230.0, 3, 2)
    assert total["donors_per_1000_sessions"] == pytest.approx(3 / 45 * 1000)
    assert pd.isna(total["donors_per_1000_engagements"])  # there are sessions: the chain goes through the website
    # The total agrees with the campaign's goals.
    figures = actuals(con, appeal, date(2026, 11, 1))
    for column in ("posts", "impressions", "engagements", "followers_gained", "sessions_from_social", "donors"):
        assert total[column] == figures[column], column
    assert total["donations_amount"] == figures["donations_amount"]


def test_outcomes_without_a_platform_channel_go_to_the_unattributed_row_and_the_total(
    con: duckdb.DuckDBPyConnection, appeal: int
) -> None:
    chain = campaign_chain(con, appeal, date(2026, 11, 1))
    spare = row(chain, "unattributed")
    # Donor c's gift less its refund, and the sign-ups whose channel is e-mail, not a platform.
    assert (spare["donors"], spare["donations_amount"], spare["signups"], spare["volunteers"]) == (1, 50.0, 2, 0)
    assert all(pd.isna(spare[c]) for c in ("posts", "impressions", "reach", "engagements", "followers_gained"))
    assert spare["sessions_from_social"] == 0
    # With a donor unattributed, a platform's donors per 1,000 sessions would be a floor: left empty.
    assert chain.loc[chain["platform"].isin(["x", "facebook"]), "donors_per_1000_sessions"].isna().all()


def test_zero_or_missing_denominators_give_no_conversion(con: duckdb.DuckDBPyConnection) -> None:
    assert per_1000(5, 0) is None
    assert per_1000(None, 10) is None
    assert per_1000(5, None) is None
    assert per_1000(0, 10) == 0.0
    add_post(con, "instagram", "i1", "2026-03-02 09:00", "#spring", 0, 5)
    chain = campaign_chain(con, spring(con), MARCH_END)
    instagram = row(chain, "instagram")
    assert instagram["impressions"] == 0
    assert pd.isna(instagram["engagements_per_1000_impressions"])
    assert pd.isna(instagram["sessions_per_1000_engagements"])  # no GA4 report at all
    assert instagram["donors_per_1000_engagements"] == 0.0  # 0 donors over 5 engagements is a real 0


def test_a_campaign_with_no_data(con: duckdb.DuckDBPyConnection) -> None:
    chain = campaign_chain(con, spring(con), MARCH_END)
    assert list(chain["platform"]) == ["all"]
    total = row(chain, "all")
    assert (total["posts"], total["donors"], total["donations_amount"]) == (0, 0, 0.0)
    assert all(pd.isna(total[c]) for c in ("impressions", "reach", "engagements", "sessions_from_social"))
    assert chain[[c for c in chain.columns if "per_1000" in c]].isna().all().all()
    assert weakest_step(chain) is None
    assert chain_verdict(chain) == NOT_ENOUGH  # and nothing so far to name


def test_sessions_from_a_year_long_report_are_not_used_for_a_one_month_campaign(
    con: duckdb.DuckDBPyConnection,
) -> None:
    add_post(con, "facebook", "f1", "2026-03-05 09:00", "#spring", 4000, 40)
    add_sessions(con, "2025-04-01", "2026-03-31", [("l.facebook.com / referral", 5000)])
    campaign_id = spring(con)
    assert pd.isna(row(campaign_chain(con, campaign_id, MARCH_END), "facebook")["sessions_from_social"])
    add_sessions(con, "2026-03-05", "2026-03-05", [("l.facebook.com / referral", 20), ("t.co / referral", 4)])
    add_sessions(con, "2026-03-06", "2026-03-06", [("lm.facebook.com / referral", 6)])
    chain = campaign_chain(con, campaign_id, MARCH_END)
    assert row(chain, "facebook")["sessions_from_social"] == 26
    assert row(chain, "x")["sessions_from_social"] == 4  # X sent sessions without a campaign post: a row of its own
    assert row(chain, "x")["posts"] == 0
    assert row(chain, "all")["sessions_from_social"] == 30


def test_weakest_step_compares_each_platform_with_the_campaign(con: duckdb.DuckDBPyConnection, appeal: int) -> None:
    chain = campaign_chain(con, appeal, date(2026, 11, 1))
    # Facebook's 10 engagements per 1,000 impressions is 47 % of the campaign's 21.1; X's 100 sessions per 1,000
    # engagements is 42 % of 236.8. Facebook's 40 engagements are too few to judge its sessions step.
    assert weakest_step(chain) == ("x", "sessions_per_1000_engagements")
    assert chain_verdict(chain) == (
        "The chain is weakest on X (Twitter) at website sessions per 1,000 engagements: 100.0 against 236.8 for "
        "all platforms (42% of the campaign's figure)."
    )


def test_weakest_step_needs_enough_impressions(con: duckdb.DuckDBPyConnection) -> None:
    add_post(con, "x", "x1", "2026-03-02 09:00", "#spring", 900, 40)
    add_post(con, "facebook", "f1", "2026-03-05 09:00", "#spring", 800, 2)
    chain = campaign_chain(con, spring(con), MARCH_END)
    assert weakest_step(chain) is None  # 2 engagements in 800 impressions looks bad, but 800 is too few to say
    assert chain_verdict(chain) == NOT_ENOUGH + " The most so far: 900 impressions on X (Twitter)."


def test_channel_names_a_platform() -> None:
    assert channel_platform("Facebook") == "facebook"
    assert channel_platform(" ig ") == "instagram"
    assert channel_platform("l.facebook.com / referral") == "facebook"
    assert channel_platform("twitter") == "x"
    assert channel_platform("email") is None
    assert channel_platform("=cmd|' /C calc'!A0") is None
    assert channel_platform(None) is None


def test_the_chain_tab_shows_the_campaigns_figures(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = "Pune Education Trust"
    at.session_state["campaign_tab"] = "Chain"  # only the open tab runs
    at.switch_page("pages/campaigns/campaigns.py")
    at.run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "engagements_per_1000_impressions" in d.value.columns)
    # The demo's Back to school 2026 (25 May – 30 Jun): the posts with #BackToSchoolPune on the organisation's
    # local days, per platform, with their impressions and engagements; its 99 donors name no platform.
    rows = table.set_index("label")
    assert rows[["posts", "impressions", "engagements"]].to_dict("index") == {
        "Facebook": {"posts": 31, "impressions": 170587, "engagements": 4601},
        "Instagram": {"posts": 22, "impressions": 110242, "engagements": 5018},
        "X (Twitter)": {"posts": 30, "impressions": 70229, "engagements": 2894},
        "YouTube": {"posts": 3, "impressions": 40213, "engagements": 751},
        "Not attributed to a platform": {"posts": None, "impressions": None, "engagements": None},
        "All platforms": {"posts": 86, "impressions": 391271, "engagements": 13264},
    }
    assert rows.loc["All platforms", "donors"] == rows.loc["Not attributed to a platform", "donors"] == 99
    assert rows.loc["All platforms", "engagements_per_1000_impressions"] == pytest.approx(13264 / 391271 * 1000)
    # YouTube's 751 engagements in 40,213 impressions, 18.7 per 1,000, against 33.9 for the campaign.
    assert (
        "The chain is weakest on YouTube at engagements per 1,000 impressions: 18.7 against 33.9 for all platforms "
        "(55% of the campaign's figure)."
    ) in [m.value for m in at.markdown]
    assert "From outputs to outcomes, by platform" in [s.value for s in at.subheader]


def test_social_sessions_whose_platform_is_unknown_are_not_given_to_a_platform(
    con: duckdb.DuckDBPyConnection,
) -> None:
    add_post(con, "facebook", "f1", "2026-03-05 09:00", "#spring", 4000, 100)
    for value, sessions in [("Organic Social", 40), ("Organic Search", 90)]:
        con.execute(
            """INSERT INTO web_traffic (batch_id, as_of, organisation_id, platform, account_id, period_start,
                                        period_end, dimension, dimension_value, sessions)
               VALUES (3, TIMESTAMP '2026-04-10', 1, 'website', 1, '2026-03-05', '2026-03-05', 'channel_group', ?, ?)""",
            [value, sessions],
        )
    chain = campaign_chain(con, spring(con), MARCH_END)
    assert list(chain["platform"]) == ["facebook", "unattributed", "all"]
    assert row(chain, "unattributed")["sessions_from_social"] == 40
    assert row(chain, "facebook")["sessions_from_social"] == 0
    assert pd.isna(row(chain, "facebook")["sessions_per_1000_engagements"])  # a floor, not a rate
    assert row(chain, "all")["sessions_per_1000_engagements"] == 400.0
    assert weakest_step(chain) is None
