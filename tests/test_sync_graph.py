"""Facebook Page and Instagram sources against a local server replaying payloads shaped like Meta's docs.

Graph answers every insights metric on one path (/{id}/insights?metric=...), so the replay server here
picks its answer by the metric asked, and answers each retired metric as Graph does today: HTTP 400,
OAuthException #100. Exact counts of posts, daily figures and commenters; refused metrics recorded
and not asked again; failures are sentences that change no figure and never show the token. Nothing
here reaches the internet: every source's base URL is the local Replay server.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest
from test_sync import Replay, figures, http, org, replay, store

from connectors.synced import parse_utc
from impact.sync.run import sync
from impact.sync.sources import add_source, sources

__all__ = ["replay", "store"]  # test_sync's fixtures: a local replay server, a copy of the demo store

# UTC: the moment of every pull here; before the demo's own Meta exports (from 2025-12-01), so no day or
# post of theirs is touched, and in the past (an import refuses days after today). The demo organisation's
# zone is Asia/Kolkata (UTC+5:30); Pacific time, Meta's, left summer time on 2 November 2025.
NOW = datetime(2025, 11, 4, 12, 0)
PAGE_ID = "1234567890"
IG_ID = "17841400000000001"
TOKEN = "EAABsbCS1iHgBAKZCtest0token0never0shown"
RETIRED = frozenset({"page_impressions", "post_impressions", "page_fans", "page_impressions_unique", "post_impressions_unique",
           "impressions", "plays", "video_views"})  # fmt: skip


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The puller's "now" (the 90-day window, the 28 days of Page figures, the followers' day) is NOW."""
    monkeypatch.setattr("impact.sync.graph.utc_now", lambda: NOW)


def body(payload: object) -> bytes:
    return json.dumps(payload).encode()


