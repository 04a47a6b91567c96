"""The Campaigns page's Evidence and Compare tabs: the stories behind the figures, and earlier campaigns."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from impact.campaigns.evidence import (
    EVIDENCE_KINDS,
    MAX_ATTRIBUTION,
    MAX_BODY,
    MAX_TITLE,
    MAX_URL,
    EvidenceEntry,
    add_evidence,
    delete_evidence,
    evidence_for,
    safe_url,
)
from impact.campaigns.goals import Campaign
from impact.campaigns.screens import LATEST_EVIDENCE, compare_screen
from impact.charts import campaigns as charts
from pages import ui

SPOKEN = ("quote", "testimonial")  # shown as a quotation, in the speaker's words
SHORT_BODY = 280  # characters of a story shown beside the figures; the Evidence tab shows it whole
# The form's text fields: emptied once a piece is added, kept when it is refused so nothing typed is lost.
TYPED_FIELDS = ("evidence_who", "evidence_title", "evidence_body", "evidence_url")


def _quoted(text: str) -> str:
    """Typed text as a Markdown block quote, every line escaped (a line starting '#' stays text)."""
    return "\n".join("> " + ui.plain(line) if line.strip() else ">" for line in text.splitlines())


def _when_and_who(row: pd.Series) -> str:
    """The card's caption: kind, day, who said or took it, all escaped."""
    parts = [EVIDENCE_KINDS.get(row["kind"], row["kind"])]
    if not pd.isna(row["day"]):  # None and NaT alike: the day was left empty
        parts.append(f"{pd.Timestamp(row['day']):%d %b %Y}")
    if row["attributed_to"]:
        parts.append(f"— {row['attributed_to']}")
    return ui.plain(" · ".join(parts))


def _card_text(row: pd.Series, limit: int | None = None) -> None:
    """Title, then the story or quote (escaped: shown as typed, never as HTML or links)."""
    if row["title"]:
        st.markdown(f"**{ui.plain(row['title'])}**")
    body = str(row["body"])
    if limit is not None and len(body) > limit:
        body = body[: limit - 1] + "…"
    if body:
        st.markdown(_quoted(body) if row["kind"] in SPOKEN else ui.plain(body))


def _link(row: pd.Series, key: str) -> None:
    """A button to the photo or page, only for an http(s) address (checked again here, whatever is stored)."""
    url = safe_url(str(row["url"])) if row["url"] else None
    if url:
        label = "Open the photo" if row["kind"] == "photo" else "Open the link"
        st.link_button(label, url, key=key, icon=":material/open_in_new:")


def _evidence_form(current: Campaign) -> None:
    """The form that attaches a story, quote, photo's link or testimonial to the campaign."""
    kinds = list(EVIDENCE_KINDS)
    with st.form("new_evidence"):
        left, middle, right = st.columns(3)
        kind = left.selectbox("Kind of evidence", kinds, format_func=lambda k: EVIDENCE_KINDS[k])
        day = middle.date_input("When it happened", value=min(date.today(), current.ends))
        who = right.text_input(
            "Whose words or photo", max_chars=MAX_ATTRIBUTION, placeholder="Sunita, a parent", key="evidence_who"
        )
        title = st.text_input("Title", max_chars=MAX_TITLE, placeholder="Asha is back in class", key="evidence_title")
        body = st.text_area(
            "The story or quote",
            max_chars=MAX_BODY,
            placeholder="“My daughter now reads to her little brother.”",
            key="evidence_body",
        )
        url = st.text_input(
            "Link to the photo, video or article (http:// or https://)",
            max_chars=MAX_URL,
            placeholder="https://",
            key="evidence_url",
        )
        if not st.form_submit_button("Add evidence", type="primary"):
            return
    try:
        with ui.writer(current.organisation_id) as con:
            add_evidence(
                con,
                current.id,
                EvidenceEntry(kind=kind, title=title, body=body, url=url, attributed_to=who, day=day),  # type: ignore[arg-type]
            )
    except ValueError as error:
        st.error(f"Not added: {ui.plain(error)}.")
        return
    ui.audit("edit", current.organisation_id, f"campaign {current.name}: evidence added")
    for key in TYPED_FIELDS:
        st.session_state.pop(key, None)
    st.rerun()


