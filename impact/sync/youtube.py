"""YouTube: a channel's recent videos and their counts, its subscribers, and who commented.

Asked of the YouTube Data API v3 with an API key (public data only, no sign-in), sent in the
X-Goog-Api-Key header, which Google's APIs take instead of the `key` query parameter: a URL is written
down by logs (urllib3's at DEBUG, proxies), a header is not. Every
request below costs 1 unit of the key's daily quota of 10,000 units (search.list, at 100 units, is
never asked). One sync asks (bounded):
- 1 request: the channel (channels.list part=snippet,statistics,contentDetails): its name, its
  subscriberCount and its uploads playlist;
- 1 to 4 requests: the uploads playlist (playlistItems.list, 50 a page, pageToken paging), newest first,
  back to 90 days or 200 videos;
- 0 to 4 requests: those videos (videos.list, 50 ids a request): their title, time and counts;
- for at most 10 of the newest videos with comments, and only those whose commentCount changed since
  the last pull: the newest 100 comment threads (commentThreads.list, one page each): who commented.
So a sync where no count changed costs at most 9 units; the first sync of a busy channel at most 19.

The channel's name (snippet.title) is the account, as YouTube Studio exports name it, so synced rows and
exported rows land on the same account. Times are stored in the organisation's local time, as Studio
exports are. Counts come as strings: an absent one (likes hidden by the channel, comments turned off) is
no figure, not 0; a hidden subscriber count writes no followers row. The public subscriberCount is
rounded down to three significant figures by YouTube. The API does not say which uploads are Shorts
(their length is no test: Shorts run up to 3 minutes, and an ordinary video may be shorter), so the
kind is left empty: a Studio export's "Short" for the same video stays, and the Content page calls a
YouTube post without a kind a video. Google's errors (quotaExceeded, keyInvalid, accessNotConfigured) become sentences
saying what to do.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from connectors.synced import (
    SyncedInteraction,
    SyncedPost,
    followers_table,
    interactions_table,
    local,
    one_line,
    parse_utc,
    posts_table,
)
from impact.auth.audit import utc_now
from impact.sync.http import Http, Response, SyncError, where
from impact.sync.secrets import without_secret
from impact.sync.sources import KINDS, Source

if TYPE_CHECKING:  # run.py imports this module for its PULLERS: Pull is imported when a pull is made
    from impact.sync.run import Pull

DATA_API = "https://www.googleapis.com/youtube/v3"
WINDOW = timedelta(days=90)
MAX_VIDEOS = 200
PAGE = 50  # the most playlistItems.list gives in a page, and the most ids videos.list takes
MAX_COMMENT_VIDEOS = 10
COMMENT_PAGE = 100  # the most commentThreads.list gives in a page
DAILY_UNITS = 10_000
_DIGITS = re.compile(r"[0-9]{1,20}")
_REASON = re.compile(r"[A-Za-z_]{1,60}")
_TAG = re.compile(r"<[^>]*>")

# The reasons of google.rpc.ErrorInfo (newer answers) by the Data API's own names (those its docs list).
_DATA_API_NAMES = {
    "API_KEY_INVALID": "keyInvalid",
    "API_KEY_EXPIRED": "keyExpired",
    "SERVICE_DISABLED": "accessNotConfigured",
}

JSON = dict[str, object]


@dataclass(frozen=True)
class _Api:
    """The Data API as this source asks it: its address, the key, and the organisation's time zone."""

    http: Http
    base: str
    key: str
    time_zone: str

    def get(self, method: str, params: dict[str, object], skip: tuple[str, ...] = ()) -> JSON | None:
        """One request's JSON object; None when Google's error reason is one of `skip` (commentsDisabled)."""
        answer = self.http.get(
            f"{self.base}/{method}", params=params, headers={"X-Goog-Api-Key": self.key}, returned=(400, 403, 404)
        )
        if answer.status in (400, 403, 404):
            reason, message = _google_error(answer, self.key)
            if reason in skip:
                return None
            if answer.status == 404 and not reason:
                raise SyncError(f"{where(answer.url)} says there is no such channel or video (404).")
            raise SyncError(self._refused_sentence(answer.status, reason, message))
        found = answer.json()
        if not isinstance(found, dict):
            raise SyncError(f"{where(answer.url)} did not answer with a JSON object (not the YouTube Data API?).")
        return found

    def _refused_sentence(self, status: int, reason: str, message: str) -> str:
        if reason in ("keyInvalid", "keyExpired") or (status == 400 and "api key not valid" in message.lower()):
            named = "keyExpired" if reason == "keyExpired" else "keyInvalid"
            return (
                f"YouTube refused the key ({named}): it is not a valid API key (mistyped, deleted or expired); "
                "remove the source and add it again with a valid key (Google Cloud console > APIs & Services > "
                "Credentials)."
            )
        if reason in ("quotaExceeded", "dailyLimitExceeded"):
            return (
                f"YouTube refused the request ({reason}): the key's daily quota ({DAILY_UNITS:,} units) is used "
                "up (a sync of this source costs at most 19; other apps using the key's project share the "
                "quota); the next sync after midnight Pacific time goes on."
            )
        if reason == "accessNotConfigured":
            return (
                f"YouTube refused the key ({reason}): the YouTube Data API v3 is not enabled for the key's "
                "Google Cloud project; enable it (Google Cloud console > APIs & Services > Library > YouTube "
                "Data API v3), then sync again."
            )
        if reason in ("ipRefererBlocked", "API_KEY_HTTP_REFERRER_BLOCKED", "API_KEY_IP_ADDRESS_BLOCKED"):
            return (
                f"YouTube refused the key ({reason}): the key is restricted to other websites or addresses than "
                "this server's; lift that restriction (APIs & Services > Credentials), or add the source again "
                "with a key restricted to the YouTube Data API v3 only."
            )
        if reason in ("rateLimitExceeded", "userRateLimitExceeded"):
            return f"YouTube refused the request ({reason}): the key asked too fast; try again in a few minutes."
        return f"YouTube refused the request ({status}, {reason or 'no reason given'})" + (
            f": {message}" if message else "."
        )


