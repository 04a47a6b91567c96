"""Facebook Pages and Instagram professional accounts through Meta's Graph API: posts and their counts,
their views and reach, the Page's daily views and reach, followers, and who commented.

Meta retires insights metrics by name (2025-11-15: page_impressions, post_impressions, page_fans and the
*_viral / *_nonviral family; mid 2026: page_impressions_unique, post_impressions_unique; for Instagram
impressions, plays and video_views in 2025), and one retired metric in a request fails the whole
request with error #100 "The value must be a valid insights metric". So every insights metric is asked
on its own, each figure has an ordered list of metrics that give it (the current name first, then the
older one, for servers and versions that still have it), and a metric refused with #100 is written down
(Pull.refused, shown on the Sources page), not asked again in this pull nor in later ones, and the next
metric of the list is asked instead. A figure whose every metric is refused stays empty (never 0), and
the pull still succeeds.

What one Facebook sync asks (bounded; a Page token allows about 4,800 calls a day per engaged person):
- 1 request: the Page (GET /{page-id}): its name (Meta's exports name the Page so) and followers_count;
- 1 or 2 requests: its published posts, 100 a page, following paging.next, back to 90 days or 200 posts;
- for the 25 newest posts, their lifetime insights, one metric a request: views, reach, clicks (75);
- the Page's daily views and reach of the last 28 days (2 requests, period=day, since/until);
- for at most 10 of the newest posts whose comment count changed since the last pull: who commented
  (100 a page, at most 2 pages each).
An Instagram sync asks the same way: the account, its media, four insights (views, reach, saved, shares)
for the 25 newest, and the commenters of at most 10 whose comment count changed. So a sync asks at most
about 100 times (a few more in the pull that finds a metric refused).

The token (a Page token; for Instagram one with instagram_basic and instagram_manage_insights) is sent
in the header "Authorization: Bearer", which Graph takes instead of the access_token query parameter: a
URL is written down by logs (urllib3's at DEBUG, proxies), a header is not, and Http drops it on a
redirect to another host. A paging.next that carries an access_token loses it. Graph's own error
messages are cleaned of anything that looks like a token before they are shown. Graph answers errors
with HTTP 400 or 403 and a JSON body: #190 (token expired or revoked), #10 and #200-#299 (a missing
permission), #4, #17, #32, #613 and #80001-#80014 (rate limits) each become a sentence saying what to do.

Facebook and Instagram figures are stored in the organisation's local time, as Meta's exports write
them: post times are moved from UTC to the organisation's zone. Post ids are stored as Meta Business
Suite's exports write them (a Facebook post's id without the "<page id>_" Graph puts in front; an
Instagram media id as it is), so a synced post and the same post from an export are one post. Daily
account figures (followers, the Page's views and reach) go to the platform's unnamed account, where
Meta Business Suite's page-level insights files put them (those files name no Page): a day from a file
and the same day from a pull are one row, never added together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from connectors.synced import (
    SyncedInteraction,
    SyncedPost,
    account_table,
    count,
    interactions_table,
    local,
    one_line,
    parse_utc,
    posts_table,
)
from impact.auth.audit import utc_now
from impact.sync.http import Http, SyncError, where
from impact.sync.secrets import without_secret
from impact.sync.sources import GRAPH_API, Source

# The account Meta's page-level insights files land on (they name no Page); see the docstring.
PAGE_LEVEL_ACCOUNT = ""

if TYPE_CHECKING:  # run.py imports this module for its PULLERS: Pull is imported when a pull is made
    from impact.sync.run import Pull

WINDOW = timedelta(days=90)
MAX_POSTS = 200
PAGE = 100  # the most Graph gives in one page of posts or media
MAX_INSIGHT_POSTS = 25
MAX_COMMENT_POSTS = 10
MAX_COMMENT_PAGES = 2
PAGE_DAYS = 28  # the Page's daily figures asked each pull (Graph allows at most 90 days per since/until)
# Graph's daily values end at midnight in Meta's own zone, Pacific time (see _day_of).
PACIFIC = ZoneInfo("America/Los_Angeles")

# Each figure: the metrics that give it, the current name first, then the older one.
POST_METRICS: dict[str, tuple[str, ...]] = {
    "views": ("post_media_view", "post_impressions"),
    "reach": ("post_total_media_view_unique", "post_impressions_unique"),
    "clicks": ("post_clicks",),
}
PAGE_METRICS: dict[str, tuple[str, ...]] = {
    "impressions": ("page_media_view", "page_impressions"),  # account_day's column for the day's views
    "reach": ("page_total_media_view_unique", "page_impressions_unique"),
}
MEDIA_METRICS: dict[str, tuple[str, ...]] = {
    "views": ("views", "impressions"),
    "reach": ("reach",),
    "saves": ("saved",),
    "shares": ("shares",),
}

POST_FIELDS = (
    "id,created_time,message,permalink_url,status_type,shares,"
    "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)"
)
MEDIA_FIELDS = "id,caption,media_type,media_product_type,timestamp,permalink,like_count,comments_count"
# Meta Business Suite's words for a post's type, so synced posts read like exported ones.
FACEBOOK_KINDS = {
    "added_photos": "Photos",
    "added_video": "Videos",
    "shared_story": "Links",
    "mobile_status_update": "Status",
    "created_event": "Events",
}
_RATE_LIMITS = {4, 17, 32, 613}
_PREFIX = re.compile(r"^\(#\d+\)\s*")
# Graph's messages can quote a token (a malformed one, say): Facebook's start EAA, Instagram's IG.
_TOKEN_LIKE = re.compile(r"\b(?:EAA|IGQ|IGAA)[A-Za-z0-9_\-]{8,}|access_token=[^\s&]+")
# Error #100 answers meant for one post or media, not a retired metric: the figure is empty for that one.
_THIS_OBJECT = ("does not support", "not supported", "incompatible", "not enough viewers", "before business")


class GraphError(SyncError):
    """Graph's error answer, said as a sentence; its code and message kept to tell refused metrics apart."""

    def __init__(self, sentence: str, code: int | None, subcode: int | None, message: str) -> None:
        super().__init__(sentence)
        self.code, self.subcode, self.message = code, subcode, message

    @property
    def for_this_object(self) -> bool:
        """An insights error about one post or media (too new, too few viewers, made before the account
        became a business account): its figure is empty, the metric is not refused."""
        if self.names_a_metric:
            return False
        if self.code == 100 and self.subcode is not None:
            return True
        return self.code in (10, 100) and any(words in self.message.lower() for words in _THIS_OBJECT)

    @property
    def names_a_metric(self) -> bool:
        """Graph's words for a retired or unknown metric ("The value must be a valid insights metric")."""
        return self.code == 100 and "insights metric" in self.message.lower()

    @property
    def refused_metric(self) -> bool:
        return self.code == 100 and not self.for_this_object


