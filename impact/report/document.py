"""The HTML of a report: one self-contained document, printable on A4, that loads nothing from anywhere.

plotly.js is inlined once in the head; every figure is a div and a script that draws it from the
data written inline. Text from the store (names, file names, post texts, evidence) is hostile: it
goes through `text` (control and reordering characters spelled out, then HTML-escaped). Links to the
outside are only ever `<a href>`, and only http(s) addresses (campaigns.evidence.safe_url).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from impact.campaigns.evidence import safe_url
from impact.charts.look import FONT
from impact.store.names import shown_name

# No mode bar: its buttons and logo link are no use on paper, and the figures stay interactive on screen.
FIGURE_CONFIG = {"displayModeBar": False, "responsive": True}

# Only local fonts: a web font would be a request to another host.
STYLE = f"""
:root {{ --ink: #1f1f1f; --muted: #5a5a5a; --rule: #d0d0d0; --accent: #0072B2; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONT}; color: var(--ink); font-size: 10.5pt; line-height: 1.4; margin: 0; background: #fff; }}
main {{ max-width: 180mm; margin: 0 auto; padding: 8mm 0 16mm; }}
h1 {{ font-size: 20pt; margin: 0 0 2mm; }}
h2 {{ font-size: 14pt; margin: 7mm 0 2mm; border-bottom: 2px solid var(--accent); padding-bottom: 1mm; }}
h3 {{ font-size: 11.5pt; margin: 5mm 0 1.5mm; }}
p {{ margin: 1.5mm 0; }}
.meta, .note, figcaption {{ color: var(--muted); font-size: 9pt; }}
.score {{ display: flex; gap: 6mm; align-items: baseline; margin: 2mm 0; }}
.score .value {{ font-size: 30pt; font-weight: 700; color: var(--accent); }}
.score .stage {{ font-size: 16pt; font-weight: 600; }}
.columns {{ display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }}
ul {{ margin: 1mm 0; padding-left: 5mm; }}
table {{ border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 8.8pt; }}
th, td {{ border-bottom: 1px solid var(--rule); padding: 1mm 1.5mm; text-align: left; vertical-align: top; }}
th {{ background: #f2f5f8; font-weight: 600; }}
td.number, th.number {{ text-align: right; white-space: nowrap; }}
tr.median td {{ font-weight: 600; border-top: 2px solid var(--ink); }}
table.side-by-side td:first-child {{ min-width: 36mm; }}
table.side-by-side th {{ font-size: 8pt; }}
.tiles {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 2mm 0; }}
.tile {{ border: 1px solid var(--rule); border-radius: 2mm; padding: 2mm 3mm; }}
.tile .label {{ font-weight: 600; }}
.tile .figure {{ font-size: 16pt; font-weight: 700; }}
.tile .definition {{ color: var(--muted); font-size: 8pt; margin-top: 1mm; }}
.status {{ font-weight: 600; }}
.evidence {{ border-left: 3px solid var(--accent); padding: 1mm 3mm; margin: 2mm 0; }}
.evidence .body {{ white-space: pre-line; }}
figure.chart {{ margin: 2mm 0; }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; }}
dl.definitions dt {{ font-weight: 600; margin-top: 1.5mm; }}
dl.definitions dd {{ margin: 0 0 1mm 0; }}
@page {{ size: A4; margin: 14mm 14mm 16mm 14mm; }}
@media print {{
  main {{ max-width: none; padding: 0; }}
  section, figure.chart, .tile, .evidence, .keep, tr {{ page-break-inside: avoid; break-inside: avoid; }}
  h2, h3 {{ page-break-after: avoid; break-after: avoid; }}
  thead {{ display: table-header-group; }}
  .page-break {{ page-break-after: always; break-after: page; }}
  .appendix {{ page-break-before: always; break-before: page; }}
  section.long {{ page-break-inside: auto; break-inside: auto; }}
}}
"""


def text(value: object, multiline: bool = False) -> str:
    """Text from the store, shown as typed: control and reordering characters spelled out, then escaped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if multiline:
        return "\n".join(html.escape(shown_name(line)) for line in str(value).splitlines())
    return html.escape(shown_name(value))


def link(url: object, label: object = None) -> str:
    """An http(s) address as a link (never loaded: an `<a href>` only); any other address as plain text."""
    address = safe_url(str(url or ""))
    if address is None:
        return text(label if label is not None else url)
    shown = text(label if label is not None else address)
    return f'<a href="{html.escape(address, quote=True)}" rel="noopener noreferrer">{shown}</a>'


def whole(value: object) -> str:
    """A count with thousands separators; '–' when the data gives no figure (never 0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    return f"{float(value):,.0f}"  # type: ignore[arg-type]


def decimal(value: object, places: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    return f"{float(value):,.{places}f}"  # type: ignore[arg-type]


def percent(value: object, places: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    return f"{float(value):.{places}%}"  # type: ignore[arg-type]


def day(value: object) -> str:
    """A date as '25 Nov 2026'; a timestamp as '25 Nov 2026 14:03'."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return "–"
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    if stamp != stamp.normalize():
        return f"{stamp:%d %b %Y %H:%M}"
    return f"{stamp:%d %b %Y}"


Column = tuple[str, str, Callable[[Any], str], bool]  # key, heading, cell (returns HTML), is a number


def table(rows: Sequence[dict[str, Any]] | pd.DataFrame, columns: Sequence[Column], css: str = "") -> str:
    """An HTML table; each cell function returns HTML (so it escapes what it shows)."""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    head = "".join(f'<th class="{"number" if num else ""}">{html.escape(h)}</th>' for _, h, _, num in columns)
    body = []
    for record in records:
        cells = "".join(
            f'<td class="{"number" if num else ""}">{cell(record.get(key))}</td>' for key, _, cell, num in columns
        )
        body.append(f'<tr class="{html.escape(str(record.get("_class", "")))}">{cells}</tr>')
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


class Figures:
    """The document's figures, numbered in order; plotly.js goes in the head once, when there is any."""

    def __init__(self) -> None:
        self.count = 0

    def html(self, fig: go.Figure, caption: str = "") -> str:
        """A figure drawn in the browser from its inline data (no request anywhere)."""
        self.count += 1
        div = pio.to_html(
            fig,
            full_html=False,
            include_plotlyjs=False,
            include_mathjax=False,
            div_id=f"figure-{self.count}",
            config=FIGURE_CONFIG,
            default_width="100%",
            validate=False,
        )
        note = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f'<figure class="chart">{div}{note}</figure>'


def document(title: str, body: str, figures: Figures) -> str:
    """The whole HTML document: style, plotly.js (once, only with figures) and the body."""
    script = f'<script type="text/javascript">{get_plotlyjs()}</script>' if figures.count else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # The document may not fetch anything: no script, style, font, image or frame from any address.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; "
        "font-src data:; connect-src 'none'; worker-src blob:\">"
        f"<title>{title}</title><style>{STYLE}</style>{script}</head>"
        f'<body data-figures="{figures.count}"><main>{body}</main></body></html>\n'
    )
