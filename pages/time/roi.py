"""Parts of the Time & ROI page: the cost of time and ROI (with their settings), and the habits."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from impact.charts import time as charts
from impact.definitions import definition
from impact.filters import Filters
from impact.platforms import platform_label
from impact.time import budget as effort
from impact.time import roi
from impact.time.screens import habits_screen, roi_screen
from pages import ui


def _money(value: float | None, currency: str | None) -> str:
    return "–" if value is None or currency is None else f"{currency} {value:,.0f}"


def _volunteer_source(values: effort.HourValues) -> str:
    return (
        f"Volunteer hour valued at {values.volunteer_currency} {values.volunteer:,.2f}: "
        f"{ui.plain(values.volunteer_source)}, {values.volunteer_year}."
    )


def _settings_form(organisation_id: int, values: effort.HourValues) -> None:
    """The staff rate and the volunteer value (pre-filled with the published default), with its source and year."""
    with st.form("hour_values"):
        st.markdown("**What an hour costs**")
        left, right = st.columns(2)
        staff = left.number_input(
            f"Staff hourly rate ({values.currency})", min_value=0.0, value=values.staff, step=10.0,
            placeholder="not set", help="The organisation's own rate for staff time. Leave empty while unknown.",
        )  # fmt: skip
        volunteer = right.number_input(
            "Value of a volunteer hour", min_value=0.0, value=float(values.volunteer), step=1.0
        )
        left, middle, right = st.columns([1, 3, 1])
        currency = left.text_input("Its currency", value=values.volunteer_currency, max_chars=3)
        source = middle.text_input("Its source", value=values.volunteer_source, max_chars=300)
        year = right.number_input("Its year", min_value=1990, max_value=2100, value=values.volunteer_year or 2023)
        saved = st.form_submit_button("Save hourly values")
    if saved:
        try:
            with ui.writer(organisation_id) as con:
                effort.set_hour_values(
                    con, organisation_id, staff=staff, volunteer=float(volunteer), volunteer_currency=currency,
                    volunteer_source=source, volunteer_year=int(year),
                )  # fmt: skip
        except ValueError as error:
            st.error(f"Not saved: {ui.plain(error)}.")
            return
        ui.audit("edit", organisation_id, "hourly values of staff and volunteer time set")
        st.rerun()


def _cost_tiles(cost: roi.Cost) -> None:
    parts = {p.role: p for p in cost.parts}
    cols = st.columns(4)
    cols[0].metric("Hours logged", f"{cost.hours:,.1f} h")
    for col, role, label in ((cols[1], "staff", "Staff time"), (cols[2], "volunteer", "Volunteer time")):
        part = parts.get(role)
        col.metric(
            label,
            "–" if part is None else _money(part.cost, part.currency),
            None if part is None else f"{part.hours:,.1f} h",
            delta_color="off",
            delta_arrow="off",
        )
    cols[3].metric("Cost of time", _money(cost.total, cost.currency), help=definition("cost_of_time"))
    if cost.reason:
        st.warning(cost.reason)
    elif cost.hours == 0:
        st.info("No time logged in this period: log time on **Log time**, or import a time log on **Upload**.")
    st.caption(_volunteer_source(cost.values))


def _roi_text(reading: roi.Roi) -> str:
    return "–" if reading.roi is None else f"{reading.roi:,.0f} %"


def _campaign_table(readings: list[roi.Roi]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Campaign": [r.label for r in readings],
            "Hours logged to it": [round(r.cost.hours, 1) for r in readings],
            "Cost of time": [_money(r.cost.total, r.cost.currency) for r in readings],
            "Donations less refunds": [_money(r.outcome, r.currency) for r in readings],
            "Other currencies": [", ".join(f"{c} {v:,.0f}" for c, v in r.other_currencies.items()) for r in readings],
            "ROI %": [r.roi for r in readings],
            "Why no ROI": [r.reason or "" for r in readings],
        }
    )


def _organisation_reading(col: DeltaGenerator, reading: roi.Roi) -> None:
    col.metric(reading.label, _roi_text(reading), help=reading.caveat)
    others = ", ".join(f"{c} {v:,.0f}" for c, v in reading.other_currencies.items())
    col.caption(
        f"{_money(reading.outcome, reading.currency)} in donations less refunds"
        + (f" (and {others}, not converted)" if others else "")
        + f" against {_money(reading.cost.total, reading.cost.currency)} of time. {reading.caveat}"
    )
    if reading.reason and reading.cost.reason is None:
        col.caption(reading.reason)


def roi_section(period: Filters) -> None:
    """The cost of the period's time, ROI % per campaign and for the organisation, and the hourly values."""
    screen = ui.figures(roi_screen, period.organisation_id, period.start, period.end)
    values, report = screen.values, screen.report
    _cost_tiles(report.cost)

    st.subheader("Return on the time")
    assert report.upper is not None and report.lower is not None
    left, right = st.columns(2)
    _organisation_reading(left, report.upper)
    _organisation_reading(right, report.lower)
    if report.campaigns:
        table = _campaign_table(report.campaigns)
        st.markdown("**Per campaign** (campaigns overlapping the period, over their own dates)")
        ui.dataframe(
            table, hide_index=True, width="stretch",
            column_config={"ROI %": st.column_config.NumberColumn("ROI %", format="%.0f %%")},
        )  # fmt: skip
        st.caption(report.campaigns[0].caveat)
        ui.csv_download(table, "roi_per_campaign.csv", key="roi_csv")
    else:
        st.caption("No campaign overlaps this period: create one on **Campaigns** to see its ROI.")

    if ui.can_edit(period.organisation_id):
        _settings_form(period.organisation_id, values)
    ui.definitions_expander(["hours", "cost_of_time", "volunteer_value", "roi"])


def habits_section(period: Filters) -> None:
    """The share of time by activity, per month and overall, and whether the platforms link to the base one."""
    screen = ui.figures(habits_screen, period.organisation_id, period.start, period.end)
    shares, links = screen.shares, screen.links
    st.subheader("Listen, engage, deliver")
    st.markdown(shares.habit)
    if not shares.overall.empty:
        cols = st.columns(len(shares.overall))
        for col, row in zip(cols, shares.overall.itertuples(), strict=True):
            col.metric(str(row.label), f"{row.share:.0%}", f"{row.hours:,.1f} h", delta_color="off", delta_arrow="off")
        st.plotly_chart(charts.activity_share_chart(shares.by_month), width="stretch", key="activity_shares")

    st.subheader("Links to the base platform")
    if links.host is None or links.platforms.empty:
        st.info(links.message or "No posts in this period.")
    else:
        st.caption(f"Posts whose link or text contains {ui.plain(links.host)} (the organisation's website).")
        table = links.platforms.assign(platform=links.platforms["platform"].map(platform_label))
        ui.dataframe(
            table.rename(columns={"platform": "Platform", "posts": "Posts", "linking": "Linking to it",
                                  "share": "Share"}),
            hide_index=True, width="stretch",
            column_config={"Share": st.column_config.NumberColumn("Share", format="percent")},
        )  # fmt: skip
        least = links.platforms.sort_values(["share", "posts"], ascending=[True, False]).iloc[0]
        st.markdown(
            f"{platform_label(str(least['platform']))} links least: {int(least['linking']):,} of its "
            f"{int(least['posts']):,} posts ({least['share']:.0%})."
        )
    ui.definitions_expander(["hours", "activity_share", "base_platform_links"])