@dataclass
class _Graph:
    """The Graph API as one source asks it: its address, token, and the metrics refused so far."""

    http: Http
    base: str
    token: str
    platform: str  # facebook | instagram
    refused_before: frozenset[str]
    refused_now: set[str] = field(default_factory=set)

    def get(self, url: str, params: dict[str, object] | None = None) -> dict[str, object]:
        """A Graph object (a JSON object); Graph's error answers become GraphError sentences."""
        headers = {"Authorization": f"Bearer {self.token}"}
        answer = self.http.get(_without_token(url), params=params, headers=headers, returned=(400, 401, 403))
        try:
            found = answer.json()
        except SyncError:
            if answer.status < 400:
                raise
            found = None
        if isinstance(found, dict) and isinstance(found.get("error"), dict):
            raise self.error(found["error"])
        if answer.status >= 400:
            raise SyncError(f"{where(answer.url)} answered {answer.status} without a Graph error (not the Graph API?).")
        if not isinstance(found, dict):
            raise SyncError(f"{where(answer.url)} did not answer with a JSON object.")
        return found

    def error(self, error: dict[str, object]) -> GraphError:
        code, subcode = count(error.get("code")), count(error.get("error_subcode"))
        message = self.cleaned(error.get("message"))
        return GraphError(self.sentence(code, message), code, subcode, message)

    def cleaned(self, message: object) -> str:
        """Graph's message on one line, without its "(#100) " and without any token, at most 200 characters."""
        text = without_secret(one_line(message), self.token, "…") if isinstance(message, str) else ""
        return _TOKEN_LIKE.sub("…", _PREFIX.sub("", text))[:200] or "no message"

    def sentence(self, code: int | None, message: str) -> str:
        if code == 190:
            token = "Page token" if self.platform == "facebook" else "token for the Instagram account"
            return (
                f"Facebook refused the token (expired or revoked, #190): make a new {token} and add the source again."
            )
        if code == 10 or (code is not None and 200 <= code <= 299):
            needed = (
                "read_insights, pages_read_engagement and pages_show_list"
                if self.platform == "facebook"
                else "instagram_basic and instagram_manage_insights (with pages_show_list and pages_read_engagement "
                "for the Facebook Page linked to the account)"
            )
            return (
                f"Facebook refused for want of a permission (#{code}): the token needs {needed}; make a new token "
                "with them and add the source again."
            )
        if code in _RATE_LIMITS or (code is not None and 80001 <= code <= 80014):
            return f"Facebook's limit of requests is reached (#{code}); try again later (in an hour or so)."
        return f"Facebook answered error #{code if code is not None else '?'}: {message}"

    def same_server(self, url: str) -> bool:
        """A paging.next to follow stays on this server: the token is never sent anywhere else."""
        mine, theirs = urlsplit(self.base), urlsplit(url)
        return (mine.scheme, mine.netloc) == (theirs.scheme, theirs.netloc)

    def pages(self, url: str, params: dict[str, object], max_pages: int) -> Iterator[list[dict[str, object]]]:
        """The `data` of each page of a Graph list, following paging.next (or paging.cursors.after)."""
        first_url, first_params = url, params
        current: dict[str, object] | None = params
        for _ in range(max_pages):
            found = self.get(url, current)
            data = found.get("data")
            if not isinstance(data, list):
                raise SyncError(f"{where(url)} did not answer with a list (data).")
            yield [item for item in data if isinstance(item, dict)]
            raw = found.get("paging")
            paging: dict[str, object] = raw if isinstance(raw, dict) else {}
            following = paging.get("next")
            if not isinstance(following, str) or not following:
                return  # Graph leaves next out on the last page
            if self.same_server(following):
                url, current = following, None  # the next page's URL carries its own query
                continue
            # A next page on another server (a proxy's answer): asked of this one with the cursor instead.
            cursors = paging.get("cursors")
            after = cursors.get("after") if isinstance(cursors, dict) else None
            if not isinstance(after, str) or not after:
                return
            url, current = first_url, {**first_params, "after": after}

    def asked(self, metric: str) -> bool:
        return metric not in self.refused_before and metric not in self.refused_now

    def insight(self, url: str, metrics: Sequence[str], params: dict[str, object] | None = None) -> list[object]:
        """The values of the first of `metrics` Graph answers for the object at `url` (its insights edge).

        A metric refused with #100 is noted and the next one asked; none left, or an error meant for this
        object only, or no data (Instagram's answer for a figure it has not got): no values.
        """
        for metric in metrics:
            if not self.asked(metric):
                continue
            try:
                found = self.get(url, {"metric": metric, **(params or {})})
            except GraphError as error:
                if error.refused_metric:
                    self.refused_now.add(metric)
                    continue
                if error.for_this_object:
                    return []
                raise
            data = found.get("data")
            if not isinstance(data, list) or not data or not isinstance(data[0], dict):
                return []
            item = next((d for d in data if isinstance(d, dict) and d.get("name") == metric), data[0])
            values = item.get("values")
            if isinstance(values, list):
                return values
            total = item.get("total_value")  # Instagram's newer shape for some metrics
            return [total] if isinstance(total, dict) else []
        return []

    def lifetime(self, object_id: str, metrics: Sequence[str]) -> int | None:
        """A post's or media's lifetime figure: the value of the first metric Graph answers for it."""
        values = self.insight(f"{self.base}/{object_id}/insights", metrics)
        first = values[0] if values else None
        return count(first.get("value")) if isinstance(first, dict) else None

    def refused(self) -> tuple[str, ...]:
        """Every metric this source's Graph refused: before (so not asked again) and in this pull."""
        return tuple(sorted(self.refused_before | self.refused_now))

    def empty_figures(self, figures: dict[str, tuple[str, ...]]) -> list[str]:
        """The figures none of whose metrics is answered any longer."""
        return [name for name, metrics in figures.items() if not any(self.asked(m) for m in metrics)]


