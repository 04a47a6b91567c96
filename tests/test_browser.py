"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `streamlit run`.

One browser and two servers per module: one on a copy of the demo store, one on a store that starts
empty. The tests on the demo store that change it (a new campaign, time logged) run last, and each
upload test imports into an organisation of its own, so no test depends on another's leftovers.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from chromium import chromium_path

from impact.sample import SAMPLE_DIR
from impact.store.connection import open_store

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
FIXTURES = ROOT / "tests" / "fixtures"
X_CONTENT = SAMPLE_DIR / "pune-education-trust" / "account_analytics_content_2026-06-01_2026-11-25.csv"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_idle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait for the app to be connected and its script to have finished running."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")


def choose_files(page, files: str | list[str], ready) -> None:  # type: ignore[no-untyped-def]
    """Choose files in the Upload page's file input and wait for `ready` (their preview).

    On a loaded machine the page may still be redrawing after the organisation's name was entered and lose
    the choice: then it is made once more.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    for attempt in (1, 2):
        page.locator("input[type='file']").set_input_files(files)
        try:
            ready.first.wait_for(timeout=20_000 if attempt == 1 else 30_000)
            return
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
            wait_until_idle(page)


def import_and_wait(page, button: str) -> None:  # type: ignore[no-untyped-def]
    """Click the Upload page's import button and wait for the run after the import.

    Each file's result shows while the files import, before the page reruns to empty the uploader: a click
    elsewhere in between could be lost to that rerun. The button is gone once the rerun has drawn the page.
    """
    from playwright.sync_api import expect

    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("button", name=button)).to_have_count(0, timeout=60_000)
    wait_until_idle(page)


def expect_count(locator, count: int) -> None:  # type: ignore[no-untyped-def]
    """The locator matches exactly `count` elements, waiting for a chart still being drawn to get there."""
    from playwright.sync_api import expect

    expect(locator).to_have_count(count, timeout=30_000)


def metric_value(page, label: str) -> str:  # type: ignore[no-untyped-def]
    tile = page.locator("[data-testid='stMetric']", has_text=label).first
    return tile.locator("[data-testid='stMetricValue']").inner_text().strip()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the module; each test gets a context (cookies, session) of its own."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
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
        yield launched
        launched.close()


@pytest.fixture
def browser_page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def launch(db: Path, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """`streamlit run app.py` on a free port with its own store (and `env`); returns at once, before it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        env={**os.environ, "IMPACT_DB": str(db), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, f"http://127.0.0.1:{port}"


def wait_for_health(process: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("streamlit did not start within 60 s") from None
            time.sleep(0.2)  # polling a port that is not open yet: there is no page to wait on


def warm_up(browser, urls: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Open each server once, side by side: its first session runs before app.py has set up navigation."""
    context = browser.new_context()
    pages = []
    for url in urls:
        page = context.new_page()
        page.set_default_timeout(120_000)  # the first run imports the app's modules
        page.goto(url)
        pages.append(page)
    for page in pages:
        wait_until_idle(page)
    context.close()


@contextmanager
def running_app(browser, db: Path, **env: str) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The dashboard on its own store, healthy and warmed up, for a module; stopped on exit. Yields its URL."""
    process, url = launch(db, **env)
    try:
        wait_for_health(process, url)
        warm_up(browser, [url])
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def servers(
    sample_store: Path, tmp_path_factory: pytest.TempPathFactory, browser
) -> Iterator[dict[str, tuple[str, Path]]]:  # type: ignore[no-untyped-def]
    """Both servers for the whole module, started and warmed up side by side; stopped when the module is done.

    The warm-up opens each main page once: a server's first session runs in Streamlit's legacy pages/ mode
    until app.py calls st.navigation, so a first visit straight to /upload would show "Page not found".
    """
    sample_db = tmp_path_factory.mktemp("browser_sample") / "sample.duckdb"
    shutil.copy(sample_store, sample_db)
    stores = {"sample": sample_db, "empty": tmp_path_factory.mktemp("browser_empty") / "browser.duckdb"}
    launched = {name: launch(db) for name, db in stores.items()}
    try:
        for process, url in launched.values():
            wait_for_health(process, url)
        warm_up(browser, [url for _, url in launched.values()])
        yield {name: (url, stores[name]) for name, (_, url) in launched.items()}
    finally:
        for process, _ in launched.values():
            process.terminate()
        for process, _ in launched.values():
            process.wait(timeout=20)


@pytest.fixture(scope="module")
def sample_server(servers: dict[str, tuple[str, Path]]) -> tuple[str, Path]:
    """The dashboard on one copy of the demo store for the whole module."""
    return servers["sample"]


@pytest.fixture(scope="module")
def empty_server(servers: dict[str, tuple[str, Path]]) -> tuple[str, Path]:
    """The dashboard on a store that starts empty; the upload tests fill it, each for its own organisation."""
    return servers["empty"]


def organisation_counts(db: Path, organisation: str) -> tuple[int, ...]:
    """Posts, account-days, outcomes, website rows and time entries stored for one organisation."""
    with open_store(db) as con:
        return con.execute(
            """SELECT (SELECT count(*) FROM post WHERE organisation_id = o.id),
                      (SELECT count(*) FROM account_day WHERE organisation_id = o.id),
                      (SELECT count(*) FROM outcome WHERE organisation_id = o.id),
                      (SELECT count(*) FROM web_traffic WHERE organisation_id = o.id),
                      (SELECT count(*) FROM time_entry WHERE organisation_id = o.id)
               FROM organisation o WHERE o.name = ?""",
            [organisation],
        ).fetchone()


# ------------------------------------------------------------------------------------------------
# The demo store, read only. The page opens on Brahmaputra Flood Relief Network (first by name) and the
# last 12 months (26 Nov 2025 – 25 Nov 2026), which hold its whole year of data: 1 Dec 2025 – 25 Nov 2026.
# Its posts (sample_data/README.md): 230 on X, 178 on Facebook, 107 on Instagram, 23 on its blog; 34 YouTube
# videos have a publish date in the period. Weeks are counted from Monday 1 December 2025: 52 of them.


def csv_rows(path: str) -> list[list[str]]:
    import csv

    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def test_every_page_draws_on_the_sample_data(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, _ = sample_server
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(url)
    wait_until_idle(page)
    page.get_by_text("Overview", exact=True).first.wait_for()
    charts = page.locator("[data-testid='stPlotlyChart']")
    charts.nth(1).locator(".main-svg").first.wait_for()
    assert charts.count() == 2  # impressions per week, engagement rate by platform
    assert metric_value(page, "Posts") == "572"  # 230 + 178 + 107 + 23 + 34
    # A bar per platform and week with posts (Facebook 50, Instagram 48, X 51, YouTube 27 of the 52 weeks),
    # then a bar per platform's engagement rate; the blog's posts report no impressions: no bar.
    expect_count(charts.nth(0).locator(".bars path"), 50 + 48 + 51 + 27)
    expect_count(charts.nth(1).locator(".bars path"), 4)
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "overview_sample.png"), full_page=True)

    page.goto(f"{url}/upload")
    wait_until_idle(page)
    page.get_by_text("Import history", exact=True).wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "upload_sample.png"), full_page=True)


