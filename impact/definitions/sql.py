"""Each figure's definition, written once as SQL that every query uses.

The words for people are in impact.definitions; this module is their SQL. No page, figure, campaign
or time module writes its own copy of these: a change here changes every page, the report and the
command line together, which is what keeps two pages from giving two answers.

**The rule for time.** Every figure counts a post, a day, a donation and an hour on the
organisation's local day, in its time zone (organisation.timezone):

- a post on the local day of its publication: X and LinkedIn exports state UTC times, moved to
  the organisation's time zone; Meta writes the page's local time, kept as written; YouTube,
  TikTok and Mailchimp give a day without a time, which is that local day;
- an account-day (daily figures) on the day the export names, which is the account's local day;
- a donation or other outcome on the day of its time as the export wrote it (local time);
- an hour of the time log on the day it was logged for.

A period is a range of local days, both ends included.

Parameters are named and bound, never formatted in: each fragment says which ones it needs.
`$org` (organisation id), `$tz` (its IANA time zone, see `period_params`), `$start` / `$end`
(dates, inclusive), `$platforms` (VARCHAR[]). The only values written into the SQL are this
project's own constants (the UTC platforms).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb

from impact.filters import Filters
from impact.platforms import UTC_PLATFORMS


def _literals(values: tuple[str, ...]) -> str:
    """Our own platform ids as SQL literals (constants of this project, never input)."""
    assert all(v.isidentifier() for v in values)
    return ", ".join(f"'{v}'" for v in values)


def local_time(column: str, platform: str = "platform", tz: str = "$tz") -> str:
    """A stored time on the organisation's clock: UTC platforms' times moved to tz ($tz), the others as stored."""
    return (
        f"CASE WHEN {platform} IN ({_literals(UTC_PLATFORMS)}) "
        f"THEN timezone({tz}, timezone('UTC', {column})) ELSE {column} END"
    )


def local_day(tz: str = "$tz") -> str:
    """The organisation's local day of a post, its zone in the parameter tz ($tz)."""
    return f"CAST({local_time('published_at', tz=tz)} AS DATE)"


# A post's publication time on the organisation's clock. Needs: $tz.
LOCAL_TIME = local_time("published_at")
# The organisation's local day of a post. Needs: $tz.
LOCAL_DAY = local_day()


def on_local_days(start: str = "$start", end: str = "$end", tz: str = "$tz") -> str:
    """A condition: a post (its published_at and platform) is published on one of the local days start..end."""
    # No time zone is more than 14 h from UTC, so only posts within a day of the period can fall on
    # one of its local days, and a post a whole day inside it is on one of them whatever the zone:
    # only the posts near the period's two ends need their time converted.
    return f"""published_at >= {start} - INTERVAL 1 DAY AND published_at < {end} + INTERVAL 2 DAY
          AND (published_at >= {start} + INTERVAL 1 DAY AND published_at < {end}
               OR {local_day(tz)} BETWEEN {start} AND {end})"""


def posts_between(
    start: str = "$start",
    end: str = "$end",
    platforms: str | None = "$platforms",
    *,
    whole_history: bool = False,
    org: str = "$org",
    tz: str = "$tz",
) -> str:
    """Posts of organisation $org published on the local days start..end, as a subquery.

    Needs $org, $tz and the parameters named by start, end and platforms (None: every platform); org and
    tz rename the first two (several organisations in one statement, each with its own zone).
    Adds the columns local_time and local_day to the post's own. whole_history: every post, also
    those whose export gives no publication time (a private video), which no period can hold.
    """
    on_platforms = f"AND platform IN (SELECT unnest({platforms}::VARCHAR[]))" if platforms else ""
    in_period = "" if whole_history else f"AND {on_local_days(start, end, tz)}"
    return f"""(SELECT *, {local_time("published_at", tz=tz)} AS local_time, {local_day(tz)} AS local_day FROM post
        WHERE organisation_id = {org} {on_platforms} {in_period})"""


def mentions_between(*, whole_history: bool = False) -> str:
    """Mentions (listening feeds' items) of organisation $org published on the local days $start..$end.

    Needs $org, $tz, $start and $end. Adds local_day. A mention's time is UTC (platform 'web'), moved to
    the organisation's clock like a post's. whole_history: every mention, also those without a date.
    """
    in_period = "" if whole_history else f"AND {LOCAL_DAY} BETWEEN $start AND $end"
    return f"""(SELECT *, {LOCAL_DAY} AS local_day FROM mention WHERE organisation_id = $org {in_period})"""


