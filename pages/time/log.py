"""Parts of the Time & ROI page: the quick entry form, the editable history, the daily budget."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from impact.charts import time as charts
from impact.filters import Filters
from impact.platforms import platform_label
from impact.store import manual
from impact.time import budget as effort
from impact.time.screens import LogScreen, budget_screen
from pages import ui

ACTIVITY_KEYS = list(manual.ACTIVITIES)
NO_CAMPAIGN = ""


def _channel_label(channel: str) -> str:
    return "WhatsApp" if channel == "whatsapp" else platform_label(channel)


def _entry_fields(prefix: str, campaign_names: tuple[str, ...], people: tuple[str, ...], was: dict) -> dict:
    """The fields of one time entry, pre-filled from `was`."""
    left, middle, right = st.columns([1, 2, 1])
    day = left.date_input("Date", value=was["day"], key=f"{prefix}_day")
    person = middle.selectbox(
        "Person", list(people), index=people.index(was["person"]) if was["person"] in people else None,
        accept_new_options=True, placeholder="Type a name", key=f"{prefix}_person",
    )  # fmt: skip
    minutes = right.number_input("Minutes", min_value=1, max_value=24 * 60, value=was["minutes"], step=5,
                                 key=f"{prefix}_minutes")  # fmt: skip
    left, right = st.columns(2)
    channels = list(effort.TIME_CHANNELS)
    channel = left.selectbox(
        "Platform", channels, index=channels.index(was["channel"]) if was["channel"] in channels else 0,
        format_func=_channel_label, key=f"{prefix}_channel",
    )  # fmt: skip
    activity = right.radio(
        "Activity", ACTIVITY_KEYS, index=ACTIVITY_KEYS.index(was["activity"]), horizontal=True,
        format_func=lambda a: manual.ACTIVITIES[a], key=f"{prefix}_activity",
    )  # fmt: skip
    left, right = st.columns(2)
    options = [NO_CAMPAIGN, *campaign_names]
    if was["campaign"] and was["campaign"] not in options:
        options.append(was["campaign"])  # a campaign named in an imported log keeps its name
    campaign = left.selectbox(
        "Campaign (optional)", options, index=options.index(was["campaign"] or NO_CAMPAIGN),
        format_func=lambda c: c or "none", key=f"{prefix}_campaign",
    )  # fmt: skip
    note = right.text_input("Note", value=was["note"], max_chars=manual.MAX_TEXT, key=f"{prefix}_note")
    return {"day": day, "person": person or "", "minutes": minutes, "channel": channel, "activity": activity,
            "campaign": campaign, "note": note}  # fmt: skip


def log_form(organisation_id: int, screen: LogScreen) -> None:
    """The quick entry form for daily use: today, 15 minutes, names already in the log to pick from."""
    was = {"day": date.today(), "person": None, "minutes": 15, "channel": "facebook", "activity": "create",
           "campaign": NO_CAMPAIGN, "note": ""}  # fmt: skip
    with st.form("log_time", clear_on_submit=True, border=True):
        st.markdown("**Log time spent on social media**")
        fields = _entry_fields("log", screen.campaign_names, screen.people, was)
        submitted = st.form_submit_button("Log time", type="primary")
    if submitted:
        try:
            with ui.writer(organisation_id) as con:
                manual.record_time(con, organisation_id, manual.TimeEntry(**fields))
        except ValueError as error:
            st.error(f"Not logged: {ui.plain(error)}.")
            return
        ui.audit("edit", organisation_id, f"time entry logged: {fields['minutes']} minutes on {fields['day']:%d %b %Y}")
        st.toast(f"Logged {fields['minutes']} minutes for {fields['day']:%d %b}.")
        st.rerun()
    st.caption(
        "Many entries at once? Download the template on **Upload**, or export from Toggl Track or Clockify, and "
        "upload the file there: it is recognised by itself."
    )


def history(organisation_id: int, screen: LogScreen) -> None:
    """The period's time log; entries typed here can be corrected or deleted, imported ones say their file."""
    log = screen.entries
    st.subheader(f"Time log ({len(log):,} entries, {log['minutes'].sum() / 60:,.1f} hours)")
    if log.empty:
        st.info("Nothing logged in this period yet.")
        return
    shown = log.drop(columns=["batch_id", "typed"]).rename(
        columns={"day": "Date", "person": "Person", "channel": "Platform", "activity": "Activity",
                 "minutes": "Minutes", "campaign": "Campaign", "note": "Note", "source": "From"}
    )  # fmt: skip
    shown["Platform"] = shown["Platform"].map(lambda c: _channel_label(c) if isinstance(c, str) else c)
    shown["Activity"] = shown["Activity"].map(lambda a: manual.ACTIVITIES.get(a, a))
    ui.dataframe(
        shown, hide_index=True, width="stretch", height=300,
        column_config={"Date": st.column_config.DateColumn(format="DD MMM YYYY")},
    )  # fmt: skip
    ui.csv_download(shown, "time_log.csv", key="time_log_csv")
    if not ui.can_edit(organisation_id):
        return
    typed = log[log["typed"]]
    if typed.empty:
        st.caption("Imported entries change when you import a corrected file, or undo the import on **Upload**.")
        return
    with st.expander(f"Correct or delete an entry typed here ({len(typed)})"):
        labels = {
            int(r.batch_id): f"{r.day:%d %b %Y} · {r.person} · {_channel_label(str(r.channel))} · {r.minutes:,.0f} min"
            for r in typed.itertuples()
        }
        chosen = st.selectbox("Entry", list(labels), format_func=lambda b: ui.plain(labels[b]), key="time_entry")
        row = typed[typed["batch_id"] == chosen].iloc[0]
        was = {
            "day": row["day"],
            "person": row["person"],
            "minutes": int(round(row["minutes"])),
            "channel": row["channel"],
            "activity": row["activity"] if row["activity"] in ACTIVITY_KEYS else "create",
            "campaign": row["campaign"] if isinstance(row["campaign"], str) else NO_CAMPAIGN,
            "note": row["note"] if isinstance(row["note"], str) else "",
        }
        with st.form(f"edit_time_{chosen}"):
            fields = _entry_fields(f"edit_{chosen}", screen.campaign_names, screen.people, was)
            save = st.form_submit_button("Save changes", type="primary")
            delete = st.form_submit_button("Delete this entry")
        if save or delete:
            try:
                with ui.writer(organisation_id) as con:
                    if delete:
                        manual.delete_entry(con, organisation_id, chosen)
                    else:
                        manual.record_time(con, organisation_id, manual.TimeEntry(**fields), replaces=chosen)
            except (ValueError, LookupError) as error:
                st.error(f"Not saved: {ui.plain(error)}.")
                return
            what = "deleted" if delete else "corrected"
            ui.audit("edit", organisation_id, f"time entry {what}: {was['minutes']} minutes on {was['day']:%d %b %Y}")
            st.rerun()


