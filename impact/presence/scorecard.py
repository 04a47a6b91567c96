"""One organisation's web presence: each component's raw figures, points and weight, the score, the stage.

A component without data is "not measured": shown, with the export that would measure it, and left
out of the score (the other weights are scaled up), never scored 0. The figures come from the single
definitions in impact.definitions.sql (posts on local days, the engagement rate, outcomes, hours) and
from the same functions the pages call (follower change, links to the base platform).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import pandas as pd

from impact.definitions.sql import (
    DONATIONS_AND_REFUNDS,
    HOURS,
    IN_OWN_CURRENCY,
    TIME_IN_PERIOD,
    organisation_timezone,
    outcomes_between,
    platform_figures,
    posts_between,
    used,
)
from impact.figures.overview import follower_changes, platforms_with_data
from impact.filters import Filters
from impact.platforms import platform_label
from impact.presence import COMPONENTS, STAGES
from impact.presence.weights import weights_for
from impact.time.roi import base_platform_links

ACTIVE_DAYS = 90  # a channel is active when it posted in the last 90 days of the period
ENOUGH_CHANNELS = 3
FRESH_DAYS = 45  # a channel whose newest export is dated at most this many days ago is fresh
NOT_CHANNELS = ("website",)  # the base platform's own figures, not a channel one posts on


def current_day() -> date:
    """The day freshness is judged on (tests pin it)."""
    return date.today()


@dataclass(frozen=True)
class Component:
    """One component as measured: raw figures in words, points 0..100 (None: not measured), its weight."""

    key: str
    name: str
    measured: bool
    points: float | None
    weight: float
    raw: str  # the raw figures, in a sentence
    definition: str
    raise_it: str
    measure_with: str
    details: pd.DataFrame = field(default_factory=pd.DataFrame)  # per channel, where it has one
    facts: dict[str, float] = field(default_factory=dict)  # the raw figures as numbers (the stage reads them)


@dataclass(frozen=True)
class Scorecard:
    organisation_id: int
    start: date
    end: date
    components: tuple[Component, ...]
    score: float | None  # None when no component is measured
    stage: str
    stage_reasons: tuple[str, ...]  # why this stage
    next_steps: tuple[str, ...]  # what the next stage asks for

    def component(self, key: str) -> Component:
        return next(c for c in self.components if c.key == key)

    def table(self) -> pd.DataFrame:
        """One row per component: key, name, points (None: not measured), weight, raw figures."""
        return pd.DataFrame(
            [(c.key, c.name, c.points, c.weight, c.raw) for c in self.components],
            columns=["key", "name", "points", "weight", "raw"],
        )


def _component(
    key: str,
    points: float | None,
    raw: str,
    weights: dict[str, float],
    details: pd.DataFrame | None = None,
    facts: dict[str, float] | None = None,
) -> Component:
    spec = COMPONENTS[key]
    return Component(
        key=key,
        name=spec.name,
        measured=points is not None,
        points=None if points is None else round(max(0.0, min(100.0, points)), 1),
        weight=float(weights.get(key, spec.weight)),
        raw=raw,
        definition=spec.definition,
        raise_it=spec.raise_it,
        measure_with=spec.measure_with,
        details=details if details is not None else pd.DataFrame(),
        facts=facts or {},
    )


def _params(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> dict[str, object]:
    return {"org": organisation_id, "tz": organisation_timezone(con, organisation_id), "start": start, "end": end}


def _posts_per_channel(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> pd.DataFrame:
    """Per channel: posts on the local days start..end and the weeks (Monday to Sunday) that had one."""
    sql = f"""SELECT platform, count(*) AS posts, count(DISTINCT date_trunc('week', local_day)) AS weeks
              FROM {posts_between(platforms=None)}
              WHERE platform NOT IN (SELECT unnest($not_channels::VARCHAR[]))
              GROUP BY platform ORDER BY platform"""
    params = {**_params(con, organisation_id, start, end), "not_channels": list(NOT_CHANNELS)}
    return con.execute(sql, params).df()


def weeks_in(start: date, end: date) -> int:
    """Weeks (Monday to Sunday) that hold at least one day of start..end."""
    first = start - timedelta(days=start.weekday())
    last = end - timedelta(days=end.weekday())
    return (last - first).days // 7 + 1


def channels(con: duckdb.DuckDBPyConnection, organisation_id: int, end: date, weights: dict[str, float]) -> Component:
    start = end - timedelta(days=ACTIVE_DAYS - 1)
    ever = con.execute(
        "SELECT count(*) FROM post WHERE organisation_id = ? AND platform NOT IN ('website')", [organisation_id]
    ).fetchone()
    if not ever or not ever[0]:
        return _component("channels", None, "No posts imported.", weights)
    active = _posts_per_channel(con, organisation_id, start, end)
    names = ", ".join(platform_label(p) for p in active["platform"])
    raw = f"{len(active)} channel{'s' if len(active) != 1 else ''} posted in the {ACTIVE_DAYS} days to {end:%d %b %Y}"
    raw += f" ({names})." if len(active) else "."
    details = active.assign(channel=active["platform"].map(platform_label))[["channel", "posts"]]
    points = 100 * min(len(active), ENOUGH_CHANNELS) / ENOUGH_CHANNELS
    return _component("channels", points, raw, weights, details, {"active": len(active)})


def base_platform(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    links = base_platform_links(con, organisation_id, start, end)
    if links.host is None:
        return _component("base_platform", None, "No website address is set for the organisation.", weights)
    traffic = con.execute(
        "SELECT count(*) FROM web_traffic WHERE organisation_id = ? AND period_start <= ? AND period_end >= ?",
        [organisation_id, end, start],
    ).fetchone()
    has_traffic = bool(traffic and traffic[0])
    posts, linking = int(links.platforms["posts"].sum()), int(links.platforms["linking"].sum())
    share = linking / posts if posts else 0.0
    raw = f"{links.host}: {linking:,} of {posts:,} posts in the period link to it ({share:.0%}); " + (
        "its Google Analytics figures are imported." if has_traffic else "no website figures are imported."
    )
    details = links.platforms.assign(channel=links.platforms["platform"].map(platform_label))[
        ["channel", "posts", "linking", "share"]
    ]
    return _component("base_platform", 40 * has_traffic + 60 * share, raw, weights, details)


def consistency(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    per_channel = _posts_per_channel(con, organisation_id, start, end)
    weeks = weeks_in(start, end)
    if per_channel.empty:
        return _component("consistency", None, "No posts in the period.", weights)
    per_channel["share"] = per_channel["weeks"] / weeks
    parts = ", ".join(
        f"{platform_label(p)} {w} of {weeks} weeks"
        for p, w in zip(per_channel["platform"], per_channel["weeks"], strict=True)
    )
    details = per_channel.assign(channel=per_channel["platform"].map(platform_label), weeks_in_period=weeks)[
        ["channel", "posts", "weeks", "weeks_in_period", "share"]
    ]
    return _component(
        "consistency", 100 * float(per_channel["share"].mean()), f"Weeks with a post: {parts}.", weights, details
    )


def _months(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months of start..end, the first and last cut to the period."""
    months = []
    first = start
    while first <= end:
        following = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        months.append((first, min(end, following - timedelta(days=1))))
        first = following
    return months


