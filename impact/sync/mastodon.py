"""Mastodon: an account's recent public posts and their counts, its followers, and who boosted, favourited or replied.

What one sync asks (bounded, far below the 300 requests per 5 minutes a server allows):
- 1 request: the account (GET /api/v1/accounts/lookup): its id and followers_count;
- 1 to 5 requests: its posts without boosts of others' posts, newest first, 40 a page (max_id paging),
  back to 90 days or 200 posts;
- for at most 20 of the newest posts with boosts, favourites or replies, and only those whose count
  changed since the last pull: who boosted (reblogged_by) and who favourited (favourited_by), 80 people
  a page, at most 3 pages each, following the Link header (rel="next"): the ids in it are internal; and
  who replied (the status's context: its descendants that answer it, others' only), one request.
So a sync where no count changed asks only the account and its pages of posts; the first sync of a busy
account asks at most 146 times.

Anonymous requests see public posts on most servers. A token (kept encrypted with the source) is sent
as a bearer token; servers with AUTHORIZED_FETCH or DISALLOW_UNAUTHENTICATED_API_ACCESS answer 401
without one, and the sentence says to add it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from connectors.feed import plain_text
from connectors.synced import (
    SyncedInteraction,
    SyncedPost,
    count,
    followers_table,
    interactions_table,
    parse_utc,
    posts_table,
)
from impact.auth.audit import utc_now
from impact.sync.http import Http, Response, SyncError, where
from impact.sync.sources import Source

if TYPE_CHECKING:  # run.py imports this module for its PULLERS: Pull is imported when a pull is made
    from impact.sync.run import Pull

WINDOW = timedelta(days=90)
MAX_POSTS = 200
PAGE = 40  # the most Mastodon gives in one page of statuses
MAX_PEOPLE_POSTS = 20
PEOPLE_PAGE = 80  # the most Mastodon gives in one page of accounts
MAX_PEOPLE_PAGES = 3
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?', re.IGNORECASE)
# (interaction kind, the status's count of it, the endpoint listing the people). Replies are read from
# the status's context (its descendants that answer it directly), one request.
_PEOPLE = (("reblog", "reblogs_count", "reblogged_by"), ("favourite", "favourites_count", "favourited_by"),
           ("reply", "replies_count", "context"))  # fmt: skip


@dataclass(frozen=True)
class _Server:
    """One Mastodon server as this source asks it: its address, the source's token, what to call it."""

    http: Http
    base: str
    token: str | None
    name: str  # the server of the account (user@name), also when base_url points elsewhere (tests)

    def get(self, url: str, params: dict[str, object] | None = None) -> Response:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            return self.http.get(url, params=params, headers=headers)
        except SyncError as error:
            if "refused the request (401)" in str(error):
                raise SyncError(self._refused_sentence()) from None
            raise

    def _refused_sentence(self) -> str:
        if self.token:
            return (
                f"{self.name} refused the token (401): it was revoked, or lacks the read scope; remove the source "
                "and add it again with a new token."
            )
        return (
            f"{self.name} does not show posts without a token (401: the server runs with AUTHORIZED_FETCH or "
            "DISALLOW_UNAUTHENTICATED_API_ACCESS); remove the source and add it again with a token "
            "(--secret-stdin): an access token with the read scope, made under Preferences > Development."
        )

    def same_server(self, url: str) -> bool:
        """A Link to follow stays on this server: the token is never sent anywhere else."""
        mine, theirs = urlsplit(self.base), urlsplit(url)
        return (mine.scheme, mine.netloc) == (theirs.scheme, theirs.netloc)


def pull_mastodon(http: Http, source: Source, secret: str | None) -> Pull:
    """The account's posts of the last 90 days, its followers today, and who engaged with its newest posts."""
    user, server_name = source.target.split("@", 1)
    server = _Server(http, (source.base_url or f"https://{server_name}").rstrip("/"), secret, server_name)
    try:
        return _pull(server, source, user)
    except (KeyError, TypeError, ValueError, AttributeError):
        # A server that answers JSON of another shape (a fork, a proxy): say so rather than fail the whole sync.
        raise SyncError(
            f"{server.name} answered in a shape this version does not read (not Mastodon's API?)."
        ) from None


