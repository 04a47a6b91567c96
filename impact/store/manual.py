"""Figures typed in by hand: outcomes (volunteers, sign-ups, offline gifts) and time entries.

Each entry is a batch of its own (connector `manual_outcome` or `manual_time`, platform `manual`),
so it lives in the same tables as imported rows, shows in the import history as "entered by hand",
and is deleted or corrected the way an import is undone: nothing typed is ever overwritten in place.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pandas as pd

from impact.store.connection import WRITE_LOCK, checkpoint, transaction
from impact.store.ingest import derive_current, remove_batch
from impact.store.tables import OUTCOME, TIME_ENTRY, TableSpec

MANUAL = "manual"
SOURCE_NAME = "entered by hand"
OUTCOME_KINDS = {
    "volunteer": "Volunteers recruited",
    "signup": "Sign-ups",
    "donation": "Offline donation",
    "petition": "Petition signatures",
}
ACTIVITIES = {
    "create": "Create content",
    "engage": "Engage and reply",
    "listen": "Listen and monitor",
    "measure": "Measure and report",
}
MAX_TEXT = 500
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class OutcomeEntry:
    """Supporters' actions recorded by hand: how many (or how much), when, for which campaign."""

    day: date
    kind: str
    quantity: int | None = None
    amount: float | None = None
    currency: str | None = None
    campaign: str = ""
    note: str = ""


@dataclass(frozen=True)
class TimeEntry:
    """Minutes one person spent on one platform and activity on one day."""

    day: date
    person: str
    channel: str
    activity: str
    minutes: float
    campaign: str = ""
    note: str = ""


def _text(value: str | None, limit: int = MAX_TEXT) -> str | None:
    cleaned = " ".join((value or "").split())[:limit]
    return cleaned or None


def _outcome_values(entry: OutcomeEntry) -> dict[str, object]:
    if entry.kind not in OUTCOME_KINDS:
        raise ValueError(f"'{entry.kind}' is not a kind of outcome this form records")
    if entry.kind == "donation":
        if entry.amount is None or not entry.amount > 0:
            raise ValueError("an offline donation needs an amount above zero")
        if not entry.currency:
            raise ValueError("say the donation's currency")
        quantity = 1
    else:
        if entry.quantity is None or entry.quantity < 1:
            raise ValueError("say how many (at least 1)")
        quantity = int(entry.quantity)
    return {
        "occurred_at": datetime(entry.day.year, entry.day.month, entry.day.day),
        "kind": entry.kind,
        "amount": round(float(entry.amount), 2) if entry.kind == "donation" and entry.amount else None,
        "currency": (entry.currency or "").strip().upper()[:3] or None if entry.kind == "donation" else None,
        "quantity": quantity,
        "campaign": _text(entry.campaign, 120),
        "note": _text(entry.note),
    }


def _time_values(entry: TimeEntry) -> dict[str, object]:
    if entry.activity not in ACTIVITIES:
        raise ValueError(f"'{entry.activity}' is not an activity (create, engage, listen or measure)")
    if not 0 < entry.minutes <= MAX_MINUTES:
        raise ValueError("minutes must be more than 0 and at most 1,440 (a whole day)")
    person = _text(entry.person, 80)
    if not person:
        raise ValueError("say who spent the time")
    return {
        "day": entry.day,
        "person": person,
        "channel": _text(entry.channel, 40),
        "activity": entry.activity,
        "minutes": float(entry.minutes),
        "campaign": _text(entry.campaign, 120),
        "note": _text(entry.note),
    }


