"""The demo's listening feeds: each organisation's Google Alert on its name (sample_data/<folder>/google_alerts.xml).

The figures are the generated README's ("Mentions: ..." under each organisation, and its monthly tables'
mentions column): every mention in the period 1 Dec 2025 - 25 Nov 2026, counted on its day in Kolkata.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from impact.figures.listening import listening_screen
from impact.store.connection import open_store
from impact.store.orgs import organisation_id

START, END = date(2025, 12, 1), date(2026, 11, 25)
PUNE, SAKHI, BRAHMAPUTRA = "Pune Education Trust", "Sakhi Women's Health Collective", "Brahmaputra Flood Relief Network"
KUTCH, PALASH = "Kutch Mahila Bachat Network", "Palash Tribal School Trust"
MENTIONS = {PUNE: 29, SAKHI: 32, BRAHMAPUTRA: 31, KUTCH: 8, PALASH: 5}
# Pages on the organisation's own website (orgs.json base_url); Palash has no website, so nothing is measured.
LINKING = {PUNE: 5, SAKHI: 5, BRAHMAPUTRA: 5, KUTCH: 1, PALASH: None}
HOSTS = {
    PUNE: "puneeducationtrust.org.in",
    SAKHI: "sakhihealth.org.in",
    BRAHMAPUTRA: "brahmaputrarelief.org.in",
    KUTCH: "kutchmahilabachat.org.in",
    PALASH: None,
}
# Pages Google alerted twice, under two entry ids: two mentions with one link.
TWICE = {PUNE: 1, SAKHI: 1, BRAHMAPUTRA: 2, KUTCH: 0, PALASH: 0}


@pytest.fixture(scope="module")
def con(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """One copy of the loaded demo, read by every test here."""
    path = tmp_path_factory.mktemp("sample_listening") / "sample.duckdb"
    shutil.copy(sample_store, path)
    with open_store(path) as connection:
        yield connection


def by_org(con: duckdb.DuckDBPyConnection, select: str) -> dict[str, object]:
    rows = con.execute(
        f"SELECT o.name, {select} FROM mention m JOIN organisation o ON o.id = m.organisation_id GROUP BY o.name"
    ).fetchall()
    return {name: value for name, value in rows}


def test_each_organisation_has_its_alerts_mentions_from_one_feed_named_after_its_query(con) -> None:
    assert by_org(con, "count(*)") == MENTIONS
    assert by_org(con, "count(DISTINCT m.mention_id)") == MENTIONS
    rows = con.execute(
        """SELECT DISTINCT o.name, m.platform, a.handle, m.keywords
           FROM mention m JOIN organisation o ON o.id = m.organisation_id JOIN account a ON a.id = m.account_id"""
    ).fetchall()
    assert sorted(rows) == sorted((name, "web", f"Google Alert - {name}", name) for name in MENTIONS)


def test_kutchs_alert_stops_with_its_exports(con) -> None:
    # Its exports end on 20 May 2026 (downloaded on 21 May): its last mention is on an earlier day in Kolkata,
    # whose 21 May begins at 20 May 18:30 UTC.
    last = by_org(con, "max(m.published_at)")[KUTCH]
    assert isinstance(last, datetime)
    assert last < datetime(2026, 5, 20, 18, 30)
    assert last.date() < date(2026, 5, 21)
    first = by_org(con, "min(m.published_at)")[KUTCH]
    assert isinstance(first, datetime)
    assert first >= datetime(2025, 11, 30, 18, 30)  # 1 Dec 2025 in Kolkata, the period's first day


def test_every_link_is_the_page_itself_not_googles_redirect(con) -> None:
    urls = [row[0] for row in con.execute("SELECT url FROM mention").fetchall()]
    assert len(urls) == sum(MENTIONS.values())
    assert all(url.startswith("https://") for url in urls)
    assert not [url for url in urls if "google.com/url" in url or "google.com" in url.split("/")[2]]


def test_titles_and_summaries_are_plain_text(con) -> None:
    rows = con.execute("SELECT title, text FROM mention").fetchall()
    assert all(title and text for title, text in rows)
    marks = ("<b>", "</b>", "&#39;", "&amp;", "&nbsp;", "&lt;")
    assert not [(t, x) for t, x in rows if any(m in t or m in x for m in marks)]
    titles = {t for t, _ in rows}
    assert "Uniforms, bags & notebooks: volunteers pack kits before schools reopen" in titles  # &amp;amp; in the file
    assert "Winter health camps 2026 in the news | Sakhi Women's Health Collective" in titles  # <b> and &#39;


def test_a_page_alerted_twice_is_two_mentions_with_one_link(con) -> None:
    twice = by_org(con, "count(*) - count(DISTINCT m.url)")
    assert twice == TWICE


def test_mentions_linking_to_each_organisations_own_website(con) -> None:
    for name, expected in LINKING.items():
        org = organisation_id(con, name)
        assert org is not None
        screen = listening_screen(con, org, START, END)
        assert (screen.mentions, screen.sources, screen.ever) == (MENTIONS[name], 1, MENTIONS[name]), name
        assert (screen.base_host, screen.linking) == (HOSTS[name], expected), name
    own = con.execute(
        """SELECT o.name, count(*) FROM mention m JOIN organisation o ON o.id = m.organisation_id
           WHERE m.url LIKE 'https://' || regexp_replace(o.base_url, '^https?://', '') || '/%' GROUP BY o.name"""
    ).fetchall()
    assert dict(own) == {name: n for name, n in LINKING.items() if n}


def test_more_mentions_during_the_campaigns(con) -> None:
    # Each month's mentions on their day in Kolkata (UTC+05:30); the busiest month is each organisation's big
    # campaign, and a bad month has none.
    rows = con.execute(
        "SELECT o.name, m.published_at FROM mention m JOIN organisation o ON o.id = m.organisation_id"
    ).fetchall()
    months: dict[str, dict[str, int]] = {}
    for name, published in rows:
        month = f"{published + timedelta(hours=5, minutes=30):%Y-%m}"
        months.setdefault(name, {})[month] = months.get(name, {}).get(month, 0) + 1
    busiest = {name: max(counts, key=lambda k: (counts[k], k)) for name, counts in months.items()}
    assert busiest[PUNE] == "2026-06"  # back to school
    assert busiest[SAKHI] == "2026-05"  # Menstrual Hygiene Day
    assert busiest[BRAHMAPUTRA] == "2026-07"  # the monsoon appeal
    assert busiest[KUTCH] == "2026-03"  # the Women's Day mela
    assert months[PUNE].get("2026-10", 0) == 0  # its bad month
    assert months[SAKHI].get("2026-01", 0) == 0  # its bad month
    assert max(months[KUTCH]) <= "2026-05"
