"""Hostile and malformed answers from sources: each is a sentence naming the source and the problem,
leaves the store exactly as it was, never ends the whole sync, and never shows a key or token.

Every server here is the local Replay server (tests/test_sync.py); nothing reaches the internet.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import duckdb
import pytest
from test_sync import Replay, Waits, figures, http, org, replay, store

from connectors.synced import local, one_line, parse_utc
from impact.__main__ import main
from impact.store.connection import checkpoint, connect, transaction
from impact.sync.http import Http, SyncError
from impact.sync.run import PULLERS, sync
from impact.sync.secrets import without_secret
from impact.sync.sources import add_source, sources

__all__ = ["replay", "store"]  # test_sync's fixtures: a local replay server, a copy of the demo store

NOW = datetime(2026, 11, 20, 12, 0)  # UTC: the moment of every pull here
ACCOUNT_ID = "109000000000000001"
ACCOUNT = {"id": ACCOUNT_ID, "username": "punetrust", "acct": "punetrust", "followers_count": 321}


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("mastodon", "bluesky", "youtube", "graph"):
        monkeypatch.setattr(f"impact.sync.{module}.utc_now", lambda: NOW)


def iso(days_ago: float) -> str:
    return (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def body(payload: object) -> bytes:
    return json.dumps(payload).encode()


def status(n: int, days_ago: float, **more: object) -> dict:
    """A Mastodon status as GET /api/v1/accounts/:id/statuses gives it."""
    status_id = str(113500000000000000 + n)
    return {
        "id": status_id,
        "created_at": iso(days_ago),
        "in_reply_to_id": None,
        "visibility": "public",
        "url": f"https://mastodon.social/@punetrust/{status_id}",
        "content": f"<p>Post {n}</p>",
        "replies_count": 0,
        "reblogs_count": 0,
        "favourites_count": 0,
        "reblog": None,
        "account": {"id": ACCOUNT_ID, "acct": "punetrust"},
        **more,
    }


def everything(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    """Every table of the store; of the sources only what a pull may change on success (its state)."""
    found = figures(con)
    found["source"] = con.execute(
        "SELECT id, organisation_id, kind, target, role, base_url, state, refused_metrics FROM source ORDER BY id"
    ).fetchall()
    return found


# ------------------------------------------------------------------------------------------------
# A pull lands whole or not at all


def test_a_pull_with_one_refused_table_stores_none_of_its_tables(store, replay: Replay) -> None:
    # Counts written as strings ("3"): the posts table has no figure and is refused, after the
    # followers table (a good one) was already imported in the same pull.
    add_source(store, org(store), "mastodon", "punetrust@mastodon.social", base_url=replay.url)
    replay.on("/api/v1/accounts/lookup", (200, {}, body(ACCOUNT)))
    written_as_text = [status(n, n, favourites_count=str(n), reblogs_count="1", replies_count="0") for n in range(1, 4)]
    replay.on(f"/api/v1/accounts/{ACCOUNT_ID}/statuses", (200, {}, body(written_as_text)))
    before = everything(store)

    [result] = sync(store, http=http())

    assert result.status == "failed"
    assert everything(store) == before
    assert "no row has a figure" in (result.error or "")
    assert result.error and result.error.endswith("Nothing of this pull was stored.")
    assert sources(store)[0].last_status == "failed"


def test_an_inner_transaction_joins_the_outer_one(store) -> None:
    store.execute("CREATE TABLE t (a INTEGER)")
    with pytest.raises(RuntimeError), transaction(store):
        with transaction(store):
            store.execute("INSERT INTO t VALUES (1)")
        checkpoint(store)  # refused by DuckDB inside a transaction: not asked, so the transaction goes on
        store.execute("INSERT INTO t VALUES (2)")
        raise RuntimeError("the outer one fails")
    assert store.execute("SELECT count(*) FROM t").fetchone() == (0,)
    with transaction(store):
        with transaction(store):
            store.execute("INSERT INTO t VALUES (1)")
    assert store.execute("SELECT count(*) FROM t").fetchone() == (1,)


# ------------------------------------------------------------------------------------------------
# A stranger's name cannot break a sync

DID = "did:plc:punetrust"
PROFILE = {"did": DID, "handle": "punetrust.bsky.social", "followersCount": 1204}


def bluesky_post(rkey: str, days_ago: float, likes: int = 0) -> dict:
    """A post view as app.bsky.feed.getAuthorFeed gives it."""
    return {
        "uri": f"at://{DID}/app.bsky.feed.post/{rkey}",
        "cid": f"bafy{rkey}",
        "author": {"did": DID, "handle": "punetrust.bsky.social"},
        "record": {"$type": "app.bsky.feed.post", "text": f"Post {rkey}", "createdAt": iso(days_ago)},
        "replyCount": 0,
        "repostCount": 0,
        "likeCount": likes,
        "quoteCount": 0,
        "indexedAt": iso(days_ago),
    }


def like(did: str, handle: str, name: str) -> dict:
    return {"actor": {"did": did, "handle": handle, "displayName": name}, "createdAt": iso(0.5)}


def serve_bluesky(replay: Replay, likes: list[dict]) -> None:
    replay.on("/xrpc/app.bsky.actor.getProfile", (200, {}, body(PROFILE)))
    feed = {"feed": [{"post": bluesky_post("3b1", 1, likes=len(likes))}, {"post": bluesky_post("3b2", 2)}]}
    replay.on("/xrpc/app.bsky.feed.getAuthorFeed", (200, {}, body(feed)))
    replay.on("/xrpc/app.bsky.feed.getLikes", (200, {}, body({"likes": likes})))


def test_control_characters_and_half_an_emoji_in_names_are_cleaned_and_the_sync_goes_on(store, replay) -> None:
    # A NUL made the import refuse the table as damaged; half a UTF-16 pair ("\ud83d", valid JSON) could
    # not be written as UTF-8 and ended the whole sync, so the Mastodon source after it was never pulled.
    likes = [like("did:plc:troll", "troll.bsky.social", "Troll\u0000name\u001b[31m"),
             like("did:plc:ana", "ana.bsky.social\u0000", "Ana \ud83d")]  # fmt: skip
    serve_bluesky(replay, likes)
    add_source(store, org(store), "bluesky", "punetrust.bsky.social", base_url=replay.url)
    add_source(store, org(store), "mastodon", "punetrust@mastodon.social", base_url=replay.url)
    replay.on("/api/v1/accounts/lookup", (200, {}, body(ACCOUNT)))
    replay.on(f"/api/v1/accounts/{ACCOUNT_ID}/statuses", (200, {}, body([status(1, 1)])))

    results = sync(store, http=http())

    assert [r.status for r in results] == ["synced", "synced"]
    names = store.execute(
        "SELECT person_handle, person_name FROM interaction WHERE platform = 'bluesky' ORDER BY person_name"
    ).fetchall()
    assert names == [("ana.bsky.social", "Ana \ufffd"), ("troll.bsky.social", "Trollname[31m")]


def test_one_line_keeps_white_space_as_spaces_and_drops_other_controls() -> None:
    assert one_line("a\tb\r\nc\x00d\x7f\x9be\x85f \ud83d\ude00") == "a b cde f \ufffd\ufffd"
    assert one_line("\U0001f600 ok") == "\U0001f600 ok"


# ------------------------------------------------------------------------------------------------
# Nothing from one source ends the sync run


def add_healthy_mastodon(con: duckdb.DuckDBPyConnection, replay: Replay) -> None:
    """A Mastodon source pulled after the hostile one: it must still be pulled, and succeed."""
    add_source(con, org(con), "mastodon", "punetrust@mastodon.social", base_url=replay.url)
    replay.on("/api/v1/accounts/lookup", (200, {}, body(ACCOUNT)))
    replay.on(f"/api/v1/accounts/{ACCOUNT_ID}/statuses", (200, {}, body([status(1, 1)])))


def test_json_nested_too_deeply_is_a_sentence(store, replay) -> None:
    replay.on("/xrpc/app.bsky.actor.getProfile", (200, {}, b"[" * 100_000 + b"]" * 100_000))  # 200 kB
    add_source(store, org(store), "bluesky", "punetrust.bsky.social", base_url=replay.url)
    add_healthy_mastodon(store, replay)
    before = figures(store)

    hostile, healthy = sync(store, http=http())

    assert hostile.error == (
        f"{replay.url}/xrpc/app.bsky.actor.getProfile answered with JSON nested too deeply to read; refused."
    )
    assert healthy.status == "synced"
    assert figures(store)["interaction"] == before["interaction"]


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00Z"])
def test_a_time_at_the_edge_of_the_calendar_is_unknown(text: str) -> None:
    assert parse_utc(text) is None
    assert local(datetime(9999, 12, 31, 23, 59), "Asia/Kolkata") is None
    assert parse_utc("2026-11-20T18:30:00+05:30") == datetime(2026, 11, 20, 13, 0)


def test_a_like_dated_in_year_one_is_kept_without_its_time(store, replay) -> None:
    # The like's time is written by the liker's client: year 1 at +01:00 overflowed, ending the whole sync.
    serve_bluesky(replay, [{**like("did:plc:x", "x.bsky.social", "X"), "createdAt": "0001-01-01T00:00:00+01:00"}])
    add_source(store, org(store), "bluesky", "punetrust.bsky.social", base_url=replay.url)

    [result] = sync(store, http=http())

    assert result.status == "synced"
    assert store.execute(
        "SELECT person_handle, occurred_at FROM interaction WHERE platform = 'bluesky'"
    ).fetchall() == [("x.bsky.social", None)]


@pytest.fixture
def twice_the_length() -> Iterator[str]:
    """A server that sends its Content-Length twice (proxies do): requests joins them as "152, 152"."""
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title>'
        b"<link>https://x.example.org/a</link><guid>a</guid></item></channel></rss>"
    )
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            with client:
                client.recv(65536)
                head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                client.sendall(head % (len(feed), len(feed)) + feed)

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/feed.xml"
    server.close()


def test_a_length_sent_twice_is_read(store, replay, twice_the_length) -> None:
    add_source(store, org(store), "rss", twice_the_length, "blog")
    add_healthy_mastodon(store, replay)

    results = sync(store, http=http())

    assert [(r.status, r.items_new) for r in results] == [("synced", 1), ("synced", 2)]  # a post, its followers


def test_a_retry_after_in_other_digits_is_no_wait_asked(store, replay) -> None:
    # "²".isdigit() is True, but float("²") raised ValueError, which ended the whole sync.
    url = replay.on("/feed.xml", (429, {"Retry-After": "²"}, b""))
    add_source(store, org(store), "rss", url, "blog")
    add_healthy_mastodon(store, replay)
    waits = Waits()

    hostile, healthy = sync(store, http=http(waits))

    assert hostile.error == f"{url} still limits requests (429) after 3 retries; try again later."
    assert waits.waited == [1.0, 2.0, 4.0]  # the backoff of its own
    assert healthy.status == "synced"


def test_an_unforeseen_error_fails_its_source_only_and_shows_no_secret(store, replay, monkeypatch, caplog) -> None:
    secret_url = "https://api.example.org/x?access_token=EAAB-never-shown-0123456789"

    def broken(*_: object) -> None:
        raise LookupError(f"unforeseen while asking {secret_url}")

    monkeypatch.setitem(PULLERS, "bluesky", broken)
    add_source(store, org(store), "bluesky", "punetrust.bsky.social", base_url=replay.url)
    add_healthy_mastodon(store, replay)
    before = figures(store)

    with caplog.at_level(logging.DEBUG):
        hostile, healthy = sync(store, http=http())

    assert hostile.sentence() == (
        "bluesky punetrust.bsky.social: the pull stopped on an unexpected error (LookupError); nothing of it was "
        "stored. Please report this to the project."
    )
    assert sources(store)[0].last_message == hostile.error
    assert healthy.status == "synced"
    assert "EAAB" not in caplog.text and "LookupError" in caplog.text
    assert figures(store)["post"] != before["post"]  # the healthy source's post


# ------------------------------------------------------------------------------------------------
# No key or token in any form

KEY = "AIzaSyD-test_key_0123456789abcdefghij"
CHANNEL = "UCpuneEducationTrust0001"


def readable_parts(secret: str, text: str, length: int = 8) -> list[str]:
    """The runs of `length` of the secret's letters and digits that can be read in the text, whatever is between them."""
    core, shown = re.sub("[^A-Za-z0-9]", "", secret), re.sub("[^A-Za-z0-9]", "", text)
    return [core[i : i + length] for i in range(len(core) - length + 1) if core[i : i + length] in shown]


