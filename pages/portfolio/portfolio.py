"""Portfolio: a funder's grantees side by side on the web-presence scorecard, against the portfolio's median."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from impact.charts.presence import component_chart, small_multiples, trend_chart
from impact.presence import COMPONENTS
from impact.presence.portfolio import (
    PortfolioScreen,
    create_portfolio,
    delete_portfolio,
    portfolio_screen,
    portfolios,
    remove_benchmark,
    set_benchmark,
    set_members,
    update_portfolio,
)
from impact.report.portfolio import portfolio_report
from impact.store.orgs import organisations
from pages import ui
from pages.presence.parts import report_button, weights_form


def side_by_side(screen: PortfolioScreen) -> None:
    """Every grantee's scorecard in one table with the portfolio's median, the flags, and one grantee's components."""
    component_names = {key: spec.name for key, spec in COMPONENTS.items()}
    table = screen.table.rename(columns=component_names)
    median_row = {"organisation": "Portfolio median", "stage": "", "flags": ""}
    median_row.update({component_names.get(k, k): v for k, v in screen.median.items()})
    shown = pd.concat([table, pd.DataFrame([median_row])], ignore_index=True)
    columns = {
        "organisation": st.column_config.TextColumn("Grantee"),
        "score": st.column_config.NumberColumn(
            "Score", format="%.0f", help="0 to 100, the weighted mean of the measured components"
        ),
        "stage": st.column_config.TextColumn("Stage"),
        "flags": st.column_config.TextColumn("Stale or missing data", width="large"),
    }
    for name in component_names.values():
        columns[name] = st.column_config.ProgressColumn(name, min_value=0, max_value=100, format="%.0f")
    st.subheader("Side by side")
    st.caption("Click a column to sort. An empty cell is a component the grantee's data cannot measure.")
    ui.dataframe(shown, hide_index=True, column_config=columns)
    ui.csv_download(shown, f"portfolio_{screen.portfolio.id}.csv", key="portfolio_csv")

    flagged = screen.table[screen.table["flags"] != ""]
    for _, row in flagged.iterrows():
        st.warning(f"**{ui.plain(row['organisation'])}**: {ui.plain(row['flags'])}.", icon=":material/warning:")

    st.subheader("One grantee against the median")
    pick = st.selectbox("Grantee", list(screen.cards))
    st.plotly_chart(component_chart(screen.cards[pick].table(), screen.median), width="stretch", key="pf_one")


def over_time(screen: PortfolioScreen, trend: pd.DataFrame) -> None:
    """Each grantee's score per quarter, and its weekly impressions and engagement rate."""
    st.plotly_chart(trend_chart(trend), width="stretch", key="portfolio_trend")
    st.caption(
        "Each quarter scored on its own days with the portfolio's weights; the last quarter runs to the period's end."
    )
    if not screen.weekly.empty:
        st.plotly_chart(
            small_multiples(screen.weekly, "impressions", "Impressions per week"), width="stretch", key="pf_impr"
        )
        st.plotly_chart(
            small_multiples(screen.weekly, "engagement_rate", "Engagement rate per week", rate=True),
            width="stretch",
            key="pf_rate",
        )
        st.caption("Each grantee's posts on every platform, by the week they were published; same axes for all.")


st.title("Portfolio")
st.markdown(
    "A funder's grantees side by side: each one's web-presence score and components, the trend per quarter, "
    "and the portfolio's **median** as the benchmark. Stale or missing data is flagged, never scored as 0."
)

with ui.store() as con:
    every_portfolio = portfolios(con)
    names = organisations(con)


def new_portfolio_form() -> None:
    with st.form("new_portfolio"):
        name = st.text_input("Portfolio name", max_chars=200, placeholder="Digital skills cohort 2026")
        members = st.multiselect("Grantees", names)
        tags = st.text_input("Tags (comma-separated)", placeholder="workshop, Assam, 2026")
        description = st.text_area("Description", max_chars=2000)
        if st.form_submit_button("Create the portfolio", type="primary"):
            try:
                with ui.writer(None) as con:
                    create_portfolio(con, name, members, description, [t for t in tags.split(",")])
            except ValueError as error:
                st.error(ui.plain(error))
                return
            ui.audit("edit", None, f"portfolio {name.strip()} created")
            st.session_state["portfolio"] = name.strip()
            st.rerun()


def benchmark_form(portfolio_id: int) -> None:
    """Add, change or remove the funder's benchmark for one component."""
    with st.form("benchmark"):
        cols = st.columns(2)
        component = cols[0].selectbox("Component", list(COMPONENTS), format_func=lambda k: COMPONENTS[k].name)
        value = cols[1].number_input("Benchmark points (0 to 100)", min_value=0.0, max_value=100.0, value=50.0)
        source = st.text_input("Source (required)", max_chars=500)
        cols = st.columns(2)
        as_of = cols[0].date_input("As of", value=None)
        note = cols[1].text_input("Note", max_chars=1000)
        add, remove = st.columns(2)
        if add.form_submit_button("Save the benchmark", type="primary"):
            try:
                with ui.portfolio_writer(portfolio_id) as con:
                    set_benchmark(con, portfolio_id, component, value, source, as_of, note)
            except ValueError as error:
                st.error(ui.plain(error))
                return
            ui.audit("edit", None, f"portfolio {portfolio_id}: benchmark for {component} saved")
            st.rerun()
        if remove.form_submit_button("Remove this component's benchmark"):
            with ui.portfolio_writer(portfolio_id) as con:
                remove_benchmark(con, portfolio_id, component)
            ui.audit("edit", None, f"portfolio {portfolio_id}: benchmark for {component} removed")
            st.rerun()