def test_reach_page_draws_its_charts_on_the_sample_data(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, _ = sample_server
    page = browser_page
    page.set_default_timeout(120_000)  # a loaded 2-core machine; nothing here measures time
    page.goto(f"{url}/reach")
    wait_until_idle(page)
    page.get_by_text("Reach & engagement", exact=True).first.wait_for()
    charts = page.locator("[data-testid='stPlotlyChart']")
    charts.nth(4).locator(".main-svg").first.wait_for()
    # Impressions, reach, engagement rate, the components of Facebook's engagements, follower growth.
    assert charts.count() == 5
    # A line per platform: impressions from X's and Facebook's daily figures and from Instagram's and
    # YouTube's posts; reach from Facebook's and Instagram's posts; the rate on every platform.
    for chart, traces in enumerate([4, 2, 4, 0, 0]):
        expect_count(charts.nth(chart).locator(".scatterlayer .trace"), traces)
    # Facebook reports likes, comments, shares and clicks, in the 50 weeks it posted; X's follows less
    # unfollows in each of the 52 weeks (Meta's Follows.csv has no unfollows: no net bar for Facebook).
    for chart, bars in enumerate([0, 0, 0, 4 * 50, 52]):
        expect_count(charts.nth(chart).locator(".bars path"), bars)
    page.get_by_test_id("stButtonGroup").locator("button", has_text="Month").click()
    wait_until_idle(page)
    page.get_by_text("Impressions per month, by platform").wait_for()
    charts.nth(4).locator(".bars path").first.wait_for()
    # Twelve months, December to November; the last one partly outside the period.
    expect_count(charts.nth(4).locator(".bars path"), 12)
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
    # Types: Facebook photo, reel, video, link; Instagram photo, reel, carousel; X (no type); YouTube video.
    expect_count(charts.nth(0).locator(".bars path"), 9)
    # Hashtags on 3 posts or more: #assamfloodappeal, #brahmaputra, #disasterpreparedness, #assam, #অসম,
    # #floodrelief, #shorts.
    expect_count(charts.nth(1).locator(".bars path"), 7)
    charts.nth(2).locator(".hm image").first.wait_for()  # the heatmap was painted
    assert page.locator("[data-testid='stException']").count() == 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()
    header, *rows = csv_rows(download.value.path())
    assert header == ["Platform", "Published", "Text", "Type in export", "Impressions", "Engagements",
                      "Engagement rate", "Link"]  # fmt: skip
    assert len(rows) == 572
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
    charts = page.locator("[data-testid='stPlotlyChart']")
    charts.nth(1).locator(".main-svg").first.wait_for()
    assert charts.count() == 2  # by source, per day
    # Facebook, Instagram, WhatsApp, X, YouTube, search, direct, other.
    expect_count(charts.nth(0).locator(".bars path"), 8)
    expect_count(charts.nth(1).locator(".scatterlayer .trace"), 1)  # one line: the report by Date
    assert page.locator("[data-testid='stException']").count() == 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()
    header, *rows = csv_rows(download.value.path())
    assert header == ["Source", "Kind", "Sessions", "Engaged sessions", "Key events"]
    # Sessions in sample_data/brahmaputra-flood-relief/Traffic_acquisition_Session_source_medium.csv, by source.
    assert [(r[0], r[2]) for r in rows] == [
        ("Facebook", "5091"), ("Instagram", "2355"), ("WhatsApp", "1215"), ("X (Twitter)", "1071"),
        ("YouTube", "1035"), ("search", "14231"), ("direct", "8301"), ("other", "699"),
    ]  # fmt: skip
    wait_until_idle(page)
    page.screenshot(path=str(SCREENSHOTS / "website_sample.png"), full_page=True)
    charts.nth(1).scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "website_daily_sample.png"))

    page.goto(f"{url}/definitions")
    wait_until_idle(page)
    page.get_by_text("How each export counts engagements").wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "definitions_sample.png"), full_page=True)


