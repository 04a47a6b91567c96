"""Cost of time, ROI % and the habits, on tiny hand-built stores with hand-computed figures; one AppTest."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from impact.campaigns.goals import create_campaign
from impact.definitions.sql import base_host
from impact.store import derived
from impact.time.budget import set_hour_values, set_person
from impact.time.roi import activity_shares, base_platform_links, cost_of_time, roi

APP = str(Path(__file__).resolve().parent.parent / "app.py")
JUNE = (date(2026, 6, 1), date(2026, 6, 30))
_keys = itertools.count()


@pytest.fixture
def con(db: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    db.execute("INSERT INTO organisation (id, name, currency) VALUES (1, 'Trust', 'INR')")
    return db


def log(con: duckdb.DuckDBPyConnection, day: str, person: str, minutes: int, activity: str | None = "create",
        campaign: str | None = None) -> None:  # fmt: skip
    con.execute(
        """INSERT INTO time_entry (batch_id, as_of, organisation_id, platform, account_id, entry_key, day, person,
                                   channel, activity, minutes, campaign)
           VALUES (1, TIMESTAMP '2026-12-01', 1, 'template', 1, ?, ?, ?, 'x', ?, ?, ?)""",
        [str(next(_keys)), day, person, activity, minutes, campaign],
    )


def give(con: duckdb.DuckDBPyConnection, when: str, amount: float, currency: str = "INR", kind: str = "donation",
         channel: str | None = None, campaign: str | None = None) -> None:  # fmt: skip
    con.execute(
        """INSERT INTO outcome (batch_id, as_of, organisation_id, platform, account_id, reference, occurred_at, kind,
                                amount, currency, channel, campaign)
           VALUES (2, TIMESTAMP '2026-12-01', 1, 'razorpay', 1, ?, ?, ?, ?, ?, ?, ?)""",
        [str(next(_keys)), when, kind, amount, currency, channel, campaign],
    )


def rates(con: duckdb.DuckDBPyConnection, staff: float | None, volunteer: float = 120, currency: str = "INR") -> None:
    set_hour_values(con, 1, staff=staff, volunteer=volunteer, volunteer_currency=currency,
                    volunteer_source="Our own estimate", volunteer_year=2026)  # fmt: skip


def test_no_time_logged_costs_nothing_and_has_no_roi(con: duckdb.DuckDBPyConnection) -> None:
    rates(con, staff=200)
    give(con, "2026-06-10 10:00", 1000)
    cost = cost_of_time(con, 1, *JUNE)
    assert (cost.hours, cost.parts, cost.total, cost.currency, cost.reason) == (0.0, (), 0.0, "INR", None)
    report = roi(con, 1, *JUNE)
    assert report.upper is not None and report.upper.outcome == 1000.0
    assert report.upper.roi is None
    assert report.upper.reason == (  # says what to do
        "No time is logged here, so there is no cost to divide by: log time on **Log time** (naming the campaign "
        "where it was for one), or import a time log on **Upload**."
    )


def test_time_but_no_donations_is_minus_100_percent(con: duckdb.DuckDBPyConnection) -> None:
    rates(con, staff=200)
    log(con, "2026-06-03", "Asha", 90)
    report = roi(con, 1, *JUNE)
    assert report.cost.total == 300.0  # 1.5 h × 200
    assert report.upper is not None and report.lower is not None
    assert (report.upper.outcome, report.upper.roi, report.upper.reason) == (0.0, -100.0, None)
    assert report.lower.roi == -100.0


def test_several_people_on_one_day_one_a_volunteer(con: duckdb.DuckDBPyConnection) -> None:
    rates(con, staff=300, volunteer=120)
    set_person(con, 1, "Ravi", "volunteer", None)
    for person, minutes in [("Asha", 60), ("Meena", 30), ("Ravi", 45), ("Ravi", 15)]:
        log(con, "2026-06-03", person, minutes)
    give(con, "2026-06-03 18:00", 1140)
    cost = cost_of_time(con, 1, *JUNE)
    parts = {p.role: (p.hours, p.rate, p.currency, p.cost) for p in cost.parts}
    assert parts == {"staff": (1.5, 300.0, "INR", 450.0), "volunteer": (1.0, 120.0, "INR", 120.0)}
    assert (cost.hours, cost.total, cost.currency) == (2.5, 570.0, "INR")
    upper = roi(con, 1, *JUNE).upper
    assert upper is not None and upper.roi == 100.0  # (1,140 − 570) ÷ 570 × 100


def test_no_staff_rate_leaves_the_cost_unknown(con: duckdb.DuckDBPyConnection) -> None:
    log(con, "2026-06-03", "Asha", 60)
    give(con, "2026-06-03 18:00", 500)
    cost = cost_of_time(con, 1, *JUNE)
    assert cost.total is None and cost.parts[0].cost is None
    assert (
        cost.reason == "No staff hourly rate is set: enter it (in INR) in the settings below to cost 1.0 staff hours."
    )
    upper = roi(con, 1, *JUNE).upper
    assert upper is not None and upper.roi is None and upper.reason == cost.reason


def test_mixed_currencies_give_no_total_and_no_roi(con: duckdb.DuckDBPyConnection) -> None:
    rates(con, staff=300, volunteer=33.49, currency="usd")
    set_person(con, 1, "Ravi", "volunteer", None)
    log(con, "2026-06-03", "Asha", 60)
    log(con, "2026-06-03", "Ravi", 60)
    give(con, "2026-06-03 18:00", 5000)
    cost = cost_of_time(con, 1, *JUNE)
    assert [(p.role, p.currency, p.cost) for p in cost.parts] == [("staff", "INR", 300.0), ("volunteer", "USD", 33.49)]
    assert cost.total is None
    assert cost.reason == (
        "Staff time is valued in INR and volunteer time in USD; they are not converted, so there is no total. Give "
        "the volunteer value in INR to get one."
    )
    upper = roi(con, 1, *JUNE).upper
    assert upper is not None and upper.roi is None and upper.outcome == 5000.0


def test_a_campaign_spanning_months_counts_its_own_hours_and_donations(con: duckdb.DuckDBPyConnection) -> None:
    rates(con, staff=250)
    create_campaign(con, 1, "Back to school", date(2026, 5, 20), date(2026, 7, 10))
    for day, minutes, named in [
        ("2026-05-19", 60, "Back to school"),  # the day before it
        ("2026-05-20", 60, "Back to school"),
        ("2026-06-15", 120, "Back to school"),
        ("2026-06-02", 30, "BACK TO SCHOOL"),  # the name as typed, in capitals
        ("2026-07-10", 30, "Back to school"),
        ("2026-07-11", 60, "Back to school"),  # the day after it
        ("2026-06-01", 60, None),  # not logged to it
    ]:
        log(con, day, "Asha", minutes, campaign=named)
    give(con, "2026-05-25 10:00", 1500)
    give(con, "2026-06-20 10:00", -200, kind="refund")
    give(con, "2026-07-10 23:00", 500)
    give(con, "2026-07-11 09:00", 999)  # after it
    give(con, "2026-06-01 10:00", 50, currency="USD")
    # The page's period is June only; the campaign is read over its own dates.
    [reading] = roi(con, 1, *JUNE).campaigns
    assert reading.cost.hours == 4.0 and reading.cost.total == 1000.0  # 240 min at 250 an hour
    assert (reading.outcome, reading.currency, reading.other_currencies) == (1800.0, "INR", {"USD": 50.0})
    assert reading.roi == 80.0  # (1,800 − 1,000) ÷ 1,000 × 100


def test_the_lower_bound_counts_only_donations_credited_to_social_media(con: duckdb.DuckDBPyConnection) -> None:
    rates(con, staff=100)
    log(con, "2026-06-03", "Asha", 120)
    give(con, "2026-06-04 10:00", 400, channel="Instagram")
    give(con, "2026-06-04 11:00", 600, channel="website")
    give(con, "2026-06-04 12:00", 1000)
    report = roi(con, 1, *JUNE)
    assert report.upper is not None and report.lower is not None
    assert (report.upper.outcome, report.upper.roi) == (2000.0, 900.0)  # (2,000 − 200) ÷ 200 × 100
    assert (report.lower.outcome, report.lower.roi) == (400.0, 100.0)


def test_activity_shares_sum_to_one_overall_and_per_month(con: duckdb.DuckDBPyConnection) -> None:
    for day, minutes, activity in [("2026-01-05", 30, "listen"), ("2026-01-06", 60, "engage"),
                                   ("2026-01-07", 90, "create"), ("2026-02-02", 60, "create"),
                                   ("2026-02-03", 60, None)]:  # fmt: skip
        log(con, day, "Asha", minutes, activity=activity)
    shares = activity_shares(con, 1, date(2026, 1, 1), date(2026, 2, 28))
    overall = shares.overall.set_index("activity")
    assert overall["hours"].to_dict() == {"listen": 0.5, "engage": 1.0, "create": 2.5, "unspecified": 1.0}
    assert overall["share"].to_dict() == {"listen": 0.1, "engage": 0.2, "create": 0.5, "unspecified": 0.2}
    assert overall["share"].sum() == pytest.approx(1.0)
    assert shares.by_month.groupby("month")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    january = shares.by_month[pd.to_datetime(shares.by_month["month"]) == pd.Timestamp("2026-01-01")]
    assert january["share"].tolist() == pytest.approx([1 / 6, 2 / 6, 3 / 6])
    # The hour with no activity named counts in the 5 hours, in no activity.
    assert shares.habit == (
        "Of 5.0 hours: listen 10%, engage 20%, create (deliver) 50%. The habit to build is listen, engage, deliver: "
        "hear what your community says and take part in it before (and while) creating your own content. Creating "
        "took more time than listening and engaging together."
    )
    assert activity_shares(con, 1, date(2025, 1, 1), date(2025, 1, 31)).habit == (
        "No time is logged in this period: log time on **Log time**, naming the activity, to see the habit."
    )


def test_base_platform_links_count_the_host_and_not_another(con: duckdb.DuckDBPyConnection) -> None:
    assert base_platform_links(con, 1, *JUNE).message == (
        "No base platform is set: give the organisation's website address to see which platforms link to it."
    )
    con.execute("UPDATE organisation SET base_url = 'https://www.NGO.org/home' WHERE id = 1")
    for platform, post_id, published, text, url in [
        ("x", "1", "2026-06-02 09:00", "Give at ngo.org/donate", None),
        ("x", "2", "2026-06-03 09:00", "See https://notngo.org too", None),  # another host ending the same way
        ("x", "3", "2026-06-04 09:00", "New post", "https://blog.ngo.org/p/1"),  # a subdomain
        ("facebook", "4", "2026-06-05 09:00", "Visit https://other.org", None),
        ("facebook", "5", "2026-06-06 09:00", "VISIT NGO.ORG", None),
        ("instagram", "6", "2026-07-01 09:00", "ngo.org", None),  # after the period
    ]:
        con.execute(
            """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at, text, url)
               VALUES (1, TIMESTAMP '2026-07-01', 1, ?, ?, 1, ?, ?, ?)""",
            [platform, post_id, published, text, url],
        )
    derived.sum_post_days(con, [1])  # as an import does: these posts were written straight to `post`
    links = base_platform_links(con, 1, *JUNE)
    assert links.host == "ngo.org" and links.message is None
    assert links.platforms.values.tolist() == [["facebook", 2, 1, 0.5], ["x", 3, 2, 2 / 3]]


def test_base_host_reads_an_address_with_or_without_its_scheme() -> None:
    assert base_host("puneeducationtrust.org.in") == "puneeducationtrust.org.in"
    assert base_host("https://www.Example.org:8443/x?y") == "example.org"
    assert base_host("  ") is None and base_host(None) is None


def _tiles(at: AppTest) -> dict[str, tuple[str, str]]:
    """The Cost & ROI tab's money tiles: value and the hours under it."""
    labels = ("Staff time", "Volunteer time", "Cost of time")
    return {m.label: (m.value, m.proto.delta) for m in at.metric if m.label in labels}


