"""The `report` command: python -m impact report --org NAME | --portfolio NAME [--from DAY --to DAY] --out FILE.

The extension of --out decides: .html writes the self-contained document, .pdf prints it with headless
Chromium. Without dates the period is the last 12 months ending on the latest day with data (of the
organisation, or of any grantee of the portfolio). Bad input gets a sentence and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from impact.store.names import shown_name

if TYPE_CHECKING:  # the store's modules are imported when the report is made: --help starts fast
    import duckdb

FORMATS = (".html", ".pdf")


def add_report_command(commands: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Register `report` on the sub-command parsers (argparse's add_subparsers result), with the common options."""
    report = commands.add_parser(
        "report",
        parents=[common],
        help="write a report for funders: one self-contained HTML file that opens offline, or its PDF",
    )
    whose = report.add_mutually_exclusive_group(required=True)
    whose.add_argument("--org", default=None, help="the organisation to report on")
    whose.add_argument("--portfolio", default=None, help="the portfolio (a funder's grantees) to report on")
    report.add_argument(
        "--from", dest="start", default=None, help="first local day, YYYY-MM-DD (default: 12 months before --to)"
    )
    report.add_argument(
        "--to", dest="end", default=None, help="last local day, YYYY-MM-DD (default: the latest day with data)"
    )
    report.add_argument("--out", type=Path, required=True, help="FILE.html or FILE.pdf (PDF needs Chromium)")
    return report


class BadInput(ValueError):
    """Input the command refuses; its message is the sentence to print."""


def _day(value: object, option: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BadInput(f"{option} {str(value)[:40]!r} is not a day written YYYY-MM-DD.") from None


def year_before(end: date) -> date:
    """The first day of the 12 months ending on `end` (29 February counts from 1 March)."""
    try:
        return end.replace(year=end.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return date(end.year - 1, 3, 1)


def period(start: date | None, end: date | None, latest: date) -> tuple[date, date]:
    """The report's days: as given, else the 12 months ending on --to, or on the latest day with data."""
    last = end or latest
    first = start or year_before(last)
    if first > last:
        raise BadInput(f"--from {first} is after --to {last}.")
    return first, last


def _known(names: list[str]) -> str:
    shown = ", ".join(repr(n) for n in names[:10]) + (" ..." if len(names) > 10 else "")
    return f" Known: {shown}." if names else ""


def _organisation(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> tuple[str, date, date, str]:
    # The report's modules (pandas, plotly) are imported when a report is made: the command line starts fast.
    from impact.figures.overview import data_range
    from impact.report.organisation import organisation_report
    from impact.store.orgs import organisation_id, organisations

    org = organisation_id(con, args.org)
    if org is None:
        raise BadInput(f"No organisation called {args.org!r}.{_known(organisations(con))}")
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    span = data_range(con, org)
    if span is None:
        raise BadInput(f"{shown_name(args.org)} has no data to report yet: import its exports first.")
    first, last = period(start, end, span[1])
    return args.org, first, last, organisation_report(con, org, first, last)


def _portfolio(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> tuple[str, date, date, str]:
    from impact.presence.portfolio import portfolio_named, portfolios
    from impact.report.portfolio import latest_day, portfolio_report

    found = portfolio_named(con, args.portfolio)
    if found is None:
        raise BadInput(f"No portfolio called {args.portfolio!r}.{_known([p.name for p in portfolios(con)])}")
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    latest = latest_day(con, found)
    if latest is None:
        raise BadInput(
            f"The portfolio {shown_name(args.portfolio)} has no data to report yet: none of its grantees has any."
        )
    first, last = period(start, end, latest)
    return args.portfolio, first, last, portfolio_report(con, found, first, last)


def run_report(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    """Write the report; one line (or JSON with --json) on success, a sentence and 2 on bad input."""
    out = Path(args.out)
    try:
        if out.suffix.lower() not in FORMATS:
            raise BadInput(f"--out {out.name!r}: write the report to a file ending in .html or .pdf.")
        if out.parent and not out.parent.is_dir():
            raise BadInput(f"--out {str(out)!r}: the folder {str(out.parent)!r} does not exist.")
        name, first, last, html = _organisation(con, args) if args.org is not None else _portfolio(con, args)
        if out.suffix.lower() == ".pdf":
            from impact.report.pdf import html_to_pdf

            html_to_pdf(html, out)
        else:
            out.write_text(html, encoding="utf-8")
    except ValueError as error:  # BadInput, a bad period, or html_to_pdf's: no Chromium
        print(str(error), file=sys.stderr)
        return 2
    except (OSError, RuntimeError) as error:
        print(f"The report could not be written to {out}: {error}", file=sys.stderr)
        return 1
    size = out.stat().st_size
    kind = "organisation" if args.org is not None else "portfolio"
    if getattr(args, "json", False):
        print(
            json.dumps({"out": str(out), kind: name, "from": first.isoformat(), "to": last.isoformat(), "bytes": size})
        )
    else:
        print(
            f"{shown_name(out)}: report on {shown_name(name)}, {first:%d %b %Y} – {last:%d %b %Y} ({size / 1e6:.1f} MB)."
        )
    return 0
