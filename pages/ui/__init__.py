"""Streamlit pieces shared by the pages: the store connection, the filters, definitions, tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any, NoReturn, TypeVar

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from impact.auth import Person, default_person
from impact.auth.accounts import still_valid
from impact.auth.audit import record
from impact.charts.look import mark_campaigns
from impact.definitions import DEFINITIONS
from impact.filters import Filters, span_text
from impact.store.access import restrict
from impact.store.connection import StoreBusy, connect, data_version, default_db_path, open_store
from impact.store.names import shown_name

FILTERS_KEY = "filters"
ORG_KEY = "organisation_name"
T = TypeVar("T")


# The script run's connection: app.py opens one per run (a run is one thread, hence a ContextVar),
# and every query of the run takes a cursor of it. It is closed when the run ends, so the command
# line can import between runs while the dashboard is open.
_RUN_CONNECTION: ContextVar[duckdb.DuckDBPyConnection | None] = ContextVar("run_connection", default=None)
# Who the run is for (app.py decides before any page runs), and the cursor restricted to what they may
# read: made once per run, as its views take a few tens of milliseconds to create.
_RUN_PERSON: ContextVar[Person | None] = ContextVar("run_person", default=None)
_RUN_READER: ContextVar[duckdb.DuckDBPyConnection | None] = ContextVar("run_reader", default=None)
# A session keeps this many results of impact/ calls; older ones are dropped first.
CACHED_RESULTS = 64
_CACHE_KEY = "figures_cache"


def _store_error(error: duckdb.Error) -> NoReturn:
    """Say in a sentence that the store could not answer, and stop the page; never a traceback."""
    first_line = str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__
    st.error(
        "The data store could not answer this page, so nothing is shown and nothing was changed. "
        f"It said: {plain(first_line)}. Try again in a moment; if it keeps happening, restart the dashboard."
    )
    st.stop()


@contextmanager
def run_connection() -> Iterator[None]:
    """Open the store once for this script run (app.py wraps the whole run in it)."""
    try:
        con = connect(default_db_path())
    except StoreBusy as error:
        st.error(str(error))
        st.stop()
    except duckdb.Error as error:
        _store_error(error)
    token = _RUN_CONNECTION.set(con)
    try:
        yield
    finally:
        _RUN_CONNECTION.reset(token)
        con.close()


def person() -> Person:
    """Who this run is for: the local user, a signed-in account or a share link's visitor.

    Outside a run (a callback, a deferred download) no one has been established: locally that is the
    local user; served, it is no one, who reads nothing and may change nothing.
    """
    return _RUN_PERSON.get() or default_person()


def deferred(build: Callable[[duckdb.DuckDBPyConnection], bytes]) -> Callable[[], bytes]:
    """`build` for a download button that runs it only when clicked, as the person of this run.

    Streamlit calls it outside the page run, so it checks the person again (the link may have been
    revoked, the account removed since the page was drawn) and reads through their restricted cursor.
    """
    who = person()

    def run() -> bytes:
        with open_store(default_db_path()) as con:
            now = still_valid(con, who)
            if now is None:
                return b"This account or share link is no longer valid, so there is nothing to download."
            if now.readable is None:
                return build(con)
            reader = restrict(con, now.readable)
            try:
                return build(reader)
            finally:
                reader.close()

    return run


@contextmanager
def acting_as(who: Person) -> Iterator[None]:
    """Run the rest of the script for this person (app.py wraps the pages in it)."""
    token = _RUN_PERSON.set(who)
    reader_token = _RUN_READER.set(None)
    try:
        yield
    finally:
        reader = _RUN_READER.get()
        _RUN_READER.reset(reader_token)
        _RUN_PERSON.reset(token)
        if reader is not None:
            reader.close()


@contextmanager
def _guarded() -> Iterator[None]:
    """A database error becomes a sentence and stops the page."""
    try:
        yield
    except StoreBusy as error:
        st.error(str(error))
        st.stop()
    except duckdb.Error as error:
        _store_error(error)


@contextmanager
def unrestricted() -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor that sees and may change everything: for sign-in, and for writes after a role check."""
    run = _RUN_CONNECTION.get()
    with _guarded():
        if run is None:  # outside app.py's run (a page rendered on its own): a short-lived connection
            with open_store(default_db_path()) as con:
                yield con
            return
        cursor = run.cursor()
        try:
            yield cursor
        finally:
            cursor.close()


