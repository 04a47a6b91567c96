"""Bluesky: an account's recent posts and their counts, its followers, and who liked, reposted, quoted or
answered them.

Asked of the public AppView (https://public.api.bsky.app/xrpc/...), which needs no login. One sync asks
(bounded; the host publishes no limit, and caches):
- 1 request: the profile (app.bsky.actor.getProfile): its followersCount;
- 1 to 5 requests: its feed without replies to others (app.bsky.feed.getAuthorFeed, 100 a page, cursor
  paging) back to 90 days or 300 posts. The feed also holds reposts of other people's posts (reason
  #reasonRepost), which are not the account's posts and are left out, and may repeat a pinned post
  (#reasonPin), counted once;
- for at most 20 of the newest posts with likes, reposts, quotes or replies, and only those whose count
  changed since the last pull: who liked (getLikes), reposted (getRepostedBy) and quoted (getQuotes),
  100 a page, at most 3 pages each, and who replied (getPostThread one level deep, others' replies only),
  one request.
So a sync where no count changed asks only the account and the pages of its feed; the first sync of a busy
account asks at most 206 times.

A person is counted by their DID, which stays when they change their handle (the handle is kept to show).
Before, interactions were counted by handle: the first sync of such a source by this version asks every
post's people again, as a first sync does, and keeps (in the source's state, per post, until the post leaves
the 90 days) the handle each person's interactions are stored under, so they are updated, not counted twice.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from connectors.synced import (
    SyncedInteraction,
    SyncedPost,
    count,
    followers_table,
    interactions_table,
    one_line,
    parse_utc,
    posts_table,
)
from impact.auth.audit import utc_now
from impact.sync.http import Http, Response, SyncError, where
from impact.sync.sources import Source

if TYPE_CHECKING:  # run.py imports this module for its PULLERS: Pull is imported when a pull is made
    from impact.sync.run import Pull

PUBLIC_API = "https://public.api.bsky.app"
WINDOW = timedelta(days=90)
MAX_POSTS = 300
PAGE = 100
MAX_FEED_PAGES = 5  # reposts of others take room in the pages too
MAX_PEOPLE_POSTS = 20
MAX_PEOPLE_PAGES = 3
REPOST, PIN = "app.bsky.feed.defs#reasonRepost", "app.bsky.feed.defs#reasonPin"
# (interaction kind, the post's count of it, the method listing the people, the list in its answer)
_PEOPLE = (("like", "likeCount", "app.bsky.feed.getLikes", "likes"),
           ("repost", "repostCount", "app.bsky.feed.getRepostedBy", "repostedBy"),
           ("quote", "quoteCount", "app.bsky.feed.getQuotes", "posts"),
           ("reply", "replyCount", "app.bsky.feed.getPostThread", "thread"))  # fmt: skip

Post = dict[str, object]  # a post view: uri, author, record, likeCount, ...
HandleKeys = dict[str, dict[str, str]]  # post uri -> {DID: the handle its people's rows are stored under}


def pull_bluesky(http: Http, source: Source, _secret: str | None) -> Pull:
    """The account's posts of the last 90 days, its followers today, and who engaged with its newest posts.

    The public AppView needs no login, so a secret, if one was given, is not sent.
    """
    base = (source.base_url or PUBLIC_API).rstrip("/")
    try:
        return _pull(http, base, source)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise SyncError(f"{where(base)} answered in a shape this version does not read (not Bluesky's API?).") from None


def _pull(http: Http, base: str, source: Source) -> Pull:
    from impact.sync.run import Pull

    now = utc_now()
    profile = _profile(http, base, source.target)
    posts = _newest_first(_recent_posts(http, base, source.target, str(profile["did"]), now - WINDOW))
    last_counts = source.state.get("counts")
    keys = source.state.get("handle_keys")
    # A source pulled before without handle keys was pulled by a version that counted people by handle.
    by_handle = bool(source.state) and not isinstance(keys, dict)
    if by_handle:
        last_counts = {}  # every post's people asked again, so the handle key of each is known
    handle_keys: HandleKeys = keys if isinstance(keys, dict) else {}
    people_counts, interactions = _interactions(
        http, base, posts, last_counts if isinstance(last_counts, dict) else {}, handle_keys, by_handle
    )
    tables = []
    if posts:
        table = posts_table("bluesky", source.target, [_post(p, source.target) for p in posts])
        tables.append((f"bluesky posts {source.target}", table))
    followers = count(profile.get("followersCount"))
    if followers is not None:
        table = followers_table("bluesky", source.target, now.date(), followers)
        tables.append((f"bluesky followers {source.target}", table))
    if interactions:
        table = interactions_table("bluesky", source.target, interactions)
        tables.append((f"bluesky interactions {source.target}", table))
    # The newest post says how many are new since the last pull. It does not make the pull smaller: the
    # counts of recent posts keep changing, so the whole recent window is asked again every time (an
    # unchanged window gives the same table, which the import skips as already imported).
    newest = str(posts[0]["uri"]) if posts else source.state.get("newest_uri")
    recent = {str(p["uri"]) for p in posts}
    state = {
        "newest_uri": newest,
        "counts": people_counts,
        "handle_keys": {uri: keyed for uri, keyed in handle_keys.items() if uri in recent and keyed},
    }
    return Pull(tables, state, notes=[f"{len(posts)} posts of the last 90 days"])


def _get(http: Http, base: str, method: str, params: dict[str, object]) -> dict[str, object]:
    answer = http.get(f"{base}/xrpc/{method}", params=params)
    return _object(answer)


def _object(answer: Response) -> dict[str, object]:
    found = answer.json()
    if not isinstance(found, dict):
        raise SyncError(f"{where(answer.url)} did not answer with a JSON object.")
    return found


def _profile(http: Http, base: str, handle: str) -> dict[str, object]:
    try:
        profile = _get(http, base, "app.bsky.actor.getProfile", {"actor": handle})
    except SyncError as error:
        if "answered 400." in str(error):  # XRPC's "Profile not found" is a 400
            raise SyncError(f"Bluesky knows no account {handle} (getProfile answered 400); check the handle.") from None
        raise
    if not isinstance(profile.get("did"), str):
        raise SyncError(f"{where(base)} did not answer with a profile for {handle}.")
    return profile


def _recent_posts(http: Http, base: str, handle: str, did: str, since: datetime) -> list[Post]:
    """The account's own posts since `since`, newest first (a pin where the feed puts it), at most MAX_POSTS."""
    params: dict[str, object] = {"actor": handle, "limit": PAGE, "filter": "posts_no_replies"}
    found: dict[str, Post] = {}
    for _ in range(MAX_FEED_PAGES):
        page = _get(http, base, "app.bsky.feed.getAuthorFeed", params)
        feed = page.get("feed")
        items = [i for i in feed if isinstance(i, dict)] if isinstance(feed, list) else []
        reached_older = False
        for item in items:
            post, reason = item.get("post"), _reason(item)
            if reason == REPOST or not isinstance(post, dict) or _author(post) != did or post.get("uri") in found:
                continue  # someone else's post reposted, or a pinned post seen again
            if (_created(post) or since) < since:
                # A pin may be old and sits on top: only the account's timeline says where the window ends.
                reached_older = reached_older or reason != PIN
                continue
            found[str(post["uri"])] = post
        cursor = page.get("cursor")
        # An empty page may still have a cursor (the AppView filters a page after cutting it): the cursor says
        # whether there is more, and MAX_FEED_PAGES bounds the asking.
        if reached_older or not isinstance(cursor, str) or not cursor or len(found) >= MAX_POSTS:
            break
        params["cursor"] = cursor
    return list(found.values())[:MAX_POSTS]


