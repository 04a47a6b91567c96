"""The demo's five organisations and its portfolio (sample_data/portfolios.json), and the story it tells a funder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb

from impact.presence.portfolio import portfolio_named, portfolio_screen
from impact.sample import load_sample
from impact.store.connection import open_store
from impact.store.orgs import organisations

STRONG = ["Brahmaputra Flood Relief Network", "Pune Education Trust", "Sakhi Women's Health Collective"]
STALE = "Kutch Mahila Bachat Network"
ONE_CHANNEL = "Palash Tribal School Trust"
COHORT = "Digital skills cohort 2026"
# The Portfolio page on first start: the sidebar's last 12 months of the first organisation by name
# (Brahmaputra), ending on its latest day with data; the sample's exports were downloaded the day after.
START, END, TODAY = date(2025, 11, 26), date(2026, 11, 25), date(2026, 11, 26)


def test_the_demo_has_five_organisations_and_a_portfolio_of_them(sample_copy: Path) -> None:
    with open_store(sample_copy) as con:
        names = organisations(con)
        cohort = portfolio_named(con, COHORT)
    assert names == sorted([*STRONG, STALE, ONE_CHANNEL])
    assert names[0] == "Brahmaputra Flood Relief Network"  # the dashboard still opens on it
    assert cohort is not None
    assert cohort.members == tuple(names)
    assert cohort.tags == ("2026", "India", "workshop")
    assert cohort.description.startswith("The five grantees of our 2026 digital skills workshop")


def test_loading_the_demo_again_changes_nothing(
    sample_copy: Path, snapshot: Callable[[duckdb.DuckDBPyConnection], dict[str, list[tuple[object, ...]]]]
) -> None:
    with open_store(sample_copy) as con:
        before = snapshot(con)
        load_sample(con)
        assert snapshot(con) == before


def test_the_portfolio_shows_one_strong_one_stale_and_one_single_channel_story(sample_copy: Path) -> None:
    with open_store(sample_copy) as con:
        cohort = portfolio_named(con, COHORT)
        assert cohort is not None
        screen = portfolio_screen(con, cohort, START, END, today=TODAY)
    table = screen.table.set_index("organisation")
    score = table["score"]

    # Stale: every export of Kutch ends on 20 May 2026, 190 days before the sample's today.
    stale = screen.cards[STALE]
    assert stale.component("transparency").facts["fresh_share"] == 0.0
    assert "stale" in table.loc[STALE, "flags"]
    assert stale.component("channels").points == 0.0  # nothing posted in the 90 days to 25 Nov 2026
    assert stale.stage == "Crawl"

    # One channel: Facebook only, whose export reports comments; no website, no donations, no campaign.
    single = screen.cards[ONE_CHANNEL]
    assert single.component("channels").points == 33.3
    assert single.component("channels").facts["active"] == 1
    assert single.component("conversation").measured
    assert not single.component("base_platform").measured
    assert not single.component("results").measured
    assert single.component("transparency").facts["fresh_share"] == 1.0
    assert "stale" not in table.loc[ONE_CHANNEL, "flags"]
    assert single.stage == "Crawl"

    # Strong: four channels and a blog active, at Run or Fly, and above the other two. Their blogs post one to
    # four times a month (blog_feed.xml), in 25 (Pune), 26 (Sakhi) and 22 (Brahmaputra) of the period's 53 weeks,
    # so consistency, the mean of the channels' shares of weeks with a post, is e.g. Pune's (25 + 51 + 51 + 51
    # + 25) / 53 / 5 = 76.6 (blog, Facebook, Instagram, X, YouTube), and the scores (consistency, score):
    expected = {
        "Brahmaputra Flood Relief Network": (74.7, 77.5),
        "Pune Education Trust": (76.6, 69.5),
        "Sakhi Women's Health Collective": (67.9, 76.5),
    }
    for name in STRONG:
        card = screen.cards[name]
        assert card.component("channels").points == 100.0
        assert card.component("channels").facts["active"] >= 5
        assert card.stage in ("Run", "Fly")
        assert (round(card.component("consistency").points or 0.0, 1), score[name]) == expected[name]
        assert score[name] > score[ONE_CHANNEL] > score[STALE]
