"""Listening in a real browser: add a Google Alerts feed on Sources, pull it with Sync now, read it on Listening.

One server on a copy of the demo store; the feed is served by a local Replay server (test_sync.py), so
nothing leaves this machine. Chromium driven by Playwright, as in test_browser.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from test_browser import SCREENSHOTS, browser, browser_page, running_app, wait_until_idle
from test_sync import Replay, replay

from impact.figures.listening import listening_screen
from impact.figures.overview import data_range
from impact.store.connection import open_store
from impact.store.orgs import organisation_id

__all__ = ["browser", "browser_page", "replay"]  # fixtures shared with test_browser.py and test_sync.py

PUNE = "Pune Education Trust"
# A second alert of Pune's, besides any the demo data holds: its own ids, dated in the demo's last week (the
# sidebar's period ends on 25 Nov 2026), one of them on Pune's website (puneeducationtrust.org.in).
ENTRIES = [
    ("1", "2026-11-20T06:00:00Z", "https://www.thehindu.example/pune-schools", "Pune schools get reading corners"),
    ("2", "2026-11-21T11:15:00Z", "https://puneeducationtrust.org.in/news/circles", "Reading circles reach 40 wards"),
    ("3", "2026-11-23T04:30:00Z", "https://punemirror.example/volunteers", "Volunteers teach maths on weekends"),
    ("4", "2026-11-24T08:45:00Z", "https://www.loksatta.example/education", "Exam season: free coaching in Pune"),
    ("5", "2026-11-25T05:00:00Z", "https://news.example.com/library", "A reading circle opens a library"),
    ("6", "2026-11-25T07:30:00Z", "https://blog.example.net/pune", "Storytelling week in Pune's wards"),
]
TITLES = [title for *_, title in ENTRIES]
FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:google.com,2005:reader/user/123/state/com.google/alerts/777</id>
<title>Google Alert - Pune reading circles</title><updated>2026-11-25T08:00:00Z</updated>
{entries}
</feed>"""
ENTRY = """<entry><id>tag:google.com,2013:googlealerts/feed:browser-{0}</id><title type="html">{3}</title>
<link href="https://www.google.com/url?rct=j&amp;url={2}&amp;ct=ga"/>
<published>{1}</published><updated>{1}</updated><content type="html">{3}: a story about the trust.</content></entry>"""


def alerts_feed() -> bytes:
    return FEED.format(entries="\n".join(ENTRY.format(*e) for e in ENTRIES)).encode()


def expected_tiles(db: Path) -> list[str]:
    """The tiles as listening_screen counts them for Pune over the sidebar's default period (the last 12 months
    of its data): the demo's own mentions, if it holds any, and the six pulled here."""
    with open_store(db) as con:
        pune = organisation_id(con, PUNE)
        assert pune is not None
        span = data_range(con, pune)
        assert span is not None
        screen = listening_screen(con, pune, span[1] - timedelta(days=364), span[1])
    share = screen.linking_share
    return [f"{screen.mentions:,}", f"{screen.sources:,}", "–" if share is None else f"{share:.0%}"]


@pytest.fixture(scope="module")
def server(sample_store: Path, tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[tuple[str, Path]]:  # type: ignore[no-untyped-def]
    """The dashboard on a copy of the demo store, warmed up (test_browser.py says why)."""
    folder = tmp_path_factory.mktemp("browser_listening")
    db = folder / "sample.duckdb"
    shutil.copy(sample_store, db)
    with running_app(browser, db, IMPACT_KEY_FILE=str(folder / "secret.key")) as url:
        yield url, db


def no_exception(page) -> None:  # type: ignore[no-untyped-def]
    assert page.locator("[data-testid='stException']").count() == 0


def test_a_listening_feed_added_and_synced_shows_its_mentions(
    server: tuple[str, Path], browser_page, replay: Replay
) -> None:  # type: ignore[no-untyped-def]
    url, db = server
    feed = replay.on("/alerts/feeds/123/456", (200, {"Content-Type": "application/atom+xml"}, alerts_feed()))
    page = browser_page
    page.set_default_timeout(60_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    with open_store(db) as con:
        (before,) = con.execute("SELECT count(*) FROM mention").fetchone()  # the demo's own, if any
    page.goto(f"{url}/sources?org={PUNE.replace(' ', '+')}")
    wait_until_idle(page)
    page.get_by_text("No source yet.").wait_for()
    page.get_by_label("Feed address").fill(feed)
    page.get_by_test_id("stRadioGroup").get_by_text("Listening (mentions)").click()
    page.get_by_role("button", name="Add source").click()
    wait_until_idle(page)
    page.get_by_text("Click Sync now to pull it.").wait_for()
    no_exception(page)

    page.get_by_role("button", name="Sync now").click()
    wait_until_idle(page)
    page.get_by_text(f"rss (mentions) {feed}: 6 new, 0 updated.").wait_for()
    no_exception(page)
    with open_store(db) as con:
        assert con.execute("SELECT last_status, last_message FROM source").fetchall() == [
            ("synced", "6 new, 0 updated")
        ]
        assert con.execute("SELECT count(*) FROM mention").fetchone() == (before + 6,)
    page.set_viewport_size({"width": 1400, "height": 1500})  # Streamlit scrolls inside its own frame
    wait_until_idle(page)
    page.screenshot(path=str(SCREENSHOTS / "sources_synced.png"), full_page=True)

    page.get_by_test_id("stSidebarNav").get_by_text("Listening", exact=True).click()
    wait_until_idle(page)
    page.get_by_text("Mentions per week, by listening feed").wait_for()
    no_exception(page)
    tiles = page.locator("[data-testid='stMetric']")
    assert [tiles.nth(i).locator("[data-testid='stMetricValue']").inner_text() for i in range(3)] == expected_tiles(db)
    charts = page.locator("[data-testid='stPlotlyChart']")
    charts.nth(1).locator(".main-svg").first.wait_for()
    assert charts.count() == 2
    # The newest mentions, titles as plain text (the table's cells): the six pulled are the demo's newest.
    table = page.locator("[data-testid='stDataFrame']").last
    table.scroll_into_view_if_needed()
    for title in TITLES:
        table.get_by_text(title, exact=True).wait_for(state="attached")
    page.set_viewport_size({"width": 1400, "height": 1450})  # Streamlit scrolls inside its own frame
    wait_until_idle(page)
    page.screenshot(path=str(SCREENSHOTS / "listening_synced.png"), full_page=True)
