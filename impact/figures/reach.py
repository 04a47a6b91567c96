"""Reach & engagement: impressions, reach, engagement rate and follower growth over time, and the
platforms compared per post and per 1,000 followers; the queries and their figures.

Posts count on the organisation's local day of publication: X and LinkedIn state publish times in
UTC, which are moved to the organisation's time zone; Meta's are already local, YouTube and TikTok
give a date only. Definitions of every figure are in impact.definitions, their SQL in impact.definitions.sql.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from impact.campaigns.goals import campaign_periods
from impact.definitions.sql import (
    DAYS_IN_PERIOD,
    ENGAGEMENT_RATE,
    POSTS_IN_PERIOD,
    RATED_ENGAGEMENTS,
    RATED_IMPRESSIONS,
    period_params,
    used,
)
from impact.filters import Filters
from impact.platforms import platform_label

GRANULARITIES = {"Day": "day", "Week": "week", "Month": "month"}
COMPONENTS = ["likes", "comments", "shares", "saves", "clicks"]

# What to upload to fill each chart, said where a chart would otherwise be empty.
EMPTY_IMPRESSIONS = (
    "No impressions in this period. Upload daily account exports (X account overview, Meta Business Suite "
    "Views.csv, LinkedIn's content export) or post exports (X Content, Meta Business Suite content export, "
    "YouTube Studio Table data.csv). TikTok reports video views, which are not impressions."
)
EMPTY_REACH = (
    "No reach in this period. Upload Meta Business Suite Reach.csv, Facebook's page-level Insights export, "
    "TikTok Viewers.csv, or a Meta Business Suite content export (reach per post). X gives no reach."
)
EMPTY_ENGAGEMENT = (
    "No posts with both impressions and engagements in this period. Upload post exports: X Content, "
    "Meta Business Suite content export, YouTube Studio Table data.csv, LinkedIn's content export."
)
EMPTY_COMPONENTS = (
    "No likes, comments, shares, saves or clicks in this period. Upload post exports: X Content, Meta "
    "Business Suite content export, YouTube Studio Table data.csv, LinkedIn's content export."
)
EMPTY_FOLLOWERS = (
    "No follower data in this period. Upload X's account overview (new follows and unfollows), Meta Business "
    "Suite Follows.csv and Unfollows.csv, LinkedIn's followers export, TikTok FollowerHistory.csv or "
    "Facebook's page-level Insights export (page likes)."
)


def _bucket(column: str, grain: str) -> str:
    """SQL for the start of the bucket a day falls in; 'period' puts the whole period in one bucket."""
    if grain == "period":
        return "CAST($start AS DATE)"
    if grain not in GRANULARITIES.values():
        raise ValueError(f"unknown granularity {grain!r}; use one of {', '.join(GRANULARITIES.values())}")
    return f"CAST(date_trunc($grain, {column}) AS DATE)"


def _params(con: duckdb.DuckDBPyConnection, filters: Filters, grain: str) -> dict[str, object]:
    params = period_params(con, filters)
    if grain != "period":
        params["grain"] = grain
    return params


# The period's posts on their local day (sql.POSTS_IN_PERIOD) and its daily account figures.
_PERIOD = f"period_posts AS (SELECT * FROM {POSTS_IN_PERIOD}), period_days AS (SELECT * FROM {DAYS_IN_PERIOD})"
_DAYS = f"period_days AS (SELECT * FROM {DAYS_IN_PERIOD})"

_OUTPUT_COLUMNS = {"impressions": "impressions", "reach": "reach"}  # identifiers allowed into the SQL


def output_trend(
    con: duckdb.DuckDBPyConnection, filters: Filters, grain: str, metric: str, daily_first: bool = True
) -> pd.DataFrame:
    """Impressions or reach per platform and bucket: daily account figures where the platform has them, else posts.

    Columns: platform, bucket, value, source ('daily' = sum of the days' figures, 'posts' = lifetime
    figures of the posts published in the bucket). Buckets where nothing is reported have no row (not 0).
    With daily_first False, every platform is counted from its posts.
    """
    return output_trends(con, filters, grain, (metric,), daily_first)[metric]


def output_trends(
    con: duckdb.DuckDBPyConnection, filters: Filters, grain: str, metrics: tuple[str, ...], daily_first: bool = True
) -> dict[str, pd.DataFrame]:
    """output_trend of each metric (impressions, reach), from one statement: the period is read once for all."""
    columns = [_OUTPUT_COLUMNS[metric] for metric in metrics]
    sums = ", ".join(f"sum({c}) AS {c}, count({c}) AS {c}_reported" for c in columns)
    parts = []
    for n, column in enumerate(columns):
        parts.append(
            f"""SELECT {n} AS metric, platform, bucket, CAST({column} AS DOUBLE) AS value, 'daily' AS source FROM daily
            WHERE $daily_first AND {column}_reported > 0
              AND platform IN (SELECT platform FROM daily GROUP BY platform HAVING sum({column}_reported) > 0)
            UNION ALL
            SELECT {n}, platform, bucket, CAST({column} AS DOUBLE), 'posts' FROM posts
            WHERE {column}_reported > 0 AND (NOT $daily_first OR platform NOT IN (
                SELECT platform FROM daily GROUP BY platform HAVING sum({column}_reported) > 0))"""
        )
    frame = con.execute(
        f"""WITH {_PERIOD},
            daily AS (SELECT platform, {_bucket("day", grain)} AS bucket, {sums} FROM period_days GROUP BY ALL),
            posts AS (SELECT platform, {_bucket("local_day", grain)} AS bucket, {sums} FROM period_posts GROUP BY ALL)
            {" UNION ALL ".join(parts)}
            ORDER BY metric, bucket, platform""",
        {**_params(con, filters, grain), "daily_first": daily_first},
    ).df()
    return {
        metric: frame[frame["metric"] == n].drop(columns="metric").reset_index(drop=True)
        for n, metric in enumerate(metrics)
    }


def engagement_trend(con: duckdb.DuckDBPyConnection, filters: Filters, grain: str) -> pd.DataFrame:
    """Per platform and bucket of publication: posts, Σ engagements ÷ Σ impressions and its components.

    The rate counts only posts that report both figures, weighting each post by its impressions.
    A component a platform does not report is NULL, not 0.
    """
    components = ", ".join(f"CAST(sum({c}) AS DOUBLE) AS {c}" for c in COMPONENTS)
    return con.execute(
        f"""WITH {_PERIOD}
            SELECT platform, {_bucket("local_day", grain)} AS bucket, count(*) AS posts,
                   CAST(sum(engagements) AS DOUBLE) AS engagements,
                   {RATED_ENGAGEMENTS} AS rated_engagements, {RATED_IMPRESSIONS} AS rated_impressions,
                   {ENGAGEMENT_RATE} AS engagement_rate,
                   {components}
            FROM period_posts GROUP BY ALL ORDER BY bucket, platform""",
        _params(con, filters, grain),
    ).df()


def follower_growth(con: duckdb.DuckDBPyConnection, filters: Filters, grain: str) -> pd.DataFrame:
    """Per platform and bucket: followers gained, lost and net, as the account exports give them.

    Net comes from follower totals where an account has at least two in the period (each day's total
    minus the previous one in the period, so buckets add up to end − start); otherwise gained − lost,
    only where every day in the bucket reports both. grain 'period' gives one row per platform.
    """
    sql = f"""WITH {_DAYS},
            accounts AS (
                SELECT platform, account_id, count(followers) >= 2 AS by_totals FROM period_days GROUP BY ALL
            ), totals AS (
                SELECT platform, account_id, day,
                       followers - lag(followers) OVER (PARTITION BY platform, account_id ORDER BY day) AS change
                FROM period_days WHERE followers IS NOT NULL
            ), per_account AS (
                SELECT d.platform, d.account_id, {_bucket("d.day", grain)} AS bucket, any_value(a.by_totals) AS by_totals,
                       sum(d.followers_gained) AS gained, sum(d.followers_lost) AS lost,
                       count(*) FILTER (WHERE d.followers_gained IS NOT NULL OR d.followers_lost IS NOT NULL) AS flow_days,
                       count(*) FILTER (WHERE d.followers_gained IS NOT NULL AND d.followers_lost IS NOT NULL)
                         AS both_days,
                       sum(t.change) AS total_change, count(t.change) AS total_changes
                FROM period_days d JOIN accounts a USING (platform, account_id)
                LEFT JOIN totals t USING (platform, account_id, day)
                GROUP BY ALL
            ), nets AS (
                SELECT *, CASE WHEN by_totals THEN (CASE WHEN total_changes > 0 THEN total_change END)
                               WHEN flow_days > 0 AND both_days = flow_days THEN gained - lost END AS net
                FROM per_account
            )
            SELECT platform, bucket, CAST(sum(gained) AS DOUBLE) AS gained, CAST(sum(lost) AS DOUBLE) AS lost,
                   -- one account without a net figure leaves the platform's net unknown, not smaller
                   CAST(CASE WHEN count(net) = count(*) THEN sum(net) END AS DOUBLE) AS net,
                   bool_or(by_totals) AS from_totals
            FROM nets GROUP BY ALL
            HAVING sum(gained) IS NOT NULL OR sum(lost) IS NOT NULL OR count(net) > 0
            ORDER BY bucket, platform"""
    return con.execute(sql, used(sql, _params(con, filters, grain))).df()


# Why a comparison figure is missing, said in the table instead of a 0.
NO_POSTS = "no post export in this period"
NO_IMPRESSIONS = "posts report no impressions"
NO_FOLLOWERS = "no follower count in the exports (daily follows alone do not give one)"


def platform_comparison(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per selected platform: posts, impressions and engagements per post, engagement rate, per 1,000 followers.

    Per post divides by the posts that report the figure; per 1,000 followers divides the period's
    post totals by the latest follower count in the period; NULL where that count is unknown, with a
    reason in `missing`.
    """
    frame = con.execute(
        f"""WITH {_PERIOD},
            selected AS (SELECT unnest($platforms::VARCHAR[]) AS platform),
            posts AS (
                SELECT platform, count(*) AS posts,
                       CAST(sum(impressions) AS DOUBLE) AS impressions,
                       CAST(sum(engagements) AS DOUBLE) AS engagements,
                       sum(impressions) / nullif(count(impressions), 0) AS impressions_per_post,
                       sum(engagements) / nullif(count(engagements), 0) AS engagements_per_post,
                       {ENGAGEMENT_RATE} AS engagement_rate
                FROM period_posts GROUP BY platform
            ), latest AS (
                SELECT platform, account_id, arg_max(followers, day) AS followers
                FROM period_days WHERE followers IS NOT NULL GROUP BY ALL
            ), followers AS (
                SELECT platform, CAST(sum(followers) AS DOUBLE) AS followers FROM latest GROUP BY platform
            )
            SELECT s.platform, coalesce(p.posts, 0) AS posts, p.impressions_per_post, p.engagements_per_post,
                   p.engagement_rate, f.followers,
                   p.impressions / nullif(f.followers, 0) * 1000 AS impressions_per_1000_followers,
                   p.engagements / nullif(f.followers, 0) * 1000 AS engagements_per_1000_followers
            FROM selected s LEFT JOIN posts p USING (platform) LEFT JOIN followers f USING (platform)
            ORDER BY p.impressions DESC NULLS LAST, s.platform""",
        period_params(con, filters),
    ).df()
    frame["missing"] = [_missing(row) for row in frame.to_dict("records")]
    return frame