@contextmanager
def store() -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor for one block of queries, seeing only the organisations the person may read."""
    who = person()
    if who.readable is None:
        with unrestricted() as con:
            yield con
        return
    run = _RUN_CONNECTION.get()
    with _guarded():
        if run is None:
            with open_store(default_db_path()) as con:
                reader = restrict(con, who.readable)
                try:
                    yield reader
                finally:
                    reader.close()
            return
        reader = _RUN_READER.get()
        if reader is None:
            reader = restrict(run, who.readable)
            _RUN_READER.set(reader)
        yield reader


def can_edit(organisation_id: int | None) -> bool:
    """May the person change this organisation's data (None: create a new organisation)?"""
    return person().can_edit(organisation_id)


@contextmanager
def writer(organisation_id: int | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor to change one organisation's data, after checking the person may; else the page stops.

    Pages hide their forms from people who may not change anything; this check holds even when a
    stale session or a crafted request reaches a form anyway.
    """
    if not can_edit(organisation_id):
        st.error("You can read this organisation's pages but not change them, so nothing was changed.")
        st.stop()
    with unrestricted() as con:
        yield con


def audit(action: str, organisation_id: int | None = None, detail: str = "") -> None:
    """Write down what the person just did (served mode shows it to admins)."""
    with unrestricted() as con:
        record(con, person().label, action, organisation_id, detail)


def figures(compute: Callable[..., T], *args: Hashable) -> T:
    """compute(connection, *args), kept for the session until the store changes (its data version).

    A page's queries run once per filter choice, not on every click of a widget that does not change
    them. compute must return a result the page only reads.
    """
    version = data_version(default_db_path())
    cache: dict[object, object] = st.session_state.setdefault(_CACHE_KEY, {})
    if cache.get("version") != version:
        cache.clear()
        cache["version"] = version
    key = (compute.__module__, compute.__qualname__, person().readable, args)
    if key not in cache:
        with store() as con:
            cache[key] = compute(con, *args)
        while len(cache) > CACHED_RESULTS + 1:  # +1: the version entry
            del cache[next(k for k in cache if k != "version")]
    return cache[key]  # type: ignore[return-value]


def current_filters() -> Filters | None:
    """The sidebar's selection, set by app.py before the page runs."""
    return st.session_state.get(FILTERS_KEY)


def filters_or_stop() -> Filters:
    """The sidebar's filters; when there is no data or no platform selected, say so and stop the page."""
    filters = current_filters()
    if filters is None:
        no_data_yet()
        st.stop()
    assert filters is not None  # st.stop() ends the run
    if not filters.platforms:
        st.warning("No platform is selected in the sidebar.")
        st.stop()
    return filters


def no_data_yet() -> None:
    """There is no organisation to show: point to Upload, or to an editor for someone who cannot upload."""
    if person().read_only:
        st.info("There is no data to show you yet. Ask an editor of your organisation to upload its exports.")
        return
    st.info("There is no data yet. Go to **Upload** and add the exports you downloaded from your platforms.")
    st.page_link("pages/upload/upload.py", label="Upload exports", icon=":material/upload_file:")


@contextmanager
def portfolio_writer(portfolio_id: int) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor to change a portfolio's weights or benchmarks: an admin's, or the portfolio's funder's."""
    if not person().can_edit_portfolio(portfolio_id):
        st.error("You can read this portfolio but not change it, so nothing was changed.")
        st.stop()
    with unrestricted() as con:
        yield con


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
    return _MARKDOWN_SPECIALS.sub(r"\\\1", shown_name(text))


# A signed figure as the pages write it ("+1,102", "-5.2%", "−3"): a spreadsheet reads it as a number.
_SIGNED_FIGURE = re.compile(r"[+\-−][\d.,\s]*\d[\d.,\s]*%?")


def _runs_as_formula(value: object) -> bool:
    if not isinstance(value, str) or value[:1] not in ("=", "+", "-", "@", "\t", "\r"):
        return False
    return not _SIGNED_FIGURE.fullmatch(value)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP CSV injection).

    A signed figure ("+1,102") is left as it is: it runs nothing, and an apostrophe would show on the page."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: "'" + v if _runs_as_formula(v) else v)
    return out


def dataframe(frame: pd.DataFrame, **options: Any) -> None:
    """st.dataframe with formula-like text neutralised: its toolbar downloads the table as CSV, and a name
    or a post text starting with '=' must not run in the spreadsheet that opens it (OWASP CSV injection).
    Pages show tables through this only (tests/test_layout.py)."""
    st.dataframe(neutralise_formulas(frame), **options)


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
        named = "; ".join(f"{plain(name)}, {span_text(starts, ends)}" for name, starts, ends in drawn)
        st.caption(f"Shaded: campaign periods ({named}).")