def _google_error(answer: Response, key: str) -> tuple[str, str]:
    """Google's error answer as (reason, a short, cleaned message); empty strings where it says nothing.

    The message loses its HTML (the quota message links its docs), and the key in any form Google (or a
    proxy) quoted it.
    """
    try:
        found = answer.json()
    except SyncError:
        return "", ""
    error = found.get("error") if isinstance(found, dict) else None
    if not isinstance(error, dict):
        return "", ""
    reasons = [e.get("reason") for e in error.get("errors") or [] if isinstance(e, dict)]
    # Newer answers say it in details (google.rpc.ErrorInfo), with a badRequest or forbidden reason above.
    reasons += [d.get("reason") for d in error.get("details") or [] if isinstance(d, dict)]
    named = [r for r in reasons if isinstance(r, str) and _REASON.fullmatch(r) and key not in r]
    specific = [r for r in named if r not in ("badRequest", "forbidden", "notFound", "invalid")]
    reason = (specific or named or [""])[0]
    reason = _DATA_API_NAMES.get(reason, reason)
    message = error.get("message")
    if not isinstance(message, str):
        return reason, ""
    # Tags and entities first: a key split by "<b></b>" or written "&#45;" is still the key.
    text = one_line(html.unescape(_TAG.sub("", message)))
    return reason, without_secret(text, key, "(the key)")[:160]


def pull_youtube(http: Http, source: Source, secret: str | None) -> Pull:
    """The channel's videos of the last 90 days, its subscribers today, and who commented on its newest videos."""
    if not secret:
        raise SyncError(
            "this YouTube source has no API key; remove it and add it again with a key (--secret-stdin): an API "
            "key for the YouTube Data API v3, made in the Google Cloud console > APIs & Services > Credentials."
        )
    api = _Api(http, (source.base_url or KINDS["youtube"][1] or DATA_API).rstrip("/"), secret, source.time_zone)
    try:
        return _pull(api, source)
    except (KeyError, TypeError, ValueError, AttributeError):
        # JSON of another shape (a proxy, a changed API): say so rather than fail the whole sync.
        raise SyncError(
            "YouTube answered in a shape this version does not read (not the YouTube Data API v3?)."
        ) from None


