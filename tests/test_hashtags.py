"""Each current post keeps its hashtags (post.hashtags), written with the row: always those of its text.

The Content page's hashtag table reads the column instead of running a regular expression over the
period's posts; a row written without it (NULL) is read through the definition itself, so the table is
the same either way.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from impact.definitions.sql import hashtags_of
from impact.figures import content
from impact.filters import Filters
from impact.store import derived
from impact.store.connection import connect
from impact.store.ingest import import_paths, undo_batch
from impact.store.orgs import organisation_id
from impact.store.package import export_organisation

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NEWER = FIXTURES / "x/account_analytics_content_2026-07-06_2026-08-02.csv"
LATER = "account_analytics_content_2026-07-06_2026-08-09.csv"  # the same posts, exported a week later
P1 = "2083481738146849459"  # "Flood kits packed, ready for Monday"


def hashtags(con: duckdb.DuckDBPyConnection, post_id: str) -> list[str] | None:
    row = con.execute("SELECT list_sort(hashtags) FROM post WHERE post_id = ?", [post_id]).fetchone()
    assert row is not None
    return row[0]


def stale(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    """Posts whose stored hashtags are not their text's."""
    return con.execute(
        f"""SELECT post_id, hashtags, text FROM post
            WHERE list_sort(hashtags) IS DISTINCT FROM list_sort({hashtags_of("text")})"""
    ).fetchall()


def with_text(tmp_path: Path, name: str, post_id: str, text: str) -> Path:
    """The fixture export with one post's text replaced, saved as `name`."""
    lines = NEWER.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        if line.startswith(post_id):
            fields = line.split('"')
            fields[3] = text  # Post id,"Date","Post text",...: the text is the second quoted field
            line = '"'.join(fields)
        out.append(line)
    path = tmp_path / name
    path.write_text("".join(out), encoding="utf-8")
    return path


def test_the_definition_lists_each_tag_once_lower_cased_and_needs_a_letter() -> None:
    text = "#Flood relief #flood x#no (#Assam) #2024 part #2a #नमस्ते_भारत a&#amp #_ #a_1"
    (tags,) = duckdb.sql(f"SELECT list_sort({hashtags_of('$1')})", params=[text]).fetchone()  # type: ignore[misc]
    assert tags == sorted(["flood", "assam", "2a", "नमस्ते_भारत", "a_1"])
    assert duckdb.sql(f"SELECT {hashtags_of('NULL')}").fetchone() == (None,)
    assert duckdb.sql(f"SELECT {hashtags_of(chr(39) + 'no tags' + chr(39))}").fetchone() == ([],)


def test_imports_updates_and_undo_keep_each_posts_hashtags_those_of_its_text(db, tmp_path) -> None:
    first = with_text(tmp_path, NEWER.name, P1, "Flood kits packed #FloodRelief #Assam #floodrelief")
    [imported] = import_paths(db, [first], "Trust")
    assert hashtags(db, P1) == ["assam", "floodrelief"]
    assert stale(db) == []

    later = with_text(tmp_path, LATER, P1, "Flood kits delivered #Monsoon")
    [updated] = import_paths(db, [later], "Trust")
    assert updated.rows_updated == 1
    assert hashtags(db, P1) == ["monsoon"]
    assert stale(db) == []

    assert updated.batch_id is not None and imported.batch_id is not None
    undo_batch(db, updated.batch_id)
    assert hashtags(db, P1) == ["assam", "floodrelief"]
    assert stale(db) == []
    undo_batch(db, imported.batch_id)
    assert db.execute("SELECT count(*) FROM post").fetchone() == (0,)


def test_the_hashtag_table_is_the_same_whether_the_column_is_filled_or_not(db, tmp_path) -> None:
    first = with_text(tmp_path, NEWER.name, P1, "Flood kits #Relief #relief #Assam")
    import_paths(db, [first], "Trust")
    db.execute(
        "UPDATE post SET text = $t WHERE post_id <> $p", {"t": "Volunteers needed #Relief, #Assam #2026", "p": P1}
    )
    derived.fill(db)
    filters = Filters(organisation_id(db, "Trust"), date(2026, 7, 1), date(2026, 8, 31), ("x",))  # type: ignore[arg-type]
    filled = content.by_hashtag(db, filters, min_posts=1)
    assert set(filled["hashtag"]) == {"#relief", "#assam"}
    assert filled.loc[filled["hashtag"] == "#relief", "posts"].item() == len(post_ids(db))
    db.execute("UPDATE post SET hashtags = NULL")
    pd.testing.assert_frame_equal(content.by_hashtag(db, filters, min_posts=1), filled)


def post_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT post_id FROM post").fetchall()]


def test_the_migration_fills_the_posts_already_in_a_store(db_path, migrated_store) -> None:
    shutil.copy(migrated_store, db_path)
    con = connect(db_path)
    import_paths(con, [with_text(db_path.parent, NEWER.name, P1, "Kits #Relief")], "Trust")
    # The store as it was before migration 10: no column, migration not applied.
    con.execute("ALTER TABLE post DROP COLUMN hashtags")
    con.execute("DELETE FROM schema_migration WHERE version = 10")
    con.close()
    con = connect(db_path)
    try:
        assert hashtags(con, P1) == ["relief"]
        assert stale(con) == []
        assert con.execute("SELECT count(*) FROM post WHERE hashtags IS NULL").fetchone() == (0,)
    finally:
        con.close()


def test_a_packages_own_hashtags_are_not_trusted(db, tmp_path, migrated_store) -> None:
    import_paths(db, [with_text(tmp_path, NEWER.name, P1, "Kits #Relief")], "Trust")
    db.execute("UPDATE post SET hashtags = ['planted']")
    export_organisation(db, "Trust", tmp_path / "trust.zip")
    shutil.copy(migrated_store, tmp_path / "funder.duckdb")
    funder = connect(tmp_path / "funder.duckdb")
    try:
        [result] = import_paths(funder, [tmp_path / "trust.zip"], "Trust")
        assert result.status == "imported"
        assert hashtags(funder, P1) == ["relief"]
        assert stale(funder) == []
    finally:
        funder.close()