def budget_section(organisation_id: int, period: Filters) -> None:
    """The calendar against the budget, the figures that judge it, and the budget settings."""
    screen = ui.figures(budget_screen, organisation_id, period.start, period.end)
    days, summary, everyone = screen.days, screen.summary, screen.people
    cols = st.columns(4)
    cols[0].metric("Daily budget", "not set" if summary.budget_minutes is None else f"{summary.budget_minutes} min")
    cols[1].metric(
        "Days over budget",
        "–" if summary.days_over is None else f"{summary.days_over} of {summary.days}",
        help=f"{summary.days_logged} days had time logged.",
    )
    cols[2].metric("Weekly average", f"{summary.weekly_average_hours:,.1f} h")
    cols[3].metric(
        "Days within budget in a row",
        "–" if summary.current_streak is None else f"{summary.current_streak}",
        f"longest {summary.longest_streak}" if summary.longest_streak is not None else None,
        delta_color="off",
        delta_arrow="off",
    )
    if summary.total_minutes == 0:
        st.info("No time logged in this period: log today's minutes in **Log time**, or import a time log.")
    else:
        st.plotly_chart(charts.budget_calendar(days), width="stretch", key="budget_calendar")

    editable = ui.can_edit(organisation_id)
    if editable:
        with st.form("budget"):
            left, right = st.columns([1, 2], vertical_alignment="bottom")
            minutes = left.number_input(
                "Daily budget for social media (minutes, all people together)", min_value=0, max_value=24 * 60,
                value=summary.budget_minutes or 0, step=15, help="0 removes the budget.",
            )  # fmt: skip
            if right.form_submit_button("Save budget"):
                with ui.writer(organisation_id) as con:
                    effort.set_daily_budget(con, organisation_id, int(minutes) or None)
                said = f"daily budget set to {int(minutes)} minutes" if minutes else "daily budget removed"
                ui.audit("edit", organisation_id, said)
                st.rerun()

    st.subheader("People")
    if everyone.empty:
        st.caption("People appear here once they have time logged.")
    else:
        people = everyone[["person", "role", "budget", "hours", "days_logged", "days_over"]]
        column_config: dict[str, Any] = {
            "person": "Person",
            "role": st.column_config.SelectboxColumn("Role", options=list(effort.ROLES), required=True,
                                                     help="Whose hourly value their time costs (Cost & ROI)."),
            "budget": st.column_config.NumberColumn("Own daily budget (min)", min_value=1, max_value=1440, step=5),
            "hours": st.column_config.NumberColumn("Hours in the period", format="%.1f"),
            "days_logged": "Days logged",
            "days_over": st.column_config.NumberColumn("Days over own budget"),
        }  # fmt: skip
        if editable:
            edited = st.data_editor(
                people, hide_index=True, width="stretch", key="people_editor",
                disabled=["person", "hours", "days_logged", "days_over"], column_config=column_config,
            )  # fmt: skip
            if st.button("Save people"):
                _save_people(organisation_id, everyone, edited)
        else:  # the same table, to read only
            ui.dataframe(people, hide_index=True, width="stretch", column_config=column_config)
    ui.definitions_expander(["hours", "daily_budget", "budget_streak"])


def _save_people(organisation_id: int, before: pd.DataFrame, after: pd.DataFrame) -> None:
    """Store the rows whose role or own budget changed."""
    changed = []
    try:
        with ui.writer(organisation_id) as con:
            for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
                budget = None if pd.isna(new["budget"]) else int(new["budget"])
                old_budget = None if pd.isna(old["budget"]) else int(old["budget"])
                if new["role"] != old["role"] or budget != old_budget:
                    effort.set_person(con, organisation_id, str(new["person"]), str(new["role"]), budget)
                    changed.append(str(new["person"]))
    except ValueError as error:
        st.error(f"Not saved: {ui.plain(error)}.")
        return
    if changed:
        ui.audit("edit", organisation_id, f"role or own budget changed for {', '.join(changed)}")
    st.rerun()
