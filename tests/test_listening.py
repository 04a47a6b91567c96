"""Listening and Sources: exact figures from two small Google Alerts feeds, and both pages (AppTest).

The store holds one organisation, Lake Volunteers (Asia/Kolkata, UTC+5:30, website www.lakevolunteers.org),
and two listening feeds imported as files: tests/fixtures/feeds/google_alerts.xml (2 mentions) and the
feed below (7 mentions, one without a date). Counted by hand over 1 – 30 Nov 2026, in Kolkata's days:

    id   published (UTC)     local day (IST)    week (Monday)   link                                   on the site
    m1   19 Nov 08:30        19 Nov             16 Nov          news.example.com/library               no
    m2   20 Nov 09:00        20 Nov             16 Nov          blog.example.net/pune                  no
    a1   22 Nov 19:00        23 Nov 00:30       23 Nov          www.lakevolunteers.org/news/clean-up   yes (www)
    a2   24 Nov 10:00        24 Nov             23 Nov          events.lakevolunteers.org/drive        yes (subdomain)
    a3   25 Nov 12:00        25 Nov             23 Nov          lakevolunteers.org.example.com/x       no (lookalike)
    a4   30 Nov 18:29        30 Nov 23:59       30 Nov          notlakevolunteers.org/y                no (lookalike)
    a5   30 Nov 18:31        1 Dec 00:01        -               www.lakevolunteers.org/z               outside the period
    a6   31 Oct 18:45        1 Nov 00:15        26 Oct          lakevolunteers.org/about (via Google)  yes
    a7   no date             -                  -               -                                      in no period

In the period: 7 mentions (m1 m2 a1 a2 a3 a4 a6) from 2 feeds, 3 of them on the site (a1 a2 a6): 3/7 = 43 %.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_roles_edit_pages import blocks, editor, viewer
from test_served_mode import pages_of
from test_sync import ALERTS, Replay, replay

from impact.figures.listening import TEXT_CHARS, links_to, listening_screen
from impact.store.connection import open_store
from impact.store.ingest import import_paths
from impact.store.orgs import ensure_organisation
from impact.sync.sources import add_source, sources
from pages.ui import gate, plain

__all__ = ["replay"]  # a fixture shared with test_sync.py

APP = str(Path(__file__).resolve().parent.parent / "app.py")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ORG = "Lake Volunteers"
PERIOD = (date(2026, 11, 1), date(2026, 11, 30))
LAKE = "Google Alert - Lake Volunteers"
PUNE = "Google Alert - Pune Education Trust"
LONG = "word " * 100  # 500 characters: cut to a preview
HOSTILE = "**Lake** [volunteers](javascript:alert(1)) <b>bold</b> $x^2$"  # a title is HTML: tags go, text stays
SHOWN = "**Lake** [volunteers](javascript:alert(1)) bold $x^2$"

ENTRY = """<entry><id>tag:google.com,2013:googlealerts/feed:{id}</id><title type="html">{title}</title>
<link href="{link}"/>{published}<content type="html">{text}</content></entry>"""


def entry(id: str, published: str | None, link: str, title: str | None = None, text: str = "A story") -> str:
    when = f"<published>{published}</published><updated>{published}</updated>" if published else ""
    escaped = (title or f"Mention {id}").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return ENTRY.format(id=id, title=escaped, link=link.replace("&", "&amp;"), published=when, text=text)


LAKE_FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:google.com,2005:reader/user/123/state/com.google/alerts/789</id>
<title>Google Alert - Lake Volunteers</title><updated>2026-12-01T10:00:00Z</updated>
{entry("a1", "2026-11-22T19:00:00Z", "https://www.lakevolunteers.org/news/clean-up", text=LONG)}
{entry("a2", "2026-11-24T10:00:00Z", "https://events.lakevolunteers.org/drive", title=HOSTILE)}
{entry("a3", "2026-11-25T12:00:00Z", "https://lakevolunteers.org.example.com/x")}
{entry("a4", "2026-11-30T18:29:00Z", "https://notlakevolunteers.org/y")}
{entry("a5", "2026-11-30T18:31:00Z", "https://www.lakevolunteers.org/z")}
{entry("a6", "2026-10-31T18:45:00Z", "https://www.google.com/url?rct=j&url=https://lakevolunteers.org/about&ct=ga")}
{entry("a7", None, "https://www.lakevolunteers.org/undated")}
</feed>"""


