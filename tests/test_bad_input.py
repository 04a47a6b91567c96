"""Bad input: each bad file is rejected with a message naming it and its problem, and the store stays
exactly as it was; partly bad files import their good rows and count the bad ones, with reasons.

The bad files kept under tests/fixtures are rejected, and the partly bad ones counted, in
tests/test_connector_contract.py; here are the files made on the fly (images, archives, cut copies)
and the reasons given for the rows left out.
"""

from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hostile_corpus import png

from connectors.sniff import HEAD_BYTES
from impact.store.ingest import import_upload

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"
X_CONTENT = FIXTURES / "x" / "account_analytics_content_2026-07-06_2026-08-02.csv"
CHANNEL = "Content 2026-05-18_2026-08-16 My Channel"
ORG = "Clean River Trust"


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def seeded(db, import_files):
    """A store that already holds an organisation and some data, which bad files must not touch."""
    [result] = import_files("x/account_overview_analytics.csv", org=ORG)
    assert result.status == "imported"
    return db


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def zip_bomb(folder: Path) -> Path:
    """300 MB of zeros in a ZIP of about 300 kB, written in chunks (no 300 MB in memory)."""
    path = folder / f"{CHANNEL}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(f"{CHANNEL}/Table data.csv", "w", force_zip64=True) as sink:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                sink.write(block)
    return path


def damaged_zip(folder: Path) -> Path:
    """A YouTube Studio ZIP cut off half way, as an interrupted download leaves it."""
    whole = io.BytesIO()
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in ("Table data.csv", "Totals.csv"):
            archive.write(FIXTURES / "youtube" / CHANNEL / member, member)
    data = whole.getvalue()
    return write(folder, f"{CHANNEL}.zip", data[: len(data) // 2])


def empty_zip(folder: Path) -> Path:
    path = folder / "exports.zip"
    zipfile.ZipFile(path, "w").close()
    return path


# The files made here; the bad files under tests/fixtures are in tests/test_connector_contract.py's BROKEN.
# name of the case -> (function making the file in a folder, the whole message, or a pattern it matches)
REJECTED: dict[str, tuple[Callable[[Path], Path], str | re.Pattern[str]]] = {
    "PNG renamed .csv": (
        lambda d: write(d, "chart.csv", png()),
        "chart.csv: this is a PNG image, not a data export.",
    ),
    "PDF": (
        lambda d: write(d, "annual_report.pdf", PDF),
        "annual_report.pdf: this is a PDF document, not a data export.",
    ),
    "random binary": (
        lambda d: write(d, "export.csv", b"\x01\x02" + random.Random(7).randbytes(8192)),
        "export.csv: this is a binary file, not a text export.",
    ),
    "header only": (
        lambda d: write(d, X_CONTENT.name, X_CONTENT.read_bytes().split(b"\n")[0] + b"\n"),
        f"{X_CONTENT.name}: has the header of X post analytics, x.com 'Content' export (2024+) but no data rows; "
        "there is nothing to import.",
    ),
    "zip bomb": (  # the compressed size depends on the zlib build
        zip_bomb,
        re.compile(
            re.escape(f"{CHANNEL}.zip: '{CHANNEL}/Table data.csv' would unpack to 315 MB from ")
            + r"\d{3} kB; archives compressed that much are refused \(zip bomb\)\."
        ),
    ),
    "damaged zip": (
        damaged_zip,
        f"{CHANNEL}.zip: the ZIP archive is damaged or incomplete (File is not a zip file). Download it again.",
    ),
    "empty zip": (empty_zip, "exports.zip: the ZIP archive holds no files."),
}


def says(error: str | None, message: str | re.Pattern[str]) -> bool:
    """The error is exactly the message, or matches all of the pattern."""
    if isinstance(message, str):
        return error == message
    return error is not None and message.fullmatch(error) is not None


@pytest.mark.parametrize("case", list(REJECTED))
def test_bad_file_is_rejected_and_the_store_is_unchanged(seeded, import_files, snapshot, tmp_path, case):
    make, message = REJECTED[case]
    path = make(tmp_path)
    before = snapshot(seeded)

    results = import_files(path)

    assert len(results) == 1
    [result] = results
    assert (result.status, result.batch_id) == ("rejected", None)
    assert (result.rows_new, result.rows_updated, result.rows_unchanged) == (0, 0, 0)
    assert result.file == path.name
    assert says(result.error, message), result.error
    assert snapshot(seeded) == before


def test_damaged_member_of_a_zip_is_rejected_alone(seeded, import_files, snapshot, tmp_path):
    path = tmp_path / f"{CHANNEL}.zip"
    folder = FIXTURES / "youtube" / CHANNEL
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(folder / "Table data.csv", "Table data.csv")
        archive.write(folder / "Totals.csv", "Totals.csv")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("Table data.csv")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    for i in range(start + 5, start + 25):  # garble Table data.csv's compressed bytes
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))

    table, totals = import_files(path)

    assert (table.file, table.status) == (f"{path.name}/Table data.csv", "rejected")
    assert table.error == (
        f"{path.name}/Table data.csv: is damaged (its bytes do not unpack to what the archive says); "
        "download the archive again."
    )
    assert (totals.status, totals.connector, totals.rows_new) == ("imported", "youtube_totals", 5)
    assert seeded.execute("SELECT count(*) FROM post WHERE platform = 'youtube'").fetchone() == (0,)


