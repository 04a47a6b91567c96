"""YouTube sources against a local server replaying payloads shaped like the YouTube Data API v3 docs.

Exact counts of videos, subscribers and commenters, stored in the organisation's local time (the demo
organisation is in Asia/Kolkata, UTC+05:30); paging and the 90-day stop; a second sync adds nothing; a
changed count updates its row; Google's error answers (quotaExceeded, keyInvalid, ...) are sentences that
never show the key and change no figure; a 500 is retried. Nothing here reaches the internet: every
source's base URL is the local Replay server.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import duckdb
import pytest
from test_sync import Replay, Waits, figures, http, org, replay, store

from impact.sync.run import sync
from impact.sync.sources import add_source, sources

__all__ = ["replay", "store"]  # test_sync's fixtures: a local replay server, a copy of the demo store

NOW = datetime(2026, 11, 20, 21, 0)  # UTC: the moment of every pull here; 2026-11-21 02:30 in Kolkata
CHANNEL = "UCpuneEducationTrust0001"
UPLOADS = "UUpuneEducationTrust0001"
TITLE = "Pune Education Trust"  # the channel's name, as the demo's YouTube Studio exports name the account
KEY = "AIzaSyD-test_key_0123456789abcdefghij"
PARTS = "part=snippet%2Cstatistics%2CcontentDetails"


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The puller's "now" (the 90-day window, the day of the followers row) is NOW."""
    monkeypatch.setattr("impact.sync.youtube.utc_now", lambda: NOW)