@pytest.fixture
def store(tmp_path: Path, migrated_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The two feeds imported as files for Lake Volunteers; the app under test opens this store."""
    path = tmp_path / "listening.duckdb"
    shutil.copy(migrated_store, path)
    feed = tmp_path / "lake_alerts.xml"
    feed.write_text(LAKE_FEED, encoding="utf-8")
    with open_store(path) as con:
        ensure_organisation(con, ORG, base_url="https://www.lakevolunteers.org", timezone="Asia/Kolkata")
        results = import_paths(con, [FIXTURES / "feeds" / "google_alerts.xml", feed], ORG)
    assert [(r.status, r.rows_new) for r in results] == [("imported", 2), ("imported", 7)]
    monkeypatch.setenv("IMPACT_DB", str(path))
    monkeypatch.setenv("IMPACT_KEY_FILE", str(tmp_path / "secret.key"))
    return path


@pytest.fixture
def org_id(store: Path) -> int:
    with open_store(store) as con:
        return ensure_organisation(con, ORG)


def rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    return [tuple(r) for r in frame.itertuples(index=False)]


def test_the_periods_mentions_per_week_by_feed_and_by_keywords(store: Path, org_id: int) -> None:
    with open_store(store) as con:
        screen = listening_screen(con, org_id, *PERIOD)
    assert (screen.mentions, screen.sources, screen.ever) == (7, 2, 9)
    # a1 is Sunday 22 Nov in UTC, Monday 23 Nov in Kolkata: it counts in the week of the 23rd.
    assert rows(screen.weekly_by_source) == [
        (pd.Timestamp("2026-10-26"), LAKE, 1),
        (pd.Timestamp("2026-11-16"), PUNE, 2),
        (pd.Timestamp("2026-11-23"), LAKE, 3),
        (pd.Timestamp("2026-11-30"), LAKE, 1),
    ]
    assert rows(screen.by_keyword) == [("Lake Volunteers", 5), ("Pune Education Trust", 2)]
    assert rows(screen.by_source) == [(LAKE, 5), (PUNE, 2)]


def test_the_latest_mentions_newest_first_in_local_time_with_a_preview(store: Path, org_id: int) -> None:
    with open_store(store) as con:
        latest = listening_screen(con, org_id, *PERIOD).latest
    assert list(latest.columns) == ["published", "source", "title", "url", "text", "author"]
    assert list(latest["url"]) == [
        "https://notlakevolunteers.org/y",
        "https://lakevolunteers.org.example.com/x",
        "https://events.lakevolunteers.org/drive",
        "https://www.lakevolunteers.org/news/clean-up",
        "https://blog.example.net/pune",
        "https://news.example.com/library",
        "https://lakevolunteers.org/about",  # the Google redirect unwrapped
    ]
    assert list(latest["published"])[:2] == [datetime(2026, 11, 30, 23, 59), datetime(2026, 11, 25, 17, 30)]
    assert latest["title"][2] == SHOWN  # kept as written: the page shows it as plain text
    preview = latest["text"][3]
    assert len(preview) <= TEXT_CHARS + 2 and preview.endswith(" …") and preview.startswith("word word")


def test_the_share_of_mentions_linking_to_the_base_platform(store: Path, org_id: int) -> None:
    with open_store(store) as con:
        screen = listening_screen(con, org_id, *PERIOD)
        assert (screen.base_host, screen.linking, screen.linking_share) == ("lakevolunteers.org", 3, 3 / 7)
        con.execute("UPDATE organisation SET base_url = NULL WHERE id = ?", [org_id])
        without = listening_screen(con, org_id, *PERIOD)
        assert (without.base_host, without.linking, without.linking_share) == (None, None, None)
        # A period without a mention: no share, not 0 %.
        con.execute("UPDATE organisation SET base_url = 'lakevolunteers.org' WHERE id = ?", [org_id])
        empty = listening_screen(con, org_id, date(2026, 6, 1), date(2026, 6, 30))
        assert (empty.mentions, empty.linking, empty.linking_share, empty.ever) == (0, 0, None, 9)
        assert empty.weekly_by_source.empty and empty.latest.empty and empty.by_keyword.empty


def test_a_listening_only_organisation_has_a_period_on_its_mentions_local_days(store: Path, org_id: int) -> None:
    from impact.figures.overview import data_range

    # The first mention is 2026-10-31 18:45 UTC, 00:15 on 1 November in Kolkata; the last 18:31 UTC on
    # 30 November, 00:01 on 1 December. The undated one has no day.
    with open_store(store) as con:
        assert data_range(con, org_id) == (date(2026, 11, 1), date(2026, 12, 1))


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://lakevolunteers.org", True),
        ("https://WWW.LakeVolunteers.org/a?b=c", True),
        ("http://user@events.lakevolunteers.org:8080/x", True),
        ("https://lakevolunteers.org.example.com/", False),
        ("https://notlakevolunteers.org/", False),
        ("https://example.com/?next=https://lakevolunteers.org", False),
        ("lakevolunteers.org/no-scheme", False),
        ("https://[::1", False),
        (None, False),
    ],
)
def test_links_to_matches_the_host_or_a_subdomain_only(url: str | None, linked: bool) -> None:
    assert links_to(url, "lakevolunteers.org") is linked


# ------------------------------------------------------------------------------------------------
# The pages


def page(
    script: str, monkeypatch: pytest.MonkeyPatch, who: object = None, period: tuple[date, date] = PERIOD
) -> AppTest:
    """The app on one page, on Lake Volunteers and November 2026 unless told (as the local user unless `who`)."""
    if who is not None:
        monkeypatch.setattr(gate, "who_is_here", lambda: who)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = ORG
    at.session_state["period"] = "Custom"
    at.session_state["custom_period"] = period
    at.switch_page(script)
    return at.run()


def markdown_text(at: AppTest) -> str:
    """What the page wrote as Markdown (text, captions, alerts): no mention's title may be in it."""
    elements = [*at.markdown, *at.caption, *at.info, *at.success, *at.error, *at.warning]
    return "\n".join(str(e.value) for e in elements)


def test_the_listening_page_shows_the_tiles_charts_and_latest_mentions(store: Path, monkeypatch) -> None:
    at = page("pages/listening/listening.py", monkeypatch)
    assert not at.exception
    assert [(m.label, m.value) for m in at.metric] == [
        ("Mentions", "7"),
        ("Listening feeds", "2"),
        ("Mentions linking to your base platform", "43%"),
    ]
    assert "3 of 7 mentions link to lakevolunteers\\.org." in [c.value for c in at.caption]
    assert blocks(at, "plotly_chart") == 2
    latest = at.dataframe[-1].value
    assert list(latest.columns) == ["Published", "Title", "Link", "Feed", "Summary", "Author"]
    assert len(latest) == 7 and latest["Title"][2] == SHOWN  # a plain cell, not rendered
    assert "javascript" not in markdown_text(at) and "volunteers]" not in markdown_text(at)
    assert any(c.value.startswith("All 7 of the period, newest first") for c in at.caption)
    assert [e.label for e in at.expander] == ["What these figures mean"]


def test_a_period_without_mentions_says_so(store: Path, monkeypatch) -> None:
    at = page("pages/listening/listening.py", monkeypatch, period=(date(2026, 6, 1), date(2026, 6, 30)))
    assert not at.exception
    assert len(at.metric) == 0 and blocks(at, "plotly_chart") == 0
    assert [i.value for i in at.info][0].startswith("No mention was published in this period.")


def test_the_listening_page_says_how_to_add_a_feed_when_there_is_none(store: Path, org_id: int, monkeypatch) -> None:
    with open_store(store) as con:
        con.execute("DELETE FROM mention")
    at = page("pages/listening/listening.py", monkeypatch)
    assert not at.exception
    assert len(at.metric) == 0
    [info] = at.info
    assert "Deliver to: RSS feed" in info.value and "**Sources** page" in info.value


def test_a_viewer_is_offered_listening_and_not_sources(store: Path, org_id: int, monkeypatch) -> None:
    at = page("pages/listening/listening.py", monkeypatch, viewer(org_id))
    assert not at.exception
    assert [m.value for m in at.metric] == ["7", "2", "43%"]
    offered = pages_of(at)
    assert "listening" in offered and "sources" not in offered and "upload" not in offered


def test_who_may_not_edit_the_organisation_sees_its_sources_and_no_form(store: Path, org_id: int, monkeypatch) -> None:
    with open_store(store) as con:
        add_source(con, org_id, "rss", "https://www.google.com/alerts/feeds/1/2", "mentions")
        other = ensure_organisation(con, "Other Trust")
    at = page("pages/sources/sources.py", monkeypatch, editor(other, org_id))  # reads Lake Volunteers only
    assert not at.exception
    table = at.dataframe[0].value
    assert rows(table[["Kind", "Target", "Role", "Status"]]) == [
        ("RSS or Atom feed", "https://www.google.com/alerts/feeds/1/2", "Listening (mentions)", "never pulled")
    ]
    assert [b.label for b in at.button] == []
    assert (blocks(at, "form"), len(at.text_input), len(at.radio)) == (0, 0, 0)
    assert "Only editors of this organisation can add, remove or pull its sources." in [c.value for c in at.caption]


def test_an_editor_adds_a_listening_feed_syncs_it_and_the_pull_is_audited(
    store: Path, org_id: int, replay: Replay, monkeypatch
) -> None:
    url = replay.on("/alerts", (200, {}, ALERTS.encode()))
    at = page("pages/sources/sources.py", monkeypatch)
    assert not at.exception
    assert [b.label for b in at.button] == ["Sync now", "Add source"]
    next(t for t in at.text_input if t.label == "Feed address").input(url)
    next(r for r in at.radio if r.label == "What the feed is").set_value("mentions")
    next(b for b in at.button if b.label == "Add source").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [plain(f"Added rss (mentions) {url}. Click Sync now to pull it.")]
    with open_store(store) as con:
        assert [(s.kind, s.target, s.role) for s in sources(con, org_id)] == [("rss", url, "mentions")]
    next(b for b in at.button if b.label == "Sync now").click().run()
    assert not at.exception
    # ALERTS holds the same two entries as google_alerts.xml, imported already: nothing new, two unchanged.
    sentence = f"rss (mentions) {url}: nothing new."
    assert [i.value for i in at.info] == [plain(sentence)]
    assert at.dataframe[0].value["Status"][0] == "unchanged"
    with open_store(store) as con:
        audited = con.execute("SELECT action, organisation_id, detail FROM audit_event ORDER BY id").fetchall()
    assert audited == [("edit", org_id, f"source added: rss (mentions) {url}"), ("import", org_id, sentence)]


def test_a_failed_pull_is_said_and_audited_as_refused(store: Path, org_id: int, replay: Replay, monkeypatch) -> None:
    url = replay.on("/gone", (404, {}, b""))
    with open_store(store) as con:
        add_source(con, org_id, "rss", url, "mentions")
    at = page("pages/sources/sources.py", monkeypatch)
    next(b for b in at.button if b.label == "Sync now").click().run()
    assert not at.exception
    [error] = at.error
    assert error.value == plain(f"rss (mentions) {url}: {url} says there is no such feed or account (404).")
    with open_store(store) as con:
        assert con.execute("SELECT action FROM audit_event").fetchall() == [("import refused",)]


def test_the_sources_table_shows_a_feeds_address_without_its_key(store: Path, org_id: int, monkeypatch) -> None:
    with open_store(store) as con:
        add_source(con, org_id, "rss", "https://feeds.example.org/alerts?user=1&token=s3cr3t-feed-key", "mentions")
    at = page("pages/sources/sources.py", monkeypatch)
    assert not at.exception
    shown = at.dataframe[0].value
    assert "s3cr3t-feed-key" not in shown.to_csv()
    assert shown["Target"].tolist() == ["https://feeds.example.org/alerts"]


def test_a_source_is_removed_only_once_the_box_is_ticked(store: Path, org_id: int, monkeypatch) -> None:
    with open_store(store) as con:
        made = add_source(con, org_id, "rss", "https://www.google.com/alerts/feeds/1/2", "mentions")
    at = page("pages/sources/sources.py", monkeypatch)
    remove = next(b for b in at.button if b.label == "Remove")
    remove.click().run()
    assert [w.value for w in at.warning] == ["Tick the box to remove the source."]
    next(c for c in at.checkbox if c.label.startswith("Yes, remove it.")).check()
    next(b for b in at.button if b.label == "Remove").click().run()
    assert not at.exception
    assert [i.value for i in at.info][0] == plain(f"Removed {made.label}.")
    with open_store(store) as con:
        assert sources(con, org_id) == []
        assert con.execute("SELECT action, detail FROM audit_event").fetchall() == [
            ("edit", f"source removed: {made.label}")
        ]
