"""Reports that travel: one self-contained HTML document (or its PDF) for an organisation or a portfolio.

`organisation.py` and `portfolio.py` gather the figures from the functions the dashboard's pages
call and lay them out; `document.py` makes the HTML (plotly.js inlined once, nothing loaded from
anywhere, a print stylesheet for A4); `pdf.py` prints it with headless Chromium; `cli.py` is the
`report` command. Nothing here imports Streamlit.
"""

from __future__ import annotations

import importlib
from typing import Any

# Each name's module, imported when the name is first used (PEP 562): the command line imports this package
# for its `report` command and starts without pandas and plotly.
_EXPORTS = {
    "organisation_report": "impact.report.organisation",
    "report_bytes": "impact.report.organisation",
    "html_to_pdf": "impact.report.pdf",
    "portfolio_report": "impact.report.portfolio",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'impact.report' has no attribute {name!r}")


__all__ = ["html_to_pdf", "organisation_report", "portfolio_report", "report_bytes"]
