"""The return on time (METRICS.md, "Effort and return"): cost of time, ROI %, and the habits behind them.

Cost of time = hours × hourly value: staff hours at the organisation's own rate, volunteer hours at
the volunteer value (a published figure by default, with its source and year). A total exists only
when every part has a value and all parts are in one currency: nothing is converted or guessed.
ROI % = (money outcome − cost of time) ÷ cost of time × 100, where the money outcome is donations
less refunds in the organisation's currency. Advertising-value equivalents are never computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from connectors import PLATFORMS
from impact.campaigns.goals import campaign, outcome_params
from impact.definitions.sql import (
    CAMPAIGN_OUTCOMES,
    DONATION_CURRENCY,
    DONATIONS_AND_REFUNDS,
    HOURS,
    TIME_IN_PERIOD,
    among,
    base_host,
    outcomes_between,
    pairs_params,
    post_days_of_pairs,
    used,
)
from impact.time.budget import HourValues, hour_values

# Where a donation's record may say it came from social media; a website or newsletter is not social.
SOCIAL_CHANNELS = tuple(p for p in PLATFORMS if p not in ("blog", "email", "website")) + ("whatsapp",)
# The seed's habit in its order: listen first, then engage, then deliver (create); measuring closes the loop.
ACTIVITY_ORDER = ("listen", "engage", "create", "measure")
UNSPECIFIED = "unspecified"
ACTIVITY_LABELS = {
    "listen": "Listen",
    "engage": "Engage",
    "create": "Create (deliver)",
    "measure": "Measure",
    UNSPECIFIED: "Activity not given",
}


@dataclass(frozen=True)
class RoleCost:
    """The hours of one role and what they cost (None without a value for them)."""

    role: str  # staff | volunteer
    hours: float
    rate: float | None
    currency: str
    cost: float | None


@dataclass(frozen=True)
class Cost:
    """Cost of time: per role, and a total only when every part has a value in one currency."""

    hours: float
    parts: tuple[RoleCost, ...]
    total: float | None
    currency: str | None  # the total's
    reason: str | None  # why there is no total
    values: HourValues


@dataclass(frozen=True)
class Roi:
    """One reading of ROI %: the money outcome against the cost of the time behind it, with its caveat."""

    label: str
    outcome: float  # donations less refunds in the organisation's currency
    currency: str
    other_currencies: dict[str, float]  # listed, never converted
    cost: Cost
    roi: float | None  # percent
    reason: str | None  # why there is no ROI
    caveat: str


@dataclass(frozen=True)
class RoiReport:
    """Per campaign, and the organisation's upper and lower bounds for the period."""

    cost: Cost
    campaigns: list[Roi] = field(default_factory=list)
    upper: Roi | None = None
    lower: Roi | None = None


def _hours_by_role(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, campaign_name: str | None
) -> dict[str, float]:
    rows = con.execute(
        f"""SELECT coalesce(p.role, 'staff') AS role, {HOURS} AS hours
           FROM time_entry t LEFT JOIN person p ON p.organisation_id = t.organisation_id AND p.name = t.person
           WHERE t.organisation_id = $org AND t.day BETWEEN $start AND $end
             AND ($campaign IS NULL OR lower(t.campaign) = lower(CAST($campaign AS VARCHAR)))
           GROUP BY ALL""",
        {"org": organisation_id, "start": start, "end": end, "campaign": campaign_name},
    ).fetchall()
    return {str(role): float(hours) for role, hours in rows}


def cost_of_time(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, campaign_name: str | None = None
) -> Cost:
    """Hours × hourly value per role for the period (or only the time logged to one campaign's name)."""
    values = hour_values(con, organisation_id)
    hours = _hours_by_role(con, organisation_id, start, end, campaign_name)
    parts = []
    for role in ("staff", "volunteer"):
        if hours.get(role, 0) <= 0:
            continue
        rate, currency = (
            (values.staff, values.currency) if role == "staff" else (values.volunteer, values.volunteer_currency)
        )
        parts.append(RoleCost(role, hours[role], rate, currency, None if rate is None else hours[role] * rate))
    total_hours = sum(p.hours for p in parts)
    currencies = {p.currency for p in parts}
    if not parts:
        return Cost(0.0, (), 0.0, values.currency, None, values)
    if any(p.cost is None for p in parts):
        reason = (
            f"No staff hourly rate is set: enter it (in {values.currency}) in the settings below to cost "
            f"{hours['staff']:,.1f} staff hours."
        )
        return Cost(total_hours, tuple(parts), None, None, reason, values)
    if len(currencies) > 1:
        reason = (
            f"Staff time is valued in {values.currency} and volunteer time in {values.volunteer_currency}; they are "
            f"not converted, so there is no total. Give the volunteer value in {values.currency} to get one."
        )
        return Cost(total_hours, tuple(parts), None, None, reason, values)
    return Cost(total_hours, tuple(parts), sum(p.cost or 0.0 for p in parts), currencies.pop(), None, values)


