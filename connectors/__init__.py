"""The registry of export formats, and detection by content.

Detection reads the first bytes of a file, finds its header row among the first lines, and
picks the one connector whose signature that header carries. The file name is never trusted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from connectors import (
    facebook_insights_csv,
    feed,
    ga4_csv,
    interactions_csv,
    linkedin_xls,
    mailchimp_csv,
    meta_page_insights_csv,
    meta_posts_csv,
    paypal_csv,
    razorpay_csv,
    stripe_csv,
    synced,
    tiktok_csv,
    time_log_csv,
    twitter_csv,
    x_analytics_csv,
    youtube_studio_csv,
)
from connectors.base import Connector, Field, normalise_header
from connectors.sniff import (
    HEAD_BYTES,
    binary_kind,
    decode_head,
    head_rows,
    markup_kind,
    sniff_delimiter,
    sniff_encoding,
)

REGISTRY: list[Connector] = [
    twitter_csv.TWEET_ACTIVITY,
    twitter_csv.DAILY_TWEET_ACTIVITY,
    x_analytics_csv.CONTENT,
    x_analytics_csv.OVERVIEW,
    facebook_insights_csv.POST_LEVEL,
    facebook_insights_csv.PAGE_LEVEL,
    meta_posts_csv.FACEBOOK_POSTS,
    meta_posts_csv.INSTAGRAM_POSTS,
    meta_page_insights_csv.PAGE_INSIGHTS,
    youtube_studio_csv.TABLE_DATA,
    youtube_studio_csv.TOTALS,
    youtube_studio_csv.CHART_DATA,
    *youtube_studio_csv.TOTALS_OF_METRIC,
    *youtube_studio_csv.TOTALS_NOT_STORED,
    *tiktok_csv.CONNECTORS,
    paypal_csv.ACTIVITY_BUSINESS,
    paypal_csv.ACTIVITY_PERSONAL,
    paypal_csv.ACTIVITY_BUSINESS_SHORT,
    paypal_csv.GIVING_FUND,
    razorpay_csv.PAYMENTS,
    stripe_csv.PAYMENTS,
    linkedin_xls.METRICS,
    linkedin_xls.POSTS,
    linkedin_xls.NEW_FOLLOWERS,
    linkedin_xls.VISITOR_METRICS,
    time_log_csv.TEMPLATE,
    time_log_csv.TOGGL,
    time_log_csv.CLOCKIFY,
    interactions_csv.TEMPLATE,
    *ga4_csv.CONNECTORS,
    *mailchimp_csv.CONNECTORS,
    *feed.CONNECTORS,
    *synced.CONNECTORS,
]

# Exports people will bring that are recognised but not imported yet: (what it is, header names).
NOT_YET_SUPPORTED: list[tuple[str, tuple[str, ...]]] = [
    (
        "a Razorpay payments list saved from the API (amounts in paise; use the Dashboard's Reports > Payments)",
        ("id", "entity", "amount", "amount_refunded", "captured"),
    ),
    # Universal Analytics (Google Analytics before GA4) stopped collecting data in July 2023.
    (
        "a Universal Analytics report (the Google Analytics before GA4)",
        ("source / medium", "users", "sessions", "bounce rate"),
    ),
    ("a Universal Analytics report (the Google Analytics before GA4)", ("page", "pageviews", "unique pageviews")),
    ("a Universal Analytics report (the Google Analytics before GA4)", ("day index", "users")),
]

PLATFORMS = (
    "x",
    "facebook",
    "instagram",
    "youtube",
    "linkedin",
    "tiktok",
    "mastodon",
    "bluesky",
    "blog",
    "email",
    "website",
    "web",
)

PLATFORM_LABELS = {
    "x": "X (Twitter)",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "blog": "Blog",
    "email": "Newsletter",
    "website": "Website",
    "web": "Web mentions",
}


class DetectionError(ValueError):
    """The file is not an export this product knows; the message is for people."""


@dataclass(frozen=True)
class Detected:
    """A connector matched to one file, with where its data starts and which columns it has."""

    connector: Connector
    platform: str
    fields: dict[str, Field]
    encoding: str
    delimiter: str  # "," as exported; ";" (decimal commas) or tab after some re-saves
    header: list[str]
    data_starts_after_line: int  # physical lines before the first data row
    preamble: tuple[str, ...] = ()  # the lines above the header (GA4's "# Start date: ...")

    def preamble_value(self, spec: Field) -> str | None:
        """A field's value read from the lines above the header, or None."""
        for line in self.preamble:
            match = re.search(spec.preamble or "", line) if spec.preamble else None
            if match:
                return match.group(1).strip()
        return None

    @property
    def present(self) -> set[str]:
        """The canonical columns this file has a value source for."""
        positions = self.positions
        return {
            c
            for c, spec in self.fields.items()
            if positions[c] or spec.constant is not None or self.preamble_value(spec) is not None
        }

    @property
    def positions(self) -> dict[str, list[int]]:
        """Canonical column -> positions of its source columns, in alias order."""
        names = [normalise_header(h) for h in self.header]
        found: dict[str, list[int]] = {}
        for canonical, spec in self.fields.items():
            positions: list[int] = []
            if spec.preamble or spec.constant is not None:
                found[canonical] = positions
                continue
            for source in spec.sources:
                matches = [i for i, n in enumerate(names) if n == normalise_header(source)]
                if len(matches) > spec.occurrence:
                    positions.append(matches[spec.occurrence])
            found[canonical] = positions
        return found


