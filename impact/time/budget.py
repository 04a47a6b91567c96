"""The time side of ROI (METRICS.md, "Effort and return"): hours logged against a daily budget.

A day is over budget when the minutes logged on it, all people together, exceed the organisation's
daily budget (a person with a budget of their own is also judged against it). A streak is a run of
consecutive days none of which went over; a day with nothing logged is within budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from impact.store.connection import WRITE_LOCK, transaction

ROLES = ("staff", "volunteer")
# Independent Sector's national value of a US volunteer hour for 2023, published April 2024
# (vqstrategies.com/volunteer-value and independentsector.org). Shown with its source and year.
DEFAULT_VOLUNTEER_VALUE = 33.49
DEFAULT_VOLUNTEER_CURRENCY = "USD"
DEFAULT_VOLUNTEER_SOURCE = "Independent Sector, Value of Volunteer Time (US national value)"
DEFAULT_VOLUNTEER_YEAR = 2023


@dataclass(frozen=True)
class BudgetSummary:
    """The period against the daily budget."""

    budget_minutes: int | None
    days: int  # days in the period
    days_logged: int  # days with any time logged
    days_over: int | None  # None without a budget
    total_minutes: float
    weekly_average_hours: float  # total hours ÷ weeks in the period
    current_streak: int | None  # days within budget up to the period's last day; None without a budget
    longest_streak: int | None


def daily_minutes(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> pd.DataFrame:
    """Every day of the period with the minutes logged (0 when none), the budget, and whether it went over."""
    return con.execute(
        """WITH logged AS (
               SELECT day, sum(minutes) AS minutes, count(DISTINCT person) AS people FROM time_entry
               WHERE organisation_id = $org AND day BETWEEN $start AND $end GROUP BY day
           )
           SELECT CAST(d.day AS DATE) AS day, coalesce(l.minutes, 0) AS minutes, coalesce(l.people, 0) AS people,
                  o.daily_budget_minutes AS budget,
                  CASE WHEN o.daily_budget_minutes IS NULL THEN NULL
                       ELSE coalesce(l.minutes, 0) > o.daily_budget_minutes END AS over_budget
           FROM range($start, $end + INTERVAL 1 DAY, INTERVAL 1 DAY) d(day)
           CROSS JOIN (SELECT daily_budget_minutes FROM organisation WHERE id = $org) o
           LEFT JOIN logged l ON l.day = CAST(d.day AS DATE)
           ORDER BY d.day""",
        {"org": organisation_id, "start": start, "end": end},
    ).df()


def _streaks(over: list[bool]) -> tuple[int, int]:
    """(the run of days within budget that ends on the last day, the longest such run)."""
    current = longest = 0
    for went_over in over:
        current = 0 if went_over else current + 1
        longest = max(longest, current)
    return current, longest


def budget_summary(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> BudgetSummary:
    """Days over budget, the weekly average and the streaks within budget for the period."""
    days = daily_minutes(con, organisation_id, start, end)
    budget = None if days.empty or pd.isna(days["budget"].iloc[0]) else int(days["budget"].iloc[0])
    total = float(days["minutes"].sum())
    weeks = len(days) / 7
    streaks = _streaks([bool(o) for o in days["over_budget"]]) if budget is not None else (None, None)
    return BudgetSummary(
        budget_minutes=budget,
        days=len(days),
        days_logged=int((days["minutes"] > 0).sum()),
        days_over=int(days["over_budget"].sum()) if budget is not None else None,
        total_minutes=total,
        weekly_average_hours=total / 60 / weeks if weeks else 0.0,
        current_streak=streaks[0],
        longest_streak=streaks[1],
    )


def people(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> pd.DataFrame:
    """Everyone in the time log or the people list: role, own budget, hours in the period, days over their budget."""
    return con.execute(
        """WITH named AS (
               SELECT DISTINCT person AS name FROM time_entry WHERE organisation_id = $org AND person IS NOT NULL
               UNION SELECT name FROM person WHERE organisation_id = $org
           ),
           per_day AS (
               SELECT person, day, sum(minutes) AS minutes FROM time_entry
               WHERE organisation_id = $org AND day BETWEEN $start AND $end GROUP BY ALL
           )
           SELECT n.name AS person, coalesce(p.role, 'staff') AS role, p.daily_budget_minutes AS budget,
                  coalesce(sum(d.minutes), 0) / 60 AS hours, count(d.day) AS days_logged,
                  CASE WHEN p.daily_budget_minutes IS NULL THEN NULL
                       ELSE count(*) FILTER (WHERE d.minutes > p.daily_budget_minutes) END AS days_over
           FROM named n
           LEFT JOIN person p ON p.organisation_id = $org AND p.name = n.name
           LEFT JOIN per_day d ON d.person = n.name
           GROUP BY n.name, p.role, p.daily_budget_minutes ORDER BY hours DESC, person""",
        {"org": organisation_id, "start": start, "end": end},
    ).df()


def set_daily_budget(con: duckdb.DuckDBPyConnection, organisation_id: int, minutes: int | None) -> None:
    """The organisation's daily minutes for social media; None removes the budget."""
    if minutes is not None and not 0 < minutes <= 24 * 60:
        raise ValueError("a daily budget is between 1 and 1,440 minutes")
    with WRITE_LOCK:
        con.execute("UPDATE organisation SET daily_budget_minutes = ? WHERE id = ?", [minutes, organisation_id])