def test_sidebar_choices_survive_page_switches(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, _ = sample_server
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


# ------------------------------------------------------------------------------------------------
# Uploads into a store that starts empty, in this order; each test imports for an organisation of its own.


def test_upload_an_export_and_see_the_overview_change(empty_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = empty_server
    page = browser_page
    page.goto(url)
    wait_until_idle(page)
    page.get_by_text("There is no data yet").wait_for()  # the first test on this server: nothing imported yet

    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Upload").click()
    wait_until_idle(page)
    name_box = page.get_by_label("Organisation these exports belong to", exact=True)
    name_box.fill("Pune Education Trust")
    name_box.press("Enter")
    wait_until_idle(page)
    choose_files(page, str(X_CONTENT), page.get_by_text("X post analytics, x.com 'Content' export"))
    wait_until_idle(page)
    import_and_wait(page, "Import 1 file into Pune Education Trust")
    # 120 rows, one of them X's junk 'status/undefined' row.
    page.get_by_text("119 new, 0 updated, 0 unchanged").wait_for()

    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Overview").click()
    wait_until_idle(page)
    page.get_by_text("Pune Education Trust ·").wait_for()
    assert metric_value(page, "Posts") == "119"
    page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "overview_after_upload.png"), full_page=True)
    assert organisation_counts(db, "Pune Education Trust") == (119, 0, 0, 0, 0)


