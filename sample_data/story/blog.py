"""The organisation's own blog: the WordPress feed of the posts on its website (blog_feed.xml).

The four organisations with a website began a blog on it (WordPress, the "News" section, permalinks
/news/%postname%) after the digital skills workshop, with a first post in early December 2025: their
whole blog is the period's. WordPress's feed (/feed/) holds the newest posts up to "Syndication feeds show
the most recent" (Settings > Reading), 10 by default: Pune, Sakhi and Brahmaputra raised it to 50 so that
the feed keeps their whole year; Kutch, with 10 posts, never changed it, and its feed holds them all. Each
saved its feed from the browser with its other exports (Kutch's on 21 May 2026, with its last downloads).
Palash has no website, and no blog.

The posts are texts/blog/<folder>.json: the site's tagline and authors, `posts_per_rss`, and each post's
`when` (as the alerts' stories: a campaign's tag, a day or a window of days), title, paragraphs,
categories and tags, and `slug` where the title does not give it. When in the day is drawn (IST, the
team's working hours and evenings), then written in UTC. The JSON tells the story, and build_blog checks
it: one to four posts a month (more in the campaigns' months), none in the bad month, none after a stale
organisation's last export, and every /news/ page its Google Alert found is a post, published before
Google found it.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sample_data.story.listening import story_days
from sample_data.story.orgs import Org
from sample_data.story.period import IST, START, exported_at, month_key, month_keys
from sample_data.story.texts import load_json
from sample_data.story.year import Year
from sample_data.writers.blog import EXCERPT_WORDS, BlogPost, Site, blog_feed

BLOG_NAME = "blog_feed.xml"
PERMALINKS = "/news/"  # the permalink structure /news/%postname%, without a trailing slash
MAX_PER_MONTH = 4
# Publishing hour (IST): mornings at the office and evenings at home, as a small team writes.
HOUR_W = [
    (8, 0.4), (9, 0.8), (10, 1.3), (11, 1.4), (12, 1.0), (13, 0.5), (14, 0.7), (15, 0.9), (16, 1.0), (17, 1.1),
    (18, 1.0), (19, 1.2), (20, 1.3), (21, 0.9), (22, 0.4),
]  # fmt: skip


@dataclass(frozen=True)
class BlogStats:
    """What an organisation's blog feed adds up to, by the organisation's local day (IST)."""

    posts_by_month: dict[str, int]
    posts: int
    first: date
    last: date
    alerted: int  # posts its Google Alert found
    per_rss: int  # the number of newest posts its feed shows (Settings > Reading)


def slug(title: str) -> str:
    """WordPress's sanitize_title for a plain ASCII title: lower case, punctuation dropped, hyphens between words."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9\s-]", "", text.replace("&", "").replace("'", ""))
    return re.sub(r"[\s-]+", "-", text).strip("-")


def _moment(rng: random.Random, d: date) -> datetime:
    hours, weights = zip(*HOUR_W, strict=True)
    return datetime.combine(d, time(rng.choices(hours, weights)[0], rng.randrange(60), rng.randrange(60)), IST)


def _check(org: Org, year: Year, posts: list[BlogPost], own_pages: dict[str, datetime], per_rss: int) -> None:
    """The story's rules (see the module's docstring); a text file that breaks one is an error."""
    by_month: dict[str, int] = {}
    for p in posts:
        d = p.published.astimezone(IST).date()
        by_month[month_key(d)] = by_month.get(month_key(d), 0) + 1
        if year.is_bad(d):
            raise ValueError(f"{org.folder}: a blog post in its bad month: {p.title}")
        if len(" ".join(p.paragraphs).split()) <= EXCERPT_WORDS:
            raise ValueError(f"{org.folder}: a post too short for an excerpt of {EXCERPT_WORDS} words: {p.title}")
    for k in month_keys(org.last_day):
        n = by_month.get(k, 0)
        if not (n == 0 if month_key(org.bad[0]) == k else 1 <= n <= MAX_PER_MONTH):
            raise ValueError(f"{org.folder}: {n} blog posts in {k}")
    links = [p.permalink for p in posts]
    if len(set(links)) != len(links):
        raise ValueError(f"{org.folder}: two blog posts with one permalink")
    published = {p.permalink: p.published for p in posts}
    for page, found in own_pages.items():
        if page.startswith(f"{org.base_url}{PERMALINKS}") and not published.get(page, found) < found:
            raise ValueError(f"{org.folder}: Google found {page}, which is no post published before it")
    if len(posts) > per_rss:
        raise ValueError(f"{org.folder}: {len(posts)} posts, but its feed shows only the newest {per_rss}")


def build_blog(org: Org, year: Year, own_pages: dict[str, datetime]) -> tuple[bytes, int, BlogStats]:
    """The organisation's blog feed: (bytes, posts, what they add up to). `own_pages` are the pages of its website
    its Google Alert found, with when it first found each."""
    if org.base_url is None:
        raise ValueError(f"{org.folder}: no website, so no blog")
    texts = load_json(f"blog/{org.folder}.json")
    rng = random.Random(org.folder + "/blog")
    saved = exported_at(org.last_day)
    post_id = rng.randrange(180, 900)  # the site's pages, images and menus came first
    drafts = []
    for text in texts["posts"]:
        days, weights = story_days(year, text["when"])
        drafts.append((_moment(rng, rng.choices(days, weights)[0]), text))
    posts: list[BlogPost] = []
    for published, text in sorted(drafts, key=lambda pair: pair[0]):
        post_id += rng.randrange(2, 16)  # revisions and uploaded photos take ids in between
        edited = published + timedelta(minutes=rng.choice([0, 0, 0, 0, 2, 5, 14, 38, 95, 300, 1500]))
        posts.append(
            BlogPost(
                post_id=post_id,
                permalink=f"{org.base_url}{PERMALINKS}{text.get('slug') or slug(text['title'])}",
                title=text["title"],
                author=text.get("author") or rng.choice(texts["authors"]),
                published=published,
                modified=edited if edited < saved else published,
                categories=tuple(text.get("categories", ["News"]) + text.get("tags", [])),
                paragraphs=tuple(text["text"]),
                comments=rng.choices([0, 1, 2, 3, 5], [62, 18, 10, 6, 4])[0],
            )
        )
    _check(org, year, posts, own_pages, texts["posts_per_rss"])
    local_days = [p.published.astimezone(IST).date() for p in posts]
    if min(local_days) < START or max(local_days) > org.last_day:
        raise ValueError(f"{org.folder}: a blog post outside {START}..{org.last_day}")
    by_month: dict[str, int] = {}
    for d in sorted(local_days):
        by_month[month_key(d)] = by_month.get(month_key(d), 0) + 1
    alerted = sum(1 for p in posts if p.permalink in own_pages)
    stats = BlogStats(by_month, len(posts), min(local_days), max(local_days), alerted, texts["posts_per_rss"])
    site = Site(url=org.base_url, name=org.name, tagline=texts["tagline"])
    return blog_feed(site, posts), len(posts), stats
