"""The data appendix: every file and entry the figures come from, with its dates, and the definitions used."""

from __future__ import annotations

import duckdb
import pandas as pd

from impact.definitions import DEFINITIONS
from impact.platforms import platform_label
from impact.presence import COMPONENTS, SCORE_AND_STAGE
from impact.report.document import Column, day, table, text, whole

MANUAL = "manual"  # store.manual: each entry typed in by hand is a batch of its own on this platform
MANUAL_LABELS = {"manual_time": "time typed in on Time & ROI", "manual_outcome": "outcomes typed in on Campaigns"}


def imported_files(con: duckdb.DuckDBPyConnection, organisation_id: int) -> pd.DataFrame:
    """The organisation's imported files (not undone), oldest export first: the store's import_batch rows."""
    return con.execute(
        """SELECT id AS batch, source_name AS file, platform, connector, as_of, started_at AS imported_at,
                  rows_read, rows_new + rows_updated AS rows_kept, rows_rejected, sha256
           FROM import_batch
           WHERE organisation_id = ? AND status = 'imported' AND platform <> ?
           ORDER BY as_of, id""",
        [organisation_id, MANUAL],
    ).df()


def manual_entries(con: duckdb.DuckDBPyConnection, organisation_id: int) -> pd.DataFrame:
    """Entries typed in by hand, per kind: how many, the first and the last entered."""
    return con.execute(
        """SELECT connector, count(*) AS entries, min(started_at) AS first, max(started_at) AS last
           FROM import_batch WHERE organisation_id = ? AND status = 'imported' AND platform = ?
           GROUP BY connector ORDER BY connector""",
        [organisation_id, MANUAL],
    ).df()


FILE_COLUMNS: list[Column] = [
    ("batch", "Import", lambda v: whole(v), True),
    ("file", "File", text, False),
    ("platform", "Platform", lambda v: text(platform_label(str(v))), False),
    ("as_of", "Export dated", day, False),
    ("imported_at", "Imported", day, False),
    ("rows_read", "Rows read", whole, True),
    ("rows_kept", "Rows new or updated", whole, True),
    ("rows_rejected", "Rows left out", whole, True),
    ("sha256", "Checksum", lambda v: f"<code>{text(str(v)[:12])}</code>", False),
]


def sources_html(con: duckdb.DuckDBPyConnection, organisation_id: int) -> str:
    """The files and hand-typed entries of one organisation, as tables."""
    files = imported_files(con, organisation_id)
    parts = []
    if files.empty:
        parts.append("<p>No file is imported.</p>")
    else:
        parts.append(table(files, FILE_COLUMNS, "sources"))
        parts.append(
            "<p class=\"note\">The export date is the export's own: where exports overlap, the newest one's figures "
            "count. Rows left out are listed with their reasons in the dashboard's import history. The checksum is "
            "the start of the file's SHA-256, to tell which copy of a file was imported.</p>"
        )
    manual = manual_entries(con, organisation_id)
    if not manual.empty:
        lines = "".join(
            f"<li>{whole(r.entries)} {text(MANUAL_LABELS.get(str(r.connector), str(r.connector)))}, "
            f"entered {day(r.first)} to {day(r.last)}</li>"
            for r in manual.itertuples(index=False)
        )
        parts.append(f"<p>Typed in by hand in the dashboard:</p><ul>{lines}</ul>")
    return "".join(parts)


def definitions_html(keys: list[str], components: bool = True) -> str:
    """The definition of every figure the report shows, and of each web-presence component."""
    items = [
        f"<dt>{text(DEFINITIONS[k].label)}</dt><dd>{text(DEFINITIONS[k].text)}</dd>"
        for k in dict.fromkeys(keys)
        if k in DEFINITIONS
    ]
    if components:
        items += [
            f"<dt>Web presence: {text(c.name)} (default weight {c.weight:g})</dt>"
            f"<dd>{text(c.definition)} Why it counts: {text(c.why_weight)}</dd>"
            for c in COMPONENTS.values()
        ]
        items.append(f"<dt>Web-presence score and stage</dt><dd>{text(SCORE_AND_STAGE)}</dd>")
    return f'<dl class="definitions">{"".join(items)}</dl>'
