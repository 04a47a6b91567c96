"""Campaigns, their goals, and progress with pace (METRICS.md, "Goals").

A campaign owns the posts its rules catch (hashtags, keywords, a UTM campaign in the post's link,
or posts picked by hand) published within its dates; a post caught by two campaigns counts in both.
Outcomes count within the campaign's dates, or, when the campaign says so, only those that name
it (its name or UTM campaign in the outcome's campaign or note). Progress = actual ÷ target so far;
pace projects the actual to the end date at the rate so far.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pandas as pd

from impact.definitions.sql import (
    CAMPAIGN_OUTCOMES,
    CAUGHT_POSTS,
    DONATIONS_AND_REFUNDS,
    HOURS,
    IN_OWN_CURRENCY,
    OUTCOME_DAY,
    organisation_timezone,
)
from impact.figures.website import social_sessions_by_day, social_sessions_within
from impact.store.connection import WRITE_LOCK, transaction


@dataclass(frozen=True)
class GoalMetric:
    """A figure a goal can be set on: its label and whether the target is a ceiling (hours)."""

    label: str
    ceiling: bool = False


GOAL_METRICS: dict[str, GoalMetric] = {
    "posts": GoalMetric("Posts"),
    "impressions": GoalMetric("Impressions"),
    "reach": GoalMetric("Reach (sum of post reach)"),
    "engagements": GoalMetric("Engagements"),
    "shares": GoalMetric("Shares"),
    "followers_gained": GoalMetric("Followers gained"),
    "sessions_from_social": GoalMetric("Website sessions from social"),
    "donations_amount": GoalMetric("Donations (amount)"),
    "donors": GoalMetric("Donors"),
    "volunteers": GoalMetric("Volunteers"),
    "signups": GoalMetric("Sign-ups"),
    "hours": GoalMetric("Hours spent", ceiling=True),
}
AT_RISK_FROM = 0.8  # METRICS.md: on track at >= 100 % of the target, at risk from 80 %, behind below
CEILING_AT_RISK_TO = 1.2  # a ceiling (hours) is at risk up to 20 % over it, over beyond


@dataclass(frozen=True)
class Campaign:
    id: int
    organisation_id: int
    name: str
    starts: date
    ends: date
    hashtags: tuple[str, ...]
    keywords: tuple[str, ...]
    utm_campaign: str | None
    outcomes_named_only: bool
    description: str
    timezone: str  # the organisation's: the campaign's days are its local days


@dataclass(frozen=True)
class GoalProgress:
    """One goal on one day: how far, where the pace leads, and the status METRICS.md defines."""

    metric: str
    target: float
    actual: float
    progress: float  # actual ÷ target
    projection: float | None  # the actual at the end date at the pace so far; None before the start
    status: str  # not started | on track | at risk | behind | met | over
    days_left: int


def _clean_list(values: list[str], prefix: str = "") -> list[str]:
    cleaned = []
    for value in values:
        text = value.strip().lower().lstrip("#")
        if text:
            cleaned.append(prefix + text)
    return list(dict.fromkeys(cleaned))[:50]


def create_campaign(
    con: duckdb.DuckDBPyConnection,
    organisation_id: int,
    name: str,
    starts: date,
    ends: date,
    *,
    description: str = "",
    hashtags: list[str] | None = None,
    keywords: list[str] | None = None,
    utm_campaign: str | None = None,
    outcomes_named_only: bool = False,
) -> int:
    """A new campaign's id; ValueError with a sentence when the form is not right."""
    with WRITE_LOCK, transaction(con):
        return insert_campaign(
            con, organisation_id, name, starts, ends, description=description, hashtags=hashtags,
            keywords=keywords, utm_campaign=utm_campaign, outcomes_named_only=outcomes_named_only,
        )  # fmt: skip


def campaign_name(name: str) -> str:
    """The name as it is stored: spaces collapsed, at most 120 characters."""
    return " ".join(name.split())[:120]


def _checked_name(name: str, starts: date, ends: date) -> str:
    name = campaign_name(name)
    if not name:
        raise ValueError("give the campaign a name")
    if ends < starts:
        raise ValueError("the campaign cannot end before it starts")
    return name


def _rule_values(
    description: str, hashtags: list[str] | None, keywords: list[str] | None, utm_campaign: str | None, named: bool
) -> list[object]:
    """The stored form of a campaign's description and rules (lower-case tags and words, at most 50 each)."""
    return [
        description.strip()[:2000],
        _clean_list(hashtags or [], "#"),
        _clean_list(keywords or []),
        (utm_campaign or "").strip().lower()[:120] or None,
        named,
    ]


