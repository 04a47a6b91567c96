"""The Content page's queries on tiny hand-built stores with numbers worked out by hand, and the page itself."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from impact.charts import content as content_charts
from impact.definitions import sql
from impact.definitions.sql import organisation_timezone
from impact.figures import content
from impact.filters import Filters
from impact.store.orgs import ensure_organisation

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ALL = ("x", "facebook", "instagram", "youtube", "linkedin")


def add_posts(con: duckdb.DuckDBPyConnection, org: int, rows: list[tuple[object, ...]]) -> None:
    """Rows of (platform, post id, published, text, kind, impressions, engagements)."""
    for platform, post_id, published, text, kind, impressions, engagements in rows:
        con.execute(
            """INSERT INTO post (batch_id, as_of, organisation_id, platform, post_id, account_id, published_at,
                                 text, kind, url, impressions, engagements)
               VALUES (1, TIMESTAMP '2026-02-01', ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)""",
            [org, platform, post_id, published, text, kind, f"https://example.org/{post_id}", impressions, engagements],
        )


@pytest.fixture
def org(db: duckdb.DuckDBPyConnection) -> int:
    return ensure_organisation(db, "Trust", timezone="Asia/Kolkata")


def january(org: int, platforms: tuple[str, ...] = ALL) -> Filters:
    return Filters(org, date(2026, 1, 1), date(2026, 1, 31), platforms)


def test_search_is_case_insensitive_and_takes_percent_underscore_and_backslash_literally(
    db: duckdb.DuckDBPyConnection, org: int
) -> None:
    add_posts(
        db,
        org,
        [
            ("x", "1", "2026-01-05 10:00", "Save 50% today", None, 100, 5),
            ("x", "2", "2026-01-06 10:00", "save 500 lives", None, 100, 5),
            ("x", "3", "2026-01-07 10:00", "snake_case tip", None, 100, 5),
            ("x", "4", "2026-01-08 10:00", "snakeXcase tip", None, 100, 5),
            ("x", "5", "2026-01-09 10:00", r"a C:\temp path", None, 100, 5),
            ("x", "6", "2026-02-09 10:00", "Save 50% in February", None, 100, 5),  # outside the period
        ],
    )
    ids = lambda search: list(content.post_table(db, january(org), search)["url"].str[-1])  # noqa: E731
    assert ids("") == ["5", "4", "3", "2", "1"]  # newest first
    assert ids("SAVE") == ["2", "1"]
    assert ids("50%") == ["1"]  # unescaped, '%' would also match "500"
    assert ids("e_c") == ["3"]  # unescaped, '_' would also match "eXc"
    assert ids("C:\\t") == ["5"]
    assert ids("  tip  ") == ["4", "3"]  # surrounding spaces from the text box do not count
    assert content.like_pattern("5%_\\") == "%5\\%\\_\\\\%"


def test_post_rate_is_empty_without_impressions_never_zero(db: duckdb.DuckDBPyConnection, org: int) -> None:
    add_posts(
        db,
        org,
        [
            ("facebook", "a", "2026-01-05 10:00", "t", "Photos", 200, 30),
            ("facebook", "b", "2026-01-05 11:00", "t", "Photos", None, 30),
            ("facebook", "c", "2026-01-05 12:00", "t", "Photos", 0, 30),
            ("facebook", "d", "2026-01-05 13:00", "t", "Photos", 200, None),
        ],
    )
    table = content.post_table(db, january(org)).set_index("url")["engagement_rate"]
    assert table["https://example.org/a"] == pytest.approx(0.15, abs=1e-12)
    assert table[["https://example.org/b", "https://example.org/c", "https://example.org/d"]].isna().all()


def test_only_web_links_are_kept(db: duckdb.DuckDBPyConnection, org: int) -> None:
    add_posts(db, org, [("x", "1", "2026-01-05 10:00", "t", None, 1, 1)])
    db.execute("UPDATE post SET url = 'javascript:alert(1)'")
    assert content.post_table(db, january(org))["url"].isna().all()


def test_hashtags_are_lower_cased_counted_once_per_post_and_need_a_letter(
    db: duckdb.DuckDBPyConnection, org: int
) -> None:
    add_posts(
        db,
        org,
        [
            ("x", "1", "2026-01-05 10:00", "#Pune #pune #Education", None, 1000, 50),
            ("instagram", "2", "2026-01-06 10:00", "Camp today #PUNE", "IG image", 3000, 60),
            ("facebook", "3", "2026-01-07 10:00", "Part #2 of #pune, email#notatag #शिक्षा", "Photos", None, 40),
            ("x", "4", "2026-01-08 10:00", "no tags", None, 500, 10),
        ],
    )
    tags = content.by_hashtag(db, january(org)).set_index("hashtag")
    assert list(tags.index) == ["#pune"]  # the others are on fewer than 3 posts
    pune = tags.loc["#pune"]
    assert pune["posts"] == 3
    assert pune["impressions"] == 4000  # post 3 reports none
    assert pune["engagements"] == 150
    # Weighted over the posts reporting both: (50 + 60) / (1000 + 3000), not (5% + 2%) / 2.
    assert pune["engagement_rate"] == pytest.approx(110 / 4000, abs=1e-12)
    every = content.by_hashtag(db, january(org), min_posts=1)
    assert sorted(every["hashtag"]) == ["#education", "#pune", "#शिक्षा"]
    assert pd.isna(every.set_index("hashtag").loc["#शिक्षा", "engagement_rate"])  # its one post has no impressions


def test_top_and_bottom_by_rate_leave_out_posts_under_the_threshold(db: duckdb.DuckDBPyConnection, org: int) -> None:
    add_posts(
        db,
        org,
        [
            # impressions 10, 100, 200, 400, 800: the lower quartile (nearest rank) is 100
            ("x", "tiny", "2026-01-05 10:00", "t", None, 10, 5),  # 50 %, but on 10 impressions
            ("x", "b", "2026-01-06 10:00", "t", None, 100, 8),  # 8 %
            ("x", "c", "2026-01-07 10:00", "t", None, 200, 2),  # 1 %
            ("x", "d", "2026-01-08 10:00", "t", None, 400, 20),  # 5 %
            ("x", "e", "2026-01-09 10:00", "t", None, 800, 24),  # 3 %
            ("x", "none", "2026-01-10 10:00", "t", None, None, 90),  # no impressions: never rated
        ],
    )
    filters = january(org)
    minimum = content.rate_threshold(db, filters)
    assert minimum == 100
    slug = lambda frame: [u.rsplit("/", 1)[1] for u in frame["url"]]  # noqa: E731
    assert slug(content.ranked_posts(db, filters, "highest_rate", minimum, limit=3)) == ["b", "d", "e"]
    assert slug(content.ranked_posts(db, filters, "lowest_rate", minimum, limit=2)) == ["c", "e"]
    top = content.ranked_posts(db, filters, "highest_rate", minimum, limit=1)
    assert top["engagement_rate"].iloc[0] == pytest.approx(0.08, abs=1e-12)
    # By engagements, every post that reports them counts, with or without impressions.
    assert slug(content.ranked_posts(db, filters, "most_engagements", limit=2)) == ["none", "e"]
    assert slug(content.ranked_posts(db, filters, "fewest_engagements", limit=2)) == ["c", "tiny"]
    assert content.rate_threshold(db, january(org, ("facebook",))) is None
    # The Content page reads every ranking in one statement: the same frames, column types included.
    for limit in (1, 2, 5):
        together = content.all_rankings(db, filters, minimum, limit)
        assert list(together) == list(content.RANKINGS)
        for name, frame in together.items():
            pd.testing.assert_frame_equal(frame, content.ranked_posts(db, filters, name, minimum, limit))
    empty = content.all_rankings(db, january(org, ("facebook",)))
    for name, frame in empty.items():
        pd.testing.assert_frame_equal(frame, content.ranked_posts(db, january(org, ("facebook",)), name))


def test_hashtags_match_the_capturing_pattern(db: duckdb.DuckDBPyConnection) -> None:
    """by_hashtag finds tags without the pattern's capturing group (faster): the same tags as with it."""
    texts = ["#a#b", "##tag x", "x #a,#b", "\n#नमस्ते_भारत ok", "a&#b c/#d e#f", "🙂#emoji", "#1 part #2a",
             "\u200d#zwj", "é#no", "(#paren)", "#", "# #", "x#", "#ab_c.#d", "কাজ #অসম,#Assam", "e\u0301#x"]  # fmt: skip
    for text in texts:
        captured, matched = db.execute(
            f"""SELECT regexp_extract_all($text, $pattern, 1),
                       list_transform(regexp_extract_all($text, $match), lambda tag_match: {sql.TAG_OF_MATCH})""",
            {"text": text, "pattern": sql.HASHTAG_PATTERN, "match": sql.HASHTAG_MATCH},
        ).fetchone()
        assert captured == matched, text