def _pull(server: _Server, source: Source, user: str) -> Pull:
    from impact.sync.run import Pull

    now = utc_now()
    account = _object(server.get(f"{server.base}/api/v1/accounts/lookup", {"acct": user}), "the account")
    statuses = _recent_statuses(server, str(account["id"]), now - WINDOW)
    last_counts = source.state.get("counts")
    people_counts, interactions = _interactions(server, statuses, last_counts if isinstance(last_counts, dict) else {})
    tables = []
    if statuses:
        tables.append((f"mastodon posts {source.target}", posts_table("mastodon", source.target, _posts(statuses))))
    followers = count(account.get("followers_count"))
    if followers is not None:
        table = followers_table("mastodon", source.target, now.date(), followers)
        tables.append((f"mastodon followers {source.target}", table))
    if interactions:
        table = interactions_table("mastodon", source.target, interactions)
        tables.append((f"mastodon interactions {source.target}", table))
    # The newest status id says how many posts are new since the last pull. It does not make the pull
    # smaller: the counts of recent posts keep changing, so the whole recent window is asked again every
    # time (an unchanged window gives the same table, which the import skips as already imported).
    newest = max((str(s["id"]) for s in statuses), key=_id_order, default=source.state.get("newest_id"))
    return Pull(
        tables,
        {"newest_id": newest, "counts": people_counts},
        notes=[_new_posts_note(statuses, source.state.get("newest_id"))],
    )


def _object(answer: Response, what: str) -> dict[str, object]:
    found = answer.json()
    if not isinstance(found, dict) or "id" not in found:
        raise SyncError(f"{where(answer.url)} did not answer with {what} (a JSON object with an id).")
    return found


def _list(answer: Response, what: str) -> list[dict[str, object]]:
    found = answer.json()
    if not isinstance(found, list):
        raise SyncError(f"{where(answer.url)} did not answer with {what} (a JSON list).")
    return [item for item in found if isinstance(item, dict)]


def _id_order(status_id: str) -> tuple[int, str]:
    """Mastodon ids are numbers written as text: a longer one is newer."""
    return len(status_id), status_id


