"""The daily time budget: minutes per day, days over, the weekly average and streaks, on hand-built logs."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from impact.store.manual import TimeEntry, record_time
from impact.store.orgs import ensure_organisation
from impact.time.budget import (
    DEFAULT_VOLUNTEER_VALUE,
    budget_summary,
    daily_minutes,
    hour_values,
    people,
    set_daily_budget,
    set_hour_values,
    set_person,
)

WEEK = (date(2026, 6, 1), date(2026, 6, 7))  # Monday to Sunday


@pytest.fixture
def org(db: duckdb.DuckDBPyConnection) -> int:
    return ensure_organisation(db, "Trust", daily_budget_minutes=60)


def log(db: duckdb.DuckDBPyConnection, org: int, day: int, person: str, minutes: float) -> None:
    record_time(db, org, TimeEntry(date(2026, 6, day), person, "facebook", "create", minutes))


def test_no_time_logged_is_a_period_within_budget_with_nothing_to_divide(
    db: duckdb.DuckDBPyConnection, org: int
) -> None:
    summary = budget_summary(db, org, *WEEK)
    assert (summary.days, summary.days_logged, summary.days_over, summary.total_minutes) == (7, 0, 0, 0.0)
    assert summary.weekly_average_hours == 0.0
    assert (summary.current_streak, summary.longest_streak) == (7, 7)


def test_several_people_on_one_day_add_up_against_the_budget(db: duckdb.DuckDBPyConnection, org: int) -> None:
    log(db, org, 1, "Asha", 40)
    log(db, org, 1, "Ravi", 30)  # 70 minutes together: over the 60-minute budget
    log(db, org, 2, "Asha", 60)  # exactly the budget: within
    log(db, org, 4, "Ravi", 90)
    log(db, org, 4, "Ravi", 0.5)  # minutes need not be whole
    days = daily_minutes(db, org, *WEEK)
    assert days["minutes"].tolist() == [70, 60, 0, 90.5, 0, 0, 0]
    assert days["people"].tolist() == [2, 1, 0, 1, 0, 0, 0]
    assert days["over_budget"].tolist() == [True, False, False, True, False, False, False]
    summary = budget_summary(db, org, *WEEK)
    assert (summary.days_logged, summary.days_over) == (3, 2)
    assert summary.total_minutes == 220.5
    assert summary.weekly_average_hours == pytest.approx(220.5 / 60)  # one week
    assert (summary.current_streak, summary.longest_streak) == (3, 3)  # Fri-Sun; also Tue-Wed is 2


def test_the_weekly_average_spreads_over_every_week_of_the_period(db: duckdb.DuckDBPyConnection, org: int) -> None:
    log(db, org, 3, "Asha", 84)
    summary = budget_summary(db, org, date(2026, 6, 1), date(2026, 6, 14))  # two weeks
    assert summary.weekly_average_hours == pytest.approx(0.7)  # 84 min = 1.4 h over 2 weeks


def test_without_a_budget_no_day_is_judged(db: duckdb.DuckDBPyConnection, org: int) -> None:
    set_daily_budget(db, org, None)
    log(db, org, 1, "Asha", 500)
    summary = budget_summary(db, org, *WEEK)
    assert (summary.budget_minutes, summary.days_over, summary.current_streak) == (None, None, None)
    with pytest.raises(ValueError, match="between 1 and 1,440"):
        set_daily_budget(db, org, 2000)


def test_a_person_with_a_budget_of_their_own_is_judged_against_it(db: duckdb.DuckDBPyConnection, org: int) -> None:
    log(db, org, 1, "Asha", 40)
    log(db, org, 2, "Asha", 20)
    log(db, org, 2, "Ravi", 45)
    set_person(db, org, "Asha", "volunteer", 30)
    table = people(db, org, *WEEK).set_index("person")
    assert table.loc["Asha", "role"] == "volunteer"
    assert table.loc["Asha", "days_over"] == 1
    assert table.loc["Asha", "hours"] == 1.0
    assert table.loc["Ravi", "role"] == "staff"  # not set: staff
    assert pd.isna(table.loc["Ravi", "days_over"])  # no budget of his own: not judged person by person


def test_hour_values_default_to_the_published_volunteer_value_and_can_be_changed(
    db: duckdb.DuckDBPyConnection, org: int
) -> None:
    values = hour_values(db, org)
    assert (values.staff, values.volunteer, values.volunteer_currency, values.volunteer_year) == (
        None,
        DEFAULT_VOLUNTEER_VALUE,
        "USD",
        2023,
    )
    set_hour_values(
        db, org, staff=250.0, volunteer=150.0, volunteer_currency="inr", volunteer_source="Our honorarium",
        volunteer_year=2026,
    )  # fmt: skip
    values = hour_values(db, org)
    assert (values.staff, values.volunteer, values.volunteer_currency, values.volunteer_source) == (
        250.0,
        150.0,
        "INR",
        "Our honorarium",
    )
    with pytest.raises(ValueError, match="three-letter"):
        set_hour_values(db, org, staff=1, volunteer=1, volunteer_currency="rupees", volunteer_source="x",
                        volunteer_year=2026)  # fmt: skip
