"""What each tab of the Time & ROI page shows: one call per tab, each returning a frozen dataclass.

The page lays these out and never changes them (they are kept for the session until the store
changes). Its forms (log time, set the budget, set the hourly values) write through the store
directly; the figures here are read again once they have.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from impact.campaigns.goals import campaigns
from impact.time.budget import BudgetSummary, HourValues, budget_summary, daily_minutes, entries, hour_values, log_span
from impact.time.budget import people as everyone
from impact.time.per_hour import ResultsPerHour, Verdict, last_hour_verdict, results_per_hour, time_logged
from impact.time.roi import ActivityShares, BaseLinks, RoiReport, activity_shares, base_platform_links, roi


@dataclass(frozen=True)
class LogScreen:
    """The Log time tab, and the page's period: the sidebar's, run on to the last day with time logged."""

    start: date
    end: date  # the sidebar's end, or the last day with time logged when later (today's entry, say)
    entries: pd.DataFrame  # budget.entries of the period, newest first
    people: tuple[str, ...]  # everyone in the time log or the people list, to pick from
    campaign_names: tuple[str, ...]  # the campaigns that are not archived, newest first


def log_screen(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, extend: bool = True
) -> LogScreen:
    """The period's time log, the names to pick from, and the period's end (start..end is the sidebar's).

    extend: run past `end` to the time log's last day (the sidebar's period ends on the latest day with
    platform data, and time may be logged later); False keeps to start..end (a share link's fixed period).
    """
    span = log_span(con, organisation_id)
    last = max(end, span[1]) if span and extend else end
    return LogScreen(
        start=start,
        end=last,
        entries=entries(con, organisation_id, start, last),
        people=tuple(sorted(str(p) for p in everyone(con, organisation_id, date.min, date.max)["person"])),
        campaign_names=tuple(str(name) for name in campaigns(con, organisation_id)["name"]),
    )


@dataclass(frozen=True)
class BudgetScreen:
    """The Budget tab: every day against the daily budget, the figures that judge it, and the people."""

    days: pd.DataFrame  # budget.daily_minutes
    summary: BudgetSummary
    people: pd.DataFrame  # budget.people over the period


def budget_screen(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> BudgetScreen:
    return BudgetScreen(
        days=daily_minutes(con, organisation_id, start, end),
        summary=budget_summary(con, organisation_id, start, end),
        people=everyone(con, organisation_id, start, end),
    )


@dataclass(frozen=True)
class ResultsScreen:
    """The Results per hour tab: the table for one grouping, and where the last hour was best spent."""

    logged: bool  # any time logged in the period
    results: ResultsPerHour
    verdict: Verdict | None  # None when the data cannot say
    sentence: str  # the verdict's, or what data is missing


def results_screen(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, by: str, metric: str
) -> ResultsScreen:
    """Results per hour by platform, activity or campaign, and the verdict on one result per hour."""
    verdict, sentence = last_hour_verdict(con, organisation_id, start, end, metric)
    return ResultsScreen(
        logged=time_logged(con, organisation_id, start, end),
        results=results_per_hour(con, organisation_id, start, end, by),
        verdict=verdict,
        sentence=sentence,
    )


@dataclass(frozen=True)
class RoiScreen:
    """The Cost & ROI tab: the cost of the period's time, ROI % and the hourly values behind them."""

    values: HourValues  # what an hour costs, as the settings form shows it
    report: RoiReport


def roi_screen(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> RoiScreen:
    return RoiScreen(values=hour_values(con, organisation_id), report=roi(con, organisation_id, start, end))


@dataclass(frozen=True)
class HabitsScreen:
    """The Habits tab: the share of time per activity, and which platforms link to the base platform."""

    shares: ActivityShares
    links: BaseLinks


def habits_screen(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> HabitsScreen:
    return HabitsScreen(
        shares=activity_shares(con, organisation_id, start, end),
        links=base_platform_links(con, organisation_id, start, end),
    )
