"""The tables API pullers write (impact/sync/mastodon.py, bluesky.py), and the connectors that read them.

A pull is imported like any export: the puller writes canonical CSV tables, one per kind of row, and
these connectors read them through the ordinary import (one batch each, undo, no double counting).
Per platform there are three: its posts with their public counts, its followers on the day of the pull,
and the people behind the interactions (who boosted, favourited, liked, reposted a recent post).

Every header starts with "Synced <platform> ...", a name no platform's export uses, so detection never
takes an export for one of these tables or one of them for an export. Times are written in UTC with
their offset ("2026-11-20 18:30:00 +0000"), as the feeds' tables are: mastodon and bluesky are UTC
platforms (impact/platforms.py).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from connectors.base import Connector, col

TIME = "%Y-%m-%d %H:%M:%S %z"
MAX_TEXT = 10_000
_FRACTION = re.compile(r"(\.\d{6})\d+")  # nanoseconds: fromisoformat reads at most microseconds
_SPACE = re.compile(r"\s+")

# What each platform calls its counts (likes, comments, shares), so a table reads in the platform's words.
WORDS = {
    "mastodon": ("Mastodon", "Favourites", "Replies", "Boosts"),
    "bluesky": ("Bluesky", "Likes", "Replies", "Reposts"),
}
_NOTES = {
    "mastodon": "Mastodon gives no total: favourites + replies + boosts, the public counts of each post "
    "(Mastodon has no impressions). Quote posts, where a server counts them, are kept beside them, not added.",
    "bluesky": "Bluesky gives no total: likes + replies + reposts, the public counts of each post "
    "(Bluesky has no impressions). Quotes are kept beside them, not added.",
}


@dataclass(frozen=True)
class SyncedPost:
    post_id: str
    published_at: datetime | None  # UTC, without a zone
    kind: str  # Post | Reply
    text: str
    url: str
    likes: int | None
    comments: int | None
    shares: int | None
    quotes: int | None = None


@dataclass(frozen=True)
class SyncedInteraction:
    post_id: str
    person_handle: str
    person_name: str
    kind: str  # reblog | favourite | like | repost | quote | reply
    occurred_at: datetime | None = None  # UTC; boosts and reposts come without a time

    @property
    def interaction_id(self) -> str:
        """One person's one kind of interaction with one post, counted once however often it is pulled."""
        return f"{self.post_id}:{self.kind}:{self.person_handle}"


def parse_utc(text: object) -> datetime | None:
    """An API's ISO 8601 time ("2026-11-20T18:30:00.123Z") as UTC without a zone; None if it is not one."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        moment = datetime.fromisoformat(_FRACTION.sub(r"\1", text.strip()).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def count(value: object) -> int | None:
    """A count from JSON: a whole number from 0 up, else None (a missing count is not 0)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def one_line(text: object, limit: int = MAX_TEXT) -> str:
    """Plain text on one line, cut at `limit` (a post's text is shown, not stored whole)."""
    return _SPACE.sub(" ", text if isinstance(text, str) else "").strip()[:limit]


def _time(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S} +0000" if moment else ""


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def post_header(platform: str) -> list[str]:
    _, likes, comments, shares = WORDS[platform]
    return [f"Synced {platform} post id", "Account", "Published (UTC)", "Kind", "Text", "URL", likes, comments,
            shares, "Quotes"]  # fmt: skip


def followers_header(platform: str) -> list[str]:
    return [f"Synced {platform} followers day (UTC)", "Account", "Followers"]


def interaction_header(platform: str) -> list[str]:
    return [f"Synced {platform} interaction id", "Account", "Post id", "Person handle", "Person name", "Kind",
            "Occurred at (UTC)"]  # fmt: skip


def posts_table(platform: str, account: str, posts: list[SyncedPost]) -> str:
    rows = [
        [
            p.post_id,
            account,
            _time(p.published_at),
            p.kind,
            p.text,
            p.url,
            _number(p.likes),
            _number(p.comments),
            _number(p.shares),
            _number(p.quotes),
        ]  # fmt: skip
        for p in posts
    ]
    return _csv(post_header(platform), rows)


