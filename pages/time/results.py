"""The "Results per hour" tab of Time & ROI: what an hour on each platform, activity or campaign brought back."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.charts import time as charts
from impact.filters import Filters
from impact.time import per_hour as returns
from impact.time.screens import results_screen
from pages import ui

BY_LABELS = {"platform": "By platform", "activity": "By activity", "campaign": "By campaign"}
NOTHING_LOGGED = "No time logged in this period: log time on the Log time tab or import a time log."


def _column_config(by: str, currency: str) -> dict[str, object]:
    """Headers and number formats: counts whole, per-hour figures to one decimal."""
    per_hour = {
        f"{r}_per_hour": st.column_config.NumberColumn(f"{label} per hour", format="%.1f")
        for r, label in returns.RESULT_LABELS.items()
    }
    per_hour["donations_per_hour"] = st.column_config.NumberColumn(f"Donations per hour ({currency})", format="%.1f")
    return {
        "label": {"platform": "Platform", "activity": "Activity", "campaign": "Campaign"}[by],
        "starts": st.column_config.DateColumn("Starts", format="DD MMM YYYY"),
        "ends": st.column_config.DateColumn("Ends", format="DD MMM YYYY"),
        "hours": st.column_config.NumberColumn("Hours", format="%.1f"),
        "share": st.column_config.NumberColumn("Share of hours", format="percent"),
        "posts": st.column_config.NumberColumn("Posts", format="%,d"),
        "impressions": st.column_config.NumberColumn("Impressions", format="%,d"),
        "engagements": st.column_config.NumberColumn("Engagements", format="%,d"),
        "followers_gained": st.column_config.NumberColumn("Followers gained", format="%,d"),
        "sessions": st.column_config.NumberColumn("Website sessions", format="%,d"),
        "sessions_hours": st.column_config.NumberColumn("Hours on the sessions' days", format="%.1f"),
        "donations": st.column_config.NumberColumn(f"Donations ({currency})", format="%,.0f"),
        **per_hour,
    }


def _shown(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """The table's columns for people, in reading order; columns empty on every row are left out."""
    first = ["label", *(["starts", "ends"] if by == "campaign" else []), "hours"]
    figures = ["share", "posts", "impressions", "engagements", "followers_gained", "sessions", "sessions_hours",
               "donations", *(f"{r}_per_hour" for r in returns.RESULTS)]  # fmt: skip
    keep = first + [c for c in figures if table[c].notna().any()]
    if table["sessions"].isna().all():
        keep = [c for c in keep if c != "sessions_hours"]
    return table[keep].astype({c: "float64" for c in keep if c not in ("label", "starts", "ends")})


def _captions(results: returns.ResultsPerHour, by: str) -> None:
    """Where each figure comes from, and what the table cannot say."""
    notes = []
    if by == "activity":
        notes.append(
            "Results are not split by activity: a post's engagements come from creating it and from engaging around "
            "it. The last row has the period's results per hour of all the time logged."
        )
    if by == "campaign":
        notes.append(
            "Each campaign counts over its own dates and rules, which may run beyond this period; time logged to a "
            "name no campaign has shows its hours in the period only."
        )
    if results.sessions_spans and results.table["sessions"].notna().any():
        covered = "; ".join(f"{s:%d %b %Y} – {e:%d %b %Y}" for s, e in results.sessions_spans)
        notes.append(
            f"Website sessions come from Google Analytics reports covering {covered}; sessions per hour divide them "
            "by the hours logged on those days."
        )
    if by == "platform" and not results.donations_by_platform:
        notes.append("Donations are only in the total: no donation in this period names the platform it came from.")
    if results.other_currencies:
        notes.append(f"Donations in {', '.join(results.other_currencies)} are left out (amounts are never converted).")
    for note in notes:
        st.caption(ui.plain(note))


def _chart_column(by: str, metric: str) -> tuple[str, str]:
    if by == "activity":
        return "hours", "Hours per activity"  # per-hour results exist on the total row only
    return f"{metric}_per_hour", f"{returns.RESULT_LABELS[metric]} per hour"


def results_section(period: Filters) -> None:
    """Hours and results per platform, activity or campaign, a chart of one result per hour, and the verdict."""
    left, right = st.columns([3, 2])
    by = left.radio("Results", list(BY_LABELS), format_func=BY_LABELS.get, horizontal=True, key="results_by")
    metric = right.selectbox(
        "Per hour of", list(returns.RESULTS), index=1, format_func=returns.RESULT_LABELS.get, key="results_metric"
    )
    screen = ui.figures(results_screen, period.organisation_id, period.start, period.end, by, metric)
    table, verdict, sentence = screen.results.table, screen.verdict, screen.sentence
    if not screen.logged:
        st.info(NOTHING_LOGGED)
        ui.definitions_expander(["hours", "results_per_hour", "best_hour"])
        return
    (st.success if verdict is not None else st.info)(ui.plain(sentence))
    if table.empty:
        st.info(
            "No campaign runs in this period and no time in it is logged to a campaign. Create one on **Campaigns**, "
            "or pick a campaign when you log time."
        )
        ui.definitions_expander(["hours", "results_per_hour", "best_hour"])
        return
    shown = _shown(table, by)
    column_config = _column_config(by, screen.results.currency)
    ui.dataframe(shown, hide_index=True, width="stretch", column_config=column_config)  # type: ignore[arg-type]
    ui.csv_download(shown, f"results_per_hour_by_{by}.csv", key="results_per_hour_csv")
    _captions(screen.results, by)
    column, title = _chart_column(by, metric)
    if table[column].notna().any():
        fig = charts.results_per_hour_chart(table, column, title, by_platform=by == "platform")
        st.plotly_chart(fig, width="stretch", key="results_per_hour_chart")
    else:
        st.caption(ui.plain(f"No {title.lower()} to draw: the data gives no figure for it."))
    ui.definitions_expander(
        ["hours", "results_per_hour", "best_hour", "impressions", "engagements", "followers_gained_lost",
         "web_sessions_social", "donations"]
    )  # fmt: skip