def known_formats() -> str:
    """The exports this product reads, in one sentence for error messages."""
    return (
        "X/Twitter tweet, daily, Content and Overview exports; Facebook Insights post and page exports; "
        "Meta Business Suite Facebook and Instagram content and page-insight exports; "
        "YouTube Studio Table data, Totals (of views or another chart metric) or the whole Studio ZIP; "
        "TikTok analytics Overview, Content, Viewers and FollowerHistory files and the 2025 overview, video list and followers files; "
        "PayPal activity downloads (Download.CSV) and PayPal Giving Fund payout reports; "
        "Razorpay Dashboard payments reports; Stripe payments exports (unified_payments.csv); "
        "LinkedIn Page content, followers and visitors workbooks (.xls); "
        "time logs: Toggl Track and Clockify detailed reports and this product's time log template; "
        "Google Analytics 4 report downloads (traffic and user acquisition, pages and screens, by date, Reports snapshot); "
        "Mailchimp campaigns exports (full or short) and campaign reports"
    )


def _matches(connector: Connector, names: set[str]) -> bool:
    return all(s in names for s in connector.signature) and not any(e in names for e in connector.excludes)


def _describes_columns(detected: Detected, cells: list[str]) -> bool:
    """Whether the row under the header is the format's row of descriptions, not data.

    Its key cells are empty (no post ID, no date), which no data row's are, and a cell describes a metric
    ("Lifetime: ..."), or, in an export in another language ("Livstid: ..."), none holds a figure.
    """
    pattern = detected.connector.description_row
    if pattern is None:
        return False
    positions = detected.positions
    keys = [p for c, spec in detected.fields.items() if spec.required for p in positions[c]]
    if any(p < len(cells) and cells[p].strip() for p in keys):
        return False
    described = any(re.match(pattern, cell) for cell in cells)
    return described or not any(re.fullmatch(r"\s*-?[\d.,]+\s*", cell) for cell in cells)


def detect(name: str, head: bytes, saved: Sequence[Connector] = ()) -> Detected:
    """The connector for a file, from its first bytes; DetectionError if none or several fit.

    `saved` are connectors made from people's column mappings (connectors/custom.py); a built-in
    connector always wins over them.
    """
    if not head.strip():
        raise DetectionError(f"{name}: the file is empty.")
    kind = binary_kind(head)
    if kind == "zip":
        raise DetectionError(f"{name}: this is a ZIP archive; it is unpacked before detection.")
    if kind:
        raise DetectionError(f"{name}: this is {kind}.")
    encoding = sniff_encoding(head)
    text = decode_head(head, encoding)
    if not text.strip("\ufeff \t\r\n"):  # a byte-order mark and blank lines
        raise DetectionError(f"{name}: the file is empty.")
    for connector in REGISTRY:
        # Documents that are not one table (Mailchimp's campaign report, a feed) are recognised by their
        # text; ingest turns them into a table with connector.prepare and detects that.
        if connector.matches_text and connector.matches_text(text):
            return Detected(connector, connector.platform, connector.fields, encoding, ",", [], 0)
    if markup := markup_kind(text):
        raise DetectionError(f"{name}: this is {markup}.")
    delimiter = sniff_delimiter(text)
    rows = head_rows(text, delimiter=delimiter)
    for index, row in enumerate(rows):
        names = {normalise_header(c) for c in row.cells}
        candidates = [c for c in REGISTRY if _matches(c, names)] or [c for c in saved if _matches(c, names)]
        if not candidates:
            continue
        # Prefer the most specific signature (Chart data also carries Totals' "Date,Views").
        candidates.sort(key=lambda c: len(c.signature), reverse=True)
        if len(candidates) > 1 and len(candidates[0].signature) == len(candidates[1].signature):
            labels = " and ".join(c.label for c in candidates)
            raise DetectionError(f"{name}: the header fits several formats ({labels}); cannot tell which.")
        connector = candidates[0]
        platform, fields = connector.platform, connector.fields
        if connector.resolve_title:
            title = rows[index - 1].cells[0] if index > 0 and rows[index - 1].cells else ""
            resolved = connector.resolve_title(title)
            if resolved is None:
                raise DetectionError(
                    f"{name}: looks like a Meta Business Suite insights file, but its title line "
                    f"'{title[:60]}' names no metric this product knows (follows, views, reach, visits, interactions)."
                )
            platform, fields = resolved
        detected = Detected(
            connector=replace(connector, platform=platform, fields=fields) if connector.resolve_title else connector,
            platform=platform,
            fields=fields,
            encoding=encoding,
            delimiter=delimiter,
            header=row.cells,
            data_starts_after_line=row.end_line,
            preamble=tuple(",".join(r.cells) for r in rows[:index]),
        )
        below = rows[index + 1] if index + 1 < len(rows) else None
        if below and _describes_columns(detected, below.cells):
            detected = replace(detected, data_starts_after_line=below.end_line)
        return detected
    for row in rows:
        names = {normalise_header(c) for c in row.cells}
        for what, signature in NOT_YET_SUPPORTED:
            if all(s in names for s in signature):
                raise DetectionError(
                    f"{name}: this looks like {what}, which this version cannot import yet. "
                    f"It reads: {known_formats()}."
                )
    if not rows and len(head) == HEAD_BYTES and "\n" not in text and "\r" not in text:
        raise DetectionError(
            f"{name}: not an export this product recognises: its first line is longer than "
            f"{HEAD_BYTES // 1024} kB, so it holds no header of columns."
        )
    first = rows[0].cells[:6] if rows else []
    looks = ", ".join(repr(c[:30]) for c in first) or "no readable columns"
    raise DetectionError(
        f"{name}: not an export this product recognises (its first columns are {looks}). "
        f"Known formats: {known_formats()}. If it is a table of your own (site stats, a donation form), "
        "map its columns once on the Upload page (or with `python -m impact map`), and files like it will import."
    )
