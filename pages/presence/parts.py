"""Pieces of the Web presence and Portfolio pages: the weights form, the report's download button."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import duckdb
import streamlit as st

from impact.presence import COMPONENTS
from impact.presence.weights import STORE_WIDE, reset_weights, save_weights
from pages import ui


def _whose(portfolio_id: int) -> str:
    return "the store" if portfolio_id == STORE_WIDE else f"portfolio {portfolio_id}"


def _weights_writer(portfolio_id: int) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
    """The store's own weights are an admin's to change; a portfolio's, its funder's too."""
    return ui.writer(None) if portfolio_id == STORE_WIDE else ui.portfolio_writer(portfolio_id)


def weights_form(portfolio_id: int, current: dict[str, float], key: str) -> None:
    """Change and save the components' weights (0 to 100 each; they need not add up to 100)."""
    with st.form(key):
        columns = st.columns(4)
        chosen: dict[str, float] = {}
        for index, (component, spec) in enumerate(COMPONENTS.items()):
            chosen[component] = columns[index % 4].number_input(
                spec.name,
                min_value=0.0,
                max_value=100.0,
                value=float(current.get(component, spec.weight)),
                step=5.0,
                key=f"{key}_{component}",
                help=f"Default {spec.weight:g}: {spec.why_weight}",
            )
        save, reset = st.columns(2)
        saved = save.form_submit_button("Save these weights", type="primary")
        back = reset.form_submit_button("Back to the default weights")
    if saved:
        try:
            with _weights_writer(portfolio_id) as con:
                save_weights(con, portfolio_id, chosen)
        except ValueError as error:
            st.error(ui.plain(error))
            return
        ui.audit("edit", None, f"web-presence weights of {_whose(portfolio_id)} saved")
        st.rerun()
    if back:
        with _weights_writer(portfolio_id) as con:
            reset_weights(con, portfolio_id)
        ui.audit("edit", None, f"web-presence weights of {_whose(portfolio_id)} back to the defaults")
        for component in COMPONENTS:
            st.session_state.pop(f"{key}_{component}", None)
        st.rerun()


def report_button(label: str, build: Callable[[duckdb.DuckDBPyConnection], str], file_name: str, key: str) -> None:
    """A button that builds the self-contained HTML report only when it is clicked (it takes a few seconds)."""

    st.download_button(
        label,
        data=ui.deferred(lambda con: build(con).encode("utf-8")),
        file_name=file_name,
        mime="text/html",
        key=key,
        icon=":material/download:",
    )
    st.caption(
        "One HTML file that opens offline in any browser and prints well (A4). For a PDF, print it to PDF, or run "
        "`python -m impact report --out FILE.pdf`."
    )
