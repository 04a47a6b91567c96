"""The Campaigns page's Edit tab: edit, archive and restore campaigns, import a plan, pick posts by hand."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.campaigns.goals import (
    GOAL_METRICS,
    Campaign,
    archive_campaign,
    archived_campaigns,
    candidate_posts,
    goal_targets,
    pick_post,
    remove_goal,
    restore_campaign,
    unpick_post,
    update_campaign,
)
from impact.campaigns.plan import PLAN_TEMPLATE, campaign_list, import_plan
from pages import ui

SELECTED_KEY = "campaign"  # the page's campaign selectbox
MESSAGE_KEY = "campaign_edit_message"  # a success line kept across the rerun that follows a change
PICK_MESSAGE_KEY = "campaign_pick_message"
PENDING_KEY = "campaign_pending_change"  # an Archive or Restore click, made by the page before its selectbox
OUTCOME_RULES = {
    False: "every outcome in its dates",
    True: "only outcomes that name the campaign or its UTM campaign",
}
LABEL_TEXT = 60


def _split(text: str) -> list[str]:
    return [part for part in text.replace(";", ",").split(",") if part.strip()]


def _done(message: str, key: str = MESSAGE_KEY) -> None:
    st.session_state[key] = message
    st.rerun()


def _ask(change: str, organisation_id: int, campaign_id: int, name: str) -> None:
    """An Archive or Restore button's callback: it only notes the change.

    Callbacks run before app.py knows who is here, so the change is made by apply_pending_change, which
    the page runs first, under the role check and in the audit log under the person's name.
    """
    st.session_state[PENDING_KEY] = (change, organisation_id, campaign_id, name)


def apply_pending_change() -> None:
    """Archive or restore the campaign a button asked for; before the selectbox, which then names another."""
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending is None:
        return
    change, organisation_id, campaign_id, name = pending
    with ui.writer(organisation_id) as con:
        (archive_campaign if change == "archive" else restore_campaign)(con, campaign_id)
    ui.audit("edit", organisation_id, f"campaign {name}: {change}d")
    if change == "archive":  # the selectbox may not name an archived campaign, so it starts afresh
        st.session_state.pop(SELECTED_KEY, None)
        st.session_state[MESSAGE_KEY] = f"Archived {name}. Restore it below under “Archived campaigns”."
    else:
        st.session_state[SELECTED_KEY] = campaign_id
        st.session_state[MESSAGE_KEY] = f"Restored {name}."


def show_message(key: str = MESSAGE_KEY) -> None:
    """The line saying what the last change did, once."""
    message = st.session_state.pop(key, None)
    if message:
        st.success(ui.plain(message))


def _edit_form(current: Campaign) -> None:
    # Widgets without keys: when the stored campaign changes, the form shows the new values. Labels
    # differ from the "New campaign" form's so the two forms' fields are told apart.
    with st.form(f"edit_campaign_{current.id}"):
        name = st.text_input("Campaign name", value=current.name, max_chars=120)
        left, right = st.columns(2)
        starts = left.date_input("First day", value=current.starts)
        ends = right.date_input("Last day", value=current.ends)
        description = st.text_area("Description", value=current.description, max_chars=2000)
        hashtags = st.text_input("Campaign hashtags", value=", ".join(current.hashtags))
        keywords = st.text_input("Words in its posts", value=", ".join(current.keywords))
        utm = st.text_input("UTM campaign of its links", value=current.utm_campaign or "", max_chars=120)
        rule = st.radio(
            "Outcomes it counts",
            list(OUTCOME_RULES),
            index=int(current.outcomes_named_only),
            format_func=lambda named: OUTCOME_RULES[named],
        )
        saved = st.form_submit_button("Save changes", type="primary")
    if not saved:
        return
    try:
        with ui.writer(current.organisation_id) as con:
            update_campaign(
                con, current.id, name, starts, ends, description=description,  # type: ignore[arg-type]
                hashtags=_split(hashtags), keywords=_split(keywords), utm_campaign=utm, outcomes_named_only=bool(rule),
            )  # fmt: skip
    except (ValueError, LookupError) as error:
        st.error(f"Not saved: {ui.plain(error)}.")
        return
    ui.audit("edit", current.organisation_id, f"campaign {name.strip()}: changed")
    _done("Saved the campaign's changes.")


def _goals_part(current: Campaign) -> None:
    with ui.store() as con:
        targets = goal_targets(con, current.id)
    if not targets:
        return
    st.markdown("**Remove a goal**")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    metric = left.selectbox(
        "Goal",
        list(targets),
        format_func=lambda m: f"{GOAL_METRICS[m].label}: {targets[m]:,.0f}",
        key=f"goal_to_remove_{current.id}",
    )
    if right.button("Remove goal", key=f"remove_goal_{current.id}"):
        with ui.writer(current.organisation_id) as con:
            remove_goal(con, current.id, str(metric))
        goal_on = GOAL_METRICS[str(metric)].label.lower()
        ui.audit("edit", current.organisation_id, f"campaign {current.name}: goal on {goal_on} removed")
        _done(f"Removed the goal on {goal_on}.")


def _archive_part(current: Campaign) -> None:
    st.markdown("**Archive**: hide the campaign from the lists and the Overview; its goals and picks are kept.")
    sure = st.checkbox(f"Yes, archive {current.name}", key=f"archive_sure_{current.id}")
    st.button(
        "Archive campaign",
        disabled=not sure,
        key=f"archive_{current.id}",
        on_click=_ask,
        args=("archive", current.organisation_id, current.id, current.name),
    )


def archived_part(organisation_id: int) -> None:
    """The archived campaigns, each with a Restore button."""
    with ui.store() as con:
        archived = archived_campaigns(con, organisation_id)
    if archived.empty:
        return
    with st.expander(f"Archived campaigns ({len(archived)})"):
        for row in archived.itertuples():
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(f"{ui.plain(row.name)} · {row.starts:%d %b %Y} – {row.ends:%d %b %Y}")
            right.button(
                "Restore",
                key=f"restore_{row.id}",
                on_click=_ask,
                args=("restore", organisation_id, int(row.id), str(row.name)),
            )


def plan_part(organisation_id: int) -> None:
    """Import a campaign plan (CSV), with the template and the current campaigns as a plan to download."""
    st.markdown(
        "**Import a campaign plan (CSV)**: one campaign a row; campaigns of the same name are updated, "
        "new ones created, with their goals (columns `goal_posts`, `goal_shares`, `goal_donors`...)."
    )
    uploaded = st.file_uploader("Campaign plan (CSV)", type=["csv"], key="campaign_plan")
    left, middle, right = st.columns(3)
    imported = left.button("Import plan", disabled=uploaded is None, type="primary")
    middle.download_button(
        "Download the template", PLAN_TEMPLATE.encode("utf-8"), "campaign_plan_template.csv", "text/csv"
    )
    with ui.store() as con:
        current_plan = campaign_list(con, organisation_id)
    current_plan = current_plan[~current_plan["archived"]].drop(columns=["archived"])
    if not current_plan.empty:
        data = ui.neutralise_formulas(current_plan).to_csv(index=False).encode("utf-8")
        right.download_button("Download the campaigns as a plan", data, "campaign_plan.csv", "text/csv")
    if not (imported and uploaded is not None):
        return
    try:
        with ui.writer(organisation_id) as con:
            summary = import_plan(con, organisation_id, uploaded.getvalue())
    except ValueError as error:
        st.error(f"{ui.plain(uploaded.name)}: {ui.plain(error)}. Nothing was imported.")
        return
    ui.audit("edit", organisation_id, f"campaign plan {uploaded.name} imported: {summary.sentence()}")
    _done(f"{uploaded.name}: {summary.sentence()}")


def edit_section(organisation_id: int, current: Campaign) -> None:
    """The Edit tab: the campaign's form, its goals, archiving, archived campaigns and the CSV plan."""
    show_message()
    _edit_form(current)
    _goals_part(current)
    _archive_part(current)
    st.divider()
    archived_part(organisation_id)
    plan_part(organisation_id)


