"""The scorecards of many (organisation, period) pairs at once equal those computed one pair at a time.

`scorecards` runs each component as one statement for every pair; the reference below is the
one-pair-at-a-time code as it was before (issue 18), kept here only to compare against: every component's
points, raw sentence, details and facts, the score, the stage and its reasons must be the same, on the
demo's organisations moved to time zones from UTC-11 to UTC+14 (and one whose zone Python does not know),
a hand-built organisation with two years of posts near midnight, and organisations with nothing at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_presence import P, days, minutes, outcome, posts

from impact.campaigns.evidence import EvidenceEntry, add_evidence
from impact.campaigns.goals import create_campaign, set_goal
from impact.definitions.sql import (
    DAYS_IN_PERIOD,
    DONATIONS_AND_REFUNDS,
    HOURS,
    IN_OWN_CURRENCY,
    POSTS_IN_PERIOD,
    RATED_ENGAGEMENTS,
    RATED_IMPRESSIONS,
    TIME_IN_PERIOD,
    base_host,
    organisation_timezone,
    outcomes_between,
    period_params,
    platform_figures,
    posts_between,
    used,
)
from impact.filters import Filters
from impact.platforms import platform_label
from impact.presence import COMPONENTS
from impact.presence.portfolio import Portfolio, portfolio_named, portfolio_screen, portfolio_trend, quarters
from impact.presence.scorecard import (
    ACTIVE_DAYS,
    ENOUGH_CHANNELS,
    FRESH_DAYS,
    NOT_CHANNELS,
    Component,
    Scorecard,
    current_day,
    overall,
    scorecard,
    scorecards,
    stage,
)
from impact.presence.scorecard import (
    _component as _lazy_component,
)
from impact.presence.weights import weights_for
from impact.store import derived
from impact.store.connection import open_store
from impact.store.orgs import ensure_organisation, organisation_id
from impact.time.roi import BaseLinks, base_platform_links


def _component(key, points, raw, weights, details=None, facts=None) -> Component:  # noqa: ANN001
    """The old code's _component, which took the details frame itself."""
    return _lazy_component(key, points, raw, weights, None if details is None else lambda: details, facts)


# The demo's year (test_sample_portfolio) and the day its exports were downloaded.
START, END, TODAY = date(2025, 11, 26), date(2026, 11, 25), date(2026, 11, 26)
# Every demo organisation is in Kolkata; here each gets another zone (the last one a zone Python does not know,
# which counts as UTC), so a post near midnight falls on another local day for each.
ZONES = {
    "Pune Education Trust": "America/Los_Angeles",
    "Sakhi Women's Health Collective": "Pacific/Kiritimati",
    "Brahmaputra Flood Relief Network": "Pacific/Pago_Pago",
    "Kutch Mahila Bachat Network": "Asia/Kolkata",
    "Palash Tribal School Trust": "Not/A_Zone",
}
HARBOUR = "Harbour Trust"  # built by hand: two years of posts, so engagement is measured against the year before
EMPTY = ("Empty Trust", "Website Only Trust", "Outcomes Only Trust")
WEIGHTS = {"channels": 30.0, "engagement": 5.0, "conversation": 0.0}  # the others keep their default weight


# ---------------------------------------------------------------------------------------------
# The reference: the one-pair-at-a-time code before issue 18's batching (a private copy; do not use elsewhere)