def _missing(row: dict[str, object]) -> str:
    """The reasons a platform's row has empty cells."""
    reasons = []
    if row["posts"] == 0:
        reasons.append(NO_POSTS)
    elif pd.isna(row["impressions_per_post"]):
        reasons.append(NO_IMPRESSIONS)
    if pd.isna(row["followers"]):
        reasons.append(NO_FOLLOWERS)
    return "; ".join(reasons)


# Figures: one shared look (impact.charts.look.layout), a colour per platform, exact figures on hover.


def output_label(metric: str, source: str, grain: str) -> str:
    """What a value in the impressions or reach chart is, said so reach is never an unlabelled sum."""
    if metric == "impressions":
        return "impressions on the days shown" if source == "daily" else "lifetime impressions of posts published"
    if source == "daily":
        return "daily reach" if grain == "day" else "sum of daily reach"
    return "sum of post reach (posts published)"


def reported_components(trend: pd.DataFrame, platform: str) -> list[str]:
    """The engagement components a platform's exports report (any value in the period)."""
    rows = trend[trend["platform"] == platform]
    return [c for c in COMPONENTS if rows[c].notna().any()]


# Tables as people read them: numbers formatted, and a missing figure said in words, never a 0.

NOT_REPORTED = "not reported"


def _count(value: float) -> str:
    return NOT_REPORTED if pd.isna(value) else f"{value:,.0f}"