def set_person(
    con: duckdb.DuckDBPyConnection, organisation_id: int, name: str, role: str, daily_budget_minutes: int | None
) -> None:
    """A person's role (staff or volunteer) and own daily budget (None: only the organisation's)."""
    name = " ".join(name.split())[:80]
    if not name:
        raise ValueError("say whose settings these are")
    if role not in ROLES:
        raise ValueError(f"a role is staff or volunteer, not '{role}'")
    if daily_budget_minutes is not None and not 0 < daily_budget_minutes <= 24 * 60:
        raise ValueError("a daily budget is between 1 and 1,440 minutes")
    with WRITE_LOCK, transaction(con):
        con.execute("DELETE FROM person WHERE organisation_id = ? AND name = ?", [organisation_id, name])
        con.execute(
            "INSERT INTO person (organisation_id, name, role, daily_budget_minutes) VALUES (?, ?, ?, ?)",
            [organisation_id, name, role, daily_budget_minutes],
        )


@dataclass(frozen=True)
class HourValues:
    """What an hour of time costs: the staff rate, and the published value of a volunteer hour."""

    currency: str  # the organisation's
    staff: float | None
    volunteer: float
    volunteer_currency: str
    volunteer_source: str
    volunteer_year: int


def hour_values(con: duckdb.DuckDBPyConnection, organisation_id: int) -> HourValues:
    """The organisation's hourly values; the volunteer value defaults to the published figure above."""
    row = con.execute(
        """SELECT currency, hourly_value, volunteer_hour_value, volunteer_value_currency, volunteer_value_source,
                  volunteer_value_year FROM organisation WHERE id = ?""",
        [organisation_id],
    ).fetchone()
    if row is None:
        raise LookupError(f"there is no organisation {organisation_id}")
    if row[2] is None:
        return HourValues(
            row[0], row[1], DEFAULT_VOLUNTEER_VALUE, DEFAULT_VOLUNTEER_CURRENCY, DEFAULT_VOLUNTEER_SOURCE,
            DEFAULT_VOLUNTEER_YEAR,
        )  # fmt: skip
    return HourValues(row[0], row[1], float(row[2]), row[3], row[4] or "", int(row[5]) if row[5] else 0)


def set_hour_values(
    con: duckdb.DuckDBPyConnection,
    organisation_id: int,
    *,
    staff: float | None,
    volunteer: float,
    volunteer_currency: str,
    volunteer_source: str,
    volunteer_year: int,
) -> None:
    """Save the staff hourly rate and the volunteer hour's value with its source and year."""
    if staff is not None and staff < 0 or volunteer < 0:
        raise ValueError("an hourly value cannot be negative")
    currency = volunteer_currency.strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise ValueError("a currency is a three-letter code such as INR or USD")
    source = " ".join(volunteer_source.split())[:300]
    if not source:
        raise ValueError("say where the volunteer value comes from")
    if not 1990 <= volunteer_year <= date.today().year + 1:
        raise ValueError("give the year the volunteer value is for")
    with WRITE_LOCK:
        con.execute(
            """UPDATE organisation SET hourly_value = ?, volunteer_hour_value = ?, volunteer_value_currency = ?,
                      volunteer_value_source = ?, volunteer_value_year = ? WHERE id = ?""",
            [staff, volunteer, currency, source, volunteer_year, organisation_id],
        )


# Where time is spent: the platforms of the time log (WhatsApp too, where much outreach happens in India).
TIME_CHANNELS = ("facebook", "instagram", "x", "whatsapp", "youtube", "linkedin", "tiktok", "email", "blog", "website")


def log_span(con: duckdb.DuckDBPyConnection, organisation_id: int) -> tuple[date, date] | None:
    """The first and last day with time logged."""
    row = con.execute(
        "SELECT min(day), max(day) FROM time_entry WHERE organisation_id = ?", [organisation_id]
    ).fetchone()
    return (row[0], row[1]) if row and row[0] else None


def entries(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> pd.DataFrame:
    """The time log of the period, newest first, each entry with the file it came from (or 'entered by hand')."""
    return con.execute(
        """SELECT t.day, t.person, t.channel, t.activity, t.minutes, t.campaign, t.note, b.source_name AS source,
                  t.batch_id, b.platform = 'manual' AS typed
           FROM time_entry t JOIN import_batch b ON b.id = t.batch_id
           WHERE t.organisation_id = ? AND t.day BETWEEN ? AND ?
           ORDER BY t.day DESC, t.batch_id DESC, t.person""",
        [organisation_id, start, end],
    ).df()
