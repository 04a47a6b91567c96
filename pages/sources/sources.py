"""Sources: the feeds and accounts the organisation's figures are pulled from, and a button to pull them now."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.sync.run import PULLERS, SyncResult, sync
from impact.sync.sources import KINDS, Source, add_source, remove_source, sources
from pages import ui

# What the last action said, shown on the next run: the list above it is then drawn from the store as
# the action left it (its new source, its last pull).
MESSAGES_KEY = "sources_messages"
KIND_LABELS = {
    "rss": "RSS or Atom feed",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "youtube": "YouTube channel",
    "facebook": "Facebook Page",
    "instagram": "Instagram account",
}
# kind -> (what the target field is called, what the secret is called, where people find the secret)
FIELDS = {
    "mastodon": ("Account", "Access token (optional)", ""),
    "bluesky": ("Handle", "", ""),
    "youtube": (
        "Channel id", "API key",
        "An API key of a Google Cloud project with the YouTube Data API v3 enabled (APIs & Services > Credentials).",
    ),
    "facebook": (
        "Page id", "Page access token",
        "A Page token with read_insights, pages_show_list and pages_read_engagement (Meta's Graph API Explorer, "
        "or your Meta app). Meta retires metrics from time to time: the ones it refuses are listed below.",
    ),
    "instagram": (
        "Instagram account id", "Access token",
        "A token with instagram_basic and instagram_manage_insights (or, with Instagram Login, "
        "instagram_business_basic and instagram_business_manage_insights).",
    ),
}  # fmt: skip
ROLE_LABELS = {"blog": "Blog", "mentions": "Listening (mentions)"}
TONES = {"synced": "success", "unchanged": "info", "failed": "error"}  # a pull's status -> how it is said

filters = ui.current_filters()
st.title("Sources")
st.write(
    "Feeds and accounts the dashboard pulls from, for the organisation chosen in the sidebar: a blog's RSS "
    "feed gives its posts, a listening feed (a Google Alert delivered as an RSS feed) gives mentions, and "
    "Mastodon, Bluesky, YouTube, Facebook and Instagram accounts give their posts, their followers and the people "
    "who engage with them. Each pull "
    "is imported like an upload: nothing is counted twice, and a pull can be undone on the Upload page."
)
if filters is None:
    ui.no_data_yet()
    st.stop()
org_id = filters.organisation_id
st.caption(ui.plain(ui.current_organisation()))


def show_messages() -> None:
    """The last action's sentences, each in the colour of how it went (tone: success, info or error)."""
    for tone, sentence in st.session_state.pop(MESSAGES_KEY, []):
        {"success": st.success, "info": st.info, "error": st.error}[tone](ui.plain(sentence))


def remember(*said: tuple[str, str]) -> None:
    st.session_state[MESSAGES_KEY] = list(said)
    st.rerun()


def source_table(found: list[Source]) -> None:
    """The sources as a table; a key or token only by its last characters."""
    table = pd.DataFrame(
        [
            {
                "Kind": KIND_LABELS.get(s.kind, s.kind),
                "Target": s.shown_target,  # a private feed's key travels in its query: never shown
                "Role": ROLE_LABELS.get(s.role, s.role),
                "Last pull": s.last_synced_at,
                "Status": s.last_status or "never pulled",
                "Message": s.last_message or "",
                "Refused metrics": ", ".join(s.refused_metrics),
                "Key or token": s.secret_hint or "",
            }
            for s in found
        ]
    )
    ui.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={  # widths in pixels that fit a laptop's screen: the whole text of a cell shows on hover
            "Kind": st.column_config.TextColumn(width=130),
            "Target": st.column_config.TextColumn(width=190),
            "Role": st.column_config.TextColumn(width=135),
            "Last pull": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm", width=125),
            "Status": st.column_config.TextColumn(width=75),
            "Message": st.column_config.TextColumn(width=120),
            "Refused metrics": st.column_config.TextColumn(width=100),
            "Key or token": st.column_config.TextColumn(width=80),
        },
    )
    st.caption("Times are UTC.")


