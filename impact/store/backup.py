"""A consistent copy of the store, made while the dashboard runs.

The dashboard holds the database file only during a page run, so the command line gets it between
two runs (waiting, as imports do). Holding it, we fold the write-ahead log into the file (CHECKPOINT)
and copy the file's bytes: no other process can write while we hold it, and WRITE_LOCK keeps this
process's own writers out. The copy is checked by opening it before it takes its final name, so a
half-written backup never looks like a good one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from impact.store.connection import WRITE_LOCK


class BackupError(RuntimeError):
    """The backup could not be written; its message is the sentence to show."""


def backup_store(con: duckdb.DuckDBPyConnection, target: Path) -> int:
    """Copy the store `con` holds to `target` (never overwriting a file); the copy's size in bytes."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name (a backup never overwrites one).")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} is not a folder.")
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    source = Path(row[0]) if row and row[0] else None
    if source is None or not source.is_file():
        raise BackupError("this store is not a file (an in-memory store cannot be backed up).")
    handle, partial = tempfile.mkstemp(prefix=".backup-", suffix=".duckdb", dir=target.parent)
    os.close(handle)
    try:
        with WRITE_LOCK:
            con.execute("CHECKPOINT")  # everything committed is now in the file itself, none in the WAL
            shutil.copyfile(source, partial)
        check = duckdb.connect(partial, read_only=True)
        try:
            check.execute("SELECT count(*) FROM schema_migration").fetchone()
        finally:
            check.close()
        os.link(partial, target)  # fails rather than replace a file made meanwhile
    except (OSError, duckdb.Error) as error:
        raise BackupError(f"the backup could not be written to {target}: {error}") from error
    finally:
        Path(partial).unlink(missing_ok=True)
    return target.stat().st_size
