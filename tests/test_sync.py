"""Sources and sync against a local HTTP server replaying feeds: exact counts, and nothing changed by a failure."""

from __future__ import annotations

import io
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from impact.__main__ import main
from impact.store.connection import connect
from impact.store.ingest import undo_batch
from impact.store.orgs import organisation_id
from impact.sync.http import Http, check_url
from impact.sync.run import sync
from impact.sync.sources import add_source, remove_source, sources

ORG = "Pune Education Trust"

BLOG = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Pune Education Trust blog</title><link>https://pune.example.org</link>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>https://pune.example.org/{slug}</link><guid>post-{slug}</guid>
<pubDate>{date}</pubDate><description>&lt;p&gt;Read &lt;b&gt;more&lt;/b&gt;&lt;/p&gt;</description></item>"""
ALERTS = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:google.com,2005:reader/user/123/state/com.google/alerts/456</id>
<title>Google Alert - Pune Education Trust</title><updated>2026-11-20T10:00:00Z</updated>
<entry><id>tag:google.com,2013:googlealerts/feed:1</id><title type="html">&lt;b&gt;Pune Education Trust&lt;/b&gt; opens a library</title>
<link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://news.example.com/library&amp;ct=ga"/>
<published>2026-11-19T08:30:00Z</published><updated>2026-11-19T08:30:00Z</updated>
<content type="html">The &lt;b&gt;trust&lt;/b&gt; &amp;amp; its volunteers &lt;script&gt;alert(1)&lt;/script&gt;</content></entry>
<entry><id>tag:google.com,2013:googlealerts/feed:2</id><title type="html">Volunteers in Pune</title>
<link href="https://www.google.com/url?rct=j&amp;url=https://blog.example.net/pune&amp;ct=ga"/>
<published>2026-11-20T09:00:00Z</published><content type="html">A story</content></entry>
</feed>"""


def blog(*items: tuple[str, str, str]) -> bytes:
    return BLOG.format(items="\n".join(ITEM.format(title=t, slug=s, date=d) for t, s, d in items)).encode()


THREE = blog(
    ("Exam ready", "exam", "Mon, 09 Feb 2026 10:00:00 +0530"),
    ("Back to school", "school", "Mon, 25 May 2026 09:00:00 GMT"),
    ("Library day", "library", "Fri, 20 Nov 2026 18:30:00 +0000"),
)


class Replay:
    """A local server answering each path from a list of (status, headers, body); the last one repeats."""

    def __init__(self) -> None:
        self.routes: dict[str, list[tuple[int, dict[str, str], bytes | Callable[[], bytes]]]] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path.split("?")[0]
                replay.seen.append((self.path, dict(self.headers)))
                answers = replay.routes.get(path) or [(404, {}, b"not found")]
                status, headers, body = answers.pop(0) if len(answers) > 1 else answers[0]
                if status == 200 and headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
                    status, body = 304, b""
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if callable(body):
                    self.end_headers()
                    try:
                        body()(self.wfile)  # type: ignore[operator]
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def on(self, path: str, *answers: tuple[int, dict[str, str], bytes | Callable[[], bytes]]) -> str:
        self.routes[path] = list(answers)
        return self.url + path


@pytest.fixture
def replay() -> Iterator[Replay]:
    server = Replay()
    yield server
    server.server.shutdown()


@pytest.fixture
def store(sample_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    monkeypatch.setenv("IMPACT_KEY_FILE", str(tmp_path / "secret.key"))
    path = tmp_path / "sync.duckdb"
    shutil.copy(sample_store, path)
    con = connect(path)
    yield con
    con.close()


class Waits:
    def __init__(self) -> None:
        self.waited: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waited.append(seconds)


def http(waits: Waits | None = None, **options: object) -> Http:
    return Http(sleep=waits or Waits(), **options)  # type: ignore[arg-type]


def figures(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    """Every table but the sources' own bookkeeping, to compare before and after a failed pull."""
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()]
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables if t not in ("source",)}


def org(con: duckdb.DuckDBPyConnection) -> int:
    found = organisation_id(con, ORG)
    assert found is not None
    return found


def blog_posts(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "SELECT post_id, published_at, text, url, kind FROM post WHERE platform = 'blog' "
        "AND batch_id IN (SELECT id FROM import_batch WHERE source_name LIKE 'rss blog %') ORDER BY published_at"
    ).fetchall()  # the pulled feed's posts, not the demo's own blog


