"""Reports that travel: one self-contained HTML file (and its PDF) that opens offline and runs nothing it holds.

The demo store gets hostile text first (an organisation name, a campaign and evidence with <script>),
then the reports are made once per module. Chromium opens them from a file with every other request
aborted: every figure must draw, no request may go anywhere, no dialog may open.
"""

from __future__ import annotations

import argparse
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from chromium import chromium_path
from plotly.offline import get_plotlyjs

from impact.campaigns.goals import create_campaign, set_goal
from impact.figures.overview import data_range
from impact.presence.portfolio import create_portfolio, portfolio_named, set_benchmark
from impact.presence.scorecard import scorecard
from impact.presence.weights import weights_for
from impact.report import html_to_pdf, organisation_report, portfolio_report, report_bytes
from impact.report import pdf as report_pdf
from impact.report.cli import add_report_command, run_report, year_before
from impact.store.connection import connect
from impact.store.orgs import ensure_organisation, organisation_id

PUNE = "Pune Education Trust"
DEMO = [PUNE, "Sakhi Women's Health Collective", "Brahmaputra Flood Relief Network"]
HOSTILE_ORG = 'Pune <script>alert("org")</script> & "Trust"'
HOSTILE_TITLE = '<script>alert("evidence")</script>'
HOSTILE_BODY = "<img src=x onerror=alert(2)>\nsecond line"
HOSTILE_CAMPAIGN = "<img src=x onerror=alert(4)> push"
HOSTILE_SOURCE = "</td><script>alert(6)</script> survey"
EVIL_LINK = "javascript:alert(3)"
GOOD_LINK = "https://photos.example.org/camp?a=1&b=2"
PLOTLY_BANNER = get_plotlyjs()[:40]
# Elements that fetch what their src / href / data names.
LOADING = {"script", "img", "iframe", "frame", "embed", "object", "source", "video", "audio", "track", "input",
           "link", "image", "use", "base", "form"}  # fmt: skip


@dataclass(frozen=True)
class Reports:
    con: duckdb.DuckDBPyConnection
    folder: Path
    org_id: int
    start: date  # the last 12 months of the demo data
    end: date
    today: date
    organisation: str  # the organisation's report
    portfolio: str