def days_between(
    start: str = "$start",
    end: str = "$end",
    *,
    whole_history: bool = False,
    org: str = "$org",
    platforms: str = "$platforms",
) -> str:
    """Daily account figures of $org on a selected platform ($platforms), on the days start..end ($start..$end)."""
    in_period = "" if whole_history else f"AND day BETWEEN {start} AND {end}"
    return f"""(SELECT * FROM account_day
        WHERE organisation_id = {org} AND platform IN (SELECT unnest({platforms}::VARCHAR[])) {in_period})"""


# Posts in the period: published on one of its local days, on a selected platform.
# Needs: $org, $tz, $start, $end, $platforms.
POSTS_IN_PERIOD = posts_between()

# Daily account figures in the period, on a selected platform. Needs: $org, $start, $end, $platforms.
DAYS_IN_PERIOD = days_between()

# Engagement rate (METRICS.md): Σ engagements ÷ Σ impressions over the posts that report both, so a
# post without impressions cannot lower a rate; never a mean of per-post rates. Aggregates over posts.
RATED = "impressions > 0 AND engagements IS NOT NULL"
RATED_ENGAGEMENTS = f"CAST(sum(engagements) FILTER (WHERE {RATED}) AS DOUBLE)"
RATED_IMPRESSIONS = f"CAST(sum(impressions) FILTER (WHERE {RATED}) AS DOUBLE)"
ENGAGEMENT_RATE = f"{RATED_ENGAGEMENTS} / nullif({RATED_IMPRESSIONS}, 0)"
# Per post: engagements ÷ impressions; NULL when either is not reported or there were no impressions.
POST_RATE = "CAST(engagements AS DOUBLE) / nullif(impressions, 0)"


def base_host(base_url: str | None) -> str | None:
    """The host of the organisation's base platform ('https://www.Example.org/x' -> 'example.org')."""
    if not base_url or not base_url.strip():
        return None
    text = base_url.strip()
    host = urlsplit(text if "//" in text else "//" + text).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def host_pattern(host: str) -> str:
    """The host itself or a subdomain of it, not a longer name that merely ends the same way."""
    return r"(^|[^a-z0-9-])" + re.escape(host) + r"($|[^a-z0-9-])"


# What a post says of where it links: its link and its text, in lower case.
LINK_TEXT = "lower(coalesce(url, '') || ' ' || coalesce(text, ''))"
# A post links to the base platform: its link or text names the host ($host, a base_host) or a subdomain
# ($pattern, its host_pattern). The regular expression only where the text holds the host: the cheap test
# first (CASE, since AND runs both).
LINKS_TO_BASE = f"CASE WHEN contains({LINK_TEXT}, $host) THEN regexp_matches({LINK_TEXT}, $pattern) ELSE false END"


# Posts per organisation, platform and local day (the table post_day). The scorecard, the Portfolio and
# the base-platform links count posts over many periods; summed per local day when an organisation's
# posts change (impact.store.derived.sum_post_days), a period adds up a few hundred rows instead of
# moving every post's time to the organisation's clock again on each visit. Each sum is the definition
# above over the day's posts, so a period's sum of them is the same figure as over its posts: a post
# counts on its local day. Posts without a publication time are summed on a day NULL, which no period
# holds (as over the posts), so that "which platforms have posts" is read here too. Needs $org, $tz,
# $host and $pattern (see post_days_of_organisation).
POST_DAY_SUMS = {
    "posts": "count(*)",
    "impressions": "sum(impressions)",
    "rated_impressions": f"sum(impressions) FILTER (WHERE {RATED})",
    "rated_engagements": f"sum(engagements) FILTER (WHERE {RATED})",
    "replies_reported": "count(*) FILTER (WHERE comments IS NOT NULL)",
    "replied": "count(*) FILTER (WHERE comments > 0)",
    "linking": f"count(*) FILTER (WHERE {LINKS_TO_BASE})",
}


