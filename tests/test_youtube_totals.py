"""YouTube Studio Totals.csv of another chart metric than Views: stored where account_day has its column,
else recognised and skipped with a sentence that says what the file holds.

Which connector each file is, its totals and the second import are in tests/test_connector_contract.py.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from connectors import detect
from connectors.youtube_studio_csv import _SKIPPED_METRICS, _STORED_METRICS

YOUTUBE = Path(__file__).resolve().parent / "fixtures" / "youtube"
WEEK = "Content 2026-05-18_2026-05-22 My Channel"


def days(db) -> list[tuple]:
    return db.execute(
        """SELECT a.handle, d.day, d.video_views, d.watch_time_hours, d.impressions, d.followers_gained
           FROM account_day d JOIN account a ON a.id = d.account_id WHERE d.platform = 'youtube' ORDER BY ALL"""
    ).fetchall()


def test_totals_of_several_metrics_fill_the_same_days(db, import_files, tmp_path):
    # Three exports of the same channel and week, one per chart metric, as Studio names their folders.
    for metric in ("watch_time", "impressions", "subscribers_gained"):
        shutil.copytree(YOUTUBE / metric, tmp_path / "exports" / metric)
    results = import_files(tmp_path / "exports")

    assert [(r.file, r.status, r.connector, r.rows_new, r.rows_updated) for r in results] == [
        (f"impressions/{WEEK}/Totals.csv", "imported", "youtube_totals", 4, 0),
        (f"subscribers_gained/{WEEK}/Totals.csv", "imported", "youtube_totals", 0, 4),
        (f"watch_time/{WEEK}/Totals.csv", "imported", "youtube_totals", 1, 4),
    ]
    channel = "My Channel"
    assert days(db) == [
        (channel, date(2026, 5, 18), None, 1.8344, 1210, 3),
        (channel, date(2026, 5, 19), None, 1.2, 980, 1),
        (channel, date(2026, 5, 20), None, 14.5021, 5120, 12),
        (channel, date(2026, 5, 21), None, 12.75, 4350, 8),
        (channel, date(2026, 5, 22), None, 0.0, None, None),  # 0 hours is a figure; no impressions that day
    ]


@pytest.mark.parametrize("metric", sorted(_SKIPPED_METRICS))
def test_every_other_metric_is_skipped_saying_what_it_holds(db, import_files, tmp_path, metric):
    path = tmp_path / "Totals.csv"
    path.write_text(f"Date,{metric}\n2026-05-18,12\n2026-05-19,7\n", encoding="utf-8")

    [result] = import_files(path)

    assert (result.status, result.connector, result.platform) == ("skipped", "youtube_totals_not_stored", "youtube")
    assert (
        result.error
        == f"Totals.csv: a YouTube Studio Totals.csv of '{metric}': {_SKIPPED_METRICS[metric]}; it is not stored."
    )
    assert db.execute("SELECT count(*) FROM import_batch").fetchone() == (0,)


@pytest.mark.parametrize("metric", sorted(_STORED_METRICS))
def test_every_stored_metric_is_recognised_by_its_two_columns_only(metric):
    assert detect("Totals.csv", f"Date,{metric}\n2026-05-18,12\n".encode()).connector.name == "youtube_totals"
    # The same header with a third column, or without days under it, is not a Totals.csv.
    for text in (f"Date,{metric},Shares\n2026-05-18,12,3\n", f"Date,{metric}\nTotal,12\n"):
        with pytest.raises(ValueError):
            detect("Totals.csv", text.encode())


def test_a_channels_days_stay_on_one_account_whether_or_not_the_file_names_it(db, import_files, tmp_path):
    """Studio names the channel only in its folder: the same Totals.csv uploaded alone names none. The two
    landed on two accounts, and the overlapping days were counted twice."""

    def alone(metric: str) -> Path:
        path = tmp_path / metric / "Totals.csv"
        path.parent.mkdir()
        shutil.copy(YOUTUBE / metric / WEEK / "Totals.csv", path)
        return path

    [first] = import_files(alone("impressions"))  # names no channel: the platform's unnamed account
    shutil.copytree(YOUTUBE / "subscribers_gained", tmp_path / "studio")
    [named] = import_files(tmp_path / "studio")  # the folder names it: the unnamed account takes the name
    [last] = import_files(alone("watch_time"))  # names none again: the platform's only account
    assert [(r.rows_new, r.rows_updated) for r in (first, named, last)] == [(4, 0), (0, 4), (1, 4)]
    assert db.execute("SELECT handle FROM account WHERE platform = 'youtube'").fetchall() == [("My Channel",)]
    assert [row[0] for row in days(db)] == ["My Channel"] * 5