def evidence_section(current: Campaign) -> None:
    """The Evidence tab: add a piece of evidence, and every piece as a card with its link and a delete button."""
    with ui.store() as con:
        listed = evidence_for(con, current.id)
    st.markdown(
        "Numbers alone don't tell a funder what changed. Attach **stories, quotes, testimonials and links to photos** "
        "to the campaign; the latest three are shown beside its figures on the Progress tab."
    )
    editable = ui.can_edit(current.organisation_id)
    if editable:
        with st.expander("Add evidence", expanded=listed.empty):
            _evidence_form(current)
    st.subheader(f"Evidence ({len(listed)})")
    if listed.empty:
        st.info("No evidence yet: add a parent's words, a volunteer's story or a link to the photos above.")
        return
    for _, row in listed.iterrows():
        with st.container(border=True):
            st.caption(_when_and_who(row))
            _card_text(row)
            left, right = st.columns([3, 1])
            with left:
                _link(row, key=f"evidence_link_{row['id']}")
            if editable and right.button("Delete", key=f"delete_evidence_{row['id']}", icon=":material/delete:"):
                try:
                    with ui.writer(current.organisation_id) as con:
                        delete_evidence(con, int(row["id"]), current.id)
                    ui.audit("edit", current.organisation_id, f"campaign {current.name}: evidence removed")
                    st.rerun()
                except LookupError as error:
                    st.error(f"Not deleted: {ui.plain(error)}.")


def evidence_beside_figures(latest: pd.DataFrame) -> None:
    """The latest pieces of evidence (campaign_screen's), short, next to the campaign's figures on the Progress tab."""
    if latest.empty:
        st.caption("No stories or quotes yet: add them in the **Evidence** tab, so the figures say what changed.")
        return
    with st.expander(f"What changed, in people's words (latest {len(latest)})", expanded=True):
        for column, (_, row) in zip(st.columns(LATEST_EVIDENCE), latest.iterrows(), strict=False):
            with column, st.container(border=True):
                st.caption(_when_and_who(row))
                _card_text(row, limit=SHORT_BODY)
                _link(row, key=f"evidence_beside_link_{row['id']}")


def _comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """The comparison as people read it: one row per goal and campaign."""
    n = int(comparison["day_n"].iloc[0])
    table = pd.DataFrame(
        {
            "Goal on": comparison["label"],
            "Campaign": comparison["campaign"] + comparison["current"].map({True: " (this one)", False: ""}),
            "Dates": [f"{s:%d %b %Y} – {e:%d %b %Y}" for s, e in zip(comparison["starts"], comparison["ends"], strict=True)],
            f"On day {n}": comparison["at_day_n"].round(0),
            "At its end (or so far)": comparison["at_end"].round(0),
            "Its target": comparison["target"],
            "Its progress": (comparison["progress"].astype(float) * 100).round(0),
        }
    )  # fmt: skip
    return table


def compare_section(current: Campaign, today: date) -> None:
    """The Compare tab: this campaign against the organisation's earlier ones on the same goals, by day N."""
    screen = ui.figures(compare_screen, current.id, today)
    comparison = screen.comparison
    if not screen.has_goals:
        st.info("Set a goal on the Progress tab first: the comparison is on this campaign's goals.")
        return
    if comparison.empty:
        st.info(
            "No earlier campaign to compare with. Campaigns of this organisation that started before this one show "
            "here: create last year's (or last season's) campaign under **New campaign** with its dates and hashtags, "
            "and set the same goals; its figures are counted from the data already imported."
        )
        return
    n = screen.day_n
    if n == 0:
        st.info(f"This campaign starts on {current.starts:%d %b %Y}: from then, each day is compared like for like.")
    else:
        st.caption(
            f"Day {n} of this campaign is {current.starts + timedelta(days=n - 1):%d %b %Y}; each earlier campaign is "
            f"shown on its own day {n} (its last day if it was shorter), and at its end."
        )
    st.plotly_chart(charts.campaign_comparison_chart(comparison), width="stretch", key="compare_chart")
    table = _comparison_table(comparison)
    ui.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Its target": st.column_config.NumberColumn(format="%,.0f"),
            "Its progress": st.column_config.NumberColumn(format="%.0f %%"),
        },
    )
    ui.csv_download(table, "campaign_comparison.csv", key="compare_csv")
    ui.definitions_expander(["campaign_day_n", "campaign_at_end", "goal_progress"])