def post_days_of_organisation(has_website: bool) -> str:
    """The post_day rows of organisation $org. Without a website address (no $host), linking is NULL: not counted."""
    sums = {**POST_DAY_SUMS, **({} if has_website else {"linking": "CAST(NULL AS BIGINT)"})}
    return f"""
        SELECT organisation_id, platform, {LOCAL_DAY} AS day, {", ".join(f"{e} AS {c}" for c, e in sums.items())}
        FROM post WHERE organisation_id = $org
        GROUP BY organisation_id, platform, day"""


# The same figures over a period's post_day rows.
DAY_RATED_IMPRESSIONS = "CAST(sum(rated_impressions) AS DOUBLE)"
DAY_ENGAGEMENT_RATE = f"CAST(sum(rated_engagements) AS DOUBLE) / nullif({DAY_RATED_IMPRESSIONS}, 0)"

# The (organisation, period) pairs as a relation: pairs.n (the pair's place), pairs.org, pairs.first and
# pairs.last (its local days), pairs.platforms (VARCHAR[]). Needs $ns, $orgs, $firsts, $lasts, $platforms
# (see pairs_params).
PAIRS = """(SELECT unnest($ns::INTEGER[]) AS n, unnest($orgs::INTEGER[]) AS org, unnest($firsts::DATE[]) AS first,
                   unnest($lasts::DATE[]) AS last, unnest($platforms::VARCHAR[][]) AS platforms) AS pairs"""


def post_days_of_pairs() -> str:
    """Each pair's post_day rows: its organisation's, on the period's local days; pairs.n, pairs.platforms and
    the row's columns. Needs PAIRS' parameters and $ids (the pairs' organisations)."""
    return f"""(SELECT pairs.n, pairs.platforms, d.* FROM {PAIRS}
        JOIN post_day d ON d.organisation_id = pairs.org AND d.day BETWEEN pairs.first AND pairs.last
        WHERE {among("d.organisation_id")})"""


def pairs_params(
    pairs: Iterable[tuple[int, int, date, date]], platforms: dict[int, list[str]] | None = None
) -> dict[str, object]:
    """PAIRS' parameters for (place, organisation id, first day, last day) rows; platforms: each organisation's."""
    found = list(pairs)
    return {
        "ns": [n for n, _, _, _ in found],
        "orgs": [o for _, o, _, _ in found],
        "firsts": [first for _, _, first, _ in found],
        "lasts": [last for _, _, _, last in found],
        "platforms": [(platforms or {}).get(o, []) for _, o, _, _ in found],
        "ids": sorted({o for _, o, _, _ in found}),
    }


# Output and outtake figures per platform in the period. A platform whose exports have posts (any
# post of the organisation, in any period) counts from its posts: lifetime figures of the posts
# published in the period. A platform whose exports have only daily account figures (TikTok's
# Overview, LinkedIn's Metrics alone) counts impressions, engagements and video views from the days;
# reach is never summed over days, and such a platform has no posts and no rate.
# Columns: platform, source ('posts' | 'days'), posts, impressions, reach, engagements, video_views,
# rated_engagements, rated_impressions, engagement_rate. Needs: $org, $tz, $start, $end, $platforms.
def platform_figures(
    start: str = "$start",
    end: str = "$end",
    *,
    whole_history: bool = False,
    org: str = "$org",
    tz: str = "$tz",
    platforms: str = "$platforms",
) -> str:
    """PLATFORM_FIGURES over the local days start..end, or the whole history (also posts without a publication time).

    org, tz and platforms rename $org, $tz and $platforms (several organisations in one statement).
    """
    return f"""(
    WITH by_posts AS (
        SELECT platform, count(*) AS posts, CAST(sum(impressions) AS DOUBLE) AS impressions,
               CAST(sum(reach) AS DOUBLE) AS reach, CAST(sum(engagements) AS DOUBLE) AS engagements,
               CAST(sum(video_views) AS DOUBLE) AS video_views,
               {RATED_ENGAGEMENTS} AS rated_engagements, {RATED_IMPRESSIONS} AS rated_impressions
        FROM {posts_between(start, end, platforms, whole_history=whole_history, org=org, tz=tz)} GROUP BY platform
    ), by_days AS (
        SELECT platform, CAST(sum(impressions) AS DOUBLE) AS impressions,
               CAST(sum(engagements) AS DOUBLE) AS engagements, CAST(sum(video_views) AS DOUBLE) AS video_views
        FROM {days_between(start, end, whole_history=whole_history, org=org, platforms=platforms)} GROUP BY platform
    ), with_posts AS (
        SELECT DISTINCT platform FROM post
        WHERE organisation_id = {org} AND platform IN (SELECT unnest({platforms}::VARCHAR[]))
    )
    SELECT platform, 'posts' AS source, posts, impressions, reach, engagements, video_views,
           rated_engagements, rated_impressions, rated_engagements / nullif(rated_impressions, 0) AS engagement_rate
    FROM by_posts
    UNION ALL
    SELECT platform, 'days', 0, impressions, NULL, engagements, video_views, NULL, NULL, NULL
    FROM by_days WHERE platform NOT IN (SELECT platform FROM with_posts)
)"""


