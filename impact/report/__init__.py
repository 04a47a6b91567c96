"""Reports that travel: one self-contained HTML document (or its PDF) for an organisation or a portfolio.

`organisation.py` and `portfolio.py` gather the figures from the functions the dashboard's pages
call and lay them out; `document.py` makes the HTML (plotly.js inlined once, nothing loaded from
anywhere, a print stylesheet for A4); `pdf.py` prints it with headless Chromium; `cli.py` is the
`report` command. Nothing here imports Streamlit.
"""

from __future__ import annotations

from impact.report.organisation import organisation_report, report_bytes
from impact.report.pdf import html_to_pdf
from impact.report.portfolio import portfolio_report

__all__ = ["html_to_pdf", "organisation_report", "portfolio_report", "report_bytes"]