def roi_percent(outcome: float, currency: str, cost: Cost) -> tuple[float | None, str | None]:
    """(ROI %, None), or (None, why not): no cost, an unknown cost, or a cost in another currency."""
    if cost.total is None:
        return None, cost.reason
    if cost.total == 0:
        return None, (
            "No time is logged here, so there is no cost to divide by: log time on **Log time** (naming the campaign "
            "where it was for one), or import a time log on **Upload**."
        )
    if cost.currency != currency:
        return None, f"The cost is in {cost.currency} and the donations in {currency}; they are not converted."
    return (outcome - cost.total) / cost.total * 100, None


def _money(rows: list[tuple[Any, Any]], currency: str) -> tuple[float, dict[str, float]]:
    """Donations less refunds in the organisation's currency, and the other currencies' sums apart."""
    sums = {str(c): float(a) for c, a in rows if c is not None and a is not None}
    return sums.pop(currency, 0.0), sums


def _reading(label: str, money: tuple[float, dict[str, float]], cost: Cost, caveat: str) -> Roi:
    currency = cost.values.currency
    value, reason = roi_percent(money[0], currency, cost)
    return Roi(label, money[0], currency, money[1], cost, value, reason, caveat)


_CAMPAIGN_CAVEAT = (
    "The campaign's donations (counted by its own rules and dates) against the time logged to its name in those "
    "dates. Time that helped it but was logged without its name is not counted, so this reads high."
)
_UPPER_CAVEAT = (
    "Every donation in the period against all the time logged: an upper bound, since it assumes every donation "
    "came from social media."
)
_LOWER_CAVEAT = (
    "Only donations whose record names a social platform as the channel that brought them: a lower bound. Few "
    "exports say, so it is often nothing."
)


def campaign_roi(con: duckdb.DuckDBPyConnection, campaign_id: int) -> Roi:
    """A campaign's donations (its rules, its whole dates) against the cost of the hours logged to it."""
    c = campaign(con, campaign_id)
    rows = con.execute(
        f"""SELECT {DONATION_CURRENCY}, sum(amount) FROM outcome
            WHERE {DONATIONS_AND_REFUNDS} AND {CAMPAIGN_OUTCOMES} GROUP BY ALL""",
        outcome_params(c, c.ends),
    ).fetchall()
    cost = cost_of_time(con, c.organisation_id, c.starts, c.ends, campaign_name=c.name)
    return _reading(c.name, _money(rows, cost.values.currency), cost, _CAMPAIGN_CAVEAT)


def _period_money(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, currency: str, social_only: bool
) -> tuple[float, dict[str, float]]:
    rows = con.execute(
        f"""SELECT {DONATION_CURRENCY}, sum(amount) FROM outcome
            WHERE {outcomes_between()} AND {DONATIONS_AND_REFUNDS}
              AND (NOT $social_only OR list_contains($social, lower(channel)))
            GROUP BY ALL""",
        {"org": organisation_id, "start": start, "end": end, "social_only": social_only,
         "social": list(SOCIAL_CHANNELS)},
    ).fetchall()  # fmt: skip
    return _money(rows, currency)


