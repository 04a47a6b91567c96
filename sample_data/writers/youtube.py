"""YouTube Studio content export: "Content <from>_<to> <channel>.zip".

One folder in the zip with three CSVs (UTF-8, no BOM, LF, minimal quoting): `Table data.csv`
(a `Total` row first, then one row per video; the viewer columns are only filled on the Total row;
a private video has no publish time), `Chart data.csv` (per video per day, only days with views)
and `Totals.csv` (every day). Numbers are printed without trailing zeros ("4.12", "75"), durations
as H:MM:SS, publish days as "Mar 15, 2025". The zip is deterministic: fixed member times and modes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sample_data.writers.archive import DateTime, deterministic_zip
from sample_data.writers.dates import MONTHS
from sample_data.writers.quoting import csv_text, quote_minimal

TABLE_HEADER = [
    "Content", "Video title", "Video publish time", "Duration", "Likes", "Dislikes", "Shares", "YouTube Premium views",
    "Regular viewers", "Casual viewers", "Average views per viewer", "New viewers", "Unique viewers",
    "Stayed to watch (%)", "Average view duration", "Engaged views", "Views", "Watch time (hours)", "Subscribers",
    "Impressions", "Impressions click-through rate (%)",
]  # fmt: skip
CHART_HEADER = ["Date", "Content", "Video title", "Video publish time", "Duration", "Views"]
TOTALS_HEADER = ["Date", "Views"]


@dataclass(frozen=True)
class TableTotal:
    """The `Total` row of Table data."""

    likes: int
    dislikes: int
    shares: int
    premium_views: int
    regular_viewers: int
    casual_viewers: int
    views_per_viewer: float
    new_viewers: int
    unique_viewers: int
    stayed_pct: float
    average_view_seconds: float
    engaged_views: int
    views: int
    watch_hours: float
    subscribers: int
    impressions: int
    ctr_pct: float


@dataclass(frozen=True)
class TableVideo:
    """One video's row of Table data; `published` None for a private video."""

    video_id: str
    title: str
    published: date | None
    duration: int
    likes: int
    dislikes: int
    shares: int
    premium_views: int
    stayed_pct: float | None
    average_view_seconds: int
    engaged_views: int
    views: int
    watch_hours: float
    subscribers: int
    impressions: int
    ctr_pct: float | None


@dataclass(frozen=True)
class ChartRow:
    """One video's views on one day (Chart data)."""

    day: date
    video_id: str
    title: str
    published: date | None
    duration: int
    views: int


def fmt_num(x: float, places: int) -> str:
    """4.1200 -> '4.12', 75.00 -> '75' (as YouTube Studio prints them)."""
    s = f"{x:.{places}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def hms(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def publish_day(d: date | None) -> str:
    """The publish day as "Mar 15, 2025"; empty for a private video."""
    return "" if d is None else f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def content_folder(start: date, end: date, channel: str) -> str:
    return f"Content {start.isoformat()}_{end.isoformat()} {channel}"


def table_data(total: TableTotal, videos: Sequence[TableVideo]) -> bytes:
    """Table data.csv, videos in the order given."""
    t = total
    rows = [
        TABLE_HEADER,
        [
            "Total", "", "", "", str(t.likes), str(t.dislikes), str(t.shares), str(t.premium_views),
            str(t.regular_viewers), str(t.casual_viewers), fmt_num(t.views_per_viewer, 2), str(t.new_viewers),
            str(t.unique_viewers), fmt_num(t.stayed_pct, 2), hms(t.average_view_seconds), str(t.engaged_views),
            str(t.views), fmt_num(t.watch_hours, 4), str(t.subscribers), str(t.impressions), fmt_num(t.ctr_pct, 2),
        ],
    ]  # fmt: skip
    for v in videos:
        row = [
            v.video_id, v.title, publish_day(v.published), str(v.duration), str(v.likes), str(v.dislikes),
            str(v.shares), str(v.premium_views), "", "", "", "", "",
            "" if v.stayed_pct is None else fmt_num(v.stayed_pct, 2), hms(v.average_view_seconds),
            str(v.engaged_views), str(v.views), fmt_num(v.watch_hours, 4), str(v.subscribers), str(v.impressions),
            "" if v.ctr_pct is None else fmt_num(v.ctr_pct, 2),
        ]  # fmt: skip
        rows.append(row)
    return csv_text(rows, quote_minimal, "\n").encode("utf-8")


def chart_data(rows: Sequence[ChartRow]) -> bytes:
    """Chart data.csv, rows in the order given."""
    table = [CHART_HEADER]
    for r in rows:
        table.append([r.day.isoformat(), r.video_id, r.title, publish_day(r.published), str(r.duration), str(r.views)])
    return csv_text(table, quote_minimal, "\n").encode("utf-8")


def totals(days: Sequence[tuple[date, int]]) -> bytes:
    """Totals.csv: every day's views."""
    table = [TOTALS_HEADER] + [[d.isoformat(), str(n)] for d, n in days]
    return csv_text(table, quote_minimal, "\n").encode("utf-8")


def content_zip(
    folder: str,
    total: TableTotal,
    videos: Sequence[TableVideo],
    chart: Sequence[ChartRow],
    days: Sequence[tuple[date, int]],
    date_time: DateTime,
) -> bytes:
    """The whole export: `folder`/Chart data.csv, Table data.csv and Totals.csv."""
    members = [
        (f"{folder}/Chart data.csv", chart_data(chart)),
        (f"{folder}/Table data.csv", table_data(total, videos)),
        (f"{folder}/Totals.csv", totals(days)),
    ]
    return deterministic_zip(members, date_time)
