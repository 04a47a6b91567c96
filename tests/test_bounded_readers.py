"""Hostile spreadsheets and archives are refused with a sentence, never a crash, and the store stays unchanged."""

from __future__ import annotations

from pathlib import Path

from hostile_corpus import SHEET_NS, zipped
from hostile_corpus import xlsx as workbook_bytes

from impact.store import workbooks

FIXTURES = Path(__file__).resolve().parent / "fixtures"

FAR_CORNER = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {SHEET_NS}>'
    '<dimension ref="A1:XFD1048576"/><sheetData>'
    '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    "</sheetData></worksheet>"
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i + 1} "{("&lol" + str(i) + ";") * 10 if i else "&lol;" * 10}">' for i in range(9))
    + f']><worksheet {SHEET_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
    "</row></sheetData></worksheet>"
)


def xlsx(path: Path, sheet: str) -> Path:
    path.write_bytes(workbook_bytes(sheet))
    return path


HOW_TO = "Open it in a spreadsheet program and save the sheet you need as CSV, then import that."


def test_a_workbook_whose_one_cell_is_at_xfd1048576_is_refused(db, import_files, snapshot, tmp_path):
    path = xlsx(tmp_path / "far corner.xlsx", FAR_CORNER)
    before = snapshot(db)

    [result] = import_files(path)

    assert (result.status, result.error) == (
        "rejected",
        "far corner.xlsx: the spreadsheet could not be read safely (a sheet's declared size (A1:XFD1048576) spans "
        f"17,179,869,184 cells from A1; at most 2,000,000 are read). {HOW_TO}",
    )
    assert snapshot(db) == before


def test_the_cell_itself_bounds_the_sheet_when_the_dimension_is_missing(db, import_files, snapshot, tmp_path):
    path = xlsx(tmp_path / "no dimension.xlsx", FAR_CORNER.replace('<dimension ref="A1:XFD1048576"/>', ""))
    before = snapshot(db)

    [result] = import_files(path)

    assert result.error == (
        "no dimension.xlsx: the spreadsheet could not be read safely (the cell XFD1048576 spans "
        f"17,179,869,184 cells from A1; at most 2,000,000 are read). {HOW_TO}"
    )
    assert snapshot(db) == before


def test_a_sheet_with_a_doctype_is_refused_before_any_entity_expands(db, import_files, snapshot, tmp_path):
    path = xlsx(tmp_path / "laughs.xlsx", LAUGHS)
    before = snapshot(db)

    [result] = import_files(path)

    assert result.error == (
        "laughs.xlsx: the spreadsheet could not be read safely (xl/worksheets/sheet1.xml declares a DOCTYPE, "
        f"which spreadsheets never need). {HOW_TO}"
    )
    assert snapshot(db) == before


def test_a_reader_that_dies_takes_down_only_its_child(db, import_files, snapshot, tmp_path, monkeypatch):
    """Past the checks (switched off here), the reader runs in a child process with a memory limit."""
    monkeypatch.setattr(workbooks, "check_xlsx", lambda path, name: None)
    monkeypatch.setenv("IMPACT_WORKBOOK_MEMORY_MB", "1024")
    path = xlsx(tmp_path / "far corner.xlsx", FAR_CORNER)
    before = snapshot(db)

    [result] = import_files(path)

    assert result.status == "rejected"
    # How the reader fails (a panic, an abort at the memory limit) depends on its version; never the parent.
    assert result.error.startswith("far corner.xlsx: the spreadsheet could not be read safely (the reader "), (
        result.error
    )
    assert snapshot(db) == before


def test_a_small_normal_workbook_still_reads(tmp_path):
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {SHEET_NS}>'
        '<dimension ref="A1:B2"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>'
        '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2.5</v></c></row>'
        "</sheetData></worksheet>"
    )
    path = xlsx(tmp_path / "small.xlsx", sheet)
    folder = tmp_path / "out"
    folder.mkdir()

    [only] = workbooks.sheets_as_csv(path, path.name, folder)

    assert (only.title, only.csv_path.read_bytes()) == ("Sheet1", b"a,b\r\n1,2.5\r\n")


