"""Share links: read-only links to one organisation's pages, for a board or a funder without an account."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from impact.auth.shares import DEFAULT_DAYS, MAX_DAYS, create_link, links, revoke_link
from impact.store.orgs import organisation_id, organisations
from pages import ui

NEW_LINK_KEY = "share_link_made"  # not the form's key: a form owns its key in session state

st.title("Share links")
st.write(
    "A share link opens one organisation's pages read-only, without an account: no Upload page, no forms, no "
    "other organisation. It expires (after 30 days unless you choose otherwise) and you can revoke it at any "
    "time. Anyone who has the link can open it, so send it only to the people it is for."
)

who = ui.person()
with ui.store() as con:
    own = [name for name in organisations(con) if who.can_edit(organisation_id(con, name))]
if not own:
    ui.no_data_yet()
    st.stop()

made = st.session_state.pop(NEW_LINK_KEY, None)
if made:
    path, organisation, expires = made
    # The dashboard's own address (behind a proxy too), without this page's path: the link opens its root.
    base = str(st.context.url or "").split("?")[0].rstrip("/").removesuffix("/sharing")
    st.success(
        f"A link to {ui.plain(organisation)}'s pages, until {expires:%d %b %Y}. Copy it now: it is shown only once "
        "(the dashboard keeps only a fingerprint of it).",
        icon=":material/link:",
    )
    st.code(f"{base}{path}", language=None)

st.subheader("A new link")
with st.form("new_share_link"):
    current = ui.current_organisation()
    organisation = st.selectbox("Organisation", own, index=own.index(current) if current in own else 0)
    days = st.number_input("Days until it expires", min_value=1, max_value=MAX_DAYS, value=DEFAULT_DAYS, step=1)
    fixed = st.checkbox("Show one fixed period only (otherwise the visitor chooses the period)")
    filters = ui.current_filters()  # the sidebar's period, as a starting point
    today = date.today()
    period = st.date_input(
        "Period", value=(filters.start, filters.end) if filters else (today - timedelta(days=89), today)
    )
    if st.form_submit_button("Create the link", type="primary"):
        chosen = tuple(period) if fixed and isinstance(period, tuple) and len(period) == 2 else None
        with ui.store() as con:
            org_id = organisation_id(con, organisation)
        try:
            with ui.writer(org_id) as con:
                token, link = create_link(con, org_id, who.label, int(days), chosen)  # type: ignore[arg-type]
        except (ValueError, LookupError) as error:
            st.error(f"No link was made: {ui.plain(error)}.")
        else:
            st.session_state[NEW_LINK_KEY] = (f"/?share={token}", link.organisation, link.expires_at)
            st.rerun()

st.subheader("Links")
with ui.unrestricted() as con:  # share links are hidden from restricted cursors; only the person's own are shown
    shown = [link for link in links(con) if who.can_edit(link.organisation_id)]
if not shown:
    st.caption("No link yet.")
    st.stop()
table = pd.DataFrame(
    [
        {
            "id": link.id,
            "organisation": link.organisation,
            "state": link.state(),
            "period": f"{link.period[0]:%d %b %Y} – {link.period[1]:%d %b %Y}" if link.period else "any",
            "expires": link.expires_at,
            "last used": link.last_used_at,
            "created by": link.created_by,
            "created": link.created_at,
        }
        for link in shown
    ]
)
stamp = st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")
ui.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={"expires": stamp, "last used": stamp, "created": stamp},
)
st.caption("Times are UTC. A link's use is noted at most every ten minutes.")
active = [link for link in shown if link.state() == "active"]
if active:
    with st.form("revoke_share_link"):
        chosen_id = st.selectbox(
            "Revoke a link",
            [link.id for link in active],
            format_func=lambda i: next(f"link {i}: {link.organisation}" for link in active if link.id == i),
        )
        if st.form_submit_button("Revoke"):
            link = next(link for link in active if link.id == chosen_id)
            with ui.writer(link.organisation_id) as con:
                revoke_link(con, link.id, who.label)
            st.toast(f"Link {link.id} revoked: it shows nothing from now on.")
            st.rerun()