def _newest_first(posts: list[Post]) -> list[Post]:
    """By the time written: a pinned post comes first in the feed, whatever its age."""
    return sorted(posts, key=lambda p: _created(p) or datetime.min, reverse=True)


def _reason(item: dict[str, object]) -> str:
    reason = item.get("reason")
    return str(reason.get("$type") or "") if isinstance(reason, dict) else ""


def _author(post: Post) -> str | None:
    author = post.get("author")
    return str(author.get("did")) if isinstance(author, dict) else None


def _record(post: Post) -> dict[str, object]:
    record = post.get("record")
    return record if isinstance(record, dict) else {}


def _created(post: Post) -> datetime | None:
    """When the post was written (the record's createdAt), else when the AppView saw it."""
    return parse_utc(_record(post).get("createdAt")) or parse_utc(post.get("indexedAt"))


def _post(post: Post, handle: str) -> SyncedPost:
    uri = str(post["uri"])  # at://did/app.bsky.feed.post/<rkey>
    record = _record(post)
    return SyncedPost(
        post_id=uri,
        published_at=_created(post),
        kind="Reply" if record.get("reply") else "Post",
        text=one_line(record.get("text")),  # already plain text
        url=f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}",
        likes=count(post.get("likeCount")),
        comments=count(post.get("replyCount")),
        shares=count(post.get("repostCount")),
        quotes=count(post.get("quoteCount")),
    )


