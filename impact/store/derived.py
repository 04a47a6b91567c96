"""Columns of a current table that are computed from its other columns when its rows are written.

`post.hashtags` holds each post's hashtags (impact.definitions.sql.hashtags_of), so the Content page's
hashtag table reads them instead of running a regular expression over every post of the period on each
visit. They are not observed: no file supplies them and no observation holds them. Every statement that
writes current rows goes through insert_current, which computes them; a row written another way has
NULL there, and the queries read coalesce(hashtags, hashtags_of('text')), so it is still counted right.
"""

from __future__ import annotations

import duckdb

from impact.definitions.sql import hashtags_of

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
