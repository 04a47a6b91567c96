"""Campaigns: create one with its rules and goals, and see progress, pace and the posts it caught."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from impact.campaigns.goals import GOAL_METRICS, create_campaign, set_goal
from impact.campaigns.screens import campaign_index, campaign_screen
from impact.charts import campaigns as charts
from pages import ui
from pages.campaigns import chain, edit, outcomes, story


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
current, goals, caught = screen.campaign, screen.goals, screen.caught
rules = ", ".join(
    [*current.hashtags, *current.keywords] + ([f"utm_campaign={current.utm_campaign}"] if current.utm_campaign else [])
)
st.caption(
    f"{current.starts:%d %b %Y} – {current.ends:%d %b %Y} · posts marked by: {ui.plain(rules or 'posts picked by hand only')}"
)

progress_tab, chain_tab, posts_tab, outcomes_tab, evidence_tab, compare_tab, edit_tab = st.tabs(
    ["Progress", "Chain", "Posts", "Outcomes", "Evidence", "Compare", "Edit"]
)

with progress_tab:
    if editable:
        with st.form("goal"):
            left, right, button = st.columns([2, 1, 1], vertical_alignment="bottom")
            metric = left.selectbox("Goal on", list(GOAL_METRICS), format_func=lambda m: GOAL_METRICS[m].label)
            target = right.number_input("Target", min_value=1.0, value=100.0, step=10.0)
            if button.form_submit_button("Set goal"):
                with ui.writer(current.organisation_id) as con:
                    set_goal(con, current.id, metric, float(target))
                goal_on = GOAL_METRICS[metric].label.lower()
                ui.audit(
                    "edit", current.organisation_id, f"campaign {current.name}: goal on {goal_on} set to {target:,.0f}"
                )
                st.rerun()

    story.evidence_beside_figures(screen.evidence)  # the issue: evidence beside the numbers
    if not goals:
        st.info("No goals yet: set one above (a target for posts, engagements, donations, volunteers, hours...).")
    for goal in goals:
        spec = GOAL_METRICS[goal.metric]
        with st.container(border=True):
            cols = st.columns(4)
            cols[0].metric(
                spec.label, f"{goal.actual:,.0f}", help="From the campaign's start to the latest day with data."
            )
            cols[1].metric(
                "Target" if not spec.ceiling else "Ceiling",
                f"{goal.target:,.0f}",
                f"{goal.progress:.0%} so far",
                delta_color="off",
                delta_arrow="off",
            )
            cols[2].metric("At this pace by the end", "–" if goal.projection is None else f"{goal.projection:,.0f}")
            cols[3].metric(f"Status, {goal.days_left} days left", goal.status.capitalize())
            series = screen.burn_ups[goal.metric]
            if not series.empty:
                st.plotly_chart(
                    charts.burn_up_chart(series, goal.target, current.ends, spec.label, spec.ceiling), width="stretch"
                )
    ui.definitions_expander(["goal_progress", "goal_pace"])

with chain_tab:
    chain.chain_section(current, today)

with posts_tab:
    st.subheader(f"Posts this campaign caught ({len(caught)})")
    if caught.empty:
        st.info("No post in the campaign's dates carries its hashtags, words or UTM campaign yet.")
    else:
        st.dataframe(ui.neutralise_formulas(caught), hide_index=True, width="stretch")
        ui.csv_download(caught, "campaign_posts.csv")
    if editable:
        edit.pick_posts_section(current, caught)

with outcomes_tab:
    outcomes.outcomes_section(filters.organisation_id, current, today)

with evidence_tab:
    story.evidence_section(current)

with compare_tab:
    story.compare_section(current, today)

with edit_tab:
    if editable:
        edit.edit_section(filters.organisation_id, current)
    else:
        st.caption("Only editors of this organisation can change its campaigns, goals and plan.")