def _interactions(
    http: Http,
    base: str,
    posts: list[Post],
    last_counts: dict[str, object],
    handle_keys: HandleKeys,
    by_handle: bool = False,
) -> tuple[dict[str, list[int]], list[SyncedInteraction]]:
    """Who liked and reposted the newest posts (`posts` is newest first) that have any; asked again only when a count changed.

    Returns the counts seen (the next pull's state) and the interactions found. With `by_handle` (the
    first pull of a source synced when people were counted by handle), each person found is written
    into `handle_keys` under their handle.
    """
    engaged = [p for p in posts if any(count(p.get(field)) for _, field, _, _ in _PEOPLE)][:MAX_PEOPLE_POSTS]
    seen: dict[str, list[int]] = {}
    found: dict[str, SyncedInteraction] = {}
    for post in engaged:
        uri = str(post["uri"])
        seen[uri] = [count(post.get(field)) or 0 for _, field, _, _ in _PEOPLE]
        for (kind, _, method, key), changed in zip(_PEOPLE, _changed(seen[uri], last_counts.get(uri)), strict=True):
            if not changed:
                continue
            entries = (
                _replies(http, base, uri, _author(post)) if kind == "reply" else _people(http, base, method, key, uri)
            )
            for entry in entries:
                interaction = _interaction(uri, kind, entry)
                post_keys = handle_keys.setdefault(uri, {}) if by_handle else handle_keys.get(uri, {})
                if by_handle:
                    post_keys.setdefault(interaction.person_key, interaction.person_handle)
                stored_as = post_keys.get(interaction.person_key)
                if isinstance(stored_as, str):
                    interaction = replace(interaction, person_key=stored_as)
                found[interaction.interaction_id] = interaction
    return seen, list(found.values())


def _changed(counts: list[int], before: object) -> list[bool]:
    """Which lists of people to ask for: those with people, whose count differs from the last pull's."""
    then = before if isinstance(before, list) and len(before) == len(counts) else [None] * len(counts)
    return [now > 0 and now != old for now, old in zip(counts, then, strict=True)]


def _people(http: Http, base: str, method: str, key: str, uri: str) -> list[dict[str, object]]:
    """The entries of one list of people (likes: {actor, createdAt}; reposts: profiles), cursor paging."""
    params: dict[str, object] = {"uri": uri, "limit": PAGE}
    entries: list[dict[str, object]] = []
    for _ in range(MAX_PEOPLE_PAGES):
        page = _get(http, base, method, params)
        listed = page.get(key)
        entries += [e for e in listed if isinstance(e, dict)] if isinstance(listed, list) else []
        cursor = page.get("cursor")
        if not isinstance(cursor, str) or not cursor:  # an empty page with a cursor: as in _recent_posts
            break
        params["cursor"] = cursor
    return entries


def _replies(http: Http, base: str, uri: str, own: str | None) -> list[Post]:
    """Others' direct replies to a post (its thread one level deep), not the account's own continuation."""
    thread = _get(http, base, "app.bsky.feed.getPostThread", {"uri": uri, "depth": 1, "parentHeight": 0}).get("thread")
    replies = thread.get("replies") if isinstance(thread, dict) else None
    posts = [r.get("post") for r in replies if isinstance(r, dict)] if isinstance(replies, list) else []
    return [p for p in posts if isinstance(p, dict) and _author(p) and _author(p) != own]


def _interaction(uri: str, kind: str, entry: dict[str, object]) -> SyncedInteraction:
    # A like wraps the profile with its time; a repost list is profiles (no time); a quote or a reply is
    # the other person's post, with its author and its own time.
    if kind == "like":
        actor, moment = entry.get("actor"), parse_utc(entry.get("createdAt"))
    elif kind in ("quote", "reply"):
        actor, moment = entry.get("author"), _created(entry)
    else:
        actor, moment = entry, None
    if not isinstance(actor, dict):
        raise ValueError(f"a {kind} without its person")
    did = str(actor.get("did") or actor["handle"])  # a handle changes; the DID stays
    handle = str(actor.get("handle") or did)
    name = one_line(actor.get("displayName"), 200) or handle
    return SyncedInteraction(uri, handle, name, kind, moment, person_key=did)