class Tags(HTMLParser):
    """Every start tag with its attributes; script bodies and style sheets as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._inside = tag if tag in ("script", "style") else None
        if tag == "script":
            self.scripts.append("")
        if tag == "style":
            self.styles.append("")

    def handle_data(self, data: str) -> None:
        if self._inside == "script":
            self.scripts[-1] += data
        elif self._inside == "style":
            self.styles[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._inside = None


def parsed(document: str) -> Tags:
    tags = Tags()
    tags.feed(document)
    return tags


@pytest.fixture(scope="module")
def reports(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reports]:
    """A copy of the demo store with hostile text in it, and its two reports, made once."""
    folder = tmp_path_factory.mktemp("report")
    shutil.copy(sample_store, folder / "store.duckdb")
    con = connect(folder / "store.duckdb")
    org = organisation_id(con, PUNE)
    assert org is not None
    span = data_range(con, org)
    assert span is not None
    end = span[1]
    start, today = year_before(end), end + timedelta(days=6)
    campaign = con.execute(  # the organisation's latest campaign that overlaps the period
        "SELECT id FROM campaign WHERE organisation_id = ? AND starts <= ? AND ends >= ? ORDER BY starts DESC",
        [org, end, start],
    ).fetchone()[0]  # type: ignore[index]
    # Stored as if an older version had let them in: the report must not trust the store.
    con.execute(
        """INSERT INTO evidence (campaign_id, kind, title, body, url, attributed_to, day) VALUES
           (?, 'story', ?, ?, ?, '</div><b>bold</b>', ?), (?, 'photo', 'Camp photos', '', ?, '', ?)""",
        [campaign, HOSTILE_TITLE, HOSTILE_BODY, EVIL_LINK, end, campaign, GOOD_LINK, end - timedelta(days=1)],
    )
    hostile = create_campaign(
        con,
        org,
        HOSTILE_CAMPAIGN,
        end - timedelta(days=60),
        end - timedelta(days=30),
        description="</section><script>alert(5)",
    )
    set_goal(con, hostile, "posts", 10)
    con.execute("UPDATE organisation SET name = ? WHERE id = ?", [HOSTILE_ORG, org])
    portfolio = create_portfolio(con, "Funder's <b>cohort</b>", [HOSTILE_ORG, *DEMO[1:]], "Grantees <i>2026</i>")
    set_benchmark(con, portfolio, "consistency", 60, HOSTILE_SOURCE, date(2026, 1, 1))
    found = portfolio_named(con, "Funder's <b>cohort</b>")
    assert found is not None
    yield Reports(
        con=con,
        folder=folder,
        org_id=org,
        start=start,
        end=end,
        today=today,
        organisation=organisation_report(con, org, start, end, today),
        portfolio=portfolio_report(con, found, start, end, today),
    )
    con.close()


def figure_count(document: str) -> int:
    found = re.search(r'<body data-figures="(\d+)"', document)
    assert found is not None
    return int(found.group(1))


@pytest.mark.parametrize("which", ["organisation", "portfolio"])
def test_plotly_is_inlined_once_and_nothing_is_loaded(reports: Reports, which: str) -> None:
    document = getattr(reports, which)
    tags = parsed(document)
    figures = figure_count(document)
    assert figures >= (10 if which == "organisation" else 3)
    assert document.count(PLOTLY_BANNER) == 1
    assert document.count('class="plotly-graph-div"') == figures
    scripts = [
        (attrs, body)
        for (tag, attrs), body in zip([t for t in tags.tags if t[0] == "script"], tags.scripts, strict=True)
    ]
    assert len(scripts) == 1 + figures  # plotly.js, then one per figure, and nothing else
    assert all("src" not in attrs for attrs, _ in scripts)
    assert scripts[0][1].startswith(PLOTLY_BANNER)
    assert all(body.lstrip().startswith("window.PLOTLYENV") and "Plotly.newPlot(" in body for _, body in scripts[1:])
    for tag, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "meta":
            assert (attrs.get("http-equiv") or "").lower() != "refresh"
        if tag in LOADING:
            loaded = [attrs.get(a) or "" for a in ("src", "href", "data", "srcset", "poster", "action")]
            assert not any(v for v in loaded), (tag, attrs)  # no external (or any) resource at all
        if tag == "a":
            assert (attrs.get("href") or "").startswith(("https://", "http://")), attrs
    for sheet in tags.styles:
        assert "url(" not in sheet and "@import" not in sheet and "@font-face" not in sheet
    assert "default-src 'none'" in document  # the Content-Security-Policy forbids fetching anything


def test_hostile_text_is_escaped(reports: Reports) -> None:
    document = reports.organisation
    for raw in (HOSTILE_ORG, HOSTILE_TITLE, "<img src=x onerror=alert(2)>", "</div><b>bold</b>", HOSTILE_CAMPAIGN):
        assert raw not in document
        assert html.escape(raw) in document
    assert "alert(5)" in document and "</section><script>alert(5)" not in document
    assert 'href="javascript' not in document  # a stored javascript: address is shown as text, never a link
    assert f"<div>{html.escape(EVIL_LINK)}</div>" in document
    assert f'<a href="{html.escape(GOOD_LINK)}" rel="noopener noreferrer">' in document
    assert "<script>alert" not in reports.portfolio and html.escape(HOSTILE_SOURCE) in reports.portfolio
    assert html.escape("Funder's <b>cohort</b>") in reports.portfolio
    assert "<b>cohort</b>" not in reports.portfolio and "Grantees <i>2026</i>" not in reports.portfolio


def test_sections_in_order_scorecard_first(reports: Reports) -> None:
    document = reports.organisation
    order = ["scorecard", "headline", "campaigns", "time", "evidence", "appendix"]
    places = [document.index(f'<section id="{name}"') for name in order]
    assert places == sorted(places)
    card = scorecard(reports.con, reports.org_id, reports.start, reports.end, weights_for(reports.con), reports.today)
    assert card.score is not None
    assert f'<span class="value">{card.score:.0f}</span>' in document
    assert f"Stage: {card.stage}" in document
    for component in card.components:
        assert html.escape(component.raw) in document
    # Printable: A4, sections and charts kept whole, the appendix on a page of its own.
    assert "size: A4" in document and "page-break-inside: avoid" in document
    assert ".appendix { page-break-before: always" in document


def test_figures_are_the_dashboards(reports: Reports) -> None:
    """Headline figures with their definitions, campaign goals with status, results per hour, latest evidence."""
    document = reports.organisation
    from impact.definitions import DEFINITIONS
    from impact.figures.overview import headline, platforms_with_data
    from impact.filters import Filters

    now = headline(
        reports.con,
        Filters(reports.org_id, reports.start, reports.end, tuple(platforms_with_data(reports.con, reports.org_id))),
    )
    assert f'<div class="figure">{now.posts:,}</div>' in document
    assert f'<div class="figure">{now.impressions:,}</div>' in document
    for key in ("posts", "impressions", "reach", "engagements", "engagement_rate", "follower_change"):
        assert html.escape(DEFINITIONS[key].text) in document
    overlapping = reports.con.execute(
        "SELECT name FROM campaign WHERE organisation_id = ? AND starts <= ? AND ends >= ? AND NOT archived",
        [reports.org_id, reports.end, reports.start],
    ).fetchall()
    assert len(overlapping) >= 2
    campaigns = document.split('<section id="campaigns"')[1].split('<section id="time"')[0]
    assert all(f"<h3>{html.escape(name)}</h3>" in campaigns for (name,) in overlapping)
    assert document.count('<span class="status">') >= 4  # each goal's status
    assert "Engagements per hour" in document
    assert html.escape(HOSTILE_TITLE) in document.split('id="evidence"')[1].split('id="appendix"')[0]


def test_appendix_lists_every_imported_file(reports: Reports) -> None:
    appendix = reports.organisation.split('<section id="appendix"')[1]
    files = reports.con.execute(
        "SELECT source_name, as_of FROM import_batch WHERE organisation_id = ? AND status = 'imported'",
        [reports.org_id],
    ).fetchall()
    assert len(files) >= 10
    for name, as_of in files:
        assert html.escape(name) in appendix
        assert f"{as_of:%d %b %Y}" in appendix
    assert "Definitions used" in appendix and "Consistency" in appendix


def test_report_bytes_is_the_html(reports: Reports) -> None:
    data = report_bytes(reports.con, reports.org_id, reports.end - timedelta(days=60), reports.end)
    assert data.startswith(b"<!DOCTYPE html>") and data.rstrip().endswith(b"</html>")
    assert data.decode("utf-8").count(PLOTLY_BANNER) == 1


def test_portfolio_report(reports: Reports) -> None:
    document = reports.portfolio
    assert document.index('<section id="scorecard"') < document.index('<section id="appendix"')
    assert "Portfolio median" in document and 'class="median"' in document
    for name in [HOSTILE_ORG, *DEMO[1:]]:
        assert f"<h3>{html.escape(name)}:" in document  # its score, stage and flags
    assert "Score per quarter" in document and "Weekly impressions and engagement rate" in document
    assert figure_count(document) == 3  # the quarterly trend, weekly impressions, weekly engagement rate
    benchmarks = document.split('<section id="benchmarks"')[1].split("</section>")[0]
    assert html.escape(HOSTILE_SOURCE) in benchmarks and "01 Jan 2026" in benchmarks


def test_report_refuses_a_period_that_ends_before_it_starts(reports: Reports) -> None:
    with pytest.raises(ValueError, match="after it ends"):
        organisation_report(reports.con, reports.org_id, reports.end, reports.start)
    with pytest.raises(ValueError, match="no organisation"):
        organisation_report(reports.con, 999_999, reports.start, reports.end)


# ------------------------------------------------------------------------------------------------
# In Chromium, offline


def open_offline(browser, path: Path) -> tuple[object, list[str], list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The page opened from its file; requests refused (any other URL), dialogs opened, console errors."""
    own = path.resolve().as_uri()
    refused: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)

    def route(r) -> None:  # type: ignore[no-untyped-def]
        if r.request.url == own:
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    def dialog(d) -> None:  # type: ignore[no-untyped-def]
        dialogs.append(d.message)
        d.dismiss()

    page.route("**/*", route)
    page.on("dialog", dialog)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(own, wait_until="load")
    return page, refused, dialogs, errors


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=report_pdf.BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("which", ["organisation", "portfolio"])
def test_every_chart_draws_offline(reports: Reports, browser, which: str) -> None:  # type: ignore[no-untyped-def]
    document = getattr(reports, which)
    path = reports.folder / f"{which}.html"
    path.write_text(document, encoding="utf-8")
    figures = figure_count(document)
    page, refused, dialogs, errors = open_offline(browser, path)
    page.wait_for_function(report_pdf.ALL_DRAWN)  # type: ignore[attr-defined]
    assert page.locator(".js-plotly-plot").count() == figures  # type: ignore[attr-defined]
    drawn = page.locator(".js-plotly-plot").evaluate_all(  # type: ignore[attr-defined]
        "plots => plots.filter(p => p.querySelector('.main-svg') && p.querySelector('g.trace')).length"
    )
    assert drawn == figures
    assert refused == []  # no request to any other host (nor any other file)
    assert dialogs == []  # no hostile script ran
    assert errors == []
    page.context.close()  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------------------------
