"""The People page in a real browser, on the demo data: the rankings, the ladder, and one suggested merge confirmed.

One server on a copy of the demo store; Chromium driven by Playwright, as in test_browser.py. The tiles and
the first rows are compared with impact.supporters.screen.people_screen over the sidebar's default period.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from test_browser import SCREENSHOTS, browser, browser_page, running_app, wait_until_idle

from impact.figures.overview import data_range
from impact.store.connection import open_store
from impact.store.orgs import organisation_id
from impact.supporters.screen import PeopleScreen, people_screen

__all__ = ["browser", "browser_page"]  # fixtures shared with test_browser.py

PUNE = "Pune Education Trust"


@pytest.fixture(scope="module")
def server(sample_store: Path, tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[tuple[str, Path]]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("browser_people")
    db = folder / "sample.duckdb"
    shutil.copy(sample_store, db)
    with running_app(browser, db) as url:
        yield url, db


def expected(db: Path) -> PeopleScreen:
    """The page's figures over the sidebar's default period: the last 12 months of Pune's data."""
    with open_store(db) as con:
        pune = organisation_id(con, PUNE)
        assert pune is not None
        span = data_range(con, pune)
        assert span is not None
        return people_screen(con, pune, span[1] - timedelta(days=364), span[1])


def test_the_people_page_ranks_the_demo_and_a_confirmed_merge_puts_an_evangelist_first(
    server: tuple[str, Path], browser_page
) -> None:  # type: ignore[no-untyped-def]
    url, db = server
    page = browser_page
    page.set_default_timeout(60_000)
    page.set_viewport_size({"width": 1400, "height": 2600})  # Streamlit scrolls inside its own frame
    screen = expected(db)
    page.goto(f"{url}/people?org={PUNE.replace(' ', '+')}")
    wait_until_idle(page)
    page.get_by_text("People on each step of the ladder, per month").wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    tiles = page.locator("[data-testid='stMetric'] [data-testid='stMetricValue']")
    assert [tiles.nth(i).inner_text() for i in range(3)] == [
        f"{screen.people:,}", f"{screen.amplifiers:,}", f"{screen.interactions:,}"
    ]  # fmt: skip
    first = page.locator("[data-testid='stDataFrame']").first
    first.get_by_text(str(screen.evangelists["name"].iloc[0]), exact=True).first.wait_for(state="attached")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "people.png"), full_page=True)

    # Confirm the first suggestion ("Same name: ..."): that person now leads with two platforms.
    page.get_by_role("button", name="Confirm").first.click()
    wait_until_idle(page)
    page.get_by_text("is now one person across 2 handles").wait_for()
    merged = expected(db)
    leader = merged.evangelists.iloc[0]
    assert leader["platforms"] == 2 and str(leader["person"]).startswith("s")
    page.locator("[data-testid='stDataFrame']").first.get_by_text(str(leader["name"]), exact=True).first.wait_for(
        state="attached"
    )
    page.screenshot(path=str(SCREENSHOTS / "people_merged.png"), full_page=True)