@pytest.mark.parametrize(
    "quoted",
    [f"{KEY[:6]}<b></b>{KEY[6:]}", KEY.replace("-", "&#45;"), f"{KEY[:6]}\u200b{KEY[6:]}", f"{KEY[:20]}…"],
    ids=["split by a tag", "an entity", "split by an invisible space", "cut short"],
)
def test_youtube_shows_its_key_in_no_form(store, replay, quoted: str) -> None:
    error = {"code": 400, "message": f"The API key {quoted} is unknown.", "errors": [{"reason": "badRequest"}]}
    replay.on("/channels", (400, {}, body({"error": error})))
    add_source(store, org(store), "youtube", CHANNEL, base_url=replay.url, secret=KEY)

    [result] = sync(store, http=http())

    assert result.error and result.error.startswith("YouTube refused the request (400, badRequest)")
    assert readable_parts(KEY, result.error) == []
    assert readable_parts(KEY, sources(store)[0].last_message or "") == []


def test_a_token_split_or_cut_is_taken_out_of_a_message() -> None:
    token = "EAABsbCS1iHgBAKZCtest0token0never0shown"
    for message in (f"bad {token[:12]} {token[12:]}.", f"bad {token[:16]}...", f"bad {token[:5]}\u00ad{token[5:]}"):
        assert readable_parts(token, without_secret(message, token, "…")) == []
    assert without_secret("Invalid OAuth access token - Cannot parse", token, "…") == (
        "Invalid OAuth access token - Cannot parse"
    )


