"""Which organisations a connection may read, enforced below every query.

A restricted cursor gets a temporary view in front of every table that holds an organisation's rows,
showing only the rows of the organisations it may read. Every query in impact/ names tables without
a catalog, so it reads the views: a figure, a campaign, a report or a direct call with another
organisation's id finds nothing of that organisation. Views cannot be written to, so a restricted
cursor also writes nothing; writes go through an unrestricted cursor after a role check.

Temporary views belong to the one connection (a cursor is one) that made them: the shared store and
every other session are unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

# How each table's rows belong to an organisation: a column holding its id, or a parent row.
_BY_PARENT = {
    "campaign_post": ("campaign_id", "campaign"),
    "goal": ("campaign_id", "campaign"),
    "evidence": ("campaign_id", "campaign"),
    "import_rejection": ("batch_id", "import_batch"),
    "benchmark": ("portfolio_id", "portfolio"),
}
# Tables that hold no organisation's data.
UNRESTRICTED = ("schema_migration", "column_mapping", "derived_state")
# Tables about people and links (accounts, password hashes, share links, the audit log): a restricted
# cursor sees none of their rows; sign-in and the admin pages read them unrestricted.
HIDDEN = ("app_user", "app_user_organisation", "app_user_portfolio", "share_link", "audit_event", "source_secret")


@dataclass(frozen=True)
class Readable:
    """The organisations a person may read (their ids), and the portfolios (a funder's)."""

    organisations: frozenset[int]
    portfolios: frozenset[int] = frozenset()


def _tables(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    rows = con.execute(
        """SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = 'main' AND table_catalog = current_database()
             AND table_name IN (SELECT table_name FROM information_schema.tables
                                WHERE table_schema = 'main' AND table_type = 'BASE TABLE')"""
    ).fetchall()
    tables: dict[str, set[str]] = {}
    for table, column in rows:
        tables.setdefault(table, set()).add(column)
    return tables


def unplaced_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables restrict() would not know how to limit: a new migration must place them here."""
    return sorted(
        table
        for table, columns in _tables(con).items()
        if _filter(table, columns) is None and table not in UNRESTRICTED
    )


def _filter(table: str, columns: set[str]) -> str | None:
    """The WHERE condition that keeps the readable rows of a table.

    `$readable` stands for the readable organisations' ids, `$portfolios` for the portfolios'.
    """
    if table in HIDDEN:
        return "false"
    if table == "organisation":
        return "id IN $readable"
    if table == "portfolio":
        return "id IN $portfolios"
    if table == "presence_weight":  # 0: the store's own weights
        return "portfolio_id = 0 OR portfolio_id IN (SELECT id FROM portfolio)"
    if "organisation_id" in columns:
        return "organisation_id IN $readable"
    if table in _BY_PARENT:
        column, parent = _BY_PARENT[table]
        return f"{column} IN (SELECT id FROM {parent})"  # the parent's view already limits it
    return None


def _int_list(ids: frozenset[int]) -> str:
    """A literal list, `(1, 2)`, which DuckDB folds into the scan's filter (a subquery would cost a join
    per table); an empty set is `(NULL)`, which no id is in."""
    return "(" + (", ".join(str(int(i)) for i in sorted(ids)) or "NULL") + ")"


def restrict(con: duckdb.DuckDBPyConnection, readable: Readable) -> duckdb.DuckDBPyConnection:
    """A cursor of `con` that sees only the readable organisations' rows (and can write nothing)."""
    cursor = con.cursor()
    catalog = cursor.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
    tables = _tables(cursor)
    missing = unplaced_tables(cursor)
    if missing:
        cursor.close()
        raise RuntimeError(f"tables no access rule places: {', '.join(missing)}")
    # Parents first, so a child's view reads its parent's view.
    order = sorted(tables, key=lambda t: (t in _BY_PARENT or t == "presence_weight", t))
    # The views' conditions list the ids as literals: views take no parameters. They are ints.
    organisations = _int_list(readable.organisations)
    portfolios = _int_list(readable.portfolios)
    for table in order:
        condition = _filter(table, tables[table])
        if condition is None:
            continue
        condition = condition.replace("$readable", organisations).replace("$portfolios", portfolios)
        cursor.execute(
            f'CREATE OR REPLACE TEMP VIEW "{table}" AS SELECT * FROM "{catalog}".main."{table}" WHERE {condition}'
        )
    return cursor