def follower_table(period_growth: pd.DataFrame, platforms: list[str]) -> pd.DataFrame:
    """One row per selected platform: followers gained, lost and net over the period, in words where unknown."""
    by_platform = period_growth.set_index("platform")
    rows = []
    for platform in platforms:
        row = by_platform.loc[platform] if platform in by_platform.index else None
        rows.append(
            {
                "Platform": platform_label(platform),
                "Gained": NOT_REPORTED if row is None else _count(row["gained"]),
                "Lost": NOT_REPORTED if row is None else _count(row["lost"]),
                "Net": NOT_REPORTED if row is None or pd.isna(row["net"]) else f"{row['net']:+,.0f}",
                "Net from": ""
                if row is None or pd.isna(row["net"])
                else ("follower totals" if row["from_totals"] else "gained − lost"),
            }
        )
    return pd.DataFrame(rows)


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """The platform comparison with readable names and column headings; empty cells keep their reason."""
    return pd.DataFrame(
        {
            "Platform": comparison["platform"].map(platform_label),
            "Posts": comparison["posts"],
            "Impressions / post": comparison["impressions_per_post"],
            "Engagements / post": comparison["engagements_per_post"],
            "Engagement rate": comparison["engagement_rate"],
            "Followers (latest)": comparison["followers"],
            "Impressions / 1,000 followers": comparison["impressions_per_1000_followers"],
            "Engagements / 1,000 followers": comparison["engagements_per_1000_followers"],
            "Why a cell is empty": comparison["missing"],
        }
    )


