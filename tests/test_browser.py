"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `streamlit run`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from impact.campaigns.goals import progress
from impact.store.connection import open_store
from impact.store.sample import SAMPLE_DIR

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
X_CONTENT = SAMPLE_DIR / "pune-education-trust" / "account_analytics_content_2026-06-01_2026-11-25.csv"


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        message = "Chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def warm_up(url: str) -> None:
    """Open the main page once. A server's first session runs in Streamlit's legacy pages/ mode until app.py
    calls st.navigation, so a first visit straight to /upload would show "Page not found" over the page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(url)
        wait_until_idle(page)
        browser.close()


def start_app(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`streamlit run app.py` on a free port with its own store; returns when it answers."""
    port = free_port()
    env = {**os.environ, "IMPACT_DB": str(db)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    warm_up(url)
                    return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("streamlit did not start within 60 s")


@pytest.fixture
def browser_page() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(30_000)
        yield page
        browser.close()


def wait_until_idle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait for the app to be connected and its script to have finished running."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")


def metric_value(page, label: str) -> str:  # type: ignore[no-untyped-def]
    tile = page.locator("[data-testid='stMetric']", has_text=label).first
    return tile.locator("[data-testid='stMetricValue']").inner_text().strip()


@pytest.fixture
def sample_server(sample_store: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The dashboard on its own copy of the demo store."""
    db = tmp_path / "sample.duckdb"
    shutil.copy(sample_store, db)
    process, url = start_app(db)
    try:
        yield url, db
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db = tmp_path / "browser.duckdb"
    process, url = start_app(db)
    try:
        yield url, db
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_upload_an_export_and_see_the_overview_change(app_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = app_server
    page = browser_page
    page.goto(url)
    wait_until_idle(page)
    page.get_by_text("There is no data yet").wait_for()

    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Upload").click()
    wait_until_idle(page)
    name_box = page.get_by_label("Organisation these exports belong to", exact=True)
    name_box.fill("Pune Education Trust")
    name_box.press("Enter")
    wait_until_idle(page)
    page.locator("input[type='file']").set_input_files(str(X_CONTENT))
    page.get_by_text("X post analytics, x.com 'Content' export").wait_for()
    wait_until_idle(page)
    page.get_by_role("button", name="Import 1 file").click()
    page.get_by_text("119 new, 0 updated, 0 unchanged").wait_for()

    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Overview").click()
    wait_until_idle(page)
    page.get_by_text("Pune Education Trust ·").wait_for()
    assert metric_value(page, "Posts") == "119"
    page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "overview_after_upload.png"), full_page=True)


def test_every_page_draws_on_the_sample_data(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = sample_server
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for path, expected in [("", "Overview"), ("upload", "Import history")]:
        page.goto(f"{url}/{path}")
        wait_until_idle(page)
        page.get_by_text(expected, exact=True).first.wait_for()
        if path == "":
            charts = page.locator("[data-testid='stPlotlyChart'] .main-svg")
            charts.first.wait_for()
            assert page.locator("[data-testid='stPlotlyChart']").count() >= 2
            # Bars were drawn, not just an empty frame.
            assert page.locator("[data-testid='stPlotlyChart'] .bars path").count() > 10
        assert page.locator("[data-testid='stException']").count() == 0
        page.screenshot(path=str(SCREENSHOTS / f"{path or 'overview'}_sample.png"), full_page=True)


def test_upload_exports_of_every_kind_at_once(app_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = app_server
    page = browser_page
    fixtures = ROOT / "tests" / "fixtures"
    files = [
        fixtures / "linkedin" / "clean-river-trust_content_1785888000000.xls",  # two sheets: two results
        fixtures / "tiktok" / "Overview.csv",
        fixtures / "donations" / "paypal_us" / "Download.CSV",
        fixtures / "website" / "Traffic_acquisition_Session_source_medium.csv",
        fixtures / "email" / "campaigns.csv",
        fixtures / "time" / "toggl" / "Toggl_time_entries_2026-11-01_to_2026-11-07.csv",
    ]
    page.goto(f"{url}/upload")
    wait_until_idle(page)
    page.locator("input[type='file']").set_input_files([str(f) for f in files])
    page.get_by_text("LinkedIn Page content export, 'All posts' sheet").first.wait_for()
    wait_until_idle(page)
    page.get_by_role("button", name="Import 6 files").click()
    page.get_by_text("imported as Toggl Track").wait_for()
    wait_until_idle(page)
    assert page.locator("[data-testid='stAlertContentSuccess']").count() == 7
    assert page.locator("[data-testid='stException']").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "upload_every_kind.png"), full_page=True)
    with open_store(db) as con:
        tables = con.execute(
            """SELECT (SELECT count(*) FROM post), (SELECT count(*) FROM account_day), (SELECT count(*) FROM outcome),
                      (SELECT count(*) FROM web_traffic), (SELECT count(*) FROM time_entry)"""
        ).fetchone()
    # posts: 3 LinkedIn + 3 Mailchimp campaigns; days: 4 LinkedIn + 7 TikTok; 5 PayPal rows; 4 sources; 4 entries
    assert tables == (6, 11, 5, 4, 4)


def test_upload_a_whole_folder(app_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = app_server
    page = browser_page
    folder = ROOT / "tests" / "fixtures" / "tiktok" / "Followers_cleanrivertrust"  # 4 files: 1 imported, 3 skipped
    page.goto(f"{url}/upload")
    wait_until_idle(page)
    page.get_by_text("Upload a whole folder").click()
    wait_until_idle(page)
    page.locator("input[type='file']").set_input_files(str(folder))
    page.get_by_text("TikTok analytics, FollowerHistory.csv").first.wait_for()
    wait_until_idle(page)
    page.get_by_role("button", name="Import 4 files").click()
    page.get_by_text("imported as TikTok analytics, FollowerHistory.csv").wait_for()
    wait_until_idle(page)
    assert page.locator("[data-testid='stAlertContentSuccess']").count() == 1
    assert page.locator("[data-testid='stAlertContentInfo']").count() == 3  # recognised, nothing to store
    with open_store(db) as con:
        assert con.execute("SELECT count(*) FROM account_day WHERE platform = 'tiktok'").fetchone() == (7,)


def test_reach_page_draws_its_charts_on_the_sample_data(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = sample_server
    page = browser_page
    page.set_default_timeout(120_000)  # a loaded 2-core machine; nothing here measures time
    page.goto(f"{url}/reach")
    wait_until_idle(page)
    page.get_by_text("Reach & engagement", exact=True).first.wait_for()
    # Impressions, reach, engagement rate, components and followers: five charts, lines and bars drawn.
    page.locator("[data-testid='stPlotlyChart']").nth(4).locator(".main-svg").first.wait_for()
    assert page.locator("[data-testid='stPlotlyChart']").count() == 5
    assert page.locator("[data-testid='stPlotlyChart'] .scatterlayer .trace").count() >= 6
    assert page.locator("[data-testid='stPlotlyChart'] .bars path").count() > 10
    page.get_by_test_id("stButtonGroup").locator("button", has_text="Month").click()
    wait_until_idle(page)
    page.get_by_text("Impressions per month, by platform").wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_role("button", name="Download CSV").count() == 2
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 3000})  # the whole page: Streamlit scrolls inside its own frame
    wait_until_idle(page)
    page.screenshot(path=str(SCREENSHOTS / "reach_sample.png"), full_page=True)


def test_content_page_draws_its_charts_on_the_sample_data(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, _ = sample_server
    page = browser_page
    page.goto(f"{url}/content")
    wait_until_idle(page)
    page.get_by_text("Best time to post", exact=True).first.wait_for()
    charts = page.locator("[data-testid='stPlotlyChart']")
    # Post types, hashtags, best time. Generous waits: the machine may be busy with other tests.
    charts.nth(2).wait_for(timeout=90_000)
    charts.nth(2).scroll_into_view_if_needed()
    charts.nth(2).locator(".main-svg").first.wait_for(timeout=90_000)
    assert charts.count() == 3
    assert page.locator("[data-testid='stPlotlyChart'] .bars path").count() > 5
    charts.nth(2).locator(".hm image").first.wait_for()  # the heatmap was painted
    assert page.locator("[data-testid='stException']").count() == 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()
    header = Path(download.value.path()).read_text(encoding="utf-8").splitlines()[0]
    assert header == "Platform,Published,Text,Type in export,Impressions,Engagements,Engagement rate,Link"
    wait_until_idle(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Streamlit scrolls inside its own container, so a tall window shows the whole page.
    page.set_viewport_size({"width": 1400, "height": 4200})
    charts.nth(2).locator(".hm image").first.wait_for()  # redrawn at the new width
    page.screenshot(path=str(SCREENSHOTS / "content_sample.png"), full_page=True)


def test_base_platform_and_definitions_pages_on_the_sample_data(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, _ = sample_server
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{url}/website")
    wait_until_idle(page)
    page.get_by_text("Website sessions by source (social media in colour)").wait_for()
    page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
    assert page.locator("[data-testid='stPlotlyChart']").count() == 2  # by source, per day
    assert page.locator("[data-testid='stPlotlyChart'] .bars path").count() >= 5
    assert page.locator("[data-testid='stPlotlyChart'] .scatterlayer .trace").count() >= 1
    assert page.locator("[data-testid='stException']").count() == 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()
    header = Path(download.value.path()).read_text(encoding="utf-8").splitlines()[0]
    assert header == "Source,Kind,Sessions,Engaged sessions,Key events"
    wait_until_idle(page)
    page.screenshot(path=str(SCREENSHOTS / "website_sample.png"), full_page=True)
    page.locator("[data-testid='stPlotlyChart']").nth(1).scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "website_daily_sample.png"))

    page.goto(f"{url}/definitions")
    wait_until_idle(page)
    page.get_by_text("How each export counts engagements").wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "definitions_sample.png"), full_page=True)


def test_campaigns_page_shows_progress_and_takes_a_new_campaign(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = sample_server
    page = browser_page
    page.set_default_timeout(120_000)
    page.goto(f"{url}/campaigns")
    wait_until_idle(page)
    page.get_by_text("progress as of").wait_for()
    progress_tab = page.locator("[data-testid='stTabPanel']").first  # every tab is mounted, hidden ones too
    progress_tab.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
    organisation = page.get_by_text("progress as of").inner_text().split(" · ")[0]
    with open_store(db) as con:
        # The page opens on the organisation's newest campaign; earlier ones have goals too (Compare tab).
        goals = con.execute(
            """SELECT count(*) FROM goal WHERE campaign_id = (
                   SELECT c.id FROM campaign c JOIN organisation o ON o.id = c.organisation_id
                   WHERE o.name = ? AND NOT c.archived ORDER BY c.starts DESC, c.id DESC LIMIT 1)""",
            [organisation],
        ).fetchone()[0]
    assert goals > 0
    assert progress_tab.locator("[data-testid='stPlotlyChart']").count() == goals  # a burn-up chart per goal
    assert progress_tab.get_by_text("What changed, in people's words").count() == 1  # evidence beside figures
    assert page.locator("[data-testid='stException']").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "campaigns_sample.png"), full_page=True)

    # A new campaign through the form (its default dates run a month either side of the latest data),
    # then a goal on posts: the tile shows what the store says.
    page.locator("[data-testid='stExpander'] summary", has_text="New campaign").click()
    page.get_by_label("Name", exact=True).fill("Relief <b>kits</b> 'winter' 🎒")
    page.get_by_label("Words that mark its posts", exact=True).fill("relief")
    page.get_by_role("button", name="Create campaign").click()
    wait_until_idle(page)
    page.get_by_text("posts marked by: relief").wait_for()
    page.get_by_label("Target", exact=True).fill("10")
    page.get_by_role("button", name="Set goal").click()
    wait_until_idle(page)
    progress_tab.locator("[data-testid='stMetric']", has_text="Status,").first.wait_for()
    with open_store(db) as con:
        (campaign_id,) = con.execute(
            "SELECT id FROM campaign WHERE name = ?", ["Relief <b>kits</b> 'winter' 🎒"]
        ).fetchone()
        latest = con.execute("SELECT max(CAST(published_at AS DATE)) FROM post").fetchone()[0]
        (expected,) = progress(con, campaign_id, latest)
    assert metric_value(progress_tab, "Posts") == f"{expected.actual:,.0f}"
    assert metric_value(progress_tab, "Status,") == expected.status.capitalize()
    assert progress_tab.locator("[data-testid='stPlotlyChart']").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "campaigns_new.png"), full_page=True)


def test_log_time_and_see_the_budget_change(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = sample_server
    page = browser_page
    page.set_default_timeout(120_000)
    page.goto(f"{url}/time")
    wait_until_idle(page)
    page.get_by_role("tab", name="Budget").click()
    page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
    before = int(metric_value(page, "Days over budget").split(" of ")[0])
    over_cells = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart'] text")]
                         .filter(t => t.textContent === '+').length"""
    cells_before = page.evaluate(over_cells)
    assert cells_before == before  # one "+" per day over the budget

    page.get_by_role("tab", name="Log time").click()
    person = page.locator("[data-testid='stSelectbox']", has_text="Person").locator("input")
    person.click()
    person.fill("Bikash Gogoi")
    person.press("Enter")
    minutes = page.get_by_label("Minutes", exact=True)
    minutes.fill("95")
    minutes.press("Tab")
    page.get_by_role("button", name="Log time").click()
    wait_until_idle(page)
    page.get_by_text("Time log (").first.wait_for()
    page.get_by_role("tab", name="Budget").click()
    page.wait_for_function(
        """([before]) => [...document.querySelectorAll("[data-testid='stMetric']")]
            .filter(m => m.innerText.includes('Days over budget'))
            .some(m => parseInt(m.querySelector("[data-testid='stMetricValue']").innerText) === before + 1)""",
        arg=[before],
    )
    # The calendar redraws with today's cell marked over the budget.
    page.wait_for_function(f"() => ({over_cells})() === {cells_before + 1}", timeout=20_000)
    assert page.locator("[data-testid='stException']").count() == 0
    with open_store(db) as con:
        assert con.execute(
            "SELECT person, minutes FROM time_entry t JOIN import_batch b ON b.id = t.batch_id WHERE b.platform = 'manual'"
        ).fetchall() == [("Bikash Gogoi", 95.0)]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "time_budget.png"), full_page=True)
    page.get_by_role("tab", name="Log time").click()
    page.screenshot(path=str(SCREENSHOTS / "time_log.png"), full_page=True)


def test_sidebar_choices_survive_page_switches(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = sample_server
    page = browser_page
    page.goto(url)
    wait_until_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.locator("[data-testid='stSelectbox']", has_text="Organisation").click()
    page.get_by_role("option", name="Sakhi Women's Health Collective").click()
    wait_until_idle(page)
    sidebar.locator("[data-testid='stSelectbox']", has_text="Period").click()
    page.get_by_role("option", name="Last 90 days").click()
    wait_until_idle(page)
    for link, heading in [
        ("Reach & engagement", "Reach"),
        ("Campaigns", "Campaigns"),
        ("Time & ROI", "Time & ROI"),
    ]:
        page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=link).click()
        wait_until_idle(page)
        page.get_by_role("heading", name=heading).first.wait_for()
        # The address is rewritten in place (no page load): watch it rather than wait for navigation.
        page.wait_for_function("() => location.search.includes('org=Sakhi') && location.search.includes('period=90d')")
        # The boxes show the choices too.
        assert sidebar.get_by_role("combobox", name="Organisation").input_value() == "Sakhi Women's Health Collective"
        assert sidebar.get_by_role("combobox", name="Period").input_value() == "Last 90 days"