def roi(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> RoiReport:
    """ROI % per campaign overlapping the period, and for the organisation: an upper and a lower bound."""
    cost = cost_of_time(con, organisation_id, start, end)
    ids = con.execute(
        """SELECT id FROM campaign WHERE organisation_id = ? AND NOT archived AND starts <= ? AND ends >= ?
           ORDER BY starts, id""",
        [organisation_id, end, start],
    ).fetchall()
    currency = cost.values.currency
    return RoiReport(
        cost=cost,
        campaigns=[campaign_roi(con, int(i)) for (i,) in ids],
        upper=_reading(
            "All donations (upper bound)",
            _period_money(con, organisation_id, start, end, currency, social_only=False), cost, _UPPER_CAVEAT,
        ),
        lower=_reading(
            "Donations credited to social media (lower bound)",
            _period_money(con, organisation_id, start, end, currency, social_only=True), cost, _LOWER_CAVEAT,
        ),
    )  # fmt: skip


@dataclass(frozen=True)
class ActivityShares:
    """Hours per activity, overall and per month, with the habit in words."""

    overall: pd.DataFrame  # activity, label, hours, share
    by_month: pd.DataFrame  # month, activity, label, hours, share (of the month's hours)
    habit: str


def _activity_order(frame: pd.DataFrame) -> pd.DataFrame:
    order = {a: i for i, a in enumerate((*ACTIVITY_ORDER, UNSPECIFIED))}
    return frame.assign(label=frame["activity"].map(ACTIVITY_LABELS), _o=frame["activity"].map(order))


def activity_shares(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> ActivityShares:
    """The share of time spent listening, engaging, creating (delivering) and measuring."""
    by_month = con.execute(
        f"""SELECT CAST(date_trunc('month', day) AS DATE) AS month,
                  CASE WHEN list_contains($known, activity) THEN activity ELSE $unspecified END AS activity,
                  {HOURS} AS hours
           FROM time_entry WHERE {TIME_IN_PERIOD} GROUP BY ALL""",
        {"org": organisation_id, "start": start, "end": end, "known": list(ACTIVITY_ORDER), "unspecified": UNSPECIFIED},
    ).df()
    by_month["share"] = by_month["hours"] / by_month.groupby("month")["hours"].transform("sum")
    by_month = _activity_order(by_month).sort_values(["month", "_o"]).drop(columns="_o").reset_index(drop=True)
    overall = by_month.groupby("activity", as_index=False)["hours"].sum()
    overall["share"] = overall["hours"] / overall["hours"].sum()
    overall = _activity_order(overall).sort_values("_o").drop(columns="_o").reset_index(drop=True)
    overall = overall[["activity", "label", "hours", "share"]]
    return ActivityShares(overall, by_month[["month", "activity", "label", "hours", "share"]], _habit(overall))


def _habit(overall: pd.DataFrame) -> str:
    """The listen–engage–deliver habit, said against this period's shares."""
    if overall.empty:
        return "No time is logged in this period: log time on **Log time**, naming the activity, to see the habit."
    share = dict(zip(overall["activity"], overall["share"], strict=True))
    said = ", ".join(f"{ACTIVITY_LABELS[a].lower()} {share[a]:.0%}" for a in ACTIVITY_ORDER if a in share)
    text = (
        f"Of {overall['hours'].sum():,.1f} hours: {said}. The habit to build is listen, engage, deliver: hear what "
        "your community says and take part in it before (and while) creating your own content."
    )
    if share.get("listen", 0) == 0:
        return text + " No time went to listening."
    if share.get("create", 0) > share.get("listen", 0) + share.get("engage", 0):
        return text + " Creating took more time than listening and engaging together."
    return text + " Listening and engaging together took at least as much time as creating."


@dataclass(frozen=True)
class BaseLinks:
    """Per platform: the period's posts and those that link to the base platform."""

    host: str | None
    platforms: pd.DataFrame  # platform, posts, linking, share
    message: str | None  # "no base platform set" and what to do


def base_platform_links(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> BaseLinks:
    """Whether the other platforms send people to the base platform: posts whose link or text names its host."""
    return base_platform_links_of(con, [(organisation_id, start, end)])[0]


def base_platform_links_of(con: duckdb.DuckDBPyConnection, pairs: Sequence[tuple[int, date, date]]) -> list[BaseLinks]:
    """base_platform_links of several (organisation, first day, last day), in one statement.

    The posts linking to the website are counted per local day when the organisation's posts change
    (post_day.linking, sql.LINKS_TO_BASE): here a period adds up its days.
    """
    ids = sorted({organisation_id for organisation_id, _, _ in pairs})
    hosts = {
        int(i): base_host(url)
        for i, url in con.execute(f"SELECT id, base_url FROM organisation WHERE {among('id')}", {"ids": ids}).fetchall()
    }
    with_host = [(n, o, start, end) for n, (o, start, end) in enumerate(pairs) if hosts.get(o) is not None]
    select = f"""SELECT n, platform, CAST(sum(posts) AS BIGINT) AS posts, CAST(sum(linking) AS BIGINT) AS linking
                 FROM {post_days_of_pairs()} WHERE platform <> 'website'
                 GROUP BY n, platform ORDER BY n, platform"""
    frame = (
        con.execute(select, used(select, pairs_params(with_host))).df()
        if with_host
        else pd.DataFrame(columns=["n", "platform", "posts", "linking"])
    )
    places = {int(n): rows for n, rows in frame.groupby("n", sort=False).indices.items()}
    out = []
    for n, (organisation_id, _, _) in enumerate(pairs):
        host = hosts.get(organisation_id)
        if host is None:
            out.append(
                BaseLinks(
                    None,
                    pd.DataFrame(columns=["platform", "posts", "linking", "share"]),
                    "No base platform is set: give the organisation's website address to see which platforms "
                    "link to it.",
                )
            )
            continue
        links = frame.iloc[places.get(n, [])].drop(columns="n").reset_index(drop=True)
        links["share"] = links["linking"] / links["posts"]
        out.append(BaseLinks(host, links, None if len(links) else "No posts in this period."))
    return out