def _without_token(url: str) -> str:
    """A URL without an access_token in its query (Graph writes one into paging.next when it was given one)."""
    parts = urlsplit(url)
    if "access_token" not in parse_qs(parts.query):
        return url
    kept = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if name != "access_token"]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def _graph(http: Http, source: Source, secret: str | None, platform: str) -> _Graph:
    if not secret:
        what = "Page token" if platform == "facebook" else "token"
        raise SyncError(f"this {platform} source has no {what}; remove it and add it again with one.")
    base = (source.base_url or GRAPH_API).rstrip("/")
    return _Graph(http, base, secret, platform, frozenset(source.refused_metrics))


def _unreadable() -> SyncError:
    return SyncError("Facebook answered in a shape this version does not read (not the Graph API?).")


def pull_facebook(http: Http, source: Source, secret: str | None) -> Pull:
    """The Page's posts of the last 90 days with their counts and insights, its daily views and reach of
    the last 28 days, its followers today, and who commented on its newest posts."""
    graph = _graph(http, source, secret, "facebook")
    try:
        return _pull_facebook(graph, source)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _unreadable() from None


def pull_instagram(http: Http, source: Source, secret: str | None) -> Pull:
    """The account's media of the last 90 days with their counts and insights, its followers today, and
    who commented on its newest media."""
    graph = _graph(http, source, secret, "instagram")
    try:
        return _pull_instagram(graph, source)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _unreadable() from None


