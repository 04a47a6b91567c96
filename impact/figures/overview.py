"""Figures computed from the store: the summary, the overview's headline figures and trends.

Every function takes a connection and bound filter values; the definitions shown next to each
figure are in impact/definitions.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from impact.filters import Filters

_SUMMARY_SQL = """
WITH posts AS (
    SELECT organisation_id, platform, count(*) AS posts, sum(impressions) AS impressions, sum(reach) AS reach,
           sum(engagements) AS engagements, sum(video_views) AS video_views
    FROM post WHERE $org IS NULL OR organisation_id = (SELECT id FROM organisation WHERE name = $org) GROUP BY ALL
), days AS (
    -- Daily account figures stand in where a platform's export has no posts (TikTok's Overview, a
    -- daily X file): impressions, engagements and views add up over days; reach does not.
    SELECT organisation_id, platform, count(*) AS days, sum(impressions) AS impressions,
           sum(engagements) AS engagements, sum(video_views) AS video_views
    FROM account_day WHERE $org IS NULL OR organisation_id = (SELECT id FROM organisation WHERE name = $org)
    GROUP BY ALL
), latest_followers AS (
    SELECT organisation_id, platform, sum(followers) AS followers FROM (
        SELECT organisation_id, platform, account_id, arg_max(followers, day) AS followers
        FROM account_day
        WHERE followers IS NOT NULL AND ($org IS NULL OR organisation_id = (SELECT id FROM organisation WHERE name = $org))
        GROUP BY ALL
    ) GROUP BY ALL
), platforms AS (
    SELECT organisation_id, platform FROM posts UNION SELECT organisation_id, platform FROM days
)
SELECT o.name, p.platform, posts.posts,
       CASE WHEN posts.posts IS NULL THEN days.impressions ELSE posts.impressions END,
       posts.reach,
       CASE WHEN posts.posts IS NULL THEN days.engagements ELSE posts.engagements END,
       CASE WHEN posts.posts IS NULL THEN days.video_views ELSE posts.video_views END,
       days.days, f.followers
FROM organisation o
LEFT JOIN platforms p ON p.organisation_id = o.id
LEFT JOIN posts USING (organisation_id, platform)
LEFT JOIN days USING (organisation_id, platform)
LEFT JOIN latest_followers f USING (organisation_id, platform)
WHERE $org IS NULL OR o.name = $org
ORDER BY o.name, p.platform
"""


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def summary(con: duckdb.DuckDBPyConnection, organisation: str | None = None) -> list[dict[str, object]]:
    """Per organisation: per platform post-level sums, account-days and latest followers; donations."""
    result: dict[str, dict[str, object]] = {}
    for name, platform, *figures in con.execute(_SUMMARY_SQL, {"org": organisation}).fetchall():
        entry = result.setdefault(name, {"organisation": name, "platforms": {}, "donations": []})
        if platform is None:
            continue
        keys = ("posts", "impressions", "reach", "engagements", "video_views", "days", "followers")
        entry["platforms"][platform] = {k: _int_or_none(v) for k, v in zip(keys, figures, strict=True)}  # type: ignore[index]
    # Refunds are stored with negative amounts, so the sum is what the organisation kept; the count
    # is of gifts received (a refunded gift still counts once, as it does in PayPal's own records).
    donations = con.execute(
        """SELECT o.name, d.currency, sum(d.amount), count(*) FILTER (WHERE d.kind = 'donation')
           FROM outcome d JOIN organisation o ON o.id = d.organisation_id
           WHERE d.kind IN ('donation', 'refund') AND ($org IS NULL OR o.name = $org) GROUP BY ALL ORDER BY 1, 2""",
        {"org": organisation},
    ).fetchall()
    for name, currency, amount, count in donations:
        result[name]["donations"].append({"currency": currency, "amount": float(amount), "count": int(count)})  # type: ignore[attr-defined]
    return list(result.values())


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


_POST_PERIOD = """
    FROM post WHERE organisation_id = $org AND platform IN (SELECT unnest($platforms::VARCHAR[]))
      AND published_at >= $start AND published_at < $end + INTERVAL 1 DAY
"""


def headline(con: duckdb.DuckDBPyConnection, filters: Filters) -> Headline:
    """Posts, impressions, engagements, engagement rate and follower change in the period."""
    posts, impressions, reach, engagements, rated_eng, rated_imp, video_views = con.execute(
        f"""SELECT count(*), sum(impressions), sum(reach), sum(engagements),
                   sum(engagements) FILTER (WHERE impressions > 0 AND engagements IS NOT NULL),
                   sum(impressions) FILTER (WHERE impressions > 0 AND engagements IS NOT NULL),
                   sum(video_views)
            {_POST_PERIOD}""",
        filters.params(),
    ).fetchone()  # type: ignore[misc]
    rate = float(rated_eng) / float(rated_imp) if rated_imp else None
    return Headline(
        posts=int(posts),
        impressions=_int_or_none(impressions),
        reach=_int_or_none(reach),
        engagements=_int_or_none(engagements),
        engagement_rate=rate,
        follower_change=follower_change(con, filters),
        video_views=_int_or_none(video_views),
    )


def follower_change(con: duckdb.DuckDBPyConnection, filters: Filters) -> int | None:
    """Net followers over the period: from totals where exports give them, else gained − lost."""
    row = con.execute(
        """WITH per_account AS (
               SELECT account_id,
                      arg_max(followers, day) FILTER (WHERE followers IS NOT NULL)
                        - arg_min(followers, day) FILTER (WHERE followers IS NOT NULL) AS from_totals,
                      -- Net from flows only where the export gives both: Meta's Follows.csv has no unfollows,
                      -- and its follows alone are not a net change.
                      CASE WHEN count(followers_gained) > 0 AND count(followers_lost) > 0
                           THEN coalesce(sum(followers_gained), 0) - coalesce(sum(followers_lost), 0) END AS from_flows
               FROM account_day
               WHERE organisation_id = $org AND platform IN (SELECT unnest($platforms::VARCHAR[]))
                 AND day BETWEEN $start AND $end
               GROUP BY account_id)
           SELECT sum(coalesce(from_totals, from_flows)) FROM per_account""",
        filters.params(),
    ).fetchone()
    return _int_or_none(row[0]) if row else None


def weekly_trend(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per platform and week (Monday): posts, impressions and engagements of posts published that week."""
    return con.execute(
        f"""SELECT platform, CAST(date_trunc('week', published_at) AS DATE) AS week, count(*) AS posts,
                   CAST(sum(impressions) AS DOUBLE) AS impressions, CAST(sum(engagements) AS DOUBLE) AS engagements
            {_POST_PERIOD}
            GROUP BY ALL ORDER BY week, platform""",
        filters.params(),
    ).df()


