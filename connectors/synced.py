"""The tables API pullers write (impact/sync/mastodon.py, bluesky.py, youtube.py, graph.py), and the
connectors that read them.

A pull is imported like any export: the puller writes canonical CSV tables, one per kind of row, and
these connectors read them through the ordinary import (one batch each, undo, no double counting).
Per platform there are three: its posts with their counts, its account figures per day (followers on
the day of the pull; Meta's daily views and reach), and the people behind the interactions (who
boosted, favourited, liked, reposted or commented on a recent post).

Every header starts with "Synced <platform> ...", a name no platform's export uses, so detection never
takes an export for one of these tables or one of them for an export. Mastodon and Bluesky are UTC
platforms (impact/platforms.py): their times are written in UTC with the offset ("2026-11-20 18:30:00
+0000"). Facebook, Instagram and YouTube exports are stored in the organisation's local time, so their
pullers move the APIs' UTC times to it and the tables say "local time": a synced post and the same post
from an export then fall on the same day.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from connectors.base import Connector, Field, col

TIME = "%Y-%m-%d %H:%M:%S %z"
LOCAL_TIME = "%Y-%m-%d %H:%M:%S"
MAX_TEXT = 10_000
_FRACTION = re.compile(r"(\.\d{6})\d+")  # nanoseconds: fromisoformat reads at most microseconds
_SPACE = re.compile(r"\s+")
# Control characters that are not white space (NUL, ESC, DEL, C1): no name or post needs one, a NUL makes
# the import take the whole table for a damaged file, and ESC or C1 can drive the terminal of `impact sync`.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
# Half of a UTF-16 pair (a client that cut a name in the middle of an emoji): valid JSON, but no UTF-8 can
# hold it, so the table could not be written at all. A whole pair is one character once JSON is read.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Words:
    """How one platform's synced tables read: its own words for the counts, and what else it measures."""

    name: str
    likes: str
    comments: str
    shares: str
    # Further counts of a post: (header, canonical column or None to keep it in `extra`, SyncedPost attribute).
    measures: tuple[tuple[str, str | None, str], ...]
    engagement_parts: tuple[str, ...]
    engagement_note: str
    # UTC platforms (impact/platforms.py) keep times in UTC; the others are stored in the organisation's
    # local time, as their exports write them, so the puller moves API times (UTC) to that zone first.
    utc: bool = True
    # Daily account figures besides followers: (header, canonical column of account_day).
    account_measures: tuple[tuple[str, str], ...] = ()


WORDS = {
    "mastodon": Words(
        "Mastodon", "Favourites", "Replies", "Boosts", (("Quotes", None, "quotes"),), ("likes", "comments", "shares"),
        "Mastodon gives no total: favourites + replies + boosts, the public counts of each post "
        "(Mastodon has no impressions). Quote posts, where a server counts them, are kept beside them, not added.",
    ),
    "bluesky": Words(
        "Bluesky", "Likes", "Replies", "Reposts", (("Quotes", None, "quotes"),), ("likes", "comments", "shares"),
        "Bluesky gives no total: likes + replies + reposts, the public counts of each post "
        "(Bluesky has no impressions). Quotes are kept beside them, not added.",
    ),
    "youtube": Words(
        "YouTube", "Likes", "Comments", "Shares", (("Views", "video_views", "views"),), ("likes", "comments"),
        "YouTube's API gives no shares and no total: likes + comments. A YouTube Studio export adds shares: "
        "the newest of the two for a video is the one counted.",
        utc=False,
    ),
    "facebook": Words(
        "Facebook", "Reactions", "Comments", "Shares",
        (("Views", "impressions", "views"), ("Reach", "reach", "reach"), ("Clicks", "clicks", "clicks")),
        ("likes", "comments", "shares"),
        "Reactions + comments + shares, as Meta's 'Reactions, comments and shares' (clicks are not included).",
        utc=False,
        account_measures=(("Views", "impressions"), ("Reach", "reach")),
    ),
    "instagram": Words(
        "Instagram", "Likes", "Comments", "Shares",
        (("Views", "impressions", "views"), ("Reach", "reach", "reach"), ("Saves", "saves", "saves")),
        ("likes", "comments", "shares", "saves"),
        "Instagram gives no total: likes + comments + shares + saves.",
        utc=False,
        account_measures=(("Views", "impressions"), ("Reach", "reach")),
    ),
}  # fmt: skip


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
    views: int | None = None
    reach: int | None = None
    clicks: int | None = None
    saves: int | None = None