# ------------------------------------------------------------------------------------------------
# Facebook


def _pull_facebook(graph: _Graph, source: Source) -> Pull:
    from impact.sync.run import Pull

    now, zone = utc_now(), source.time_zone or "UTC"
    page = graph.get(f"{graph.base}/{source.target}", {"fields": "id,name,followers_count,fan_count"})
    account = one_line(page.get("name"), 200) or source.target
    listed = _recent(graph, f"{graph.base}/{source.target}/published_posts", POST_FIELDS, "created_time", now)
    posts = [_facebook_post(graph, item, index < MAX_INSIGHT_POSTS, zone) for index, item in enumerate(listed)]
    followers = count(page.get("followers_count"))
    followers = followers if followers is not None else count(page.get("fan_count"))
    days = _page_days(graph, source.target, now)
    today = (local(now, zone) or now).date()
    days.setdefault(today, {})
    rows = [(day, followers if day == today else None, days[day]) for day in sorted(days)]

    comment_counts = {_short_id(str(item["id"])): count(_summary(item, "comments")) or 0 for item in listed}
    full_ids = {_short_id(str(item["id"])): str(item["id"]) for item in listed}
    last = source.state.get("comments")
    asked, state_counts = _changed(comment_counts, last if isinstance(last, dict) else {})
    interactions: dict[str, SyncedInteraction] = {}
    for post_id in asked:
        url = f"{graph.base}/{full_ids[post_id]}/comments"
        for comments in graph.pages(url, {"fields": "from,created_time", "limit": PAGE}, MAX_COMMENT_PAGES):
            for comment in comments:
                person = comment.get("from")
                # `from` is left out when the person's privacy settings hide them; the Page's own replies are not people.
                if not isinstance(person, dict) or not person.get("id") or str(person["id"]) == str(page.get("id")):
                    continue
                handle = str(person["id"])
                name = one_line(person.get("name"), 200) or handle
                occurred = local(parse_utc(comment.get("created_time")), zone)
                _keep(interactions, SyncedInteraction(post_id, handle, name, "comment", occurred))

    tables = []
    if posts:
        tables.append((f"facebook posts {source.target}", posts_table("facebook", account, posts)))
    if any(known is not None or any(v is not None for v in m.values()) for _, known, m in rows):
        table = account_table("facebook", PAGE_LEVEL_ACCOUNT, rows)
        tables.append((f"facebook account {source.target}", table))
    if interactions:
        table = interactions_table("facebook", account, list(interactions.values()))
        tables.append((f"facebook interactions {source.target}", table))
    newest = _newest(listed, "created_time", source.state.get("newest"))
    notes = [_new_posts_note(listed, "created_time", source.state.get("newest"))]
    notes += _refused_notes(graph, {**POST_METRICS, **{f"page {k}": v for k, v in PAGE_METRICS.items()}})
    return Pull(tables, {"newest": newest, "comments": state_counts}, refused=graph.refused(), notes=notes)


def _short_id(graph_id: str) -> str:
    """A post's id as Meta Business Suite's export writes it: Graph's "<page id>_<post id>" without the Page."""
    return graph_id.split("_", 1)[1] if "_" in graph_id else graph_id


def _summary(item: dict[str, object], edge: str) -> object:
    """reactions.summary.total_count, comments.summary.total_count: None when Graph left it out."""
    found = item.get(edge)
    summary = found.get("summary") if isinstance(found, dict) else None
    return summary.get("total_count") if isinstance(summary, dict) else None


