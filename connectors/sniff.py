"""Look at the first bytes of a file: what it is, how it is encoded, where its header is."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass

HEAD_BYTES = 256 * 1024  # enough for Facebook's 2,681-column page-level header

# Magic numbers of files people upload by mistake, with a sentence for each.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF document, not a data export"),
    (b"\x89PNG", "a PNG image, not a data export"),
    (b"\xff\xd8\xff", "a JPEG image, not a data export"),
    (b"GIF8", "a GIF image, not a data export"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Word file; open it in a spreadsheet and save it as CSV or XLSX"),
    (b"Rar!", "a RAR archive; only ZIP archives can be imported"),
    (b"\x1f\x8b", "a gzip archive; only ZIP archives can be imported"),
    (b"7z\xbc\xaf", "a 7-Zip archive; only ZIP archives can be imported"),
    (b"MZ", "a Windows program, not a data export"),
    (b"\x7fELF", "a program, not a data export"),
    (b"SQLite format 3\x00", "an SQLite database, not a data export"),
]


def binary_kind(head: bytes) -> str | None:
    """A sentence naming what a non-text file is, or None if it may be text."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_WIDE_BOMS) or utf16_without_bom(head):
        return None
    if not head.strip(b"\x00"):
        return "a file of NUL bytes (zeros), not a text export; the download or copy failed. Download it again"
    if b"\x00" in head[:4096]:
        return damaged_text(head[:4096]) or "a binary file, not a text export"
    return None


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c")


def damaged_text(sample: bytes) -> str | None:
    """A sentence for text with a few NUL bytes in it, or padded with them (a damaged copy: a crash
    during a save leaves zeros at the end), or None if it is not mostly text."""
    body = sample.rstrip(b"\x00") if len(sample) < 4096 or sample.endswith(b"\x00") else sample
    nuls = body.count(0)
    others = len(body.translate(None, b"\x00").translate(None, _CONTROL_BYTES))
    if not body or nuls > 0.02 * len(body) or others < 0.98 * (len(body) - nuls):
        return None
    return nul_sentence(body[: body.find(0) if nuls else len(body)].count(b"\n") + 1)


def nul_sentence(line: int) -> str:
    return f"text with NUL bytes (zeros) on line {line}, which no export writes: the file is damaged. Download it again"


# UTF-32's little-endian mark begins with UTF-16's: test it first.
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def markup_kind(text: str) -> str | None:
    """A sentence naming a web page or an XML spreadsheet saved under an export's name, else None.

    Many web tools' "Export to Excel" gives an HTML table named .xls; Excel 2003 saves XML.
    """
    start = text.lstrip("\ufeff \t\r\n")[:4096].lower()
    if start.startswith(("<!doctype html", "<html", "<table", "<head", "<body")):
        return (
            "a web page (HTML), not a data export. If the tool offered 'Export to Excel', "
            "export as CSV instead, or open the file in a spreadsheet program and save it as CSV"
        )
    if start.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in start:
        return "an Excel 2003 XML spreadsheet; open it in a spreadsheet program and save it as CSV or XLSX"
    if start.startswith("<?xml") and ("<rss" in start or "<feed" in start):
        return "an RSS or Atom feed whose start cannot be read; save the feed again from its address"
    if start.startswith("<?xml"):
        return "an XML document, not a table; export the data as CSV"
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """The codec of UTF-16 text saved without a byte-order mark (utf-16-le or utf-16-be), else None.

    Text in the Latin script written as UTF-16 has a NUL in every other byte: at the odd offsets
    (little-endian) or the even ones (big-endian), and almost never at the other offsets.
    """
    sample = head[: 4096 - 4096 % 2]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) >= 0.9 * half and even.count(0) <= 0.02 * half:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) <= 0.02 * half:
        return "utf-16-be"
    return None


def sniff_encoding(head: bytes) -> str:
    """The Python codec for a text file, from its BOM or from whether it decodes as UTF-8."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if bare := utf16_without_bom(head):
        return bare
    try:
        # The head may end inside a multi-byte character; an incremental decoder forgives that.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        # Old Facebook page exports re-saved by Excel are cp1252, not UTF-8.
        return "cp1252"


def _cp1252_where_not_utf8(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes UTF-8 refused as cp1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("impact-cp1252-fallback", _cp1252_where_not_utf8)


def text_decoder(encoding: str, errors: str = "strict") -> codecs.IncrementalDecoder:
    """An incremental decoder for a sniffed encoding.

    "cp1252" means "not valid UTF-8": such a file is read as UTF-8 where its bytes are UTF-8 and as
    cp1252 elsewhere, so a UTF-8 export with a few rows pasted from an old spreadsheet keeps both
    its emoji and its accents (decoding it all as cp1252 would garble every UTF-8 character).
    """
    if encoding == "cp1252":
        return codecs.getincrementaldecoder("utf-8")(errors="impact-cp1252-fallback")
    return codecs.getincrementaldecoder(encoding)(errors=errors)


def decode_head(head: bytes, encoding: str) -> str:
    """Decode the first bytes, dropping a character cut in half at the end."""
    return text_decoder(encoding, errors="replace").decode(head, final=False)


@dataclass(frozen=True)
class HeadRow:
    """A CSV record among the first lines: its cells and the physical line it ends on."""

    cells: list[str]
    end_line: int  # 1-based physical line number of the record's last line


DELIMITERS = (",", ";", "\t")


def sniff_delimiter(text: str) -> str:
    """The field separator: Excel's `sep=` line if there is one, else the one under which most rows agree.

    Exports use commas; a spreadsheet re-saved in a European locale uses semicolons, and some
    tools write tabs. Under the right separator the header and the data rows have the same width;
    under a wrong one, separators inside text give rows of random widths.
    """
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip().strip('"')
    if first.startswith("sep=") and first[4:5] in DELIMITERS:
        return first[4:5]

    def agreement(delimiter: str) -> tuple[int, int]:
        widths = Counter(len(r.cells) for r in head_rows(text, delimiter=delimiter) if len(r.cells) >= 2)
        if not widths:
            return (0, 0)
        width, rows = max(widths.items(), key=lambda item: (item[1], item[0]))
        return (rows, width)

    # Ties keep the comma, listed first.
    return max(DELIMITERS, key=agreement)


def head_rows(text: str, limit: int = 20, delimiter: str = ",") -> list[HeadRow]:
    """The first records of a CSV text, with the physical line each one ends on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[HeadRow] = []
    try:
        for cells in reader:
            rows.append(HeadRow(cells, reader.line_num))
            if len(rows) >= limit:
                break
    except csv.Error:
        pass  # a field cut in half at the end of the head, or not CSV at all
    return rows
