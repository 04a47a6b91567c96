"""Pieces of the Upload page: previews, the form for a file no format knows, the progress and the results."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from connectors import PLATFORM_LABELS, PLATFORMS
from connectors.custom import TARGETS
from connectors.meta_page_insights_csv import PLATFORMS as META_PLATFORMS
from impact.store.ingest import ImportResult, import_upload
from impact.store.mappings import save_mapping, saved_connectors
from impact.store.names import shown_name
from impact.store.options import ImportOptions
from impact.store.orgs import organisation_id
from impact.store.preview import Preview, import_name, preview_upload
from pages import ui

_NOT_MAPPED = "—"
RESULTS_KEY = "last_results"
SUMMARY_KEY = "last_summary"


def previews_of(files: Sequence[Any]) -> list[tuple[Any, list[Preview]]]:
    """Each uploaded file with what it was recognised as (a ZIP's members, a workbook's sheets)."""
    with ui.store() as con:
        saved = saved_connectors(con)
    return [(upload, preview_upload(upload.name, upload.getvalue(), saved)) for upload in files]


def recognise(previews: list[tuple[Any, list[Preview]]], target: str) -> ImportOptions:
    """A card per recognised file, its problem, or the mapping form; the platforms and years the person chose.

    A mapping form's import goes into `target` and shows its results at once (the page runs again).
    """
    # Meta insights files that name their platform answer for those of the same upload that do not.
    siblings: dict[str, str] = {}
    for _, items in previews:
        for item in items:
            if item.names_platform:
                siblings.setdefault(item.names_platform, item.name)
    platforms: dict[str, str] = {}
    years: dict[str, int] = {}
    for upload, items in previews:
        for item in items:
            with st.container(border=True):
                if item.problem:
                    st.error(ui.plain(item.problem), icon=":material/error:")
                    # Saved mappings serve every organisation's files of that header: an admin's to save.
                    if item.mappable_header and item.name == upload.name and not ui.can_edit(None):
                        st.caption("An administrator can map this file's columns so that it imports.")
                    elif item.mappable_header and item.name == upload.name:
                        results = mapping_form(upload.name, upload.getvalue(), item.mappable_header, target)
                        if results is not None:
                            remember(results)
                            if target and target != ui.current_organisation():
                                st.session_state["organisation"] = target
                            st.rerun()
                    continue
                chosen_platform, chosen_year = preview_card(item, siblings)
                imported_as = import_name(upload.name, item.name)
                if chosen_platform:
                    platforms[imported_as] = chosen_platform
                if chosen_year:
                    years[imported_as] = chosen_year
    return ImportOptions(platforms=platforms, years=years, siblings=siblings)


def import_progress(bar: Any, done: int, total: int, results: list[ImportResult], now: str | None) -> None:
    """The progress bar: how many files are done and how they went, and the one being read."""
    imported = sum(r.status == "imported" for r in results)
    refused = sum(r.status == "rejected" for r in results)
    text = f"{done} of {total} files done ({imported} imported, {refused} refused)"
    bar.progress(done / total if total else 1.0, text=f"{text}; now {ui.plain(now)}" if now else f"{text}.")


def as_shown(result: ImportResult) -> dict[str, object]:
    """A result as the page keeps it for the next run."""
    # The file's name is shown in bold in front, so the sentence need not repeat it.
    return {
        "file": shown_name(result.file),
        "status": result.status,
        "message": result.sentence().replace(f"{shown_name(result.file)}: ", "", 1),
        "reasons": [shown_name(x) for _, x in result.rejections],
    }


def remember(results: list[ImportResult], summary: list[dict[str, object]] | None = None) -> None:
    """Keep the results (and a workshop's summary per organisation) for the next run; the uploader starts empty."""
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.session_state[RESULTS_KEY] = [as_shown(r) for r in results]
    st.session_state[SUMMARY_KEY] = summary


def show_result(where: Any, result: ImportResult | dict[str, Any]) -> None:
    """One file's result: imported (green), skipped (blue) or refused (red), with the rows left out and why."""
    shown = as_shown(result) if isinstance(result, ImportResult) else result
    text = f"**{ui.plain(shown['file'])}** — {ui.plain(shown['message'])}"
    if shown["status"] == "imported":
        where.success(text, icon=":material/check_circle:")
    elif shown["status"] == "skipped":
        where.info(text, icon=":material/info:")
    else:
        where.error(text, icon=":material/block:")
    if shown["reasons"]:
        with where.expander(f"{len(shown['reasons'])} rows left out of {ui.plain(shown['file'])}, and why"):
            ui.dataframe(pd.DataFrame({"reason": shown["reasons"]}), hide_index=True)


def show_last_results() -> None:
    """The last import's summary per organisation (a workshop's) and each file's result."""
    summary = st.session_state.get(SUMMARY_KEY)
    if summary:
        st.subheader("Imported per organisation")
        ui.dataframe(pd.DataFrame(summary), hide_index=True)
    for shown in st.session_state.get(RESULTS_KEY, []):
        show_result(st, shown)


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
        ui.dataframe(frame, hide_index=True, height=min(40 + 35 * len(frame), 230))
    return chosen_platform, chosen_year
