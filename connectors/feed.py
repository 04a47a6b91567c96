"""RSS and Atom feeds, as files (a saved feed, a WordPress or Blogger export) or pulled by a source.

A feed becomes one CSV table (prepare) that its connector reads like any export:
- the organisation's own blog: each entry is a post on the `blog` platform, the base platform's voice;
- a listening feed (Google Alerts, a news search, any feed about the organisation): each entry is a
  mention on the `web` platform. A file is a listening feed when Google Alerts made it; a source says
  which it is when it is added.

feedparser reads RSS 0.9x to 2.0, RSS 1.0 and Atom, also when malformed (it sets `bozo` and still
returns what it could read). Titles and summaries are HTML: stored as plain text, shown escaped.
Entries are told apart by their id (guid), else their link. Google Alerts links are redirects
(https://www.google.com/url?...&url=<target>): the target is kept.
"""

from __future__ import annotations

import csv
import html
import io
import re
import time
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:  # imported where a feed is parsed: every command line run imports the connectors
    import feedparser

from connectors.base import Connector, col

WEB = "web"  # the platform of mentions: someone wrote about the organisation somewhere on the web
_FEED_START = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*"
    r"(<!DOCTYPE[^\[>]*(\[.*?\])?\s*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b",
    re.DOTALL | re.IGNORECASE,
)
_GOOGLE_ALERTS = ("tag:google.com,2005:reader/user/", "google.com/alerts")
_TAG = re.compile(r"<[^>]+>")
# Inline tags (Google's <b> around the query) are dropped without a space: "Trust</b>'s" stays "Trust's".
_INLINE_TAG = re.compile(r"</?(b|i|em|strong|u|span|a|mark|small|sub|sup|abbr|code)\b[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_ALERT_TITLE = re.compile(r"^\s*Google Alert\s*[-–:]\s*", re.IGNORECASE)
MAX_TEXT = 10_000  # a summary longer than this is cut: it is a preview, not the article
_TIME = "%Y-%m-%d %H:%M:%S %z"


def is_feed(text: str) -> bool:
    """An RSS or Atom document (its root element), whatever its file name says."""
    return bool(_FEED_START.match(text.lstrip("\ufeff")[:4096]))


def is_listening_feed(text: str) -> bool:
    """A feed about the organisation rather than by it: one Google Alerts made."""
    head = text[:8192]
    return is_feed(text) and any(mark in head for mark in _GOOGLE_ALERTS)


def plain_text(markup: str | None, limit: int = MAX_TEXT) -> str:
    """HTML (a feed's title or summary) as the text a reader sees: tags dropped, entities decoded."""
    text = html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", markup or "")))
    return _SPACE.sub(" ", text).strip()[:limit]


def unwrap_link(link: str | None) -> str:
    """The target of a redirect link (Google's /url?url=... or ?q=...), else the link itself."""
    link = (link or "").strip()
    parts = urlsplit(link)
    if parts.netloc.endswith("google.com") and parts.path == "/url":
        query = parse_qs(parts.query)
        for key in ("url", "q"):
            if query.get(key) and query[key][0].startswith(("http://", "https://")):
                return query[key][0]
    return link


def _published(entry: feedparser.FeedParserDict) -> str:
    """The entry's publication time in UTC (feedparser normalises every date format it knows to UTC)."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
    if not parsed:
        return ""
    return time.strftime("%Y-%m-%d %H:%M:%S", parsed) + " +0000"


def _parse(text: str | bytes) -> feedparser.FeedParserDict:
    import feedparser

    try:
        parsed = feedparser.parse(text, sanitize_html=False, resolve_relative_uris=False)
    except (UnicodeError, ValueError, OverflowError, RecursionError) as error:
        # A character reference to half an emoji ("&#xD83D;") makes feedparser fail; its words are Python's.
        raise ValueError("the feed cannot be read: part of its text is damaged (half an emoji, for one).") from error
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("feed"):
            raise ValueError("the feed cannot be read (it is not well-formed XML and holds no entries).")
        raise ValueError("the feed holds no entries.")
    return parsed


def _entry_id(entry: feedparser.FeedParserDict) -> str:
    return str(entry.get("id") or entry.get("guid") or entry.get("link") or "").strip()[:1000]


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


POST_HEADER = ["Blog feed", "Entry id", "Published (UTC)", "Title", "Link"]
MENTION_HEADER = ["Listening feed", "Mention id", "Published (UTC)", "Title", "Link", "Summary", "Author", "Keywords"]


def feed_title(parsed: feedparser.FeedParserDict) -> str:
    return plain_text(parsed.feed.get("title"), 200) or "feed"


def _already_table(text: str | bytes, header: list[str]) -> bool:
    """The table a feed became, read again (a source's pull is imported as that table)."""
    return isinstance(text, str) and text.lstrip("\ufeff").startswith(",".join(header) + "\n")


def blog_posts_table(text: str | bytes, feed_name: str | None = None) -> str:
    """A blog's feed as one CSV table: a row per entry (entries without an id or a link are left out)."""
    if _already_table(text, POST_HEADER):
        return str(text)
    parsed = _parse(text)
    name = feed_name or feed_title(parsed)
    rows = [
        [name, _entry_id(e), _published(e), plain_text(e.get("title"), 1000), (e.get("link") or "").strip()]
        for e in parsed.entries
        if _entry_id(e)
    ]
    return _csv(POST_HEADER, rows)


def mentions_table(text: str | bytes, feed_name: str | None = None, keywords: str | None = None) -> str:
    """A listening feed as one CSV table: a row per entry, its link unwrapped, its HTML made text."""
    if _already_table(text, MENTION_HEADER):
        return str(text)
    parsed = _parse(text)
    name = feed_name or feed_title(parsed)
    # A Google Alert's title names its query: "Google Alert - Pune Education Trust".
    listened = keywords if keywords is not None else _ALERT_TITLE.sub("", feed_title(parsed))
    rows = [
        [
            name,
            _entry_id(e),
            _published(e),
            plain_text(e.get("title"), 1000),
            unwrap_link(e.get("link")),
            plain_text(e.get("summary")),
            plain_text(e.get("author"), 200),
            listened,
        ]
        for e in parsed.entries
        if _entry_id(e)
    ]
    return _csv(MENTION_HEADER, rows)


_HINT = "save the feed (its address ends in /feed, .rss or .xml) from the browser, or add it as a source"

BLOG_FEED = Connector(
    name="blog_feed",
    label="Blog feed (RSS or Atom)",
    platform="blog",
    table="post",
    signature=tuple(h.lower() for h in POST_HEADER),
    fields={
        "handle": col("Blog feed", kind="text"),
        "post_id": col("Entry id", kind="text", required=True),
        "published_at": col("Published (UTC)", kind="timestamp", formats=(_TIME,), utc=True),
        "text": col("Title", kind="text"),
        "url": col("Link", kind="text"),
        "kind": col("Blog feed", kind="text", constant="Blog post"),
    },
    handle_field="handle",
    matches_text=lambda text: is_feed(text) and not is_listening_feed(text),
    prepare=blog_posts_table,
    engagement_note="A feed gives no counts: blog posts are counted, their reach is on the website's analytics.",
    hint=_HINT,
)

LISTENING_FEED = Connector(
    name="listening_feed",
    label="Listening feed (Google Alerts, RSS or Atom)",
    platform=WEB,
    table="mention",
    signature=tuple(h.lower() for h in MENTION_HEADER),
    fields={
        "handle": col("Listening feed", kind="text"),
        "mention_id": col("Mention id", kind="text", required=True),
        "published_at": col("Published (UTC)", kind="timestamp", formats=(_TIME,), utc=True),
        "title": col("Title", kind="text"),
        "url": col("Link", kind="text"),
        "text": col("Summary", kind="text"),
        "author": col("Author", kind="text"),
        "keywords": col("Keywords", kind="text"),
    },
    handle_field="handle",
    matches_text=is_listening_feed,
    prepare=mentions_table,
    hint="in Google Alerts, choose Deliver to: RSS feed, then save the feed or add its address as a source",
)

CONNECTORS = [BLOG_FEED, LISTENING_FEED]