# PDF


def _pdf_objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S)}


def first_page_outline(data: bytes) -> list[str]:
    """The headings Chromium's PDF outline places on page 1 (no PDF library needed)."""
    objects = _pdf_objects(data)
    node = next(body for body in objects.values() if re.search(rb"/Type /Pages\b", body) and b"/Parent" not in body)
    while True:  # the first leaf of the page tree is page 1
        kids = re.search(rb"/Kids \[(\d+) 0 R", node)
        assert kids is not None
        first = int(kids.group(1))
        node = objects[first]
        if not re.search(rb"/Type /Pages\b", node):
            break
    titles = re.findall(rb"/Title \((.*?)\)\s*/Dest \[(\d+) 0 R", data, re.S)
    return [title.decode("latin-1") for title, page in titles if int(page) == first]


def first_page_text(pdf: Path) -> str | None:
    """Page 1's text, with pypdf when installed, else poppler's pdftotext when present; None without either."""
    try:
        from pypdf import PdfReader  # type: ignore[import-not-found]
    except ImportError:
        pdftotext = shutil.which("pdftotext")
        if pdftotext is None:
            return None
        done = subprocess.run([pdftotext, "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    return str(PdfReader(str(pdf)).pages[0].extract_text())


def test_pdf_has_the_scorecard_on_page_one(reports: Reports) -> None:
    chromium_path()
    out = reports.folder / "report.pdf"
    html_to_pdf(reports.organisation, out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert re.search(rb"/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]", data)  # A4: 595 x 842 points
    assert int(re.findall(rb"/Type /Pages\s*/Count (\d+)", data)[0]) >= 4
    assert "Web-presence scorecard" in first_page_outline(data)
    text = first_page_text(out)
    if text is None and os.environ.get("CI") == "true":
        pytest.fail("pdftotext (poppler-utils) is missing: .ci/run installs it")
    if text is not None:  # the outline says where the heading is; the text says it was printed there
        assert "Web-presence scorecard" in text and "out of 100" in text and "Headline figures" not in text
    if shutil.which("pdftoppm"):  # and as an image: page 1 is drawn, its chart included, not a blank page
        pixels = first_page_pixels(out)
        dark = sum(1 for p in pixels if p < 128)
        assert 0.01 * len(pixels) < dark < 0.5 * len(pixels)
        blue = first_page_pixels(out, colour=True)
        # The points chart's bars are the palette's blue (#0072B2): a real chart, not only text.
        assert sum(1 for r, g, b in blue if b > 150 and r < 60 and 90 < g < 140) > 500


def first_page_pixels(pdf: Path, colour: bool = False) -> list:  # type: ignore[type-arg]
    """Page 1 rendered by pdftoppm at 40 dpi: grey levels (a PGM image), or (r, g, b) triples (a PPM image)."""
    command = ["pdftoppm", "-f", "1", "-l", "1", "-r", "40", *([] if colour else ["-gray"]), str(pdf)]
    data = subprocess.run(command, capture_output=True, check=True).stdout
    header_end = 0
    for _ in range(3):  # P5/P6, width height, maximum value
        header_end = data.index(b"\n", header_end) + 1
    body = data[header_end:]
    if not colour:
        return list(body)
    return [tuple(body[i : i + 3]) for i in range(0, len(body) - 2, 3)]


@pytest.mark.parametrize("printer", ["playwright", "chromium"])
def test_pdf_printing_is_offline(tmp_path: Path, printer: str) -> None:
    """Both ways of printing: a page asking a local server for a script and an image asks nobody."""
    chromium = chromium_path()
    asked: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        page = tmp_path / "leaky.html"
        page.write_text(
            f'<!DOCTYPE html><html><body><h1>Offline</h1><img src="http://127.0.0.1:{port}/leak.png">'
            f'<script src="http://127.0.0.1:{port}/leak.js"></script></body></html>',
            encoding="utf-8",
        )
        out = tmp_path / "leaky.pdf"
        if printer == "playwright":
            # In a thread of its own, as html_to_pdf runs it: this module's browser holds an asyncio loop here.
            with ThreadPoolExecutor(max_workers=1) as pool:
                refused = pool.submit(report_pdf.print_with_playwright, chromium, page, out).result()
            assert sorted(refused) == [f"http://127.0.0.1:{port}/leak.js", f"http://127.0.0.1:{port}/leak.png"]
        else:
            report_pdf._print_with_chromium(chromium, page, out)  # flags: no host resolves, a dead proxy
        assert out.read_bytes().startswith(b"%PDF-")
        assert asked == []
    finally:
        server.shutdown()


def test_pdf_without_chromium_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_pdf, "find_chromium", lambda: None)
    with pytest.raises(ValueError, match=r"PDF needs Chromium: install it with apt-get install chromium"):
        html_to_pdf("<html></html>", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_chromium_is_found_through_browser_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(browser))
    assert report_pdf.find_chromium() == str(browser)


# ------------------------------------------------------------------------------------------------
# The command


def report_args(*argv: str) -> argparse.Namespace:
    """The command's arguments, parsed as impact/__main__.py parses them (its common --db and --json)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=None)
    common.add_argument("--json", action="store_true")
    parser = argparse.ArgumentParser(prog="python -m impact")
    commands = parser.add_subparsers(dest="command", required=True)
    add_report_command(commands, common)
    return parser.parse_args(["report", *argv])


@pytest.fixture
def store(sample_store: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    shutil.copy(sample_store, tmp_path / "store.duckdb")
    con = connect(tmp_path / "store.duckdb")
    yield con
    con.close()


def test_command_writes_the_last_12_months(
    store: duckdb.DuckDBPyConnection, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pune.html"
    assert run_report(store, report_args("--org", PUNE, "--out", str(out), "--json")) == 0
    printed = json.loads(capsys.readouterr().out)
    span = data_range(store, organisation_id(store, PUNE))  # type: ignore[arg-type]
    assert span is not None
    assert printed == {
        "out": str(out), "organisation": PUNE, "from": year_before(span[1]).isoformat(),
        "to": span[1].isoformat(), "bytes": out.stat().st_size,
    }  # fmt: skip
    assert out.read_text(encoding="utf-8").count(PLOTLY_BANNER) == 1


def test_command_reports_on_a_portfolio(
    store: duckdb.DuckDBPyConnection, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_portfolio(store, "Demo grantees", DEMO)
    out = tmp_path / "cohort.html"
    args = report_args("--portfolio", "Demo grantees", "--from", "2026-06-01", "--to", "2026-11-25", "--out", str(out))
    assert run_report(store, args) == 0
    line = capsys.readouterr().out
    assert line.startswith(f"{out}: report on Demo grantees, 01 Jun 2026 – 25 Nov 2026")
    assert "Portfolio median" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "sentence"),
    [
        (["--org", "Nobody"], "No organisation called 'Nobody'. Known: 'Brahmaputra"),
        (["--org", "Empty"], "Empty has no data to report yet"),
        (["--portfolio", "Nobody"], "No portfolio called 'Nobody'."),
        (["--portfolio", "Empty cohort"], "The portfolio Empty cohort has no data to report yet"),
        (["--org", PUNE, "--from", "2026-02-30"], "--from '2026-02-30' is not a day written YYYY-MM-DD."),
        (["--org", PUNE, "--to", "yesterday"], "--to 'yesterday' is not a day written YYYY-MM-DD."),
        (["--org", PUNE, "--from", "2026-10-01", "--to", "2026-09-01"], "--from 2026-10-01 is after --to 2026-09-01."),
        (["--org", PUNE, "--out", "report.docx"], "--out 'report.docx': write the report to a file ending in .html"),
    ],
)
def test_command_refuses_bad_input(
    store: duckdb.DuckDBPyConnection,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    sentence: str,
) -> None:
    ensure_organisation(store, "Empty")
    create_portfolio(store, "Empty cohort", ["Empty"])
    if "--out" not in argv:
        argv = [*argv, "--out", str(tmp_path / "r.html")]
    else:
        argv = [a if a != "report.docx" else str(tmp_path / "report.docx") for a in argv]
    assert run_report(store, report_args(*argv)) == 2
    printed = capsys.readouterr()
    assert sentence in printed.err and printed.out == ""
    assert list(tmp_path.glob("r.*")) == [] and list(tmp_path.glob("report.*")) == []


def test_command_without_chromium_refuses_pdf(
    store: duckdb.DuckDBPyConnection,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(report_pdf, "find_chromium", lambda: None)
    args = report_args("--org", PUNE, "--from", "2026-11-01", "--out", str(tmp_path / "r.pdf"))
    assert run_report(store, args) == 2
    assert "PDF needs Chromium: install it with apt-get install chromium, or write .html" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_year_before() -> None:
    assert year_before(date(2026, 11, 25)) == date(2025, 11, 26)
    assert year_before(date(2028, 2, 29)) == date(2027, 3, 1)