@dataclass(frozen=True)
class SyncedInteraction:
    post_id: str
    person_handle: str
    person_name: str
    kind: str  # reblog | favourite | like | repost | quote | reply | comment
    occurred_at: datetime | None = None  # UTC; boosts and reposts come without a time
    followers: int | None = None  # the person's own followers, where the API gives them (Mastodon)
    # What the person is counted by where it is not the handle: an id that stays when the handle changes
    # (Bluesky's DID), so the same like pulled after a change of handle is the same interaction.
    person_key: str = ""

    @property
    def interaction_id(self) -> str:
        """One person's one kind of interaction with one post, counted once however often it is pulled."""
        return f"{self.post_id}:{self.kind}:{self.person_key or self.person_handle}"


def parse_utc(text: object) -> datetime | None:
    """An API's ISO 8601 time ("2026-11-20T18:30:00.123Z") as UTC without a zone; None if it is not one."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        moment = datetime.fromisoformat(_FRACTION.sub(r"\1", text.strip()).replace("Z", "+00:00"))
        if moment.tzinfo:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # Overflow: year 1 or 9999 moved to UTC falls off datetime's range
        return None
    # No real time is in year 1 or 9999, and a zone or a day added to one would overflow later (local(), Graph's days).
    return moment if 1 < moment.year < 9999 else None


def count(value: object) -> int | None:
    """A count from JSON: a whole number from 0 up, else None (a missing count is not 0)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def writable(text: str) -> str:
    """Text any table can hold: control characters dropped, half a UTF-16 pair replaced with U+FFFD."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def one_line(text: object, limit: int = MAX_TEXT) -> str:
    """Plain text on one line, cut at `limit` (a post's text is shown, not stored whole)."""
    return _SPACE.sub(" ", writable(text) if isinstance(text, str) else "").strip()[:limit]


def _time(moment: datetime | None, utc: bool = True) -> str:
    """A UTC time with its offset; a local time (platforms stored in local time) without one."""
    if not moment:
        return ""
    return f"{moment:%Y-%m-%d %H:%M:%S} +0000" if utc else f"{moment:%Y-%m-%d %H:%M:%S}"


def local(moment: datetime | None, time_zone: str) -> datetime | None:
    """A UTC time (without a zone) in the organisation's time zone: how Meta and YouTube exports are stored."""
    if moment is None:
        return None
    try:
        return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(time_zone)).replace(tzinfo=None)
    except OverflowError:  # a moment at the edge of datetime's range: read as unknown, as parse_utc does
        return None


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    # Every cell, not only the texts one_line cleaned: ids, handles and addresses come from the payload too.
    writer.writerows([writable(cell) for cell in row] for row in rows)
    return out.getvalue()


def _published(platform: str) -> str:
    return "Published (UTC)" if WORDS[platform].utc else "Published (local time)"


def post_header(platform: str) -> list[str]:
    words = WORDS[platform]
    return [f"Synced {platform} post id", "Account", _published(platform), "Kind", "Text", "URL", words.likes,
            words.comments, words.shares, *(header for header, _, _ in words.measures)]  # fmt: skip


def followers_header(platform: str) -> list[str]:
    day = "day (UTC)" if WORDS[platform].utc else "day"
    return [f"Synced {platform} followers {day}", "Account", "Followers",
            *(header for header, _ in WORDS[platform].account_measures)]  # fmt: skip


def interaction_header(platform: str) -> list[str]:
    return [f"Synced {platform} interaction id", "Account", "Post id", "Person handle", "Person name", "Kind",
            f"Occurred at ({'UTC' if WORDS[platform].utc else 'local time'})", "Person followers"]  # fmt: skip


