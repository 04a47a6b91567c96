"""Who is here: the sign-in form, the identity provider's sign-in, and share links.

app.py asks `who_is_here()` before it draws anything of an organisation. In served mode it stops the
run at the sign-in form until someone signs in; a share link (?share=TOKEN) lets its visitor in
read-only, in any mode. The person is read again from the store on every run, so a removed account,
a changed role or a revoked link takes effect at the next click.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import streamlit as st

from impact.auth import LOCAL, AuthConfigError, Person, auth_mode
from impact.auth.accounts import person_for_user, sign_in, user_id_for_email
from impact.auth.audit import record
from impact.auth.shares import open_link
from pages import ui

USER_KEY = "signed_in_user"
SHARE_KEY = "share_token"
SIGN_OUT_KEY = "sign_out_requested"


# Every page's address (app.py's url_path values). Before sign-in each shows the sign-in screen, so a
# bookmarked /campaigns opens the form (not "Page not found"), and after sign-in, the page itself.
ADDRESSES = ("overview", "reach", "content", "website", "listening", "campaigns", "time", "people", "presence",
             "portfolio", "upload", "sources", "sharing", "accounts", "definitions")  # fmt: skip


def _show_only(render: Callable[[], None]) -> None:
    """Show one screen (the sign-in form, a sentence) at every address, and end the run.

    Navigation knows no other page, so no address (/overview, /upload) reaches one.
    """

    def at(address: str) -> st.Page:
        def screen() -> None:  # a function per address: navigation tells pages apart by them
            render()

        screen.__name__ = f"sign_in_{address}"
        return st.Page(screen, title="Sign in", url_path=address, default=address == ADDRESSES[0])

    st.navigation([at(address) for address in ADDRESSES], position="hidden").run()
    st.stop()


def _stop_with(message: str, kind: str = "warning") -> None:
    def sentence() -> None:
        st.title("Impact dashboard")
        getattr(st, kind)(message)

    _show_only(sentence)


def share_token() -> str | None:
    """The share link this session came in by: the URL's, kept for the session once seen."""
    token = st.query_params.get("share")
    if token is not None:
        st.session_state[SHARE_KEY] = token
    return st.session_state.get(SHARE_KEY)


def who_is_here() -> Person:
    """The person this run is for; stops the run (showing a form or a sentence) when there is none."""
    token = share_token()
    if token is not None:
        with ui.unrestricted() as con:
            opened = open_link(con, token)
        if opened.person is None:
            _stop_with(opened.message)
        assert opened.person is not None  # st.stop() ends the run
        return opened.person
    try:
        mode = auth_mode()
    except AuthConfigError as error:
        _stop_with(f"The dashboard is not set up right: {error}", "error")
        raise  # unreachable: st.stop() ends the run
    if mode == "local":
        return LOCAL
    if mode == "oidc":
        return _identity_provider_person()
    return _password_person()


def _signed_in(user_id: int) -> Person | None:
    with ui.unrestricted() as con:
        return person_for_user(con, user_id)


def _password_person() -> Person:
    _signing_out()
    user_id = st.session_state.get(USER_KEY)
    if user_id is not None:
        found = _signed_in(int(user_id))
        if found is not None:
            return found
        st.session_state.pop(USER_KEY, None)  # the account was removed while signed in
    _show_only(sign_in_form)
    raise AssertionError("unreachable")  # st.stop() ends the run


def sign_in_form() -> None:
    st.title("Impact dashboard")
    st.write("Sign in to see your organisation's figures.")
    with st.form("sign_in"):
        email = st.text_input("Email", max_chars=254, autocomplete="username")
        password = st.text_input("Password", type="password", max_chars=1024, autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        with st.spinner("Checking…"), ui.unrestricted() as con:
            outcome = sign_in(con, email, password)
        if outcome.user_id is None:
            st.error(outcome.message)
            return
        # A fresh session state for the account: nothing chosen by whoever used this browser tab before.
        for key in list(st.session_state.keys()):
            del st.session_state[key]
        st.session_state[USER_KEY] = outcome.user_id
        st.rerun()


def _auth_configured() -> bool:
    """Whether .streamlit/secrets.toml has the [auth] section st.login needs."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all (StreamlitSecretNotFoundError is one)
        return False


def _identity_provider_person() -> Person:
    """oidc: st.login with the [auth] section of .streamlit/secrets.toml; the e-mail must have an account."""
    if not _auth_configured():
        _stop_with(
            "The dashboard is not set up right: IMPACT_AUTH=oidc needs an [auth] section in "
            ".streamlit/secrets.toml (see the README, “Serving it to several people”).",
            "error",
        )
    if _signing_out():
        st.logout()  # forgets the identity provider's cookie too, and reruns
    if not st.user.get("is_logged_in"):

        def provider_sign_in() -> None:
            st.title("Impact dashboard")
            st.write("Sign in with your organisation's account to see its figures.")
            st.button("Sign in", type="primary", on_click=st.login)

        _show_only(provider_sign_in)
    email = str(st.user.get("email") or "")
    # Only an address the provider says it verified. Providers that never send the claim (Microsoft
    # Entra) vouch for their own tenant's addresses: IMPACT_OIDC_TRUST_EMAIL=1 accepts them.
    verified = st.user.get("email_verified") is True or os.environ.get("IMPACT_OIDC_TRUST_EMAIL") == "1"
    with ui.unrestricted() as con:
        user_id = user_id_for_email(con, email) if verified else None
        if user_id is None:
            record(con, email or "(no e-mail)", "sign-in failed", None, "identity provider: no account")
        elif st.session_state.get(USER_KEY) != user_id:
            record(con, email, "sign-in", None, "identity provider")
    if user_id is None:

        def no_account() -> None:
            st.title("Impact dashboard")
            st.warning(
                f"{ui.plain(email or 'Your identity')} has no account on this dashboard. "
                "Ask its administrator to add one, then sign in again."
            )
            st.button("Sign out", on_click=st.logout)

        _show_only(no_account)
    st.session_state[USER_KEY] = user_id
    found = _signed_in(int(user_id))  # type: ignore[arg-type]
    if found is None:
        st.stop()
    assert found is not None
    return found


def account_box(who: Person) -> None:
    """The sidebar's line on who is signed in, with Sign out; a share link's visitor is told it is read-only."""
    if who.role == "share":
        st.sidebar.caption("Read-only view, through a share link.")
        return
    if who.user_id is None:
        return
    st.sidebar.caption(f"Signed in as {ui.plain(who.label)} ({who.role}).")
    st.sidebar.button("Sign out", key="sign_out", on_click=_ask_to_sign_out)


def _ask_to_sign_out() -> None:
    """The button's callback runs before the script knows who is signed in: the next run signs out."""
    st.session_state[SIGN_OUT_KEY] = True


def _signing_out() -> bool:
    """Sign out when asked to: audit it under the account's name, and forget everything of the session."""
    if not st.session_state.pop(SIGN_OUT_KEY, False):
        return False
    user_id = st.session_state.get(USER_KEY)
    who = _signed_in(int(user_id)) if user_id is not None else None
    if who is not None:
        with ui.unrestricted() as con:
            record(con, who.label, "sign-out")
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    return True