def test_damaged_xlsx_is_rejected(seeded, import_files, snapshot, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Post id", "Date", "Post text", "Post Link", "Impressions", "Likes", "Engagements"])
    rows = random.Random(3)
    for i in range(3000):
        text = "".join(rows.choice("abcdefgh ") for _ in range(60))
        sheet.append([2083481738146849459 + i, "Sat, Aug 1, 2026", text, "https://x.com/ngo_org/status/1", i, i, i])
    path = tmp_path / "account_analytics_content.xlsx"
    workbook.save(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("xl/worksheets/sheet1.xml")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    for i in range(start + 5000, start + 5040):  # damage the middle of the sheet, read only while converting
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    before = snapshot(seeded)

    [result] = import_files(path)

    assert result.status == "rejected"
    assert result.error == (f"{path.name}: the workbook is damaged. Download it again, or save it as XLSX or CSV.")
    assert snapshot(seeded) == before


def test_real_xlsx_resave_of_an_x_content_export_imports(db, import_files, tmp_path):
    """Excel keeps numbers as numbers and text as text; the first sheet imports like the CSV."""
    with X_CONTENT.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "account_analytics_content_2026"
    for row in rows:
        sheet.append([int(c) if c.isdigit() else (c or None) for c in row])
    path = tmp_path / "account_analytics_content_2026-07-06_2026-08-02.xlsx"
    workbook.save(path)

    [result] = import_files(path)

    assert (result.status, result.connector, result.platform) == ("imported", "x_account_analytics_content", "x")
    assert (result.rows_new, result.rows_rejected) == (4, 0)  # the status/undefined row is still dropped
    assert db.execute("SELECT sum(impressions), sum(engagements), sum(likes) FROM post").fetchone() == (
        1520 + 2045 + 880 + 310,
        95 + 150 + 41 + 9,
        40 + 61 + 22 + 5,
    )
    # The 19-digit ids survive as numbers in the sheet and as text in the store.
    assert db.execute("SELECT post_id, text FROM post WHERE impressions = 310").fetchone() == (
        "2083794948846518273",
        "Boats reached 3 villages 🚤\nMore tomorrow",
    )


def rejections(db, batch_id: int) -> list[tuple]:
    return db.execute(
        "SELECT line, reason FROM import_rejection WHERE batch_id = ? ORDER BY line", [batch_id]
    ).fetchall()


def test_truncated_csv_imports_the_whole_rows_and_rejects_the_cut_one(db, import_files):
    [result] = import_files(BROKEN / "account_analytics_content_2026-07-06_2026-08-02_truncated.csv")

    assert [r[0] for r in db.execute("SELECT post_id FROM post ORDER BY post_id").fetchall()] == [
        "2079276406269018111",
        "2083481738146849459",
    ]
    # Physical line 4 is the third post, cut off in its Engagements value.
    reason = "line has fewer columns than the header (the line may be cut off)"
    assert result.rejections == [(4, reason)]
    assert rejections(db, result.batch_id) == [(4, reason)]
    assert db.execute("SELECT rows_read, rows_new, rows_rejected FROM import_batch").fetchone() == (3, 2, 1)


def test_csv_cut_inside_a_quoted_field(db, import_files, tmp_path):
    data = X_CONTENT.read_bytes()
    cut = data.index(b"Saturday, 9am")  # inside the quoted text of the second record
    path = write(tmp_path, X_CONTENT.name, data[:cut])

    [result] = import_files(path)

    assert (result.status, result.rows_new, result.rows_rejected) == ("imported", 1, 1)
    assert db.execute("SELECT post_id, impressions FROM post").fetchall() == [("2083481738146849459", 1520)]


def test_rows_with_text_in_a_count_are_rejected_with_a_reason(db, import_files):
    [result] = import_files(BROKEN / "account_analytics_content_2026-07-06_2026-08-02_bad_impressions.csv")

    expected = [(2, 'row 2: Impressions "abc" is not a number'), (4, 'row 4: Impressions "abc" is not a number')]
    assert result.rejections == expected
    assert rejections(db, result.batch_id) == expected
    assert result.sentence() == (
        "imported as X post analytics, x.com 'Content' export (2024+) (2 new, 0 updated, 0 unchanged, 2 rows left out)"
    )
    # Only the good rows are stored; "abc" never became a number (0 or otherwise).
    assert db.execute("SELECT post_id, impressions FROM post ORDER BY post_id").fetchall() == [
        ("2074131798815719646", 880),
        ("2083481738146849459", 1520),
    ]
    assert db.execute("SELECT count(*) FROM post_observation").fetchone() == (2,)


def test_a_post_id_longer_than_an_x_id_leaves_its_row_out(db, import_files, tmp_path):
    """X's ids are 64-bit and carry the post's time; a 25-digit one made the whole file fail in DuckDB's words."""
    lines = X_CONTENT.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("2083481738146849459", "1234567890123456789012345")
    path = write(tmp_path, X_CONTENT.name, ("\n".join(lines) + "\n").encode("utf-8"))

    [result] = import_files(path)

    assert (result.status, result.rows_new, result.rows_rejected) == ("imported", 3, 1)  # of its 4 posts
    assert result.rejections == [(1, "row 1: the post id is no X post id (those have at most 19 digits)")]
    assert db.execute("SELECT count(*) FROM post WHERE length(post_id) > 19").fetchone() == (0,)


def test_a_header_wrapped_over_two_lines_keeps_the_first_row(db, import_files, tmp_path):
    """A spreadsheet that wraps a long column name saves it quoted with a line break: the header is one record
    over two lines, and the first post was skipped with it, silently."""
    lines = X_CONTENT.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("Post text", '"Post\ntext"', 1)
    path = write(tmp_path, X_CONTENT.name, ("\n".join(lines) + "\n").encode("utf-8"))

    [result] = import_files(path)

    assert (result.status, result.rows_new, result.rows_rejected) == ("imported", 4, 0)
    assert db.execute("SELECT count(*) FROM post WHERE post_id = '2083481738146849459'").fetchone() == (1,)


def test_cr_cr_lf_line_ends_and_a_stray_cr(db, import_files, tmp_path):
    """A CRLF file converted to CRLF once more ends its lines in CR CR LF; a CR can stray into a cell. DuckDB's
    reader failed on both, and the file was refused whole with its parser's words."""
    crlf = X_CONTENT.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    [twice] = import_files(write(tmp_path, X_CONTENT.name, crlf.replace(b"\r\n", b"\r\r\n")))
    assert (twice.status, twice.rows_new, twice.rows_rejected) == ("imported", 4, 0)

    stray = crlf.replace(b"2083481738146849459,1520", b"2083481738146849459,15\r20", 1)  # an unquoted cell
    [result] = import_files(write(tmp_path, "account_analytics_content_2026-07-06_2026-08-03.csv", stray), org="Other")
    assert (result.status, result.rows_new) == ("imported", 3)
    assert result.rows_rejected >= 1 and all("fewer columns" in reason for _, reason in result.rejections)


def test_lines_of_empty_cells_under_the_table_are_no_rows(db, import_files, tmp_path):
    """Excel re-saves a table with lines of bare commas under it: they are no rows left out."""
    data = X_CONTENT.read_bytes().rstrip(b"\r\n") + b"\n" + b",,,,,,,,,,,,,,,,\n" * 3 + b" ," * 16 + b" \n"
    [result] = import_files(write(tmp_path, X_CONTENT.name, data))
    assert (result.status, result.rows_new, result.rows_rejected, result.rejections) == ("imported", 4, 0, [])


def test_a_feed_with_half_an_emoji_is_refused_in_words(db, import_files, tmp_path, snapshot):
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Our blog</title><link>https://e.org/</link>'
        "<item><title>a &#xD83D; b</title><link>https://e.org/1</link>"
        "<pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate></item></channel></rss>"
    )
    before = snapshot(db)
    [result] = import_files(write(tmp_path, "blog.xml", feed.encode()))
    assert (result.status, result.error) == (
        "rejected",
        "blog.xml: the feed cannot be read: part of its text is damaged (half an emoji, for one).",
    )
    assert snapshot(db) == before


def test_a_feed_is_read_outside_the_stores_write_lock(db, import_files, monkeypatch):
    """Parsing a feed is Python's work on the file alone: while one person's feed is parsed, another's sign-in,
    upload or edit must not wait for it (a 20 MB feed held the lock for 30 s)."""
    import threading

    from impact.store import ingest
    from impact.store.connection import WRITE_LOCK

    free: list[bool] = []
    prepared = ingest._prepared

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        def elsewhere() -> None:
            got = WRITE_LOCK.acquire(timeout=2)
            free.append(got)
            if got:
                WRITE_LOCK.release()

        other = threading.Thread(target=elsewhere)
        other.start()
        other.join()
        return prepared(*args, **kwargs)

    monkeypatch.setattr(ingest, "_prepared", watched)
    [result] = import_files(FIXTURES / "feeds" / "blog_wordpress.xml")
    assert result.status == "imported" and free == [True]


def test_cp1252_bytes_in_a_utf8_file(db, import_files):
    import_files(BROKEN / "account_analytics_content_2026-07-06_2026-08-02_cp1252_row.csv")

    # The UTF-8 row keeps its accent and emoji; the pasted cp1252 row (0xE9, 0x96) reads as é and –.
    assert db.execute("SELECT post_id, text FROM post ORDER BY post_id").fetchall() == [
        ("2074131798815719646", "Chai at the café – thank you"),
        ("2083481738146849459", "Café volunteers 🚤 ready"),
    ]


def test_formula_and_html_text_is_stored_verbatim(db, import_files):
    path = BROKEN / "account_analytics_content_2026-07-06_2026-08-02_formulas.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        expected = sorted((row[0], row[2]) for row in list(csv.reader(handle))[1:])

    import_files(path)

    # Every text as written, and nothing was run (the post table is still there, with its four posts).
    assert ("2083794948846518273", "+91 98765 43210; DROP TABLE post;--") in expected
    assert db.execute("SELECT post_id, text FROM post ORDER BY post_id").fetchall() == expected


def test_upload_names_are_shown_without_folders(db, snapshot):
    [result] = import_upload(db, "../../etc/chart.csv", png(), ORG)
    assert (result.file, result.status) == ("chart.csv", "rejected")
    assert result.error == "chart.csv: this is a PNG image, not a data export."

    [result] = import_upload(db, "C:\\Users\\asha\\Downloads\\" + X_CONTENT.name, X_CONTENT.read_bytes(), ORG)
    assert (result.file, result.status, result.rows_new) == (X_CONTENT.name, "imported", 4)


def test_xlsx_resave_after_the_csv_adds_no_posts(db, import_files, tmp_path, post_key_duplicates):
    """Excel rounds the 19-digit ids to 15 digits; the ids are taken from the post links instead."""
    with X_CONTENT.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append([int(c) if c.isdigit() else (c or None) for c in row])
    path = tmp_path / "account_analytics_content_2026-07-06_2026-08-02.xlsx"
    workbook.save(path)
    [csv_result] = import_files(X_CONTENT)

    [xlsx_result] = import_files(path)

    assert (csv_result.rows_new, xlsx_result.status) == (4, "imported")
    assert (xlsx_result.rows_new, xlsx_result.rows_updated, xlsx_result.rows_unchanged) == (0, 0, 4)
    assert db.execute("SELECT count(*) FROM post").fetchone() == (4,)
    assert post_key_duplicates(db) == []


def test_cp1252_bytes_beyond_the_sniffed_head(db, import_files, tmp_path):
    """Encoding is sniffed from the first 256 kB; a cp1252 row further down must not be lost."""
    header = X_CONTENT.read_text(encoding="utf-8").splitlines()[0]
    first = 2083481738146849459
    ids = [first + (i << 22) for i in range(2001)]  # snowflakes 1 ms apart
    lines = [header] + [
        f'{i},"Sat, Aug 1, 2026",Boat trip 🚤 {n},https://x.com/ngo_org/status/{i},{n},1,2,0,0,0,0,0,0,0,0,0,0'
        for n, i in enumerate(ids[:-1])
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    assert len(data) > HEAD_BYTES
    last = f'{ids[-1]},"Sat, Aug 1, 2026",Chai at the café – thanks,https://x.com/ngo_org/status/{ids[-1]},5,1,2,0,0,0,0,0,0,0,0,0,0\n'
    path = write(tmp_path, X_CONTENT.name, data + last.encode("cp1252"))

    [result] = import_files(path)

    assert (result.status, result.rows_new, result.rows_rejected) == ("imported", 2001, 0)
    assert db.execute("SELECT text FROM post WHERE post_id = ?", [str(ids[-1])]).fetchone() == (
        "Chai at the café – thanks",
    )
    assert db.execute("SELECT text FROM post WHERE post_id = ?", [str(ids[0])]).fetchone() == ("Boat trip 🚤 0",)


@pytest.mark.parametrize("case", list(REJECTED))
def test_a_rejected_file_creates_no_organisation(db, import_files, snapshot, tmp_path, case):
    make, message = REJECTED[case]
    before = snapshot(db)
    [result] = import_files(make(tmp_path), org="A typo'd new organisation")
    assert result.status == "rejected"
    assert says(result.error, message), result.error
    assert snapshot(db) == before


def test_an_unexpected_error_is_reported_and_stores_nothing(db, import_files, snapshot, monkeypatch):
    import impact.store.ingest as ingest

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(ingest, "_record_batch", broken)
    before = snapshot(db)
    [result] = import_files(X_CONTENT)
    assert result.status == "rejected"
    assert result.error == (
        f"{X_CONTENT.name}: could not be imported because of an unexpected error (KeyError); nothing was stored. "
        "Please report this file to the project."
    )
    assert snapshot(db) == before