def test_upload_exports_of_every_kind_at_once(empty_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = empty_server
    page = browser_page
    files = [
        FIXTURES / "linkedin" / "clean-river-trust_content_1785888000000.xls",  # two sheets: two results
        FIXTURES / "tiktok" / "Overview.csv",
        FIXTURES / "donations" / "paypal_us" / "Download.CSV",
        FIXTURES / "website" / "Traffic_acquisition_Session_source_medium.csv",
        FIXTURES / "email" / "campaigns.csv",
        FIXTURES / "time" / "toggl" / "Toggl_time_entries_2026-11-01_to_2026-11-07.csv",
    ]
    page.goto(f"{url}/upload")
    wait_until_idle(page)
    name_box = page.get_by_label("Organisation these exports belong to", exact=True)
    name_box.fill("Clean River Trust")
    name_box.press("Enter")
    wait_until_idle(page)
    choose_files(page, [str(f) for f in files], page.get_by_text("LinkedIn Page content export, 'All posts' sheet"))
    wait_until_idle(page)
    import_and_wait(page, "Import 6 files into Clean River Trust")
    page.get_by_text("imported as Toggl Track").wait_for()
    wait_until_idle(page)
    assert page.locator("[data-testid='stAlertContentSuccess']").count() == 7
    assert page.locator("[data-testid='stException']").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "upload_every_kind.png"), full_page=True)
    # posts: 3 LinkedIn + 3 Mailchimp campaigns; days: 4 LinkedIn + 7 TikTok; 5 PayPal rows; 4 sources; 4 entries
    assert organisation_counts(db, "Clean River Trust") == (6, 11, 5, 4, 4)


