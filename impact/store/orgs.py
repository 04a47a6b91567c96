"""Organisations: the non-profits whose data the store holds."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from impact.store.connection import WRITE_LOCK

DEFAULT_ORGANISATION = "My organisation"


def clean_name(name: str | None) -> str:
    """An organisation name as stored: trimmed, at most 200 characters, never empty."""
    return (name or "").strip()[:200] or DEFAULT_ORGANISATION


def ensure_organisation(con: duckdb.DuckDBPyConnection, name: str | None, **settings: object) -> int:
    """The id of the organisation with this name, created when new."""
    name = clean_name(name)
    with WRITE_LOCK:
        row = con.execute("SELECT id FROM organisation WHERE name = ?", [name]).fetchone()
        if row:
            return int(row[0])
        allowed = {"base_url", "timezone", "currency", "daily_budget_minutes", "hourly_value"}
        values = {k: v for k, v in settings.items() if k in allowed and v is not None}
        columns = ["name", *values]
        placeholders = ", ".join("?" for _ in columns)
        return int(
            con.execute(
                f"INSERT INTO organisation ({', '.join(columns)}) VALUES ({placeholders}) RETURNING id",
                [name, *values.values()],
            ).fetchone()[0]  # type: ignore[index]
        )


def organisations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Organisation names, alphabetically."""
    return [r[0] for r in con.execute("SELECT name FROM organisation ORDER BY name").fetchall()]


def organisation_id(con: duckdb.DuckDBPyConnection, name: str) -> int | None:
    """The id of an organisation, or None when there is none of that name."""
    row = con.execute("SELECT id FROM organisation WHERE name = ?", [name]).fetchone()
    return int(row[0]) if row else None


@dataclass(frozen=True)
class Settings:
    """An organisation's own settings: its currency, time zone, daily time budget and staff hourly value."""

    currency: str
    timezone: str
    daily_budget_minutes: int | None
    hourly_value: float | None


def settings(con: duckdb.DuckDBPyConnection, organisation_id: int) -> Settings:
    """The organisation's settings; LookupError when there is no such organisation."""
    row = con.execute(
        "SELECT currency, timezone, daily_budget_minutes, hourly_value FROM organisation WHERE id = ?",
        [organisation_id],
    ).fetchone()
    if row is None:
        raise LookupError(f"there is no organisation {organisation_id}")
    return Settings(row[0], row[1], row[2], row[3])
