"""What the store computes from its current rows when they are written: derived columns and per-day sums.

`post.hashtags` holds each post's hashtags (impact.definitions.sql.hashtags_of), so the Content page's
hashtag table reads them instead of running a regular expression over every post of the period on each
visit. They are not observed: no file supplies them and no observation holds them. Every statement that
writes current rows goes through insert_current, which computes them; a row written another way has
NULL there, and the queries read coalesce(hashtags, hashtags_of('text')), so it is still counted right.

`post_day` sums each organisation's posts per platform and local day (impact.definitions.sql.POST_DAY_SUMS).
An organisation's rows are made again whenever its posts change, inside the same transaction: by ingest's
derive_current (every import, sync and manual entry) and remove_batch (undo), and by a package's import.
The local day and the website's host are the organisation's own, which only a package changes after the
organisation is made.

Both keep the definitions they were computed with, so `fingerprint` names those definitions (and DuckDB,
whose ICU holds the time-zone rules): when it differs from the one the store recorded, `compute_again` makes
every row again (impact.store.connection does it as it opens the store).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
from collections.abc import Callable, Iterable

import duckdb

from impact.definitions.sql import (
    base_host,
    hashtags_of,
    host_pattern,
    organisation_timezones,
    post_days_of_organisation,
)

DERIVED: dict[str, dict[str, str]] = {"post": {"hashtags": hashtags_of("text")}}


def insert_current(
    con: duckdb.DuckDBPyConnection, table: str, columns: str, select: str, params: dict[str, object] | None = None
) -> None:
    """INSERT INTO the current `table` the rows of `select` (which gives `columns`), with its derived columns."""
    derived = DERIVED.get(table)
    if not derived:
        con.execute(f"INSERT INTO {table} ({columns}) {select}", params)
        return
    con.execute(
        f"""INSERT INTO {table} ({columns}, {", ".join(derived)})
            SELECT *, {", ".join(derived.values())} FROM ({select})""",
        params,
    )


def fill(con: duckdb.DuckDBPyConnection, organisation_id: int | None = None) -> None:
    """Compute the derived columns again: every row's, or one organisation's (after its rows came from a package)."""
    for table, derived in DERIVED.items():
        assignments = ", ".join(f"{column} = {expression}" for column, expression in derived.items())
        if organisation_id is None:
            con.execute(f"UPDATE {table} SET {assignments}")
        else:
            con.execute(f"UPDATE {table} SET {assignments} WHERE organisation_id = $org", {"org": organisation_id})


def sum_post_days(con: duckdb.DuckDBPyConnection, organisation_ids: Iterable[int] | None = None) -> None:
    """Make the organisations' post_day rows again from their posts (every organisation's when None)."""
    ids = sorted(
        set(organisation_ids)
        if organisation_ids is not None
        else {int(r[0]) for r in con.execute("SELECT id FROM organisation").fetchall()}
    )
    if not ids:
        return
    zones = organisation_timezones(con, ids)
    sites = dict(
        con.execute("SELECT id, base_url FROM organisation WHERE list_contains($ids, id)", {"ids": ids}).fetchall()
    )
    for organisation_id in ids:
        host = base_host(sites.get(organisation_id))
        con.execute("DELETE FROM post_day WHERE organisation_id = ?", [organisation_id])
        params: dict[str, object] = {"org": organisation_id, "tz": zones[organisation_id]}
        if host:
            params.update(host=host, pattern=host_pattern(host))
        con.execute(f"INSERT INTO post_day {post_days_of_organisation(host is not None)}", params)


FINGERPRINT = "definitions"  # derived_state's row


@functools.cache
def fingerprint() -> str:
    """The derived data's definitions and DuckDB's version, hashed: a change in any of them changes it."""
    parts = [
        *(
            f"{table}.{column} = {expression}"
            for table, columns in DERIVED.items()
            for column, expression in columns.items()
        ),
        post_days_of_organisation(True),
        post_days_of_organisation(False),
        _code_of(base_host),
        _code_of(host_pattern),
        duckdb.__version__,
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _code_of(function: Callable[..., object]) -> str:
    """A function's source, or its bytecode where the source is not installed (a change changes either)."""
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return function.__code__.co_code.hex()


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's derived data was computed with today's definitions."""
    row = con.execute("SELECT fingerprint FROM derived_state WHERE name = ?", [FINGERPRINT]).fetchone()
    return row is not None and row[0] == fingerprint()


def compute_again(con: duckdb.DuckDBPyConnection) -> None:
    """Every derived column and day sum made again, and the fingerprint recorded (inside the caller's transaction)."""
    fill(con)
    sum_post_days(con)
    con.execute(
        """INSERT INTO derived_state (name, fingerprint) VALUES (?, ?)
           ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, computed_at = now()""",
        [FINGERPRINT, fingerprint()],
    )
