"""The Overview's figures: headline figures, the weekly trend, the platform table and what changed most.

Every function takes a connection and bound filter values; the definitions shown next to each
figure are in impact.definitions, their SQL in impact.definitions.sql.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from impact.campaigns.goals import GoalGlance, campaign_periods, goals_at_a_glance
from impact.definitions.sql import (
    LOCAL_DAY,
    PLATFORM_FIGURES,
    POSTS_IN_PERIOD,
    among,
    days_between,
    organisation_timezone,
    period_params,
    posts_between,
    used,
)
from impact.filters import Filters
from impact.store.history import imported_file_count


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


@dataclass(frozen=True)
class Headline:
    """The overview's figures for one period; None where the data cannot give a figure."""

    posts: int
    impressions: int | None
    reach: int | None
    engagements: int | None
    engagement_rate: float | None
    follower_change: int | None
    video_views: int | None


# platform_breakdown's columns; _platform_rows adds the sums the headline's engagement rate and views need.
_BREAKDOWN_COLUMNS = ["platform", "source", "posts", "impressions", "reach", "engagements", "engagement_rate"]


def _platform_rows(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """sql.PLATFORM_FIGURES' rows for the filters, the platform with the most impressions first."""
    sql = f"""SELECT platform, source, posts, impressions, reach, engagements, engagement_rate,
                     rated_engagements, rated_impressions, video_views
              FROM {PLATFORM_FIGURES} ORDER BY impressions DESC NULLS LAST, platform"""
    return con.execute(sql, used(sql, period_params(con, filters))).df()


def _total(values: list[float]) -> float | None:
    """SQL's sum of a column: None when no row has a value. The values are counts (whole numbers), so exact."""
    present = [v for v in values if v is not None and not pd.isna(v)]
    return sum(present) if present else None


def _headline_of(rows: pd.DataFrame, followers: int | None) -> Headline:
    """The totals of the platform rows (and the follower change, which is counted from accounts' days)."""
    totals = {column: _total(rows[column].tolist()) for column in rows.columns if column not in ("platform", "source")}
    rated_eng, rated_imp = totals["rated_engagements"], totals["rated_impressions"]
    return Headline(
        posts=int(totals["posts"] or 0),
        impressions=_int_or_none(totals["impressions"]),
        reach=_int_or_none(totals["reach"]),
        engagements=_int_or_none(totals["engagements"]),
        engagement_rate=float(rated_eng) / float(rated_imp) if rated_eng is not None and rated_imp else None,
        follower_change=followers,
        video_views=_int_or_none(totals["video_views"]),
    )


def headline(con: duckdb.DuckDBPyConnection, filters: Filters) -> Headline:
    """Posts, impressions, engagements, engagement rate and follower change in the period.

    The totals of platform_breakdown's rows: each platform counted as sql.PLATFORM_FIGURES defines.
    """
    return _headline_of(_platform_rows(con, filters), follower_change(con, filters))


def follower_change(con: duckdb.DuckDBPyConnection, filters: Filters) -> int | None:
    """Net followers over the period: from totals where exports give them, else gained − lost."""
    return follower_changes(con, filters, [(filters.start, filters.end)])[0]


def follower_changes(
    con: duckdb.DuckDBPyConnection, filters: Filters, periods: list[tuple[date, date]]
) -> list[int | None]:
    """follower_change for each of several periods (first and last day) on the filters' platforms, in one statement.

    The filters' own dates are not used: each period is counted on its own days.
    """
    return follower_changes_of(con, [(filters.organisation_id, filters.platforms, periods)])[0]


def follower_changes_of(
    con: duckdb.DuckDBPyConnection, requests: Sequence[tuple[int, Sequence[str], Sequence[tuple[date, date]]]]
) -> list[list[int | None]]:
    """follower_changes of several organisations (organisation id, platforms, periods each), in one statement."""
    parts: list[str] = []
    params: dict[str, object] = {}
    for i, (organisation_id, platforms, periods) in enumerate(requests):
        if not periods:
            continue
        parts.append(
            f"""SELECT {i} AS i, p.n, d.account_id,
                       arg_max(d.followers, d.day) FILTER (WHERE d.followers IS NOT NULL)
                         - arg_min(d.followers, d.day) FILTER (WHERE d.followers IS NOT NULL) AS from_totals,
                       -- Net from flows only where the export gives both: Meta's Follows.csv has no unfollows,
                       -- and its follows alone are not a net change.
                       CASE WHEN count(d.followers_gained) > 0 AND count(d.followers_lost) > 0
                            THEN coalesce(sum(d.followers_gained), 0) - coalesce(sum(d.followers_lost), 0)
                       END AS from_flows
                FROM {days_between(f"$start{i}", f"$end{i}", org=f"$org{i}", platforms=f"$platforms{i}")} d
                JOIN (SELECT unnest($firsts{i}::DATE[]) AS first, unnest($lasts{i}::DATE[]) AS last,
                             unnest(range(len($firsts{i}::DATE[]))) AS n) p ON d.day BETWEEN p.first AND p.last
                GROUP BY p.n, d.account_id"""
        )
        params.update(
            {
                f"org{i}": organisation_id,
                f"platforms{i}": list(platforms),
                f"start{i}": min(first for first, _ in periods),
                f"end{i}": max(last for _, last in periods),
                f"firsts{i}": [first for first, _ in periods],
                f"lasts{i}": [last for _, last in periods],
            }
        )
    found: dict[tuple[int, int], int | None] = {}
    if parts:
        rows = con.execute(
            f"""SELECT i, n, sum(coalesce(from_totals, from_flows))
                FROM ({" UNION ALL ".join(parts)}) GROUP BY i, n""",
            params,
        ).fetchall()
        found = {(int(i), int(n)): _int_or_none(total) for i, n, total in rows}
    return [[found.get((i, n)) for n in range(len(periods))] for i, (_, _, periods) in enumerate(requests)]


def weekly_trend(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per platform and week (Monday): posts, impressions and engagements of posts published that week."""
    sql = f"""SELECT platform, CAST(date_trunc('week', local_day) AS DATE) AS week, count(*) AS posts,
                     CAST(sum(impressions) AS DOUBLE) AS impressions, CAST(sum(engagements) AS DOUBLE) AS engagements
              FROM {POSTS_IN_PERIOD}
              GROUP BY ALL ORDER BY week, platform"""
    return con.execute(sql, period_params(con, filters)).df()


def platform_breakdown(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per platform: posts, impressions, reach, engagements and the impression-weighted engagement rate.

    Columns as sql.PLATFORM_FIGURES; a platform with daily figures only has source 'days' and no rate.
    """
    return _platform_rows(con, filters)[_BREAKDOWN_COLUMNS]


def data_range(
    con: duckdb.DuckDBPyConnection, organisation_id: int, social_only: bool = False
) -> tuple[date, date] | None:
    """The first and last local day with data of an organisation, from its posts, account figures, mentions
    and interactions; unless social_only, donations, time logged and website traffic count too.

    Those count for the first day ("All data" holds a donation older than every post) but for the last
    only when there is nothing else: time is logged after the platforms' exports (today's entry), and the
    sidebar's periods, which end on this last day, would run on past every platform's data. An
    organisation whose only export is a donation report or a time log has a period too (it was one day,
    today). social_only is what the Overview compares periods on.
    """
    social = _social_range(con, organisation_id)
    if social_only:
        return social
    row = con.execute(
        # Donations' times are local already (outcomes_between); time entries and traffic are local days.
        """SELECT min(d), max(d) FROM (
               SELECT CAST(occurred_at AS DATE) AS d FROM outcome WHERE organisation_id = $org
               UNION ALL SELECT day FROM time_entry WHERE organisation_id = $org
               UNION ALL SELECT period_start FROM web_traffic WHERE organisation_id = $org
               UNION ALL SELECT period_end FROM web_traffic WHERE organisation_id = $org)""",
        {"org": organisation_id},
    ).fetchone()
    others = (row[0], row[1]) if row and row[0] else None
    if social is None or others is None:
        return social or others
    return min(social[0], others[0]), social[1]


def _social_range(con: duckdb.DuckDBPyConnection, organisation_id: int) -> tuple[date, date] | None:
    row = con.execute(
        # Each platform's first and last post, then their local days: the same days as converting every
        # post (the conversion keeps order within a platform), at the cost of a few rows. Mentions are
        # listening feeds' items, in UTC like the platform 'web' says: a listening-only organisation has
        # a period too, and a mention newer than the last post is inside the default one. So are
        # interactions: an API's times (moved like posts' times), the interactions template's days.
        f"""WITH ends AS (
                SELECT platform, min(published_at) AS first, max(published_at) AS last FROM post
                WHERE organisation_id = $org GROUP BY platform
                UNION ALL
                SELECT 'web', min(published_at), max(published_at) FROM mention
                WHERE organisation_id = $org HAVING count(*) > 0
                UNION ALL
                SELECT platform, min(occurred_at), max(occurred_at) FROM interaction
                WHERE organisation_id = $org AND occurred_at IS NOT NULL GROUP BY platform
            ), times AS (
                SELECT platform, first AS published_at FROM ends UNION ALL SELECT platform, last FROM ends
            )
            SELECT min(d), max(d) FROM (
                SELECT {LOCAL_DAY} AS d FROM times
                UNION ALL SELECT day FROM account_day WHERE organisation_id = $org
                UNION ALL SELECT occurred_on FROM interaction WHERE organisation_id = $org)""",
        {"org": organisation_id, "tz": organisation_timezone(con, organisation_id)},
    ).fetchone()
    return (row[0], row[1]) if row and row[0] else None


def platforms_with_data(con: duckdb.DuckDBPyConnection, organisation_id: int) -> list[str]:
    """Platforms that have posts or account-days for an organisation."""
    return platforms_with_data_of(con, [organisation_id])[organisation_id]


def platforms_with_data_of(con: duckdb.DuckDBPyConnection, organisation_ids: Iterable[int]) -> dict[int, list[str]]:
    """platforms_with_data of several organisations, in one statement."""
    ids = sorted(set(organisation_ids))
    found: dict[int, list[str]] = {i: [] for i in ids}
    for organisation_id, platform in con.execute(
        f"""SELECT DISTINCT organisation_id, platform FROM (
               -- post_day has a row for every platform an organisation has posts on (see sql.POST_DAY_SUMS)
               SELECT organisation_id, platform FROM post_day WHERE {among("organisation_id")}
               UNION ALL SELECT organisation_id, platform FROM account_day WHERE {among("organisation_id")})
           ORDER BY 1, 2""",
        {"ids": ids},
    ).fetchall():
        found[int(organisation_id)].append(platform)
    return found


@dataclass(frozen=True)
class Change:
    """The platform whose impressions changed most against an earlier period, and the posts behind it."""

    platform: str
    now: float
    before: float
    posts: pd.DataFrame  # the period's posts on that platform with the most impressions


def biggest_change(con: duckdb.DuckDBPyConnection, filters: Filters, earlier: Filters, top: int = 3) -> Change | None:
    """What changed most: the platform with the largest change in impressions, with its top posts."""
    before = Filters(filters.organisation_id, earlier.start, earlier.end, filters.platforms)
    return _biggest_change_of(con, filters, _platform_rows(con, filters), _platform_rows(con, before), top)


def _post_impressions(rows: pd.DataFrame) -> dict[str, float | None]:
    """Σ impressions of the posts per platform counted from its posts (None: no post reports them)."""
    posted = rows[rows["source"] == "posts"]
    return {
        str(p): None if pd.isna(v) else float(v) for p, v in zip(posted["platform"], posted["impressions"], strict=True)
    }


def _biggest_change_of(
    con: duckdb.DuckDBPyConnection, filters: Filters, now_rows: pd.DataFrame, before_rows: pd.DataFrame, top: int = 3
) -> Change | None:
    """biggest_change from the two periods' platform rows (_platform_rows): their posts' impressions."""
    now, before = _post_impressions(now_rows), _post_impressions(before_rows)
    moved = [
        (platform, now.get(platform) or 0.0, before.get(platform) or 0.0)
        for platform in {*now, *before}
        if now.get(platform) is not None or before.get(platform) is not None
    ]
    if not moved:
        return None
    platform, impressions_now, impressions_before = min(moved, key=lambda m: (-abs(m[1] - m[2]), m[0]))
    if impressions_now == impressions_before:
        return None
    sql = f"""SELECT local_day AS published, text, impressions, engagements, url
              FROM {posts_between(platforms="[$platform]")}
              WHERE impressions IS NOT NULL
              ORDER BY impressions DESC, post_id LIMIT $top"""
    posts = con.execute(sql, used(sql, {**period_params(con, filters), "platform": platform, "top": top})).df()
    return Change(platform, impressions_now, impressions_before, posts)


@dataclass(frozen=True)
class OverviewScreen:
    """Everything the Overview shows for one choice of filters."""

    filters: Filters
    previous: Filters  # the period of the same length just before
    year_earlier: Filters
    now: Headline
    before: Headline | None  # None when the data does not cover the previous period
    last_year: Headline | None  # None when the data does not cover the same dates a year earlier
    span: tuple[date, date] | None  # the organisation's first and last local day with social data (compared)
    latest: date | None  # its latest day with any data (donations, time logged too): campaigns are judged on it
    biggest: Change | None
    trend: pd.DataFrame  # weekly_trend
    breakdown: pd.DataFrame  # platform_breakdown
    files: int  # imported files the figures come from
    campaign_periods: list[tuple[str, date, date]]
    goals: list[GoalGlance]  # running (or just ended) campaigns' goals, judged on the latest day with data


def overview_screen(con: duckdb.DuckDBPyConnection, filters: Filters) -> OverviewScreen:
    """The Overview's figures: this period, the previous one and a year earlier where the data covers them."""
    span = data_range(con, filters.organisation_id, social_only=True)
    # data_range ends on the platforms' last day whenever there is one: only an organisation without platform
    # data needs the other tables (donations, time logged) for the day campaigns are judged on.
    whole = span or data_range(con, filters.organisation_id)
    previous, year_earlier = filters.previous(), filters.year_earlier()
    # Only compare with a period the data fully covers; a partial one makes every change look huge.
    covered = bool(span and span[0] <= previous.start)
    # The headline is the total of the platform table's rows: one query gives both, for each period; the
    # follower changes of both periods come from one statement, and what changed most from the same rows.
    rows = _platform_rows(con, filters)
    before_rows = _platform_rows(con, previous) if covered else None
    followers = follower_changes(
        con, filters, [(filters.start, filters.end), *([(previous.start, previous.end)] if covered else [])]
    )
    before = _headline_of(before_rows, followers[1]) if before_rows is not None else None
    # A period of 365 days has the same dates a year earlier as just before: counted once.
    last_year = (
        (before if year_earlier == previous else headline(con, year_earlier))
        if span and span[0] <= year_earlier.start
        else None
    )
    return OverviewScreen(
        filters=filters,
        previous=previous,
        year_earlier=year_earlier,
        now=_headline_of(rows, followers[0]),
        before=before,
        last_year=last_year,
        span=span,
        latest=whole[1] if whole else None,
        biggest=_biggest_change_of(con, filters, rows, before_rows) if before_rows is not None else None,
        trend=weekly_trend(con, filters),
        breakdown=rows[_BREAKDOWN_COLUMNS],
        files=imported_file_count(con, filters.organisation_id),
        campaign_periods=campaign_periods(con, filters.organisation_id, filters.start, filters.end),
        # Judged on the latest day with data, as the Campaigns page judges them, whatever the period.
        goals=goals_at_a_glance(con, filters.organisation_id, whole[1]) if whole else [],
    )