def source_summary(trend: pd.DataFrame) -> dict[str, list[str]]:
    """Which platforms a chart counts from daily account figures and which from posts."""
    return {source: sorted({platform_label(p) for p in rows["platform"]}) for source, rows in trend.groupby("source")}


def comparison_display(table: pd.DataFrame) -> pd.DataFrame:
    """comparison_table's numbers as text: '—' for an unknown figure (its reason is in the last column)."""

    def shown(value: float, pattern: str) -> str:
        return "—" if pd.isna(value) else pattern.format(value)

    out = table.drop(columns=["Why a cell is empty"])  # said under the table instead: too wide for a column
    for column in out.columns:
        if column == "Engagement rate":
            out[column] = [shown(v, "{:.2%}") for v in out[column]]
        elif column.endswith("/ 1,000 followers"):
            out[column] = [shown(v, "{:,.1f}") for v in out[column]]
        elif column != "Platform":
            out[column] = [shown(v, "{:,.0f}") for v in out[column]]
    return out


def missing_reasons(comparison: pd.DataFrame) -> list[str]:
    """'X (Twitter), Facebook: no follower count in the exports ...', one line per reason a cell shows '—'."""
    platforms_by_reason: dict[str, list[str]] = {}
    for platform, missing in zip(comparison["platform"], comparison["missing"], strict=True):
        for reason in filter(None, str(missing).split("; ")):
            platforms_by_reason.setdefault(reason, []).append(platform_label(str(platform)))
    return [f"{', '.join(platforms)}: {reason}" for reason, platforms in platforms_by_reason.items()]


@dataclass(frozen=True)
class ReachScreen:
    """Everything Reach & engagement shows for one choice of filters, bucket and source."""

    grain: str
    impressions: pd.DataFrame  # output_trend of impressions
    reach: pd.DataFrame  # output_trend of reach
    engagement: pd.DataFrame  # engagement_trend
    growth: pd.DataFrame  # follower_growth per bucket
    period_growth: pd.DataFrame  # follower_growth over the whole period
    comparison: pd.DataFrame  # platform_comparison
    campaign_periods: list[tuple[str, date, date]]


def reach_screen(con: duckdb.DuckDBPyConnection, filters: Filters, grain: str, daily_first: bool) -> ReachScreen:
    """The page's figures per day, week or month; daily_first: daily account figures where a platform has them."""
    trends = output_trends(con, filters, grain, ("impressions", "reach"), daily_first)
    return ReachScreen(
        grain=grain,
        impressions=trends["impressions"],
        reach=trends["reach"],
        engagement=engagement_trend(con, filters, grain),
        growth=follower_growth(con, filters, grain),
        period_growth=follower_growth(con, filters, "period"),
        comparison=platform_comparison(con, filters),
        campaign_periods=campaign_periods(con, filters.organisation_id, filters.start, filters.end),
    )