def test_post_types_share_a_label_but_keep_their_platforms_figures(db: duckdb.DuckDBPyConnection, org: int) -> None:
    add_posts(
        db,
        org,
        [
            ("facebook", "1", "2026-01-05 10:00", "t", "Photos", 1000, 20),
            ("facebook", "2", "2026-01-05 11:00", "t", "Photos", 3000, 100),
            ("instagram", "3", "2026-01-05 12:00", "t", "IG image", 500, 40),
            ("x", "4", "2026-01-05 13:00", "t", None, 100, 3),
            ("youtube", "5", "2026-01-05 00:00", "t", None, 200, 1),
        ],
    )
    types = content.by_content_type(db, january(org)).set_index("platform")
    assert types.loc["facebook", "content_type"] == "Photo"
    assert types.loc["instagram", "content_type"] == "Photo"
    assert types.loc["facebook", "posts"] == 2
    assert types.loc["facebook", "impressions"] == 4000
    assert types.loc["facebook", "engagement_rate"] == pytest.approx(120 / 4000, abs=1e-12)
    assert types.loc["instagram", "engagement_rate"] == pytest.approx(40 / 500, abs=1e-12)
    assert types.loc["x", "content_type"] == content.NOT_GIVEN
    assert types.loc["youtube", "content_type"] == "Video"


