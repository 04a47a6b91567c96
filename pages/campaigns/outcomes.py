"""The Campaigns page's Outcomes tab: outcomes typed in by hand beside the imported ones."""

from __future__ import annotations

from datetime import date

import streamlit as st

from impact.campaigns.goals import Campaign
from impact.store import manual
from impact.store.orgs import settings
from pages import ui


def _defaults(entry: dict | None, current: Campaign, currency: str) -> dict:
    """The form's starting values: the entry being corrected, or a new entry for today."""
    if entry is None:
        return {"kind": "volunteer", "day": min(date.today(), current.ends), "quantity": 1, "amount": 0.0,
                "currency": currency, "note": "", "counted": True}  # fmt: skip
    amount = entry["amount"]
    return {
        "kind": entry["kind"] if entry["kind"] in manual.OUTCOME_KINDS else "volunteer",
        "day": entry["day"],
        "quantity": int(entry["quantity"]),
        "amount": float(amount) if amount is not None and amount == amount else 0.0,  # NaN != NaN
        # Empty cells come back from pandas as None or NaN: only strings are text.
        "currency": entry["currency"] if isinstance(entry["currency"], str) else currency,
        "note": entry["note"] if isinstance(entry["note"], str) else "",
        "counted": isinstance(entry["campaign"], str) and bool(entry["campaign"]),
    }


def _outcome_form(organisation_id: int, current: Campaign, currency: str, key: str, entry: dict | None) -> None:
    """The form for one outcome typed in by hand; a new one, or a correction of `entry`."""
    editing = entry is not None
    was = _defaults(entry, current, currency)
    kinds = list(manual.OUTCOME_KINDS)
    with st.form(key, clear_on_submit=not editing):
        left, middle, right = st.columns(3)
        kind = left.selectbox(
            "What happened", kinds, index=kinds.index(was["kind"]), format_func=lambda k: manual.OUTCOME_KINDS[k]
        )
        day = middle.date_input("On", value=was["day"])
        quantity = right.number_input("How many (people or sign-ups)", min_value=1, value=was["quantity"], step=1)
        left, right = st.columns(2)
        amount = left.number_input("Amount (offline donations only)", min_value=0.0, value=was["amount"], step=100.0)
        money = right.text_input("Currency", value=was["currency"], max_chars=3)
        note = st.text_input("Note (where, who, how)", value=was["note"], max_chars=manual.MAX_TEXT)
        counted = st.checkbox(f"For {current.name}", value=was["counted"])
        saved = st.form_submit_button("Save changes" if editing else "Add", type="primary")
        deleted = st.form_submit_button("Delete this entry") if editing else False
    if not (saved or deleted):
        return
    try:
        with ui.writer(organisation_id) as con:
            if deleted:
                manual.delete_entry(con, organisation_id, int(entry["batch_id"]))  # type: ignore[index]
            else:
                new = manual.OutcomeEntry(
                    day=day,  # type: ignore[arg-type]
                    kind=kind,
                    quantity=int(quantity),
                    amount=float(amount) if kind == "donation" else None,
                    currency=money,
                    campaign=current.name if counted else "",
                    note=note,
                )
                manual.record_outcome(
                    con,
                    organisation_id,
                    new,
                    replaces=int(entry["batch_id"]) if editing else None,  # type: ignore[index]
                )
        if deleted:
            detail = f"outcome deleted: {manual.OUTCOME_KINDS[was['kind']]} on {was['day']:%d %b %Y}"
        else:
            detail = f"outcome {'corrected' if editing else 'added'}: {manual.OUTCOME_KINDS[kind]} on {day:%d %b %Y}"
        ui.audit("edit", organisation_id, detail)
        st.rerun()
    except (ValueError, LookupError) as error:
        st.error(f"Not saved: {ui.plain(error)}.")


def outcomes_section(organisation_id: int, current: Campaign, today: date) -> None:
    """Volunteers, sign-ups and offline gifts typed in by hand, and every outcome in the campaign's dates."""
    with ui.store() as con:
        currency = settings(con, organisation_id).currency
        listed = manual.outcomes(con, organisation_id, current.starts, current.ends)
    st.markdown(
        "Record what the platforms cannot export: **volunteers recruited, sign-ups, offline donations, petition "
        "signatures**. Each entry counts towards this campaign's goals on its date."
    )
    editable = ui.can_edit(organisation_id)
    if editable:
        with st.expander("Add an outcome", expanded=listed.empty):
            _outcome_form(organisation_id, current, currency, "new_outcome", None)

    st.subheader(f"Outcomes in the campaign's dates ({len(listed)})")
    if listed.empty:
        st.info("No donations, volunteers or sign-ups in these dates yet: import a donations report or add one above.")
        return
    shown = listed.drop(columns=["batch_id"]).rename(
        columns={"day": "Day", "kind": "Kind", "quantity": "How many", "amount": "Amount", "currency": "Currency",
                 "campaign": "Campaign", "note": "Note", "source": "From (file, or entered by hand)"}
    )  # fmt: skip
    ui.dataframe(
        shown, hide_index=True, width="stretch",
        column_config={"Day": st.column_config.DateColumn(format="DD MMM YYYY")},
    )  # fmt: skip
    ui.csv_download(shown, "campaign_outcomes.csv", key="outcomes_csv")

    typed = listed[listed["source"] == manual.SOURCE_NAME]
    if typed.empty or not editable:
        return
    labels = {
        int(row.batch_id): f"{row.day:%d %b %Y} · {manual.OUTCOME_KINDS.get(row.kind, row.kind)} · {row.quantity}"
        + (f" · {row.amount:,.2f} {row.currency}" if row.kind == "donation" else "")
        for row in typed.itertuples()
    }
    with st.expander("Correct or delete an entry typed by hand"):
        chosen = st.selectbox("Entry", list(labels), format_func=lambda b: ui.plain(labels[b]), key="outcome_entry")
        entry = typed[typed["batch_id"] == chosen].iloc[0].to_dict()
        _outcome_form(organisation_id, current, currency, f"edit_outcome_{chosen}", entry)
