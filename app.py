"""Entry point: page config, the shared sidebar (organisation, period, platforms), navigation.

Run with: streamlit run app.py (the README's command loads the demo data first).
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta

import streamlit as st

from connectors import PLATFORM_LABELS
from impact.auth import Person, auth_mode
from impact.figures.overview import data_range, platforms_with_data
from impact.filters import Filters
from impact.store.orgs import organisation_id, organisations
from pages import ui
from pages.ui import gate

st.set_page_config(page_title="Impact dashboard", page_icon=":material/insights:", layout="wide")

PERIODS = {
    "Last 30 days": 30,
    "Last 90 days": 90,
    "Last 6 months": 182,
    "Last 12 months": 365,
    "All data": None,
}
# The period as it appears in the URL (?period=90d), so a shared link opens the same view.
PERIOD_SLUGS = {"Last 30 days": "30d", "Last 90 days": "90d", "Last 6 months": "6m", "Last 12 months": "12m",
                "All data": "all", "Custom": "custom"}  # fmt: skip


def filters_from_url(names: list[str]) -> None:
    """On a session's first run, take organisation and period from the URL's query parameters."""
    query = st.query_params
    if query.get("org") in names:
        st.session_state["organisation"] = query["org"]
    period = {slug: label for label, slug in PERIOD_SLUGS.items()}.get(query.get("period", ""))
    if period:
        st.session_state["period"] = period
    try:
        start, end = date.fromisoformat(query.get("from", "")), date.fromisoformat(query.get("to", ""))
        if period == "Custom" and start <= end:
            st.session_state["custom_period"] = (start, end)
    except ValueError:
        pass  # a link without dates, or with dates mistyped: the default period


def platforms_from_url(org_id: int, available: list[str]) -> None:
    """The URL's platforms (?platforms=x,facebook), where this organisation has them."""
    wanted = [p for p in st.query_params.get("platforms", "").split(",") if p in available]
    if wanted:
        st.session_state["platforms_available"] = (org_id, available)
        st.session_state["platforms"] = wanted


def filters_to_url(name: str, period: str, start: date, end: date, platforms: list[str], available: list[str]) -> None:
    """Keep the current filters in the URL, on every page."""
    wanted = {"org": name, "period": PERIOD_SLUGS[period]}
    if period == "Custom":
        wanted.update({"from": start.isoformat(), "to": end.isoformat()})
    if set(platforms) != set(available):
        wanted["platforms"] = ",".join(platforms)
    if gate.SHARE_KEY in st.session_state:  # a share link's address keeps its token, so reloading works
        wanted["share"] = st.session_state[gate.SHARE_KEY]
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)
    st.session_state["url_written"] = wanted


# The sidebar's choices live in session state under keys of their own ("organisation", "period",
# "custom_period", "platforms"); each widget is drawn from its key and copies a new choice back at
# once, in a callback (callbacks run before the script). Streamlit drops widget values on a page
# switch, and counts the first run after a page loads as one, so a plain keyed widget would lose
# the first choice made and reset the sidebar on every page change.


def _is_choice(durable_key: str, value: object) -> bool:
    """A range being picked (one date so far) is not a choice yet."""
    return durable_key != "custom_period" or (isinstance(value, tuple) and len(value) == 2)


def _keep_choice(widget_key: str, durable_key: str) -> None:
    """Copy a sidebar choice to its own key as soon as it is made."""
    value = st.session_state[widget_key]
    if _is_choice(durable_key, value):
        st.session_state[durable_key] = value


def _tied(widget_key: str, durable_key: str) -> str:
    """The widget's key, its stale value dropped (a link or an import changed the choice since)."""
    value = st.session_state.get(widget_key)
    if value is not None and _is_choice(durable_key, value) and value != st.session_state.get(durable_key):
        del st.session_state[widget_key]
    return widget_key


def _box(name: str, options: list[str]) -> str:
    """A widget key that changes with the widget's options.

    A keyed selectbox keeps showing its old choice in the browser when its options change (an import
    added an organisation), and sends that choice back on the next run; a new key draws a new widget.
    """
    return f"{name}_{zlib.crc32(chr(31).join(options).encode()):08x}"


