"""Pieces of the Upload page: a file's preview card, and the form for a file no format knows."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from connectors import PLATFORM_LABELS, PLATFORMS
from connectors.custom import TARGETS
from connectors.meta_page_insights_csv import PLATFORMS as META_PLATFORMS
from impact.store.ingest import ImportResult, import_upload
from impact.store.mappings import save_mapping
from impact.store.names import shown_name
from impact.store.orgs import organisation_id
from impact.store.preview import Preview
from pages import ui

_NOT_MAPPED = "—"


def mapping_form(name: str, data: bytes, header: list[str], organisation: str) -> list[ImportResult] | None:
    """Ask how to read `header`; on submit save the mapping and import the file. The results, or None."""
    key = "map_" + hashlib.sha256(name.encode() + data[:4096]).hexdigest()[:12]
    st.caption(
        "Not a format this product knows. If it is a table of your own (site statistics, a donation form, "
        "a local platform), say once which column is what; files with the same columns then import by themselves."
    )
    table = st.radio(
        "One row of this file is…",
        list(TARGETS),
        format_func=lambda t: TARGETS[t].label,
        key=f"{key}_table",
        horizontal=False,
    )
    target = TARGETS[table]
    with st.form(key):
        label = st.text_input("Call this kind of file", value=name.rsplit(".", 1)[0][:60], max_chars=80)
        platform = st.selectbox(
            "Platform", PLATFORMS, format_func=lambda p: PLATFORM_LABELS.get(p, p), index=PLATFORMS.index("website")
        )
        options = [_NOT_MAPPED, *header]
        chosen: dict[str, str] = {}
        columns = st.columns(2)
        for index, (canonical, (what, _kind)) in enumerate(target.columns.items()):
            needed = " (needed)" if canonical in target.required else ""
            picked = columns[index % 2].selectbox(f"{what}{needed}", options, key=f"{key}_{table}_{canonical}")
            if picked != _NOT_MAPPED:
                chosen[canonical] = picked
        submitted = st.form_submit_button("Save this mapping and import the file", type="primary")
    if not submitted:
        return None
    with ui.store() as con:
        org_id = organisation_id(con, organisation) if organisation else None
    try:
        with ui.writer(org_id) as con:
            save_mapping(con, header, label, platform, table, chosen)
            results = import_upload(con, name, data, organisation)
        for result in results:
            ui.audit("import refused" if result.status == "rejected" else "import", org_id, result.sentence())
        return results
    except ValueError as error:
        st.error(f"{ui.plain(name)}: {ui.plain(error)}", icon=":material/error:")
        return None


def preview_card(item: Preview, siblings: dict[str, str] | None = None) -> tuple[str | None, int | None]:
    """What a recognised file (or sheet, or ZIP member) is, with its first rows; the person's platform and year.

    `siblings`: platform -> the file of this upload that names it. A Meta insights file that names no platform
    takes the one platform its siblings name; else the person is asked (no default: never guessed). A file
    whose dates have no year says which year it is read in, and the person may change it. Returns the
    platform chosen (None: not asked or not chosen) and the year chosen (None: the one the import assumes).
    """
    st.markdown(f"**{ui.plain(item.name)}**")
    platform = item.platform if item.unnamed_title is None else None
    st.caption(ui.plain(item.label) + (f" · platform: {platform}" if platform else ""))
    chosen_platform: str | None = None
    if item.unnamed_title is not None:
        named = siblings or {}
        if len(named) == 1:
            [(sibling_platform, sibling)] = named.items()
            st.caption(
                f"Its title, '{ui.plain(item.unnamed_title)}', names no platform: "
                f"{PLATFORM_LABELS[sibling_platform]}, as {ui.plain(sibling)} uploaded with it says."
            )
        else:
            chosen_platform = st.selectbox(
                f"Platform of {shown_name(item.name)}",
                META_PLATFORMS,
                index=None,
                format_func=lambda p: PLATFORM_LABELS[p],
                placeholder="Choose Facebook or Instagram",
                help=f"Meta's '{item.unnamed_title}' file does not say whether it is Facebook's or Instagram's"
                + (", and the files uploaded with it name both." if named else "."),
            )
    chosen_year: int | None = None
    if item.year is not None and item.year_note:
        st.caption(ui.plain(item.year_note))
        picked = st.number_input(
            f"Year of the last day of {shown_name(item.name)}",
            min_value=2000,
            max_value=2100,
            value=item.year,
            step=1,
            help="Days later in the calendar than the file's last day are read in the year before.",
        )
        chosen_year = int(picked) if int(picked) != item.year else None
    if item.note:
        st.caption(ui.plain(item.note))
    if item.engagement_rule:
        st.caption(f"Engagements: {ui.plain(item.engagement_rule)}")
    if item.rows:
        # Headers are file content: shown as data, never as markdown.
        frame = pd.DataFrame(item.rows, columns=[f"{i + 1}. {h}"[:60] for i, h in enumerate(item.header)])
        st.dataframe(ui.neutralise_formulas(frame), hide_index=True, height=min(40 + 35 * len(frame), 230))
    return chosen_platform, chosen_year