def _record(con: duckdb.DuckDBPyConnection, organisation_id: int, table: TableSpec, values: dict[str, object]) -> int:
    """One entry as one batch, inside the caller's transaction; the batch id."""
    con.execute(
        "INSERT INTO account (organisation_id, platform, handle) VALUES (?, ?, '') ON CONFLICT DO NOTHING",
        [organisation_id, MANUAL],
    )
    account = con.execute(
        "SELECT id FROM account WHERE organisation_id = ? AND platform = ? AND handle = ''", [organisation_id, MANUAL]
    ).fetchone()
    now = datetime.now()
    batch = con.execute(
        """INSERT INTO import_batch (organisation_id, connector, platform, source_name, sha256, size_bytes, as_of,
                                     rows_read, rows_new, started_at, finished_at, status)
           VALUES (?, ?, ?, ?, ?, 0, ?, 1, 1, ?, ?, 'imported') RETURNING id""",
        [organisation_id, f"{MANUAL}_{table.name}", MANUAL, SOURCE_NAME, uuid.uuid4().hex, now, now, now],
    ).fetchone()
    assert account is not None and batch is not None
    (own_key,) = table.own_key
    row = {own_key: f"manual-{uuid.uuid4().hex[:16]}", **values}
    columns = ", ".join(row)
    con.execute(
        f"""INSERT INTO {table.name}_observation (batch_id, as_of, organisation_id, platform, account_id, {columns})
            VALUES (?, ?, ?, ?, ?, {", ".join("?" for _ in row)})""",
        [batch[0], now, organisation_id, MANUAL, account[0], *row.values()],
    )
    derive_current(con, table, int(batch[0]))
    return int(batch[0])


def _save(
    con: duckdb.DuckDBPyConnection,
    organisation_id: int,
    table: TableSpec,
    values: dict[str, object],
    replaces: int | None,
) -> int:
    with WRITE_LOCK:
        with transaction(con):
            if replaces is not None:
                _check_manual(con, replaces, organisation_id)
                remove_batch(con, replaces)
            batch = _record(con, organisation_id, table, values)
        checkpoint(con)
    return batch


def _check_manual(con: duckdb.DuckDBPyConnection, batch_id: int, organisation_id: int) -> None:
    row = con.execute(
        "SELECT platform, organisation_id FROM import_batch WHERE id = ? AND status = 'imported'", [batch_id]
    ).fetchone()
    if row is None or row[0] != MANUAL or row[1] != organisation_id:
        raise LookupError("that entry was not typed in by hand here, or is already gone")


def record_outcome(
    con: duckdb.DuckDBPyConnection, organisation_id: int, entry: OutcomeEntry, *, replaces: int | None = None
) -> int:
    """Store an outcome typed in by hand (replacing an earlier entry when given its batch); the batch id."""
    return _save(con, organisation_id, OUTCOME, _outcome_values(entry), replaces)


def record_time(
    con: duckdb.DuckDBPyConnection, organisation_id: int, entry: TimeEntry, *, replaces: int | None = None
) -> int:
    """Store minutes typed in by hand (replacing an earlier entry when given its batch); the batch id."""
    return _save(con, organisation_id, TIME_ENTRY, _time_values(entry), replaces)


def delete_entry(con: duckdb.DuckDBPyConnection, organisation_id: int, batch_id: int) -> None:
    """Remove an entry typed in by hand."""
    with WRITE_LOCK:
        with transaction(con):
            _check_manual(con, batch_id, organisation_id)
            remove_batch(con, batch_id)
        checkpoint(con)


def outcomes(con: duckdb.DuckDBPyConnection, organisation_id: int, start: date, end: date) -> pd.DataFrame:
    """Volunteers, sign-ups, donations and petitions in the days, each with the file it came from."""
    return con.execute(
        """SELECT CAST(o.occurred_at AS DATE) AS day, o.kind, coalesce(o.quantity, 1) AS quantity, o.amount,
                  o.currency, o.campaign, o.note, b.source_name AS source, o.batch_id
           FROM outcome o JOIN import_batch b ON b.id = o.batch_id
           WHERE o.organisation_id = ? AND o.occurred_at >= ? AND o.occurred_at < ? + INTERVAL 1 DAY
           ORDER BY o.occurred_at DESC, o.batch_id DESC""",
        [organisation_id, start, end],
    ).df()
