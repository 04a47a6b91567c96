"""Accounts and the audit log (admins, in served mode): who may sign in, with what role, and who did what."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.auth import ROLE_WORDS, ROLES, auth_mode
from impact.auth.accounts import accounts, add_account, remove_account
from impact.auth.audit import ACTIONS, events
from impact.presence.portfolio import portfolios
from impact.store.orgs import organisations
from pages import ui

AUDIT_ROWS = 1_000

st.title("Accounts")
who = ui.person()
if not who.is_admin:  # navigation shows this page to admins only; a stale session still stops here
    st.error("Only an administrator can see accounts.")
    st.stop()

with ui.unrestricted() as con:
    everyone = accounts(con)
    organisation_names = organisations(con)
    portfolio_names = [p.name for p in portfolios(con)]

st.markdown("  \n".join(f"**{role}**: {ROLE_WORDS[role]}." for role in ROLES))
if everyone:
    ui.dataframe(
        pd.DataFrame(
            [
                {
                    "email": a.email,
                    "role": a.role,
                    "organisations": ", ".join(a.organisations),
                    "portfolios": ", ".join(a.portfolios),
                    "password": "set" if a.has_password else "none (identity provider)",
                    "locked until (UTC)": a.locked_until,
                }
                for a in everyone
            ]
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader("Add an account")
password_needed = auth_mode() == "password"
with st.form("add_account", clear_on_submit=True):
    email = st.text_input("Email", max_chars=254)
    role = st.selectbox("Role", ROLES, index=ROLES.index("viewer"), format_func=lambda r: f"{r}: {ROLE_WORDS[r]}")
    chosen_orgs = st.multiselect("Organisations (editor, viewer)", organisation_names)
    chosen_portfolios = st.multiselect("Portfolios (funder)", portfolio_names)
    password = st.text_input(
        "Password" if password_needed else "Password (only for signing in without the identity provider)",
        type="password",
        max_chars=1024,
        help="At least 10 characters. Give it to the person by another channel than the e-mail address.",
    )
    if st.form_submit_button("Add the account", type="primary"):
        try:
            if password_needed and not password:
                raise ValueError("a password is needed to sign in here")
            with ui.writer(None) as con:
                add_account(con, email, role, chosen_orgs, chosen_portfolios, password or None, actor=who.label)
        except (ValueError, LookupError) as error:
            st.error(f"No account was added: {ui.plain(error)}.")
        else:
            st.toast(f"Added {email.strip().lower()} as {role}.")
            st.rerun()

others = [a.email for a in everyone if a.email != who.label]
if others:
    st.subheader("Remove an account")
    with st.form("remove_account"):
        gone = st.selectbox("Account", others)
        sure = st.checkbox("Yes, remove this account (its sessions end at their next click)")
        if st.form_submit_button("Remove the account") and sure:
            try:
                with ui.writer(None) as con:
                    remove_account(con, str(gone), actor=who.label)
            except LookupError as error:
                st.error(ui.plain(error))
            else:
                st.rerun()
st.caption("Your own account cannot be removed here, so an administrator always remains.")

st.subheader("Audit log")
st.write(
    "Every import, undo and edit, every sign-in (and failed one), every account and share link change, and "
    "each share link's use, newest first. Times are UTC."
)
with ui.unrestricted() as con:
    log = events(con, AUDIT_ROWS)
kinds = st.multiselect("Actions", ACTIONS, placeholder="Every action")
frame = pd.DataFrame(
    [{"when": e.at, "who": e.actor, "action": e.action, "organisation": e.organisation, "what": e.detail} for e in log
     if not kinds or e.action in kinds],
    columns=["when", "who", "action", "organisation", "what"],
)  # fmt: skip
if frame.empty:
    st.caption("Nothing recorded yet." if not log else "No event of these actions.")
else:
    ui.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={"when": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm:ss")},
    )
    ui.csv_download(frame, "audit_log.csv", label="Download the audit log (CSV)")
    if len(log) == AUDIT_ROWS:
        st.caption(f"The newest {AUDIT_ROWS:,} events; `python -m impact audit --json` gives them all.")