def _facebook_post(graph: _Graph, item: dict[str, object], with_insights: bool, zone: str) -> SyncedPost:
    full_id = str(item["id"])
    figures = {
        name: graph.lifetime(full_id, metrics) if with_insights else None for name, metrics in POST_METRICS.items()
    }
    shares = item.get("shares")
    return SyncedPost(
        post_id=_short_id(full_id),
        published_at=local(parse_utc(item.get("created_time")), zone),
        kind=FACEBOOK_KINDS.get(str(item.get("status_type") or ""), "Post"),
        text=one_line(item.get("message")),
        url=str(item.get("permalink_url") or ""),
        likes=count(_summary(item, "reactions")),
        comments=count(_summary(item, "comments")),
        # Graph leaves `shares` out of a post nobody shared: that is 0 shares, not an unknown count.
        shares=count(shares.get("count")) if isinstance(shares, dict) else 0,
        views=figures["views"],
        reach=figures["reach"],
        clicks=figures["clicks"],
    )


def _page_days(graph: _Graph, page_id: str, now: datetime) -> dict[date, dict[str, int | None]]:
    """The Page's daily views and reach of the last PAGE_DAYS days, by day (each metric one request)."""
    until = now.replace(tzinfo=UTC)
    params: dict[str, object] = {
        "period": "day",
        "since": int((until - timedelta(days=PAGE_DAYS)).timestamp()),
        "until": int(until.timestamp()),
    }
    days: dict[date, dict[str, int | None]] = {}
    for column, metrics in PAGE_METRICS.items():
        for value in graph.insight(f"{graph.base}/{page_id}/insights", metrics, params):
            if not isinstance(value, dict):
                continue
            day = _day_of(value.get("end_time"))
            if day is not None:
                days.setdefault(day, {})[column] = count(value.get("value"))
    return days


def _day_of(end_time: object) -> date | None:
    """The day a daily value is for. Graph's end_time is the END of the day, midnight in Pacific time
    ("2026-11-20T08:00:00+0000" in winter, T07:00:00 in summer, is midnight starting 20 November there),
    so the value belongs to the day before: the Pacific date of the second before end_time. This is the
    day Meta's own Page insights and exports show (Meta counts Page days in Pacific time, not in the
    organisation's zone)."""
    moment = parse_utc(end_time)
    if moment is None:
        return None
    return (moment.replace(tzinfo=UTC) - timedelta(seconds=1)).astimezone(PACIFIC).date()


# ------------------------------------------------------------------------------------------------
# Instagram


def _pull_instagram(graph: _Graph, source: Source) -> Pull:
    from impact.sync.run import Pull

    now, zone = utc_now(), source.time_zone or "UTC"
    profile = graph.get(f"{graph.base}/{source.target}", {"fields": "id,username,followers_count,media_count"})
    account = one_line(profile.get("username"), 200) or source.target
    listed = _recent(graph, f"{graph.base}/{source.target}/media", MEDIA_FIELDS, "timestamp", now)
    posts = [_media(graph, item, index < MAX_INSIGHT_POSTS, zone) for index, item in enumerate(listed)]
    followers = count(profile.get("followers_count"))

    comment_counts = {str(item["id"]): count(item.get("comments_count")) or 0 for item in listed}
    last = source.state.get("comments")
    asked, state_counts = _changed(comment_counts, last if isinstance(last, dict) else {})
    interactions: dict[str, SyncedInteraction] = {}
    for media_id in asked:
        url = f"{graph.base}/{media_id}/comments"
        for comments in graph.pages(url, {"fields": "username,timestamp", "limit": 50}, MAX_COMMENT_PAGES):
            for comment in comments:
                handle = one_line(comment.get("username"), 200)
                if not handle or handle == account:  # the account's own replies are not people
                    continue
                occurred = local(parse_utc(comment.get("timestamp")), zone)
                _keep(interactions, SyncedInteraction(media_id, handle, handle, "comment", occurred))

    tables = []
    if posts:
        tables.append((f"instagram posts {source.target}", posts_table("instagram", account, posts)))
    if followers is not None:
        today = (local(now, zone) or now).date()
        table = account_table("instagram", PAGE_LEVEL_ACCOUNT, [(today, followers, {})])
        tables.append((f"instagram account {source.target}", table))
    if interactions:
        table = interactions_table("instagram", account, list(interactions.values()))
        tables.append((f"instagram interactions {source.target}", table))
    newest = _newest(listed, "timestamp", source.state.get("newest"))
    notes = [_new_posts_note(listed, "timestamp", source.state.get("newest"))]
    notes += _refused_notes(graph, MEDIA_METRICS)
    return Pull(tables, {"newest": newest, "comments": state_counts}, refused=graph.refused(), notes=notes)


