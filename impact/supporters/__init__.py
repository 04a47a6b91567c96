"""Supporters: the people outside the organisation behind its interactions, and who carries its word.

Every figure here starts from one subquery, `interactions_between()`: the `interaction` table (the
APIs' boosts, likes, replies, comments and the interactions template's lines) and the listening feeds'
mentions that name their author, each with

- `person`: who did it. A handle (platform and handle) is a person of its own ("x:asha_reads") until
  someone of the organisation confirms that handles on several platforms are one person (a supporter
  row: "s12"); only a confirmation merges, and a split undoes it (impact.supporters.identity);
- `day`: the organisation's local day: the template's day as written, an API's time moved to the
  organisation's zone (UTC platforms), else the day of the post it was on, else the day it was pulled
  (a boost or a like comes without a time);
- `class`: amplify (shared, reposted, boosted, quoted, or wrote about the organisation: carries the word
  to others), converse (replied, commented), appreciate (liked, favourited, anything else).

The ranking (impact.supporters.ranking) and the supporter ladder (impact.supporters.ladder) count
from it, so two views of one person always agree.
"""

from __future__ import annotations

# What each kind of interaction does for the organisation (the kinds APIs and the template write).
AMPLIFY = ("share", "reblog", "repost", "quote", "retweet", "mention")
CONVERSE = ("reply", "comment")
# The weight of each class in an evangelist's score: a share reaches the sharer's audience, a reply
# starts a conversation, a like only says it was seen and liked.
WEIGHTS = {"amplify": 3, "converse": 2, "appreciate": 1}
CLASSES = tuple(WEIGHTS)


def _kinds(values: tuple[str, ...]) -> str:
    """This module's own kind names as SQL literals (constants, never input)."""
    assert all(v.isidentifier() for v in values)
    return ", ".join(f"'{v}'" for v in values)


CLASS_OF_KIND = (
    f"CASE WHEN kind IN ({_kinds(AMPLIFY)}) THEN 'amplify' "
    f"WHEN kind IN ({_kinds(CONVERSE)}) THEN 'converse' ELSE 'appreciate' END"
)
WEIGHT_OF_CLASS = (
    f"CASE class WHEN 'amplify' THEN {WEIGHTS['amplify']} WHEN 'converse' THEN {WEIGHTS['converse']} ELSE 1 END"
)


# What to call a person, over rows `i` of interactions_between() joined to `s`, their supporter row (if
# any), grouped by person: the confirmed name, else the newest name their handle gave, else the handle.
PERSON_NAME = (
    "coalesce(any_value(s.name), arg_max(i.name, i.day) FILTER (WHERE i.name IS NOT NULL), arg_max(i.handle, i.day))"
)


def interactions_between(*, whole_history: bool = False, only_posts: bool = False) -> str:
    """Every interaction of organisation $org on its local days $start..$end, as a subquery.

    Needs $org, $tz, $start and $end (whole_history: every day, and $start / $end are not needed);
    only_posts: only interactions with the posts in $posts (VARCHAR[] of "platform post_id": a campaign's).
    Columns: platform, interaction_id, post_id, post_url, handle, name, kind, class, followers,
    followers_on (the day the followers figure was given), day, person.
    """
    # Here, not at the top: `python -m impact --help` imports this package for its `people` command, and
    # impact.definitions imports DuckDB and the connectors.
    from impact.definitions.sql import LOCAL_DAY, local_time

    conditions = ([] if whole_history else ["day BETWEEN $start AND $end"]) + (
        ["list_contains($posts::VARCHAR[], r.platform || ' ' || r.post_id)"] if only_posts else []
    )
    in_period = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"""(
        WITH posts AS (
            SELECT platform, post_id, url, {LOCAL_DAY} AS local_day FROM post WHERE organisation_id = $org
        ), raw AS (
            SELECT i.platform, i.interaction_id, i.post_id, p.url AS post_url, i.person_handle AS handle,
                   i.person_name AS name, lower(i.kind) AS kind, i.person_followers AS followers,
                   coalesce(i.occurred_on, CAST({local_time("i.occurred_at", "i.platform")} AS DATE), p.local_day,
                            CAST(b.as_of AS DATE)) AS day,
                   coalesce(i.occurred_on, CAST({local_time("i.occurred_at", "i.platform")} AS DATE),
                            CAST(b.as_of AS DATE)) AS followers_on
            FROM interaction i
            JOIN import_batch b ON b.id = i.batch_id
            LEFT JOIN posts p ON p.platform = i.platform AND p.post_id = i.post_id
            WHERE i.organisation_id = $org
            UNION ALL
            -- A listening feed's item that names its author: someone wrote about the organisation.
            SELECT m.platform, m.mention_id, coalesce(m.url, m.mention_id), m.url, trim(m.author), trim(m.author),
                   'mention', NULL, CAST({local_time("m.published_at", "m.platform")} AS DATE), NULL
            FROM mention m
            WHERE m.organisation_id = $org AND nullif(trim(m.author), '') IS NOT NULL AND m.published_at IS NOT NULL
        )
        SELECT r.*, {CLASS_OF_KIND} AS class,
               coalesce('s' || h.supporter_id, r.platform || ':' || r.handle) AS person
        FROM raw r
        LEFT JOIN supporter_handle h ON h.organisation_id = $org AND h.platform = r.platform AND h.handle = r.handle
        {in_period})"""