def test_upload_a_whole_folder(empty_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = empty_server
    page = browser_page
    folder = FIXTURES / "tiktok" / "Followers_cleanrivertrust"  # 4 files: 1 imported, 3 skipped
    page.goto(f"{url}/upload")
    wait_until_idle(page)
    name_box = page.get_by_label("Organisation these exports belong to", exact=True)
    name_box.fill("Clean River Kids")
    name_box.press("Enter")
    wait_until_idle(page)
    page.get_by_text("Upload a whole folder").click()
    # The rerun that swaps the uploader may not have started when the app first reads idle: wait for
    # the folder input itself.
    folder_input = page.locator("input[type='file'][webkitdirectory]")
    folder_input.wait_for(state="attached")
    wait_until_idle(page)
    folder_input.set_input_files(str(folder))
    page.get_by_text("TikTok analytics, FollowerHistory.csv").first.wait_for()
    wait_until_idle(page)
    import_and_wait(page, "Import 4 files into Clean River Kids")
    page.get_by_text("imported as TikTok analytics, FollowerHistory.csv").wait_for()
    wait_until_idle(page)
    assert page.locator("[data-testid='stAlertContentSuccess']").count() == 1
    assert page.locator("[data-testid='stAlertContentInfo']").count() == 3  # recognised, nothing to store
    assert organisation_counts(db, "Clean River Kids") == (0, 7, 0, 0, 0)  # a week of follower totals


def test_upload_a_workshop_folder_with_a_folder_per_organisation(  # type: ignore[no-untyped-def]
    empty_server: tuple[str, Path], browser_page, tmp_path: Path
) -> None:
    """The browser names each file by its path from the chosen folder: the page reads the organisation from it."""
    url, db = empty_server
    page = browser_page
    workshop = tmp_path / "workshop"
    for folder, fixture in (("Clean River Scouts", "x/account_overview_analytics.csv"),
                            ("Clean River Scouts", "interactions/interactions_template.csv"),
                            ("Clean River Elders", "time/template/time_log_november_2026.csv")):  # fmt: skip
        (workshop / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / fixture, workshop / folder)
    page.goto(f"{url}/upload")
    wait_until_idle(page)
    page.get_by_text("Upload a whole folder").click()
    page.get_by_text("Each sub-folder is an organisation").click()
    folder_input = page.locator("input[type='file'][webkitdirectory]")
    folder_input.wait_for(state="attached")
    wait_until_idle(page)
    folder_input.set_input_files(str(workshop))
    import_and_wait(page, "Import 3 files into 2 organisations")
    page.get_by_text("Imported per organisation").wait_for()
    wait_until_idle(page)
    assert page.locator("[data-testid='stAlertContentSuccess']").all_inner_texts() == [
        "check_circle\n\nClean River Elders/time_log_november_2026.csv — imported as time log (this product's "
        "template) (8 new, 0 updated, 0 unchanged)",
        "check_circle\n\nClean River Scouts/account_overview_analytics.csv — imported as X account analytics, x.com "
        "'Overview' export (2024+) (4 new, 0 updated, 0 unchanged)",
        "check_circle\n\nClean River Scouts/interactions_template.csv — imported as interactions (this product's "
        "template) (4 new, 0 updated, 0 unchanged)",
    ]
    page.screenshot(path=str(SCREENSHOTS / "upload_workshop_folder.png"), full_page=True)
    assert organisation_counts(db, "Clean River Scouts") == (0, 4, 0, 0, 0)  # four days of X's overview
    assert organisation_counts(db, "Clean River Elders") == (0, 0, 0, 0, 8)  # the time log's eight entries


def test_upload_a_meta_views_file_that_names_no_platform(empty_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = empty_server
    page = browser_page
    views = FIXTURES / "facebook" / "meta_insights_unnamed" / "Views.csv"  # title "Views": Facebook's or Instagram's?
    page.goto(f"{url}/upload")
    wait_until_idle(page)
    name_box = page.get_by_label("Organisation these exports belong to", exact=True)
    name_box.fill("Clean River Reels")
    name_box.press("Enter")
    wait_until_idle(page)
    question = page.get_by_role("combobox", name="Platform of Views.csv")  # no default: the person says
    choose_files(page, str(views), question)
    wait_until_idle(page)
    question.click()
    page.get_by_role("option", name="Instagram", exact=True).click()
    wait_until_idle(page)
    import_and_wait(page, "Import 1 file into Clean River Reels")
    page.get_by_text("platform Instagram: chosen at import").wait_for()
    wait_until_idle(page)
    assert page.locator("[data-testid='stAlertContentSuccess']").count() == 1
    with open_store(db) as con:
        assert con.execute(
            """SELECT d.platform, count(*), sum(d.impressions) FROM account_day d
               JOIN organisation o ON o.id = d.organisation_id WHERE o.name = 'Clean River Reels' GROUP BY 1"""
        ).fetchall() == [("instagram", 3, 1000 + 2500 + 1750)]


def test_upload_hostile_files_and_see_each_refused_or_shown_as_text(  # type: ignore[no-untyped-def]
    empty_server: tuple[str, Path], browser_page, tmp_path: Path
) -> None:
    """Four files of the hostile corpus in the browser: a zip bomb, a workbook whose one cell is at XFD1048576,
    a header of HTML, and posts whose texts are formulas and HTML. Nothing runs, nothing is rendered as HTML."""
    from hostile_corpus import CASES

    picked = {
        "zip bomb": "bomb.zip",
        "XLSX whose one cell is at XFD1048576": "far_corner.xlsx",
        "HTML in the header": "header.csv",
        "formulas and HTML in post texts": "account_analytics_content_2026-07-06_2026-08-02.csv",
    }
    files = []
    for case in CASES:
        if case.name in picked:
            files.append(tmp_path / picked[case.name])
            files[-1].write_bytes(case.make())
    url, db = empty_server
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}/upload")
    wait_until_idle(page)
    name_box = page.get_by_label("Organisation these exports belong to", exact=True)
    name_box.fill("Hostile Test Trust")
    name_box.press("Enter")
    wait_until_idle(page)
    choose_files(page, [str(f) for f in files], page.get_by_text("X post analytics, x.com 'Content' export"))
    wait_until_idle(page)
    import_and_wait(page, "Import 4 files into Hostile Test Trust")
    page.get_by_text("4 new, 0 updated, 0 unchanged").wait_for()
    wait_until_idle(page)
    errors = sorted(page.locator("[data-testid='stAlertContentError']").all_inner_texts())
    assert len(errors) == 3
    assert "bomb.zip — rejected: 'Table data.csv' would unpack to 210 MB" in errors[0]
    assert "far_corner.xlsx — rejected: the spreadsheet could not be read safely" in errors[1]
    assert "header.csv — rejected: not an export this product recognises (its first columns are '<script>" in errors[2]
    assert page.locator("[data-testid='stException']").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "upload_hostile_files.png"), full_page=True)

    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Content").click()
    wait_until_idle(page)
    page.screenshot(path=str(SCREENSHOTS / "content_hostile.png"), full_page=True)
    page.get_by_text("Hostile Test Trust ·").wait_for()
    assert page.locator("img[src='x'], script:text('alert(1)')").count() == 0
    assert dialogs == []
    assert organisation_counts(db, "Hostile Test Trust") == (4, 0, 0, 0, 0)