def iso(days_ago: float) -> str:
    return (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def body(payload: object) -> bytes:
    return json.dumps(payload).encode()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    return con.execute(sql).fetchall()


def google_error(status: int, reason: str, message: str, domain: str = "youtube.quota", **more: object) -> bytes:
    errors = [{"message": message, "domain": domain, "reason": reason}]
    return body({"error": {"code": status, "message": message, "errors": errors, **more}})


# ------------------------------------------------------------------------------------------------
# The channel: channels.list, playlistItems.list (the uploads), videos.list, commentThreads.list


def channel(subscribers: str = "1530", hidden: bool = False) -> dict:
    return {
        "kind": "youtube#channelListResponse",
        "etag": "c1",
        "pageInfo": {"totalResults": 1, "resultsPerPage": 5},
        "items": [
            {
                "kind": "youtube#channel",
                "etag": "c2",
                "id": CHANNEL,
                "snippet": {
                    "title": TITLE,
                    "description": "Libraries for every child",
                    "customUrl": "@punetrust",
                    "publishedAt": "2019-03-01T10:00:00Z",
                },
                "contentDetails": {"relatedPlaylists": {"likes": "", "uploads": UPLOADS}},
                "statistics": {
                    "viewCount": "250300",
                    "subscriberCount": subscribers,
                    "hiddenSubscriberCount": hidden,
                    "videoCount": "212",
                },
            }  # fmt: skip
        ],
    }


def playlist_item(video_id: str, published: str | None) -> dict:
    details: dict[str, str] = {"videoId": video_id}
    if published:
        details["videoPublishedAt"] = published
    return {"kind": "youtube#playlistItem", "id": f"item-{video_id}", "contentDetails": details}


def playlist_page(items: list[dict], next_token: str | None) -> bytes:
    page: dict[str, object] = {"kind": "youtube#playlistItemListResponse", "items": items,
                               "pageInfo": {"totalResults": 212, "resultsPerPage": 50}}  # fmt: skip
    if next_token:
        page["nextPageToken"] = next_token
    return body(page)


def video(video_id: str, published: str, title: str, **statistics: str) -> dict:
    return {
        "kind": "youtube#video",
        "id": video_id,
        "snippet": {"publishedAt": published, "channelId": CHANNEL, "title": title, "channelTitle": TITLE,
                    "liveBroadcastContent": "none"},
        "contentDetails": {"duration": "PT4M13S", "definition": "hd"},
        "statistics": {"favoriteCount": "0", **statistics},
    }  # fmt: skip


# Four public videos of the last 90 days on two pages of the uploads playlist; a private one (no
# videoPublishedAt) and one of 100 days ago end the second page, which still has a next page: not asked.
LIBRARY, HIDDEN, QUIET, CAMP = "LibDay2026a", "HidLikes26b", "NoComment3c", "WinterCamp4"
PRIVATE, OLD = "PrivateVid5", "OldVideo006"


def serve_youtube(replay: Replay, likes: str = "87", comments: str = "5", **channel_options: object) -> None:
    """The API's answers for one sync (each route's answers are used up in order)."""
    replay.on("/channels", (200, {}, body(channel(**channel_options))))  # type: ignore[arg-type]
    first = [playlist_item(LIBRARY, "2026-11-20T20:00:00Z"), playlist_item(HIDDEN, iso(3)),
             playlist_item(QUIET, iso(10))]  # fmt: skip
    second = [playlist_item(CAMP, iso(40)), playlist_item(PRIVATE, None), playlist_item(OLD, iso(100))]
    replay.on("/playlistItems", (200, {}, playlist_page(first, "CAMQAA")), (200, {}, playlist_page(second, "CAYQAA")))
    videos = [
        video(CAMP, iso(40), "Winter camp: day one", viewCount="950", likeCount="40", commentCount="2"),
        video(LIBRARY, "2026-11-20T20:00:00Z", "Library day\n in Pune", viewCount="1520", likeCount=likes,
              dislikeCount="3", commentCount=comments),
        video(HIDDEN, iso(3), "Parents' meeting", viewCount="300", commentCount="0"),  # likes hidden
        video(QUIET, iso(10), "Exam tips", viewCount="12", likeCount="1"),  # comments off: no commentCount
    ]  # fmt: skip
    replay.on("/videos", (200, {}, body({"kind": "youtube#videoListResponse", "items": videos})))
    threads = [
        thread("UCashaAshaAshaAshaAsha01", "@asha", iso(0.05), "Lovely!"),
        thread(CHANNEL, TITLE, iso(0.06), "Thank you all for coming"),  # the channel's own: not a person's
        thread("UCraviRaviRaviRaviRavi02", "@ravi-k", iso(0.07), "Which library?"),
        thread(None, "@meera", iso(0.08), "So good"),  # no author channel id: the name is the handle
        thread("UCashaAshaAshaAshaAsha01", "@asha", iso(0.09), "Coming next year"),
    ]
    if comments == "6":
        threads.insert(0, thread("UClenaLenaLenaLenaLena03", "@lena", iso(0.01), "Great work"))
    disabled = google_error(403, "commentsDisabled", "The video identified by the <code>videoId</code> parameter "
                            "has disabled comments.", domain="youtube.commentThread")  # fmt: skip
    # Newest first: the library day's threads, then the winter camp's (whose comments were turned off since).
    replay.on("/commentThreads", (200, {}, body({"items": threads})), (403, {}, disabled))


def thread(author: str | None, name: str, published: str, text: str) -> dict:
    comment = {"authorDisplayName": name, "authorProfileImageUrl": "https://yt3.ggpht.com/x", "textDisplay": text,
               "textOriginal": text, "likeCount": 0, "publishedAt": published, "updatedAt": published,
               "canRate": True, "viewerRating": "none"}  # fmt: skip
    if author:
        comment["authorChannelId"] = {"value": author}
    return {
        "kind": "youtube#commentThread",
        "id": f"Ug{abs(hash((author, published))) % 10**8}",
        "snippet": {"channelId": CHANNEL, "videoId": LIBRARY, "topLevelComment": {"kind": "youtube#comment",
                    "id": "c", "snippet": comment}, "totalReplyCount": 0, "isPublic": True},
    }  # fmt: skip


def add_youtube(con: duckdb.DuckDBPyConnection, replay: Replay) -> None:
    add_source(con, org(con), "youtube", CHANNEL, base_url=replay.url, secret=KEY)


def counts(con: duckdb.DuckDBPyConnection) -> tuple[int, list[tuple[object, ...]], int]:
    """Synced videos, the followers figures of YouTube by day, and commenters."""
    (posts,) = con.execute(
        "SELECT count(*) FROM post p JOIN import_batch b ON b.id = p.batch_id "
        "WHERE p.platform = 'youtube' AND b.connector = 'youtube_synced_posts'"
    ).fetchone()  # type: ignore[misc]
    followers = rows(con, "SELECT day, followers FROM account_day WHERE platform = 'youtube' "
                          "AND followers IS NOT NULL ORDER BY day")  # fmt: skip
    (people,) = con.execute("SELECT count(*) FROM interaction WHERE platform = 'youtube'").fetchone()  # type: ignore[misc]
    return posts, followers, people


def test_youtube_videos_subscribers_and_commenters_in_local_time(store, replay) -> None:
    assert rows(store, f"SELECT timezone FROM organisation WHERE id = {org(store)}") == [("Asia/Kolkata",)]
    assert counts(store) == (0, [], 0)  # the demo's Studio exports: no synced videos, no subscriber figures
    serve_youtube(replay)
    add_youtube(store, replay)
    client = http()
    [result] = sync(store, http=client)

    # 4 videos and 3 commenters new; the subscribers land on the demo export's row of that day (updated).
    assert (result.status, result.items_new, result.items_updated, result.error) == ("synced", 4 + 3, 1, None)
    assert counts(store) == (4, [(date(2026, 11, 21), 1530)], 3)
    # 1 channel, 2 pages of uploads (the second reaches past 90 days), 1 of videos, 2 of comment threads.
    assert client.requests == 6
    paths = [path for path, _ in replay.seen]
    assert paths == [
        f"/channels?{PARTS}&id={CHANNEL}",
        f"/playlistItems?part=contentDetails&playlistId={UPLOADS}&maxResults=50",
        f"/playlistItems?part=contentDetails&playlistId={UPLOADS}&maxResults=50&pageToken=CAMQAA",
        f"/videos?{PARTS}&id={LIBRARY}%2C{HIDDEN}%2C{QUIET}%2C{CAMP}",
        f"/commentThreads?part=snippet&videoId={LIBRARY}&maxResults=100&order=time",
        f"/commentThreads?part=snippet&videoId={CAMP}&maxResults=100&order=time",
    ]
    # The key goes in a header, never in the address (logs and proxies write addresses down).
    assert {headers.get("X-Goog-Api-Key") for _, headers in replay.seen} == {KEY}

    # Published times in Kolkata's time (2026-11-20T20:00:00Z is 01:30 the next day); hidden likes are no figure.
    assert rows(store, "SELECT post_id, published_at, kind, text, url, likes, comments, shares, video_views "
                       f"FROM post WHERE platform = 'youtube' AND post_id IN {(LIBRARY, HIDDEN, QUIET, CAMP)} "
                       "ORDER BY published_at DESC") == [
        (LIBRARY, datetime(2026, 11, 21, 1, 30), None, "Library day in Pune",
         f"https://www.youtube.com/watch?v={LIBRARY}", 87, 5, None, 1520),
        (HIDDEN, datetime(2026, 11, 18, 2, 30), None, "Parents' meeting",
         f"https://www.youtube.com/watch?v={HIDDEN}", None, 0, None, 300),
        (QUIET, datetime(2026, 11, 11, 2, 30), None, "Exam tips",
         f"https://www.youtube.com/watch?v={QUIET}", 1, None, None, 12),
        (CAMP, datetime(2026, 10, 12, 2, 30), None, "Winter camp: day one",
         f"https://www.youtube.com/watch?v={CAMP}", 40, 2, None, 950),
    ]  # fmt: skip
    # People, not the channel: Asha's two comments are one interaction, at her first.
    assert rows(store, "SELECT interaction_id, post_id, person_handle, person_name, kind, occurred_at "
                       "FROM interaction WHERE platform = 'youtube' ORDER BY person_handle") == [
        (f"{LIBRARY}:comment:@meera", LIBRARY, "@meera", "@meera", "comment", datetime(2026, 11, 21, 0, 34, 48)),
        (f"{LIBRARY}:comment:UCashaAshaAshaAshaAsha01", LIBRARY, "UCashaAshaAshaAshaAsha01", "@asha", "comment",
         datetime(2026, 11, 21, 0, 20, 24)),
        (f"{LIBRARY}:comment:UCraviRaviRaviRaviRavi02", LIBRARY, "UCraviRaviRaviRaviRavi02", "@ravi-k", "comment",
         datetime(2026, 11, 21, 0, 49, 12)),
    ]  # fmt: skip
    # The synced rows are on the exports' account (the channel's name), through the ordinary import.
    assert rows(store, f"SELECT handle FROM account WHERE platform = 'youtube' AND organisation_id = {org(store)}") == [
        (TITLE,)
    ]
    assert rows(store, f"SELECT day, followers, video_views FROM account_day a JOIN account c ON c.id = a.account_id "
                       f"WHERE a.platform = 'youtube' AND c.handle = '{TITLE}' AND day = '2026-11-21'") == [
        (date(2026, 11, 21), 1530, 26)
    ]  # fmt: skip
    names = [r[0] for r in rows(store, "SELECT source_name FROM import_batch WHERE source_name LIKE 'youtube %' "
                                       "ORDER BY id")]  # fmt: skip
    assert [name.split(" (pulled ")[0] for name in names] == [
        f"youtube posts {TITLE}", f"youtube followers {TITLE}", f"youtube interactions {TITLE}"
    ]  # fmt: skip
    assert all(" (pulled " in name and "youtube" in name for name in names)
    state = sources(store)[0].state
    assert state == {"counts": {LIBRARY: 5, CAMP: 2}, "newest_id": LIBRARY}
    assert (sources(store)[0].last_status, sources(store)[0].last_message) == ("synced", "7 new, 1 updated")


def test_youtube_again_adds_nothing_and_a_changed_count_updates_its_row(store, replay) -> None:
    serve_youtube(replay)
    add_youtube(store, replay)
    sync(store, http=http())
    before = figures(store)

    serve_youtube(replay)
    client = http()
    [again] = sync(store, http=client)
    assert (again.status, again.items_new, again.items_updated) == ("unchanged", 0, 0)
    assert client.requests == 4  # the channel, two pages of uploads, the videos: no comment count changed
    assert figures(store) == before

    serve_youtube(replay, likes="88", comments="6", subscribers="1540")
    client = http()
    [changed] = sync(store, http=client)
    # One more like and comment on the library day, 10 more subscribers: the video and the day updated,
    # its threads asked again (the winter camp's not) give one new person.
    assert (changed.status, changed.items_new, changed.items_updated) == ("synced", 1, 2)
    assert client.requests == 5
    assert counts(store) == (4, [(date(2026, 11, 21), 1540)], 4)
    assert rows(store, f"SELECT likes, comments, video_views FROM post WHERE post_id = '{LIBRARY}'") == [(88, 6, 1520)]
    assert rows(store, "SELECT person_handle, occurred_at FROM interaction WHERE person_name = '@lena'") == [
        ("UClenaLenaLenaLenaLena03", datetime(2026, 11, 21, 2, 15, 36))
    ]
    assert sources(store)[0].state["counts"] == {LIBRARY: 6, CAMP: 2}


def test_a_hidden_subscriber_count_writes_no_followers_row(store, replay) -> None:
    serve_youtube(replay, subscribers="0", hidden=True)
    add_youtube(store, replay)
    [result] = sync(store, http=http())
    assert (result.status, result.items_new, result.items_updated) == ("synced", 4 + 3, 0)
    assert counts(store) == (4, [], 3)
    assert not rows(store, "SELECT 1 FROM import_batch WHERE source_name LIKE 'youtube followers%'")


def test_the_uploads_stop_at_200_videos_four_pages(store, replay) -> None:
    ids = [f"Vid{n:08d}" for n in range(250)]
    replay.on("/channels", (200, {}, body(channel())))
    pages = [(200, {}, playlist_page([playlist_item(i, iso(n / 10)) for n, i in enumerate(ids[s:s + 50], s)], "more"))
             for s in range(0, 250, 50)]  # fmt: skip
    replay.on("/playlistItems", *pages)
    replay.on("/videos", *[(200, {}, body({"items": [video(i, iso(n / 10), f"Video {n}", viewCount=str(n))
                                                     for n, i in enumerate(ids[s:s + 50], s)]}))
                           for s in range(0, 200, 50)])  # fmt: skip
    add_youtube(store, replay)
    client = http()
    [result] = sync(store, http=client)
    assert (result.status, result.items_new, result.items_updated) == ("synced", 200, 1)  # 1: the followers day
    assert client.requests == 1 + 4 + 4  # no likes or comments counted: no comment threads asked
    assert counts(store) == (200, [(date(2026, 11, 21), 1530)], 0)
    assert rows(store, "SELECT min(video_views), max(video_views) FROM post WHERE post_id LIKE 'Vid%'") == [(0, 199)]
    assert len([path for path, _ in replay.seen if path.startswith("/playlistItems")]) == 4  # the fifth not asked


def test_counts_that_are_not_numbers_are_no_figure(store, replay) -> None:
    serve_youtube(replay)
    odd = video(LIBRARY, iso(1), "Odd", viewCount="1.5e3", likeCount="-4", commentCount="")
    replay.on("/videos", (200, {}, body({"items": [odd, video(HIDDEN, iso(3), "Plain", viewCount="7")]})))
    add_youtube(store, replay)
    [result] = sync(store, http=http())
    assert (result.status, result.items_new, result.error) == ("synced", 2, None)
    assert rows(store, f"SELECT post_id, likes, comments, video_views FROM post WHERE post_id IN ('{LIBRARY}', "
                       f"'{HIDDEN}') ORDER BY post_id") == [(HIDDEN, None, None, 7), (LIBRARY, None, None, None)]  # fmt: skip
    assert not any("commentThreads" in path for path, _ in replay.seen)


def test_a_500_is_retried_then_the_pull_succeeds(store, replay) -> None:
    serve_youtube(replay)
    failed = google_error(500, "backendError", "Backend Error", domain="global")
    replay.on("/channels", (500, {}, failed), (200, {}, body(channel())))
    add_youtube(store, replay)
    waits = Waits()
    [result] = sync(store, http=http(waits))
    assert (result.status, result.items_new, result.items_updated) == ("synced", 4 + 3, 1)
    assert waits.waited == [1.0]


QUOTA = ("YouTube refused the request (quotaExceeded): the key's daily quota (10,000 units) is used up (a sync of "
         "this source costs at most 19; other apps using the key's project share the quota); the next sync after "
         "midnight Pacific time goes on.")  # fmt: skip
INVALID = ("YouTube refused the key (keyInvalid): it is not a valid API key (mistyped, deleted or expired); remove "
           "the source and add it again with a valid key (Google Cloud console > APIs & Services > Credentials).")  # fmt: skip
NOT_ENABLED = ("YouTube refused the key (accessNotConfigured): the YouTube Data API v3 is not enabled for the key's "
               "Google Cloud project; enable it (Google Cloud console > APIs & Services > Library > YouTube Data API "
               "v3), then sync again.")  # fmt: skip
QUOTA_MESSAGE = ('The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started'
                 '#quota">quota</a>.')  # fmt: skip
INVALID_NOW = body({"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                              "errors": [{"message": "API key not valid. Please pass a valid API key.",
                                          "domain": "global", "reason": "badRequest"}],
                              "status": "INVALID_ARGUMENT",
                              "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                           "reason": "API_KEY_INVALID", "domain": "googleapis.com",
                                           "metadata": {"service": "youtube.googleapis.com"}}]}})  # fmt: skip