def followers_table(platform: str, account: str, day: date, followers: int) -> str:
    return _csv(followers_header(platform), [[day.isoformat(), account, str(followers)]])


def interactions_table(platform: str, account: str, interactions: list[SyncedInteraction]) -> str:
    rows = [
        [i.interaction_id, account, i.post_id, i.person_handle, i.person_name, i.kind, _time(i.occurred_at)]
        for i in interactions
    ]
    return _csv(interaction_header(platform), rows)


def _hint(platform: str) -> str:
    return (
        f"this table is written by the sync of a {WORDS[platform][0]} source (python -m impact sources add "
        f"--kind {platform}, then python -m impact sync), not exported by {WORDS[platform][0]}"
    )


def _posts(platform: str) -> Connector:
    header = post_header(platform)
    name, likes, comments, shares = WORDS[platform]
    return Connector(
        name=f"{platform}_synced_posts",
        label=f"{name} posts (synced from the API)",
        platform=platform,
        table="post",
        signature=tuple(h.lower() for h in header),
        fields={
            "post_id": col(header[0], kind="text", required=True),
            "handle": col("Account", kind="text"),
            "published_at": col("Published (UTC)", kind="timestamp", formats=(TIME,), utc=True),
            "kind": col("Kind", kind="text"),
            "text": col("Text", kind="text"),
            "url": col("URL", kind="text"),
            "likes": col(likes),
            "comments": col(comments),
            "shares": col(shares),
        },  # Quotes: no canonical column, kept in `extra`
        handle_field="handle",
        engagement_parts=("likes", "comments", "shares"),
        engagement_note=_NOTES[platform],
        hint=_hint(platform),
    )


def _followers(platform: str) -> Connector:
    header = followers_header(platform)
    return Connector(
        name=f"{platform}_synced_followers",
        label=f"{WORDS[platform][0]} followers (synced from the API, on the day of each pull)",
        platform=platform,
        table="account_day",
        signature=tuple(h.lower() for h in header),
        fields={
            "day": col(header[0], kind="date", formats=("%Y-%m-%d",), required=True),
            "handle": col("Account", kind="text"),
            "followers": col("Followers"),
        },
        handle_field="handle",
        hint=_hint(platform),
    )


def _interactions(platform: str) -> Connector:
    header = interaction_header(platform)
    return Connector(
        name=f"{platform}_synced_interactions",
        label=f"{WORDS[platform][0]} interactions (who engaged with recent posts, synced from the API)",
        platform=platform,
        table="interaction",
        signature=tuple(h.lower() for h in header),
        fields={
            "interaction_id": col(header[0], kind="text", required=True),
            "handle": col("Account", kind="text"),
            "post_id": col("Post id", kind="text", required=True),
            "person_handle": col("Person handle", kind="text", required=True),
            "person_name": col("Person name", kind="text"),
            "kind": col("Kind", kind="text", required=True),
            "occurred_at": col("Occurred at (UTC)", kind="timestamp", formats=(TIME,), utc=True),
        },
        handle_field="handle",
        hint=_hint(platform),
    )


MASTODON_POSTS, MASTODON_FOLLOWERS, MASTODON_INTERACTIONS = _posts("mastodon"), _followers("mastodon"), _interactions("mastodon")  # fmt: skip
BLUESKY_POSTS, BLUESKY_FOLLOWERS, BLUESKY_INTERACTIONS = _posts("bluesky"), _followers("bluesky"), _interactions("bluesky")  # fmt: skip

CONNECTORS = [
    MASTODON_POSTS,
    MASTODON_FOLLOWERS,
    MASTODON_INTERACTIONS,
    BLUESKY_POSTS,
    BLUESKY_FOLLOWERS,
    BLUESKY_INTERACTIONS,
]
