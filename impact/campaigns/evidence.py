"""Evidence beside the numbers: stories, quotes, photos' links and testimonials attached to a campaign.

Numbers alone don't tell a funder what changed; a parent's words or a photo of the camp do. Text is
stored as typed (capped in length) and escaped wherever it is shown; a link is kept only when it is
an http(s) address with a host, so a `javascript:` or `data:` link can never reach a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import duckdb
import pandas as pd

from impact.store.connection import WRITE_LOCK

EVIDENCE_KINDS = {
    "story": "Story",
    "quote": "Quote",
    "photo": "Photo",
    "testimonial": "Testimonial",
    "link": "Link",
}
MAX_TITLE = 200
MAX_BODY = 4000
MAX_URL = 2000
MAX_ATTRIBUTION = 200


@dataclass(frozen=True)
class EvidenceEntry:
    """One piece of evidence as typed in the form."""

    kind: str
    title: str = ""
    body: str = ""
    url: str = ""
    attributed_to: str = ""
    day: date | None = None


def safe_url(url: str) -> str | None:
    """The address when it is http:// or https:// with a host, else None (javascript:, data:, file: ...)."""
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    # A space or control character inside an address is a sign of something pasted that is not one.
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        return None
    return text


def _check(entry: EvidenceEntry) -> EvidenceEntry:
    """The entry trimmed and capped; ValueError with a sentence when it cannot be kept."""
    if entry.kind not in EVIDENCE_KINDS:
        known = ", ".join(EVIDENCE_KINDS)
        raise ValueError(f"'{entry.kind[:40]}' is not a kind of evidence; use one of {known}")
    title = " ".join(entry.title.split())[:MAX_TITLE]
    body = entry.body.strip()[:MAX_BODY]
    if not title and not body:
        raise ValueError("give the evidence a title or its text (the story, the quote)")
    url = entry.url.strip()
    if url:
        if len(url) > MAX_URL:
            raise ValueError(f"the link is longer than {MAX_URL:,} characters")
        if safe_url(url) is None:
            raise ValueError("the link must be a web address starting with http:// or https://, such as "
                             "https://photos.example.org/camp")  # fmt: skip
    return EvidenceEntry(
        kind=entry.kind,
        title=title,
        body=body,
        url=url,
        attributed_to=" ".join(entry.attributed_to.split())[:MAX_ATTRIBUTION],
        day=entry.day,
    )


def add_evidence(con: duckdb.DuckDBPyConnection, campaign_id: int, entry: EvidenceEntry) -> int:
    """Attach a piece of evidence to a campaign; its id, or ValueError with a sentence when it is not right."""
    checked = _check(entry)
    if con.execute("SELECT 1 FROM campaign WHERE id = ?", [campaign_id]).fetchone() is None:
        raise ValueError(f"there is no campaign {campaign_id}")
    with WRITE_LOCK:
        row = con.execute(
            """INSERT INTO evidence (campaign_id, kind, title, body, url, attributed_to, day)
               VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""",
            [
                campaign_id,
                checked.kind,
                checked.title or None,
                checked.body or None,
                checked.url or None,
                checked.attributed_to or None,
                checked.day,
            ],
        ).fetchone()
    assert row is not None
    return int(row[0])


def evidence_for(con: duckdb.DuckDBPyConnection, campaign_id: int, limit: int | None = None) -> pd.DataFrame:
    """The campaign's evidence, the most recent first (by its day, then when it was added)."""
    return con.execute(
        """SELECT id, kind, coalesce(title, '') AS title, coalesce(body, '') AS body, coalesce(url, '') AS url,
                  coalesce(attributed_to, '') AS attributed_to, day, added_at
           FROM evidence WHERE campaign_id = ?
           ORDER BY day DESC NULLS LAST, added_at DESC, id DESC
           LIMIT ?""",
        [campaign_id, limit],
    ).df()


def delete_evidence(con: duckdb.DuckDBPyConnection, evidence_id: int, campaign_id: int) -> None:
    """Remove one piece of evidence; only from the campaign it belongs to (LookupError otherwise)."""
    with WRITE_LOCK:
        row = con.execute(
            "DELETE FROM evidence WHERE id = ? AND campaign_id = ? RETURNING id", [evidence_id, campaign_id]
        ).fetchone()
    if row is None:
        raise LookupError(f"there is no evidence {evidence_id} in this campaign")