PLATFORM_FIGURES = platform_figures()

# An outcome's local day: its time as the export wrote it, which is the organisation's local time.
OUTCOME_DAY = "CAST(occurred_at AS DATE)"


def outcomes_between(start: str = "$start", end: str = "$end", org: str = "$org") -> str:
    """A WHERE condition: outcomes of organisation $org (or the parameter org) on the local days start..end."""
    return f"organisation_id = {org} AND occurred_at >= {start} AND occurred_at < {end} + INTERVAL 1 DAY"


# Donations add up only in the organisation's own currency (a goal's target and a cost are in it);
# gifts in other currencies are left out, never converted. Refunds are stored as negative amounts, so
# a sum over ('donation', 'refund') is what the organisation kept. A WHERE condition; needs: $org.
def in_own_currency(org: str = "$org") -> str:
    """IN_OWN_CURRENCY for the organisation in the parameter org."""
    return f"(currency IS NULL OR currency = (SELECT o.currency FROM organisation o WHERE o.id = {org}))"


IN_OWN_CURRENCY = in_own_currency()
DONATIONS_AND_REFUNDS = "kind IN ('donation', 'refund')"
# The currency a donation counts in: its own, or the organisation's when the record names none.
DONATION_CURRENCY = (
    f"CASE WHEN {IN_OWN_CURRENCY} THEN (SELECT o.currency FROM organisation o WHERE o.id = $org) ELSE currency END"
)

# A hashtag starts a word: '#' after the start or a character that is not part of a word, then
# letters (any script, with their combining marks, so Hindi and Assamese tags are whole), digits, '_'.
HASHTAG_PATTERN = r"(?:^|[^\p{L}\p{M}\p{N}_&/])#([\p{L}\p{M}\p{N}_]+)"
# The same matches without the capturing group, which makes RE2 find each match's bounds several times
# faster; a match is [one character that is not part of a word] '#' tag, and a tag has no '#', so the
# tag is what follows the match's first character once its '#' are trimmed (substr counts code points).
HASHTAG_MATCH = HASHTAG_PATTERN.replace("#(", "#(?:")
TAG_OF_MATCH = "ltrim(substr(tag_match, 2), '#')"


def hashtags_of(text: str) -> str:
    """SQL: the distinct lower-cased hashtags of the text column `text`, as a list (NULL text: NULL).

    A post that repeats a tag holds it once. "Part #2" is not a hashtag: platforms need a letter in a
    tag. The current `post` table keeps this list in its `hashtags` column, filled as rows are written
    (impact.store.derived); a query reads coalesce(hashtags, hashtags_of('text')), so a row written
    without it is still counted right.
    """
    assert "'" not in HASHTAG_MATCH  # the project's own constant, written into the SQL
    return f"""list_distinct(list_filter(
        list_transform(regexp_extract_all({text}, '{HASHTAG_MATCH}'), lambda tag_match: lower({TAG_OF_MATCH})),
        lambda tag: NOT regexp_full_match(tag, '[\\p{{N}}_]+')))"""


