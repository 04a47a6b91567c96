"""Store behaviour: re-imports, overlapping exports, newest export wins, undo, unique keys.

Two x.com content exports of the same account (tests/fixtures/x):
  older  overlap/account_analytics_content_2026-06-01_2026-07-31.csv  posts P0, P2, P3
  newer  account_analytics_content_2026-07-06_2026-08-02.csv          posts P1, P2, P3, P4 (+ a junk row)
P2 has the same figures in both, P3 has higher figures in the newer file, P0 and P1/P4 are in one only.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from impact.store.ingest import import_paths, undo_batch

FIXTURES = Path(__file__).resolve().parent / "fixtures"

OLDER = "x/overlap/account_analytics_content_2026-06-01_2026-07-31.csv"
NEWER = "x/account_analytics_content_2026-07-06_2026-08-02.csv"
P0, P1, P2, P3, P4 = (
    "2065350893368320837",
    "2083481738146849459",
    "2074131798815719646",
    "2079276406269018111",
    "2083794948846518273",
)
# (impressions, likes, engagements, saves, comments, shares, clicks) of P3 in each file
P3_OLDER = (1500, 50, 120, 4, 7, 12, 9)
P3_NEWER = (2045, 61, 150, 5, 8, 15, 13)


def figures(db, post_id: str) -> tuple:
    return db.execute(
        "SELECT impressions, likes, engagements, saves, comments, shares, clicks FROM post WHERE post_id = ?", [post_id]
    ).fetchone()


def post_ids(db) -> list[str]:
    return [r[0] for r in db.execute("SELECT post_id FROM post ORDER BY post_id").fetchall()]


def counts(result) -> tuple:
    return (result.status, result.rows_new, result.rows_updated, result.rows_unchanged, result.rows_rejected)


def test_reimporting_the_same_bytes_changes_nothing(db, import_files, snapshot, tmp_path):
    [first] = import_files(NEWER)
    before = snapshot(db)

    [again] = import_files(NEWER)
    # A browser's repeat download: same bytes, another name.
    copy = tmp_path / "account_analytics_content_2026-07-06_2026-08-02 (1).csv"
    shutil.copy(FIXTURES / NEWER, copy)
    [renamed] = import_files(copy)

    for result in (again, renamed):
        assert counts(result) == ("skipped", 0, 0, 0, 0)
        assert result.batch_id is None
        assert re.fullmatch(
            re.escape(f"{result.file}: this exact file was already imported on ")
            + r"\d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d"  # when the first import ran
            + re.escape(f" (batch {first.batch_id}); nothing changed."),
            result.error,
        ), result.error
    assert (again.file, renamed.file) == (Path(NEWER).name, copy.name)
    assert snapshot(db) == before


def test_overlapping_exports_do_not_double_count_and_the_newer_wins(db, import_files, post_key_duplicates):
    [older] = import_files(OLDER)
    assert counts(older) == ("imported", 3, 0, 0, 0)
    assert figures(db, P3) == P3_OLDER

    [newer] = import_files(NEWER)
    # P1 and P4 are new, P3's figures went up, P2 is the same in both files.
    assert counts(newer) == ("imported", 2, 1, 1, 0)
    assert post_ids(db) == [P0, P2, P3, P1, P4]
    assert figures(db, P3) == P3_NEWER
    assert figures(db, P2) == (880, 22, 41, 1, 2, 3, 2)
    # 640 + 880 + 2045 + 1520 + 310: each post once, P3 with the newer figure.
    assert db.execute("SELECT count(*), sum(impressions) FROM post").fetchone() == (5, 5395)
    assert post_key_duplicates(db) == []
    batches = db.execute("SELECT rows_new, rows_updated, rows_unchanged FROM import_batch ORDER BY id").fetchall()
    assert batches == [(3, 0, 0), (2, 1, 1)]


def test_an_older_export_imported_later_does_not_overwrite(db, import_files, post_key_duplicates):
    [newer] = import_files(NEWER)
    assert counts(newer) == ("imported", 4, 0, 0, 0)

    [older] = import_files(OLDER)
    # Only P0 is new; P3's older, lower figures do not replace the newer ones.
    assert counts(older) == ("imported", 1, 0, 2, 0)
    assert figures(db, P3) == P3_NEWER
    assert db.execute("SELECT count(*), sum(impressions) FROM post").fetchone() == (5, 5395)
    assert post_key_duplicates(db) == []


def test_an_unchanged_post_moves_to_the_newest_export_so_a_middle_one_imported_late_does_not_win(
    db, import_files, tmp_path, post_key_duplicates
):
    """An overlapping export rewrites only changed rows; the unchanged ones still move to its batch and date."""
    [older] = import_files(OLDER)
    [newer] = import_files(NEWER)
    # P2 is the same in both files: unchanged, but now the newer export's, as of its date.
    assert db.execute("SELECT batch_id, as_of FROM post WHERE post_id = ?", [P2]).fetchone() == (
        newer.batch_id,
        datetime(2026, 8, 2),
    )
    # An export between the two, imported last, in which P2 had other figures: the newer export's stay.
    middle = tmp_path / "account_analytics_content_2026-07-01_2026-08-01.csv"
    lines = (FIXTURES / OLDER).read_text(encoding="utf-8").splitlines(keepends=True)
    [row] = [i for i, line in enumerate(lines) if line.startswith(P2)]
    fields = lines[row].split(",")
    before = figures(db, P2)
    lines[row] = ",".join(fields[:-13] + [str(int(fields[-13]) + 500)] + fields[-12:])
    middle.write_text(lines[0] + lines[row], encoding="utf-8")
    [late] = import_files(middle)
    assert counts(late) == ("imported", 0, 0, 1, 0)
    assert figures(db, P2) == before
    assert post_key_duplicates(db) == []
    # Undoing the newer export: P2 is the middle export's, with its own figures.
    undo_batch(db, newer.batch_id)
    assert figures(db, P2)[0] == before[0] + 500
    assert db.execute("SELECT batch_id FROM post WHERE post_id = ?", [P2]).fetchone() == (late.batch_id,)
    assert older.batch_id < late.batch_id


def test_an_older_export_imported_later_fills_what_the_newer_left_empty(db, import_files, tmp_path):
    """As many new posts as older ones in the late file: the older ones are still derived from history."""
    newer = (FIXTURES / NEWER).read_text(encoding="utf-8").splitlines(keepends=True)
    older = (FIXTURES / OLDER).read_text(encoding="utf-8").splitlines(keepends=True)

    def row(lines: list[str], post: str) -> list[str]:
        return next(line for line in lines if line.startswith(post)).split(",")

    empty_likes = row(newer, P2)
    empty_likes[-12] = ""  # Likes: the newer export left P2's likes empty
    (tmp_path / NEWER.split("/")[-1]).write_text(newer[0] + ",".join(empty_likes), encoding="utf-8")
    late = tmp_path / OLDER.split("/")[-1]
    late.write_text(older[0] + ",".join(row(older, P0)) + ",".join(row(older, P2)), encoding="utf-8")

    [first] = import_files(tmp_path / NEWER.split("/")[-1])
    assert figures(db, P2)[1] is None
    [second] = import_files(late)
    # P0 is new; P2 keeps the newer export's figures and takes its likes, 22, from the older one.
    assert counts(second) == ("imported", 1, 1, 0, 0)
    assert figures(db, P2)[1] == 22
    assert figures(db, P2)[0] == int(empty_likes[-13])


def test_undoing_the_newer_export_restores_the_older_figures(db, import_files, snapshot, post_key_duplicates):
    [older] = import_files(OLDER)
    after_older = snapshot(db)
    [newer] = import_files(NEWER)
    assert figures(db, P3) == P3_NEWER

    message = undo_batch(db, newer.batch_id)

    assert message == f"Undid batch {newer.batch_id} ({newer.file})."
    assert figures(db, P3) == P3_OLDER
    assert post_ids(db) == [P0, P2, P3]  # P1 and P4 came only with the newer export
    # The posts are exactly what the older import alone had made of them.
    assert snapshot(db)["post"] == after_older["post"]
    assert db.execute("SELECT count(*) FROM post_observation WHERE batch_id = ?", [newer.batch_id]).fetchone() == (0,)
    assert db.execute("SELECT id, status FROM import_batch ORDER BY id").fetchall() == [
        (older.batch_id, "imported"),
        (newer.batch_id, "undone"),
    ]
    assert post_key_duplicates(db) == []


def test_undoing_the_only_batch_removes_its_rows(db, import_files):
    [result] = import_files("x/account_overview_analytics.csv")
    assert db.execute("SELECT count(*) FROM account_day").fetchone() == (4,)

    undo_batch(db, result.batch_id)

    assert db.execute("SELECT count(*) FROM account_day").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM account_day_observation").fetchone() == (0,)
    with pytest.raises(LookupError, match="already undone"):
        undo_batch(db, result.batch_id)
    with pytest.raises(LookupError, match="no import batch 999"):
        undo_batch(db, 999)
    # An undone file can be imported again: it is not "already imported".
    [again] = import_files("x/account_overview_analytics.csv")
    assert counts(again) == ("imported", 4, 0, 0, 0)


def test_a_post_repeated_within_one_file_is_stored_once(db, import_files, tmp_path, post_key_duplicates):
    header, *rows = (FIXTURES / NEWER).read_text(encoding="utf-8").splitlines(keepends=True)
    p1 = next(r for r in rows if r.startswith(P1))
    path = tmp_path / "account_analytics_content_2026-07-06_2026-08-02.csv"
    path.write_text(header + p1 + p1.replace(",1520,", ",1600,"), encoding="utf-8")

    [result] = import_files(path)

    assert result.status == "imported" and result.rows_new == 1
    # The later line of the file is taken.
    assert db.execute("SELECT post_id, impressions FROM post").fetchall() == [(P1, 1600)]
    assert post_key_duplicates(db) == []


def test_import_succeeds_while_another_session_reads(db_path):
    """The dashboard runs each session's queries on its own connection, in threads of one process."""
    from impact.store.connection import connect

    reader, writer = connect(db_path), connect(db_path)
    reader.execute("BEGIN TRANSACTION")
    reader.execute("SELECT count(*) FROM post").fetchall()
    try:
        [result] = import_paths(
            writer, [FIXTURES / "x" / "account_analytics_content_2026-07-06_2026-08-02.csv"], "Reader Trust"
        )
        assert result.status == "imported", result.error
        # The reader's snapshot predates the import; a new transaction sees it.
        assert reader.execute("SELECT count(*) FROM post").fetchone() == (0,)
    finally:
        reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM post").fetchone() == (result.rows_new,)
    reader.close()
    writer.close()