def _pull(api: _Api, source: Source) -> Pull:
    from impact.sync.run import Pull

    now = utc_now()
    channel = _channel(api, source.target)
    snippet, statistics = _dict(channel.get("snippet")), _dict(channel.get("statistics"))
    name = one_line(snippet.get("title"), 200) or source.target
    uploads = str(_dict(_dict(channel["contentDetails"])["relatedPlaylists"])["uploads"])
    ids = _recent_uploads(api, uploads, now - WINDOW)
    videos = _videos(api, ids)
    last_counts = source.state.get("counts")
    counts, interactions = _interactions(
        api, source.target, videos, last_counts if isinstance(last_counts, dict) else {}
    )
    tables = []
    posts = [_post(api, v) for v in videos]
    # The import refuses a table without a single figure: videos that show no count are left out then.
    if any(p.views is not None or p.likes is not None or p.comments is not None for p in posts):
        tables.append((f"youtube posts {name}", posts_table("youtube", name, posts)))
    subscribers = None if statistics.get("hiddenSubscriberCount") is True else _count(statistics.get("subscriberCount"))
    if subscribers is not None:
        day = (local(now, api.time_zone) or now).date()  # the organisation's day, as Studio's exports
        tables.append((f"youtube followers {name}", followers_table("youtube", name, day, subscribers)))
    if interactions:
        tables.append((f"youtube interactions {name}", interactions_table("youtube", name, interactions)))
    newest_before = source.state.get("newest_id")
    newest = str(videos[0]["id"]) if videos else newest_before
    return Pull(tables, {"counts": counts, "newest_id": newest}, notes=[_new_videos_note(videos, newest_before)])


def _dict(value: object) -> JSON:
    if not isinstance(value, dict):
        raise TypeError("not a JSON object")
    return value


def _items(found: JSON) -> list[JSON]:
    items = found.get("items", [])
    if not isinstance(items, list):
        raise TypeError("items is not a list")
    return [item for item in items if isinstance(item, dict)]