def _recent_statuses(server: _Server, account_id: str, since: datetime) -> list[dict[str, object]]:
    """The account's own posts since `since`, newest first, at most MAX_POSTS (MAX_POSTS / PAGE requests)."""
    url = f"{server.base}/api/v1/accounts/{account_id}/statuses"
    params: dict[str, object] = {"limit": PAGE, "exclude_reblogs": "true"}
    found: dict[str, dict[str, object]] = {}
    for _ in range(-(-MAX_POSTS // PAGE)):
        page = _list(server.get(url, params), "the account's posts")
        own = [s for s in page if s.get("id") and not s.get("reblog") and s.get("visibility") != "direct"]
        recent = [s for s in own if (parse_utc(s.get("created_at")) or since) >= since]
        found.update((str(s["id"]), s) for s in recent)
        # A short page is the end (Mastodon's own rule for its Link header); an older post, the window's end.
        if len(page) < PAGE or len(recent) < len(own) or len(found) >= MAX_POSTS:
            break
        params["max_id"] = str(page[-1]["id"])
    return list(found.values())[:MAX_POSTS]


def _posts(statuses: list[dict[str, object]]) -> list[SyncedPost]:
    return [
        SyncedPost(
            post_id=str(s["id"]),
            published_at=parse_utc(s.get("created_at")),
            kind="Reply" if s.get("in_reply_to_id") else "Post",
            text=plain_text(str(s.get("content") or "")),  # statuses' content is HTML
            url=str(s.get("url") or s.get("uri") or ""),
            likes=count(s.get("favourites_count")),
            comments=count(s.get("replies_count")),
            shares=count(s.get("reblogs_count")),
            quotes=count(s.get("quotes_count")),  # servers with quote posts (4.5+) count them
        )
        for s in statuses
    ]


def _interactions(
    server: _Server, statuses: list[dict[str, object]], last_counts: dict[str, object]
) -> tuple[dict[str, list[int]], list[SyncedInteraction]]:
    """Who boosted and favourited the newest posts that have any; asked again only when a count changed.

    Returns the counts seen (the next pull's state) and the interactions found.
    """
    engaged = [s for s in statuses if any(count(s.get(field)) for _, field, _ in _PEOPLE)][:MAX_PEOPLE_POSTS]
    seen: dict[str, list[int]] = {}
    found: dict[str, SyncedInteraction] = {}
    for status in engaged:
        status_id = str(status["id"])
        seen[status_id] = [count(status.get(field)) or 0 for _, field, _ in _PEOPLE]
        for (kind, _, endpoint), changed in zip(
            _PEOPLE, _changed(seen[status_id], last_counts.get(status_id)), strict=True
        ):
            if not changed:
                continue
            url = f"{server.base}/api/v1/statuses/{status_id}/{endpoint}"
            people: list[tuple[dict[str, object], datetime | None]]
            if kind == "reply":  # _replies keeps only replies whose account is an object
                people = [(r["account"], parse_utc(r.get("created_at"))) for r in _replies(server, url, status)]  # type: ignore[misc]
            else:
                people = [(account, None) for account in _people(server, url)]
            for account, moment in people:
                interaction = _interaction(server, status_id, kind, account, moment)
                found[interaction.interaction_id] = interaction
    return seen, list(found.values())


def _changed(counts: list[int], before: object) -> list[bool]:
    """Which lists of people to ask for: those with people, whose count differs from the last pull's."""
    then = before if isinstance(before, list) and len(before) == len(counts) else [None] * len(counts)
    return [now > 0 and now != old for now, old in zip(counts, then, strict=True)]


def _people(server: _Server, url: str) -> list[dict[str, object]]:
    """The accounts listed at `url`, following Link rel="next" for at most MAX_PEOPLE_PAGES pages."""
    people: list[dict[str, object]] = []
    params: dict[str, object] | None = {"limit": PEOPLE_PAGE}
    for _ in range(MAX_PEOPLE_PAGES):
        answer = server.get(url, params)
        people += _list(answer, "the accounts")
        following = _next_link(answer)
        if not following or not server.same_server(following):
            break
        url, params = following, None  # the next link carries its own query
    return people


def _replies(server: _Server, url: str, status: dict[str, object]) -> list[dict[str, object]]:
    """Others' direct replies to a status: its context's descendants answering it (not the thread's own
    continuation by the account), each with the replying account."""
    context = server.get(url).json()
    descendants = context.get("descendants") if isinstance(context, dict) else None
    if not isinstance(descendants, list):
        raise SyncError(f"{where(url)} did not answer with the status's context.")
    own = status["account"]["id"] if isinstance(status.get("account"), dict) else None  # type: ignore[index]
    return [
        d for d in descendants
        if isinstance(d, dict) and d.get("in_reply_to_id") == status["id"] and isinstance(d.get("account"), dict)
        and d["account"].get("id") != own
    ]  # fmt: skip


def _next_link(answer: Response) -> str | None:
    link = next((value for key, value in answer.headers.items() if key.lower() == "link"), "")
    match = _NEXT.search(link)
    return match.group(1) if match else None


def _interaction(
    server: _Server, status_id: str, kind: str, account: dict[str, object], moment: datetime | None = None
) -> SyncedInteraction:
    acct = str(account.get("acct") or account.get("username") or account["id"])
    # acct is user@domain for people of other servers and only user for people of this one.
    handle = acct if "@" in acct else f"{acct}@{server.name}"
    name = plain_text(str(account.get("display_name") or ""), 200) or acct
    return SyncedInteraction(status_id, handle, name, kind, moment, count(account.get("followers_count")))


def _new_posts_note(statuses: list[dict[str, object]], newest_before: object) -> str:
    if not isinstance(newest_before, str):
        return f"{len(statuses)} posts of the last 90 days"
    new = sum(1 for s in statuses if _id_order(str(s["id"])) > _id_order(newest_before))
    return f"{new} new posts since the last pull; {len(statuses)} posts of the last 90 days refreshed"
