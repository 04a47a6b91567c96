"""Erased people stay erased: their interactions are deleted from every import, before it is counted.

impact.supporters.identity.erase() writes a hash of each erased handle to supporter_erased (the handle
itself is not kept); forget_erased() then deletes their interactions and takes their name off the
listening feeds' mentions. Ingest runs it on each new batch of interactions or mentions before the
batch's rows are counted, so a re-import of the files that named the person neither brings them
back nor counts them as new.
"""

from __future__ import annotations

import hashlib

import duckdb


def handle_hash(handle: str) -> str:
    """What supporter_erased keeps of a handle: SHA-256 of it, trimmed and lower-cased (as the SQL below)."""
    return hashlib.sha256(handle.strip().lower().encode()).hexdigest()


_ERASED = """EXISTS (SELECT 1 FROM supporter_erased e WHERE e.organisation_id = t.organisation_id
                     AND e.platform = t.platform AND e.handle_hash = sha256(lower(trim(t.{column}))))"""


def forget_erased(con: duckdb.DuckDBPyConnection, org: int, batch_id: int | None = None) -> int:
    """Delete erased people's interactions and blank their names on mentions (one batch's, or all of the
    organisation's); returns how many rows it touched. Runs inside the caller's transaction."""
    in_batch = "" if batch_id is None else "AND t.batch_id = $batch"
    params: dict[str, object] = {"org": org} if batch_id is None else {"org": org, "batch": batch_id}
    touched = 0
    tables = ["interaction_observation"] if batch_id is not None else ["interaction_observation", "interaction"]
    for table in tables:
        rows = con.execute(
            f"DELETE FROM {table} t WHERE t.organisation_id = $org {in_batch} AND {_ERASED.format(column='person_handle')} "
            "RETURNING 1",
            params,
        ).fetchall()
        touched += len(rows) if table == "interaction_observation" else 0
    for table in ["mention_observation"] if batch_id is not None else ["mention_observation", "mention"]:
        rows = con.execute(
            f"UPDATE {table} t SET author = NULL WHERE t.organisation_id = $org {in_batch} AND t.author IS NOT NULL "
            f"AND {_ERASED.format(column='author')} RETURNING 1",
            params,
        ).fetchall()
        touched += len(rows) if table == "mention_observation" else 0
    return touched
