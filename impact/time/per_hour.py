"""Results per hour (METRICS.md, "Effort and return"): what an hour spent on social media brought back.

Hours come from the time log (`time_entry`: the platform the time was spent on is its `channel`);
results from the exports: impressions and engagements of the posts published in the period,
followers gained from the daily account figures, website sessions from GA4 source reports, and
donations (less refunds, in the organisation's currency only: amounts are never converted).

A figure the data cannot give is None, never 0: a platform no export was ever imported for (WhatsApp,
say) has no known results, while a platform with exports but nothing in the period returned 0. A
per-hour figure is None when no hours were logged (never infinite); with hours and a result of 0 it
is 0.0, which is what that time returned as far as the exports can tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import duckdb
import pandas as pd

from impact.campaigns.goals import campaign, campaign_figures
from impact.definitions import count_of
from impact.definitions.sql import (
    DONATIONS_AND_REFUNDS,
    HOURS,
    IN_OWN_CURRENCY,
    TIME_IN_PERIOD,
    organisation_timezone,
    outcomes_between,
    posts_between,
)
from impact.figures.website import website_traffic
from impact.filters import span_text
from impact.platforms import platform_label
from impact.store.manual import ACTIVITIES

GROUPINGS = ("platform", "activity", "campaign")
RESULTS = ("impressions", "engagements", "followers_gained", "sessions", "donations")
RESULT_LABELS = {
    "impressions": "Impressions",
    "engagements": "Engagements",
    "followers_gained": "Followers gained",
    "sessions": "Website sessions",
    "donations": "Donations",
}
COLUMNS = [
    "key", "label", "is_total", "hours", "share", "posts", *RESULTS, "sessions_hours",
    *(f"{r}_per_hour" for r in RESULTS),
]  # fmt: skip
TOTAL_LABELS = {"platform": "All platforms", "activity": "All activities"}
NO_PLATFORM = "No platform named"
NO_ACTIVITY = "No activity named"

# A comparison of platforms is only shown with this much behind each side. Under ~10 hours one long
# day (a launch, a crisis) moves the ratio more than the differences it would report; under ~20 posts
# one post that took off can make a platform look best on its own.
MIN_HOURS = 10.0
MIN_POSTS = 20
RECENT_DAYS = 28  # "the last hour": the most recent 4 weeks of the period, when they hold enough data


def _per_hour(value: object, hours: float) -> float | None:
    """value ÷ hours; None without hours or without a value, so nothing is ever divided by zero."""
    if hours <= 0 or value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return float(value) / hours  # type: ignore[arg-type]


def _finish(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The rows as a frame of COLUMNS with the per-hour figures and each row's share of the hours."""
    frame = pd.DataFrame(rows, columns=COLUMNS).astype(object)
    total_hours = float(frame.loc[~frame["is_total"].astype(bool), "hours"].astype(float).sum())
    for i, row in frame.iterrows():
        hours = float(row["hours"])
        frame.at[i, "share"] = hours / total_hours if total_hours > 0 else None
        for result in RESULTS:
            frame.at[i, f"{result}_per_hour"] = _per_hour(row[result], hours)
        if row["sessions_hours"] is not None and not pd.isna(row["sessions_hours"]):
            # GA4 report ranges may differ from the period: sessions are divided by the hours of their own days.
            frame.at[i, "sessions_per_hour"] = _per_hour(row["sessions"], float(row["sessions_hours"]))
    return frame.where(frame.notna(), None)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS)


@dataclass(frozen=True)
class ResultsPerHour:
    """Hours and results per platform, activity or campaign, and what the table's cells cannot say themselves."""

    table: pd.DataFrame  # COLUMNS (by campaign also starts and ends); empty when no time is logged
    currency: str  # the organisation's: the donations' currency
    other_currencies: tuple[str, ...]  # currencies of the period's donations left out (never converted)
    sessions_spans: tuple[tuple[date, date], ...]  # the days the GA4 reports behind the sessions cover
    donations_by_platform: bool  # False when no donation in the period names its platform (by platform)


def _currency(con: duckdb.DuckDBPyConnection, organisation_id: int) -> str:
    row = con.execute("SELECT currency FROM organisation WHERE id = ?", [organisation_id]).fetchone()
    return str(row[0]) if row and row[0] else "INR"


