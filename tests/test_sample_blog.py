"""The demo's blog feeds: each organisation with a website's WordPress feed (sample_data/<folder>/blog_feed.xml).

The figures are the generated README's (its monthly tables' "blog posts" column, and "Blog: ..." under each
organisation): every post of the period 1 Dec 2025 - 25 Nov 2026, counted on its day in Kolkata. Palash has
no website, and so no blog.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import feedparser
import pytest

from impact.sample import SAMPLE_DIR
from impact.store.connection import open_store

PUNE, SAKHI, BRAHMAPUTRA = "Pune Education Trust", "Sakhi Women's Health Collective", "Brahmaputra Flood Relief Network"
KUTCH, PALASH = "Kutch Mahila Bachat Network", "Palash Tribal School Trust"
POSTS = {PUNE: 25, SAKHI: 28, BRAHMAPUTRA: 23, KUTCH: 10}
FOLDERS = {
    PUNE: "pune-education-trust",
    SAKHI: "sakhi-health-collective",
    BRAHMAPUTRA: "brahmaputra-flood-relief",
    KUTCH: "kutch-mahila-bachat",
}
HOSTS = {
    PUNE: "puneeducationtrust.org.in",
    SAKHI: "sakhihealth.org.in",
    BRAHMAPUTRA: "brahmaputrarelief.org.in",
    KUTCH: "kutchmahilabachat.org.in",
}
BAD_MONTH = {PUNE: "2026-10", SAKHI: "2026-01", BRAHMAPUTRA: "2026-03", KUTCH: "2026-04"}


@pytest.fixture(scope="module")
def con(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """One copy of the loaded demo, read by every test here."""
    path = tmp_path_factory.mktemp("sample_blog") / "sample.duckdb"
    shutil.copy(sample_store, path)
    with open_store(path) as connection:
        yield connection


def blog_posts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, datetime, str, str, str]]:
    """(organisation, post id, published in UTC, title, link, account handle) of every blog post."""
    return con.execute(
        """SELECT o.name, p.post_id, p.published_at, p.text, p.url, a.handle
           FROM post p JOIN organisation o ON o.id = p.organisation_id JOIN account a ON a.id = p.account_id
           WHERE p.platform = 'blog' ORDER BY o.name, p.published_at"""
    ).fetchall()


def readme_months(name: str) -> dict[str, int]:
    """The "blog posts" column of the organisation's monthly table in sample_data/README.md."""
    text = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {name} (")[1].split("Effort and outcomes")[0]  # its first table
    lines = [line for line in section.splitlines() if line.startswith("| month |")]
    assert len(lines) == 1, name
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    column = header.index("blog posts")
    rows = re.findall(r"^\| (\d{4}-\d\d) \|(.*)\|$", section, re.MULTILINE)
    return {month: int(cells.split("|")[column - 1]) for month, cells in rows if "|" in cells}


def test_each_organisation_with_a_website_has_its_blog_as_one_account_named_after_the_site(con) -> None:
    posts = blog_posts(con)
    counts: dict[str, int] = {}
    for name, *_ in posts:
        counts[name] = counts.get(name, 0) + 1
    assert counts == POSTS  # Palash has no website, and no blog
    # The account is the feed's title, the site's name (Sakhi's written `Women&#039;s` in the file).
    assert {(name, handle) for name, *_, handle in posts} == {(name, name) for name in POSTS}
    assert con.execute("SELECT DISTINCT kind FROM post WHERE platform = 'blog'").fetchall() == [("Blog post",)]


def test_the_posts_per_month_are_the_readmes_counted_on_their_day_in_kolkata(con) -> None:
    months: dict[str, dict[str, int]] = {}
    for name, _, published, *_ in blog_posts(con):
        month = f"{published + timedelta(hours=5, minutes=30):%Y-%m}"
        months.setdefault(name, {})[month] = months.get(name, {}).get(month, 0) + 1
    for name in POSTS:
        table = readme_months(name)
        assert {k: n for k, n in table.items() if n} == months[name], name
        assert sum(table.values()) == POSTS[name]
        # One to four a month, none in the bad month.
        assert table[BAD_MONTH[name]] == 0
        assert all(1 <= n <= 4 for k, n in table.items() if k != BAD_MONTH[name]), name
    assert "blog posts" not in (SAMPLE_DIR / "README.md").read_text(encoding="utf-8").split(f"## {PALASH} (")[1]


def test_more_posts_in_the_campaigns_months(con) -> None:
    months = {name: readme_months(name) for name in POSTS}
    assert months[PUNE]["2026-06"] == 4  # back to school
    assert months[SAKHI]["2026-05"] == months[SAKHI]["2026-10"] == 4  # Menstrual Hygiene Day, Pink October
    assert months[BRAHMAPUTRA]["2026-07"] == 4  # the monsoon appeal
    assert months[KUTCH]["2026-03"] == 3  # the Women's Day mela
    for name, counts in months.items():
        assert max(counts.values()) == 4 if name != KUTCH else 3


def test_kutchs_blog_stops_with_its_exports(con) -> None:
    # Its feed was saved on 21 May 2026 with its last exports; its last post is on 14 May in Kolkata.
    last = max(published for name, _, published, *_ in blog_posts(con) if name == KUTCH)
    assert last < datetime(2026, 5, 20, 18, 30)
    assert f"{last + timedelta(hours=5, minutes=30):%Y-%m-%d}" == "2026-05-14"


def test_ids_are_wordpress_guids_and_links_are_pages_of_the_organisations_website(con) -> None:
    for name, post_id, _, _, url, _ in blog_posts(con):
        assert re.fullmatch(rf"https://{re.escape(HOSTS[name])}/\?p=\d+", post_id), post_id
        assert re.fullmatch(rf"https://{re.escape(HOSTS[name])}/news/[a-z0-9-]+", url), url


def test_titles_are_plain_text_with_wordpress_curly_quotes(con) -> None:
    titles = {title for _, _, _, title, _, _ in blog_posts(con)}
    assert not [t for t in titles if "&#" in t or "&amp;" in t or "<" in t]
    assert "Children\u2019s Day: letters to the mayor" in titles  # Children&#8217;s in the file
    assert "Annual Day 2025: \u201cOur children on stage\u201d" in titles  # &#8220; and &#8221;
    assert "મહિલા દિવસ મેળો: આભાર! Thank you for 26 gifts" in titles


def test_the_pages_its_google_alert_found_on_its_website_are_its_posts(con) -> None:
    # Every /news/ page among the mentions is a blog post, published before Google found it.
    rows = con.execute(
        """SELECT o.name, m.url, min(m.published_at), min(p.published_at)
           FROM mention m JOIN organisation o ON o.id = m.organisation_id
           LEFT JOIN post p ON p.organisation_id = m.organisation_id AND p.platform = 'blog' AND p.url = m.url
           WHERE m.url LIKE o.base_url || '/news/%' GROUP BY ALL"""
    ).fetchall()
    found = {name: 0 for name in POSTS}
    for name, url, alerted, posted in rows:
        assert posted is not None and posted < alerted, url
        found[name] += 1
    assert found == {PUNE: 4, SAKHI: 5, BRAHMAPUTRA: 4, KUTCH: 0}


@pytest.mark.parametrize("name", list(FOLDERS))
def test_the_file_is_a_wordpress_rss_feed_of_every_post(name: str) -> None:
    data = (SAMPLE_DIR / FOLDERS[name] / "blog_feed.xml").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n\txmlns:content=')
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    assert parsed.version == "rss20"
    assert parsed.feed.generator == "https://wordpress.org/?v=6.8.3"
    assert parsed.feed.language == "en-US"
    assert parsed.feed.title == name
    assert parsed.feed.link == f"https://{HOSTS[name]}"
    assert len(parsed.entries) == POSTS[name]
    times = [e.published_parsed for e in parsed.entries]
    assert times == sorted(times, reverse=True)  # newest first
    for entry in parsed.entries:
        assert entry.summary.endswith(" [&#8230;]")  # the 55-word excerpt (its CDATA holds no tag: kept as text)
        assert entry.content[0].value.startswith("<p>")
        assert "</p>\n\n\n\n<p>" in entry.content[0].value  # the block editor's paragraphs
        assert entry.guidislink is False
        assert entry.published.endswith(" +0000")
    assert data.count(b"<slash:comments>") == POSTS[name]
