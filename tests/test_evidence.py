"""Evidence beside the numbers: checked on the way in, escaped on the way out (store and AppTest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from impact.campaigns.evidence import (
    MAX_BODY,
    MAX_TITLE,
    EvidenceEntry,
    add_evidence,
    delete_evidence,
    evidence_for,
    safe_url,
)
from impact.campaigns.goals import create_campaign
from impact.store.connection import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
HOSTILE = "<img src=x onerror=\"alert(1)\"> [click](javascript:alert(1)) =cmd|' /C calc'!A0 🎒"


@pytest.fixture
def campaign_id(db: duckdb.DuckDBPyConnection) -> int:
    db.execute("INSERT INTO organisation (id, name) VALUES (1, 'Trust')")
    return create_campaign(db, 1, "Back to school 2026", date(2026, 6, 1), date(2026, 6, 30))


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "https://",
        "//evil.example/x",
        "http://exa mple.org/",
        "photos.example.org/camp",
    ],
)
def test_a_link_that_is_not_http_with_a_host_is_refused_with_a_sentence(
    db: duckdb.DuckDBPyConnection, campaign_id: int, url: str
) -> None:
    with pytest.raises(ValueError, match="must be a web address starting with http:// or https://"):
        add_evidence(db, campaign_id, EvidenceEntry("photo", title="Camp", url=url))
    assert db.execute("SELECT count(*) FROM evidence").fetchone() == (0,)
    assert safe_url(url) is None


def test_evidence_is_kept_as_typed_capped_and_listed_newest_first(
    db: duckdb.DuckDBPyConnection, campaign_id: int
) -> None:
    first = add_evidence(db, campaign_id, EvidenceEntry("quote", body=HOSTILE, attributed_to="  Sunita,   a parent "))
    photo = add_evidence(
        db,
        campaign_id,
        EvidenceEntry("photo", title="T" * 5000, body="b" * 5000, url="https://Photos.example.org/camp?id=1#top",
                      day=date(2026, 6, 13)),
    )  # fmt: skip
    undated = add_evidence(db, campaign_id, EvidenceEntry("story", title="Undated"))
    later = add_evidence(db, campaign_id, EvidenceEntry("testimonial", title="Later", day=date(2026, 6, 29)))
    listed = evidence_for(db, campaign_id)
    # By day, newest first; pieces without a day after them, the last added first.
    assert listed["id"].tolist() == [later, photo, undated, first]
    row = listed.set_index("id").loc[first]
    assert (row["kind"], row["title"], row["body"], row["url"], row["attributed_to"]) == (
        "quote", "", HOSTILE, "", "Sunita, a parent"
    )  # fmt: skip
    capped = listed.set_index("id").loc[photo]
    assert (len(capped["title"]), len(capped["body"])) == (MAX_TITLE, MAX_BODY)
    assert capped["url"] == "https://Photos.example.org/camp?id=1#top"
    assert evidence_for(db, campaign_id, limit=3)["id"].tolist() == [later, photo, undated]


def test_kind_and_some_text_are_required(db: duckdb.DuckDBPyConnection, campaign_id: int) -> None:
    with pytest.raises(ValueError, match="'poem' is not a kind of evidence; use one of story, quote, photo"):
        add_evidence(db, campaign_id, EvidenceEntry("poem", title="Ode"))
    with pytest.raises(ValueError, match="give the evidence a title or its text"):
        add_evidence(db, campaign_id, EvidenceEntry("story", title="   ", body="\n  ", url="https://example.org/"))
    with pytest.raises(ValueError, match="there is no campaign 99"):
        add_evidence(db, 99, EvidenceEntry("story", title="Lost"))
    assert db.execute("SELECT count(*) FROM evidence").fetchone() == (0,)


def test_evidence_is_deleted_only_from_its_own_campaign(db: duckdb.DuckDBPyConnection, campaign_id: int) -> None:
    other = create_campaign(db, 1, "Other", date(2026, 7, 1), date(2026, 7, 31))
    kept = add_evidence(db, campaign_id, EvidenceEntry("story", title="Kept"))
    with pytest.raises(LookupError):
        delete_evidence(db, kept, other)
    assert evidence_for(db, campaign_id)["id"].tolist() == [kept]
    delete_evidence(db, kept, campaign_id)
    assert evidence_for(db, campaign_id).empty


def open_tab(at: AppTest, label: str) -> AppTest:
    """Open one of the Campaigns page's tabs: only the open tab runs (a click on another reruns the page)."""
    at.session_state["campaign_tab"] = label
    return at.run()


