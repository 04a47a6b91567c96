"""Detection beyond the fixture table: which fixture is detected as which connector, for every fixture
file and real export, is checked in tests/test_connector_contract.py. Here: the workbook sheets no format
reads, and detect()'s own refusals (ambiguous headers, unknown Meta titles, archives).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors import REGISTRY, DetectionError, detect
from connectors.base import normalise_header
from connectors.sniff import decode_head, head_rows, sniff_delimiter, sniff_encoding
from impact.store.workbooks import sheets_as_csv
from tests.conftest import FIXTURES

LI = "linkedin/clean-river-trust"
BREAKDOWNS = ("Location", "Job function", "Seniority", "Industry", "Company size")


@pytest.mark.parametrize(
    ("workbook", "sheet"),
    [(f"{LI}_followers_1785888060000.xls", s) for s in BREAKDOWNS]
    + [(f"{LI}_visitors_1785888030000.xls", s) for s in BREAKDOWNS],
)
def test_linkedin_breakdown_sheets_fit_no_connector(workbook, sheet, tmp_path):
    """The demographic sheets have no date: no connector's signature fits any of their rows."""
    [csv_sheet] = [s for s in sheets_as_csv(FIXTURES / workbook, Path(workbook).name, tmp_path) if s.title == sheet]
    head = csv_sheet.csv_path.read_bytes()
    name = f"{Path(workbook).name} › {sheet}"

    with pytest.raises(DetectionError) as caught:
        detect(name, head)

    assert str(caught.value).startswith(f"{name}: not an export this product recognises (its first columns are ")
    text = decode_head(head, sniff_encoding(head))
    for row in head_rows(text, delimiter=sniff_delimiter(text)):
        names = {normalise_header(c) for c in row.cells}
        assert [c.name for c in REGISTRY if all(s in names for s in c.signature)] == []


def test_a_header_that_fits_two_formats_equally_is_refused():
    # The signatures of the legacy tweet export and of the x.com Content export, in one header.
    header = "Tweet id,Tweet permalink,time,impressions,engagements,Post id,Date,Post text\n1,2,3,4,5,6,7,8\n"

    with pytest.raises(DetectionError) as caught:
        detect("mixed.csv", header.encode("utf-8"))

    assert str(caught.value) == (
        "mixed.csv: the header fits several formats (X (Twitter) tweet activity, legacy analytics.twitter.com "
        "export and X post analytics, x.com 'Content' export (2024+)); cannot tell which."
    )


def test_a_meta_insights_file_with_an_unknown_title_is_refused():
    head = 'sep=,\n"Facebook likes"\n"Date","Primary"\n"2025-08-01T00:00:00","20"\n'.encode("utf-16")

    with pytest.raises(DetectionError) as caught:
        detect("Likes.csv", head)

    assert str(caught.value) == (
        "Likes.csv: looks like a Meta Business Suite insights file, but its title line 'Facebook likes' names "
        "no metric this product knows (follows, views, reach, visits, interactions)."
    )


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (b"PK\x03\x04\x14\x00", "export.csv: this is a ZIP archive; it is unpacked before detection."),
        (b"%PDF-1.4\n", "export.csv: this is a PDF document, not a data export."),
        (b"  \r\n\t\n", "export.csv: the file is empty."),
    ],
)
def test_files_that_are_not_text_tables_are_refused_by_their_first_bytes(head, message):
    with pytest.raises(DetectionError) as caught:
        detect("export.csv", head)

    assert str(caught.value) == message