def test_changing_the_staff_rate_changes_the_cost_tile(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = "Pune Education Trust"
    at.session_state["time_tab"] = "Cost & ROI"  # only the open tab runs
    at.switch_page("pages/time/time.py")
    at.run()
    assert not at.exception
    # Pune's time log (sample_data/README.md): 14,025 minutes, all in the period; 2,685 of them by Sneha Joshi,
    # a volunteer (orgs.json), valued at INR 150 an hour; the other 11,340 (189 h) at the staff rate of INR 250.
    # 189 × 250 = 47,250 and 44.75 × 150 = 6,712.5: INR 53,962.5 in all.
    assert _tiles(at) == {
        "Staff time": ("INR 47,250", "189.0 h"),
        "Volunteer time": ("INR 6,712", "44.8 h"),
        "Cost of time": ("INR 53,962", ""),
    }
    assert "Volunteer hour valued at INR 150.00: Our own estimate\\: the honorarium we pay field volunteers, 2026." in [
        c.value for c in at.caption
    ]

    next(n for n in at.number_input if n.label == "Staff hourly rate (INR)").set_value(300.0)
    next(b for b in at.button if b.label == "Save hourly values").click().run()
    assert not at.exception
    # 189 × 300 = 56,700; with the volunteers' 6,712.5, INR 63,412.5.
    assert _tiles(at) == {
        "Staff time": ("INR 56,700", "189.0 h"),
        "Volunteer time": ("INR 6,712", "44.8 h"),
        "Cost of time": ("INR 63,412", ""),
    }
