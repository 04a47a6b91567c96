"""The import history: every file imported, its counts, and why rows were left out."""

from __future__ import annotations

import duckdb
import pandas as pd


def import_history(con: duckdb.DuckDBPyConnection, organisation_id: int | None = None) -> pd.DataFrame:
    """Every import, newest first, with its counts and status."""
    return con.execute(
        """SELECT b.id AS batch, b.source_name AS file, b.platform, b.rows_new AS new, b.rows_updated AS updated,
                  b.rows_unchanged AS unchanged, b.rows_rejected AS rejected, b.started_at AS imported_at, b.status,
                  o.name AS organisation, b.connector, b.sha256
           FROM import_batch b JOIN organisation o ON o.id = b.organisation_id
           WHERE $org IS NULL OR b.organisation_id = $org
           ORDER BY b.id DESC""",
        {"org": organisation_id},
    ).df()


def imported_file_count(con: duckdb.DuckDBPyConnection, organisation_id: int) -> int:
    """How many files the organisation's figures come from (imports not undone)."""
    row = con.execute(
        "SELECT count(*) FROM import_batch WHERE organisation_id = ? AND status = 'imported'", [organisation_id]
    ).fetchone()
    return int(row[0]) if row else 0


def batch_rejections(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[str]:
    """Why rows of one import were left out."""
    return [
        r[0]
        for r in con.execute(
            "SELECT reason FROM import_rejection WHERE batch_id = ? ORDER BY line", [batch_id]
        ).fetchall()
    ]


def batch_organisation(con: duckdb.DuckDBPyConnection, batch_id: int) -> int | None:
    """The organisation an import batch belongs to (None: no such batch)."""
    row = con.execute("SELECT organisation_id FROM import_batch WHERE id = ?", [batch_id]).fetchone()
    return int(row[0]) if row else None