def _media_kind(item: dict[str, object]) -> str:
    """The post type as Meta Business Suite's export writes it: IG reel, IG image, IG carousel."""
    product, media = str(item.get("media_product_type") or "").upper(), str(item.get("media_type") or "").upper()
    if product == "REELS":
        return "IG reel"
    if product == "STORY":
        return "IG story"
    return {"CAROUSEL_ALBUM": "IG carousel", "IMAGE": "IG image", "VIDEO": "IG video"}.get(media, "IG post")


def _media(graph: _Graph, item: dict[str, object], with_insights: bool, zone: str) -> SyncedPost:
    media_id = str(item["id"])
    # Instagram's insights lag up to 48 hours: a new post's figures may be empty now and filled by a later pull.
    figures = {
        name: graph.lifetime(media_id, metrics) if with_insights else None for name, metrics in MEDIA_METRICS.items()
    }
    return SyncedPost(
        post_id=media_id,
        published_at=local(parse_utc(item.get("timestamp")), zone),
        kind=_media_kind(item),
        text=one_line(item.get("caption")),
        url=str(item.get("permalink") or ""),
        likes=count(item.get("like_count")),  # left out when the owner hides like counts: unknown, not 0
        comments=count(item.get("comments_count")),
        shares=figures["shares"],
        views=figures["views"],
        reach=figures["reach"],
        saves=figures["saves"],
    )


# ------------------------------------------------------------------------------------------------
# Both


def _recent(graph: _Graph, url: str, fields: str, time_field: str, now: datetime) -> list[dict[str, object]]:
    """Posts (or media) since 90 days before `now`, newest first, at most MAX_POSTS."""
    since = now - WINDOW
    found: dict[str, dict[str, object]] = {}
    for page in graph.pages(url, {"fields": fields, "limit": PAGE}, -(-MAX_POSTS // PAGE)):
        listed = [item for item in page if item.get("id")]
        recent = [item for item in listed if (parse_utc(item.get(time_field)) or since) >= since]
        found.update((str(item["id"]), item) for item in recent)
        if len(recent) < len(listed) or len(found) >= MAX_POSTS:
            break  # newest first: an older post is the window's end
    ordered = sorted(found.values(), key=lambda item: parse_utc(item.get(time_field)) or since, reverse=True)
    return ordered[:MAX_POSTS]


def _changed(counts: dict[str, int], before: dict[str, object]) -> tuple[list[str], dict[str, int]]:
    """The newest posts (at most MAX_COMMENT_POSTS) whose comment count changed since the last pull, and
    the counts the next pull compares with (a changed post not asked keeps its old count, so it is asked
    next time)."""
    changed = [pid for pid, n in counts.items() if n > 0 and before.get(pid) != n]
    asked = changed[:MAX_COMMENT_POSTS]
    state: dict[str, int] = {}
    for pid, n in counts.items():
        if pid in asked or pid not in changed:
            state[pid] = n
        elif isinstance(old := before.get(pid), int):
            state[pid] = old
    return asked, state


def _keep(found: dict[str, SyncedInteraction], interaction: SyncedInteraction) -> None:
    """One person's comments on one post are one interaction: the earliest one's time is kept."""
    earlier = found.get(interaction.interaction_id)
    if earlier is None or (
        interaction.occurred_at is not None
        and (earlier.occurred_at is None or interaction.occurred_at < earlier.occurred_at)
    ):
        found[interaction.interaction_id] = interaction


def _newest(listed: list[dict[str, object]], time_field: str, before: object) -> object:
    times = [t for t in (parse_utc(item.get(time_field)) for item in listed) if t is not None]
    return f"{max(times):%Y-%m-%dT%H:%M:%S}Z" if times else before


def _new_posts_note(listed: list[dict[str, object]], time_field: str, newest_before: object) -> str:
    before = parse_utc(newest_before)
    if before is None:
        return f"{len(listed)} posts of the last 90 days"
    new = sum(1 for item in listed if (parse_utc(item.get(time_field)) or before) > before)
    return f"{new} new posts since the last pull; {len(listed)} posts of the last 90 days refreshed"


def _refused_notes(graph: _Graph, figures: dict[str, tuple[str, ...]]) -> list[str]:
    notes = []
    if graph.refused_now:
        notes.append(f"Facebook refused the metrics {', '.join(sorted(graph.refused_now))} (retired or not yet there)")
    notes += [
        f"{name}: every metric giving it is refused ({', '.join(figures[name])}); left empty"
        for name in graph.empty_figures(figures)
    ]
    return notes