def _count(value: object) -> int | None:
    """A count as the Data API gives it (a uint64 written as a string): None when absent or not a number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value >= 0 else None
    return int(value) if isinstance(value, str) and _DIGITS.fullmatch(value) else None


def _channel(api: _Api, channel_id: str) -> JSON:
    found = api.get("channels", {"part": "snippet,statistics,contentDetails", "id": channel_id})
    items = _items(found or {})
    if not items:
        raise SyncError(
            f"YouTube has no channel {channel_id} (channels.list found none); check the id in YouTube Studio > "
            "Settings > Channel > Advanced settings."
        )
    return items[0]


def _recent_uploads(api: _Api, playlist_id: str, since: datetime) -> list[str]:
    """Ids of the channel's uploads since `since`, newest first, at most MAX_VIDEOS (MAX_VIDEOS / PAGE requests)."""
    params: dict[str, object] = {"part": "contentDetails", "playlistId": playlist_id, "maxResults": PAGE}
    found: dict[str, None] = {}
    for _ in range(-(-MAX_VIDEOS // PAGE)):
        # A channel without public videos may have an uploads playlist YouTube says it cannot find.
        page = api.get("playlistItems", params, skip=("playlistNotFound",))
        if page is None:
            break
        items = [_dict(item.get("contentDetails")) for item in _items(page)]
        # A private or deleted video has no videoPublishedAt: it is not the channel's public work.
        dated = [(str(d["videoId"]), parse_utc(d.get("videoPublishedAt"))) for d in items if d.get("videoId")]
        public = [(video_id, moment) for video_id, moment in dated if moment is not None]
        recent = [video_id for video_id, moment in public if moment >= since]
        found.update(dict.fromkeys(recent))
        token = page.get("nextPageToken")
        # An older video is the window's end; no next page, the playlist's.
        if len(recent) < len(public) or not isinstance(token, str) or not token or len(found) >= MAX_VIDEOS:
            break
        params["pageToken"] = token
    return list(found)[:MAX_VIDEOS]


def _videos(api: _Api, ids: list[str]) -> list[JSON]:
    """The videos (snippet, statistics), newest first; those YouTube no longer shows are left out."""
    found: dict[str, JSON] = {}
    for start in range(0, len(ids), PAGE):
        chunk = ids[start : start + PAGE]
        answer = api.get("videos", {"part": "snippet,statistics,contentDetails", "id": ",".join(chunk)})
        found.update((str(v["id"]), v) for v in _items(answer or {}) if v.get("id") in chunk)
    videos = [found[video_id] for video_id in ids if video_id in found]
    # Newest first by the time each was published (the playlist's order is the order of uploading).
    return sorted(videos, key=lambda v: _published(v) or datetime.min, reverse=True)


def _published(video: JSON) -> datetime | None:
    return parse_utc(_dict(video.get("snippet", {})).get("publishedAt"))


def _post(api: _Api, video: JSON) -> SyncedPost:
    video_id = str(video["id"])
    snippet, statistics = _dict(video.get("snippet", {})), _dict(video.get("statistics", {}))
    return SyncedPost(
        post_id=video_id,
        published_at=local(_published(video), api.time_zone),
        kind="",  # unknown: see the module's docstring
        text=one_line(snippet.get("title")),
        url=f"https://www.youtube.com/watch?v={video_id}",
        likes=_count(statistics.get("likeCount")),  # absent when the channel hides likes
        comments=_count(statistics.get("commentCount")),  # absent when comments are off
        shares=None,  # the Data API has no shares; a Studio export does
        views=_count(statistics.get("viewCount")),
    )


def _interactions(
    api: _Api, channel_id: str, videos: list[JSON], last_counts: dict[str, object]
) -> tuple[dict[str, int], list[SyncedInteraction]]:
    """Who commented on the newest videos with comments; asked again only when a video's count changed.

    Returns the counts seen (the next pull's state) and the interactions found.
    """
    commented = [v for v in videos if _count(_dict(v.get("statistics", {})).get("commentCount"))][:MAX_COMMENT_VIDEOS]
    seen: dict[str, int] = {}
    found: dict[str, SyncedInteraction] = {}
    for video in commented:
        video_id = str(video["id"])
        seen[video_id] = _count(_dict(video["statistics"]).get("commentCount")) or 0
        if seen[video_id] == last_counts.get(video_id):
            continue
        params = {"part": "snippet", "videoId": video_id, "maxResults": COMMENT_PAGE, "order": "time"}
        page = api.get("commentThreads", params, skip=("commentsDisabled", "videoNotFound"))
        for thread in _items(page or {}):
            comment = _dict(_dict(_dict(thread["snippet"])["topLevelComment"])["snippet"])
            interaction = _interaction(api, video_id, comment)
            if interaction and interaction.person_handle != channel_id:  # the channel's own comments are not people's
                # Threads come newest first: one person's several comments are one interaction, at their first.
                found[interaction.interaction_id] = interaction
    return seen, list(found.values())


def _interaction(api: _Api, video_id: str, comment: JSON) -> SyncedInteraction | None:
    author = comment.get("authorChannelId")
    channel = author.get("value") if isinstance(author, dict) else None
    name = one_line(comment.get("authorDisplayName"), 200)
    handle = channel if isinstance(channel, str) and channel else name
    if not handle:
        return None
    occurred = local(parse_utc(comment.get("publishedAt")), api.time_zone)
    return SyncedInteraction(video_id, handle, name or handle, "comment", occurred)


def _new_videos_note(videos: list[JSON], newest_before: object) -> str:
    ids = [str(v["id"]) for v in videos]
    if not isinstance(newest_before, str) or newest_before not in ids:
        return f"{len(videos)} videos of the last 90 days"
    return (
        f"{ids.index(newest_before)} new videos since the last pull; {len(videos)} videos of the last 90 days refreshed"
    )
