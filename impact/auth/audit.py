"""The audit log: who did what, when, to which organisation.

Recorded by the callers that act for a person (the pages and the command line), right after the
change, so the log names the person; the figures' own history stays in import_batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from impact.store.connection import WRITE_LOCK
from impact.store.names import shown_name

ACTIONS = (
    "import", "import refused", "undo", "edit", "sign-in", "sign-in failed", "sign-out", "account added",
    "account removed", "share link created", "share link used", "share link revoked", "backup",
)  # fmt: skip
MAX_DETAIL = 2_000


def utc_now() -> datetime:
    """Now in UTC, without a zone (the store keeps UTC timestamps)."""
    return datetime.now(UTC).replace(tzinfo=None)


def record(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    action: str,
    organisation_id: int | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> None:
    """Add one event. The detail is cut to 2,000 characters: it may quote a file's name or an error."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    with WRITE_LOCK:
        con.execute(
            "INSERT INTO audit_event (occurred_at, actor, action, organisation_id, detail) VALUES (?, ?, ?, ?, ?)",
            [at or utc_now(), shown_name(actor)[:320], action, organisation_id, shown_name(detail)[:MAX_DETAIL]],
        )


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    actor: str
    action: str
    organisation: str | None
    detail: str

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds") + "Z",
            "actor": self.actor,
            "action": self.action,
            "organisation": self.organisation,
            "detail": self.detail,
        }


def events(con: duckdb.DuckDBPyConnection, limit: int | None = None) -> list[Event]:
    """The newest events first; an organisation removed since shows as its old id's absence (None)."""
    rows = con.execute(
        """SELECT e.id, e.occurred_at, e.actor, e.action, o.name, e.detail
           FROM audit_event e LEFT JOIN organisation o ON o.id = e.organisation_id
           ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?""",
        [limit if limit is not None else 2**62],
    ).fetchall()
    return [Event(*row) for row in rows]
