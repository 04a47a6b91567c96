"""People: who really cares (evangelists), who carries the word furthest (influencers), and the ladder."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from connectors import interactions_csv
from impact.charts.supporters import ladder_chart
from impact.definitions import definition
from impact.supporters.identity import erase, link_donor, link_volunteer, merge, split
from impact.supporters.ladder import STEPS
from impact.supporters.screen import PeopleScreen, people_screen
from pages import ui

SHOWN = 25  # rows of each ranking on the page; the CSV has everyone
MESSAGE_KEY = "people_message"

filters = ui.current_filters()
st.title("People")
st.markdown(
    "The people behind the interactions: who shares, replies and likes again and again (**evangelists**), whose "
    "share reaches many others (**influencers**), and how far up the **supporter ladder** people came each month, "
    "from liking a post to sharing it, giving, and sharing again on several platforms."
)
if filters is None:
    ui.no_data_yet()
    st.stop()
org_id = filters.organisation_id
listed: PeopleScreen = ui.figures(people_screen, org_id, filters.start, filters.end)
chosen_campaign = st.selectbox(
    "Rank the people of",
    [None, *listed.campaigns],
    format_func=lambda c: "the period (every post)" if c is None else f"the campaign {listed.campaigns[c]}",
    help="A campaign's rankings count the interactions with the posts its rules catch (as on the Campaigns page), "
    "from its first day to 30 days after its last. The ladder stays the period's.",
)
screen: PeopleScreen = (
    listed
    if chosen_campaign is None
    else ui.figures(people_screen, org_id, filters.start, filters.end, chosen_campaign)
)
editable = ui.can_edit(org_id)
st.caption(
    f"{ui.plain(ui.current_organisation())} · {filters.start:%d %b %Y} – {filters.end:%d %b %Y} · every platform; "
    "the sidebar's platform choice does not apply here."
)
for tone, sentence in st.session_state.pop(MESSAGE_KEY, []):
    {"success": st.success, "info": st.info, "error": st.error}[tone](ui.plain(sentence))


def remember(tone: str, sentence: str) -> None:
    st.session_state[MESSAGE_KEY] = [(tone, sentence)]
    st.rerun()


def how_to_get_people() -> None:
    st.info(
        "No interaction names its person yet. The people behind boosts, likes, reposts, replies and comments come "
        "from synced accounts (Mastodon, Bluesky, YouTube, Facebook, Instagram: the **Sources** page) and from the "
        "interactions template, for platforms whose exports do not name people (X, LinkedIn, WhatsApp).",
        icon=":material/group:",
    )
    st.download_button(
        "Download the interactions template (CSV)",
        interactions_csv.TEMPLATE_CSV.encode("utf-8"),
        file_name=interactions_csv.TEMPLATE_FILENAME,
        mime="text/csv",
    )


def tiles() -> None:
    cols = st.columns(3)
    cols[0].metric("People who interacted", ui.format_number(screen.people), help=definition("supporter_interactions"))
    cols[1].metric("Of them, shared", ui.format_number(screen.amplifiers), help="People with at least one share.")
    cols[2].metric("Interactions", ui.format_number(screen.interactions), help=definition("supporter_interactions"))


def handles_text(values: object) -> str:
    """A list cell (handles, links) as one line; an empty cell (no list) as nothing."""
    if isinstance(values, str):
        return values
    if values is None or not hasattr(values, "__iter__"):
        return ""  # None, NaN, pandas' NA
    return ", ".join(str(v) for v in values)


def evangelists_table() -> None:
    st.subheader("Evangelists")
    if chosen_campaign is not None:
        st.markdown(
            f"Interactions with the posts of **{ui.plain(screen.campaigns[chosen_campaign])}**, "
            f"{screen.ranked_from:%d %b %Y} – {screen.ranked_to:%d %b %Y}."
        )
    st.caption(definition("evangelist_score"))
    ranked = screen.evangelists
    if ranked.empty:
        st.info("Nobody interacted in this period.")
        return
    table = pd.DataFrame({
        "Person": ranked["name"],
        "Handles": [handles_text(h) for h in ranked["handles"]],
        "Platforms": ranked["platforms"],
        "Interactions": ranked["interactions"],
        "Shares": ranked["shares"],
        "Replies": ranked["replies"],
        "Likes": ranked["likes"],
        "Posts": ranked["posts"],
        "First": ranked["first"],
        "Last": ranked["last"],
        "Score": ranked["score"],
        "Posts they shared": [handles_text(a) for a in ranked["amplified"]],
    })  # fmt: skip
    ui.dataframe(
        table.head(SHOWN),
        hide_index=True,
        width="stretch",
        column_config={
            "First": st.column_config.DateColumn(format="D MMM YYYY"),
            "Last": st.column_config.DateColumn(format="D MMM YYYY"),
            "Score": st.column_config.NumberColumn(format="%.2f"),
        },
    )
    shown = f"the first {SHOWN} of {len(table):,}" if len(table) > SHOWN else f"all {len(table):,}"
    st.caption(f"Showing {shown}; the CSV has everyone, with the counts behind each score.")
    ui.csv_download(table, "evangelists.csv", key="evangelists_csv")


def influencers_table() -> None:
    st.subheader("Influencers")
    st.caption(definition("influence"))
    found = screen.influencers
    if found.empty:
        st.info("No one who interacted in this period has a known audience (followers): Mastodon gives it, and the "
                "interactions template has a followers column.")  # fmt: skip
        return
    table = pd.DataFrame({
        "Person": found["name"],
        "Handles": [handles_text(h) for h in found["handles"]],
        "Audience (followers)": found["audience"],
        "Audience as of": found["audience_on"],
        "Interactions": found["interactions"],
        "Shares": found["shares"],
        "Influence": found["influence"],
    })  # fmt: skip
    ui.dataframe(
        table.head(SHOWN),
        hide_index=True,
        width="stretch",
        column_config={"Audience as of": st.column_config.DateColumn(format="D MMM YYYY")},
    )
    ui.csv_download(table, "influencers.csv", key="influencers_csv")


def ladder_section() -> None:
    st.subheader("Supporter ladder")
    st.caption(definition("supporter_ladder"))
    ladder = screen.ladder
    if ladder.steps.empty or not ladder.steps[ladder.steps["step"] != "follower"]["people"].sum():
        st.info("Nobody climbed a step in this period.")
        return
    st.plotly_chart(ladder_chart(ladder.steps), width="stretch")
    wide = ladder.steps.pivot(index="month", columns="step", values="people")[list(STEPS)]
    wide.index = [f"{m:%b %Y}" for m in wide.index]
    wide.columns = [c.capitalize() + "s" for c in wide.columns]
    movement = ladder.movement.set_index("month")
    movement.index = [f"{m:%b %Y}" for m in movement.index]
    movement.columns = ["New", "Moved up", "Same step", "Moved down"]
    if wide["Followers"].isna().all():  # no export gave a running total of followers
        wide = wide.drop(columns="Followers")
        followers_note = "No export gives the accounts' followers at a month's end, so the follower step has no count. "
    else:
        followers_note = "Followers: the accounts' followers at the month's end (empty: no figure). "
    ui.dataframe(wide.join(movement), width="stretch")
    st.caption(followers_note + "Movement compares each person's step with the month before.")
    last = ladder.steps["month"].max()
    st.markdown(f"**Moved up in {last:%B %Y}: thank them**")
    if ladder.moved_up.empty:
        st.caption("Nobody moved up a step in the period's last month.")
        return
    thanks = ladder.moved_up.rename(columns={"name": "Person", "before": "From", "now": "To"})[["Person", "From", "To"]]
    ui.dataframe(thanks, hide_index=True, width="stretch")


def who_is_who() -> None:
    """Confirm that handles are one person (suggested by matching names), split, link a donor or volunteer, erase."""
    st.subheader("Who is who")
    st.caption(
        "A handle counts as a person of its own. Confirm that handles on several platforms are one person (the "
        "suggestions match their display names; nothing is merged without a click), so their interactions add up. "
        "A confirmed person can be linked to a donor by their e-mail (only its hash is compared with the donation "
        "files' donors, and only the hash is kept) or to a volunteer's name in the time log."
    )
    labels = {f"{p}:{h}": (f"{p}:{h}" + (f" ({n})" if n else "")) for p, h, n, _ in screen.handles}
    for index, suggestion in enumerate(screen.suggestions[:10]):
        keys = [f"{p}:{h}" for p, h in suggestion]
        name = next((n for p, h, n, _ in screen.handles if (p, h) == suggestion[0] and n), suggestion[0][1])
        cols = st.columns([4, 1])
        cols[0].markdown(f"Same name: {', '.join(ui.plain(labels.get(k, k)) for k in keys)}")
        if cols[1].button("Confirm", key=f"suggestion_{index}"):
            with ui.writer(org_id) as con:
                merge(con, org_id, [tuple(k.split(":", 1)) for k in keys], str(name), ui.person().label)  # type: ignore[misc]
            ui.audit("edit", org_id, f"people merged: {', '.join(keys)}")
            remember("success", f"{name} is now one person across {len(keys)} handles.")
    with st.form("merge_people", clear_on_submit=True):
        chosen = st.multiselect("Handles that are one person", list(labels), format_func=labels.get)
        name = st.text_input("Their name", max_chars=200)
        if st.form_submit_button("Confirm"):
            try:
                with ui.writer(org_id) as con:
                    merge(con, org_id, [tuple(k.split(":", 1)) for k in chosen], name, ui.person().label)  # type: ignore[misc]
            except ValueError as error:
                st.error(f"Nothing was changed: {error}.")
            else:
                ui.audit("edit", org_id, f"people merged: {', '.join(chosen)}")
                remember("success", f"{name} is confirmed: {', '.join(chosen)}.")
    if screen.supporters:
        confirmed_people()
    erase_form()


def confirmed_people() -> None:
    people = {i: f"{n}: {', '.join(h)}" + (" · donor" if d else "") + (f" · volunteer {v}" if v else "")
              for i, n, h, d, v in screen.supporters}  # fmt: skip
    with st.form("confirmed_people"):
        chosen = st.selectbox("A confirmed person", list(people), format_func=people.get)
        email = st.text_input("Link to the donor with the e-mail", placeholder="name@example.org")
        volunteer = st.selectbox("Link to the volunteer in the time log", ["", *screen.volunteers])
        cols = st.columns(3)
        link = cols[0].form_submit_button("Link")
        undo = cols[1].form_submit_button("Split into handles")
    if link and chosen is not None:
        with ui.writer(org_id) as con:
            said = []
            if email.strip():
                try:
                    matched = link_donor(con, org_id, chosen, email)
                except ValueError as error:
                    st.error(f"Nothing was changed: {error}.")
                    return
                said.append("the donor linked" + ("" if matched else " (no donation matches that e-mail yet)"))
            if volunteer:
                link_volunteer(con, org_id, chosen, volunteer)
                said.append(f"the volunteer {volunteer} linked")
        ui.audit("edit", org_id, f"person {chosen}: {'; '.join(said) or 'nothing linked'}")
        remember("success" if said else "info", ("; ".join(said) or "Nothing to link was given") + ".")
    if undo and chosen is not None:
        with ui.writer(org_id) as con:
            split(con, org_id, chosen)
        ui.audit("edit", org_id, f"person {chosen} split into handles")
        remember("info", "Split: each handle counts as a person of its own again.")


def erase_form() -> None:
    people = {r.person: f"{r.name} ({handles_text(r.handles)})" for r in screen.evangelists.itertuples()}
    for p, h, n, key in screen.handles:
        people.setdefault(key, f"{n or h} ({p}:{h})")
    with st.expander("Erase a person (at their request)"):
        st.markdown(
            "Erasing deletes every interaction of the person's handles and their name on mentions, and keeps only a "
            "hash of each handle, so importing or syncing the same data again does not bring them back. It cannot "
            "be undone."
        )
        with st.form("erase_person"):
            chosen = st.selectbox("Person", sorted(people, key=lambda k: people[k].lower()), format_func=people.get)
            sure = st.checkbox("Yes, erase this person")
            if not st.form_submit_button("Erase", type="primary"):
                return
        if not sure or chosen is None:
            st.warning("Tick the box to erase the person.")
            return
        with ui.writer(org_id) as con:
            removed = erase(con, org_id, chosen)
        ui.audit("edit", org_id, f"a person erased ({removed} rows)")
        remember("success", f"Erased: {removed} interactions and mentions no longer name them.")


if not screen.any_ever:
    how_to_get_people()
    st.stop()
tiles()
evangelists_table()
influencers_table()
ladder_section()
if editable:
    who_is_who()
else:
    st.caption("Only editors of this organisation can confirm who is who or erase a person.")
ui.definitions_expander(["supporter_interactions", "evangelist_score", "influence", "supporter_ladder"])