def test_a_blog_feed_syncs_its_posts_once_and_asks_with_its_etag(store, replay: Replay) -> None:
    url = replay.on("/feed.xml", (200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}, THREE))
    source = add_source(store, org(store), "rss", url, "blog")
    [result] = sync(store, http=http())
    assert result.as_json() == {
        "source": source.id, "kind": "rss", "status": "synced", "items_new": 3, "items_updated": 0, "rows_left_out": 0,
        "error": None,
    }  # fmt: skip
    from datetime import datetime

    assert blog_posts(store) == [
        ("post-exam", datetime(2026, 2, 9, 4, 30), "Exam ready", "https://pune.example.org/exam", "Blog post"),
        ("post-school", datetime(2026, 5, 25, 9, 0), "Back to school", "https://pune.example.org/school", "Blog post"),
        (
            "post-library",
            datetime(2026, 11, 20, 18, 30),
            "Library day",
            "https://pune.example.org/library",
            "Blog post",
        ),
    ]
    # The batch names the source and the pull.
    (name,) = store.execute("SELECT source_name FROM import_batch WHERE platform = 'blog' ORDER BY id DESC").fetchone()
    assert name.startswith(f"rss blog {url} (pulled ")
    # Again: the server answers 304 to the ETag, nothing is imported.
    before = figures(store)
    [again] = sync(store, http=http())
    assert (again.status, again.items_new) == ("unchanged", 0)
    assert replay.seen[-1][1].get("If-None-Match") == '"v1"'
    assert figures(store) == before
    assert sources(store)[0].last_status == "unchanged"


def test_a_feed_without_etag_is_unchanged_when_it_is_the_same_and_adds_only_new_entries(store, replay) -> None:
    url = replay.on(
        "/feed",
        (200, {}, THREE),
        (200, {}, THREE),
        (200, {}, blog(("Exam ready", "exam", "Mon, 09 Feb 2026 10:00:00 +0530"),
                       ("Winter camp", "camp", "Tue, 01 Dec 2026 07:00:00 +0000"))),
    )  # fmt: skip
    add_source(store, org(store), "rss", url, "blog")
    assert [r.items_new for r in sync(store, http=http())] == [3]
    [same] = sync(store, http=http())
    assert (same.status, same.items_new, same.items_updated) == ("unchanged", 0, 0)
    [newer] = sync(store, http=http())
    assert (newer.status, newer.items_new) == ("synced", 1)
    assert [row[0] for row in blog_posts(store)] == ["post-exam", "post-school", "post-library", "post-camp"]
    # Undo the last pull: its new entry goes, the earlier ones stay.
    (last,) = store.execute("SELECT max(id) FROM import_batch WHERE platform = 'blog'").fetchone()
    undo_batch(store, last)
    assert [row[0] for row in blog_posts(store)] == ["post-exam", "post-school", "post-library"]


def test_a_listening_feed_gives_mentions_with_their_targets_and_plain_text(store, replay) -> None:
    url = replay.on("/alerts", (200, {}, ALERTS.encode()))
    add_source(store, org(store), "rss", url, "mentions")
    [result] = sync(store, http=http())
    assert (result.status, result.items_new) == ("synced", 2)
    # The feed's two (feed:1, feed:2), not the demo's own Google Alerts (sample_data/*/google_alerts.xml).
    rows = store.execute(
        "SELECT mention_id, platform, url, title, text, keywords, published_at FROM mention"
        " WHERE mention_id LIKE '%/feed:_' ORDER BY published_at"
    ).fetchall()
    from datetime import datetime

    assert rows == [
        ("tag:google.com,2013:googlealerts/feed:1", "web", "https://news.example.com/library",
         "Pune Education Trust opens a library", "The trust & its volunteers alert(1)", "Pune Education Trust",
         datetime(2026, 11, 19, 8, 30)),
        ("tag:google.com,2013:googlealerts/feed:2", "web", "https://blog.example.net/pune", "Volunteers in Pune",
         "A story", "Pune Education Trust", datetime(2026, 11, 20, 9, 0)),
    ]  # fmt: skip
    assert store.execute(
        "SELECT DISTINCT a.handle FROM mention m JOIN account a ON a.id = m.account_id"
        " WHERE m.mention_id LIKE '%/feed:_'"
    ).fetchall() == [("Google Alert - Pune Education Trust",)]


def big() -> Callable[[object], None]:
    def write(out: object) -> None:
        chunk = b"<!-- padding -->" * 4096
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            out.write(chunk)  # type: ignore[attr-defined]

    return write