# ------------------------------------------------------------------------------------------------
# The demo store again, changed: these run last, and neither reads what the other writes.


def test_web_presence_and_portfolio_pages_draw_on_the_sample_data(  # type: ignore[no-untyped-def]
    sample_server: tuple[str, Path], browser_page
) -> None:
    """A funder's two pages: the scorecard's chart and components, then a portfolio of the demo organisations."""
    from impact.presence.portfolio import create_portfolio

    url, db = sample_server
    with open_store(db) as con:
        names = [r[0] for r in con.execute("SELECT name FROM organisation ORDER BY name").fetchall()]
        create_portfolio(con, "Browser test cohort", names, "Made by the browser test", ["test"])
    page = browser_page
    page.goto(url)
    wait_until_idle(page)
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Web presence").click()
    wait_until_idle(page)
    page.get_by_text("Points per component (0 to 100)").wait_for()
    assert metric_value(page, "Stage") in ("Crawl", "Walk", "Run", "Fly")
    assert metric_value(page, "Components measured") == "8 of 8"
    expect_count(page.locator("[data-testid='stPlotlyChart'] .bars path"), 8)  # a bar per measured component
    assert page.locator("[data-testid='stException']").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "web_presence_sample.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the report (HTML)").click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert report.count("Web-presence scorecard") >= 1 and "Brahmaputra Flood Relief Network" in report

    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Portfolio").click()
    wait_until_idle(page)
    box = page.get_by_role("combobox", name="Portfolio", exact=True)
    box.wait_for()
    if "Browser test cohort" not in box.input_value():
        box.click()
        page.get_by_role("option", name=f"Browser test cohort ({len(names)} grantees)").click()
        wait_until_idle(page)
    # "Side by side" opens first: the scorecards and one grantee against the median; the trend is not computed.
    page.get_by_text("One grantee against the median").wait_for()
    charts = page.locator("[data-testid='stPlotlyChart']")
    expect_count(charts, 1)
    charts.first.locator(".main-svg").first.wait_for()
    assert page.get_by_text("Web-presence score per quarter").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "portfolio_sample.png"), full_page=True)
    page.get_by_role("tab", name="Over time").click()
    wait_until_idle(page)
    page.get_by_text("Web-presence score per quarter").wait_for()
    expect_count(charts, 3)  # the trend and two small multiples
    for index in range(3):
        charts.nth(index).locator(".main-svg").first.wait_for()
    expect_count(charts.nth(0).locator(".scatterlayer .trace"), len(names))  # a line per grantee
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "portfolio_over_time_sample.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the portfolio report (HTML)").click()
    assert "Browser test cohort" in Path(download.value.path()).read_text(encoding="utf-8")


