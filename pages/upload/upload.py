"""Upload: add export files (CSV, XLSX, ZIP), see what each is before importing, undo an import."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from connectors import interactions_csv
from connectors.time_log_csv import TEMPLATE_CSV, TEMPLATE_FILENAME
from impact.sample import load_sample
from impact.store.history import batch_rejections, import_history
from impact.store.ingest import ImportResult, import_upload, undo_batch
from impact.store.mappings import saved_connectors
from impact.store.names import shown_name
from impact.store.options import ImportOptions
from impact.store.orgs import organisation_id, organisations
from impact.store.preview import import_name, preview_upload
from pages import ui
from pages.upload.parts import mapping_form, preview_card

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

organisation = ui.current_organisation()
if ui.can_edit(None):  # an admin (or the local user) may name a new organisation
    new_name = st.text_input(
        "Organisation these exports belong to",
        value=organisation or "",
        placeholder="e.g. Pune Education Trust",
        help="A new name creates a new organisation.",
        max_chars=200,
    )
else:  # an editor imports into the organisations they edit (the restricted store shows only those)
    with ui.store() as con:
        own = organisations(con)
    new_name = st.selectbox(
        "Organisation these exports belong to", own, index=own.index(organisation) if organisation in own else 0
    )
whole_folder = st.toggle("Upload a whole folder", help="Every export in the folder and its sub-folders.")
files = st.file_uploader(
    "Export folder" if whole_folder else "Export files",
    type=["csv", "xlsx", "xls", "zip", "txt", "xml", "rss", "atom"],
    accept_multiple_files="directory" if whole_folder else True,
    # A new key after each import empties the uploader, so the results are what the page shows next.
    key=f"uploads_{'folder' if whole_folder else 'files'}_{st.session_state.get('upload_round', 0)}",
    help="CSV, XLSX, XLS or ZIP, up to 200 MB each; also a saved RSS or Atom feed (a blog's, or Google Alerts').",
)


def remember(results: list[ImportResult]) -> None:
    """Keep the results for the next run, which shows them; the uploader starts empty again."""
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.session_state["last_results"] = [
        # The file's name is shown in bold in front, so the sentence need not repeat it.
        {
            "file": shown_name(r.file),
            "status": r.status,
            "message": r.sentence().replace(f"{shown_name(r.file)}: ", "", 1),
            "reasons": [shown_name(x) for _, x in r.rejections],
        }
        for r in results
    ]


def target_id(name: str | None) -> int | None:
    """The id of the organisation files go into; None for a new one (which only an admin may make)."""
    with ui.store() as con:
        return organisation_id(con, name) if name else None


def audit_imports(results: list[ImportResult], organisation: str) -> None:
    """Each file imported or refused goes into the audit log, with its sentence."""
    org_id = target_id(organisation)
    for result in results:
        ui.audit("import refused" if result.status == "rejected" else "import", org_id, result.sentence())


target = (new_name or "").strip() or organisation
if files:
    st.subheader("What was recognised")
    with ui.store() as con:
        saved = saved_connectors(con)
    previews = [(upload, preview_upload(upload.name, upload.getvalue(), saved)) for upload in files]
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
                        results = mapping_form(upload.name, upload.getvalue(), item.mappable_header, target or "")
                        if results is not None:
                            remember(results)
                            if target and target != organisation:
                                st.session_state["organisation"] = target
                            st.rerun()
                    continue
                chosen_platform, chosen_year = preview_card(item, siblings)
                imported_as = import_name(upload.name, item.name)
                if chosen_platform:
                    platforms[imported_as] = chosen_platform
                if chosen_year:
                    years[imported_as] = chosen_year
    # An editor's data package must be of the organisation chosen above (a package names its own).
    only_for = None if ui.can_edit(None) else target
    options = ImportOptions(platforms=platforms, years=years, siblings=siblings, package_for=only_for)
    if st.button(
        f"Import {len(files)} file{'s' if len(files) != 1 else ''} into {ui.plain(target or 'a new organisation')}",
        type="primary",
    ):
        results: list[ImportResult] = []
        progress = st.progress(0.0, text="Importing…")
        with ui.writer(target_id(target)) as con:
            for index, upload in enumerate(files):
                # How far the import is, and how the files so far went, while the next one is read.
                done = sum(r.status == "imported" for r in results)
                refused = sum(r.status == "rejected" for r in results)
                progress.progress(
                    index / len(files),
                    text=f"{index} of {len(files)} files done ({done} imported, {refused} refused); now "
                    f"{ui.plain(upload.name)}",
                )
                results.extend(import_upload(con, upload.name, upload.getvalue(), target or "My organisation", options))
        progress.progress(1.0, text=f"{len(files)} of {len(files)} files done.")
        audit_imports(results, target or "My organisation")
        remember(results)
        if target and target != organisation:
            st.session_state["organisation"] = target
        st.rerun()

for result in st.session_state.get("last_results", []):
    text = f"**{ui.plain(result['file'])}** — {ui.plain(result['message'])}"
    if result["status"] == "imported":
        st.success(text, icon=":material/check_circle:")
    elif result["status"] == "skipped":
        st.info(text, icon=":material/info:")
    else:
        st.error(text, icon=":material/block:")
    if result["reasons"]:
        with st.expander(f"{len(result['reasons'])} rows left out of {ui.plain(result['file'])}, and why"):
            st.dataframe(pd.DataFrame({"reason": result["reasons"]}), hide_index=True)

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
    st.dataframe(
        ui.neutralise_formulas(history),
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
                with ui.writer(org_id) as con:
                    st.session_state["undo_message"] = undo_batch(con, int(batch))
                ui.audit("undo", org_id, st.session_state["undo_message"])
                st.rerun()
    if "undo_message" in st.session_state:
        st.success(ui.plain(st.session_state.pop("undo_message")))
    rejected_batches = history[history["rejected"] > 0]
    for batch in rejected_batches["batch"].head(10):
        with st.expander(f"Rows left out of batch {batch}"), ui.store() as con:
            reasons = [shown_name(r) for r in batch_rejections(con, int(batch))]
            st.dataframe(pd.DataFrame({"reason": reasons}), hide_index=True)