CSV = b"Date,Views\n2026-01-01,3\n"


def test_a_fan_out_of_archives_is_refused_whole(db, import_files, snapshot, tmp_path):
    inner = zipped({f"part-{i}.csv": CSV for i in range(60)})
    path = tmp_path / "fan.zip"
    path.write_bytes(zipped({f"inner-{i}.zip": inner for i in range(40)}))
    before = snapshot(db)

    [result] = import_files(path)

    assert (result.file, result.status, result.error) == (
        "fan.zip",
        "rejected",
        "fan.zip: the archive and the archives inside it hold over 2000 files together; "
        "at most that many are read. Import the exports inside it one by one.",
    )
    assert snapshot(db) == before


def test_an_archive_nested_too_deep_is_refused_whatever_its_name(db, import_files, snapshot, tmp_path):
    deepest = zipped({"Table data.csv": CSV})
    middle = zipped({"photos/README.TXT": deepest})  # an archive named as text
    path = tmp_path / "workshop.zip"
    path.write_bytes(zipped({"notes.csv": CSV, "INNER.ZIP.bak": middle}))
    before = snapshot(db)

    [result] = import_files(path)

    assert result.error == (
        "workshop.zip: 'INNER.ZIP.bak/photos/README.TXT' is a ZIP archive inside an archive inside an archive; "
        "archives are read at most 2 levels deep. Unpack it and import the exports inside."
    )
    assert snapshot(db) == before


def test_a_gzip_counts_as_an_archive_too(db, import_files, snapshot, tmp_path):
    import gzip

    path = tmp_path / "exports.zip"
    path.write_bytes(zipped({"inner.zip": zipped({"data.csv": gzip.compress(CSV)})}))
    before = snapshot(db)

    [result] = import_files(path)

    assert result.error == (
        "exports.zip: 'inner.zip/data.csv' is a gzip archive inside an archive inside an archive; "
        "archives are read at most 2 levels deep. Unpack it and import the exports inside."
    )
    assert snapshot(db) == before


def test_the_preview_refuses_what_the_import_refuses(tmp_path):
    from impact.store.preview import preview_upload

    data = zipped({"a.zip": zipped({"b.dat": zipped({"c.csv": CSV})})})

    [preview] = preview_upload("deep.zip", data)

    assert preview.problem == (
        "deep.zip: 'a.zip/b.dat' is a ZIP archive inside an archive inside an archive; "
        "archives are read at most 2 levels deep. Unpack it and import the exports inside."
    )


def test_an_import_past_its_time_budget_is_stopped_and_rolled_back(db, import_files, snapshot, monkeypatch):
    """A query still running when the budget ends is interrupted; the batch's transaction rolls back."""
    from impact.store import ingest

    [first] = import_files("x/account_overview_analytics.csv")
    assert first.status == "imported"
    before = snapshot(db)
    derive = ingest.derive_current

    def slow_derive(con, table, batch_id):
        con.execute("SELECT sum(i * i) FROM range(1000000000000) t(i)").fetchall()  # hours, unless stopped
        return derive(con, table, batch_id)

    monkeypatch.setattr(ingest, "derive_current", slow_derive)
    monkeypatch.setenv("IMPACT_IMPORT_SECONDS", "0.5")
    path = FIXTURES / "x/account_overview_analytics.csv"
    changed = path.read_bytes().replace(b"\n", b"\r\n")  # another file (another sha256), the same rows

    [result] = ingest.import_upload(db, "account_overview_analytics.csv", changed, "Clean River Trust")

    assert (result.status, result.error) == (
        "rejected",
        "account_overview_analytics.csv: the import took longer than 0.5 seconds and was stopped; nothing was "
        "stored. Split the export into shorter periods and import them one by one.",
    )
    assert snapshot(db) == before