def _post_label(row: pd.Series) -> str:
    # Option labels are plain text (not Markdown); collapse line breaks so each option stays one line.
    text = " ".join(str(row["text"] or "").split())
    snippet = text[:LABEL_TEXT] + ("…" if len(text) > LABEL_TEXT else "")
    return f"{row['published_at']:%d %b %Y} · {row['platform']} · {snippet}"


def pick_posts_section(current: Campaign, caught: pd.DataFrame) -> None:
    """Under the caught posts: add posts no rule caught, and remove posts picked by hand."""
    show_message(PICK_MESSAGE_KEY)
    with ui.store() as con:
        candidates = candidate_posts(con, current.id)
    st.markdown("**Pick posts by hand**: posts in the campaign's dates that no hashtag, word or UTM campaign caught.")
    if candidates.empty:
        st.caption("Every post in the campaign's dates is already counted.")
    else:
        labels = {(r["platform"], r["post_id"]): _post_label(r) for _, r in candidates.iterrows()}
        chosen = st.multiselect(
            f"Posts to add (the {len(labels)} newest not counted yet)",
            list(labels),
            format_func=lambda key: labels[key],
            key=f"posts_to_pick_{current.id}",
        )
        if st.button("Add to campaign", disabled=not chosen, key=f"pick_{current.id}"):
            with ui.writer(current.organisation_id) as con:
                for platform, post_id in chosen:
                    pick_post(con, current.id, platform, post_id)
            ui.audit("edit", current.organisation_id, f"campaign {current.name}: {len(chosen)} posts picked by hand")
            st.session_state.pop(f"posts_to_pick_{current.id}", None)
            _done(f"Added {len(chosen)} post{'s' if len(chosen) != 1 else ''} to the campaign.", PICK_MESSAGE_KEY)

    picked = caught[caught["caught_by"] == "picked by hand"] if not caught.empty else caught
    if picked.empty:
        return
    picked_labels = {(r["platform"], r["post_id"]): _post_label(r) for _, r in picked.iterrows()}
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    unpicked = left.selectbox(
        "Picked by hand",
        list(picked_labels),
        format_func=lambda key: picked_labels[key],
        key=f"picked_{current.id}",
    )
    if right.button("Remove from campaign", key=f"unpick_{current.id}") and unpicked is not None:
        platform, post_id = unpicked
        with ui.writer(current.organisation_id) as con:
            unpick_post(con, current.id, platform, post_id)
        ui.audit("edit", current.organisation_id, f"campaign {current.name}: a post picked by hand removed")
        _done("Removed the post from the campaign (its hashtags, words or link may still catch it).", PICK_MESSAGE_KEY)
