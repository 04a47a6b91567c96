"""Open the DuckDB store, apply its migrations, run transactions.

DuckDB lets one process hold a database file for writing. The dashboard and the command line
both open the file only for the moment they need it and retry while the other holds it, so a
trainer can import a folder from the command line while the dashboard is running.
"""

from __future__ import annotations

import fcntl
import os
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import resources
from pathlib import Path

import duckdb

from impact.store import derived

DEFAULT_DB = Path("data") / "impact.duckdb"
# DuckDB's default is 80 % of RAM, which it keeps until the connection closes; a cap makes a large
# import spill to disk (next to the database) instead, so the dashboard stays small on a laptop.
# The cap covers DuckDB's buffers, not the whole process: with 512MB a 1M-row import peaks near
# 900 MB (bench/bench_import.py), under 1 GB; with 768MB it peaked at 1.2 GB, no faster.
DEFAULT_MEMORY_LIMIT = "512MB"
LOCK_WAIT_SECONDS = 30.0

# One writer at a time inside a process (Streamlit runs each session in its own thread).
WRITE_LOCK = threading.RLock()

# The connections (by id) with a transaction() open in this thread or task: see transaction().
_OPEN: ContextVar[frozenset[int]] = ContextVar("open_transactions", default=frozenset())


class StoreBusy(RuntimeError):
    """Another program holds the database file for longer than we are willing to wait."""


def default_db_path() -> Path:
    """The IMPACT_DB environment variable, else data/impact.duckdb."""
    return Path(os.environ.get("IMPACT_DB") or DEFAULT_DB)


# Migrations that add data derived from the rows (post.hashtags, post_day): once they are applied, it is all
# computed from its definitions, once, however many of them a store takes at a time.
DERIVING_MIGRATIONS = {10, 11}


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("impact.store") / "sql"
    found = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"(\d{3})_(\w+)\.sql", entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_migration'"
    ).fetchone()
    if not exists or not exists[0]:
        return set()
    return {row[0] for row in con.execute("SELECT version FROM schema_migration").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Apply the migrations this file has not seen yet, each in its own transaction.

    Every page run connects, so the usual case (nothing to do) only reads: concurrent sessions
    must not race on catalog writes.
    """
    migrations = _migrations()
    if {version for version, _, _ in migrations} <= _applied_versions(con):
        return
    with WRITE_LOCK:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
            "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        done = _applied_versions(con)
        for version, name, sql in migrations:
            if version in done:
                continue
            with transaction(con):
                con.execute(sql)
                con.execute("INSERT INTO schema_migration (version, name) VALUES (?, ?)", [version, name])
        if DERIVING_MIGRATIONS - done:
            with transaction(con):
                derived.compute_again(con)


def derive_again_if_changed(con: duckdb.DuckDBPyConnection) -> None:
    """Compute the derived data again when its definitions changed since it was computed (one read otherwise)."""
    if derived.is_current(con):
        return
    with WRITE_LOCK, transaction(con):
        if not derived.is_current(con):  # another session of this process may have done it meanwhile
            derived.compute_again(con)


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Fold the write-ahead log into the file after an import, when nobody else is reading.

    CHECKPOINT fails while another session runs a query; the commit is already safe in the
    WAL then, and DuckDB checkpoints on its own later, so that failure is not an import failure.
    Inside an open transaction() it does nothing: DuckDB refuses it there and aborts the transaction,
    so whoever opened the transaction checkpoints after committing it.
    """
    if id(con) in _OPEN.get():
        return
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error:
        pass


def _is_lock_error(error: Exception) -> bool:
    text = str(error)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set lock" in text)


_DUCKDB_MAGIC = b"DUCK"  # at byte 8 of every DuckDB database file, after the header's checksum


def _store_is_sound(path: Path) -> bool:
    """Whether the file is there and is a DuckDB database, or has a write-ahead log DuckDB will replay."""
    if Path(f"{path}.wal").exists():
        return path.exists()
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except FileNotFoundError:
        return False
    return head[8:12] == _DUCKDB_MAGIC


def _set_aside(path: Path) -> Path:
    """Move a broken store out of the way as <name>.broken-<UTC timestamp>; it is never deleted."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target = path.with_name(f"{path.name}.broken-{stamp}")
    suffix = 1
    while target.exists():
        suffix += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{suffix}")
    os.replace(path, target)
    return target


def _ensure_store(path: Path, config: dict[str, str | bool | int | float | list[str]]) -> None:
    """Create the store whole, once, even when several processes open a new path at the same moment.

    Under an exclusive lock on <db>.lock, a new store is built and migrated in a temporary file in
    the same folder, then renamed into place (a rename is atomic): nobody ever opens a half-written
    file. An empty (0-byte) or half-created file left by an earlier crash, which DuckDB refuses as
    "not a valid DuckDB database file", is moved aside and a fresh store is created.
    """
    if _store_is_sound(path):
        return
    with open(f"{path}.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            if _store_is_sound(path):
                return  # another process created it while we waited
            if path.exists():
                _set_aside(path)
            temporary = path.with_name(f".{path.name}.creating-{uuid.uuid4().hex}")
            try:
                con = duckdb.connect(str(temporary), config=config)
                try:
                    con.execute("SET TimeZone = 'UTC'")
                    migrate(con)
                    con.execute("CHECKPOINT")
                finally:
                    con.close()
                if not path.exists():
                    os.replace(temporary, path)
            finally:
                for leftover in (temporary, Path(f"{temporary}.wal")):
                    leftover.unlink(missing_ok=True)
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def connect(path: Path | str | None = None, wait_seconds: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open the store (creating and migrating it as needed), waiting while another process holds it."""
    path = Path(path) if path else default_db_path()
    # Extensions cannot be downloaded here; fail at once rather than hang on the network.
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "memory_limit": os.environ.get("IMPACT_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT,
    }
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
        _ensure_store(path, config)
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), config=config)
            break
        except duckdb.IOException as error:
            if not _is_lock_error(error) or time.monotonic() > deadline:
                if _is_lock_error(error):
                    raise StoreBusy(
                        f"The database {path} is in use by another program (probably an import "
                        f"running elsewhere). Try again in a moment."
                    ) from error
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    con.execute("SET TimeZone = 'UTC'")
    migrate(con)
    derive_again_if_changed(con)
    return con


@contextmanager
def open_store(path: Path | str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection, closed on exit so other processes can get the file."""
    con = connect(path)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN ... COMMIT, or ROLLBACK on any error: the change lands whole or not at all.

    Inside another transaction() on the same connection it joins the outer one (DuckDB has neither nested
    transactions nor savepoints): nothing lands until the outer one commits, and the outer one rolls back
    everything when an error reaches it. So a caller that turns an inner error into a result (the import
    does, as a 'rejected' file) must raise when it sees that result, or the outer transaction keeps the
    inner one's half-done work. A sync's pull uses this to land its tables whole or not at all.
    """
    if id(con) in _OPEN.get():
        yield con
        return
    con.execute("BEGIN TRANSACTION")
    token = _OPEN.set(_OPEN.get() | {id(con)})
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        _OPEN.reset(token)
    con.execute("COMMIT")


def data_version(path: Path | str | None = None) -> tuple[int, int]:
    """Changes whenever the store's files change; a cache key that other processes' writes update."""
    path = Path(path) if path else default_db_path()
    stamps = []
    for candidate in (path, Path(f"{path}.wal")):
        try:
            stamps.append(candidate.stat().st_mtime_ns)
        except FileNotFoundError:
            stamps.append(0)
    return stamps[0], stamps[1]
