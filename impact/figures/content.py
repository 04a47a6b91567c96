"""The Content page's figures: every post, top and bottom posts, content types, hashtags, best time.

Every function takes a connection and the sidebar's Filters; values are bound as parameters. Rates
follow METRICS.md: per post engagements ÷ impressions; over a group Σ engagements ÷ Σ impressions of
the posts that report both, never a mean of per-post rates. The best time to post is the one figure
that is a median of per-post rates, because METRICS.md defines it so: it asks "how does a typical
post at this hour do", and a median is not pulled about by one viral post.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd

from impact.definitions import count_of
from impact.definitions.sql import ENGAGEMENT_RATE, POST_RATE, POSTS_IN_PERIOD, RATED, hashtags_of, period_params
from impact.filters import Filters
from impact.platforms import DATE_ONLY_PLATFORMS, UTC_PLATFORMS

# A cell of the weekday x hour grid with fewer posts than this is shown, but not coloured: the
# median of one or two posts says more about those posts than about the hour.
MIN_POSTS_PER_CELL = 3
# A hashtag used fewer times than this in the period is left out of the hashtag table.
MIN_HASHTAG_POSTS = 3
# The period's posts (sql.POSTS_IN_PERIOD), as a FROM clause that conditions can follow with AND.
_POSTS = f"FROM {POSTS_IN_PERIOD} AS p WHERE true"
# Only web links become clickable: a link from a file could say javascript: or data:.
_SAFE_URL = "CASE WHEN regexp_matches(url, '^https?://', 'i') THEN url END"
_GROUP_FIGURES = f"""count(*) AS posts, CAST(sum(impressions) AS DOUBLE) AS impressions,
       CAST(sum(engagements) AS DOUBLE) AS engagements, {ENGAGEMENT_RATE} AS engagement_rate"""


def like_pattern(search: str) -> str:
    """An ILIKE pattern matching `search` anywhere, with its own %, _ and \\ taken literally."""
    escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def post_table(con: duckdb.DuckDBPyConnection, filters: Filters, search: str = "") -> pd.DataFrame:
    """Every post of the period, newest first, with its rate; only those whose text contains `search`."""
    return con.execute(
        f"""SELECT platform, local_time AS published, text, kind,
                   impressions, engagements, {POST_RATE} AS engagement_rate, {_SAFE_URL} AS url
            {_POSTS}
              AND ($search = '' OR text ILIKE $pattern ESCAPE '\\')
            ORDER BY local_time DESC, platform, post_id""",
        {**period_params(con, filters), "search": search.strip(), "pattern": like_pattern(search.strip())},
    ).df()


def rate_threshold(con: duckdb.DuckDBPyConnection, filters: Filters) -> int | None:
    """The fewest impressions a post needs to be ranked by rate: the period's 25th percentile, at least 1.

    A rate on a tiny audience is noise (3 engagements of 10 impressions is "30 %"). A fixed number
    suits no one: 100 impressions shuts out every post of a small organisation and lets a large
    one's flukes through. The lower quartile of the organisation's own posts leaves out its quarter
    least seen, whatever its size. The value is shown on the page.
    """
    row = con.execute(
        f"SELECT quantile_disc(impressions, 0.25) FILTER (WHERE {RATED}) {_POSTS}", period_params(con, filters)
    ).fetchone()
    return None if row is None or row[0] is None else max(int(row[0]), 1)


_RANKINGS = {
    # name: (ORDER BY, extra condition); an allow-list, so no caller's text reaches the SQL.
    "highest_rate": ("engagement_rate DESC", f"{RATED} AND impressions >= $minimum"),
    "lowest_rate": ("engagement_rate ASC", f"{RATED} AND impressions >= $minimum"),
    "most_engagements": ("engagements DESC", "engagements IS NOT NULL"),
    "fewest_engagements": ("engagements ASC", "engagements IS NOT NULL"),
}


RANKINGS = {
    "highest_rate": "Highest engagement rate",
    "lowest_rate": "Lowest engagement rate",
    "most_engagements": "Most engagements",
    "fewest_engagements": "Fewest engagements",
}


def _ranking_sql(ranking: str, source: str) -> str:
    """One ranking's first $limit posts of `source` (the period's posts, as a FROM ... WHERE clause)."""
    order, condition = _RANKINGS[ranking]
    return f"""SELECT {POST_RATE} AS engagement_rate, engagements, impressions, platform, local_time AS published,
                   left(text, 100) || CASE WHEN length(text) > 100 THEN '…' ELSE '' END AS text,
                   {_SAFE_URL} AS url
            {source} AND {condition}
            ORDER BY {order}, local_time DESC, post_id LIMIT $limit"""


def ranked_posts(
    con: duckdb.DuckDBPyConnection, filters: Filters, ranking: str, minimum: int = 1, limit: int = 5
) -> pd.DataFrame:
    """The first `limit` posts of a ranking (highest_rate, lowest_rate, most_engagements, fewest_engagements)."""
    condition = _RANKINGS[ranking][1]
    return con.execute(
        _ranking_sql(ranking, _POSTS),
        {**period_params(con, filters), "limit": limit, **({"minimum": minimum} if "$minimum" in condition else {})},
    ).df()


# Columns of a ranking that are integers in SQL: DuckDB gives them as int64 when none is NULL, else Int64.
_RANKING_INTEGERS = ("engagements", "impressions")


def all_rankings(
    con: duckdb.DuckDBPyConnection, filters: Filters, minimum: int = 1, limit: int = 5
) -> dict[str, pd.DataFrame]:
    """Every ranking's first `limit` posts (RANKINGS name -> ranked_posts' frame), from one reading of the period.

    One statement instead of one per ranking: the period's posts are read and put on the local clock once.
    """
    rankings = list(RANKINGS)
    parts = " UNION ALL ".join(
        f"SELECT {i} AS ranking, * FROM ({_ranking_sql(name, 'FROM period_posts WHERE true')})"
        for i, name in enumerate(rankings)
    )
    frame = con.execute(
        f"""WITH period_posts AS MATERIALIZED (
                SELECT post_id, platform, local_time, text, url, impressions, engagements {_POSTS})
            {parts} ORDER BY ranking""",
        {**period_params(con, filters), "limit": limit, "minimum": minimum},
    ).df()
    found = {}
    for i, name in enumerate(rankings):
        one = frame[frame["ranking"] == i].drop(columns="ranking").reset_index(drop=True)
        for column in _RANKING_INTEGERS:  # as its own query would give it: nullable (Int64) only with a NULL
            if one[column].dtype != "int64" and not one[column].isna().any():
                one[column] = one[column].astype("int64")
        found[name] = one
    return found


# The names platforms give the same kind of post. Merged only for the label and the chart's axis:
# figures stay per platform, because platforms count impressions differently (YouTube's are
# thumbnail impressions, Meta's are views), so one "photo" rate across platforms would mostly
# measure the platform mix. YouTube Studio names no type, but every YouTube upload is a video.
CONTENT_TYPES = {
    "photos": "Photo",
    "ig image": "Photo",
    "image": "Photo",
    "photo": "Photo",
    "ig carousel": "Carousel",
    "carousel": "Carousel",
    "document": "Document",
    "reels": "Reel",
    "ig reel": "Reel",
    "reel": "Reel",
    "videos": "Video",
    "video": "Video",
    "links": "Link",
    "link": "Link",
    "article": "Article",
    "text": "Text",
    "status": "Text",
    "poll": "Poll",
    "email campaign": "Newsletter",
}
_TYPE_BY_PLATFORM = {"youtube": "Video", "tiktok": "Video"}
NOT_GIVEN = "Type not in export"


def content_type_label(platform: str, kind: object) -> str:
    """A post's type in words shared across platforms; the export's own word when it is not known."""
    if isinstance(kind, str) and kind.strip():
        return CONTENT_TYPES.get(kind.strip().lower(), kind.strip())
    return _TYPE_BY_PLATFORM.get(platform, NOT_GIVEN)


def by_content_type(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per platform and post type: posts, Σ impressions, Σ engagements, impression-weighted rate."""
    frame = con.execute(
        f"""SELECT platform, kind, {_GROUP_FIGURES}
            {_POSTS} GROUP BY platform, kind ORDER BY platform, posts DESC, kind""",
        period_params(con, filters),
    ).df()
    labels = [content_type_label(p, k) for p, k in zip(frame["platform"], frame["kind"], strict=True)]
    frame.insert(1, "content_type", pd.Series(labels, index=frame.index, dtype=object))
    return frame