def platform_breakdown(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per platform: posts, impressions, engagements and the impression-weighted engagement rate."""
    return con.execute(
        f"""SELECT platform, count(*) AS posts, CAST(sum(impressions) AS DOUBLE) AS impressions,
                   CAST(sum(reach) AS DOUBLE) AS reach, CAST(sum(engagements) AS DOUBLE) AS engagements,
                   sum(engagements) FILTER (WHERE impressions > 0 AND engagements IS NOT NULL)
                     / nullif(sum(impressions) FILTER (WHERE impressions > 0 AND engagements IS NOT NULL), 0)
                     AS engagement_rate
            {_POST_PERIOD}
            GROUP BY platform ORDER BY impressions DESC NULLS LAST""",
        filters.params(),
    ).df()


def data_range(con: duckdb.DuckDBPyConnection, organisation_id: int) -> tuple[date, date] | None:
    """The first and last day with any data for an organisation."""
    row = con.execute(
        """SELECT min(d), max(d) FROM (
               SELECT CAST(published_at AS DATE) AS d FROM post WHERE organisation_id = $org
               UNION ALL SELECT day FROM account_day WHERE organisation_id = $org)""",
        {"org": organisation_id},
    ).fetchone()
    return (row[0], row[1]) if row and row[0] else None


def platforms_with_data(con: duckdb.DuckDBPyConnection, organisation_id: int) -> list[str]:
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


def import_history(con: duckdb.DuckDBPyConnection, organisation_id: int | None = None) -> pd.DataFrame:
    """Every import, newest first, with its counts and status."""
    return con.execute(
        """SELECT b.id AS batch, b.source_name AS file, b.platform, b.rows_new AS new, b.rows_updated AS updated,
                  b.rows_unchanged AS unchanged, b.rows_rejected AS rejected, b.started_at AS imported_at, b.status,
                  o.name AS organisation, b.connector, b.sha256
           FROM import_batch b JOIN organisation o ON o.id = b.organisation_id
           WHERE $org IS NULL OR b.organisation_id = $org
           ORDER BY b.id DESC""",
        {"org": organisation_id},
    ).df()


def imported_file_count(con: duckdb.DuckDBPyConnection, organisation_id: int) -> int:
    """How many files the organisation's figures come from (imports not undone)."""
    row = con.execute(
        "SELECT count(*) FROM import_batch WHERE organisation_id = ? AND status = 'imported'", [organisation_id]
    ).fetchone()
    return int(row[0]) if row else 0


def batch_rejections(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[str]:
    """Why rows of one import were left out."""
    return [
        r[0]
        for r in con.execute(
            "SELECT reason FROM import_rejection WHERE batch_id = ? ORDER BY line", [batch_id]
        ).fetchall()
    ]


@dataclass(frozen=True)
class Change:
    """The platform whose impressions changed most against an earlier period, and the posts behind it."""

    platform: str
    now: float
    before: float
    posts: pd.DataFrame  # the period's posts on that platform with the most impressions


def biggest_change(con: duckdb.DuckDBPyConnection, filters: Filters, earlier: Filters, top: int = 3) -> Change | None:
    """What changed most: the platform with the largest change in impressions, with its top posts."""
    row = con.execute(
        f"""WITH now AS (SELECT platform, sum(impressions) AS impressions {_POST_PERIOD} GROUP BY platform),
                 before AS (SELECT platform, sum(impressions) AS impressions
                            FROM post WHERE organisation_id = $org AND platform IN (SELECT unnest($platforms::VARCHAR[]))
                              AND published_at >= $earlier_start AND published_at < $earlier_end + INTERVAL 1 DAY
                            GROUP BY platform)
            SELECT platform, coalesce(now.impressions, 0), coalesce(before.impressions, 0)
            FROM now FULL JOIN before USING (platform)
            WHERE now.impressions IS NOT NULL OR before.impressions IS NOT NULL
            ORDER BY abs(coalesce(now.impressions, 0) - coalesce(before.impressions, 0)) DESC, platform
            LIMIT 1""",
        {**filters.params(), "earlier_start": earlier.start, "earlier_end": earlier.end},
    ).fetchone()
    if row is None or row[1] == row[2]:
        return None
    platform = str(row[0])
    posts = con.execute(
        f"""SELECT CAST(published_at AS DATE) AS published, text, impressions, engagements, url
            {_POST_PERIOD.replace("SELECT unnest($platforms::VARCHAR[])", "$platform")}
              AND impressions IS NOT NULL
            ORDER BY impressions DESC, post_id LIMIT $top""",
        {"org": filters.organisation_id, "start": filters.start, "end": filters.end, "platform": platform, "top": top},
    ).df()
    return Change(platform, float(row[1]), float(row[2]), posts)