def test_campaigns_page_shows_progress_and_takes_a_new_campaign(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = sample_server
    page = browser_page
    page.set_default_timeout(120_000)
    page.goto(f"{url}/campaigns")
    wait_until_idle(page)
    page.get_by_text("progress as of").wait_for()
    progress_tab = page.locator("[data-testid='stTabPanel']").first  # every tab is mounted, hidden ones too
    progress_tab.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
    assert page.get_by_text("progress as of").inner_text() == (
        "Brahmaputra Flood Relief Network · progress as of 25 Nov 2026, the latest day with data"
    )
    # Its newest campaign, Monsoon flood appeal 2026 (sample_data/campaigns.json), has goals on the amount
    # donated and on donors: a burn-up chart each.
    assert progress_tab.locator("[data-testid='stPlotlyChart']").count() == 2
    assert progress_tab.get_by_text("What changed, in people's words").count() == 1  # evidence beside figures
    assert page.locator("[data-testid='stException']").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "campaigns_sample.png"), full_page=True)

    # A new campaign through the form: its default dates run 30 days either side of the latest data
    # (26 Oct – 25 Dec 2026); then a goal on posts.
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
    # Posts of Brahmaputra published 26 Oct – 25 Nov 2026 (local days) whose text says "relief":
    # 10 on X, 7 on Facebook, 4 on Instagram. 21 of 10: met, with 30 days left.
    assert metric_value(progress_tab, "Posts") == "21"
    assert metric_value(progress_tab, "Status, 30 days left") == "Met"
    assert progress_tab.locator("[data-testid='stPlotlyChart']").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "campaigns_new.png"), full_page=True)
    with open_store(db) as con:
        assert con.execute(
            "SELECT c.starts, c.ends, c.keywords, g.metric, g.target FROM campaign c JOIN goal g ON g.campaign_id = c.id "
            "WHERE c.name = ?",
            ["Relief <b>kits</b> 'winter' 🎒"],
        ).fetchall() == [(date(2026, 10, 26), date(2026, 12, 25), ["relief"], "posts", 10.0)]


def test_log_time_and_see_the_budget_change(sample_server: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = sample_server
    page = browser_page
    page.set_default_timeout(120_000)
    page.goto(f"{url}/time")
    wait_until_idle(page)
    page.get_by_role("tab", name="Budget").click()
    page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
    # Brahmaputra's time log: 50 days over its 45-minute budget (sample_data/README.md), in the 365 days
    # of 26 Nov 2025 – 25 Nov 2026.
    assert metric_value(page, "Days over budget") == "50 of 365"
    over_cells = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart'] text")]
                         .filter(t => t.textContent === '+').length"""
    assert page.evaluate(over_cells) == 50  # one "+" per day over the budget

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
    # Today's 95 minutes are over the budget, and the period now runs to today.
    days = (date.today() - date(2025, 11, 26)).days + 1
    page.wait_for_function(
        """([expected]) => [...document.querySelectorAll("[data-testid='stMetric']")]
            .filter(m => m.innerText.includes('Days over budget'))
            .some(m => m.querySelector("[data-testid='stMetricValue']").innerText.trim() === expected)""",
        arg=[f"51 of {days}"],
    )
    # The calendar redraws with today's cell marked over the budget.
    page.wait_for_function(f"() => ({over_cells})() === 51", timeout=20_000)
    assert page.locator("[data-testid='stException']").count() == 0
    with open_store(db) as con:
        assert con.execute(
            "SELECT day, person, minutes FROM time_entry t JOIN import_batch b ON b.id = t.batch_id "
            "WHERE b.platform = 'manual'"
        ).fetchall() == [(date.today(), "Bikash Gogoi", 95.0)]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "time_budget.png"), full_page=True)
    page.get_by_role("tab", name="Log time").click()
    page.screenshot(path=str(SCREENSHOTS / "time_log.png"), full_page=True)
