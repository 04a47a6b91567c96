"""Streamlit pieces shared by the pages: the store connection, the filters, definitions, tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from impact.charts.look import mark_campaigns
from impact.definitions import DEFINITIONS
from impact.filters import Filters
from impact.store.connection import StoreBusy, default_db_path, open_store

FILTERS_KEY = "filters"
ORG_KEY = "organisation_name"


@contextmanager
def store() -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection, so the command line can import while the dashboard runs."""
    try:
        with open_store(default_db_path()) as con:
            yield con
    except StoreBusy as error:
        st.error(str(error))
        st.stop()


def current_filters() -> Filters | None:
    """The sidebar's selection, set by app.py before the page runs."""
    return st.session_state.get(FILTERS_KEY)


def filters_or_stop() -> Filters:
    """The sidebar's filters; when there is no data or no platform selected, say so and stop the page."""
    filters = current_filters()
    if filters is None:
        st.info("There is no data yet. Go to **Upload** and add the exports you downloaded from your platforms.")
        st.page_link("pages/upload/upload.py", label="Upload exports", icon=":material/upload_file:")
        st.stop()
    assert filters is not None  # st.stop() ends the run
    if not filters.platforms:
        st.warning("No platform is selected in the sidebar.")
        st.stop()
    return filters


def current_organisation() -> str | None:
    return st.session_state.get(ORG_KEY)


def definitions_expander(keys: list[str], extra: dict[str, str] | None = None) -> None:
    """The definitions of the figures on a page, one line each."""
    with st.expander("What these figures mean"):
        for key in keys:
            d = DEFINITIONS[key]
            st.markdown(f"**{d.label}**: {d.text}")
        for label, text in (extra or {}).items():
            st.markdown(f"**{label}**: {text}")


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Text from files or forms, escaped so Markdown shows it as typed (no links, images, HTML or maths)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP CSV injection)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
            )
    return out


def format_number(value: float | int | None) -> str:
    """1234567 -> '1,234,567'; None -> '–' (no data, which is not zero)."""
    return "–" if value is None else f"{value:,.0f}"


def format_rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.2%}"


def csv_download(frame: pd.DataFrame, file_name: str, label: str = "Download CSV", key: str | None = None) -> None:
    """Offer a table as CSV, with cells a spreadsheet would run as formulas neutralised first."""
    data = neutralise_formulas(frame).to_csv(index=False).encode("utf-8")
    st.download_button(label, data=data, file_name=file_name, mime="text/csv", key=key or f"csv_{file_name}")


def time_chart(
    fig: go.Figure, periods: list[tuple[str, date, date]], grain: str = "day", key: str | None = None
) -> None:
    """A chart over time with the campaign periods shaded, and a caption naming them when any is drawn."""
    drawn = mark_campaigns(fig, periods, grain)
    st.plotly_chart(fig, width="stretch", key=key)
    if drawn:
        named = "; ".join(f"{plain(name)}, {starts:%d %b} – {ends:%d %b %Y}" for name, starts, ends in drawn)
        st.caption(f"Shaded: campaign periods ({named}).")