def slow() -> Callable[[object], None]:
    def write(out: object) -> None:
        out.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')  # type: ignore[attr-defined]
        for _ in range(40):
            time.sleep(0.05)
            out.write(b"<!-- -->")  # type: ignore[attr-defined]
            out.flush()  # type: ignore[attr-defined]

    return write


@pytest.mark.parametrize(
    ("answers", "error"),
    [
        ([(401, {}, b"")], "refused the request (401): the server needs a valid token"),
        ([(404, {}, b"")], "says there is no such feed or account (404)."),
        ([(500, {}, b"")], "failed (500) 4 times; try again later."),
        ([(200, {"Content-Type": "text/html"}, b"<!doctype html><html><body>Hello</body></html>")],
         "did not answer with an RSS or Atom feed (a web page, perhaps)."),
        ([(200, {}, b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cut')],
         "the feed cannot be read (it is not well-formed XML and holds no entries)."),
        ([(200, {}, b'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>')],
         "the feed holds no entries."),
        ([(200, {}, lambda: big())], "answered with more than 20 MB; refused."),
        ([(200, {"Content-Length": str(60 * 1024 * 1024)}, b"")], "answered with 63 MB; over 20 MB is refused."),
        ([(429, {"Retry-After": "3600"}, b"")], "asks to wait 60 minutes (rate limit); try again later."),
    ],
    ids=["401", "404", "500 four times", "html page", "malformed", "no entries", "50 MB", "lying length", "429 long"],
)  # fmt: skip
def test_a_failed_pull_says_why_and_changes_no_figure(store, replay, answers, error) -> None:
    url = replay.on("/feed", *answers)
    add_source(store, org(store), "rss", url, "blog")
    before = figures(store)
    [result] = sync(store, http=http())
    assert result.status == "failed" and result.error is not None
    assert error in result.error
    assert "?" not in result.error
    assert figures(store) == before
    assert (sources(store)[0].last_status, sources(store)[0].last_message) == ("failed", result.error)


def test_a_slow_server_is_cut_off(store, replay) -> None:
    url = replay.on("/feed", (200, {}, lambda: slow()))
    add_source(store, org(store), "rss", url, "blog")
    [result] = sync(store, http=http(deadline=0.5))
    assert result.error == f"{url} took over 0 s to answer; stopped." or result.error.endswith("to answer; stopped.")


def test_retries_wait_what_the_server_asks_then_succeed(store, replay) -> None:
    url = replay.on("/feed", (429, {"Retry-After": "7"}, b""), (503, {}, b""), (200, {}, THREE))
    add_source(store, org(store), "rss", url, "blog")
    waits = Waits()
    [result] = sync(store, http=http(waits))
    assert (result.status, result.items_new) == ("synced", 3)
    assert waits.waited == [7.0, 2.0]  # Retry-After, then the backoff of the second try


def test_no_network_is_a_sentence(store) -> None:
    add_source(store, org(store), "rss", "http://127.0.0.1:9/feed", "blog")  # port 9: nothing listens
    [result] = sync(store, http=http())
    assert result.error == "could not reach 127.0.0.1 (no network, or the server is down)."


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://example.org/feed",
            "http://example.org/feed is not https; plain http is allowed only for this machine",
        ),
        ("ftp://example.org/feed", "is not a web address"),
        ("https://user:pw@example.org/feed", "a web address with a user name or password in it is not taken"),
        ("javascript:alert(1)", "is not a web address"),
    ],
)
def test_only_https_or_this_machine(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        check_url(url)
    assert check_url("https://example.org/feed") == "https://example.org/feed"
    assert check_url("http://localhost:8000/x") == "http://localhost:8000/x"


def test_sources_check_what_they_are_given(store) -> None:
    pune = org(store)
    with pytest.raises(ValueError, match="an rss source is a blog"):
        add_source(store, pune, "rss", "https://example.org/feed")
    with pytest.raises(ValueError, match="is not a Mastodon account written user@server"):
        add_source(store, pune, "mastodon", "just-a-name")
    with pytest.raises(ValueError, match="the kind must be one of"):
        add_source(store, pune, "myspace", "x")
    made = add_source(store, pune, "mastodon", "@PuneTrust@Mastodon.Social")
    assert made.target == "PuneTrust@mastodon.social"
    with pytest.raises(ValueError, match="already has the source"):
        add_source(store, pune, "mastodon", "PuneTrust@mastodon.social")
    remove_source(store, made.id)
    assert sources(store) == []


def test_a_secret_is_kept_encrypted_and_shown_by_its_last_four_characters(store, monkeypatch) -> None:
    from impact.sync import sources as module
    from impact.sync.sources import secret_of

    monkeypatch.setitem(module.KINDS, "bluesky", ("the handle", None, True))  # as if it needed a token
    made = add_source(store, org(store), "bluesky", "pune.bsky.social", secret="tok-1234567890-abcd")
    assert made.secret_hint == "…abcd"
    assert "tok-1234567890" not in str(store.execute("SELECT * FROM source_secret").fetchall())
    assert "tok-1234567890" not in str(store.execute("SELECT * FROM source").fetchall())
    assert secret_of(store, made.id) == "tok-1234567890-abcd"


def test_the_commands(store, replay, tmp_path, monkeypatch, capsys) -> None:
    url = replay.on("/feed", (200, {}, THREE))
    db = store.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    store.close()

    def run(*args: str) -> tuple[int, str, str]:
        status = main([*args, "--db", db])
        out, err = capsys.readouterr()
        return status, out, err

    assert run("sources", "add", "--org", ORG, "--kind", "rss", "--url", url, "--as", "blog") == (
        0, f"Added source 1: rss (blog) {url}.\n", "",
    )  # fmt: skip
    assert run("sources", "add", "--org", "Nobody", "--kind", "rss", "--url", url, "--as", "blog")[2] == (
        "There is no organisation called 'Nobody'.\n"
    )
    status, out, _ = run("sync", "--json")
    assert (status, json.loads(out)) == (0, [
        {"source": 1, "kind": "rss", "status": "synced", "items_new": 3, "items_updated": 0, "rows_left_out": 0,
         "error": None}
    ])  # fmt: skip
    status, out, _ = run("sources", "list", "--json")
    assert [(s["id"], s["organisation"], s["kind"], s["role"], s["last_status"]) for s in json.loads(out)] == [
        (1, ORG, "rss", "blog", "synced")
    ]
    assert run("sources", "remove", "1") == (0, f"Removed source 1: rss (blog) {url}.\n", "")
    assert run("sources", "remove", "1")[2] == "There is no source 1.\n"
    channel = "UC" + "x" * 22
    status, out, err = run(
        "sources", "add", "--org", ORG, "--kind", "youtube", "--channel", channel, "--key", "AIzaKEY1234"
    )
    assert (status, out) == (0, f"Added source 2: youtube {channel}.\n")
    assert "command line can be seen by other users" in err and "AIzaKEY1234" not in out + err
    monkeypatch.setattr("sys.stdin", io.StringIO("EAABtoken9876\n"))
    status, out, err = run(
        "sources", "add", "--org", ORG, "--kind", "facebook", "--account", "1234567", "--secret-stdin"
    )
    assert (status, out, err) == (0, "Added source 3: facebook 1234567.\n", "")
    assert run("sources", "add", "--org", ORG, "--kind", "youtube", "--account", channel)[2] == (
        "A youtube source needs --channel.\n"
    )
    status, out, _ = run("sources", "list", "--json")
    assert [(s["kind"], s["secret"]) for s in json.loads(out)] == [("youtube", "…1234"), ("facebook", "…9876")]
    assert "AIzaKEY" not in out and "EAABtoken" not in out


def test_summary_counts_the_periods_mentions_and_their_feeds(store, replay) -> None:
    from datetime import date

    from impact.figures.summary import summary

    url = replay.on("/alerts", (200, {}, ALERTS.encode()))
    add_source(store, org(store), "rss", url, "mentions")
    sync(store, http=http())
    # 19 Nov 08:30 UTC and 20 Nov 09:00 UTC are 19 and 20 Nov in Kolkata. The demo's own Google Alert on Pune
    # (sample_data/pune-education-trust/google_alerts.xml, same feed title, so the same feed) adds 29: one on
    # 20 Nov, 26 from 1 Jan to 18 Nov (sample_data/README.md).
    [whole] = summary(store, ORG)
    assert whole["mentions"] == {"items": 31, "sources": 1}
    [one_day] = summary(store, ORG, date(2026, 11, 20), date(2026, 11, 20))
    assert one_day["mentions"] == {"items": 2, "sources": 1}
    [before] = summary(store, ORG, date(2026, 1, 1), date(2026, 11, 18))
    assert before["mentions"] == {"items": 26, "sources": 1}