def sync_now(found: list[Source]) -> None:
    """Pull every source of the organisation, one after another, and write each result in the audit log."""
    if not st.button("Sync now", type="primary", disabled=not found, icon=":material/sync:"):
        return
    with st.spinner("Pulling the sources: a slow server can take up to a minute …"):
        # The network happens while the writer's cursor is held: a pull is short, and imports need it.
        with ui.writer(org_id) as con:
            results: list[SyncResult] = sync(con, org_id)
    for result in results:
        ui.audit("import refused" if result.status == "failed" else "import", org_id, result.sentence())
    remember(*((TONES.get(r.status, "info"), r.sentence()) for r in results))


def add_form() -> None:
    """Add a source: the kind first (outside the form, so its fields follow it), then its fields."""
    st.subheader("Add a source")
    kind = st.selectbox("Kind", list(KINDS), format_func=lambda k: KIND_LABELS.get(k, k), key="source_kind")
    if kind not in PULLERS:
        st.caption(f"This version keeps a {KIND_LABELS.get(kind, kind)} source but cannot pull it yet.")
    with st.form("add_source", clear_on_submit=True):
        role, base_url = "", ""
        if kind == "rss":
            target = st.text_input("Feed address", placeholder="https://www.google.com/alerts/feeds/…")
            role = st.radio("What the feed is", list(ROLE_LABELS), format_func=ROLE_LABELS.get, index=None,
                            horizontal=True) or ""  # fmt: skip
        else:
            target = st.text_input(FIELDS[kind][0], placeholder=KINDS[kind][0])
            with st.expander("Another server (optional)"):
                base_url = st.text_input("Base URL", help="Only for a server other than the platform's own.")
        secret = ""
        if FIELDS.get(kind, ("", "", ""))[1]:
            # Kept encrypted, never shown again but by its last 4 characters.
            secret = st.text_input(FIELDS[kind][1], type="password", help=FIELDS[kind][2] or None)
        if not st.form_submit_button("Add source"):
            return
    if kind == "rss" and not role:
        st.error("Choose what the feed is: the organisation's blog, or a listening feed (mentions).")
        return
    try:
        with ui.writer(org_id) as con:
            made = add_source(con, org_id, kind, target, role, base_url.strip() or None, secret or None)
    except ValueError as error:
        st.error(f"No source was added: {ui.plain(error)}.")
        return
    ui.audit("edit", org_id, f"source added: {made.label}")
    remember(("success", f"Added {made.label}. Click Sync now to pull it."))


def remove_form(found: list[Source]) -> None:
    """Remove a source after a tick: what it pulled stays (undo its imports on the Upload page)."""
    labels = {s.id: f"{s.id}: {s.label}" for s in found}
    with st.form("remove_source"):
        chosen = st.selectbox("Remove a source", list(labels), format_func=labels.get)
        sure = st.checkbox("Yes, remove it. What it pulled stays; its imports can be undone on the Upload page.")
        if not st.form_submit_button("Remove"):
            return
    if not sure:
        st.warning("Tick the box to remove the source.")
        return
    with ui.writer(org_id) as con:
        removed = remove_source(con, next(s.id for s in found if s.id == chosen))
    ui.audit("edit", org_id, f"source removed: {removed.label}")
    remember(("info", f"Removed {removed.label}."))


show_messages()
with ui.store() as con:
    found = sources(con, org_id)
editable = ui.can_edit(org_id)
if editable:
    sync_now(found)
if found:
    source_table(found)
else:
    st.info(
        "No source yet. To listen: in Google Alerts create an alert, choose **Deliver to: RSS feed**, and add "
        "the feed's address here as an RSS feed, Listening (mentions).",
        icon=":material/rss_feed:",
    )
if not editable:
    st.caption("Only editors of this organisation can add, remove or pull its sources.")
    st.stop()
add_form()
if found:
    remove_form(found)
