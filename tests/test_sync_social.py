"""Mastodon and Bluesky sources against a local server replaying payloads shaped like the APIs' docs.

Exact counts of posts, followers and interactions; a second sync adds nothing; counts changed on the
server update their rows; failures (401, malformed JSON) are sentences and change no figure; a 429 is
waited out. Nothing here reaches the internet: every source's base URL is the local Replay server.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import duckdb
import pytest
from test_sync import Replay, Waits, figures, http, org, replay, store

from impact.sync.run import sync
from impact.sync.sources import add_source, sources

__all__ = ["replay", "store"]  # test_sync's fixtures: a local replay server, a copy of the demo store

NOW = datetime(2026, 11, 20, 12, 0)  # UTC: the moment of every pull here
MASTODON = "punetrust@mastodon.social"
BLUESKY = "punetrust.bsky.social"
DID = "did:plc:punetrust"


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pullers' "now" (the 90-day window, the day of the followers row) is NOW."""
    monkeypatch.setattr("impact.sync.mastodon.utc_now", lambda: NOW)
    monkeypatch.setattr("impact.sync.bluesky.utc_now", lambda: NOW)


def iso(days_ago: float) -> str:
    return (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def body(payload: object) -> bytes:
    return json.dumps(payload).encode()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    return con.execute(sql).fetchall()


# ------------------------------------------------------------------------------------------------
# Mastodon: GET /api/v1/accounts/lookup, /accounts/:id/statuses, /statuses/:id/reblogged_by|favourited_by

ACCOUNT_ID = "109000000000000001"


def status_id(n: int) -> str:
    return str(113500000000000000 + n)


def status(n: int, days_ago: float, favourites: int = 0, boosts: int = 0, replies: int = 0, **more: object) -> dict:
    return {
        "id": status_id(n),
        "created_at": iso(days_ago),
        "in_reply_to_id": None,
        "visibility": "public",
        "uri": f"https://mastodon.social/users/punetrust/statuses/{status_id(n)}",
        "url": f"https://mastodon.social/@punetrust/{status_id(n)}",
        "content": f"<p>Post {n}</p>",
        "replies_count": replies,
        "reblogs_count": boosts,
        "favourites_count": favourites,
        "reblog": None,
        "account": {"id": ACCOUNT_ID, "acct": "punetrust"},
        **more,
    }


def statuses(changed: bool = False) -> list[dict]:
    """47 down to 3 within 90 days (45 posts), 2 and 1 older: the server's answer, newest first."""
    newest = status(
        47,
        1,
        favourites=4 if changed else 3,
        boosts=2,
        replies=1,
        content='<p>Library opens today &amp; you&#39;re invited<br>Come <a href="https://pune.example.org">'
        '<span class="hashtag">#read</span></a></p>',
    )
    reply = status(46, 1.5, favourites=1, in_reply_to_id="113400000000000000", content="<p>@asha thank you!</p>")
    rest = [status(n, 48 - n, replies=2 if changed and n == 45 else 0) for n in range(45, 2, -1)]
    return [newest, reply, *rest, status(2, 100), status(1, 120)]


def person(acct: str, name: str) -> dict:
    return {"id": str(sum(map(ord, acct))), "acct": acct, "username": acct.split("@")[0], "display_name": name}


ASHA, RAVI = person("asha", "Asha :verified:"), person("ravi@fosstodon.org", "Ravi K")
MEERA, KIRAN, LENA = person("meera@social.coop", "Meera"), person("kiran", ""), person("lena@mastodon.online", "Lena")


def serve_mastodon(replay: Replay, followers: int = 321, changed: bool = False, next_link: str | None = None) -> None:
    """The server's answers for one sync (each route's answers are used up in order)."""
    all_statuses = statuses(changed)
    account = {"id": ACCOUNT_ID, "username": "punetrust", "acct": "punetrust", "followers_count": followers}
    replay.on("/api/v1/accounts/lookup", (200, {}, body(account)))
    pages = (200, {}, body(all_statuses[:40])), (200, {}, body(all_statuses[40:]))
    replay.on(f"/api/v1/accounts/{ACCOUNT_ID}/statuses", *pages)
    boosted = f"/api/v1/statuses/{status_id(47)}/reblogged_by"
    page_2, newer = f"{replay.url}{boosted}?limit=80&max_id=77", f"{replay.url}{boosted}?min_id=78"
    link = next_link or f'<{page_2}>; rel="next", <{newer}>; rel="prev"'
    replay.on(boosted, (200, {"Link": link}, body([ASHA])), (200, {}, body([RAVI])))
    favourited = [ASHA, MEERA, RAVI, LENA] if changed else [ASHA, MEERA, RAVI]
    replay.on(f"/api/v1/statuses/{status_id(47)}/favourited_by", (200, {}, body(favourited)))
    replay.on(f"/api/v1/statuses/{status_id(46)}/favourited_by", (200, {}, body([KIRAN])))
    # Replies: Meera answers the newest post; Lena answers Meera (not the post); the account continues its
    # own thread (not someone engaging). Only Meera's counts.
    meera = status(90, 0.5, in_reply_to_id=status_id(47), account=MEERA)
    thread = [meera, status(91, 0.4, in_reply_to_id=status_id(90), account=LENA),
              status(92, 0.9, in_reply_to_id=status_id(47))]  # fmt: skip
    replay.on(f"/api/v1/statuses/{status_id(47)}/context", (200, {}, body({"ancestors": [], "descendants": thread})))
    answers = [status(93, 0.2, in_reply_to_id=status_id(45), account=KIRAN),
               status(94, 0.1, in_reply_to_id=status_id(45), account=RAVI)]  # fmt: skip
    replay.on(f"/api/v1/statuses/{status_id(45)}/context", (200, {}, body({"ancestors": [], "descendants": answers})))


def add_mastodon(con: duckdb.DuckDBPyConnection, replay: Replay, secret: str | None = None) -> None:
    add_source(con, org(con), "mastodon", MASTODON, base_url=replay.url, secret=secret)


def counts(con: duckdb.DuckDBPyConnection, platform: str) -> tuple[int, list[tuple[object, ...]], int]:
    """Posts, followers by day, and interactions of a platform."""
    (posts,) = con.execute("SELECT count(*) FROM post WHERE platform = ?", [platform]).fetchone()  # type: ignore[misc]
    followers = rows(con, f"SELECT day, followers FROM account_day WHERE platform = '{platform}' ORDER BY day")
    (people,) = con.execute("SELECT count(*) FROM interaction WHERE platform = ?", [platform]).fetchone()  # type: ignore[misc]
    return posts, followers, people


def test_mastodon_posts_followers_and_the_people_behind_boosts_and_favourites(store, replay) -> None:
    serve_mastodon(replay)
    add_mastodon(store, replay)
    client = http()
    [result] = sync(store, http=client)

    assert (result.status, result.items_new, result.items_updated, result.error) == ("synced", 45 + 1 + 7, 0, None)
    assert counts(store, "mastodon") == (45, [(NOW.date(), 321)], 7)
    # 1 lookup, 2 pages of posts, 2 pages of boosters, 2 lists of favourites, 1 context for the one post
    # with a reply: nothing asked of quiet posts.
    assert client.requests == 8
    paths = [path for path, _ in replay.seen]
    assert paths[0] == "/api/v1/accounts/lookup?acct=punetrust"
    assert paths[1] == f"/api/v1/accounts/{ACCOUNT_ID}/statuses?limit=40&exclude_reblogs=true"
    assert paths[2] == f"/api/v1/accounts/{ACCOUNT_ID}/statuses?limit=40&exclude_reblogs=true&max_id={status_id(8)}"
    assert f"/api/v1/statuses/{status_id(47)}/reblogged_by?limit=80&max_id=77" in paths  # the Link, as given
    assert all("Authorization" not in headers for _, headers in replay.seen)  # no token, none sent

    assert rows(store, f"SELECT post_id, published_at, kind, text, url, likes, comments, shares, engagements "
                       f"FROM post WHERE platform = 'mastodon' AND post_id IN ('{status_id(47)}', '{status_id(46)}') "
                       "ORDER BY post_id DESC") == [
        (status_id(47), datetime(2026, 11, 19, 12, 0), "Post", "Library opens today & you're invited Come #read",
         f"https://mastodon.social/@punetrust/{status_id(47)}", 3, 1, 2, 6),
        (status_id(46), datetime(2026, 11, 19, 0, 0), "Reply", "@asha thank you!",
         f"https://mastodon.social/@punetrust/{status_id(46)}", 1, 0, 0, 1),
    ]  # fmt: skip
    assert rows(store, "SELECT post_id, kind, person_handle, person_name, occurred_at FROM interaction "
                       "WHERE platform = 'mastodon' ORDER BY post_id, kind, person_handle") == [
        (status_id(46), "favourite", "kiran@mastodon.social", "kiran", None),
        (status_id(47), "favourite", "asha@mastodon.social", "Asha :verified:", None),
        (status_id(47), "favourite", "meera@social.coop", "Meera", None),
        (status_id(47), "favourite", "ravi@fosstodon.org", "Ravi K", None),
        (status_id(47), "reblog", "asha@mastodon.social", "Asha :verified:", None),
        (status_id(47), "reblog", "ravi@fosstodon.org", "Ravi K", None),
        (status_id(47), "reply", "meera@social.coop", "Meera", datetime(2026, 11, 20, 0, 0)),
    ]  # fmt: skip
    assert rows(store, "SELECT interaction_id FROM interaction WHERE person_handle = 'kiran@mastodon.social'") == [
        (f"{status_id(46)}:favourite:kiran@mastodon.social",)
    ]
    assert rows(store, "SELECT DISTINCT a.handle FROM post p JOIN account a ON a.id = p.account_id "
                       "WHERE p.platform = 'mastodon'") == [(MASTODON,)]  # fmt: skip
    (state,) = store.execute("SELECT state FROM source").fetchone()  # type: ignore[misc]
    assert json.loads(state)["newest_id"] == status_id(47)


def test_mastodon_again_adds_nothing_and_changed_counts_update_their_rows(store, replay) -> None:
    serve_mastodon(replay)
    add_mastodon(store, replay)
    sync(store, http=http())
    before = figures(store)

    serve_mastodon(replay)
    client = http()
    [again] = sync(store, http=client)
    assert (again.status, again.items_new, again.items_updated) == ("unchanged", 0, 0)
    assert client.requests == 3  # the account and the window of posts; no count changed, so no people
    assert figures(store) == before

    serve_mastodon(replay, followers=325, changed=True)
    [changed] = sync(store, http=http())
    # A 4th favourite on the newest post, 2 replies to another, 4 more followers: 2 posts and the day
    # updated; the favourites asked again give one new person, the replies two.
    assert (changed.status, changed.items_new, changed.items_updated) == ("synced", 3, 3)
    assert counts(store, "mastodon") == (45, [(NOW.date(), 325)], 10)
    assert rows(store, f"SELECT likes, comments FROM post WHERE post_id IN ('{status_id(47)}', '{status_id(45)}') "
                       "ORDER BY post_id DESC") == [(4, 1), (0, 2)]  # fmt: skip
    assert rows(store, "SELECT person_handle FROM interaction WHERE person_handle LIKE 'lena%'") == [
        ("lena@mastodon.online",)
    ]


def test_a_link_to_another_server_is_not_followed(store, replay) -> None:
    """The token goes with every request: a next page elsewhere (here: another host name) is not asked."""
    serve_mastodon(replay, next_link=f'<{replay.url.replace("127.0.0.1", "localhost")}/elsewhere>; rel="next"')
    replay.on("/elsewhere", (200, {}, body([LENA])))
    add_mastodon(store, replay, secret="tok-mastodon-1234")
    [result] = sync(store, http=http())
    assert (result.status, result.items_new) == ("synced", 45 + 1 + 6)
    assert "/elsewhere" not in [path for path, _ in replay.seen]
    assert {headers.get("Authorization") for _, headers in replay.seen} == {"Bearer tok-mastodon-1234"}


@pytest.mark.parametrize(
    ("secret", "sentence"),
    [
        (None, "mastodon.social does not show posts without a token (401: the server runs with AUTHORIZED_FETCH or "
               "DISALLOW_UNAUTHENTICATED_API_ACCESS); remove the source and add it again with a token "
               "(--secret-stdin): an access token with the read scope, made under Preferences > Development."),
        ("tok-revoked-9876", "mastodon.social refused the token (401): it was revoked, or lacks the read scope; "
                             "remove the source and add it again with a new token."),
    ],
    ids=["no token", "a refused token"],
)  # fmt: skip
def test_a_mastodon_server_that_answers_401_asks_for_a_token(store, replay, secret, sentence) -> None:
    serve_mastodon(replay)
    refused = body({"error": "This API requires an authenticated user"})
    replay.on(f"/api/v1/accounts/{ACCOUNT_ID}/statuses", (401, {}, refused))
    add_mastodon(store, replay, secret=secret)
    before = figures(store)
    [result] = sync(store, http=http())
    assert (result.status, result.error) == ("failed", sentence)
    assert figures(store) == before
    assert (sources(store)[0].last_status, sources(store)[0].last_message) == ("failed", sentence)
    assert sources(store)[0].state == {}  # the next pull starts where this one did


@pytest.mark.parametrize(
    ("route", "answer", "sentence"),
    [
        (f"/api/v1/accounts/{ACCOUNT_ID}/statuses", b'[{"id": "1", "content": "<p>cut',
         "/api/v1/accounts/109000000000000001/statuses did not answer with JSON (Unterminated string"),
        ("/api/v1/accounts/lookup", body([{"id": ACCOUNT_ID}]),
         "/api/v1/accounts/lookup did not answer with the account (a JSON object with an id)."),
        (f"/api/v1/accounts/{ACCOUNT_ID}/statuses", body({"error": "Record not found"}),
         "/api/v1/accounts/109000000000000001/statuses did not answer with the account's posts (a JSON list)."),
        (f"/api/v1/statuses/{status_id(46)}/favourited_by", body([{"display_name": "Nobody"}]),
         "mastodon.social answered in a shape this version does not read (not Mastodon's API?)."),
    ],
    ids=["malformed JSON", "a list for the account", "an object for the posts", "a person without an account"],
)  # fmt: skip
def test_a_mastodon_answer_that_cannot_be_read_is_a_sentence(store, replay, route, answer, sentence) -> None:
    serve_mastodon(replay)
    replay.on(route, (200, {}, answer))
    add_mastodon(store, replay)
    before = figures(store)
    [result] = sync(store, http=http())
    assert result.status == "failed" and result.error is not None
    assert sentence in result.error
    assert figures(store) == before


def test_a_429_is_waited_out_then_the_pull_succeeds(store, replay) -> None:
    serve_mastodon(replay)
    account = {"id": ACCOUNT_ID, "acct": "punetrust", "followers_count": 321}
    replay.on("/api/v1/accounts/lookup", (429, {"Retry-After": "5"}, b""), (200, {}, body(account)))
    add_mastodon(store, replay)
    waits = Waits()
    [result] = sync(store, http=http(waits))
    assert (result.status, result.items_new) == ("synced", 45 + 1 + 7)
    assert waits.waited == [5.0]


# ------------------------------------------------------------------------------------------------
# Bluesky: app.bsky.actor.getProfile, app.bsky.feed.getAuthorFeed, getLikes, getRepostedBy

PROFILE = {"did": DID, "handle": BLUESKY, "displayName": "Pune Education Trust", "followersCount": 1204,
           "followsCount": 80, "postsCount": 512}  # fmt: skip


def uri(rkey: str, did: str = DID) -> str:
    return f"at://{did}/app.bsky.feed.post/{rkey}"


def post(rkey: str, days_ago: float, likes: int = 0, reposts: int = 0, replies: int = 0, quotes: int = 0,
         text: str = "", did: str = DID, handle: str = BLUESKY) -> dict:  # fmt: skip
    return {
        "uri": uri(rkey, did),
        "cid": f"bafy{rkey}",
        "author": {"did": did, "handle": handle, "displayName": handle.split(".")[0]},
        "record": {
            "$type": "app.bsky.feed.post",
            "text": text or f"Post {rkey}",
            "createdAt": iso(days_ago),
            "langs": ["en"],
        },
        "replyCount": replies,
        "repostCount": reposts,
        "likeCount": likes,
        "quoteCount": quotes,
        "indexedAt": iso(days_ago),
    }


def feed(likes: int = 2) -> tuple[dict, dict]:
    """Two pages: a pin on top, a repost of someone else's post, then the account's posts back past 90 days."""
    first = post("3b1", 1, likes=likes, reposts=1, replies=1, quotes=1, text="Library day,\n  with photos")
    pinned = post("3b3", 10, text="Who we are")
    other = post("3x9", 2, likes=40, did="did:plc:someoneelse", handle="someone.bsky.social")
    repost = {"post": other, "reason": {"$type": "app.bsky.feed.defs#reasonRepost",
                                        "by": {"did": DID, "handle": BLUESKY}, "indexedAt": iso(0.5)}}  # fmt: skip
    page1 = {
        "feed": [
            {"post": pinned, "reason": {"$type": "app.bsky.feed.defs#reasonPin"}},
            {"post": first},
            repost,
            {"post": post("3b2", 5, reposts=1)},
            {"post": pinned},
        ],
        "cursor": "c1",
    }
    page2 = {"feed": [{"post": post("3b4", 30)}, {"post": post("3b0", 200)}], "cursor": "c2"}
    return page1, page2


def profile_of(handle: str, name: str) -> dict:
    return {"did": f"did:plc:{handle.split('.')[0]}", "handle": handle, "displayName": name}


CAROL, DAVE = profile_of("carol.bsky.social", "Carol"), profile_of("dave.bsky.social", "")
ALICE = profile_of("alice.bsky.social", "Alice")
BOB, ERIN = profile_of("bob.bsky.social", "Bob"), profile_of("erin.bsky.social", "Erin")


def serve_bluesky(replay: Replay, likes: int = 2) -> None:
    page1, page2 = feed(likes)
    replay.on("/xrpc/app.bsky.actor.getProfile", (200, {}, body(PROFILE)))
    replay.on("/xrpc/app.bsky.feed.getAuthorFeed", (200, {}, body(page1)), (200, {}, body(page2)))
    liked = [{"actor": CAROL, "createdAt": iso(0.9), "indexedAt": iso(0.9)}]
    more = [{"actor": DAVE, "createdAt": iso(0.8), "indexedAt": iso(0.8)}]
    if likes == 2:
        replay.on("/xrpc/app.bsky.feed.getLikes", (200, {}, body({"uri": uri("3b1"), "likes": liked, "cursor": "l1"})),
                  (200, {}, body({"uri": uri("3b1"), "likes": more})))  # fmt: skip
    else:
        erin = [{"actor": ERIN, "createdAt": iso(0.1), "indexedAt": iso(0.1)}]
        replay.on("/xrpc/app.bsky.feed.getLikes", (200, {}, body({"uri": uri("3b1"), "likes": liked + more + erin})))
    # Newest first: the first post's reposters, then the second's.
    replay.on("/xrpc/app.bsky.feed.getRepostedBy", (200, {}, body({"uri": uri("3b1"), "repostedBy": [ALICE]})),
              (200, {}, body({"uri": uri("3b2"), "repostedBy": [BOB]})))  # fmt: skip
    # Erin quotes the first post; Bob answers it, and the account continues its own thread (not counted).
    quote = {**post("3q1", 0.7, did=ERIN["did"], handle=ERIN["handle"]), "author": ERIN}
    replay.on("/xrpc/app.bsky.feed.getQuotes", (200, {}, body({"uri": uri("3b1"), "posts": [quote]})))
    answer = {**post("3r1", 0.6, did=BOB["did"], handle=BOB["handle"]), "author": BOB}
    thread = {"$type": "app.bsky.feed.defs#threadViewPost", "post": post("3b1", 1),
              "replies": [{"$type": "app.bsky.feed.defs#threadViewPost", "post": answer, "replies": []},
                          {"$type": "app.bsky.feed.defs#threadViewPost", "post": post("3b9", 0.95), "replies": []}]}  # fmt: skip
    replay.on("/xrpc/app.bsky.feed.getPostThread", (200, {}, body({"thread": thread})))


def add_bluesky(con: duckdb.DuckDBPyConnection, replay: Replay) -> None:
    add_source(con, org(con), "bluesky", BLUESKY, base_url=replay.url)


def test_bluesky_posts_without_reposts_of_others_a_pin_once_and_who_liked_and_reposted(store, replay) -> None:
    serve_bluesky(replay)
    add_bluesky(store, replay)
    client = http()
    [result] = sync(store, http=client)

    assert (result.status, result.items_new, result.items_updated, result.error) == ("synced", 4 + 1 + 6, 0, None)
    assert counts(store, "bluesky") == (4, [(NOW.date(), 1204)], 6)
    # 1 profile, 2 pages of the feed (the second reaches past 90 days), 2 pages of likes, 2 lists of reposts,
    # the quotes and the thread of the one post quoted and answered.
    assert client.requests == 9
    paths = [path for path, _ in replay.seen]
    assert paths[:3] == [
        f"/xrpc/app.bsky.actor.getProfile?actor={BLUESKY}",
        f"/xrpc/app.bsky.feed.getAuthorFeed?actor={BLUESKY}&limit=100&filter=posts_no_replies",
        f"/xrpc/app.bsky.feed.getAuthorFeed?actor={BLUESKY}&limit=100&filter=posts_no_replies&cursor=c1",
    ]
    quoted = "at%3A%2F%2Fdid%3Aplc%3Apunetrust%2Fapp.bsky.feed.post%2F"
    assert [p for p in paths if "getRepostedBy" in p] == [
        f"/xrpc/app.bsky.feed.getRepostedBy?uri={quoted}3b1&limit=100",
        f"/xrpc/app.bsky.feed.getRepostedBy?uri={quoted}3b2&limit=100",
    ]
    assert [p for p in paths if "getLikes" in p][
        1
    ] == f"/xrpc/app.bsky.feed.getLikes?uri={quoted}3b1&limit=100&cursor=l1"

    assert rows(store, "SELECT post_id, published_at, kind, text, url, likes, comments, shares, engagements, extra "
                       "FROM post WHERE platform = 'bluesky' ORDER BY published_at DESC") == [
        (uri("3b1"), datetime(2026, 11, 19, 12, 0), "Post", "Library day, with photos",
         f"https://bsky.app/profile/{BLUESKY}/post/3b1", 2, 1, 1, 4, '{"Quotes":"1"}'),
        (uri("3b2"), datetime(2026, 11, 15, 12, 0), "Post", "Post 3b2",
         f"https://bsky.app/profile/{BLUESKY}/post/3b2", 0, 0, 1, 1, '{"Quotes":"0"}'),
        (uri("3b3"), datetime(2026, 11, 10, 12, 0), "Post", "Who we are",
         f"https://bsky.app/profile/{BLUESKY}/post/3b3", 0, 0, 0, 0, '{"Quotes":"0"}'),
        (uri("3b4"), datetime(2026, 10, 21, 12, 0), "Post", "Post 3b4",
         f"https://bsky.app/profile/{BLUESKY}/post/3b4", 0, 0, 0, 0, '{"Quotes":"0"}'),
    ]  # fmt: skip
    # Counted by DID, which stays when a person changes their handle; the handle is shown.
    assert rows(store, "SELECT interaction_id, person_handle, person_name, kind, occurred_at FROM interaction "
                       "WHERE platform = 'bluesky' ORDER BY kind, person_handle") == [
        (f"{uri('3b1')}:like:did:plc:carol", "carol.bsky.social", "Carol", "like", datetime(2026, 11, 19, 14, 24)),
        (f"{uri('3b1')}:like:did:plc:dave", "dave.bsky.social", "dave.bsky.social", "like",
         datetime(2026, 11, 19, 16, 48)),
        (f"{uri('3b1')}:quote:did:plc:erin", "erin.bsky.social", "Erin", "quote", datetime(2026, 11, 19, 19, 12)),
        (f"{uri('3b1')}:reply:did:plc:bob", "bob.bsky.social", "Bob", "reply", datetime(2026, 11, 19, 21, 36)),
        (f"{uri('3b1')}:repost:did:plc:alice", "alice.bsky.social", "Alice", "repost", None),
        (f"{uri('3b2')}:repost:did:plc:bob", "bob.bsky.social", "Bob", "repost", None),
    ]  # fmt: skip


def test_bluesky_again_adds_nothing_and_a_new_like_is_one_new_row_and_one_updated(store, replay) -> None:
    serve_bluesky(replay)
    add_bluesky(store, replay)
    sync(store, http=http())
    before = figures(store)

    serve_bluesky(replay)
    client = http()
    [again] = sync(store, http=client)
    assert (again.status, again.items_new, again.items_updated) == ("unchanged", 0, 0)
    assert client.requests == 3  # the profile and the feed's two pages
    assert figures(store) == before

    serve_bluesky(replay, likes=3)
    client = http()
    [changed] = sync(store, http=client)
    assert (changed.status, changed.items_new, changed.items_updated) == ("synced", 1, 1)
    assert client.requests == 4  # the likes asked again, the reposts, quotes and replies (unchanged) not
    assert counts(store, "bluesky") == (4, [(NOW.date(), 1204)], 7)
    assert rows(store, f"SELECT likes, engagements FROM post WHERE post_id = '{uri('3b1')}'") == [(3, 5)]


@pytest.mark.parametrize(
    ("route", "answer", "sentence"),
    [
        ("/xrpc/app.bsky.feed.getAuthorFeed", b'{"feed": [{"post": ',
         "/xrpc/app.bsky.feed.getAuthorFeed did not answer with JSON (Expecting value"),
        ("/xrpc/app.bsky.actor.getProfile", body([PROFILE]), "/xrpc/app.bsky.actor.getProfile did not answer with a JSON object."),
        ("/xrpc/app.bsky.actor.getProfile", body({"error": "InvalidRequest"}), f"did not answer with a profile for {BLUESKY}."),
    ],
    ids=["malformed JSON", "a list for the profile", "no did"],
)  # fmt: skip
def test_a_bluesky_answer_that_cannot_be_read_is_a_sentence(store, replay, route, answer, sentence) -> None:
    serve_bluesky(replay)
    replay.on(route, (200, {}, answer))
    add_bluesky(store, replay)
    before = figures(store)
    [result] = sync(store, http=http())
    assert result.status == "failed" and result.error is not None
    assert sentence in result.error
    assert figures(store) == before


def test_an_unknown_bluesky_handle_is_a_sentence(store, replay) -> None:
    not_found = body({"error": "InvalidRequest", "message": "Profile not found"})
    replay.on("/xrpc/app.bsky.actor.getProfile", (400, {}, not_found))
    add_bluesky(store, replay)
    [result] = sync(store, http=http())
    assert (result.status, result.error) == (
        "failed",
        f"Bluesky knows no account {BLUESKY} (getProfile answered 400); check the handle.",
    )