def by_hashtag(con: duckdb.DuckDBPyConnection, filters: Filters, min_posts: int = MIN_HASHTAG_POSTS) -> pd.DataFrame:
    """Per hashtag (lower-cased, see hashtags_of) used on at least `min_posts` posts: posts, sums and weighted rate."""
    return con.execute(
        f"""WITH tagged AS (
                SELECT impressions, engagements, unnest(coalesce(hashtags, {hashtags_of("text")})) AS hashtag
                {_POSTS}
            )
            SELECT '#' || hashtag AS hashtag, {_GROUP_FIGURES}
            FROM tagged GROUP BY hashtag HAVING count(*) >= $min_posts
            ORDER BY posts DESC, engagement_rate DESC NULLS LAST, hashtag""",
        {**period_params(con, filters), "min_posts": min_posts},
    ).df()


@dataclass(frozen=True)
class BestTime:
    """The weekday x hour grid, and what went into it."""

    cells: pd.DataFrame  # weekday (1 = Monday), hour, median_rate, posts
    timezone: str
    converted: list[str]  # platforms in the grid whose UTC times were converted
    as_exported: list[str]  # platforms in the grid whose times are kept as written
    without_time: int  # posts left out: a day without a time of day


def best_time(con: duckdb.DuckDBPyConnection, filters: Filters) -> BestTime:
    """Median per-post engagement rate and number of posts per weekday and hour, in the organisation's zone."""
    params = {**period_params(con, filters), "date_only": list(DATE_ONLY_PLATFORMS)}
    posts = f"""WITH timed AS (
                    SELECT platform, local_time, {POST_RATE} AS rate,
                           platform IN (SELECT unnest($date_only::VARCHAR[]))
                             AND CAST(published_at AS TIME) = TIME '00:00:00' AS without_time
                    {_POSTS} AND {RATED})"""
    cells = con.execute(
        f"""{posts}
            SELECT isodow(local_time) AS weekday, hour(local_time) AS hour, median(rate) AS median_rate,
                   count(*) AS posts
            FROM timed WHERE NOT without_time GROUP BY ALL ORDER BY weekday, hour""",
        params,
    ).df()
    row = con.execute(
        f"""{posts} SELECT coalesce(list(DISTINCT platform ORDER BY platform) FILTER (WHERE NOT without_time), []),
                           count(*) FILTER (WHERE without_time)
            FROM timed""",
        params,
    ).fetchone()
    names = [str(p) for p in row[0]] if row else []
    return BestTime(
        cells=cells,
        timezone=str(params["tz"]),
        converted=[p for p in names if p in UTC_PLATFORMS],
        as_exported=[p for p in names if p not in UTC_PLATFORMS],
        without_time=int(row[1]) if row else 0,
    )


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def best_time_note(best: BestTime, label: Callable[[str], str] = str) -> str:
    """Where the grid's times come from, what was left out, and what grey cells mean, in one sentence each."""
    names = ", ".join
    parts = [
        f"Times in the organisation's time zone, {best.timezone}, from {count_of(int(best.cells['posts'].sum()), 'post')}."
    ]
    if best.converted:
        parts.append(f"{names(label(p) for p in best.converted)}: converted from UTC.")
    if best.as_exported:
        parts.append(f"{names(label(p) for p in best.as_exported)}: as written in the export (the page's local time).")
    if best.without_time:
        parts.append(
            f"{count_of(best.without_time, 'post')} with a day but no time of day (YouTube, TikTok) "
            f"{'is' if best.without_time == 1 else 'are'} left out."
        )
    parts.append(
        f"Grey cells have fewer than {MIN_POSTS_PER_CELL} posts and are not rated; blank cells have none. "
        "Hover a cell for its median rate and number of posts."
    )
    return " ".join(parts)


@dataclass(frozen=True)
class ContentScreen:
    """Everything the Content page shows for one choice of filters and search."""

    posts: pd.DataFrame  # post_table
    rate_threshold: int | None  # the fewest impressions a post needs to be ranked by rate
    rankings: dict[str, pd.DataFrame]  # RANKINGS name -> ranked_posts
    types: pd.DataFrame  # by_content_type
    hashtags: pd.DataFrame  # by_hashtag
    best_time: BestTime


def content_screen(con: duckdb.DuckDBPyConnection, filters: Filters, search: str) -> ContentScreen:
    """The page's posts (those whose text contains `search`), rankings, types, hashtags and best time."""
    minimum = rate_threshold(con, filters)
    return ContentScreen(
        posts=post_table(con, filters, search),
        rate_threshold=minimum,
        rankings=all_rankings(con, filters, minimum or 1),
        types=by_content_type(con, filters),
        hashtags=by_hashtag(con, filters),
        best_time=best_time(con, filters),
    )