def test_best_time_converts_utc_keeps_meta_times_and_leaves_out_days_without_a_time(
    db: duckdb.DuckDBPyConnection, org: int
) -> None:
    add_posts(
        db,
        org,
        [
            # Monday 5 January 2026, 20:00 UTC on X = Tuesday 6 January 01:30 in India (UTC+5:30)
            ("x", "utc", "2026-01-05 20:00", "t", None, 100, 4),
            # Facebook times are the page's local time already: Monday 20:xx stays Monday 20:00-20:59
            ("facebook", "m1", "2026-01-05 20:00", "t", "Photos", 100, 1),
            ("facebook", "m2", "2026-01-12 20:15", "t", "Photos", 100, 9),
            ("facebook", "m3", "2026-01-19 20:59", "t", "Photos", 200, 6),
            ("facebook", "m4", "2026-01-26 20:30", "t", "Photos", None, 9),  # no rate: not in the cell
            ("youtube", "day", "2026-01-05 00:00", "t", None, 300, 30),  # a day only: left out
        ],
    )
    best = content.best_time(db, january(org))
    cells = {(int(r.weekday), int(r.hour)): (r.median_rate, int(r.posts)) for r in best.cells.itertuples()}
    assert set(cells) == {(2, 1), (1, 20)}
    assert cells[(2, 1)] == (pytest.approx(0.04, abs=1e-12), 1)
    # The median of 1 %, 9 % and 3 % is 3 %: not the mean of rates (4.33 %), nor Σ/Σ (16 / 400 = 4 %).
    assert cells[(1, 20)] == (pytest.approx(0.03, abs=1e-12), 3)
    assert best.timezone == "Asia/Kolkata"
    assert best.converted == ["x"]
    assert best.as_exported == ["facebook"]
    assert best.without_time == 1
    published = content.post_table(db, january(org, ("x",)))["published"].iloc[0]
    assert published == datetime(2026, 1, 6, 1, 30)
    # Rated: the X post and the three Facebook posts with a rate; the YouTube post has a day only.
    assert content.best_time_note(best) == (
        "Times in the organisation's time zone, Asia/Kolkata, from 4 posts. x: converted from UTC. facebook: as "
        "written in the export (the page's local time). 1 post with a day but no time of day (YouTube, TikTok) is "
        "left out. Grey cells have fewer than 3 posts and are not rated; blank cells have none. Hover a cell for its "
        "median rate and number of posts."
    )


