"""Served mode in a real browser (IMPACT_AUTH=password): sign-in, a viewer's one organisation, share links, lockout.

One server on a copy of the demo store with a viewer of one organisation; Chromium driven by Playwright.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser import ROOT, SCREENSHOTS, browser, browser_page, running_app, wait_until_idle

from impact.auth.accounts import add_account
from impact.store.connection import open_store
from impact.store.orgs import organisations

__all__ = ["browser", "browser_page"]  # fixtures shared with test_browser.py

PUNE = "Pune Education Trust"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def served(sample_store: Path, tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[tuple[str, Path]]:  # type: ignore[no-untyped-def]
    """The server, warmed up: its first session runs before app.py has set up navigation (test_browser.py)."""
    db = tmp_path_factory.mktemp("served") / "served.duckdb"
    shutil.copy(sample_store, db)
    with open_store(db) as con:
        add_account(con, "viewer@example.org", "viewer", [PUNE], password=PASSWORD)
        add_account(con, "locked@example.org", "viewer", [PUNE], password=PASSWORD)
    with running_app(browser, db, IMPACT_AUTH="password") as url:
        yield url, db


def cli(db: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "impact", *args, "--db", str(db)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def sign_in(page, email: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_until_idle(page)


def others(db: Path) -> list[str]:
    with open_store(db) as con:
        return [name for name in organisations(con) if name != PUNE]


def test_a_viewer_signs_in_and_sees_only_their_organisation(served: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = served
    page = browser_page
    page.set_default_timeout(120_000)  # the server's first session imports the app's modules
    page.goto(url)
    wait_until_idle(page)
    page.get_by_role("button", name="Sign in").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "served_sign_in.png"))
    before = page.locator("body").inner_text()
    assert all(name not in before for name in [PUNE, *others(db)])
    sign_in(page, "viewer@example.org", PASSWORD)
    page.get_by_text("Signed in as viewer@example.org (viewer).").wait_for()
    sidebar = page.locator("[data-testid='stSidebar']")
    nav = sidebar.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Overview" in nav and "Upload" not in nav and "Accounts" not in nav and "Share links" not in nav
    page.locator("[data-testid='stMetric']").first.wait_for()
    page.screenshot(path=str(SCREENSHOTS / "served_viewer_overview.png"), full_page=True)
    # The organisation selector offers one name.
    sidebar.locator("[data-testid='stSelectbox']").first.click()
    options = page.locator("[role='option']").all_inner_texts()
    page.keyboard.press("Escape")
    assert options == [PUNE]
    # An address naming another organisation (a new session: sign in again) opens on that page, with Pune.
    page.goto(f"{url}/campaigns?org={others(db)[0].replace(' ', '+')}&period=all")
    wait_until_idle(page)
    sign_in(page, "viewer@example.org", PASSWORD)
    page.get_by_role("heading", name="Campaigns").first.wait_for()
    page.locator("[data-testid='stMetric']").first.wait_for()
    text = page.locator("body").inner_text()
    assert PUNE in text and all(name not in text for name in others(db))
    assert page.locator("[data-testid='stFileUploader']").count() == 0


def test_a_share_link_is_read_only_and_stops_when_revoked(served: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, db = served
    made = json.loads(cli(db, "share", "create", "--org", PUNE, "--json"))
    page = browser_page
    page.set_default_timeout(120_000)
    page.goto(url + made["path"])
    wait_until_idle(page)
    page.get_by_text("Read-only view, through a share link.").wait_for()
    page.locator("[data-testid='stMetric']").first.wait_for()
    assert page.get_by_label("Password", exact=True).count() == 0
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Overview" in nav and "Upload" not in nav
    page.screenshot(path=str(SCREENSHOTS / "served_share_link.png"), full_page=True)
    text = page.locator("body").inner_text()
    assert PUNE in text and all(name not in text for name in others(db))
    # Campaigns: the figures, no form.
    page.locator("[data-testid='stSidebarNav']").get_by_text("Campaigns").click()
    wait_until_idle(page)
    page.get_by_role("heading", name="Campaigns").first.wait_for()
    assert page.locator("[data-testid='stForm']").count() == 0
    assert "share=" in page.url  # the address keeps the token, so a reload still works
    cli(db, "share", "revoke", str(made["id"]))
    page.reload()
    wait_until_idle(page)
    page.get_by_text("This share link has been revoked, so it shows nothing.").wait_for()
    assert PUNE not in page.locator("body").inner_text()
    assert page.locator("[data-testid='stMetric']").count() == 0


def test_five_wrong_passwords_lock_the_account(served: tuple[str, Path], browser_page) -> None:  # type: ignore[no-untyped-def]
    url, _ = served
    page = browser_page
    page.set_default_timeout(120_000)
    page.goto(url)
    wait_until_idle(page)
    for _ in range(4):
        sign_in(page, "locked@example.org", "not the password")
        page.get_by_text("The email or password is not right.").wait_for()
    sign_in(page, "locked@example.org", "not the password")
    page.get_by_text("Too many wrong passwords: this account is locked for 15 minutes.").wait_for()
    sign_in(page, "locked@example.org", PASSWORD)
    page.get_by_text("this account is locked for 15 more minutes").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "served_locked.png"))
    assert PUNE not in page.locator("body").inner_text()
