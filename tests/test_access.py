"""A cursor restricted to some organisations reads nothing of the others, whatever id a call passes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from impact.figures.overview import overview_screen
from impact.figures.summary import summary
from impact.filters import Filters
from impact.presence.portfolio import portfolios
from impact.presence.scorecard import scorecard
from impact.report import organisation_report
from impact.store.access import Readable, restrict, unplaced_tables
from impact.store.connection import connect
from impact.store.orgs import organisation_id, organisations

A, B = "Pune Education Trust", "Brahmaputra Flood Relief Network"
PERIOD = (date(2025, 11, 26), date(2026, 11, 25))
PLATFORMS = ("facebook", "instagram", "x", "youtube")


@pytest.fixture
def store(sample_store: Path, tmp_path: Path):
    path = tmp_path / "access.duckdb"
    shutil.copy(sample_store, path)
    con = connect(path)
    yield con
    con.close()


def ids(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    a, b = organisation_id(con, A), organisation_id(con, B)
    assert a is not None and b is not None
    return a, b


def test_every_table_has_an_access_rule(db: duckdb.DuckDBPyConnection) -> None:
    assert unplaced_tables(db) == []


def test_a_reader_of_one_organisation_sees_only_it(store: duckdb.DuckDBPyConnection) -> None:
    a, b = ids(store)
    full = overview_screen(store, Filters(a, *PERIOD, PLATFORMS))
    reader = restrict(store, Readable(frozenset({a})))
    assert organisations(reader) == [A]
    # Its own figures are the same as without the restriction.
    assert overview_screen(reader, Filters(a, *PERIOD, PLATFORMS)).now == full.now
    # Another organisation's id, as a changed URL parameter or a direct call would pass it, finds nothing.
    other = overview_screen(reader, Filters(b, *PERIOD, PLATFORMS)).now
    assert (other.posts, other.impressions, other.engagements) == (0, None, None)
    assert [row["organisation"] for row in summary(reader)] == [A]
    assert summary(reader, B) == []
    assert scorecard(reader, b, *PERIOD).score is None
    # No portfolio is readable without being granted (a funder's), even one holding A.
    assert portfolios(reader) == []
    for table in ("post", "account_day", "outcome", "time_entry", "web_traffic", "import_batch", "campaign"):
        assert reader.execute(f"SELECT count(*) FROM {table} WHERE organisation_id = ?", [b]).fetchone() == (0,)
    assert reader.execute(
        "SELECT count(*) FROM goal JOIN campaign c ON c.id = campaign_id WHERE c.organisation_id <> ?", [a]
    ).fetchone() == (0,)
    # The unrestricted connection still sees everyone.
    assert B in organisations(store)


def test_a_report_for_another_organisation_carries_none_of_its_data(store: duckdb.DuckDBPyConnection) -> None:
    a, b = ids(store)
    reader = restrict(store, Readable(frozenset({a})))
    with pytest.raises(ValueError, match=f"^there is no organisation {b}$"):
        organisation_report(reader, b, *PERIOD)


def test_a_restricted_cursor_writes_nothing(store: duckdb.DuckDBPyConnection) -> None:
    a, _ = ids(store)
    reader = restrict(store, Readable(frozenset({a})))
    with pytest.raises(duckdb.Error):
        reader.execute("DELETE FROM post")
    with pytest.raises(duckdb.Error):
        reader.execute("INSERT INTO organisation (name) VALUES ('Sneaky')")


def test_no_readable_organisation_sees_nothing(store: duckdb.DuckDBPyConnection) -> None:
    reader = restrict(store, Readable(frozenset()))
    assert organisations(reader) == []
    assert summary(reader) == []


def test_no_query_names_a_table_through_its_catalog() -> None:
    """A catalog-qualified name (db.main.post) would read past the views: only the access module writes one."""
    root = Path(__file__).resolve().parents[1]
    offenders = [
        str(path.relative_to(root))
        for path in sorted((root / "impact").rglob("*.py"))
        if path.name != "access.py" and ".main." in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_accounts_links_and_the_audit_log_are_hidden_from_every_restricted_cursor(
    store: duckdb.DuckDBPyConnection,
) -> None:
    from impact.auth.accounts import add_account
    from impact.auth.shares import create_link

    a, _ = ids(store)
    add_account(store, "v@example.org", "viewer", [A], password="correct horse battery")
    create_link(store, a, "v@example.org")
    reader = restrict(store, Readable(frozenset({a})))
    for table in ("app_user", "app_user_organisation", "app_user_portfolio", "share_link", "audit_event"):
        assert reader.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        assert store.execute(f"SELECT count(*) FROM {table}").fetchone() != (0,) or table == "app_user_portfolio"


def test_a_funder_sees_their_portfolio_only(store: duckdb.DuckDBPyConnection) -> None:
    from impact.presence.portfolio import create_portfolio

    a, b = ids(store)
    create_portfolio(store, "Another funder's cohort", [A, B], "", [])
    cohort = next(p for p in portfolios(store) if p.name == "Digital skills cohort 2026")
    reader = restrict(store, Readable(frozenset({a, b}), frozenset({cohort.id})))
    assert [(p.name, p.members) for p in portfolios(reader)] == [(cohort.name, tuple(sorted((A, B))))]