def test_the_export_date_is_the_files_own_not_its_archives_nor_a_future_slip(db, import_files, tmp_path):
    """A backup ZIP named by the day it was made, or a file whose name says 2027 by mistake, must not make an
    older export the newest: the newer export's figures would be replaced, or never shown."""
    import zipfile

    [newer] = import_files(NEWER)
    backup = tmp_path / "x_backup_2026-11-30.zip"
    with zipfile.ZipFile(backup, "w") as archive:
        archive.write(FIXTURES / OLDER, Path(OLDER).name)
    [older] = import_files(backup)
    assert figures(db, P3) == P3_NEWER  # the older file's figures did not win
    assert db.execute("SELECT as_of FROM import_batch WHERE id = ?", [older.batch_id]).fetchone() == (
        datetime(2026, 7, 31),
    )

    slip = tmp_path / "account_analytics_content_2026-06-01_2099-07-31.csv"
    shutil.copy(FIXTURES / OLDER, slip)
    [slipped] = import_files(slip, org="Other Trust")
    # No date in the name counts: the file is dated by its latest post (1 Aug 2026 is in the newer file only).
    assert db.execute(
        "SELECT as_of < TIMESTAMP '2026-08-01' FROM import_batch WHERE id = ?", [slipped.batch_id]
    ).fetchone() == (True,)