def campaigns_page(
    campaign: str | None = None, organisation: str = "Pune Education Trust", tab: str = "Progress"
) -> AppTest:
    """The Campaigns page with one of its tabs open (only the open tab runs)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["organisation"] = organisation
    at.session_state["campaign_tab"] = tab
    if campaign is not None:
        with open_store() as con:
            (at.session_state["campaign"],) = con.execute(
                "SELECT id FROM campaign WHERE name = ?", [campaign]
            ).fetchone()
    at.switch_page("pages/campaigns/campaigns.py")
    return at.run()


def test_evidence_typed_in_the_form_is_shown_escaped_beside_the_figures(sample_copy: Path) -> None:
    at = campaigns_page("Back to school 2026")
    assert not at.exception
    # The demo's three pieces of evidence (sample_data/campaigns.json) are beside the figures on the Progress tab,
    # and on the Evidence tab: each title once on each.
    assert "What changed, in people's words (latest 3)" in [e.label for e in at.expander]
    titles = ["**Back in class**", "**Kit distribution at the Kothrud centre**", "**Enrolment at our partner school**"]
    assert [[m.value for m in at.markdown].count(t) for t in titles] == [1, 1, 1]
    open_tab(at, "Evidence")
    assert [[m.value for m in at.markdown].count(t) for t in titles] == [1, 1, 1]

    next(s for s in at.selectbox if s.label == "Kind of evidence").select("quote")
    next(t for t in at.text_input if t.label == "Title").input("<b>Asha</b> is back")
    next(t for t in at.text_area if t.label == "The story or quote").input(HOSTILE)
    next(t for t in at.text_input if t.label.startswith("Link to the photo")).input("javascript:alert(1)")
    next(b for b in at.button if b.label == "Add evidence").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Not added: the link must be a web address starting with http\\:// or https\\://, such as "
        "https\\://photos\\.example\\.org/camp."
    ]

    next(t for t in at.text_input if t.label.startswith("Link to the photo")).input("https://example.org/asha")
    next(b for b in at.button if b.label == "Add evidence").click().run()
    assert not at.exception
    with open_store() as con:
        assert con.execute("SELECT title, body, url FROM evidence WHERE kind = 'quote' AND title LIKE '%Asha%'").fetchall() == [
            ("<b>Asha</b> is back", HOSTILE, "https://example.org/asha")
        ]  # fmt: skip
    assert next(t for t in at.text_input if t.label == "Title").value == ""  # the form is emptied once added
    # Kept as typed, shown as typed: every '<', '[', '(' and '!' is escaped, so Markdown renders no tag, no link
    # and no image; on the Evidence tab and on the Progress tab (the latest added first).
    quote = "> \\<img src=x onerror=\"alert\\(1\\)\"\\> \\[click\\]\\(javascript\\:alert\\(1\\)\\) =cmd\\|' /C calc'\\!A0 🎒"
    links = {
        "Evidence": ["https://example.org/asha", "https://puneeducationtrust.org.in/gallery/back-to-school-2026"],
        "Progress": ["https://example.org/asha"],  # the older photo is not among the latest 3
    }
    for tab, urls in links.items():
        markdown = [m.value for m in open_tab(at, tab).markdown]
        assert markdown.count("**\\<b\\>Asha\\</b\\> is back**") == 1
        assert [m for m in markdown if "onerror" in m] == [quote]
        assert [b.proto.url for b in at.get("link_button")] == urls
    open_tab(at, "Evidence")

    # Deleting it on the Evidence tab removes it.
    with open_store() as con:
        (new_id,) = con.execute("SELECT id FROM evidence WHERE title LIKE '%Asha%'").fetchone()
    next(b for b in at.button if b.key == f"delete_evidence_{new_id}").click().run()
    assert not at.exception
    with open_store() as con:
        assert con.execute("SELECT count(*) FROM evidence WHERE title LIKE '%Asha%'").fetchone() == (0,)


def test_compare_tab_shows_the_earlier_campaign_or_says_how_to_get_one(sample_copy: Path) -> None:
    at = campaigns_page("Back to school 2026", tab="Compare")
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Goal on" in d.value.columns)
    exam = table[table["Campaign"] == "Exam ready 2026"]
    assert exam["Goal on"].tolist() == ["Shares", "Donors", "Posts", "Hours spent"]
    assert exam["Its target"].tolist() == [600.0, 50.0, 60.0, 30.0]

    at = campaigns_page(organisation="Sakhi Women's Health Collective", tab="Compare")
    assert not at.exception
    assert [i.value for i in at.info] == [
        "No earlier campaign to compare with. Campaigns of this organisation that started before this one show "
        "here: create last year's (or last season's) campaign under **New campaign** with its dates and hashtags, "
        "and set the same goals; its figures are counted from the data already imported."
    ]