def posts_table(platform: str, account: str, posts: list[SyncedPost]) -> str:
    words = WORDS[platform]
    rows = [
        [
            p.post_id,
            account,
            _time(p.published_at, words.utc),
            p.kind,
            p.text,
            p.url,
            _number(p.likes),
            _number(p.comments),
            _number(p.shares),
            *(_number(getattr(p, name)) for _, _, name in words.measures),
        ]  # fmt: skip
        for p in posts
    ]
    return _csv(post_header(platform), rows)


def followers_table(platform: str, account: str, day: date, followers: int | None, **measures: int | None) -> str:
    """One day's account figures: followers, and (Meta) the day's views and reach, by canonical column name."""
    return account_table(platform, account, [(day, followers, measures)])


def account_table(platform: str, account: str, days: list[tuple[date, int | None, dict[str, int | None]]]) -> str:
    """Account figures per day: (day, followers, {canonical column: count}) each."""
    columns = [column for _, column in WORDS[platform].account_measures]
    rows = [[day.isoformat(), account, _number(followers), *(_number(m.get(c)) for c in columns)]
            for day, followers, m in days]  # fmt: skip
    return _csv(followers_header(platform), rows)


def interactions_table(platform: str, account: str, interactions: list[SyncedInteraction]) -> str:
    utc = WORDS[platform].utc
    rows = [
        [
            i.interaction_id,
            account,
            i.post_id,
            i.person_handle,
            i.person_name,
            i.kind,
            _time(i.occurred_at, utc),
            _number(i.followers),
        ]  # fmt: skip
        for i in interactions
    ]
    return _csv(interaction_header(platform), rows)


def _hint(platform: str) -> str:
    name = WORDS[platform].name
    return (
        f"this table is written by the sync of a {name} source (python -m impact sources add "
        f"--kind {platform}, then python -m impact sync), not exported by {name}"
    )


def _time_field(header: str, platform: str) -> Field:
    if WORDS[platform].utc:
        return col(header, kind="timestamp", formats=(TIME,), utc=True)
    return col(header, kind="timestamp", formats=(LOCAL_TIME,))


def _posts(platform: str) -> Connector:
    header = post_header(platform)
    words = WORDS[platform]
    return Connector(
        name=f"{platform}_synced_posts",
        label=f"{words.name} posts (synced from the API)",
        platform=platform,
        table="post",
        signature=tuple(h.lower() for h in header),
        fields={
            "post_id": col(header[0], kind="text", required=True),
            "handle": col("Account", kind="text"),
            "published_at": _time_field(header[2], platform),
            "kind": col("Kind", kind="text"),
            "text": col("Text", kind="text"),
            "url": col("URL", kind="text"),
            "likes": col(words.likes),
            "comments": col(words.comments),
            "shares": col(words.shares),
            # Measures without a canonical column (quotes) are kept in `extra`.
            **{column: col(name) for name, column, _ in words.measures if column},
        },
        handle_field="handle",
        engagement_parts=words.engagement_parts,
        engagement_note=words.engagement_note,
        hint=_hint(platform),
    )


def _followers(platform: str) -> Connector:
    header = followers_header(platform)
    words = WORDS[platform]
    return Connector(
        name=f"{platform}_synced_followers",
        label=f"{words.name} followers (synced from the API, on the day of each pull)",
        platform=platform,
        table="account_day",
        signature=tuple(h.lower() for h in header),
        fields={
            "day": col(header[0], kind="date", formats=("%Y-%m-%d",), required=True),
            "handle": col("Account", kind="text"),
            "followers": col("Followers"),
            **{column: col(name) for name, column in words.account_measures},
        },
        handle_field="handle",
        hint=_hint(platform),
    )


def _interactions(platform: str) -> Connector:
    header = interaction_header(platform)
    return Connector(
        name=f"{platform}_synced_interactions",
        label=f"{WORDS[platform].name} interactions (who engaged with recent posts, synced from the API)",
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
            "occurred_at": _time_field(header[6], platform),
            "person_followers": col("Person followers"),
        },
        handle_field="handle",
        hint=_hint(platform),
    )


CONNECTORS = [make(platform) for platform in WORDS for make in (_posts, _followers, _interactions)]
