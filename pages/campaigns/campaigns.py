"""Campaigns: create one with its rules and goals, and see progress, pace and the posts it caught."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from impact.campaigns.goals import create_campaign
from impact.campaigns.screens import campaign_index, campaign_screen
from pages import ui
from pages.campaigns import chain, edit, outcomes, progress, story


def split(text: str) -> list[str]:
    return [part for part in text.replace(";", ",").split(",") if part.strip()]


st.title("Campaigns")
filters = ui.current_filters()
if filters is None:
    st.info("There is no data yet. Go to **Upload** and add your exports first.")
    st.stop()

edit.apply_pending_change()  # an Archive or Restore button clicked on the last run
editable = ui.can_edit(filters.organisation_id)
index = ui.figures(campaign_index, filters.organisation_id)
listed = index.listed
today = index.latest or date.today()  # the latest day with data: pace is judged on what is imported
fixed = ui.person().period
if fixed is not None:  # a share link for one period shows the campaigns that ran in it, judged at its end
    first, last = fixed
    listed = listed[
        (pd.to_datetime(listed["starts"]).dt.date <= last) & (pd.to_datetime(listed["ends"]).dt.date >= first)
    ]
    today = min(today, last)  # type: ignore[type-var]
st.caption(f"{ui.plain(ui.current_organisation())} · progress as of {today:%d %b %Y}, the latest day with data")

if editable:
    with st.expander("New campaign", expanded=listed.empty), st.form("new_campaign", clear_on_submit=False):
        name = st.text_input("Name", max_chars=120, placeholder="Back to school 2026")
        left, right = st.columns(2)
        starts = left.date_input("Starts", value=today - timedelta(days=30))
        ends = right.date_input("Ends", value=today + timedelta(days=30))
        description = st.text_area("What it is for", max_chars=2000)
        hashtags = st.text_input("Hashtags that mark its posts", placeholder="#BackToSchoolPune, #SchoolKits")
        keywords = st.text_input("Words that mark its posts", placeholder="school kit, uniform")
        utm = st.text_input("UTM campaign in its links", placeholder="bts2026")
        named_only = st.checkbox("Count only donations that name the campaign (else every donation in its dates)")
        if st.form_submit_button("Create campaign", type="primary"):
            try:
                with ui.writer(filters.organisation_id) as con:
                    new_id = create_campaign(
                        con, filters.organisation_id, name, starts, ends, description=description,  # type: ignore[arg-type]
                        hashtags=split(hashtags), keywords=split(keywords), utm_campaign=utm, outcomes_named_only=named_only,
                    )  # fmt: skip
                ui.audit("edit", filters.organisation_id, f"campaign {name.strip()}: created")
                st.session_state["campaign"] = new_id
                st.rerun()
            except ValueError as error:
                st.error(f"Not created: {ui.plain(error)}.")

if listed.empty:
    if not editable:
        st.info("No campaigns yet.")
        st.stop()
    st.info("No campaigns yet. Create one above: its dates, and the hashtags or words that mark its posts.")
    edit.show_message()
    edit.archived_part(filters.organisation_id)
    edit.plan_part(filters.organisation_id)
    st.stop()
if st.session_state.get("campaign") not in set(listed["id"].tolist()):
    st.session_state.pop("campaign", None)  # archived or gone since (another tab, the command line)

chosen = st.selectbox(
    "Campaign",
    listed["id"].tolist(),
    format_func=lambda i: str(listed.set_index("id").loc[i, "name"]),
    key="campaign",
)
screen = ui.figures(campaign_screen, int(chosen), today)
current, caught = screen.campaign, screen.caught
rules = ", ".join(
    [*current.hashtags, *current.keywords] + ([f"utm_campaign={current.utm_campaign}"] if current.utm_campaign else [])
)
st.caption(
    f"{current.starts:%d %b %Y} – {current.ends:%d %b %Y} · posts marked by: {ui.plain(rules or 'posts picked by hand only')}"
)

# Only the open tab runs (a click on another reruns the page; the tab stays open across the page's own reruns):
# Streamlit would otherwise compute and send every tab's figures, forms and charts on each visit.
progress_tab, chain_tab, posts_tab, outcomes_tab, evidence_tab, compare_tab, edit_tab = st.tabs(
    ["Progress", "Chain", "Posts", "Outcomes", "Evidence", "Compare", "Edit"], key="campaign_tab", on_change="rerun"
)
if progress_tab.open:
    with progress_tab:
        progress.progress_section(screen, editable)
if chain_tab.open:
    with chain_tab:
        chain.chain_section(current, today)
if posts_tab.open:
    with posts_tab:
        st.subheader(f"Posts this campaign caught ({len(caught)})")
        if caught.empty:
            st.info("No post in the campaign's dates carries its hashtags, words or UTM campaign yet.")
        else:
            ui.dataframe(caught, hide_index=True, width="stretch")
            ui.csv_download(caught, "campaign_posts.csv")
        if editable:
            edit.pick_posts_section(current, caught)
if outcomes_tab.open:
    with outcomes_tab:
        outcomes.outcomes_section(filters.organisation_id, current, today)
if evidence_tab.open:
    with evidence_tab:
        story.evidence_section(current)
if compare_tab.open:
    with compare_tab:
        story.compare_section(current, today)
if edit_tab.open:
    with edit_tab:
        if editable:
            edit.edit_section(filters.organisation_id, current)
        else:
            st.caption("Only editors of this organisation can change its campaigns, goals and plan.")