def test_a_private_feeds_key_in_its_address_is_in_no_sentence_output_or_audit_record(store, replay, capsys) -> None:
    feed_key = "s3cr3t-feed-token-0123456789"
    path = replay.on("/private/feed.xml", (401, {}, b"no"))
    url = f"{path}?token={feed_key}"
    db = store.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    store.close()

    add = ["sources", "add", "--org", "Pune Education Trust", "--kind", "rss", "--url", url, "--as", "blog"]
    assert main([*add, "--db", db]) == 0
    assert main([*add, "--db", db]) == 1  # there already: said without the key too
    assert main(["sync", "--db", db]) == 1
    assert main(["sources", "list", "--db", db]) == 0
    assert main(["sources", "list", "--json", "--db", db]) == 0
    out, err = capsys.readouterr()

    assert f"rss (blog) {path}: {path} refused the request (401)" in out
    assert feed_key not in out + err
    with connect(db) as con:
        audit = con.execute("SELECT * FROM audit_event").fetchall()
        [source] = sources(con)
    assert audit and feed_key not in repr(audit)
    assert source.label == f"rss (blog) {path}" and feed_key not in (source.last_message or "")
    assert source.target == url  # kept whole: the pull needs it


def test_no_log_line_holds_the_token_or_the_key(store, replay, caplog) -> None:
    # urllib3 logs each request line at DEBUG, query and all: the token and the key travel in headers.
    token = "EAABsbCS1iHgBAKZCtest0token0never0shown"
    add_source(store, org(store), "facebook", "1234567890", base_url=replay.url, secret=token)
    add_source(store, org(store), "youtube", CHANNEL, base_url=replay.url, secret=KEY)
    replay.on("/1234567890", (200, {}, body({"id": "1234567890", "name": "Pune", "followers_count": 10})))
    next_page = f"{replay.url}/1234567890/published_posts?access_token={token}&after=QVFI"
    replay.on("/1234567890/published_posts", (200, {}, body({"data": [], "paging": {"next": next_page}})))
    replay.on("/channels", (200, {}, body({"items": []})))

    with caplog.at_level(logging.DEBUG):
        sync(store, http=http())

    assert "GET /1234567890?fields=" in caplog.text and "GET /channels?part=" in caplog.text
    assert token not in caplog.text and KEY not in caplog.text
    assert not [path for path, _ in replay.seen if token in path or KEY in path]