def _old_params(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> dict[str, object]:
    return {"org": organisation_id, "tz": organisation_timezone(con, organisation_id), "start": start, "end": end}


def _old_posts_per_channel(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date
) -> pd.DataFrame:
    """Per channel: posts on the local days start..end and the weeks (Monday to Sunday) that had one."""
    sql = f"""SELECT platform, count(*) AS posts, count(DISTINCT date_trunc('week', local_day)) AS weeks
              FROM {posts_between(platforms=None)}
              WHERE platform NOT IN (SELECT unnest($not_channels::VARCHAR[]))
              GROUP BY platform ORDER BY platform"""
    params = {**_old_params(con, organisation_id, start, end), "not_channels": list(NOT_CHANNELS)}
    return con.execute(sql, params).df()


def _old_weeks_in(start: date, end: date) -> int:
    """Weeks (Monday to Sunday) that hold at least one day of start..end."""
    first = start - timedelta(days=start.weekday())
    last = end - timedelta(days=end.weekday())
    return (last - first).days // 7 + 1


def _old_channels(
    con: duckdb.DuckDBPyConnection, organisation_id: int, end: date, weights: dict[str, float]
) -> Component:
    start = end - timedelta(days=ACTIVE_DAYS - 1)
    ever = con.execute(
        "SELECT count(*) FROM post WHERE organisation_id = ? AND platform NOT IN ('website')", [organisation_id]
    ).fetchone()
    if not ever or not ever[0]:
        return _component("channels", None, "No posts imported.", weights)
    active = _old_posts_per_channel(con, organisation_id, start, end)
    names = ", ".join(platform_label(p) for p in active["platform"])
    raw = f"{len(active)} channel{'s' if len(active) != 1 else ''} posted in the {ACTIVE_DAYS} days to {end:%d %b %Y}"
    raw += f" ({names})." if len(active) else "."
    details = active.assign(channel=active["platform"].map(platform_label))[["channel", "posts"]]
    points = 100 * min(len(active), ENOUGH_CHANNELS) / ENOUGH_CHANNELS
    return _component("channels", points, raw, weights, details, {"active": len(active)})


def _old_base_platform(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    links = _old_base_platform_links(con, organisation_id, start, end)
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


def _old_consistency(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    per_channel = _old_posts_per_channel(con, organisation_id, start, end)
    weeks = _old_weeks_in(start, end)
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


def _old_months(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months of start..end, the first and last cut to the period."""
    months = []
    first = start
    while first <= end:
        following = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        months.append((first, min(end, following - timedelta(days=1))))
        first = following
    return months


def _old_audience(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    platforms = tuple(_old_platforms_with_data(con, organisation_id))
    months = _old_months(start, end)
    changes = _old_follower_changes(con, Filters(organisation_id, start, end, platforms), months)
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


def _old_rates(
    con: duckdb.DuckDBPyConnection, organisation_id: int, periods: list[tuple[date, date]]
) -> list[pd.DataFrame]:
    """Per platform with a rate: rated impressions and engagement rate, for each period (one statement for all)."""
    parts, params = [], {**_old_params(con, organisation_id, periods[0][0], periods[0][1])}
    for n, (first, last) in enumerate(periods):
        parts.append(
            f"""SELECT {n} AS n, platform, rated_impressions, engagement_rate
                FROM {platform_figures(f"$start{n}", f"$end{n}")} WHERE engagement_rate IS NOT NULL"""
        )
        params.update({f"start{n}": first, f"end{n}": last})
    sql = " UNION ALL ".join(parts) + " ORDER BY n, platform"
    params["platforms"] = _old_platforms_with_data(con, organisation_id)
    frame = con.execute(sql, used(sql, params)).df()
    return [frame[frame["n"] == n].drop(columns="n").reset_index(drop=True) for n in range(len(periods))]


def _old_engagement(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    now, before = _old_rates(
        con, organisation_id, [(start, end), (start - timedelta(days=365), start - timedelta(days=1))]
    )
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


def _old_results(
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


def _old_transparency(
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


def _old_conversation(
    con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date, weights: dict[str, float]
) -> Component:
    sql = f"""SELECT count(*) FILTER (WHERE comments IS NOT NULL), count(*) FILTER (WHERE comments > 0)
              FROM {posts_between(platforms=None)}"""
    reported, replied = con.execute(sql, _old_params(con, organisation_id, start, end)).fetchone()  # type: ignore[misc]
    if not reported:
        return _component("conversation", None, "No post in the period reports replies.", weights)
    raw = f"{replied:,} of {reported:,} posts had at least one reply or comment ({replied / reported:.0%})."
    return _component("conversation", 100 * replied / reported, raw, weights)


def _old_scorecard(
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
        _old_channels(con, organisation_id, end, weights),
        _old_base_platform(con, organisation_id, start, end, weights),
        _old_consistency(con, organisation_id, start, end, weights),
        _old_audience(con, organisation_id, start, end, weights),
        _old_engagement(con, organisation_id, start, end, weights),
        _old_results(con, organisation_id, start, end, weights),
        _old_transparency(con, organisation_id, start, end, today, weights),
        _old_conversation(con, organisation_id, start, end, weights),
    )
    score = overall(components)
    name, reasons, next_steps = stage(components, score)
    return Scorecard(organisation_id, start, end, components, score, name, reasons, next_steps)


def _old_base_platform_links(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> BaseLinks:
    """Whether the other platforms send people to the base platform: posts whose link or text names its host."""
    row = con.execute("SELECT base_url FROM organisation WHERE id = ?", [organisation_id]).fetchone()
    host = base_host(row[0] if row else None)
    if host is None:
        return BaseLinks(None, pd.DataFrame(columns=["platform", "posts", "linking", "share"]),
                         "No base platform is set: give the organisation's website address to see which platforms "
                         "link to it.")  # fmt: skip
    # The host itself or a subdomain of it, not a longer name that merely ends the same way.
    pattern = r"(^|[^a-z0-9-])" + re.escape(host) + r"($|[^a-z0-9-])"
    frame = con.execute(
        f"""SELECT platform, count(*) AS posts,
                   count(*) FILTER (WHERE regexp_matches(lower(coalesce(url, '') || ' ' || coalesce(text, '')), $pattern))
                       AS linking
            FROM {posts_between(platforms=None)}
            WHERE platform <> 'website'
            GROUP BY platform ORDER BY platform""",
        {
            "org": organisation_id,
            "tz": organisation_timezone(con, organisation_id),
            "start": start,
            "end": end,
            "pattern": pattern,
        },
    ).df()
    frame["share"] = frame["linking"] / frame["posts"]
    message = None if len(frame) else "No posts in this period."
    return BaseLinks(host, frame, message)


def _old_follower_changes(
    con: duckdb.DuckDBPyConnection, filters: Filters, periods: list[tuple[date, date]]
) -> list[int | None]:
    """follower_change for each of several periods (first and last day) on the filters' platforms, in one statement.

    The filters' own dates are not used: each period is counted on its own days.
    """
    if not periods:
        return []
    rows = con.execute(
        f"""WITH periods AS (
               SELECT unnest($firsts::DATE[]) AS first, unnest($lasts::DATE[]) AS last,
                      unnest(range(len($firsts::DATE[]))) AS n
           ), per_account AS (
               SELECT p.n, d.account_id,
                      arg_max(d.followers, d.day) FILTER (WHERE d.followers IS NOT NULL)
                        - arg_min(d.followers, d.day) FILTER (WHERE d.followers IS NOT NULL) AS from_totals,
                      -- Net from flows only where the export gives both: Meta's Follows.csv has no unfollows,
                      -- and its follows alone are not a net change.
                      CASE WHEN count(d.followers_gained) > 0 AND count(d.followers_lost) > 0
                           THEN coalesce(sum(d.followers_gained), 0) - coalesce(sum(d.followers_lost), 0) END AS from_flows
               FROM {DAYS_IN_PERIOD} d JOIN periods p ON d.day BETWEEN p.first AND p.last
               GROUP BY p.n, d.account_id)
           SELECT n, sum(coalesce(from_totals, from_flows)) FROM per_account GROUP BY n""",
        {
            **filters.params(),
            "start": min(first for first, _ in periods),
            "end": max(last for _, last in periods),
            "firsts": [first for first, _ in periods],
            "lasts": [last for _, last in periods],
        },
    ).fetchall()
    found = {int(n): None if total is None else int(total) for n, total in rows}
    return [found.get(n) for n in range(len(periods))]


def _old_platforms_with_data(con: duckdb.DuckDBPyConnection, organisation_id: int) -> list[str]:
    """Platforms that have posts or account-days for an organisation."""
    return [
        r[0]
        for r in con.execute(
            """SELECT DISTINCT platform FROM (SELECT platform FROM post WHERE organisation_id = $org
                                             UNION ALL SELECT platform FROM account_day WHERE organisation_id = $org)
               ORDER BY 1""",
            {"org": organisation_id},
        ).fetchall()
    ]


def _old_weekly(con: duckdb.DuckDBPyConnection, org_id: int, start: date, end: date) -> pd.DataFrame:
    """Per week: the impressions and the engagement rate of the posts published that week (every platform)."""
    platforms = [
        r[0] for r in con.execute("SELECT DISTINCT platform FROM post WHERE organisation_id = ?", [org_id]).fetchall()
    ]
    sql = f"""SELECT CAST(date_trunc('week', local_day) AS DATE) AS week, CAST(sum(impressions) AS DOUBLE) AS impressions,
                     {RATED_ENGAGEMENTS} / nullif({RATED_IMPRESSIONS}, 0) AS engagement_rate
              FROM {POSTS_IN_PERIOD} GROUP BY week ORDER BY week"""
    return con.execute(sql, period_params(con, Filters(org_id, start, end, tuple(platforms)))).df()


def _old_portfolio_screen(
    con: duckdb.DuckDBPyConnection, portfolio: Portfolio, start: date, end: date, today: date
) -> tuple[dict[str, Scorecard], pd.DataFrame]:
    """The screen's cards and weeks, one grantee and one scorecard at a time."""
    weights = weights_for(con, portfolio.id)
    cards, weekly = {}, []
    for name in portfolio.members:
        org_id = organisation_id(con, name)
        if org_id is None:
            continue
        cards[name] = _old_scorecard(con, org_id, start, end, weights, today)
        weekly.append(_old_weekly(con, org_id, start, end).assign(organisation=name))
    return cards, pd.concat(weekly, ignore_index=True)


def _old_portfolio_trend(con: duckdb.DuckDBPyConnection, portfolio: Portfolio, end: date, today: date) -> pd.DataFrame:
    weights = weights_for(con, portfolio.id)
    trend = []
    for name in portfolio.members:
        org_id = organisation_id(con, name)
        if org_id is None:
            continue
        for label, first, last in quarters(end):
            score = _old_scorecard(con, org_id, first, last, weights, today).score
            trend.append({"organisation": name, "quarter": label, "score": score})
    return pd.DataFrame(trend, columns=["organisation", "quarter", "score"])


# ---------------------------------------------------------------------------------------------
# The store


def _harbour(con: duckdb.DuckDBPyConnection) -> int:
    """Two years on X (UTC times, near midnight in Kiritimati, UTC+14) and Facebook, followers, results, a campaign."""
    org_id = ensure_organisation(
        con, HARBOUR, timezone="Pacific/Kiritimati", base_url="https://www.Harbour-Trust.org/home", currency="EUR"
    )
    rows: list[P] = []
    for month in range(24):
        first = date(2024, 12, 1) + timedelta(days=30.5 * month)
        for day, hour in ((0, 9), (0, 10), (11, 22), (17, 23), (29, 10)):  # 10:00 UTC is 00:00 the next day there
            when = datetime(first.year, first.month, first.day) + timedelta(days=day, hours=hour)
            n = len(rows)
            rows.append(
                P(
                    when.isoformat(sep=" "),
                    impressions=None if n % 7 == 0 else 100 + 13 * n,
                    engagements=None if n % 5 == 0 else 3 + n % 11 * (1 + month // 12),
                    comments=None if n % 3 == 0 else n % 4,
                    text=["Give at harbour-trust.org/give", "News from myharbour-trust.org", "Tide report", None][
                        n % 4
                    ],
                    url="https://blog.harbour-trust.org/x" if n % 6 == 0 else None,
                )
            )
    posts(con, org_id, "x", *rows, as_of=datetime(2026, 11, 20))
    posts(
        con, org_id, "facebook",
        *(P(f"2026-{m:02d}-01 00:30", 500, 40 + m, comments=m % 2) for m in range(1, 12)),
        P("2025-12-31 23:30", 400, 10), P("2025-11-25 23:59", 300, 5),
        as_of=datetime(2026, 8, 1),  # stale
    )  # fmt: skip
    days(
        con, org_id, "x",
        [(f"2026-{m:02d}-{d:02d}", 1000 + 7 * m - d, None, None) for m in range(1, 12) for d in (1, 15, 28)],
    )  # fmt: skip
    days(con, org_id, "facebook", [(f"2026-{m:02d}-10", None, 5 + m, m % 3) for m in range(1, 12)])
    outcome(con, org_id, date(2026, 3, 3), "donation", amount=50.0, currency="EUR")
    outcome(con, org_id, date(2026, 3, 4), "donation", amount=20.0, currency="USD")  # another currency: left out
    outcome(con, org_id, date(2026, 7, 1), "volunteer", quantity=3)
    outcome(con, org_id, date(2025, 12, 31), "signup", quantity=2)
    minutes(con, org_id, date(2026, 3, 3), 95)
    minutes(con, org_id, date(2026, 9, 30), 40)
    campaign = create_campaign(con, org_id, "Spring tide", date(2026, 3, 1), date(2026, 5, 31))
    set_goal(con, campaign, "volunteers", 10)
    add_evidence(con, campaign, EvidenceEntry(kind="story", title="A boat", day=date(2026, 4, 2)))
    return org_id


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, sample_store: Path) -> Path:
    """The demo store moved to other time zones, with Harbour Trust and three organisations with little or nothing."""
    path = tmp_path_factory.mktemp("batch") / "impact.duckdb"
    path.write_bytes(sample_store.read_bytes())
    with open_store(path) as con:
        for name, zone in ZONES.items():
            con.execute("UPDATE organisation SET timezone = ? WHERE name = ?", [zone, name])
        _harbour(con)
        ensure_organisation(con, EMPTY[0], timezone="Europe/Paris")
        ensure_organisation(con, EMPTY[1], timezone="Asia/Tokyo", base_url="https://websiteonly.example")
        only_outcomes = ensure_organisation(con, EMPTY[2], timezone="America/Sao_Paulo")
        outcome(con, only_outcomes, date(2026, 2, 2), "signup", quantity=4)
        derived.sum_post_days(con)  # the zones changed and Harbour's posts were written straight to `post`
        con.execute("CHECKPOINT")
    return path


@pytest.fixture
def con(store: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with open_store(store) as connection:
        yield connection


def _ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [int(i) for (i,) in con.execute("SELECT id FROM organisation ORDER BY id").fetchall()]


def _periods() -> list[tuple[date, date]]:
    """The demo's year, its quarters, a month, a day, Harbour's first year, a month around New Year, nothing at all."""
    return [
        (START, END),
        *((first, last) for _, first, last in quarters(END)),
        (date(2026, 5, 1), date(2026, 5, 31)),
        (END, END),
        (date(2024, 12, 1), date(2025, 11, 30)),
        (date(2025, 12, 15), date(2026, 1, 14)),
        (date(2019, 1, 1), date(2019, 3, 31)),  # before any data
    ]


# ---------------------------------------------------------------------------------------------
# Comparing


def _same_frame(new: pd.DataFrame, old: pd.DataFrame, what: str) -> None:
    pd.testing.assert_frame_equal(new, old, check_exact=True, obj=what)


def assert_same_card(new: Scorecard, old: Scorecard) -> None:
    what = f"organisation {old.organisation_id}, {old.start} to {old.end}"
    assert (new.organisation_id, new.start, new.end) == (old.organisation_id, old.start, old.end), what
    assert [c.key for c in new.components] == [c.key for c in old.components] == list(COMPONENTS), what
    for n, o in zip(new.components, old.components, strict=True):
        at = f"{what}, {o.key}"
        assert (n.measured, n.points, n.weight, n.raw) == (o.measured, o.points, o.weight, o.raw), at
        assert (n.name, n.definition, n.raise_it, n.measure_with) == (o.name, o.definition, o.raise_it, o.measure_with)
        assert n.facts == o.facts, at
        assert [type(v) for v in n.facts.values()] == [type(v) for v in o.facts.values()], at
        _same_frame(n.details, o.details, f"{at} details")
    assert (new.score, new.stage, new.stage_reasons, new.next_steps) == (
        old.score, old.stage, old.stage_reasons, old.next_steps,
    ), what  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The tests


def test_the_store_covers_what_the_batch_must_get_right(con: duckdb.DuckDBPyConnection) -> None:
    zones = {
        name: organisation_timezone(con, i) for i, name in con.execute("SELECT id, name FROM organisation").fetchall()
    }
    # Kolkata, Kiritimati (twice), Pago Pago, Los Angeles, UTC (the unknown zone), Paris, Tokyo, São Paulo
    assert len(set(zones.values())) == 8
    cards = scorecards(con, [(i, START, END) for i in _ids(con)], WEIGHTS, TODAY)
    measured = {key: sum(card.component(key).measured for card in cards) for key in COMPONENTS}
    # Every component is measured for some organisations and not for others.
    assert all(0 < count < len(cards) for count in measured.values()), measured
    empty = cards[_ids(con).index(organisation_id(con, EMPTY[0]) or 0)]
    assert empty.score is None and not any(c.measured for c in empty.components)


def test_scorecards_of_many_pairs_equal_those_one_pair_at_a_time(con: duckdb.DuckDBPyConnection) -> None:
    pairs = [(org_id, first, last) for org_id in _ids(con) for first, last in _periods()]
    pairs += [pairs[0], (pairs[3][0], START, END)]  # a pair twice, and with other pairs of its organisation between
    batched = scorecards(con, pairs, WEIGHTS, TODAY)
    assert len(batched) == len(pairs)
    for card, (org_id, first, last) in zip(batched, pairs, strict=True):
        assert_same_card(card, _old_scorecard(con, org_id, first, last, WEIGHTS, TODAY))


def test_one_pair_is_the_batch_of_one(con: duckdb.DuckDBPyConnection) -> None:
    harbour = organisation_id(con, HARBOUR)
    assert harbour is not None
    for first, last in _periods():
        assert_same_card(
            scorecard(con, harbour, first, last, today=TODAY), _old_scorecard(con, harbour, first, last, None, TODAY)
        )
    assert scorecard(con, harbour, START, END, today=TODAY).component("engagement").measured
    assert_same_card(scorecard(con, 9999, START, END, today=TODAY), _old_scorecard(con, 9999, START, END, None, TODAY))


def test_the_portfolio_screens_equal_those_one_grantee_at_a_time(con: duckdb.DuckDBPyConnection) -> None:
    cohort = portfolio_named(con, "Digital skills cohort 2026")
    assert cohort is not None
    everyone = Portfolio(cohort.id, cohort.name, "", (), tuple(sorted([*cohort.members, HARBOUR, *EMPTY, "Not there"])))
    for start, end in [(START, END), (date(2026, 1, 1), date(2026, 1, 31)), (date(2019, 1, 1), date(2019, 12, 31))]:
        screen = portfolio_screen(con, everyone, start, end, TODAY)
        cards, weekly = _old_portfolio_screen(con, everyone, start, end, TODAY)
        assert list(screen.cards) == list(cards)
        for name in cards:
            assert_same_card(screen.cards[name], cards[name])
        _same_frame(screen.weekly, weekly, "weekly")
    _same_frame(portfolio_trend(con, everyone, END, TODAY), _old_portfolio_trend(con, everyone, END, TODAY), "trend")


def test_links_to_the_base_platform_are_counted_as_before(con: duckdb.DuckDBPyConnection) -> None:
    for org_id in _ids(con):
        for first, last in _periods():
            new, old = base_platform_links(con, org_id, first, last), _old_base_platform_links(con, org_id, first, last)
            assert (new.host, new.message) == (old.host, old.message)
            _same_frame(new.platforms, old.platforms, f"links of {org_id}, {first} to {last}")


def test_among_keeps_exactly_the_listed_ids() -> None:
    """among(): its bounds only let DuckDB skip row groups; the list decides (5 lies between 3 and 7, and is out)."""
    from impact.definitions.sql import among

    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT range AS id FROM range(10)")

    def kept(ids: list[int]) -> list[int]:
        return [r[0] for r in con.execute(f"SELECT id FROM t WHERE {among('id')} ORDER BY id", {"ids": ids}).fetchall()]

    assert kept([7, 3]) == [3, 7]
    assert kept([4]) == [4]
    assert kept([]) == []
    assert kept([42]) == []