def audience(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    platforms = tuple(platforms_with_data(con, organisation_id))
    months = _months(start, end)
    changes = follower_changes(con, Filters(organisation_id, start, end, platforms), months)
    rows = [
        {"month": f"{first:%b %Y}", "net_followers": change}
        for (first, _), change in zip(months, changes, strict=True)
        if change is not None
    ]
    if not rows:
        return _component("audience", None, "No follower figures in the period.", weights)
    table = pd.DataFrame(rows)
    grew = int((table["net_followers"] > 0).sum())
    mean = float(table["net_followers"].mean())
    raw = f"{mean:+,.0f} followers a month on average; {grew} of {len(table)} months grew."
    return _component("audience", 100 * grew / len(table), raw, weights, table)


def _rates(
    con: duckdb.DuckDBPyConnection, organisation_id: int, periods: list[tuple[date, date]]
) -> list[pd.DataFrame]:
    """Per platform with a rate: rated impressions and engagement rate, for each period (one statement for all)."""
    parts, params = [], {**_params(con, organisation_id, periods[0][0], periods[0][1])}
    for n, (first, last) in enumerate(periods):
        parts.append(
            f"""SELECT {n} AS n, platform, rated_impressions, engagement_rate
                FROM {platform_figures(f"$start{n}", f"$end{n}")} WHERE engagement_rate IS NOT NULL"""
        )
        params.update({f"start{n}": first, f"end{n}": last})
    sql = " UNION ALL ".join(parts) + " ORDER BY n, platform"
    params["platforms"] = platforms_with_data(con, organisation_id)
    frame = con.execute(sql, used(sql, params)).df()
    return [frame[frame["n"] == n].drop(columns="n").reset_index(drop=True) for n in range(len(periods))]


def engagement(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    now, before = _rates(con, organisation_id, [(start, end), (start - timedelta(days=365), start - timedelta(days=1))])
    table = now.merge(before, on="platform", suffixes=("", "_year_before"))
    # 0 % against 0 % is no ratio: left out, like a platform without a rate the year before.
    table = table[(table["engagement_rate"] > 0) | (table["engagement_rate_year_before"] > 0)].copy()
    if table.empty:
        return _component(
            "engagement", None, "No platform has an engagement rate both in the period and in the year before.", weights
        )
    table["ratio"] = table["engagement_rate"] / table["engagement_rate_year_before"]
    table["points"] = (50 * table["ratio"]).clip(upper=100)
    points = float((table["points"] * table["rated_impressions"]).sum() / table["rated_impressions"].sum())
    parts = "; ".join(
        f"{platform_label(p)} {r:.2%} against {b:.2%}"
        for p, r, b in zip(
            table["platform"], table["engagement_rate"], table["engagement_rate_year_before"], strict=True
        )
    )
    details = table.assign(channel=table["platform"].map(platform_label))[
        ["channel", "engagement_rate", "engagement_rate_year_before", "ratio", "points"]
    ]
    return _component(
        "engagement", points, f"Engagement rate, period against the 12 months before: {parts}.", weights, details
    )


def results(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    ever = con.execute("SELECT count(*) FROM outcome WHERE organisation_id = ?", [organisation_id]).fetchone()
    if not ever or not ever[0]:
        return _component("results", None, "No donations, volunteers or sign-ups recorded.", weights)
    params = {"org": organisation_id, "start": start, "end": end}
    donations, volunteers, signups = con.execute(
        f"""SELECT sum(amount) FILTER (WHERE {DONATIONS_AND_REFUNDS} AND {IN_OWN_CURRENCY}),
                   coalesce(sum(coalesce(quantity, 1)) FILTER (WHERE kind = 'volunteer'), 0),
                   coalesce(sum(coalesce(quantity, 1)) FILTER (WHERE kind = 'signup'), 0)
            FROM outcome WHERE {outcomes_between()}""",
        params,
    ).fetchone()  # type: ignore[misc]
    hours_row = con.execute(f"SELECT {HOURS} FROM time_entry WHERE {TIME_IN_PERIOD}", params).fetchone()
    hours = float(hours_row[0]) if hours_row and hours_row[0] else None
    currency = con.execute("SELECT currency FROM organisation WHERE id = ?", [organisation_id]).fetchone()[0]  # type: ignore[index]
    donated = float(donations or 0)
    kinds = (donated > 0) + (volunteers > 0) + (signups > 0)
    rows = [("Donations", donated, currency), ("Volunteers", float(volunteers), ""), ("Sign-ups", float(signups), "")]
    details = pd.DataFrame(rows, columns=["result", "in_period", "unit"])
    details["per_hour"] = details["in_period"] / hours if hours else None
    raw = f"{currency} {donated:,.2f} donated, {volunteers:,} volunteers, {signups:,} sign-ups in the period"
    raw += f"; {hours:,.1f} hours logged." if hours else "; no time logged, so nothing per hour."
    return _component("results", 100 * kinds / 3, raw, weights, details)


def transparency(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, today: date, weights: dict[str, float]
) -> Component:
    freshness = con.execute(
        # The export's own date (as_of), not the day it was imported: an old export imported today is not fresh.
        """SELECT platform, CAST(max(as_of) AS DATE) AS newest_export FROM import_batch
           WHERE organisation_id = $1 AND status = 'imported'
             -- channels only: the platforms posts, daily figures and website reports come from, not a
             -- donation tool or a time log (whose exports are dated by their last transaction or entry)
             AND platform IN (SELECT platform FROM post WHERE organisation_id = $1
                              UNION SELECT platform FROM account_day WHERE organisation_id = $1
                              UNION SELECT platform FROM web_traffic WHERE organisation_id = $1)
           GROUP BY platform ORDER BY platform""",
        [organisation_id],
    ).df()
    if freshness.empty:
        return _component("transparency", None, "Nothing imported yet.", weights)
    freshness["days_old"] = [max(0, (today - d).days) for d in pd.to_datetime(freshness["newest_export"]).dt.date]
    fresh = float((freshness["days_old"] <= FRESH_DAYS).mean())
    goals = con.execute(
        """SELECT count(DISTINCT c.id) FROM campaign c JOIN goal g ON g.campaign_id = c.id
           WHERE c.organisation_id = ? AND NOT c.archived AND c.starts <= ? AND c.ends >= ?""",
        [organisation_id, end, start],
    ).fetchone()[0]  # type: ignore[index]
    stories = con.execute(
        """SELECT count(*) FROM evidence e JOIN campaign c ON c.id = e.campaign_id
           WHERE c.organisation_id = ? AND coalesce(e.day, CAST(e.added_at AS DATE)) BETWEEN ? AND ?""",
        [organisation_id, start, end],
    ).fetchone()[0]  # type: ignore[index]
    oldest = int(freshness["days_old"].max())
    raw = (
        f"{goals} campaign{'s' if goals != 1 else ''} with goals in the period; {stories} piece{'s' if stories != 1 else ''} "
        f"of evidence dated in it; each channel's newest export is {int(freshness['days_old'].min())} to {oldest} days old."
    )
    details = freshness.assign(channel=freshness["platform"].map(platform_label))[
        ["channel", "newest_export", "days_old"]
    ]
    points = 40 * (goals > 0) + 30 * (stories > 0) + 30 * fresh
    facts = {"campaigns_with_goals": goals, "evidence": stories, "fresh_share": fresh}
    return _component("transparency", points, raw, weights, details, facts)


def conversation(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    sql = f"""SELECT count(*) FILTER (WHERE comments IS NOT NULL), count(*) FILTER (WHERE comments > 0)
              FROM {posts_between(platforms=None)}"""
    reported, replied = con.execute(sql, _params(con, organisation_id, start, end)).fetchone()  # type: ignore[misc]
    if not reported:
        return _component("conversation", None, "No post in the period reports replies.", weights)
    raw = f"{replied:,} of {reported:,} posts had at least one reply or comment ({replied / reported:.0%})."
    return _component("conversation", 100 * replied / reported, raw, weights)


def overall(components: tuple[Component, ...]) -> float | None:
    """The weighted mean of the measured components' points (weights scaled to the measured ones)."""
    measured = [c for c in components if c.measured and c.weight > 0]
    total = sum(c.weight for c in measured)
    if not total:
        return None
    return round(sum(c.weight * (c.points or 0.0) for c in measured) / total, 1)


def stage(components: tuple[Component, ...], score: float | None) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Crawl, Walk, Run or Fly, why, and what the next stage asks for.

    Walk: two channels active and a post in at least half the weeks. Run: also results recorded and a
    campaign with goals. Fly: also evidence, engagement measured against its own past, and a score of 75.
    """
    by_key = {c.key: c for c in components}

    def points(key: str) -> float:
        return by_key[key].points or 0.0

    def fact(key: str, name: str) -> float:
        return by_key[key].facts.get(name, 0.0)

    steps = [
        [
            ("two or more channels active in the last 90 days", fact("channels", "active") >= 2),
            ("a post in at least half the weeks (consistency 50 or more)", points("consistency") >= 50),
        ],
        [
            ("donations, volunteers or sign-ups recorded in the period", points("results") > 0),
            ("a campaign with goals in the period", fact("transparency", "campaigns_with_goals") > 0),
        ],
        [
            ("evidence (a story, a quote) dated in the period", fact("transparency", "evidence") > 0),
            ("engagement measured against the organisation's own past", by_key["engagement"].measured),
            ("a score of 75 or more", (score or 0) >= 75),
        ],
    ]
    reached = 0
    reasons: list[str] = []
    for level, conditions in enumerate(steps, start=1):
        if not all(ok for _, ok in conditions):
            missing = tuple(f"Needs {what}." for what, ok in conditions if not ok)
            return STAGES[reached], tuple(reasons) or ("The first steps are still to take.",), missing
        reached = level
        reasons.extend(f"Has {what}." for what, _ in conditions)
    return STAGES[reached], tuple(reasons), ()


def scorecard(
    con: duckdb.DuckDBPyConnection,
    organisation_id: int,
    start: date,
    end: date,
    weights: dict[str, float] | None = None,
    today: date | None = None,
) -> Scorecard:
    """The organisation's web presence over the local days start..end (freshness judged on `today`)."""
    weights = weights or {}
    today = today or current_day()
    components = (
        channels(con, organisation_id, end, weights),
        base_platform(con, organisation_id, start, end, weights),
        consistency(con, organisation_id, start, end, weights),
        audience(con, organisation_id, start, end, weights),
        engagement(con, organisation_id, start, end, weights),
        results(con, organisation_id, start, end, weights),
        transparency(con, organisation_id, start, end, today, weights),
        conversation(con, organisation_id, start, end, weights),
    )
    score = overall(components)
    name, reasons, next_steps = stage(components, score)
    return Scorecard(organisation_id, start, end, components, score, name, reasons, next_steps)


def presence_screen(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> Scorecard:
    """The Web presence page: the organisation's scorecard with the store's own weights."""
    return scorecard(con, organisation_id, start, end, weights_for(con))