def test_best_time_chart_greys_cells_with_too_few_posts(db: duckdb.DuckDBPyConnection, org: int) -> None:
    add_posts(
        db,
        org,
        [("facebook", f"m{i}", f"2026-01-{5 + 7 * i:02d} 20:00", "t", None, 100, 1 + i) for i in range(3)]
        + [("facebook", "w", "2026-01-07 09:00", "t", None, 100, 7)],  # one Wednesday post
    )
    fig = content_charts.best_time_chart(content.best_time(db, january(org)))
    grey, rated = fig.data
    assert rated.z[0][20] == pytest.approx(0.02, abs=1e-12)  # Monday 20:00, median of 1 %, 2 %, 3 %
    assert grey.z[0][20] is None
    assert rated.z[2][9] is None and grey.z[2][9] == 1  # Wednesday 09:00: 1 post, grey
    assert grey.text[2][9] == "Wednesday 09:00–09:59<br>median rate 7.00%, 1 post (fewer than 3 posts: not rated)"
    assert grey.text[0][20] == "Monday 20:00–20:59<br>median rate 2.00%, 3 posts"
    assert rated.z[4][12] is None and grey.z[4][12] is None  # no posts: blank


def test_an_unknown_time_zone_falls_back_to_utc(db: duckdb.DuckDBPyConnection) -> None:
    org = ensure_organisation(db, "Nowhere", timezone="Mars/Olympus")
    assert organisation_timezone(db, org) == "UTC"


def test_content_page_on_sample_data(sample_copy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/content/content.py")
    at.run()
    assert not at.exception
    # Brahmaputra's whole year: 230 posts on X, 178 on Facebook, 107 on Instagram, 23 on its blog
    # (sample_data/README.md) and 34 YouTube videos published in the period, which have a day but no time. The
    # best time rates posts by their engagement rate: 572 − 34 videos − 23 blog posts (a feed has no counts) = 515.
    captions = [c.value for c in at.caption]
    assert captions[:2] == [
        "Brahmaputra Flood Relief Network · posts published 26 Nov 2025 – 25 Nov 2026",
        "572 posts, newest first; click a column to sort. An empty cell means the export does not report that "
        "figure; it is not zero. YouTube and TikTok give the day of a post only (shown at 00:00).",
    ]
    assert (
        "Times in the organisation's time zone, Asia/Kolkata, from 515 posts. X (Twitter): converted from UTC. "
        "Facebook, Instagram: as written in the export (the page's local time). 34 posts with a day but no time of "
        "day (YouTube, TikTok) are left out. Grey cells have fewer than 3 posts and are not rated; blank cells have "
        "none. Hover a cell for its median rate and number of posts."
    ) in captions
    assert [s.value for s in at.subheader] == [
        "Every post",
        "Top and bottom posts",
        "By post type",
        "By hashtag",
        "Best time to post",
    ]
    assert "What these figures mean" in [e.label for e in at.expander]
    at.text_input(key="content_search").set_value("FLOOD").run()
    assert not at.exception
    # Posts whose text says "flood" in any case: 151 on X, 113 on Facebook, 69 on Instagram, 15 YouTube videos
    # of the period (a 16th was published before it) and 5 blog posts (their titles in blog_feed.xml).
    assert at.caption[1].value == captions[1].replace("572 posts", "353 posts")
    assert len(at.dataframe[0].value) == 353


def test_content_page_on_an_empty_store_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_DB", str(tmp_path / "empty.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/content/content.py")
    at.run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "There is no data yet. Go to **Upload** and add the exports you downloaded from your platforms.",
        "No data yet. Upload exports on the Upload page.",  # the sidebar's
    ]
