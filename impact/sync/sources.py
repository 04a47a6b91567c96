"""Sources: the feeds and accounts a store pulls from, per organisation.

A source is a kind (rss, mastodon, bluesky, ...), a target (a feed's address, user@server, a handle),
for rss a role (blog: the organisation's own posts; mentions: listening), an optional base URL (another
server than the API's own, such as a local one in tests), and what makes the next pull incremental
(its state: ETag, Last-Modified, cursors). Keys and tokens are kept encrypted in source_secret.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from impact.auth.audit import utc_now
from impact.store.connection import WRITE_LOCK, transaction
from impact.sync import secrets

ROLES = ("blog", "mentions")
# The Graph API version asked (each lasts about two years; v24.0 came out in October 2025).
GRAPH_API = "https://graph.facebook.com/v24.0"
# kind -> (what the target is, the default base URL, whether it needs a key or token)
KINDS: dict[str, tuple[str, str | None, bool]] = {
    "rss": ("the feed's address", None, False),
    "mastodon": ("the account, user@server", None, False),
    "bluesky": ("the handle, name.bsky.social", "https://public.api.bsky.app", False),
    "youtube": ("the channel id, UC followed by 22 characters", "https://www.googleapis.com/youtube/v3", True),
    "facebook": ("the Page id, a number", GRAPH_API, True),
    "instagram": ("the Instagram professional account id, a number", GRAPH_API, True),
}
_MASTODON = re.compile(r"@?([A-Za-z0-9_]{1,64})@([A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63})")
_CHANNEL = re.compile(r"UC[A-Za-z0-9_-]{22}")
_GRAPH_ID = re.compile(r"[0-9]{5,30}")
_HANDLE = re.compile(r"@?([A-Za-z0-9][A-Za-z0-9.-]{0,252}\.[A-Za-z]{2,63})")


@dataclass(frozen=True)
class Source:
    id: int
    organisation_id: int
    organisation: str
    kind: str
    target: str
    role: str
    base_url: str | None
    secret_hint: str | None
    state: dict[str, object] = field(default_factory=dict)
    refused_metrics: tuple[str, ...] = ()
    last_synced_at: datetime | None = None
    last_status: str | None = None
    last_message: str | None = None
    time_zone: str = "UTC"  # the organisation's: Meta's and YouTube's times are stored in it

    @property
    def shown_target(self) -> str:
        """The target as it may be shown: a feed's address without its query, where a private feed's key travels."""
        return _shown(self.kind, self.target)

    @property
    def label(self) -> str:
        """What people call it: "rss (blog) https://...", "mastodon @user@server"."""
        role = f" ({self.role})" if self.role else ""
        return f"{self.kind}{role} {self.shown_target}"

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "organisation": self.organisation,
            "kind": self.kind,
            "target": self.shown_target,
            "role": self.role or None,
            "base_url": self.base_url,
            "secret": self.secret_hint,
            "refused_metrics": list(self.refused_metrics),
            "last_synced_at": self.last_synced_at.isoformat(timespec="seconds") + "Z" if self.last_synced_at else None,
            "last_status": self.last_status,
            "last_message": self.last_message,
        }


def _shown(kind: str, target: str) -> str:
    if kind != "rss":
        return target
    from impact.sync.http import where  # requests, imported when a feed is shown

    return where(target)


def clean_target(kind: str, target: str, role: str) -> tuple[str, str]:
    """The target and role as stored; ValueError saying what is wrong."""
    target = (target or "").strip()
    if kind not in KINDS:
        raise ValueError(f"the kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind == "rss":
        if role not in ROLES:
            raise ValueError("an rss source is a blog (--as blog) or a listening feed (--as mentions)")
        from impact.sync.http import check_url  # requests, imported when a source is added

        return check_url(target), role
    if role:
        raise ValueError(f"only rss sources have a role (--as); a {kind} source has none")
    if kind == "mastodon":
        match = _MASTODON.fullmatch(target)
        if not match:
            raise ValueError(f"{target[:100]!r} is not a Mastodon account written user@server")
        return f"{match.group(1)}@{match.group(2).lower()}", ""
    if kind == "youtube":
        if not _CHANNEL.fullmatch(target):
            raise ValueError(
                f"{target[:100]!r} is not a YouTube channel id (UC followed by 22 letters, digits, - or _; "
                "YouTube Studio > Settings > Channel > Advanced settings shows it)"
            )
        return target, ""
    if kind in ("facebook", "instagram"):
        if not _GRAPH_ID.fullmatch(target):
            what = "Page" if kind == "facebook" else "Instagram professional account"
            raise ValueError(f"{target[:100]!r} is not a {what} id (a number, as the Graph API gives it)")
        return target, ""
    match = _HANDLE.fullmatch(target)
    if not match:
        raise ValueError(f"{target[:100]!r} is not a Bluesky handle such as name.bsky.social")
    return match.group(1).lower(), ""


def add_source(
    con: duckdb.DuckDBPyConnection,
    organisation_id: int,
    kind: str,
    target: str,
    role: str = "",
    base_url: str | None = None,
    secret: str | None = None,
) -> Source:
    """Add a source; ValueError when it does not make sense or is there already."""
    target, role = clean_target(kind, target, role)
    if base_url:
        from impact.sync.http import check_url

        base_url = check_url(base_url).rstrip("/")
    if KINDS[kind][2] and not secret:
        raise ValueError(f"a {kind} source needs its key or token")
    with WRITE_LOCK, transaction(con):
        if not con.execute("SELECT 1 FROM organisation WHERE id = ?", [organisation_id]).fetchone():
            raise ValueError(f"there is no organisation {organisation_id}")
        if con.execute(
            "SELECT 1 FROM source WHERE organisation_id = ? AND kind = ? AND target = ? AND role = ?",
            [organisation_id, kind, target, role],
        ).fetchone():
            raise ValueError(f"this organisation already has the source {kind} {_shown(kind, target)}")
        source_id = int(
            con.execute(
                """INSERT INTO source (organisation_id, kind, target, role, base_url, secret_hint, state, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, '{}', ?) RETURNING id""",
                [organisation_id, kind, target, role, base_url, secrets.hint(secret) if secret else None, utc_now()],
            ).fetchone()[0]  # type: ignore[index]
        )
        if secret:
            con.execute("INSERT INTO source_secret VALUES (?, ?)", [source_id, secrets.encrypt(secret)])
    return sources(con, source_id=source_id)[0]


def sources(
    con: duckdb.DuckDBPyConnection, organisation_id: int | None = None, source_id: int | None = None
) -> list[Source]:
    rows = con.execute(
        """SELECT s.id, s.organisation_id, o.name, s.kind, s.target, s.role, s.base_url, s.secret_hint, s.state,
                  s.refused_metrics, s.last_synced_at, s.last_status, s.last_message, o.timezone
           FROM source s JOIN organisation o ON o.id = s.organisation_id
           WHERE ($org IS NULL OR s.organisation_id = $org) AND ($id IS NULL OR s.id = $id)
           ORDER BY o.name, s.id""",
        {"org": organisation_id, "id": source_id},
    ).fetchall()
    return [
        Source(
            id,
            org_id,
            name,
            kind,
            target,
            role,
            base,
            hint,
            json.loads(state or "{}"),
            tuple(refused or ()),
            synced,
            status,
            message,
            zone,
        )  # fmt: skip
        for id, org_id, name, kind, target, role, base, hint, state, refused, synced, status, message, zone in rows
    ]


def remove_source(con: duckdb.DuckDBPyConnection, source_id: int) -> Source:
    """Remove a source and its secret (what it pulled stays, with its import batches); LookupError if none."""
    found = sources(con, source_id=source_id)
    if not found:
        raise LookupError(f"there is no source {source_id}")
    with WRITE_LOCK, transaction(con):
        con.execute("DELETE FROM source_secret WHERE source_id = ?", [source_id])
        con.execute("DELETE FROM source WHERE id = ?", [source_id])
    return found[0]


def secret_of(con: duckdb.DuckDBPyConnection, source_id: int) -> str | None:
    row = con.execute("SELECT ciphertext FROM source_secret WHERE source_id = ?", [source_id]).fetchone()
    return secrets.decrypt(str(row[0])) if row else None


def note_pull(
    con: duckdb.DuckDBPyConnection,
    source_id: int,
    status: str,
    message: str,
    state: dict[str, object] | None = None,
    refused: tuple[str, ...] | None = None,
) -> None:
    """Write down how a pull went (and, when it went well, where the next one starts)."""
    with WRITE_LOCK:
        con.execute(
            """UPDATE source SET last_synced_at = ?, last_status = ?, last_message = ?,
                      state = coalesce(?, state), refused_metrics = coalesce(?, refused_metrics)
               WHERE id = ?""",
            [
                utc_now(), status, message[:2000], json.dumps(state) if state is not None else None,
                list(refused) if refused is not None else None, source_id,
            ],
        )  # fmt: skip