def _hours_by(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, column: str
) -> pd.DataFrame:
    """Hours per value of one time_entry column (channel or activity); several people on a day add up."""
    assert column in ("channel", "activity")  # an identifier from this allow-list, never from a user
    return con.execute(
        f"""SELECT lower({column}) AS key, {HOURS} AS hours FROM time_entry
            WHERE {TIME_IN_PERIOD} GROUP BY ALL""",
        {"org": organisation_id, "start": start, "end": end},
    ).df()


def _post_results(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> pd.DataFrame:
    """Per platform with any post export: posts published in the period and their impressions and engagements."""
    return con.execute(
        f"""WITH exported AS (SELECT DISTINCT platform FROM post WHERE organisation_id = $org)
            SELECT e.platform AS key, count(p.post_id) AS posts, sum(p.impressions) AS impressions,
                   sum(p.engagements) AS engagements, count(p.impressions) AS with_impressions,
                   count(p.engagements) AS with_engagements
            FROM exported e
            LEFT JOIN {posts_between(platforms=None)} p ON p.platform = e.platform
            GROUP BY e.platform""",
        {"org": organisation_id, "tz": organisation_timezone(con, organisation_id), "start": start, "end": end},
    ).df()


def _followers_gained(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> dict[str, float]:
    """Followers gained per platform whose daily exports give gains in the period (others are unknown)."""
    rows = con.execute(
        """SELECT platform, sum(followers_gained) FROM account_day
           WHERE organisation_id = $org AND day BETWEEN $start AND $end AND followers_gained IS NOT NULL
           GROUP BY platform""",
        {"org": organisation_id, "start": start, "end": end},
    ).fetchall()
    return {str(p): float(v) for p, v in rows}


@dataclass(frozen=True)
class _Donations:
    total: float | None  # None when the organisation has no donation records at all
    by_channel: dict[str, float] | None  # None when no donation in the period names its channel
    other_currencies: list[str]


def _donations(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, currency: str
) -> _Donations:
    """Donations less refunds in the period, in the organisation's currency, and per channel where one is named."""
    params = {"org": organisation_id, "start": start, "end": end}
    rows = con.execute(
        f"""SELECT lower(channel) AS channel, sum(amount) FROM outcome
            WHERE {outcomes_between()} AND {DONATIONS_AND_REFUNDS} AND {IN_OWN_CURRENCY}
            GROUP BY ALL""",
        params,
    ).fetchall()
    others = con.execute(
        f"""SELECT DISTINCT currency FROM outcome
            WHERE {outcomes_between()} AND {DONATIONS_AND_REFUNDS} AND NOT {IN_OWN_CURRENCY} ORDER BY 1""",
        params,
    ).fetchall()
    ever = con.execute(
        "SELECT count(*) FROM outcome WHERE organisation_id = ? AND kind IN ('donation', 'refund')", [organisation_id]
    ).fetchone()
    total = float(sum(float(v) for _, v in rows)) if ever and ever[0] else None
    named = {str(c): float(v) for c, v in rows if c}
    return _Donations(total, named or None, [str(c[0]) for c in others])


def _platform_label(key: str | None) -> str:
    if key is None:
        return NO_PLATFORM
    return "WhatsApp" if key == "whatsapp" else platform_label(key)


def _total(posts: pd.DataFrame, column: str) -> float | None:
    """A post figure over all platforms: 0 when nothing was published, None when no post reports it."""
    if posts.empty:
        return None
    if posts["posts"].sum() == 0:
        return 0.0
    return float(posts[column].sum()) if posts[f"with_{column}"].sum() else None


def _by_platform(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> ResultsPerHour:
    logged = _hours_by(con, organisation_id, start, end, "channel")
    hours = {None if pd.isna(k) else str(k): float(h) for k, h in logged.itertuples(index=False)}
    posts = _post_results(con, organisation_id, start, end).set_index("key")
    followers = _followers_gained(con, organisation_id, start, end)
    traffic = website_traffic(con, organisation_id, start, end)
    social = traffic.by_source[traffic.by_source["source_class"] == "social"]
    sessions = social.groupby("platform")["sessions"].sum().to_dict() if traffic.dimension else None
    session_hours: dict[str | None, float] = {}
    for span_start, span_end in traffic.spans:
        for key, h in _hours_by(con, organisation_id, span_start, span_end, "channel").itertuples(index=False):
            k = None if pd.isna(key) else str(key)
            session_hours[k] = session_hours.get(k, 0.0) + float(h)
    currency = _currency(con, organisation_id)
    gifts = _donations(con, organisation_id, start, end, currency)

    def post_figure(key: str, column: str) -> float | None:
        if key not in posts.index:
            return None  # no post export for this platform: its results are unknown, not zero
        if column == "posts":
            return float(posts.at[key, "posts"])
        if posts.at[key, "posts"] == 0:
            return 0.0
        # Posts in the period, none reporting this figure (X gives no reach, say): unknown.
        return None if posts.at[key, f"with_{column}"] == 0 else float(posts.at[key, column])

    published = [str(k) for k in posts.index if posts.at[k, "posts"] > 0]
    keys = sorted({*hours, *published, *followers}, key=lambda k: (k is None, -hours.get(k, 0.0), str(k)))
    rows: list[dict[str, object]] = []
    for key in keys:
        rows.append(
            {
                "key": key,
                "label": _platform_label(key),
                "is_total": False,
                "hours": hours.get(key, 0.0),
                "posts": None if key is None else post_figure(key, "posts"),
                "impressions": None if key is None else post_figure(key, "impressions"),
                "engagements": None if key is None else post_figure(key, "engagements"),
                "followers_gained": followers.get(key) if key is not None else None,
                "sessions": None if sessions is None or key is None else float(sessions.get(key, 0)),
                "sessions_hours": None if sessions is None or key is None else session_hours.get(key, 0.0),
                "donations": None if gifts.by_channel is None or key is None else gifts.by_channel.get(key, 0.0),
            }
        )
    rows.append(
        {
            "key": None,
            "label": TOTAL_LABELS["platform"],
            "is_total": True,
            "hours": sum(hours.values()),
            "posts": float(posts["posts"].sum()) if not posts.empty else None,
            "impressions": _total(posts, "impressions"),
            "engagements": _total(posts, "engagements"),
            "followers_gained": sum(followers.values()) if followers else None,
            "sessions": None if traffic.dimension is None else float(social["sessions"].sum()),
            "sessions_hours": None if traffic.dimension is None else sum(session_hours.values()),
            "donations": gifts.total,
        }
    )
    return ResultsPerHour(
        table=_finish(rows),
        currency=currency,
        other_currencies=tuple(gifts.other_currencies),
        sessions_spans=tuple(traffic.spans),
        donations_by_platform=gifts.by_channel is not None,
    )


def _by_activity(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> ResultsPerHour:
    totals = _by_platform(con, organisation_id, start, end)
    hours = _hours_by(con, organisation_id, start, end, "activity")
    hours = hours.assign(_none=hours["key"].isna()).sort_values(
        ["_none", "hours", "key"], ascending=[True, False, True]
    )
    rows: list[dict[str, object]] = [
        {
            "key": key,
            "label": NO_ACTIVITY if key is None or pd.isna(key) else ACTIVITIES.get(str(key), str(key)),
            "is_total": False,
            "hours": float(h),
        }
        for key, h in zip(hours["key"], hours["hours"], strict=True)
    ]
    total = totals.table.iloc[-1].to_dict()
    rows.append({**{k: total[k] for k in ("hours", "posts", *RESULTS, "sessions_hours")}, "key": None,
                 "label": TOTAL_LABELS["activity"], "is_total": True})  # fmt: skip
    return replace(totals, table=_finish(rows))


def _by_campaign(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> pd.DataFrame:
    """Campaigns that overlap the period or had time logged to them in it, over their own dates."""
    defined = con.execute(
        """SELECT c.id FROM campaign c
           WHERE c.organisation_id = $org AND NOT c.archived
             AND (c.starts <= $end AND c.ends >= $start
                  OR EXISTS (SELECT 1 FROM time_entry t WHERE t.organisation_id = $org AND t.day BETWEEN $start AND $end
                             AND lower(t.campaign) = lower(c.name)))
           ORDER BY c.starts, c.name""",
        {"org": organisation_id, "start": start, "end": end},
    ).fetchall()
    rows: list[dict[str, object]] = []
    for (campaign_id,) in defined:
        c = campaign(con, campaign_id)
        figures = campaign_figures(con, c, c.ends)
        rows.append(
            {
                "key": c.name,
                "label": c.name,
                "is_total": False,
                "starts": c.starts,
                "ends": c.ends,
                "hours": figures["hours"],
                "posts": figures["posts"],
                "impressions": figures["impressions"],
                "engagements": figures["engagements"],
                "followers_gained": figures["followers_gained"],
                # None when no GA4 report lies within the campaign's dates (actuals() would say 0).
                "sessions": figures["sessions_from_social"],
                "sessions_hours": figures["hours"],
                "donations": figures["donations_amount"],
            }
        )
    # Time logged to a name no campaign has: hours only (there are no rules to find its results by).
    unmatched = con.execute(
        f"""SELECT min(t.campaign), {HOURS} FROM time_entry t
           WHERE t.organisation_id = $org AND t.day BETWEEN $start AND $end AND trim(coalesce(t.campaign, '')) <> ''
             AND NOT EXISTS (SELECT 1 FROM campaign c WHERE c.organisation_id = $org AND lower(c.name) = lower(t.campaign))
           GROUP BY lower(t.campaign) ORDER BY 2 DESC, 1""",
        {"org": organisation_id, "start": start, "end": end},
    ).fetchall()
    for name, hours in unmatched:
        rows.append({"key": name, "label": name, "is_total": False, "hours": float(hours)})
    if not rows:
        return _empty().assign(starts=[], ends=[])
    frame = _finish(rows)
    frame["starts"] = [r.get("starts") for r in rows]
    frame["ends"] = [r.get("ends") for r in rows]
    frame["share"] = None  # campaigns overlap and run on their own dates: shares of a sum would mislead
    return frame


def _float_or_none(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def time_logged(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> bool:
    """Whether any minutes are logged in the period."""
    row = con.execute(
        "SELECT count(*) FROM time_entry WHERE organisation_id = ? AND day BETWEEN ? AND ? AND minutes > 0",
        [organisation_id, start, end],
    ).fetchone()
    return bool(row and row[0])


def results_per_hour(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, by: str
) -> ResultsPerHour:
    """Hours and results per platform, activity or campaign, with each result per hour; empty without time logged.

    By platform: a row per platform with time or results in the period (time with no platform named
    gets a row of its own), then an "All platforms" row. Donations are split by platform only where
    a donation names its channel; otherwise only the total row has them. Sessions come from the GA4
    source reports that stand for the period, whose ranges may not match it: `sessions_spans` names
    the days they cover, and sessions per hour divide by the hours logged on those days
    (`sessions_hours`), so a year's report is never divided by a quarter's hours. `currency` is the
    donations' currency; `other_currencies` those left out.

    By activity: hours and each activity's share of them only. A post's engagements come from creating
    it and from engaging around it, so results cannot be split by activity honestly; results and
    results per hour are on the "All activities" row alone.

    By campaign: each campaign's hours (time logged with its name, any case) and results counted by its
    own rules over its own dates, which may run months beyond the period (columns starts and ends);
    time logged to a name no campaign has is listed with its hours in the period only. No total row:
    campaigns overlap.
    """
    if by not in GROUPINGS:
        raise ValueError(f"results per hour are by {', '.join(GROUPINGS)}, not '{by}'")
    logged = time_logged(con, organisation_id, start, end)
    if logged and by == "platform":
        return _by_platform(con, organisation_id, start, end)
    if logged and by == "activity":
        return _by_activity(con, organisation_id, start, end)
    # By campaign (or with no time logged): each campaign's donations over its own dates, in the
    # organisation's currency; no split by platform and no GA4 report ranges to name.
    return ResultsPerHour(
        table=_by_campaign(con, organisation_id, start, end) if logged else _empty(),
        currency=_currency(con, organisation_id),
        other_currencies=(),
        sessions_spans=(),
        donations_by_platform=True,
    )


# ------------------------------------------------------------------------------------------------
# Where the last hour was best spent


@dataclass(frozen=True)
class PlatformReturn:
    """One platform's side of a comparison, with the data behind it."""

    platform: str
    per_hour: float
    hours: float
    posts: int

    @property
    def basis(self) -> str:
        return f"{self.hours:,.1f} h and {count_of(self.posts, 'post')} on {_platform_label(self.platform)}"


@dataclass(frozen=True)
class Verdict:
    """Which platform returned the most and the least of one result per hour, and on how much data."""

    metric: str
    best: PlatformReturn
    worst: PlatformReturn
    compared: tuple[PlatformReturn, ...]
    window: str = field(default="the whole period")

    def sentence(self) -> str:
        """'In the last 4 weeks, an hour on Instagram returned the most engagements (85.3) ...'."""
        label = RESULT_LABELS[self.metric].lower()
        return (
            f"In {self.window}, an hour on {_platform_label(self.best.platform)} returned the most {label} "
            f"({self.best.per_hour:,.1f} per hour) and an hour on {_platform_label(self.worst.platform)} the least "
            f"({self.worst.per_hour:,.1f} per hour); based on {', '.join(p.basis for p in self.compared)}."
        )


def _eligible(table: pd.DataFrame, metric: str) -> list[PlatformReturn]:
    """Platform rows with enough hours and posts, and a per-hour figure for the metric."""
    column = f"{metric}_per_hour"
    eligible = []
    for row in table.itertuples(index=False):
        per_hour = getattr(row, column)
        if row.is_total or row.key is None or per_hour is None or row.posts is None:
            continue
        if row.hours >= MIN_HOURS and row.posts >= MIN_POSTS:
            eligible.append(PlatformReturn(str(row.key), float(per_hour), float(row.hours), int(row.posts)))
    return eligible


def best_hour(table: pd.DataFrame, metric: str = "engagements") -> Verdict | None:
    """The platforms with the most and the least of a result per hour, only when two or more have enough data."""
    if metric not in RESULTS:
        raise ValueError(f"no results per hour of '{metric}'")
    if table.empty or "is_total" not in table:
        return None
    eligible = _eligible(table, metric)
    if len(eligible) < 2:
        return None
    ranked = sorted(eligible, key=lambda p: (-p.per_hour, p.platform))
    return Verdict(metric, ranked[0], ranked[-1], tuple(ranked))


def _with_enough_data(table: pd.DataFrame) -> list[str]:
    """Platforms with enough hours and posts to be compared, whatever the metric."""
    rows = table[~table["is_total"].astype(bool) & table["key"].notna()]
    return [
        str(r.key) for r in rows.itertuples(index=False)
        if r.posts is not None and r.hours >= MIN_HOURS and r.posts >= MIN_POSTS
    ]  # fmt: skip


_UNKNOWN_PER_PLATFORM = {
    "donations": "no donation in the period names the platform it came from (the total row has them all)",
    "sessions": "no Google Analytics report by source covers the period",
    "followers_gained": "the exports of those platforms give no daily follower gains",
    "impressions": "the posts of those platforms report no impressions",
    "engagements": "the posts of those platforms report no engagements",
}


def not_enough_data(table: pd.DataFrame, metric: str = "engagements") -> str:
    """What is missing before platforms can be compared per hour of one result."""
    need = f"at least two platforms with {MIN_HOURS:,.0f} hours logged and {MIN_POSTS} posts each"
    label = RESULT_LABELS[metric].lower()
    if table.empty:
        return f"No platforms to compare: no time is logged in this period. A comparison needs {need}."
    if len(_with_enough_data(table)) >= 2:
        known = len(_eligible(table, metric))
        return (
            f"{RESULT_LABELS[metric]} per hour cannot be compared across platforms: {_UNKNOWN_PER_PLATFORM[metric]} "
            f"({known} of the platforms with enough time and posts {'has' if known == 1 else 'have'} a figure)."
        )
    platforms = table[~table["is_total"].astype(bool) & table["key"].notna()]
    have = [
        f"{_platform_label(str(r.key))} {float(r.hours):,.1f} h and "
        + ("no post export" if r.posts is None or r.posts != r.posts else count_of(int(r.posts), "post"))
        for r in platforms.itertuples(index=False)
    ]
    enough = len(_with_enough_data(table))
    return (
        f"Not enough data to say where an hour returned the most {label}: that needs {need}, and "
        f"{enough} {'platform has' if enough == 1 else 'platforms have'} that much "
        f"({'; '.join(have) if have else 'no platform has time logged'})."
    )


def last_hour_verdict(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, metric: str = "engagements"
) -> tuple[Verdict | None, str]:
    """Where the last hour was best spent: the period's last 4 weeks when they hold enough data, else the whole period.

    Returns the verdict (or None) and the sentence to show: the verdict's, naming the window it used,
    or what data is missing.
    """
    recent_start = max(start, end - timedelta(days=RECENT_DAYS - 1))
    if recent_start > start:
        recent = best_hour(results_per_hour(con, organisation_id, recent_start, end, "platform").table, metric)
        if recent is not None:
            window = f"the last 4 weeks ({span_text(recent_start, end)})"  # "the last hour"
            verdict = Verdict(recent.metric, recent.best, recent.worst, recent.compared, window)
            return verdict, verdict.sentence()
    table = results_per_hour(con, organisation_id, start, end, "platform").table
    whole = best_hour(table, metric)
    if whole is None:
        return None, not_enough_data(table, metric)
    note = "; the last 4 weeks alone hold too little data" if recent_start > start else ""
    window = f"the whole period ({start:%d %b %Y} – {end:%d %b %Y}{note})"
    verdict = Verdict(whole.metric, whole.best, whole.worst, whole.compared, window)
    return verdict, verdict.sentence()
