"""Listening: what others wrote about the organisation, from its listening feeds (Google Alerts and the like)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.charts.listening import keyword_chart, weekly_mentions_chart
from impact.definitions import definition
from impact.figures.listening import ListeningScreen, listening_screen
from pages import ui

HOW_TO = (
    "In **Google Alerts** (google.com/alerts) create an alert for the organisation's name, open **Show options**, "
    "choose **Deliver to: RSS feed**, and copy the feed's address from the alert's RSS icon. "
)

filters = ui.current_filters()
st.title("Listening")
st.markdown(
    "What others write about the organisation on the web: news, blogs and pages that its listening feeds "
    "(a Google Alert delivered as an RSS feed, a news search) found. Each item is counted once, as a mention; "
    "read them below to hear what is said."
)
if filters is None:
    ui.no_data_yet()
    st.stop()

screen = ui.figures(listening_screen, filters.organisation_id, filters.start, filters.end)
st.caption(
    f"{ui.plain(ui.current_organisation())} · {filters.start:%d %b %Y} – {filters.end:%d %b %Y} · from listening "
    "feeds; the sidebar's platform choice does not apply here."
)


def empty_state() -> None:
    """No feed has brought a mention yet: say how to add one, where this person can."""
    if ui.person().read_only:
        st.info(
            "No listening feed has brought any mention yet. Ask an editor of your organisation to add one: " + HOW_TO,
            icon=":material/hearing:",
        )
        return
    st.info(
        "No listening feed has brought any mention yet. " + HOW_TO + "Then add it on the **Sources** page as an "
        "RSS source, **Listening (mentions)**, and click **Sync now**. A saved feed file can also be added on the "
        "**Upload** page.",
        icon=":material/hearing:",
    )
    st.page_link("pages/sources/sources.py", label="Add a listening feed", icon=":material/rss_feed:")


def share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def tiles(screen: ListeningScreen) -> None:
    cols = st.columns(3)
    cols[0].metric("Mentions", ui.format_number(screen.mentions), help=definition("mentions"))
    cols[1].metric("Listening feeds", ui.format_number(screen.sources), help="Feeds the period's mentions came from.")
    cols[2].metric(
        "Mentions linking to your base platform",
        share(screen.linking_share),
        help=definition("mentions_base_platform"),
    )
    if screen.base_host is None:
        st.caption("No website address is set for this organisation, so no mention can be matched to it.")
    elif screen.linking is not None and screen.mentions:
        st.caption(f"{screen.linking:,} of {screen.mentions:,} mentions link to {ui.plain(screen.base_host)}.")


def safe_link(url: object) -> str | None:
    """Only web addresses become links: a feed could carry a javascript: or data: one."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else None


def latest_table(latest: pd.DataFrame) -> None:
    """The newest mentions; titles and summaries are shown as plain text in the table's cells, never as Markdown."""
    table = latest.assign(url=[safe_link(u) for u in latest["url"]], author=latest["author"].fillna("")).rename(
        columns={
            "published": "Published",
            "source": "Feed",
            "title": "Title",
            "url": "Link",
            "text": "Summary",
            "author": "Author",
        }
    )[["Published", "Title", "Link", "Feed", "Summary", "Author"]]
    ui.dataframe(
        table,
        hide_index=True,
        width="stretch",
        # Widths in pixels that fit a laptop's screen: the whole text of a cell shows on hover.
        column_config={
            "Published": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm", width=125),
            "Title": st.column_config.TextColumn(width=250),
            "Link": st.column_config.LinkColumn(display_text=r"https?://(?:www\.)?([^/?#]+)", width=140),
            "Feed": st.column_config.TextColumn(width=140),
            "Summary": st.column_config.TextColumn(width=220),
            "Author": st.column_config.TextColumn(width=70),
        },
    )


if screen.ever == 0:
    empty_state()
elif screen.mentions == 0:
    st.info(
        "No mention was published in this period. Choose a longer period in the sidebar, or click **Sync now** on "
        "the Sources page to pull the feeds again.",
        icon=":material/hearing:",
    )
else:
    tiles(screen)
    st.plotly_chart(weekly_mentions_chart(screen.weekly_by_source), width="stretch")
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(keyword_chart(screen.by_keyword), width="stretch")
    with right:
        st.subheader("By feed")
        feeds = screen.by_source.rename(columns={"source": "Feed", "mentions": "Mentions"})
        ui.dataframe(feeds, hide_index=True, width="stretch")
    st.subheader("Latest mentions")
    shown = (
        f"All {screen.mentions:,} of the period"
        if len(screen.latest) >= screen.mentions
        else f"The {len(screen.latest)} newest of the period's {screen.mentions:,}"
    )
    st.caption(
        f"{shown}, newest first; times are the organisation's local time. Summaries are cut to a preview: the "
        "link has the whole page."
    )
    latest_table(screen.latest)

ui.definitions_expander(["mentions", "mentions_base_platform"])
