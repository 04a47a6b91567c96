"""Read-only share links: one organisation's pages for someone without an account (a board, a funder).

The token is 32 random bytes (256 bits) from the operating system, shown once; the store keeps only
its SHA-256, so a copy of the store opens no link. A plain hash suffices for a random token of that
size (no dictionary to guess from), unlike passwords.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb

from impact.auth import Person
from impact.auth.audit import record, utc_now
from impact.store.access import Readable
from impact.store.connection import WRITE_LOCK, transaction

DEFAULT_DAYS = 30
MAX_DAYS = 366
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # token_urlsafe(32)
# A link's use is written down at most this often, so that reading a shared page does not write to
# the store on every click (each write would also empty every session's figure cache).
USE_NOTED_EVERY = timedelta(minutes=10)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class ShareLink:
    id: int
    organisation_id: int
    organisation: str
    period: tuple[date, date] | None
    created_by: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None

    def state(self, now: datetime | None = None) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= (now or utc_now()) else "active"

    def as_json(self, now: datetime | None = None) -> dict[str, object]:
        def stamp(value: datetime | None) -> str | None:
            return value.isoformat(timespec="seconds") + "Z" if value else None

        return {
            "id": self.id,
            "organisation": self.organisation,
            "period": [self.period[0].isoformat(), self.period[1].isoformat()] if self.period else None,
            "created_by": self.created_by,
            "created_at": stamp(self.created_at),
            "expires": stamp(self.expires_at),
            "revoked_at": stamp(self.revoked_at),
            "last_used": stamp(self.last_used_at),
            "state": self.state(now),
        }


_SELECT = """SELECT s.id, s.organisation_id, o.name, s.period_start, s.period_end, s.created_by, s.created_at,
                    s.expires_at, s.revoked_at, s.last_used_at
             FROM share_link s JOIN organisation o ON o.id = s.organisation_id"""


def _link(row: tuple) -> ShareLink:
    link_id, org_id, name, start, end, by, created, expires, revoked, used = row
    period = (start, end) if start is not None and end is not None else None
    return ShareLink(int(link_id), int(org_id), name, period, by, created, expires, revoked, used)


def create_link(
    con: duckdb.DuckDBPyConnection,
    organisation_id: int,
    created_by: str,
    days: int = DEFAULT_DAYS,
    period: tuple[date, date] | None = None,
    now: datetime | None = None,
) -> tuple[str, ShareLink]:
    """A new link: (the token, to hand over once; the link as stored)."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a link lasts 1 to {MAX_DAYS} days, not {days}")
    if period is not None and period[0] > period[1]:
        raise ValueError("the period ends before it starts")
    now = now or utc_now()
    token = secrets.token_urlsafe(32)
    with WRITE_LOCK, transaction(con):
        if not con.execute("SELECT 1 FROM organisation WHERE id = ?", [organisation_id]).fetchone():
            raise LookupError(f"there is no organisation {organisation_id}")
        link_id = con.execute(
            """INSERT INTO share_link (token_sha256, organisation_id, period_start, period_end, created_by,
                                       created_at, expires_at)
               VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""",
            [_digest(token), organisation_id, *(period or (None, None)), created_by, now, now + timedelta(days=days)],
        ).fetchone()[0]  # type: ignore[index]
        record(con, created_by, "share link created", organisation_id, f"link {link_id}, {days} days")
    return token, links(con, link_id)[0]


def links(con: duckdb.DuckDBPyConnection, link_id: int | None = None) -> list[ShareLink]:
    """Every link (or one), newest first, with its organisation's name."""
    rows = con.execute(
        f"{_SELECT} WHERE ? IS NULL OR s.id = ? ORDER BY s.created_at DESC, s.id DESC", [link_id, link_id]
    ).fetchall()
    return [_link(row) for row in rows]


def revoke_link(con: duckdb.DuckDBPyConnection, link_id: int, actor: str, now: datetime | None = None) -> ShareLink:
    """Revoke a link at once (a page open on it shows no data from its next click); LookupError if none."""
    with WRITE_LOCK, transaction(con):
        row = con.execute(
            "UPDATE share_link SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? RETURNING organisation_id",
            [now or utc_now(), link_id],
        ).fetchone()
        if not row:
            raise LookupError(f"there is no share link {link_id}")
        record(con, actor, "share link revoked", int(row[0]), f"link {link_id}")
    return links(con, link_id)[0]


@dataclass(frozen=True)
class Opened:
    """A link opened: its visitor, or the sentence that says why there is nothing to see."""

    person: Person | None
    message: str


def open_link(con: duckdb.DuckDBPyConnection, token: str, now: datetime | None = None) -> Opened:
    """The visitor a token lets in, read-only and to one organisation; checked on every page run."""
    now = now or utc_now()
    if not _TOKEN.fullmatch(token or ""):
        return Opened(None, "This share link is not valid. Ask whoever sent it for a new one.")
    row = con.execute(f"{_SELECT} WHERE s.token_sha256 = ?", [_digest(token)]).fetchone()
    if not row:
        return Opened(None, "This share link is not valid. Ask whoever sent it for a new one.")
    link = _link(row)
    if link.revoked_at is not None:
        return Opened(None, "This share link has been revoked, so it shows nothing. Ask whoever sent it for a new one.")
    if link.expires_at <= now:
        return Opened(
            None,
            f"This share link expired on {link.expires_at:%d %b %Y}, so it shows nothing. "
            "Ask whoever sent it for a new one.",
        )
    if link.last_used_at is None or now - link.last_used_at >= USE_NOTED_EVERY:
        with WRITE_LOCK:
            con.execute("UPDATE share_link SET last_used_at = ? WHERE id = ?", [now, link.id])
        record(con, f"share link {link.id}", "share link used", link.organisation_id, "")
    person = Person(
        label=f"share link {link.id}",
        role="share",
        readable=Readable(frozenset({link.organisation_id})),
        share_id=link.id,
        period=link.period,
    )
    return Opened(person, "")