if not names:
    st.info("There is no data yet. Go to **Upload** and add the exports you downloaded from your platforms.")
    st.stop()
if not every_portfolio:
    if ui.can_edit(None):
        st.info("No portfolio yet. Name one and pick its grantees.")
        new_portfolio_form()
    else:
        st.info("There is no portfolio for you to see yet. Ask the dashboard's administrator to give you one.")
    st.stop()

by_name = {p.name: p for p in every_portfolio}
wanted = st.session_state.get("portfolio")
chosen = st.selectbox(
    "Portfolio",
    list(by_name),
    index=list(by_name).index(wanted) if wanted in by_name else 0,
    format_func=lambda n: f"{n} ({len(by_name[n].members)} grantees)",
)
st.session_state["portfolio"] = chosen
portfolio = by_name[chosen]
if portfolio.tags or portfolio.description:
    st.caption(
        " · ".join(ui.plain(t) for t in portfolio.tags)
        + (" — " if portfolio.tags and portfolio.description else "")
        + ui.plain(portfolio.description)
    )

filters = ui.current_filters()
end = filters.end if filters else date.today()
start = filters.start if filters else date(end.year - 1, end.month, 1)
st.caption(f"{start:%d %b %Y} – {end:%d %b %Y} (the sidebar's period) · every platform of each grantee.")

if not portfolio.members:
    st.warning("This portfolio has no grantees yet: add them under **Edit the portfolio** below.")
else:
    # Only the open tab runs (a click on the other reruns the page): the quarterly trend is four scorecards
    # a grantee, most of the page's work, and is not needed to read the scorecards side by side. With it,
    # the screen and the trend are one call, which reads what they share once.
    side_tab, time_tab = st.tabs(["Side by side", "Over time"], key="portfolio_tab", on_change="rerun")
    screen: PortfolioScreen = ui.figures(portfolio_screen, portfolio, start, end, None, bool(time_tab.open))
    if side_tab.open:
        with side_tab:
            side_by_side(screen)
    if time_tab.open and screen.trend is not None:
        with time_tab:
            over_time(screen, screen.trend)

    st.subheader("The funder's own benchmarks")
    st.caption(
        "Figures the funder brings, each with its source (a survey, last year's cohort). None are built in: "
        "the portfolio's median above is the benchmark the data itself gives."
    )
    if screen.benchmarks:
        ui.dataframe(
            pd.DataFrame(
                [(COMPONENTS[b.component].name, b.value, b.source, b.as_of, b.note) for b in screen.benchmarks],
                columns=["component", "points", "source", "as of", "note"],
            ),
            hide_index=True,
        )
    if ui.person().can_edit_portfolio(portfolio.id):
        benchmark_form(portfolio.id)
        st.subheader("This portfolio's weights")
        weights_form(portfolio.id, screen.weights, key=f"portfolio_weights_{portfolio.id}")

    st.subheader("Report for the funder")
    report_button(
        "Download the portfolio report (HTML)",
        lambda con: portfolio_report(con, portfolio, start, end),
        f"portfolio_{portfolio.id}_{start:%Y%m%d}_{end:%Y%m%d}.html",
        key="portfolio_report",
    )

if ui.can_edit(None):  # which organisations a portfolio holds decides what its funder reads: an admin's call
    with st.expander("Edit the portfolio"):
        with st.form("edit_portfolio"):
            members = st.multiselect("Grantees", names, default=[m for m in portfolio.members if m in names])
            tags = st.text_input("Tags (comma-separated)", value=", ".join(portfolio.tags))
            description = st.text_area("Description", value=portfolio.description, max_chars=2000)
            if st.form_submit_button("Save", type="primary"):
                with ui.writer(None) as con:
                    set_members(con, portfolio.id, members)
                    update_portfolio(con, portfolio.id, description, tags.split(","))
                ui.audit("edit", None, f"portfolio {portfolio.name}: grantees, tags and description saved")
                st.rerun()
        confirm = st.checkbox("Yes, delete this portfolio (the grantees and their data stay)")
        if st.button("Delete the portfolio") and confirm:
            with ui.writer(None) as con:
                delete_portfolio(con, portfolio.id)
            ui.audit("edit", None, f"portfolio {portfolio.name} deleted")
            st.session_state.pop("portfolio", None)
            st.rerun()

    with st.expander("A new portfolio"):
        new_portfolio_form()
