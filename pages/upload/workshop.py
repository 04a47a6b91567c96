"""The Upload page's workshop mode: an uploaded folder whose sub-folders are organisations, each named by its folder.

The rules are the command line's (`python -m impact import DIR --org-per-folder`, impact.store.ingest.import_folders):
each sub-folder of the chosen folder is the organisation it names (clean_name), a file lying beside the
sub-folders belongs to none and is refused, hidden files and folders are left out. The page adds what the
command line need not ask: whether the person may write each organisation. A folder they may not is refused
with a sentence, and nothing of it is imported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import streamlit as st

from impact.store.ingest import ImportResult, beside_the_folders, import_upload
from impact.store.options import ImportOptions
from impact.store.orgs import clean_name, organisation_id
from pages import ui
from pages.upload.parts import import_progress, previews_of, recognise, remember, show_result


class Upload(Protocol):
    """What the page needs of an uploaded file (Streamlit's UploadedFile)."""

    name: str

    def getvalue(self) -> bytes: ...


@dataclass
class OrganisationFolder:
    """One sub-folder of the uploaded folder: its name, the organisation it names, its files in name order."""

    folder: str
    organisation: str
    files: list[Upload] = field(default_factory=list)


def _parts(upload: Upload) -> list[str]:
    # The browser names a folder's file by its path from the chosen folder: "workshop/Asha's NGO/Views.csv".
    return [part for part in re.split(r"[\\/]", upload.name) if part]


def _hidden(parts: list[str]) -> bool:
    """A hidden file or folder (".DS_Store", "._x.csv") or macOS's "__MACOSX": the command line skips them too."""
    return any(part.startswith(".") or part == "__MACOSX" for part in parts[1:])


def organisation_folders(uploads: Sequence[Upload]) -> tuple[list[OrganisationFolder], list[Upload]]:
    """The uploads grouped by the sub-folder they lie in (sub-folders in name order), and the files beside them."""
    folders: dict[str, OrganisationFolder] = {}
    beside: list[Upload] = []
    for upload in sorted(uploads, key=lambda u: u.name):
        parts = _parts(upload)
        if _hidden(parts):
            continue
        if len(parts) < 3:  # the chosen folder's own file (or a name without its folder)
            beside.append(upload)
            continue
        folder = parts[1]
        folders.setdefault(folder, OrganisationFolder(folder, clean_name(folder))).files.append(upload)
    return [folders[name] for name in sorted(folders)], beside


def stray(upload: Upload) -> ImportResult:
    """A file beside the organisations' folders: refused, as the command line refuses it."""
    return beside_the_folders(_parts(upload)[-1] if _parts(upload) else "upload")


def shown_file(folder: OrganisationFolder, upload: Upload, result: ImportResult) -> ImportResult:
    """The result named as the command line names it: the file's path from its organisation's folder."""
    inside = "/".join(_parts(upload)[1:-1])  # the organisation's folder, and any folders inside it
    return replace(result, file=f"{inside}/{result.file}")


def refusal(folder: OrganisationFolder) -> str | None:
    """Why the person may not import this folder into its organisation; None when they may."""
    with ui.store() as con:  # an organisation the person may not read is, for them, one that does not exist
        org_id = organisation_id(con, folder.organisation)
    files = (
        f"none of its {len(folder.files)} files is imported" if len(folder.files) != 1 else "its file is not imported"
    )
    if org_id is None and not ui.can_edit(None):
        return (
            f"{folder.organisation}: no organisation you may change has this name, and only an administrator can "
            f"create one, so {files}. Name the folder as one of your organisations."
        )
    if org_id is not None and not ui.can_edit(org_id):
        return f"{folder.organisation}: you can read this organisation's pages but not change them, so {files}."
    return None


def recognise_folders(folders: list[OrganisationFolder], beside: list[Upload]) -> dict[str, ImportOptions]:
    """Each organisation's files previewed under its name (or its refusal); the import options per folder."""
    saved_options: dict[str, ImportOptions] = {}
    admin = ui.can_edit(None)
    for folder in folders:
        refused = refusal(folder)
        count = f"{len(folder.files)} file{'s' if len(folder.files) != 1 else ''}"
        if refused:
            st.error(ui.plain(refused), icon=":material/block:")
            continue
        previews = previews_of(folder.files)
        asks = any(item.problem or item.unnamed_title or item.year_note for _, items in previews for item in items)
        with st.expander(f"{ui.plain(folder.organisation)} · {count}", expanded=asks or len(folders) <= 3):
            choices = recognise(previews, folder.organisation)
        # An editor's data package must be of the folder's organisation (a package names its own).
        saved_options[folder.folder] = replace(choices, package_for=None if admin else folder.organisation)
    for upload in beside:
        st.error(ui.plain(stray(upload).error), icon=":material/block:")
    return saved_options


def import_organisation_folders(
    folders: list[OrganisationFolder], beside: list[Upload], options: dict[str, ImportOptions]
) -> None:
    """Import each folder the person may write into its organisation, showing each file's result as it lands."""
    total = sum(len(f.files) for f in folders) + len(beside)
    progress = st.progress(0.0, text="Importing…")
    landed = st.container()
    results: list[ImportResult] = []
    summary: list[dict[str, object]] = []
    done = 0

    def land(found: list[ImportResult]) -> None:
        for result in found:
            show_result(landed, result)
        results.extend(found)

    for folder in folders:
        refused = refusal(folder)  # asked again: the person's roles may have changed since the preview
        if refused:
            refusals = [ImportResult(folder.organisation, "rejected", error=refused)]
            ui.audit("import refused", None, refusals[0].sentence())
            land(refusals)
            done += len(folder.files)
            summary.append(summary_row(folder.organisation, len(folder.files), refusals, refused=len(folder.files)))
            continue
        found: list[ImportResult] = []
        with ui.store() as con:
            org_id = organisation_id(con, folder.organisation)
        with ui.writer(org_id) as con:
            for upload in folder.files:
                import_progress(progress, done, total, results, "/".join(_parts(upload)[1:]))
                imported = import_upload(con, upload.name, upload.getvalue(), folder.organisation,
                                         options.get(folder.folder))  # fmt: skip
                named = [shown_file(folder, upload, r) for r in imported]
                land(named)
                found.extend(named)
                done += 1
        with ui.store() as con:  # created by its first file, when new
            org_id = organisation_id(con, folder.organisation)
        for result in found:
            ui.audit("import refused" if result.status == "rejected" else "import", org_id, result.sentence())
        summary.append(summary_row(folder.organisation, len(folder.files), found))
    strays = [stray(upload) for upload in beside]
    for result in strays:
        ui.audit("import refused", None, result.sentence())
    land(strays)
    if strays:
        summary.append(summary_row("(files beside the folders)", len(strays), strays))
    import_progress(progress, total, total, results, None)
    remember(results, summary)
    st.rerun()


def summary_row(
    organisation: str, files: int, results: list[ImportResult], refused: int | None = None
) -> dict[str, object]:
    """One organisation's line of the summary: its files, and how they went (`refused`: all of a refused folder's)."""
    return {
        "organisation": organisation,
        "files": files,
        "imported": sum(r.status == "imported" for r in results),
        "skipped": sum(r.status == "skipped" for r in results),
        "refused": sum(r.status == "rejected" for r in results) if refused is None else refused,
        "new rows": sum(r.rows_new for r in results),
        "updated rows": sum(r.rows_updated for r in results),
        "rows left out": sum(r.rows_rejected for r in results),
    }