def sidebar_filters() -> None:
    """Organisation, period and platforms, shared by every page through session state."""
    with ui.store() as con:
        names = organisations(con)
        st.session_state[ui.FILTERS_KEY] = None
        st.session_state[ui.ORG_KEY] = None
        if not names:
            st.sidebar.info("No data yet. Upload exports on the Upload page.")
            return
        # A URL this session did not write (a shared link, an edited address) sets the filters. Comparing
        # with what was written, rather than reading it once, survives a first run that was interrupted.
        from_link = dict(st.query_params) != st.session_state.get("url_written")
        if from_link:
            filters_from_url(names)
        chosen = st.session_state.get("organisation")
        box = _box("organisation_box", names)
        name = st.sidebar.selectbox(
            "Organisation",
            names,
            index=names.index(chosen) if chosen in names else 0,
            key=_tied(box, "organisation"),
            on_change=_keep_choice,
            args=(box, "organisation"),
        )
        st.session_state["organisation"] = name
        org_id = organisation_id(con, name)
        assert org_id is not None
        st.session_state[ui.ORG_KEY] = name
        span = data_range(con, org_id)
        available = platforms_with_data(con, org_id)
    latest = span[1] if span else date.today()
    first = span[0] if span else latest
    fixed = ui.person().period
    if fixed is not None:  # a share link made for one period shows that period only
        start, end = fixed  # type: ignore[misc]
        st.sidebar.caption(f"{start:%d %b %Y} – {end:%d %b %Y}, the period this link shows.")
        platforms_and_filters(name, org_id, "Custom", start, end, available, from_link)  # type: ignore[arg-type]
        return
    st.session_state.setdefault("period", "Last 12 months")
    options = [*PERIODS, "Custom"]
    period = st.sidebar.selectbox(
        "Period",
        options,
        index=options.index(st.session_state["period"]),
        key=_tied("period_box", "period"),
        on_change=_keep_choice,
        args=("period_box", "period"),
    )
    st.session_state["period"] = period
    if period == "Custom":
        st.session_state.setdefault("custom_period", (max(first, latest - timedelta(days=89)), latest))
        picked = st.sidebar.date_input(
            "From – to",
            value=st.session_state["custom_period"],
            key=_tied("custom_period_box", "custom_period"),
            on_change=_keep_choice,
            args=("custom_period_box", "custom_period"),
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            st.session_state["custom_period"] = picked
        start, end = st.session_state["custom_period"]
    elif PERIODS[period] is None:
        start, end = first, latest
    else:
        start, end = latest - timedelta(days=PERIODS[period] - 1), latest  # type: ignore[operator]
    # A chosen range ends where it was chosen to; the others end on the latest day with data.
    ending = "" if period == "Custom" else ", ending on the latest day with data"
    st.sidebar.caption(f"{start:%d %b %Y} – {end:%d %b %Y}{ending}.")
    platforms_and_filters(name, org_id, period, start, end, available, from_link)


def platforms_and_filters(
    name: str, org_id: int, period: str, start: date, end: date, available: list[str], from_link: bool
) -> None:
    """The platforms box, then the filters every page reads (and the URL that keeps them)."""
    if from_link:
        platforms_from_url(org_id, available)
    # When the organisation or its set of platforms changes (an import added one), select them all.
    if st.session_state.get("platforms_available") != (org_id, available):
        st.session_state["platforms_available"] = (org_id, available)
        st.session_state["platforms"] = available
    box = _box("platforms_box", available)
    platforms = st.sidebar.multiselect(
        "Platforms",
        available,
        default=[p for p in st.session_state["platforms"] if p in available],
        format_func=lambda p: PLATFORM_LABELS.get(p, p),
        key=_tied(box, "platforms"),
        on_change=_keep_choice,
        args=(box, "platforms"),
    )
    st.session_state["platforms"] = platforms
    st.session_state[ui.FILTERS_KEY] = Filters(org_id, start, end, tuple(platforms))
    filters_to_url(name, period, start, end, platforms, available)


def review_pages() -> list[st.Page]:
    return [
        st.Page("pages/overview/overview.py", title="Overview", icon=":material/insights:", url_path="overview",
                default=True),
        st.Page("pages/reach/reach.py", title="Reach & engagement", icon=":material/campaign:", url_path="reach"),
        st.Page("pages/content/content.py", title="Content", icon=":material/article:", url_path="content"),
        st.Page("pages/website/website.py", title="Base platform", icon=":material/language:", url_path="website"),
        st.Page("pages/listening/listening.py", title="Listening", icon=":material/hearing:", url_path="listening"),
        st.Page("pages/campaigns/campaigns.py", title="Campaigns", icon=":material/flag:", url_path="campaigns"),
        st.Page("pages/time/time.py", title="Time & ROI", icon=":material/timer:", url_path="time"),
    ]  # fmt: skip


def navigation_for(who: Person, served: bool) -> dict[str, list[st.Page]]:
    """The pages this person may open: a page left out cannot be reached by its address either."""
    funders = [st.Page("pages/presence/presence.py", title="Web presence", icon=":material/verified:",
                       url_path="presence")]  # fmt: skip
    if who.is_admin or who.role == "funder":
        funders.append(
            st.Page(
                "pages/portfolio/portfolio.py", title="Portfolio", icon=":material/workspaces:", url_path="portfolio"
            )
        )
    data = []
    if not who.read_only:
        data.append(st.Page("pages/upload/upload.py", title="Upload", icon=":material/upload_file:", url_path="upload"))
        data.append(st.Page("pages/sources/sources.py", title="Sources", icon=":material/rss_feed:",
                            url_path="sources"))  # fmt: skip
    if served and not who.read_only:
        data.append(st.Page("pages/sharing/sharing.py", title="Share links", icon=":material/share:",
                            url_path="sharing"))  # fmt: skip
    if served and who.is_admin:
        data.append(st.Page("pages/accounts/accounts.py", title="Accounts", icon=":material/group:",
                            url_path="accounts"))  # fmt: skip
    review = review_pages()
    if who.role not in ("share", "funder"):
        # Names of members of the public who interacted: for the organisation's own people only.
        review.append(st.Page("pages/people/people.py", title="People", icon=":material/diversity_3:",
                              url_path="people"))  # fmt: skip
    pages = {"Review": review, "Funders": funders, "Data": data}
    pages["Help"] = [
        st.Page("pages/definitions/definitions.py", title="Definitions", icon=":material/menu_book:",
                url_path="definitions")
    ]  # fmt: skip
    return {section: entries for section, entries in pages.items() if entries}


with ui.run_connection():
    person = gate.who_is_here()
    with ui.acting_as(person):
        gate.account_box(person)
        sidebar_filters()
        # Every page in view: past 12 pages Streamlit would hide some behind "View more".
        navigation = st.navigation(navigation_for(person, served=auth_mode() != "local"), expanded=True)
        navigation.run()
