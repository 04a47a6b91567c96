"""Base platform: the visits social media sends to the organisation's website, from GA4 reports."""

from __future__ import annotations

from datetime import date

import streamlit as st

from impact.charts.website import daily_sessions_chart, sessions_by_source_chart
from impact.definitions import definition
from impact.figures.website import (
    DIMENSION_LABELS,
    WebsiteTraffic,
    website_screen,
)
from pages import ui

GA4_HOW_TO = (
    "In Google Analytics open **Reports > Acquisition > Traffic acquisition**, set the dates, then "
    "**Share this report > Download file > Download CSV**, and add the file on the **Upload** page. "
    "A second download with **Date** as the dimension adds the daily line."
)

filters = ui.current_filters()
st.title("Base platform")
st.markdown(
    "One **base platform** (the organisation's own website) with everything linked to it: posts on X, "
    "Facebook, Instagram or YouTube reach people where they are, and bring some of them to the website, "
    "where they can read more, sign up or donate. This page shows how many visits social media sends there."
)
if filters is None:
    ui.no_data_yet()
    st.stop()

screen = ui.figures(website_screen, filters.organisation_id, filters.start, filters.end)
traffic, daily, site, periods = screen.traffic, screen.daily, screen.base_url, screen.campaign_periods

st.caption(
    f"{ui.plain(ui.current_organisation())} · website: {ui.plain(site) if site else 'no address set'} · "
    "from Google Analytics 4 reports; the sidebar's platform choice does not apply here (every source is shown)."
)


def days(span: tuple[date, date]) -> str:
    return f"{span[0]:%d %b %Y} – {span[1]:%d %b %Y}"


def coverage_note(traffic: WebsiteTraffic) -> str:
    """Which report ranges the figures cover, against the sidebar's period: GA4 totals cannot be split."""
    spans = ", ".join(days(s) for s in traffic.spans)
    report = DIMENSION_LABELS[traffic.dimension or ""]
    note = f"Figures from the GA4 report *{report}* covering **{spans}**."
    period = days((filters.start, filters.end))
    if any(r.start < filters.start or r.end > filters.end for r in traffic.ranges):
        note += (
            f" The sidebar's period is {period}: a GA4 report gives one total for its whole range, so these "
            "figures are that range's, not spread over the sidebar's days. "
            "Download the report for the sidebar's dates to see them alone."
        )
    elif traffic.spans != [(filters.start, filters.end)]:
        note += f" The reports do not cover every day of the sidebar's period ({period}); days outside them are not counted."
    return note


def headline(traffic: WebsiteTraffic) -> None:
    cols = st.columns(4)
    cols[0].metric("Website sessions", ui.format_number(traffic.sessions), help=definition("web_sessions"))
    cols[1].metric(
        "Sessions from social", ui.format_number(traffic.social_sessions), help=definition("web_sessions_social")
    )
    cols[2].metric(
        "Share of sessions from social", ui.format_rate(traffic.social_share), help=definition("web_social_share")
    )
    cols[3].metric(
        "Key events from social", ui.format_number(traffic.social_key_events), help=definition("web_key_events_social")
    )


def source_table(traffic: WebsiteTraffic) -> None:
    table = traffic.by_source[["source", "source_class", "sessions", "engaged_sessions", "key_events"]].rename(
        columns={
            "source": "Source",
            "source_class": "Kind",
            "sessions": "Sessions",
            "engaged_sessions": "Engaged sessions",
            "key_events": "Key events",
        }
    )
    ui.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Sessions": st.column_config.NumberColumn(format="localized", help=definition("web_sessions")),
            "Engaged sessions": st.column_config.NumberColumn(
                format="localized", help=definition("web_engaged_sessions")
            ),
            "Key events": st.column_config.NumberColumn(
                format="localized", help="GA4 key events (conversions before March 2024) in these sessions."
            ),
        },
    )
    st.caption("An empty cell means the report does not carry that figure; it is not zero.")
    ui.csv_download(table, "website_sessions_by_source.csv")


if traffic.dimension is None:
    st.info(
        "No Google Analytics report covers this period yet, so there is nothing to show here. " + GA4_HOW_TO,
        icon=":material/language:",
    )
else:
    headline(traffic)
    st.markdown(coverage_note(traffic))
    if traffic.dimension == "channel_group":
        st.caption(
            "A channel-group report says a visit came from social media, not from which platform. "
            "A report by session source / medium names the platform."
        )
    left, right = st.columns([1, 1])
    with left:
        st.plotly_chart(sessions_by_source_chart(traffic.by_source), width="stretch")
    with right:
        st.subheader("By source")
        source_table(traffic)

st.subheader("Sessions per day")
if daily.empty:
    st.info(
        "No daily figures for this period. In Google Analytics open **Reports > Acquisition > Traffic acquisition**, "
        "change the dimension to **Date**, then **Share this report > Download file > Download CSV**, "
        "and add the file on the **Upload** page.",
        icon=":material/show_chart:",
    )
else:
    ui.time_chart(daily_sessions_chart(daily), periods)
    st.caption(
        f"{ui.format_number(int(daily['sessions'].sum()))} sessions on {len(daily)} days between "
        f"{days((filters.start, filters.end))}, from the GA4 report by Date (all sources)."
    )

ui.definitions_expander(
    [
        "web_sessions",
        "web_sessions_social",
        "web_social_share",
        "web_key_events_social",
        "web_source_class",
        "web_engaged_sessions",
    ]
)
