"""Shared fixtures: a throwaway store per test, the fixture files, and the real exports folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from impact.sample import load_sample
from impact.store.connection import connect, open_store
from impact.store.ingest import ImportResult, import_paths

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ORG = "Clean River Trust"


@pytest.fixture
def real_exports() -> Path:
    """The saved real export files (shared/real_exports next to the repository), never copied in.

    Missing folder: the tests that need it are skipped on a laptop, but fail on CI (CI=true),
    where skipping would hide that they never ran.
    """
    folder = Path(__file__).parents[2] / "shared" / "real_exports"
    if not folder.is_dir():
        message = f"the real export files are not at {folder}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "impact.duckdb"


@pytest.fixture(scope="session")
def migrated_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store with every migration applied, made once: copying it is faster than migrating."""
    path = tmp_path_factory.mktemp("template") / "empty.duckdb"
    connect(path).close()  # closing checkpoints, so the one file holds everything
    return path


@pytest.fixture
def db(db_path: Path, migrated_store: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh, migrated store in a temporary file."""
    shutil.copy(migrated_store, db_path)
    con = connect(db_path)
    yield con
    con.close()


@pytest.fixture
def import_files(db: duckdb.DuckDBPyConnection) -> Callable[..., list[ImportResult]]:
    """Import files or folders (absolute, or relative to tests/fixtures) into the test store."""

    def run(*paths: Path | str, org: str = ORG) -> list[ImportResult]:
        return import_paths(db, [p if Path(p).is_absolute() else FIXTURES / p for p in map(Path, paths)], org)

    return run


def store_state(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the store, sorted: two states compare equal only if nothing changed."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
    ]
    return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in tables}


@pytest.fixture
def snapshot() -> Callable[[duckdb.DuckDBPyConnection], dict[str, list[tuple[object, ...]]]]:
    return store_state


def duplicate_post_keys(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    """(organisation, platform, post id) keys held more than once; the store keeps them unique itself."""
    return con.execute(
        "SELECT organisation_id, platform, post_id, count(*) FROM post GROUP BY ALL HAVING count(*) > 1"
    ).fetchall()


@pytest.fixture
def post_key_duplicates() -> Callable[[duckdb.DuckDBPyConnection], list[tuple[object, ...]]]:
    return duplicate_post_keys


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data loaded once per test run; tests use copies of it and never change it."""
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    with open_store(path) as con:
        load_sample(con)
    return path


@pytest.fixture
def sample_copy(sample_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo store, which the app under test opens (IMPACT_DB)."""
    path = tmp_path / "impact.duckdb"
    shutil.copy(sample_store, path)
    monkeypatch.setenv("IMPACT_DB", str(path))
    return path