def test_a_key_in_a_header_is_not_sent_on_to_another_host(replay) -> None:
    port = replay.url.rsplit(":", 1)[1]
    replay.on("/moved", (302, {"Location": f"http://localhost:{port}/here"}, b""))
    replay.on("/here", (200, {}, b"ok"))

    assert Http(sleep=Waits()).get(replay.url + "/moved", headers={"X-Goog-Api-Key": KEY}).body == b"ok"

    assert [headers.get("X-Goog-Api-Key") for _, headers in replay.seen] == [KEY, None]


# ------------------------------------------------------------------------------------------------
# What a pull brought, said whole


def test_rows_the_import_leaves_out_are_counted_and_the_first_reason_said(store, replay) -> None:
    # A post's createdAt is whatever the poster's client wrote: 2099 is out of the import's range.
    future = bluesky_post("3f1", 1, likes=1)
    future["record"]["createdAt"] = "2099-01-01T00:00:00Z"
    replay.on("/xrpc/app.bsky.actor.getProfile", (200, {}, body(PROFILE)))
    replay.on(
        "/xrpc/app.bsky.feed.getAuthorFeed",
        (200, {}, body({"feed": [{"post": future}, {"post": bluesky_post("3b1", 2)}]})),
    )
    replay.on("/xrpc/app.bsky.feed.getLikes", (200, {}, body({"likes": [like("did:plc:x", "x.bsky.social", "X")]})))
    add_source(store, org(store), "bluesky", "punetrust.bsky.social", base_url=replay.url)

    [result] = sync(store, http=http())

    tomorrow = date.today() + timedelta(days=1)  # the import's last day is its own, not the pinned clock's
    assert (result.status, result.rows_left_out) == ("synced", 1)
    assert result.sentence() == (
        "bluesky punetrust.bsky.social: 3 new, 0 updated; 1 row left out (row 1: Published (UTC) "
        '"2099-01-01 00:00:00 +0000" is out of range: dates run from 1 Jan 2004 to '
        f"{tomorrow.day} {tomorrow:%b %Y}, the day after the import)."
    )
    assert sources(store)[0].last_message == result.sentence().removeprefix(f"{result.label}: ").removesuffix(".")
    assert result.as_json()["rows_left_out"] == 1


