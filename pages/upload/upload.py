"""Upload: add export files (CSV, XLSX, ZIP), see what each is before importing, undo an import."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from connectors import interactions_csv
from connectors.time_log_csv import TEMPLATE_CSV, TEMPLATE_FILENAME
from impact.sample import load_sample
from impact.store.history import batch_rejections, import_history
from impact.store.ingest import ImportResult, import_upload, undo_batch
from impact.store.names import shown_name
from impact.store.orgs import organisation_id, organisations
from pages import ui
from pages.upload.parts import import_progress, previews_of, recognise, remember, show_last_results, show_result
from pages.upload.workshop import import_organisation_folders, organisation_folders, recognise_folders

st.title("Upload exports")
st.write(
    "Add the files you downloaded: X, Facebook and Instagram (Meta Business Suite), YouTube Studio, LinkedIn, "
    "TikTok, Google Analytics, Mailchimp, PayPal and other donation reports, Toggl or Clockify time logs, a blog's feed or a Google Alerts feed. "
    "Several at once is fine, and so is a ZIP or a whole folder. Each file is recognised by its content, "
    "checked, and imported whole or not at all; importing a file twice never counts it twice."
)
st.download_button(
    "Download the time-log template (CSV)",
    TEMPLATE_CSV.encode("utf-8"),
    file_name=TEMPLATE_FILENAME,
    mime="text/csv",
    help="One row per stretch of work: date, person, platform, activity, minutes, campaign, note.",
)
st.download_button(
    "Download the interactions template (CSV)",
    interactions_csv.TEMPLATE_CSV.encode("utf-8"),
    file_name=interactions_csv.TEMPLATE_FILENAME,
    mime="text/csv",
    help="One row per person's interaction the platforms do not export: date, platform, person, name, kind "
    "(share, reply, like, ...), post, followers. They count on the People page.",
)

whole_folder = st.toggle("Upload a whole folder", help="Every export in the folder and its sub-folders.")
per_organisation = whole_folder and st.toggle(
    "Each sub-folder is an organisation",
    help="A workshop's exports: the folder holds a folder per organisation, named as the organisation (a new "
    "name creates it, for an administrator). A file beside those folders belongs to none and is refused.",
)
organisation = ui.current_organisation()
new_name: str | None = None  # with a folder per organisation, each folder names its own
if not per_organisation and ui.can_edit(None):  # an admin (or the local user) may name a new organisation
    new_name = st.text_input(
        "Organisation these exports belong to",
        value=organisation or "",
        placeholder="e.g. Pune Education Trust",
        help="A new name creates a new organisation.",
        max_chars=200,
    )
elif not per_organisation:  # an editor imports into the organisations they edit (the store shows only those)
    with ui.store() as con:
        own = organisations(con)
    new_name = st.selectbox(
        "Organisation these exports belong to", own, index=own.index(organisation) if organisation in own else 0
    )
files = st.file_uploader(
    "Export folder" if whole_folder else "Export files",
    type=["csv", "xlsx", "xls", "zip", "txt", "xml", "rss", "atom"],
    accept_multiple_files="directory" if whole_folder else True,
    # A new key after each import empties the uploader, so the results are what the page shows next.
    key=f"uploads_{'folder' if whole_folder else 'files'}_{st.session_state.get('upload_round', 0)}",
    help="CSV, XLSX, XLS or ZIP, up to 200 MB each; also a saved RSS or Atom feed (a blog's, or Google Alerts').",
)


def target_id(name: str | None) -> int | None:
    """The id of the organisation files go into; None for a new one (which only an admin may make)."""
    with ui.store() as con:
        return organisation_id(con, name) if name else None


target = (new_name or "").strip() or organisation
if files and per_organisation:
    st.subheader("What was recognised, per organisation")
    folders, beside = organisation_folders(files)
    options = recognise_folders(folders, beside)
    files_in = sum(len(f.files) for f in folders if f.folder in options)
    if st.button(
        f"Import {files_in} file{'s' if files_in != 1 else ''} into {len(options)} "
        f"organisation{'s' if len(options) != 1 else ''}",
        type="primary",
        disabled=not options,
    ):
        import_organisation_folders(folders, beside, options)
elif files:
    st.subheader("What was recognised")
    chosen = recognise(previews_of(files), target or "")
    # An editor's data package must be of the organisation chosen above (a package names its own).
    options = replace(chosen, package_for=None if ui.can_edit(None) else target)
    if st.button(
        f"Import {len(files)} file{'s' if len(files) != 1 else ''} into {ui.plain(target or 'a new organisation')}",
        type="primary",
    ):
        results: list[ImportResult] = []
        progress = st.progress(0.0, text="Importing…")
        landed = st.container()  # each file's result as it lands
        with ui.writer(target_id(target)) as con:
            for index, upload in enumerate(files):
                import_progress(progress, index, len(files), results, upload.name)
                found = import_upload(con, upload.name, upload.getvalue(), target or "My organisation", options)
                for result in found:
                    show_result(landed, result)
                results.extend(found)
        import_progress(progress, len(files), len(files), results, None)
        org_id = target_id(target or "My organisation")
        for result in results:
            ui.audit("import refused" if result.status == "rejected" else "import", org_id, result.sentence())
        remember(results)
        if target and target != organisation:
            st.session_state["organisation"] = target
        st.rerun()

show_last_results()

st.divider()
st.subheader("Import history")
with ui.store() as con:
    org_id = organisation_id(con, organisation) if organisation else None
    history = import_history(con, org_id)
    if not history.empty:
        history["file"] = history["file"].map(shown_name)
if history.empty:
    st.write("Nothing imported yet.")
    if ui.can_edit(None) and st.button("Load the demo data (five fictional non-profits)"):
        with st.spinner("Loading the demo data…"), ui.writer(None) as con:
            load_sample(con)
        ui.audit("import", None, "the demo data")
        st.rerun()
else:
    ui.dataframe(
        history,
        hide_index=True,
        width="stretch",
        column_config={"imported_at": st.column_config.DatetimeColumn("imported at", format="D MMM YYYY, HH:mm")},
    )
    active = history[history["status"] == "imported"]
    if not active.empty:
        with st.form("undo"):
            batch = st.selectbox(
                "Undo an import",
                active["batch"].tolist(),
                format_func=lambda b: f"batch {b}: {active.set_index('batch').loc[b, 'file']}",
            )
            confirmed = st.checkbox("Yes, remove what this file brought in (earlier imports' figures come back)")
            if st.form_submit_button("Undo import") and confirmed and batch in active["batch"].tolist():
                try:
                    with ui.writer(org_id) as con:
                        st.session_state["undo_message"] = undo_batch(con, int(batch))
                except LookupError as refused:  # already undone, or another import's refunds need it
                    st.error(ui.plain(str(refused)))
                else:
                    ui.audit("undo", org_id, st.session_state["undo_message"])
                    st.rerun()
    if "undo_message" in st.session_state:
        st.success(ui.plain(st.session_state.pop("undo_message")))
    rejected_batches = history[history["rejected"] > 0]
    for batch in rejected_batches["batch"].head(10):
        with st.expander(f"Rows left out of batch {batch}"), ui.store() as con:
            reasons = [shown_name(r) for r in batch_rejections(con, int(batch))]
            ui.dataframe(pd.DataFrame({"reason": reasons}), hide_index=True)