@pytest.mark.parametrize(
    ("route", "answer", "sentence"),
    [
        ("/channels", (403, {}, google_error(403, "quotaExceeded", QUOTA_MESSAGE)), QUOTA),
        ("/commentThreads", (403, {}, google_error(403, "quotaExceeded", QUOTA_MESSAGE)), QUOTA),
        ("/channels", (403, {}, google_error(403, "dailyLimitExceeded", "Daily Limit Exceeded", "usageLimits")),
         QUOTA.replace("(quotaExceeded)", "(dailyLimitExceeded)")),
        ("/channels", (400, {}, google_error(400, "keyInvalid", "Bad Request", "usageLimits")), INVALID),
        ("/channels", (400, {}, INVALID_NOW), INVALID),
        ("/playlistItems", (403, {}, google_error(403, "accessNotConfigured", "YouTube Data API v3 has not been used "
                                                  "in project 123 before or it is disabled.", "usageLimits")),
         NOT_ENABLED),
        ("/videos", (403, {}, google_error(403, "forbidden", f"Access <b>forbidden</b> for {KEY}.\n Ask the owner.",
                                           "youtube.video")),
         "YouTube refused the request (403, forbidden): Access forbidden for (the key). Ask the owner."),
        ("/channels", (403, {}, b"<html>Forbidden</html>"), "YouTube refused the request (403, no reason given)."),
        ("/channels", (200, {}, body({"kind": "youtube#channelListResponse", "pageInfo": {"totalResults": 0}})),
         f"YouTube has no channel {CHANNEL} (channels.list found none); check the id in YouTube Studio > Settings > "
         "Channel > Advanced settings."),
        ("/videos", (200, {}, b'{"items": [{"id": "LibDay2026a", "snippet": '),
         "/videos did not answer with JSON (Expecting value"),
        ("/channels", (200, {}, body([channel()])),
         "/channels did not answer with a JSON object (not the YouTube Data API?)."),
        ("/channels", (200, {}, body({"items": [{"id": CHANNEL, "snippet": {"title": TITLE}}]})),
         "YouTube answered in a shape this version does not read (not the YouTube Data API v3?)."),
        ("/commentThreads", (200, {}, body({"items": [{"snippet": {"topLevelComment": "gone"}}]})),
         "YouTube answered in a shape this version does not read (not the YouTube Data API v3?)."),
        ("/channels", (500, {}, b""), "/channels failed (500) 4 times; try again later."),
    ],
    ids=["quota", "quota at the comments", "daily limit", "keyInvalid", "keyInvalid as Google says it now",
         "API not enabled", "another 403", "403 without JSON", "no such channel", "malformed JSON",
         "a list for the channel", "a channel without its uploads", "a thread without its comment", "500 four times"],
)  # fmt: skip
def test_a_youtube_failure_is_a_sentence_without_the_key_and_changes_no_figure(store, replay, route, answer, sentence):
    serve_youtube(replay)
    replay.on(route, answer)
    add_youtube(store, replay)
    before = figures(store)
    [result] = sync(store, http=http())
    assert result.status == "failed" and result.error is not None
    assert sentence in result.error
    assert figures(store) == before
    source = sources(store)[0]
    assert (source.last_status, source.last_message) == ("failed", result.error)
    assert source.state == {}  # the next pull starts where this one did
    assert KEY not in result.error and KEY not in (source.last_message or "")
    assert all(headers.get("X-Goog-Api-Key") == KEY for _, headers in replay.seen)  # with every request


def test_a_source_without_its_key_is_a_sentence(store, replay) -> None:
    serve_youtube(replay)
    add_youtube(store, replay)
    store.execute("DELETE FROM source_secret")
    [result] = sync(store, http=http())
    assert (result.status, result.error) == (
        "failed",
        "this YouTube source has no API key; remove it and add it again with a key (--secret-stdin): an API key for "
        "the YouTube Data API v3, made in the Google Cloud console > APIs & Services > Credentials.",
    )
    assert replay.seen == []


def test_a_channel_without_public_videos_gives_its_subscribers(store, replay) -> None:
    serve_youtube(replay)
    missing = google_error(404, "playlistNotFound", "The playlist identified with the request's <code>playlistId"
                           "</code> parameter cannot be found.", "youtube.playlistItem")  # fmt: skip
    replay.on("/playlistItems", (404, {}, missing))
    add_youtube(store, replay)
    client = http()
    [result] = sync(store, http=client)
    assert (result.status, result.items_new, result.items_updated) == ("synced", 0, 1)
    assert counts(store) == (0, [(date(2026, 11, 21), 1530)], 0)
    assert client.requests == 2