# ------------------------------------------------------------------------------------------------
# A server that trickles is cut off at the deadline


def trickle() -> Callable[[object], None]:
    """A byte every 0.2 s (each well within the read timeout) for 20 s, of the 100,000 announced."""

    def write(out: object) -> None:
        for _ in range(100):
            out.write(b" ")  # type: ignore[attr-defined]
            out.flush()  # type: ignore[attr-defined]
            time.sleep(0.2)

    return write


def test_a_server_that_trickles_is_cut_off_at_the_deadline(replay) -> None:
    url = replay.on("/feed", (200, {"Content-Length": "100000"}, lambda: trickle()))
    began = time.monotonic()

    with pytest.raises(SyncError, match=r"/feed took over 1 s to answer; stopped\.$"):
        http(deadline=1.0).get(url)

    assert time.monotonic() - began < 4  # not the 20 s the server would take


# ------------------------------------------------------------------------------------------------
# A Bluesky person is counted by their DID


def bluesky_likes(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "SELECT person_handle, person_name FROM interaction WHERE platform = 'bluesky' AND kind = 'like' ORDER BY 1"
    ).fetchall()


def test_a_bluesky_person_who_changes_their_handle_is_counted_once(store, replay) -> None:
    add_source(store, org(store), "bluesky", "punetrust.bsky.social", base_url=replay.url)
    serve_bluesky(replay, [like("did:plc:carol", "carol.bsky.social", "Carol")])
    sync(store, http=http())
    # Carol moves to her own domain's handle; Dave likes the post too: it has 2 likes.
    serve_bluesky(replay, [like("did:plc:dave", "dave.bsky.social", "Dave"),
                           like("did:plc:carol", "carol.example.org", "Carol")])  # fmt: skip

    [result] = sync(store, http=http())

    assert (result.items_new, result.items_updated) == (1, 2)  # Dave; the post's likes and Carol's handle
    assert bluesky_likes(store) == [("carol.example.org", "Carol"), ("dave.bsky.social", "Dave")]


