"""CSV text written by hand, so that each platform's quoting is copied exactly.

The csv module cannot quote "when a space is present" (Meta) nor leave a header unquoted while
quoting its rows; these few functions can, and give the same bytes as csv.writer where both apply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

Quote = Callable[[str], str]


def quote_all(s: str) -> str:
    """Always quoted, quotes doubled."""
    return '"' + s.replace('"', '""') + '"'


def quote_minimal(s: str) -> str:
    """Quoted only where CSV needs it: a comma, a quote or a line break."""
    return quote_all(s) if any(c in s for c in ',"\n\r') else s


def quote_meta(s: str) -> str:
    """Meta Business Suite: any field containing a space is quoted (header or data); fields that
    need quoting for CSV reasons are quoted too."""
    return quote_all(s) if any(c in s for c in ' ,"\n\r\t') else s


def csv_text(rows: Iterable[Sequence[str]], quote: Quote, eol: str) -> str:
    """Rows of strings as CSV text, every line ended with `eol`."""
    return "".join(",".join(quote(f) for f in row) + eol for row in rows)