def insert_campaign(
    con: duckdb.DuckDBPyConnection,
    organisation_id: int,
    name: str,
    starts: date,
    ends: date,
    *,
    description: str = "",
    hashtags: list[str] | None = None,
    keywords: list[str] | None = None,
    utm_campaign: str | None = None,
    outcomes_named_only: bool = False,
) -> int:
    """Insert a campaign inside the caller's transaction (the caller holds WRITE_LOCK)."""
    name = _checked_name(name, starts, ends)
    if con.execute("SELECT 1 FROM campaign WHERE organisation_id = ? AND name = ?", [organisation_id, name]).fetchone():
        raise ValueError(f"there is already a campaign called '{name}'")
    row = con.execute(
        """INSERT INTO campaign (organisation_id, name, starts, ends, description, hashtags, keywords,
                                 utm_campaign, outcomes_named_only)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
        [organisation_id, name, starts, ends,
         *_rule_values(description, hashtags, keywords, utm_campaign, outcomes_named_only)],
    ).fetchone()  # fmt: skip
    assert row is not None
    return int(row[0])


def rewrite_campaign(
    con: duckdb.DuckDBPyConnection,
    campaign_id: int,
    organisation_id: int,
    name: str,
    starts: date,
    ends: date,
    *,
    description: str = "",
    hashtags: list[str] | None = None,
    keywords: list[str] | None = None,
    utm_campaign: str | None = None,
    outcomes_named_only: bool = False,
) -> None:
    """Update a campaign inside the caller's transaction (the caller holds WRITE_LOCK)."""
    name = _checked_name(name, starts, ends)
    if con.execute(
        "SELECT 1 FROM campaign WHERE organisation_id = ? AND name = ? AND id <> ?",
        [organisation_id, name, campaign_id],
    ).fetchone():
        raise ValueError(f"there is already a campaign called '{name}'")
    con.execute(
        """UPDATE campaign SET name = ?, starts = ?, ends = ?, description = ?, hashtags = ?, keywords = ?,
                               utm_campaign = ?, outcomes_named_only = ?
           WHERE id = ?""",
        [name, starts, ends, *_rule_values(description, hashtags, keywords, utm_campaign, outcomes_named_only),
         campaign_id],
    )  # fmt: skip


def update_campaign(
    con: duckdb.DuckDBPyConnection,
    campaign_id: int,
    name: str,
    starts: date,
    ends: date,
    *,
    description: str = "",
    hashtags: list[str] | None = None,
    keywords: list[str] | None = None,
    utm_campaign: str | None = None,
    outcomes_named_only: bool = False,
) -> None:
    """Change a campaign's name, dates, description or rules; ValueError with a sentence when not right."""
    current = campaign(con, campaign_id)
    with WRITE_LOCK, transaction(con):
        rewrite_campaign(
            con, campaign_id, current.organisation_id, name, starts, ends, description=description,
            hashtags=hashtags, keywords=keywords, utm_campaign=utm_campaign, outcomes_named_only=outcomes_named_only,
        )  # fmt: skip


def set_goal(con: duckdb.DuckDBPyConnection, campaign_id: int, metric: str, target: float) -> None:
    """Set (or replace) a campaign's target for one metric."""
    if metric not in GOAL_METRICS:
        raise ValueError(f"no goal can be set on '{metric}'")
    if not target > 0:
        raise ValueError("a target must be more than zero")
    with WRITE_LOCK, transaction(con):
        replace_goal(con, campaign_id, metric, target)


def replace_goal(con: duckdb.DuckDBPyConnection, campaign_id: int, metric: str, target: float) -> None:
    """Set one goal inside the caller's transaction; a goal already set keeps its place in the list."""
    if not con.execute(
        "UPDATE goal SET target = ? WHERE campaign_id = ? AND metric = ? RETURNING id", [target, campaign_id, metric]
    ).fetchall():
        con.execute("INSERT INTO goal (campaign_id, metric, target) VALUES (?, ?, ?)", [campaign_id, metric, target])


def pick_post(con: duckdb.DuckDBPyConnection, campaign_id: int, platform: str, post_id: str) -> None:
    """Count one post in the campaign whatever its text says."""
    with WRITE_LOCK:
        con.execute(
            "INSERT INTO campaign_post VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [campaign_id, platform, post_id]
        )


def campaign(con: duckdb.DuckDBPyConnection, campaign_id: int) -> Campaign:
    """One campaign; LookupError when there is none."""
    row = con.execute(
        """SELECT id, organisation_id, name, starts, ends, hashtags, keywords, utm_campaign, outcomes_named_only,
                  coalesce(description, '')
           FROM campaign WHERE id = ?""",
        [campaign_id],
    ).fetchone()
    if row is None:
        raise LookupError(f"there is no campaign {campaign_id}")
    zone = organisation_timezone(con, row[1])
    return Campaign(row[0], row[1], row[2], row[3], row[4], tuple(row[5]), tuple(row[6]), row[7], row[8], row[9], zone)


def rule_params(c: Campaign) -> dict[str, object]:
    return {
        "campaign": c.id,
        "org": c.organisation_id,
        "tz": c.timezone,
        "starts": c.starts,
        "ends": c.ends,
        "hashtags": list(c.hashtags),
        "keywords": list(c.keywords),
        "utm": c.utm_campaign,
    }


def campaign_posts(con: duckdb.DuckDBPyConnection, campaign_id: int) -> pd.DataFrame:
    """The posts the campaign's rules caught, each with the rule that caught it."""
    c = campaign(con, campaign_id)
    return con.execute(
        f"""SELECT platform, post_id, local_time AS published_at, text, impressions, engagements, caught_by
            FROM ({CAUGHT_POSTS}) WHERE caught_by IS NOT NULL ORDER BY local_time, platform, post_id""",
        rule_params(c),
    ).df()


def outcome_params(c: Campaign, ends: date) -> dict[str, object]:
    names = [n for n in (c.name.lower(), c.utm_campaign) if n]
    return {
        "org": c.organisation_id,
        "starts": c.starts,
        "ends": ends,
        "named_only": c.outcomes_named_only,
        "names": names,
    }


def actuals(con: duckdb.DuckDBPyConnection, campaign_id: int, until: date) -> dict[str, float]:
    """Each goal metric's figure for the campaign from its start up to `until` (inclusive)."""
    figures = campaign_figures(con, campaign(con, campaign_id), until)
    return {metric: float(value or 0) for metric, value in figures.items()}  # no GA4 report: 0 sessions


def campaign_figures(con: duckdb.DuckDBPyConnection, c: Campaign, until: date) -> dict[str, float | None]:
    """actuals() of a campaign already read, but website sessions None when no GA4 report lies within its dates.

    The posts', followers', outcomes' and hours' figures come from one statement.
    """
    last = min(c.ends, until)
    params = {**rule_params(c), **outcome_params(c, last), "ends": last, "name": c.name}
    row = con.execute(
        f"""SELECT * FROM
            (SELECT count(*), coalesce(sum(impressions), 0), coalesce(sum(reach), 0), coalesce(sum(engagements), 0),
                    coalesce(sum(shares), 0)
             FROM ({CAUGHT_POSTS}) WHERE caught_by IS NOT NULL),
            (SELECT coalesce(sum(followers_gained), 0) FROM account_day
             WHERE organisation_id = $org AND day BETWEEN $starts AND $ends),
            (SELECT coalesce(sum(amount) FILTER (WHERE {DONATIONS_AND_REFUNDS} AND {IN_OWN_CURRENCY}), 0),
                    count(DISTINCT donor) FILTER (WHERE kind = 'donation'),
                    coalesce(sum(coalesce(quantity, 1)) FILTER (WHERE kind = 'volunteer'), 0),
                    coalesce(sum(coalesce(quantity, 1)) FILTER (WHERE kind = 'signup'), 0)
             FROM outcome WHERE {CAMPAIGN_OUTCOMES}),
            (SELECT coalesce({HOURS}, 0) FROM time_entry
             WHERE organisation_id = $org AND day BETWEEN $starts AND $ends AND lower(campaign) = lower($name))""",
        params,
    ).fetchone()
    assert row is not None
    sessions = social_sessions_within(con, c.organisation_id, c.starts, last)
    return {
        "posts": float(row[0]),
        "impressions": float(row[1]),
        "reach": float(row[2]),
        "engagements": float(row[3]),
        "shares": float(row[4]),
        "followers_gained": float(row[5]),
        "donations_amount": float(row[6]),
        "donors": float(row[7]),
        "volunteers": float(row[8]),
        "signups": float(row[9]),
        "sessions_from_social": None if sessions is None else float(sessions),
        "hours": float(row[10]),
    }


def status(target: float, actual: float, projection: float | None, ceiling: bool) -> str:
    """On track, at risk or behind (METRICS.md); met once reached; for a ceiling, over once exceeded."""
    if projection is None:
        return "not started"
    if ceiling:
        if actual > target:
            return "over"
        return (
            "on track" if projection <= target else "at risk" if projection <= target * CEILING_AT_RISK_TO else "behind"
        )
    if actual >= target:
        return "met"
    if projection >= target:
        return "on track"
    return "at risk" if projection >= AT_RISK_FROM * target else "behind"


def progress(con: duckdb.DuckDBPyConnection, campaign_id: int, today: date) -> list[GoalProgress]:
    """Every goal of the campaign as of `today`: actual, progress, projection to the end date, status."""
    c = campaign(con, campaign_id)
    goals = con.execute("SELECT metric, target FROM goal WHERE campaign_id = ? ORDER BY id", [campaign_id]).fetchall()
    figures = actuals(con, campaign_id, today)
    total_days = (c.ends - c.starts).days + 1
    elapsed = min((min(today, c.ends) - c.starts).days + 1, total_days)
    results = []
    for metric, target in goals:
        actual = figures[metric]
        projection = actual * total_days / elapsed if elapsed > 0 else None
        results.append(
            GoalProgress(
                metric=metric,
                target=float(target),
                actual=actual,
                progress=actual / float(target),
                projection=projection,
                status=status(float(target), actual, projection, GOAL_METRICS[metric].ceiling),
                days_left=max((c.ends - today).days, 0) if today >= c.starts else total_days,
            )
        )
    return results


def burn_up(con: duckdb.DuckDBPyConnection, campaign_id: int, metric: str, today: date) -> pd.DataFrame:
    """Day by day from the start to `today` (or the end): the metric's running total, for a burn-up chart."""
    return burn_ups(con, campaign_id, [metric], today)[metric]


_POST_METRICS = ("posts", "impressions", "reach", "engagements", "shares")


def _post_value(metric: str) -> str:
    """A post metric's aggregate over a day's caught posts (a key of GOAL_METRICS, never input)."""
    return "count(*)" if metric == "posts" else f"sum({metric})"


def _per_day(metric: str) -> str:
    """SQL of the (day, value) rows of a metric that is not a post metric (its parameters: see _bound)."""
    return {
        "followers_gained": "SELECT day, sum(followers_gained) AS value FROM account_day "
        "WHERE organisation_id = $org AND day BETWEEN $starts AND $ends GROUP BY 1",
        "hours": f"SELECT day, {HOURS} AS value FROM time_entry WHERE organisation_id = $org "
        "AND day BETWEEN $starts AND $ends AND lower(campaign) = lower($name) GROUP BY 1",
        # Donors count on the day of their first gift, so the running total counts each donor once.
        "donors": f"SELECT day, count(*) AS value FROM (SELECT donor, min({OUTCOME_DAY}) AS day FROM outcome "
        f"WHERE {CAMPAIGN_OUTCOMES} AND kind = 'donation' AND donor IS NOT NULL GROUP BY donor) GROUP BY 1",
        "donations_amount": f"SELECT {OUTCOME_DAY} AS day, sum(amount) AS value FROM outcome "
        f"WHERE {CAMPAIGN_OUTCOMES} AND {DONATIONS_AND_REFUNDS} AND {IN_OWN_CURRENCY} GROUP BY 1",
        "volunteers": f"SELECT {OUTCOME_DAY} AS day, sum(coalesce(quantity, 1)) AS value FROM outcome "
        f"WHERE {CAMPAIGN_OUTCOMES} AND kind = 'volunteer' GROUP BY 1",
        "signups": f"SELECT {OUTCOME_DAY} AS day, sum(coalesce(quantity, 1)) AS value FROM outcome "
        f"WHERE {CAMPAIGN_OUTCOMES} AND kind = 'signup' GROUP BY 1",
    }[metric]


def _bound(c: Campaign, metric: str, last: date) -> dict[str, object]:
    """The values the metric's per-day SQL names (each family binds exactly those; together they agree)."""
    if metric in ("donors", "donations_amount", "volunteers", "signups"):
        return outcome_params(c, last)
    if metric in ("followers_gained", "hours"):
        bound: dict[str, object] = {"org": c.organisation_id, "starts": c.starts, "ends": last}
        if metric == "hours":
            bound["name"] = c.name
        return bound
    return {**rule_params(c), "ends": last}


def burn_ups(
    con: duckdb.DuckDBPyConnection, campaign_id: int, metrics: list[str], today: date
) -> dict[str, pd.DataFrame]:
    """burn_up of each metric (columns day, total), the metrics other than website sessions in one statement."""
    c = campaign(con, campaign_id)
    last = min(today, c.ends)
    if last < c.starts:
        return {metric: pd.DataFrame({"day": [], "total": []}) for metric in metrics}
    found: dict[str, pd.DataFrame] = {}
    in_sql = [m for m in dict.fromkeys(metrics) if m != "sessions_from_social"]
    if in_sql:
        # The post metrics from one reading of the caught posts; the others from a query each.
        posted = [m for m in in_sql if m in _POST_METRICS]
        values = {m: f"vp.{m}" for m in posted}
        joins = (
            f"""LEFT JOIN (SELECT local_day AS day, {", ".join(f"{_post_value(m)} AS {m}" for m in posted)}
                           FROM ({CAUGHT_POSTS}) WHERE caught_by IS NOT NULL GROUP BY 1) vp
                ON vp.day = CAST(d.day AS DATE) """
            if posted
            else ""
        )
        for n, m in enumerate(m for m in in_sql if m not in _POST_METRICS):
            joins += f"LEFT JOIN ({_per_day(m)}) v{n} ON v{n}.day = CAST(d.day AS DATE) "
            values[m] = f"v{n}.value"
        totals = ", ".join(
            f"CAST(sum(coalesce({values[m]}, 0)) OVER (ORDER BY d.day) AS DOUBLE) AS total{n}"
            for n, m in enumerate(in_sql)
        )
        bound: dict[str, object] = {"first": c.starts, "last": last}
        for metric in in_sql:
            bound.update(_bound(c, metric, last))
        frame = con.execute(
            f"""SELECT CAST(d.day AS DATE) AS day, {totals}
                FROM range($first, $last + INTERVAL 1 DAY, INTERVAL 1 DAY) d(day) {joins}
                ORDER BY d.day""",
            bound,
        ).df()
        for n, metric in enumerate(in_sql):
            found[metric] = frame[["day", f"total{n}"]].rename(columns={f"total{n}": "total"})
    if "sessions_from_social" in metrics:
        daily = social_sessions_by_day(con, c.organisation_id, c.starts, last)
        con.register("social_days", daily)
        try:
            found["sessions_from_social"] = _running_total(
                con, "SELECT CAST(day AS DATE) AS day, sessions AS value FROM social_days", {}, c.starts, last
            )
        finally:
            con.unregister("social_days")
    return {metric: found[metric] for metric in metrics}


def _running_total(
    con: duckdb.DuckDBPyConnection, query: str, bound: dict[str, object], first: date, last: date
) -> pd.DataFrame:
    """Every day from `first` to `last` with the running total of the query's (day, value) rows."""
    return con.execute(
        f"""SELECT CAST(d.day AS DATE) AS day,
                   CAST(sum(coalesce(v.value, 0)) OVER (ORDER BY d.day) AS DOUBLE) AS total
            FROM range($first, $last + INTERVAL 1 DAY, INTERVAL 1 DAY) d(day)
            LEFT JOIN ({query}) v ON v.day = CAST(d.day AS DATE)
            ORDER BY d.day""",
        {**bound, "first": first, "last": last},
    ).df()


def campaigns(con: duckdb.DuckDBPyConnection, organisation_id: int) -> pd.DataFrame:
    """The organisation's campaigns that are not archived, newest first."""
    return con.execute(
        """SELECT id, name, starts, ends, description, hashtags, keywords, utm_campaign FROM campaign
           WHERE organisation_id = ? AND NOT archived ORDER BY starts DESC, id DESC""",
        [organisation_id],
    ).df()


def archive_campaign(con: duckdb.DuckDBPyConnection, campaign_id: int) -> None:
    """Hide a campaign from the lists; its goals and picks are kept."""
    with WRITE_LOCK:
        con.execute("UPDATE campaign SET archived = true WHERE id = ?", [campaign_id])


def campaign_periods(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date
) -> list[tuple[str, date, date]]:
    """The campaigns (not archived) whose dates overlap start..end (inclusive): name, first and last day."""
    rows = con.execute(
        """SELECT name, starts, ends FROM campaign
           WHERE organisation_id = ? AND NOT archived AND starts <= ? AND ends >= ?
           ORDER BY starts, id""",
        [organisation_id, end, start],
    ).fetchall()
    return [(str(name), starts, ends) for name, starts, ends in rows]


GLANCE_ENDED_WITHIN_DAYS = 30  # a campaign stays on the Overview this long after its end, for the final tally


@dataclass(frozen=True)
class GoalGlance:
    """One goal of a current (or just ended) campaign, as the Overview lists it."""

    campaign_id: int
    campaign: str
    ends: date
    metric: str
    label: str
    actual: float
    target: float
    progress: float
    status: str
    days_left: int


def goals_at_a_glance(con: duckdb.DuckDBPyConnection, organisation_id: int, today: date) -> list[GoalGlance]:
    """Every goal of the campaigns running on `today` or ended within the last 30 days, as `progress` judges it.

    Running campaigns come first, the one ending soonest first; then those that have ended.
    """
    rows = con.execute(
        """SELECT id, name, ends FROM campaign
           WHERE organisation_id = ? AND NOT archived AND starts <= ? AND ends >= ?
           ORDER BY ends < ?, ends, id""",
        [organisation_id, today, today - timedelta(days=GLANCE_ENDED_WITHIN_DAYS), today],
    ).fetchall()
    return [
        GoalGlance(
            campaign_id=campaign_id,
            campaign=str(name),
            ends=ends,
            metric=goal.metric,
            label=GOAL_METRICS[goal.metric].label,
            actual=goal.actual,
            target=goal.target,
            progress=goal.progress,
            status=goal.status,
            days_left=goal.days_left,
        )
        for campaign_id, name, ends in rows
        for goal in progress(con, campaign_id, today)
    ]


def unpick_post(con: duckdb.DuckDBPyConnection, campaign_id: int, platform: str, post_id: str) -> None:
    """Stop counting a post picked by hand (its hashtags, words or link may still catch it)."""
    with WRITE_LOCK:
        con.execute(
            "DELETE FROM campaign_post WHERE campaign_id = ? AND platform = ? AND post_id = ?",
            [campaign_id, platform, post_id],
        )


CANDIDATES_SHOWN = 500  # enough to pick from by hand; a multiselect of thousands is unusable


def candidate_posts(con: duckdb.DuckDBPyConnection, campaign_id: int) -> pd.DataFrame:
    """The posts in the campaign's dates that no rule caught yet, newest first (at most 500), to pick by hand."""
    c = campaign(con, campaign_id)
    return con.execute(
        f"""SELECT platform, post_id, local_time AS published_at, left(coalesce(text, ''), 200) AS text, impressions
            FROM ({CAUGHT_POSTS}) WHERE caught_by IS NULL
            ORDER BY local_time DESC, platform, post_id LIMIT $limit""",
        {**rule_params(c), "limit": CANDIDATES_SHOWN},
    ).df()


def archived_campaigns(con: duckdb.DuckDBPyConnection, organisation_id: int) -> pd.DataFrame:
    """The organisation's archived campaigns, newest first."""
    return con.execute(
        """SELECT id, name, starts, ends FROM campaign
           WHERE organisation_id = ? AND archived ORDER BY starts DESC, id DESC""",
        [organisation_id],
    ).df()


def restore_campaign(con: duckdb.DuckDBPyConnection, campaign_id: int) -> None:
    """Bring an archived campaign back into the lists, with its goals and picks."""
    with WRITE_LOCK:
        con.execute("UPDATE campaign SET archived = false WHERE id = ?", [campaign_id])


def goal_targets(con: duckdb.DuckDBPyConnection, campaign_id: int) -> dict[str, float]:
    """The campaign's goals: metric -> target, in the order they were set."""
    rows = con.execute("SELECT metric, target FROM goal WHERE campaign_id = ? ORDER BY id", [campaign_id]).fetchall()
    return {str(metric): float(target) for metric, target in rows}


def remove_goal(con: duckdb.DuckDBPyConnection, campaign_id: int, metric: str) -> None:
    """Drop one of the campaign's goals."""
    with WRITE_LOCK:
        con.execute("DELETE FROM goal WHERE campaign_id = ? AND metric = ?", [campaign_id, metric])