def test_a_store_synced_when_people_were_counted_by_handle_counts_none_twice(store, replay, monkeypatch) -> None:
    add_source(store, org(store), "bluesky", "punetrust.bsky.social", base_url=replay.url)
    serve_bluesky(replay, [like("did:plc:carol", "carol.bsky.social", "Carol")])
    # As the version before did: Carol's like stored under her handle, and no handle keys in the state.
    with monkeypatch.context() as before:
        before.setattr("connectors.synced.SyncedInteraction.interaction_id",
                       property(lambda i: f"{i.post_id}:{i.kind}:{i.person_handle}"))  # fmt: skip
        sync(store, http=http())
    store.execute("UPDATE source SET state = json_object('counts', state->'counts', 'newest_uri', state->'newest_uri')")
    [(stored_id,)] = store.execute("SELECT interaction_id FROM interaction WHERE platform = 'bluesky'").fetchall()
    assert stored_id.endswith(":like:carol.bsky.social")

    [migrating] = sync(store, http=http())  # asks Carol again though no count changed: her handle key is kept
    serve_bluesky(replay, [like("did:plc:dave", "dave.bsky.social", "Dave"),
                           like("did:plc:carol", "carol.example.org", "Carol")])  # fmt: skip
    [changed] = sync(store, http=http())

    assert (migrating.items_new, changed.items_new, changed.items_updated) == (0, 1, 2)
    assert bluesky_likes(store) == [("carol.example.org", "Carol"), ("dave.bsky.social", "Dave")]
    assert sources(store)[0].state["handle_keys"] == {
        f"at://{DID}/app.bsky.feed.post/3b1": {"did:plc:carol": "carol.bsky.social"}
    }


# ------------------------------------------------------------------------------------------------
# Bounds on a whole pull, and pages that come back empty


def test_the_waits_of_one_pull_have_a_budget_and_the_next_source_its_own(store, replay) -> None:
    # Every request answered 429 "wait a minute" three times before it is answered: the 200 requests of a
    # busy account's pull would keep the sync waiting for hours.
    limited = (429, {"Retry-After": "60"}, b"")
    replay.on("/xrpc/app.bsky.actor.getProfile", limited, limited, limited, (200, {}, body(PROFILE)))
    feed = body({"feed": [{"post": bluesky_post("3b1", 1)}]})
    replay.on("/xrpc/app.bsky.feed.getAuthorFeed", limited, limited, limited, (200, {}, feed))
    add_source(store, org(store), "bluesky", "punetrust.bsky.social", base_url=replay.url)
    add_healthy_mastodon(store, replay)
    replay.on("/api/v1/accounts/lookup", limited, (200, {}, body(ACCOUNT)))
    waits = Waits()

    limited_source, healthy = sync(store, http=http(waits))

    assert limited_source.error == (
        f"{replay.url}/xrpc/app.bsky.feed.getAuthorFeed keeps asking to wait (rate limit): this pull has waited "
        "5 minutes already; try again later."
    )
    assert waits.waited == [60.0] * 5 + [60.0]  # the budget, then the healthy source's own wait
    assert healthy.status == "synced"


def test_an_empty_page_of_the_feed_with_a_cursor_is_followed(store, replay) -> None:
    # The AppView cuts a page, then filters it: a page can be empty and still have more after it.
    replay.on("/xrpc/app.bsky.actor.getProfile", (200, {}, body(PROFILE)))
    more = {"feed": [{"post": bluesky_post("3b1", 1)}, {"post": bluesky_post("3b2", 2)}]}
    replay.on("/xrpc/app.bsky.feed.getAuthorFeed", (200, {}, body({"feed": [], "cursor": "c1"})), (200, {}, body(more)))
    add_source(store, org(store), "bluesky", "punetrust.bsky.social", base_url=replay.url)

    [result] = sync(store, http=http())

    assert (result.status, result.items_new) == ("synced", 2 + 1)  # two posts, the followers
