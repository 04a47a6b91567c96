"""A WordPress blog's RSS 2.0 feed (https://<site>/feed/), as WordPress 6.8 serves it and a browser saves it.

UTF-8, the XML declaration with `<rss ...>` straight after it on the same line, the namespaces content,
wfw, dc, atom, sy and slash one a line, and the whitespace of WordPress's feed-rss2.php template (PHP
swallows the line end after each `?>`, hence the runs of tabs). The channel: the site's name as its
settings store it (an apostrophe as `&#039;`), a self link to /feed/, the site's address, its tagline,
`lastBuildDate` (the newest post's last change), language `en-US`, `sy:updatePeriod` hourly,
`sy:updateFrequency` 1 and the generator `https://wordpress.org/?v=6.8.3`.

Items newest first, each with the title as WordPress prints it (curly quotes and dashes as numeric
character references, `&` as `&#038;`), the permalink, a `comments` link (`#respond`, or `#comments`
once there are some: comments are open), `dc:creator` (the author's display name) in CDATA, `pubDate`
in RFC 822 and UTC (`+0000`), one `category` in CDATA per category and tag, `guid isPermaLink="false"`
(`https://<site>/?p=<id>`), `description` in CDATA (the automatic excerpt: the first 55 words of the text,
then ` [&#8230;]`), `content:encoded` in CDATA (the block editor's paragraphs, `<p>...</p>` with three
blank lines between them), `wfw:commentRss` and `slash:comments` (the number of approved comments).

How many items: WordPress's "Syndication feeds show the most recent" (posts_per_rss) is 10 by default;
the feed holds that many newest posts. This writer writes the posts it is given, all of them: the caller
says why they are the feed's (sample_data.story.blog).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sample_data.writers.dates import MONTHS, WEEKDAYS

GENERATOR = "https://wordpress.org/?v=6.8.3"
NAMESPACES = (
    ("content", "http://purl.org/rss/1.0/modules/content/"),
    ("wfw", "http://wellformedweb.org/CommentAPI/"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("atom", "http://www.w3.org/2005/Atom"),
    ("sy", "http://purl.org/rss/1.0/modules/syndication/"),
    ("slash", "http://purl.org/rss/1.0/modules/slash/"),
)
EXCERPT_WORDS = 55  # wp_trim_excerpt's excerpt_length
EXCERPT_MORE = " [&#8230;]"  # excerpt_more " [&hellip;]", written as a numeric reference in feeds (ent2ncr)


@dataclass(frozen=True)
class Site:
    """The WordPress site: its address (no trailing slash), name and tagline as plain text."""

    url: str
    name: str
    tagline: str
    language: str = "en-US"


@dataclass(frozen=True)
class BlogPost:
    """One published post; `title` and `paragraphs` as plain text (the writer makes them WordPress's HTML)."""

    post_id: int  # the guid is https://<site>/?p=<post_id>
    permalink: str
    title: str
    author: str  # display name
    published: datetime  # aware
    modified: datetime  # aware, the last change; not before `published`
    categories: tuple[str, ...]  # categories first, then tags, as WordPress lists them
    paragraphs: tuple[str, ...]
    comments: int


def rfc822(dt: datetime) -> str:
    """Mon, 01 Dec 2025 04:30:00 +0000 (WordPress's 'D, d M Y H:i:s +0000' of the UTC time)."""
    u = dt.astimezone(UTC)
    return f"{WEEKDAYS[u.weekday()]}, {u.day:02d} {MONTHS[u.month - 1]} {u.year} {u:%H:%M:%S} +0000"


_OPEN_DOUBLE = re.compile(r'(^|[\s(\[{\u2014\u2013-])"')
_OPEN_SINGLE = re.compile(r"(^|[\s(\[{\u2014\u2013-])'(?!\d\d\b)")


def texturize(text: str) -> str:
    """Plain text as wptexturize and convert_chars print it: `&` as `&#038;`, `<` and `>` escaped, `...` as
    `&#8230;`, ` - ` and ` -- ` as en and em dashes, straight quotes as curly ones (`&#8217;` for an
    apostrophe, also in '26), all as numeric character references."""
    out = text.replace("&", "&#038;").replace("<", "&lt;").replace(">", "&gt;")
    out = out.replace("...", "&#8230;").replace(" -- ", " &#8212; ").replace(" - ", " &#8211; ")
    out = _OPEN_DOUBLE.sub(r"\1&#8220;", out).replace('"', "&#8221;")
    out = _OPEN_SINGLE.sub(r"\1&#8216;", out).replace("'", "&#8217;")
    return out


def site_text(text: str) -> str:
    """The site's name or tagline as WordPress's settings store them (esc_html): `&#039;` for an apostrophe."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#039;")


def content(post: BlogPost) -> str:
    """The block editor's paragraphs as the feed prints them (content:encoded)."""
    return "\n" + "\n\n\n\n".join(f"<p>{texturize(p)}</p>" for p in post.paragraphs) + "\n"


def excerpt(post: BlogPost) -> str:
    """The automatic excerpt: the text without its tags, cut after 55 words, then ` [&#8230;]`."""
    words = " ".join(texturize(p) for p in post.paragraphs).split()
    if len(words) <= EXCERPT_WORDS:
        return " ".join(words)
    return " ".join(words[:EXCERPT_WORDS]) + EXCERPT_MORE


def _cdata(text: str) -> str:
    if "]]>" in text:
        raise ValueError(f"CDATA cannot hold ]]>: {text[:60]}")
    return f"<![CDATA[{text}]]>"


def item(post: BlogPost, site: Site) -> str:
    """One <item>, with the tabs and line ends feed-rss2.php leaves (comments open)."""
    comments_link = post.permalink + ("#comments" if post.comments else "#respond")
    categories = "".join(f"\t\t<category>{_cdata(c)}</category>\n" for c in post.categories)
    return (
        "\t<item>\n"
        f"\t\t<title>{texturize(post.title)}</title>\n"
        f"\t\t<link>{post.permalink}</link>\n"
        f"\t\t\t\t\t<comments>{comments_link}</comments>\n"
        "\t\t\n"
        f"\t\t<dc:creator>{_cdata(post.author)}</dc:creator>\n"
        f"\t\t<pubDate>{rfc822(post.published)}</pubDate>\n"
        f"\t\t{categories}"
        f'\t\t<guid isPermaLink="false">{site.url}/?p={post.post_id}</guid>\n'
        "\n"
        f"\t\t\t\t\t<description>{_cdata(excerpt(post))}</description>\n"
        f"\t\t\t\t\t\t\t\t\t\t<content:encoded>{_cdata(content(post))}</content:encoded>\n"
        "\t\t\t\t\t\n"
        f"\t\t\t\t\t<wfw:commentRss>{post.permalink}/feed</wfw:commentRss>\n"
        f"\t\t\t<slash:comments>{post.comments}</slash:comments>\n"
        "\t\t\n"
        "\t\t\n"
        "\t\t\t</item>\n"
    )


def blog_feed(site: Site, posts: Sequence[BlogPost]) -> bytes:
    """The feed of `posts` (in any order; written newest first, as WordPress orders by post date)."""
    if not posts:
        raise ValueError("a WordPress feed of no posts: nothing to write")
    ordered = sorted(posts, key=lambda p: (p.published, p.post_id), reverse=True)
    namespaces = "".join(f'\txmlns:{prefix}="{uri}"\n' for prefix, uri in NAMESPACES)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        f"{namespaces}"
        "\t>\n"
        "\n"
        "<channel>\n"
        f"\t<title>{site_text(site.name)}</title>\n"
        f'\t<atom:link href="{site.url}/feed/" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{site.url}</link>\n"
        f"\t<description>{site_text(site.tagline)}</description>\n"
        f"\t<lastBuildDate>{rfc822(max(p.modified for p in posts))}</lastBuildDate>\n"
        f"\t<language>{site.language}</language>\n"
        "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n"
        "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
        f"\t<generator>{GENERATOR}</generator>\n"
    )
    # Every item after the first starts with the tab left before the loop's `endwhile`.
    body = "\t".join(item(p, site) for p in ordered)
    return (head + body + "\t</channel>\n</rss>\n").encode("utf-8")
