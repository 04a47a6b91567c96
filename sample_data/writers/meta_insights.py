"""Meta page-level insights (meta_insights/Follows.csv, Views.csv, Visits.csv).

UTF-16 LE with a BOM, CRLF, a `sep=,` line, then the title, then `"Date","Primary"`; every field
quoted, days as "2026-01-31T00:00:00".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sample_data.writers.quoting import quote_all


def page_insight(title: str, series: Sequence[tuple[date, int]]) -> bytes:
    lines = ["sep=,", quote_all(title), '"Date","Primary"']
    lines += [f'"{d.isoformat()}T00:00:00","{v}"' for d, v in series]
    return b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")
