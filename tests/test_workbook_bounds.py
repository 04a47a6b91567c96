"""A sheet is bounded by the rectangle the reader fills (widest row x last row), and blank rows under its table
are no rows of data."""

from __future__ import annotations

from hostile_corpus import X_NAME, X_ROWS, sheet_xml, x_table, xlsx

NAME = X_NAME.replace(".csv", ".xlsx")
HOW_TO = "Open it in a spreadsheet program and save the sheet you need as CSV, then import that."


def x_sheet_with(row: int, text: str) -> bytes:
    """The X fixture as a 17-column sheet, with one more cell in column A of `row`."""
    stray = f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{text}</t></is></c></row></sheetData>'
    return xlsx(sheet_xml(x_table()).replace("</sheetData>", stray))


def test_one_cell_at_the_last_row_under_a_wide_table_is_refused(db, tmp_path, import_files, snapshot):
    # Each cell alone is small (A1048576 is one column), but the reader would fill 17 x 1,048,576 cells.
    path = tmp_path / NAME
    path.write_bytes(x_sheet_with(1_048_576, " "))
    before = snapshot(db)

    [result] = import_files(path)

    assert (result.status, result.error) == (
        "rejected",
        f"{NAME}: the spreadsheet could not be read safely (the sheet, 17 columns wide down to the cell A1048576, "
        f"spans 17,825,792 cells from A1; at most 2,000,000 are read). {HOW_TO}",
    )
    assert snapshot(db) == before


def test_blank_rows_under_the_table_are_not_rejected_rows(db, tmp_path, import_files):
    # A stray space far below the table makes the reader return every row down to it, all blank.
    path = tmp_path / NAME
    path.write_bytes(x_sheet_with(60, " "))

    [result] = import_files(path)

    assert (result.status, result.rows_new, result.rows_rejected, result.rejections) == ("imported", X_ROWS, 0, [])


def test_a_row_of_data_under_blank_rows_is_still_read(db, tmp_path, import_files):
    # Only blank rows after the last filled one go: one with a value is a row, and is reported as one.
    path = tmp_path / NAME
    path.write_bytes(x_sheet_with(60, "not a post"))

    [result] = import_files(path)

    assert (result.status, result.rows_new) == ("imported", X_ROWS)
    # The last row read is 'not a post': the sheet's row 60, the 59th record under the header.
    assert result.rejections[-1] == (
        59,
        "row 59: no Post Link; the post id is no X post id (those have at most 19 digits)",
    )
