"""Evangelists and influencers: who cares most, and who carries the organisation's word furthest.

**Evangelist score** (shown on the People page): each interaction in the period counts its class's
weight (amplify 3, converse 2, appreciate 1: impact.supporters.WEIGHTS), halved for every 30 days it
lies before the period's last day (what someone did last week counts more than what they did in
spring), and the sum is multiplied by 1 + 0.5 for every platform beyond the first (someone who shares
on X and replies on Instagram follows the organisation, not one feed). Ties are broken by the latest
interaction, then by the person's key, so the order never depends on the database's mood.

**Influence**: the person's audience (their followers, the latest figure an API or file gave, with its
day) times their weighted interactions in the period (without the recency halving: one share by a
large account matters whenever it happened). People whose audience is not known are not ranked.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from impact.definitions.sql import organisation_timezone
from impact.supporters import PERSON_NAME, WEIGHT_OF_CLASS, interactions_between

HALF_LIFE_DAYS = 30
PLATFORM_BONUS = 0.5

# The person's name: a confirmed supporter's, else the newest name their handle gave, else the handle.
_PEOPLE = f"""
    people AS (
        SELECT i.person, {PERSON_NAME} AS label
        FROM period i LEFT JOIN supporter s ON 's' || s.id = i.person AND s.organisation_id = $org
        GROUP BY i.person
    )"""

RANKING_COLUMNS = ["person", "name", "handles", "platforms", "interactions", "shares", "replies", "likes", "posts",
                   "first", "last", "score", "amplified"]  # fmt: skip


def _params(
    con: duckdb.DuckDBPyConnection, org: int, start: date, end: date, posts: list[str] | None
) -> dict[str, object]:
    found = {"org": org, "tz": organisation_timezone(con, org), "start": start, "end": end}
    return found if posts is None else {**found, "posts": posts}


def _days(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Local days as dates (DuckDB's frames hold timestamps)."""
    for column in columns:
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def evangelists(
    con: duckdb.DuckDBPyConnection, org: int, start: date, end: date, posts: list[str] | None = None
) -> pd.DataFrame:
    """Everyone who interacted in the period, best first, with the counts behind their score.

    posts: only interactions with these posts ("platform post_id": a campaign's), else with any.

    Columns: person (key), name, handles (platform:handle, sorted), platforms (how many), interactions,
    shares (amplified), replies (conversed), likes (appreciated), posts (distinct posts they interacted
    with), first, last (local days), score, amplified (the posts they shared: their links where known).
    """
    frame = con.execute(
        f"""WITH period AS (SELECT * FROM {interactions_between(only_posts=posts is not None)}), {_PEOPLE}
            SELECT i.person, any_value(p.label) AS name,
                   list(DISTINCT i.platform || ':' || i.handle ORDER BY i.platform || ':' || i.handle) AS handles,
                   count(DISTINCT i.platform) AS platforms,
                   count(*) AS interactions,
                   count(*) FILTER (WHERE class = 'amplify') AS shares,
                   count(*) FILTER (WHERE class = 'converse') AS replies,
                   count(*) FILTER (WHERE class = 'appreciate') AS likes,
                   count(DISTINCT i.platform || ' ' || i.post_id) AS posts,
                   min(i.day) AS first, max(i.day) AS last,
                   round(sum({WEIGHT_OF_CLASS} * pow(0.5, date_diff('day', i.day, $end) / {HALF_LIFE_DAYS}))
                         * (1 + {PLATFORM_BONUS} * (count(DISTINCT i.platform) - 1)), 2) AS score,
                   coalesce(list(DISTINCT coalesce(i.post_url, i.post_id) ORDER BY coalesce(i.post_url, i.post_id))
                       FILTER (WHERE class = 'amplify'), []) AS amplified
            FROM period i JOIN people p USING (person)
            GROUP BY i.person
            ORDER BY score DESC, last DESC, i.person""",
        _params(con, org, start, end, posts),
    ).df()
    return _days(frame, "first", "last")[RANKING_COLUMNS]


INFLUENCE_COLUMNS = ["person", "name", "handles", "audience", "audience_on", "interactions", "shares", "influence"]


def influencers(
    con: duckdb.DuckDBPyConnection, org: int, start: date, end: date, posts: list[str] | None = None
) -> pd.DataFrame:
    """People whose audience times their weighted interactions in the period is largest, largest first.

    posts: only interactions with these posts (a campaign's); the audience is known from any.

    The audience is the newest followers figure of any of the person's handles, up to the period's end
    (audience_on: its day); people without one are left out. Ties: larger audience, then the key.
    """
    frame = con.execute(
        f"""WITH period AS (SELECT * FROM {interactions_between(only_posts=posts is not None)}),
            audience AS (
                SELECT person, arg_max(followers, followers_on) AS audience, max(followers_on) AS audience_on
                FROM {interactions_between(whole_history=True)}
                WHERE followers IS NOT NULL AND followers_on <= $end GROUP BY person
            ), {_PEOPLE}
            SELECT i.person, any_value(p.label) AS name,
                   list(DISTINCT i.platform || ':' || i.handle ORDER BY i.platform || ':' || i.handle) AS handles,
                   any_value(a.audience) AS audience, any_value(a.audience_on) AS audience_on,
                   count(*) AS interactions, count(*) FILTER (WHERE class = 'amplify') AS shares,
                   any_value(a.audience) * sum({WEIGHT_OF_CLASS}) AS influence
            FROM period i JOIN audience a USING (person) JOIN people p USING (person)
            GROUP BY i.person
            ORDER BY influence DESC, audience DESC, i.person""",
        _params(con, org, start, end, posts),
    ).df()
    frame["audience"] = frame["audience"].astype("Int64")
    frame["influence"] = frame["influence"].astype("Int64")
    return _days(frame, "audience_on")[INFLUENCE_COLUMNS]
