"""A report's HTML printed to an A4 PDF by headless Chromium, with the network blocked.

Playwright (when installed) opens the report from a temporary file and aborts every request that
is not that file; without it, Chromium's own `--print-to-pdf` runs with every host name unresolvable
and a proxy that does not exist, so nothing can leave the machine either way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

NO_CHROMIUM = "PDF needs Chromium: install it with apt-get install chromium, or write .html"
DRAWN_TIMEOUT_MS = 60_000
# Host names resolve to nothing and anything else goes to a proxy on a port nothing listens on.
OFFLINE_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    *OFFLINE_ARGS,
]
# Every figure's div gets plotly's SVG once drawn; printing before that would print empty boxes.
ALL_DRAWN = """() => {
  const wanted = Number(document.body.dataset.figures || 0);
  return document.querySelectorAll('.js-plotly-plot .main-svg').length >= wanted
      && document.querySelectorAll('.js-plotly-plot').length === wanted;
}"""


def find_chromium() -> str | None:
    """Chromium's path: $BROWSER_PATH, $CHROMIUM, /usr/bin/chromium, then chromium or chromium-browser on PATH."""
    candidates = [
        os.environ.get("BROWSER_PATH"),
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def html_to_pdf(html: str, out: Path) -> None:
    """Print the HTML to `out` as an A4 PDF; ValueError with a sentence when there is no Chromium."""
    chromium = find_chromium()
    if chromium is None:
        raise ValueError(NO_CHROMIUM)
    with tempfile.TemporaryDirectory(prefix="impact-report-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        try:
            import playwright.sync_api  # noqa: F401  (a test dependency; the dashboard may run without it)
        except ImportError:
            _print_with_chromium(chromium, page, out)
        else:
            _in_own_thread(print_with_playwright, chromium, page, out)


def _in_own_thread(function: Callable[..., object], *args: object) -> None:
    """Run Playwright's sync API in a thread of its own: it refuses a thread that runs an asyncio loop
    (Streamlit's, a notebook's, or another Playwright session's)."""
    from playwright.sync_api import Error as BrowserError

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-pdf") as pool:
        try:
            pool.submit(function, *args).result()
        except BrowserError as error:  # Chromium would not start, or the figures never drew
            raise RuntimeError(f"Chromium could not print the report: {str(error).splitlines()[0]}") from error


def print_with_playwright(chromium: str, page_file: Path, out: Path) -> list[str]:
    """Print with Playwright's page.pdf; every request that is not the page itself is aborted (and returned)."""
    from playwright.sync_api import Route, sync_playwright

    own = page_file.resolve().as_uri()
    refused: list[str] = []

    def only_the_page(route: Route) -> None:
        if route.request.url == own:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("blockedbyclient")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        try:
            context = browser.new_context(offline=True)
            context.route("**/*", only_the_page)
            page = context.new_page()
            page.goto(own, wait_until="load")
            page.wait_for_function(ALL_DRAWN, timeout=DRAWN_TIMEOUT_MS)
            page.emulate_media(media="print")
            page.pdf(
                path=str(out),
                format="A4",
                print_background=True,
                prefer_css_page_size=True,
                outline=True,
                tagged=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=(
                    '<div style="font-size:8px;width:100%;text-align:center;color:#777">'
                    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
                ),
                margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
            )
        finally:
            browser.close()
    return refused


def _print_with_chromium(chromium: str, page_file: Path, out: Path) -> None:
    """Chromium's own --print-to-pdf, offline; the virtual time budget lets the figures draw first."""
    with tempfile.TemporaryDirectory(prefix="impact-chromium-") as profile:
        done = subprocess.run(
            [
                chromium, "--headless", *BROWSER_ARGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                "--virtual-time-budget=20000", f"--print-to-pdf={out}", page_file.resolve().as_uri(),
            ],
            capture_output=True, timeout=180, check=False,
        )  # fmt: skip
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"Chromium could not print the report (exit code {done.returncode})")