# A campaign's posts: those of its organisation published on its local days ($starts..$ends), with
# the rule that caught each (picked by hand, hashtag, keyword or UTM campaign; NULL: none caught it).
# Needs: $campaign, $org, $tz, $starts, $ends, $hashtags, $keywords, $utm (see campaigns.goals.rule_params).
CAUGHT_POSTS = f"""
    SELECT p.*,
           CASE WHEN cp.post_id IS NOT NULL THEN 'picked by hand'
                -- A tag can only be caught where the text holds it: the cheap test first, the words after.
                WHEN len(list_filter($hashtags, h -> contains(lower(coalesce(p.text, '')), h))) > 0
                     AND list_has_any(regexp_extract_all(lower(coalesce(p.text, '')), '#[^\\s#.,;:!?()]+'), $hashtags)
                     THEN 'hashtag'
                WHEN len(list_filter($keywords, k -> contains(lower(coalesce(p.text, '')), k))) > 0 THEN 'keyword'
                WHEN $utm IS NOT NULL AND contains(lower(coalesce(p.url, '') || ' ' || coalesce(p.text, '')),
                                                  'utm_campaign=' || $utm) THEN 'UTM campaign'
           END AS caught_by
    FROM {posts_between("$starts", "$ends", None)} p
    LEFT JOIN campaign_post cp ON cp.campaign_id = $campaign AND cp.platform = p.platform AND cp.post_id = p.post_id
"""

# A campaign's outcomes, as a WHERE condition: on its local days, and naming it when the campaign says
# so. Needs: $org, $starts, $ends, $named_only, $names (see campaigns.goals.outcome_params).
CAMPAIGN_OUTCOMES = f"""
    {outcomes_between("$starts", "$ends")}
    AND (NOT $named_only OR len(list_filter($names, n -> contains(
           lower(coalesce(campaign, '') || ' ' || coalesce(note, '')), n))) > 0)
"""

# Hours in the period: Σ minutes ÷ 60 of the time log's entries on its local days.
# TIME_IN_PERIOD is a WHERE condition; needs: $org, $start, $end.
HOURS = "CAST(sum(minutes) AS DOUBLE) / 60"


def time_in_period(start: str = "$start", end: str = "$end", org: str = "$org") -> str:
    """TIME_IN_PERIOD with its parameters renamed (several organisations or periods in one statement)."""
    return f"organisation_id = {org} AND day BETWEEN {start} AND {end}"


TIME_IN_PERIOD = time_in_period()


@functools.cache
def _duckdb_zones() -> frozenset[str]:
    """The time zones DuckDB's ICU knows: a name only Python knows ('localtime') would fail every query."""
    con = duckdb.connect()
    try:
        return frozenset(str(name) for (name,) in con.execute("SELECT name FROM pg_timezone_names()").fetchall())
    finally:
        con.close()


def _known_zone(zone: str | None) -> str:
    """The zone itself when both Python and DuckDB know it, else UTC."""
    if not zone or zone not in _duckdb_zones():
        return "UTC"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return str(zone)


def organisation_timezone(con: duckdb.DuckDBPyConnection, organisation_id: int) -> str:
    """The organisation's IANA time zone; UTC when it is missing or not a zone Python and DuckDB know."""
    row = con.execute("SELECT timezone FROM organisation WHERE id = ?", [organisation_id]).fetchone()
    return _known_zone(row[0] if row else None)


def among(column: str, ids: str = "$ids") -> str:
    """A condition: `column` is one of the ids in the INTEGER[] parameter `ids`.

    Its bounds come first: DuckDB skips the row groups outside them (list_contains alone reads every one,
    which on a store of 200 organisations costs several times as much).
    """
    return f"({column} BETWEEN list_min({ids}) AND list_max({ids}) AND list_contains({ids}, {column}))"


def organisation_timezones(con: duckdb.DuckDBPyConnection, organisation_ids: Iterable[int]) -> dict[int, str]:
    """organisation_timezone of several organisations, in one statement (UTC for an id that is not there)."""
    ids = sorted(set(organisation_ids))
    rows = dict(con.execute(f"SELECT id, timezone FROM organisation WHERE {among('id')}", {"ids": ids}).fetchall())
    return {i: _known_zone(rows.get(i)) for i in ids}


def period_params(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, object]:
    """The parameters every fragment above may need, for the sidebar's filters: $org, $tz, $start, $end, $platforms."""
    return {**filters.params(), "tz": organisation_timezone(con, filters.organisation_id)}


def used(sql: str, params: dict[str, object]) -> dict[str, object]:
    """The parameters a query names: DuckDB refuses values for parameters a query does not use."""
    return {name: value for name, value in params.items() if re.search(rf"\${name}\b", sql)}