def graph_error(code: int, message: str, kind: str = "OAuthException", **more: object) -> bytes:
    return body({"error": {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEfGh123", **more}})


INVALID_METRIC = graph_error(100, "(#100) The value must be a valid insights metric")


# Rows a pull brought, not the demo's own (Pune's interactions file names people on Facebook and Instagram).
PULLED = "batch_id IN (SELECT id FROM import_batch WHERE source_name LIKE '% (pulled %')"


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    return con.execute(sql).fetchall()


class Graph:
    """Graph's insights as the replay server answers them: by object and metric.

    Replay looks its routes up by path; this gives Replay a routes dict whose answer for an insights
    path depends on the metric asked (the query of the request being answered, the last one seen).
    """

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.refused: set[str] = set(RETIRED)
        self.values: dict[tuple[str, str], object] = {}  # (object id, metric) -> lifetime value, or daily list

        graph = self

        class Routes(dict):  # type: ignore[type-arg]
            def get(self, path: str, default: object = None) -> object:
                query = parse_qs(urlsplit(graph.replay.seen[-1][0]).query)
                if path.endswith("/insights") and "metric" in query:
                    return [graph.insights(path.split("/")[1], query["metric"][0])]
                return super().get(path, default)

        replay.routes = Routes(replay.routes)

    def insights(self, object_id: str, metric: str) -> tuple[int, dict[str, str], bytes]:
        if metric in self.refused:
            return 400, {}, INVALID_METRIC
        value = self.values.get((object_id, metric))
        if value is None:
            return 200, {}, body({"data": []})  # Graph's answer for a figure it has not got
        if isinstance(value, list):  # daily: (end_time, value) pairs
            values = [{"value": v, "end_time": end} for end, v in value]
            period = "day"
        else:
            values, period = [{"value": value}], "lifetime"
        item = {"name": metric, "period": period, "values": values, "title": metric, "description": "",
                "id": f"{object_id}/insights/{metric}/{period}"}  # fmt: skip
        return 200, {}, body({"data": [item], "paging": {"previous": "p", "next": "n"}})


def asked_metrics(replay: Replay) -> list[str]:
    return [parse_qs(urlsplit(path).query)["metric"][0] for path, _ in replay.seen if "/insights?" in path]


def test_graph_times_without_a_colon_in_the_offset_are_read() -> None:
    assert parse_utc("2026-11-20T18:30:00+0000") == datetime(2026, 11, 20, 18, 30)
    assert parse_utc("2026-11-20T18:30:00+0530") == datetime(2026, 11, 20, 13, 0)


# ------------------------------------------------------------------------------------------------
# Facebook: GET /{page}, /{page}/published_posts, /{post}/insights, /{page}/insights, /{post}/comments


def fb_post(n: int, created: str, status_type: str, reactions: int, comments: int, shares: int | None,
            message: str = "") -> dict:  # fmt: skip
    post = {
        "id": f"{PAGE_ID}_{n}",
        "created_time": created,
        "message": message or f"Post {n}",
        "permalink_url": f"https://www.facebook.com/{PAGE_ID}/posts/{n}",
        "status_type": status_type,
        "reactions": {"data": [], "summary": {"total_count": reactions, "viewer_reaction": "NONE"}},
        "comments": {"data": [], "summary": {"order": "ranked", "total_count": comments, "can_comment": True}},
    }
    if shares is not None:  # Graph leaves `shares` out of a post nobody shared
        post["shares"] = {"count": shares}
    return post


POSTS = [
    fb_post(9001, "2025-11-03T18:30:00+0000", "added_photos", 31, 3, 4, "Library day,\n  with photos"),
    fb_post(9002, "2025-10-30T06:00:00+0000", "shared_story", 5, 0, None),
    fb_post(9003, "2025-10-17T09:15:00+0000", "added_video", 12, 1, 1),
]
OLDER = [
    fb_post(9004, "2025-09-15T10:00:00+0000", "mobile_status_update", 2, 0, None),
    fb_post(9000, "2025-07-01T10:00:00+0000", "added_photos", 40, 0, 2),  # before the 90 days
]
PAGE = {"id": PAGE_ID, "name": "Pune Education Trust", "followers_count": 2150, "fan_count": 2100}
# The Page's daily figures end at midnight Pacific time (07:00 UTC in summer time, 08:00 after it ended
# on 2 November 2025): each is the day before's.
DAILY = {
    "page_media_view": [("2025-11-02T07:00:00+0000", 410), ("2025-11-03T08:00:00+0000", 388),
                        ("2025-11-04T08:00:00+0000", 502)],
    "page_total_media_view_unique": [("2025-11-02T07:00:00+0000", 300), ("2025-11-03T08:00:00+0000", 290),
                                     ("2025-11-04T08:00:00+0000", 350)],
}  # fmt: skip
LIFETIME = {  # post -> views, reach, clicks
    9001: (1520, 1210, 64),
    9002: (230, 200, 9),
    9003: (980, 700, 31),
    9004: (75, 60, 0),
}
NEXT_PAGE = f"/{PAGE_ID}/published_posts?access_token={TOKEN}&fields=id&limit=100&after=QVFIUjEx"


def serve_facebook(replay: Replay, next_url: str | None = None, refused: Iterable[str] | None = None) -> Graph:
    """A Page with 5 posts (2 pages), their insights, 3 days of Page insights, and the comments of 2 posts.

    `refused`: the metrics the server answers with error #100 (today's Graph: the retired ones).
    """
    graph = Graph(replay)
    graph.refused = set(RETIRED if refused is None else refused)
    for n, (views, reach, clicks) in LIFETIME.items():
        for metrics, value in (
            (("post_media_view", "post_impressions"), views),
            (("post_total_media_view_unique", "post_impressions_unique"), reach),
            (("post_clicks",), clicks),
        ):
            for metric in metrics:
                graph.values[(f"{PAGE_ID}_{n}", metric)] = value
    for metric, values in DAILY.items():
        graph.values[(PAGE_ID, metric)] = values
    graph.values[(PAGE_ID, "page_impressions_unique")] = DAILY["page_total_media_view_unique"]
    replay.on(f"/{PAGE_ID}", (200, {}, body(PAGE)))
    after = {"cursors": {"before": "QVFIUjAw", "after": "QVFIUjEx"}}
    first = {"data": POSTS, "paging": {**after, "next": next_url or replay.url + NEXT_PAGE}}
    replay.on(f"/{PAGE_ID}/published_posts", (200, {}, body(first)),
              (200, {}, body({"data": OLDER, "paging": {"cursors": {"before": "QVFIUjIy", "after": "QVFIUjMz"}}})))  # fmt: skip
    asha = {"id": "5550001", "name": "Asha Patil"}
    comments_9001 = [
        {"id": "9001_1", "from": asha, "created_time": "2025-11-03T19:00:00+0000", "message": "Lovely"},
        {"id": "9001_2", "from": {"id": PAGE_ID, "name": "Pune Education Trust"}, "created_time": "2025-11-03T19:05:00+0000"},
        {"id": "9001_3", "created_time": "2025-11-03T19:10:00+0000"},  # `from` hidden by the person's privacy
        {"id": "9001_4", "from": asha, "created_time": "2025-11-03T20:00:00+0000", "message": "Again"},
    ]  # fmt: skip
    replay.on(f"/{PAGE_ID}_9001/comments", (200, {}, body({"data": comments_9001, "paging": after})))
    comments_9003 = [
        {"id": "9003_1", "from": {"id": "5550002", "name": "Ravi K"}, "created_time": "2025-10-17T10:00:00+0000"}
    ]
    replay.on(f"/{PAGE_ID}_9003/comments", (200, {}, body({"data": comments_9003})))
    return graph


def add_facebook(con: duckdb.DuckDBPyConnection, replay: Replay) -> None:
    add_source(con, org(con), "facebook", PAGE_ID, base_url=replay.url, secret=TOKEN)


SYNCED_POSTS = "('9000', '9001', '9002', '9003', '9004')"


def fb_posts(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return rows(con, f"SELECT post_id, published_at, kind, text, url, likes, comments, shares, engagements, "
                     f"impressions, reach, clicks FROM post WHERE platform = 'facebook' AND post_id IN {SYNCED_POSTS} "
                     "ORDER BY published_at DESC")  # fmt: skip


def fb_days(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return rows(con, "SELECT d.day, a.handle, d.followers, d.impressions, d.reach FROM account_day d "
                     "JOIN account a ON a.id = d.account_id WHERE d.platform = 'facebook' AND d.day < '2025-12-01' "
                     "ORDER BY d.day")  # fmt: skip


def test_facebook_posts_their_insights_the_pages_days_and_who_commented(store, replay) -> None:
    serve_facebook(replay)
    add_facebook(store, replay)
    client = http()
    [result] = sync(store, http=client)

    # 4 posts (the 5th is older than 90 days), 3 days of views and reach and today's followers, 2 commenters.
    assert (result.error, result.status, result.items_new, result.items_updated) == (None, "synced", 4 + 4 + 2, 0)
    # 1 Page, 2 pages of posts, 3 metrics for each of 4 posts, 2 daily metrics, 2 posts' comments.
    assert client.requests == 1 + 2 + 12 + 2 + 2
    paths = [path for path, _ in replay.seen]
    assert paths[0] == f"/{PAGE_ID}?fields=id%2Cname%2Cfollowers_count%2Cfan_count"
    assert paths[1].startswith(f"/{PAGE_ID}/published_posts?fields=id%2Ccreated_time%2Cmessage")
    assert paths[2] == NEXT_PAGE.replace(f"access_token={TOKEN}&", "")  # paging.next, without the token it carries
    # The token goes in a header, never in the address (logs and proxies write addresses down).
    assert {headers.get("Authorization") for _, headers in replay.seen} == {f"Bearer {TOKEN}"}
    assert f"/{PAGE_ID}/insights?metric=page_media_view&period=day&since=1759838400&until=1762257600" in paths
    # Today's names only: no retired metric asked, none refused.
    assert sorted(set(asked_metrics(replay))) == ["page_media_view", "page_total_media_view_unique", "post_clicks",
                                                  "post_media_view", "post_total_media_view_unique"]  # fmt: skip
    assert sources(store)[0].refused_metrics == ()

    # Post ids without the Page's, times in Asia/Kolkata (UTC+5:30), shares left out = 0.
    assert fb_posts(store) == [
        ("9001", datetime(2025, 11, 4, 0, 0), "Photos", "Library day, with photos",
         f"https://www.facebook.com/{PAGE_ID}/posts/9001", 31, 3, 4, 38, 1520, 1210, 64),
        ("9002", datetime(2025, 10, 30, 11, 30), "Links", "Post 9002",
         f"https://www.facebook.com/{PAGE_ID}/posts/9002", 5, 0, 0, 5, 230, 200, 9),
        ("9003", datetime(2025, 10, 17, 14, 45), "Videos", "Post 9003",
         f"https://www.facebook.com/{PAGE_ID}/posts/9003", 12, 1, 1, 14, 980, 700, 31),
        ("9004", datetime(2025, 9, 15, 15, 30), "Status", "Post 9004",
         f"https://www.facebook.com/{PAGE_ID}/posts/9004", 2, 0, 0, 2, 75, 60, 0),
    ]  # fmt: skip
    # end_time 2025-11-02T07:00 UTC is midnight starting 2 November in Pacific (summer) time, the value is
    # the 1st's; 2025-11-03T08:00 UTC is midnight starting the 3rd there (winter time): the 2nd's.
    assert fb_days(store) == [
        (date(2025, 11, 1), "", None, 410, 300),
        (date(2025, 11, 2), "", None, 388, 290),
        (date(2025, 11, 3), "", None, 502, 350),
        (date(2025, 11, 4), "", 2150, None, None),
    ]
    # Asha commented twice on 9001 (one interaction, the first time); the Page's own reply and a hidden person are not people.
    assert rows(store, "SELECT interaction_id, post_id, person_handle, person_name, kind, occurred_at FROM interaction "
                       f"WHERE platform = 'facebook' AND {PULLED} ORDER BY interaction_id") == [
        ("9001:comment:5550001", "9001", "5550001", "Asha Patil", "comment", datetime(2025, 11, 4, 0, 30)),
        ("9003:comment:5550002", "9003", "5550002", "Ravi K", "comment", datetime(2025, 10, 17, 15, 30)),
    ]  # fmt: skip
    assert sources(store)[0].state == {
        "newest": "2025-11-03T18:30:00Z",
        "comments": {"9001": 3, "9002": 0, "9003": 1, "9004": 0},
    }


def test_a_pulled_day_and_the_same_day_from_metas_insights_file_are_one_row(store, replay, tmp_path) -> None:
    """Meta's page-level insights files name no Page: the pull's days land on the same unnamed account."""
    from test_sync import ORG

    from impact.store.ingest import import_paths

    views = tmp_path / "Views.csv"
    views.write_bytes('sep=,\n"Facebook views"\n"Date","Primary"\n"2025-11-01T00:00:00","400"\n'
                      '"2025-11-02T00:00:00","380"\n'.encode("utf-16"))  # fmt: skip
    [imported] = import_paths(store, [views], ORG)
    assert (imported.status, imported.rows_new) == ("imported", 2)
    serve_facebook(replay)
    add_facebook(store, replay)
    [result] = sync(store, http=http())
    # The file's two days are updated by the pull (newer), the 3rd and 4th are new.
    assert (result.status, result.items_new, result.items_updated) == ("synced", 4 + 2 + 2, 2)
    assert [row[:4] for row in fb_days(store)] == [
        (date(2025, 11, 1), "", None, 410), (date(2025, 11, 2), "", None, 388),
        (date(2025, 11, 3), "", None, 502), (date(2025, 11, 4), "", 2150, None),
    ]  # fmt: skip


def test_facebook_again_adds_nothing_and_asks_no_comments(store, replay) -> None:
    serve_facebook(replay)
    add_facebook(store, replay)
    sync(store, http=http())
    before = figures(store)

    serve_facebook(replay)
    replay.seen.clear()
    client = http()
    [again] = sync(store, http=client)
    assert (again.status, again.items_new, again.items_updated, again.error) == ("unchanged", 0, 0, None)
    assert client.requests == 1 + 2 + 12 + 2  # no comment count changed: no commenters asked
    assert not [path for path, _ in replay.seen if "/comments" in path]
    assert figures(store) == before


def test_a_metric_graph_refuses_is_recorded_the_other_one_used_and_not_asked_again(store, replay) -> None:
    """A Graph (an older version) without the second wave's names: their older names answer instead."""
    older = RETIRED - {"post_impressions_unique", "page_impressions_unique"}
    serve_facebook(replay, refused=older | {"post_total_media_view_unique", "page_total_media_view_unique"})
    add_facebook(store, replay)
    [result] = sync(store, http=http())
    assert (result.status, result.items_new, result.error) == ("synced", 4 + 4 + 2, None)
    assert sources(store)[0].refused_metrics == ("page_total_media_view_unique", "post_total_media_view_unique")
    # Each refused once in the pull: the first post's reach asked it, the others asked the older name at once.
    asked = asked_metrics(replay)
    assert asked.count("post_total_media_view_unique") == 1
    assert asked.count("post_impressions_unique") == 4
    assert asked.count("post_impressions") == 0  # views answered with today's name
    assert [row[10] for row in fb_posts(store)] == [1210, 200, 700, 60]
    assert [row[4] for row in fb_days(store)] == [300, 290, 350, None]

    # The next pull does not ask them at all.
    serve_facebook(replay, refused=older | {"post_total_media_view_unique", "page_total_media_view_unique"})
    replay.seen.clear()
    [again] = sync(store, http=http())
    assert (again.status, again.error) == ("unchanged", None)
    assert not {"post_total_media_view_unique", "page_total_media_view_unique"} & set(asked_metrics(replay))
    assert sources(store)[0].refused_metrics == ("page_total_media_view_unique", "post_total_media_view_unique")


def test_a_figure_whose_every_metric_is_refused_is_empty_and_the_pull_succeeds(store, replay) -> None:
    serve_facebook(replay, refused=RETIRED | {"post_media_view", "page_media_view"})
    add_facebook(store, replay)
    [result] = sync(store, http=http())
    assert (result.status, result.items_new, result.error) == ("synced", 4 + 4 + 2, None)
    assert sources(store)[0].refused_metrics == ("page_impressions", "page_media_view", "post_impressions",
                                                 "post_media_view")  # fmt: skip
    # Views empty (NULL, not 0); reach and clicks as Graph gave them.
    assert [(row[9], row[10], row[11]) for row in fb_posts(store)] == [(None, 1210, 64), (None, 200, 9),
                                                                      (None, 700, 31), (None, 60, 0)]  # fmt: skip
    assert [(row[3], row[4]) for row in fb_days(store)] == [(None, 300), (None, 290), (None, 350), (None, None)]
    # Each asked once in the pull, never again.
    asked = asked_metrics(replay)
    assert [asked.count(m) for m in ("post_media_view", "post_impressions", "page_media_view", "page_impressions")] == [1, 1, 1, 1]  # fmt: skip


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (graph_error(190, f"Error validating access token: Session has expired on Tuesday, 19-Jan-27 04:00:00 PST. "
                          f"The current time is Wednesday, 20-Jan-27 04:00:00 PST. ({TOKEN})", error_subcode=463),
         "Facebook refused the token (expired or revoked, #190): make a new Page token and add the source again."),
        (graph_error(10, "(#10) This endpoint requires the 'read_insights' permission"),
         "Facebook refused for want of a permission (#10): the token needs read_insights, pages_read_engagement "
         "and pages_show_list; make a new token with them and add the source again."),
        (graph_error(200, "(#200) Requires pages_read_engagement permission to manage the object"),
         "Facebook refused for want of a permission (#200): the token needs read_insights, pages_read_engagement "
         "and pages_show_list; make a new token with them and add the source again."),
        (graph_error(4, "(#4) Application request limit reached"),
         "Facebook's limit of requests is reached (#4); try again later (in an hour or so)."),
        (graph_error(80001, "There have been too many calls to this Page account. Wait a bit and try again."),
         "Facebook's limit of requests is reached (#80001); try again later (in an hour or so)."),
        (graph_error(803, f"(#803) Some of the aliases you requested do not exist: {TOKEN}\n  and   more " + "x" * 300),
         "Facebook answered error #803: Some of the aliases you requested do not exist: … and more " + "x" * 141),
    ],
    ids=["expired token", "permission 10", "permission 200", "rate limit", "page rate limit", "another error"],
)  # fmt: skip
def test_graph_errors_are_sentences_that_change_nothing_and_never_show_the_token(
    store, replay, error, sentence
) -> None:
    serve_facebook(replay)
    replay.on(f"/{PAGE_ID}", (400, {"WWW-Authenticate": 'OAuth "Facebook Platform" "invalid_token"'}, error))
    add_facebook(store, replay)
    before = figures(store)
    [result] = sync(store, http=http())
    assert (result.status, result.error) == ("failed", sentence)
    assert figures(store) == before
    source = sources(store)[0]
    assert (source.last_status, source.last_message, source.state) == ("failed", sentence, {})
    assert TOKEN not in sentence and "EAAB" not in sentence


def test_an_error_later_in_the_pull_also_changes_nothing(store, replay) -> None:
    serve_facebook(replay)
    replay.on(f"/{PAGE_ID}_9003/comments", (403, {}, graph_error(190, "Error validating access token")))
    add_facebook(store, replay)
    before = figures(store)
    [result] = sync(store, http=http())
    assert (
        result.status == "failed" and result.error is not None and result.error.startswith("Facebook refused the token")
    )
    assert figures(store) == before
    assert sources(store)[0].refused_metrics == ()


def test_a_next_page_on_another_server_is_asked_here_with_its_cursor(store, replay) -> None:
    """The token goes with every request: a paging.next elsewhere is not followed; its cursor is asked here."""
    elsewhere = replay.url.replace("127.0.0.1", "localhost") + f"/{PAGE_ID}/published_posts?after=QVFIUjEx"
    serve_facebook(replay, next_url=elsewhere)
    add_facebook(store, replay)
    [result] = sync(store, http=http())
    assert (result.status, result.items_new) == ("synced", 4 + 4 + 2)
    posts = [path for path, headers in replay.seen if "/published_posts" in path]
    assert len(posts) == 2 and posts[1].endswith("&limit=100&after=QVFIUjEx")
    assert {headers.get("Host") for _, headers in replay.seen} == {replay.url.removeprefix("http://")}


def test_only_the_newest_posts_insights_are_asked(store, replay, monkeypatch) -> None:
    monkeypatch.setattr("impact.sync.graph.MAX_INSIGHT_POSTS", 2)
    serve_facebook(replay)
    add_facebook(store, replay)
    client = http()
    [result] = sync(store, http=client)
    assert (result.status, result.items_new) == ("synced", 4 + 4 + 2)
    assert client.requests == 1 + 2 + 6 + 2 + 2
    assert [(row[9], row[10], row[11]) for row in fb_posts(store)] == [(1520, 1210, 64), (230, 200, 9),
                                                                      (None, None, None), (None, None, None)]  # fmt: skip


def test_a_new_comment_asks_that_posts_commenters_again(store, replay) -> None:
    serve_facebook(replay)
    add_facebook(store, replay)
    sync(store, http=http())

    serve_facebook(replay)
    POSTS_MORE = [dict(p) for p in POSTS]  # noqa: N806
    POSTS_MORE[1] = fb_post(9002, "2025-10-30T06:00:00+0000", "shared_story", 5, 1, None)
    replay.on(f"/{PAGE_ID}/published_posts", (200, {}, body({"data": POSTS_MORE + OLDER})))
    meera = {"id": "9002_1", "from": {"id": "5550003", "name": "Meera"}, "created_time": "2025-11-04T02:00:00+0000"}
    replay.on(f"/{PAGE_ID}_9002/comments", (200, {}, body({"data": [meera]})))
    replay.seen.clear()
    [changed] = sync(store, http=http())
    # One new commenter; post 9002 updated (1 comment).
    assert (changed.status, changed.items_new, changed.items_updated) == ("synced", 1, 1)
    assert [path.split("?")[0] for path, _ in replay.seen if "/comments" in path] == [f"/{PAGE_ID}_9002/comments"]
    assert rows(store, "SELECT person_name, occurred_at FROM interaction WHERE post_id = '9002'") == [
        ("Meera", datetime(2025, 11, 4, 7, 30))
    ]


# ------------------------------------------------------------------------------------------------
# Instagram: GET /{ig-user}, /{ig-user}/media, /{media}/insights, /{media}/comments


def media(n: int, timestamp: str, product: str, kind: str, likes: int | None, comments: int) -> dict:
    item = {
        "id": f"1790000000000000{n}",
        "caption": f"Caption {n} #reading",
        "media_type": kind,
        "media_product_type": product,
        "timestamp": timestamp,
        "permalink": f"https://www.instagram.com/p/Pune{n}/",
        "comments_count": comments,
    }
    if likes is not None:  # left out when the owner hides like counts
        item["like_count"] = likes
    return item


MEDIA = [
    media(1, "2025-11-02T13:00:00+0000", "REELS", "VIDEO", 120, 2),
    media(2, "2025-10-25T04:00:00+0000", "FEED", "CAROUSEL_ALBUM", None, 0),
    media(3, "2025-10-08T10:45:00+0000", "FEED", "IMAGE", 15, 1),
    media(4, "2025-07-01T10:00:00+0000", "FEED", "IMAGE", 90, 0),  # before the 90 days
]
IG_FIGURES = {  # media -> views, reach, saved, shares (None: Instagram answers an empty data list)
    1: (2400, 1800, 10, 7),
    2: (800, 600, 4, 1),
    3: (None, 300, 0, 0),
}


def serve_instagram(replay: Replay) -> Graph:
    graph = Graph(replay)
    for n, figures_of in IG_FIGURES.items():
        for metric, value in zip(("views", "reach", "saved", "shares"), figures_of, strict=True):
            graph.values[(f"1790000000000000{n}", metric)] = value
    profile = {"id": IG_ID, "username": "puneeducationtrust", "followers_count": 980, "media_count": 312}
    replay.on(f"/{IG_ID}", (200, {}, body(profile)))
    replay.on(f"/{IG_ID}/media", (200, {}, body({"data": MEDIA, "paging": {"cursors": {"before": "a", "after": "b"},
                                                                          "next": f"{replay.url}/{IG_ID}/media?after=b"}})))  # fmt: skip
    first = [
        {"id": "c1", "username": "asha.reads", "timestamp": "2025-11-02T14:00:00+0000"},
        {"id": "c2", "username": "puneeducationtrust", "timestamp": "2025-11-02T14:10:00+0000"},  # the account's reply
        {"id": "c3", "username": "ravi_k", "timestamp": "2025-11-03T01:00:00+0000"},
    ]
    replay.on("/17900000000000001/comments", (200, {}, body({"data": first})))
    third = [{"id": "c4", "username": "asha.reads", "timestamp": "2025-10-08T11:00:00+0000"}]
    replay.on("/17900000000000003/comments", (200, {}, body({"data": third})))
    return graph


def test_instagram_media_their_insights_followers_and_who_commented(store, replay) -> None:
    serve_instagram(replay)
    add_source(store, org(store), "instagram", IG_ID, base_url=replay.url, secret=TOKEN)
    client = http()
    [result] = sync(store, http=client)

    assert (result.status, result.items_new, result.items_updated, result.error) == ("synced", 3 + 1 + 3, 0, None)
    # 1 account, 1 page of media (its 4th is older than 90 days: no next page), 4 metrics for 3 media, 2 comments.
    assert client.requests == 1 + 1 + 12 + 2
    assert sorted(set(asked_metrics(replay))) == ["reach", "saved", "shares", "views"]
    assert sources(store)[0].refused_metrics == ()
    assert rows(store, "SELECT post_id, published_at, kind, text, url, likes, comments, shares, saves, impressions, "
                       "reach, engagements FROM post WHERE platform = 'instagram' AND post_id LIKE '179000000000000%' "
                       "ORDER BY published_at DESC") == [
        ("17900000000000001", datetime(2025, 11, 2, 18, 30), "IG reel", "Caption 1 #reading",
         "https://www.instagram.com/p/Pune1/", 120, 2, 7, 10, 2400, 1800, 139),
        # Likes hidden by the owner: unknown (NULL), not 0.
        ("17900000000000002", datetime(2025, 10, 25, 9, 30), "IG carousel", "Caption 2 #reading",
         "https://www.instagram.com/p/Pune2/", None, 0, 1, 4, 800, 600, 5),
        # No views data (an empty list): NULL.
        ("17900000000000003", datetime(2025, 10, 8, 16, 15), "IG image", "Caption 3 #reading",
         "https://www.instagram.com/p/Pune3/", 15, 1, 0, 0, None, 300, 16),
    ]  # fmt: skip
    assert rows(store, "SELECT d.day, a.handle, d.followers FROM account_day d JOIN account a ON a.id = d.account_id "
                       "WHERE d.platform = 'instagram'") == [
        (date(2025, 11, 4), "", 980)
    ]  # fmt: skip
    assert rows(store, "SELECT interaction_id, person_handle, person_name, kind, occurred_at FROM interaction "
                       f"WHERE platform = 'instagram' AND {PULLED} ORDER BY interaction_id") == [
        ("17900000000000001:comment:asha.reads", "asha.reads", "asha.reads", "comment", datetime(2025, 11, 2, 19, 30)),
        ("17900000000000001:comment:ravi_k", "ravi_k", "ravi_k", "comment", datetime(2025, 11, 3, 6, 30)),
        ("17900000000000003:comment:asha.reads", "asha.reads", "asha.reads", "comment", datetime(2025, 10, 8, 16, 30)),
    ]  # fmt: skip

    # Again: nothing new, no commenters asked.
    before = figures(store)
    serve_instagram(replay)
    client = http()
    [again] = sync(store, http=client)
    assert (again.status, again.items_new, again.items_updated) == ("unchanged", 0, 0)
    assert client.requests == 1 + 1 + 12
    assert figures(store) == before


def test_an_instagram_token_without_permission_says_which_it_needs(store, replay) -> None:
    serve_instagram(replay)
    replay.on(
        f"/{IG_ID}/media", (403, {}, graph_error(10, "(#10) Application does not have permission for this action"))
    )
    add_source(store, org(store), "instagram", IG_ID, base_url=replay.url, secret=TOKEN)
    before = figures(store)
    [result] = sync(store, http=http())
    assert (result.status, result.error) == (
        "failed",
        "Facebook refused for want of a permission (#10): the token needs instagram_basic and "
        "instagram_manage_insights (with pages_show_list and pages_read_engagement for the Facebook Page linked "
        "to the account); make a new token with them and add the source again.",
    )
    assert figures(store) == before


def test_instagram_media_made_before_the_business_account_has_no_insights_and_no_refusal(store, replay) -> None:
    graph = serve_instagram(replay)
    error = graph_error(100, "(#100) Media Posted Before Business Account Conversion", error_subcode=2108006)
    answer = graph.insights

    def insights(object_id: str, metric: str) -> tuple[int, dict[str, str], bytes]:
        return (400, {}, error) if object_id == "17900000000000003" else answer(object_id, metric)

    graph.insights = insights  # type: ignore[method-assign]
    add_source(store, org(store), "instagram", IG_ID, base_url=replay.url, secret=TOKEN)
    [result] = sync(store, http=http())
    assert (result.status, result.error) == ("synced", None)
    assert sources(store)[0].refused_metrics == ()
    assert rows(store, "SELECT post_id, impressions, reach, saves, shares FROM post WHERE platform = 'instagram' "
                       "AND post_id LIKE '179000000000000%' ORDER BY post_id") == [
        ("17900000000000001", 2400, 1800, 10, 7),
        ("17900000000000002", 800, 600, 4, 1),
        ("17900000000000003", None, None, None, None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "subcode", "message", "refused"),
    [
        (100, None, "The value must be a valid insights metric", True),
        (100, 33, "The value must be a valid insights metric", True),  # a subcode does not hide a retired metric
        (100, 2108006, "Media Posted Before Business Account Conversion", False),
        (100, None, "The Media does not support the views metric", False),
        (190, None, "Error validating access token", False),
    ],
)
def test_which_graph_errors_refuse_a_metric(code, subcode, message, refused) -> None:
    from impact.sync.graph import GraphError

    assert GraphError("", code, subcode, message).refused_metric is refused
