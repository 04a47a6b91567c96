"""Time logs into `time_entry`: the product's template, Toggl Track and Clockify detailed reports.

The fixtures are in tests/fixtures/time/ (written by make_time_fixtures.py there); every expected
figure below is read off those files by hand. Which connector each file is, its entries and minutes in
total, the second import and the files rejected whole are in tests/test_connector_contract.py.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from connectors.time_log_csv import TEMPLATE_CSV, TEMPLATE_FILENAME
from impact.store.ingest import undo_batch

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TIME = FIXTURES / "time"
TOGGL_NOV = "time/toggl/Toggl_time_entries_2026-11-01_to_2026-11-07.csv"
TOGGL_OVERLAP = "time/toggl/overlap/Toggl_time_entries_2026-11-05_to_2026-11-14.csv"


def counts(result) -> tuple:
    return (
        result.status,
        result.connector,
        result.platform,
        result.rows_new,
        result.rows_updated,
        result.rows_unchanged,
        result.rows_rejected,
    )


def entries(db, columns: str = "day, person, channel, activity, minutes, campaign, note") -> list[tuple]:
    return db.execute(f"SELECT {columns} FROM time_entry ORDER BY day, started_at, person, note").fetchall()


def minutes_by(db, column: str) -> dict:
    """Σ minutes per value of a column (NULL included): the figures the ROI page adds up."""
    return dict(db.execute(f"SELECT {column}, sum(minutes) FROM time_entry GROUP BY ALL").fetchall())


def total_minutes(db) -> float:
    return db.execute("SELECT sum(minutes) FROM time_entry").fetchone()[0]


# --------------------------------------------------------------------------------------- template


def test_template_offered_for_download_is_the_fixture_and_imports(db, import_files):
    fixture = TIME / "template" / TEMPLATE_FILENAME
    assert fixture.read_bytes() == TEMPLATE_CSV.encode("utf-8")
    assert TEMPLATE_CSV.splitlines()[0] == "date,person,platform,activity,minutes,campaign,note"

    import_files(fixture)

    assert entries(db) == [
        (
            date(2026, 11, 2),
            "Arjun Nair",
            "whatsapp",
            "engage",
            45.0,
            "Clean Ganga Week",
            "Answered volunteers in the group",
        ),
        (
            date(2026, 11, 2),
            "Priya Sharma",
            "instagram",
            "create",
            90.0,
            "Clean Ganga Week",
            "Reel of the riverbank clean-up",
        ),
        (date(2026, 11, 3), "Meena Iyer", "facebook", "measure", 30.0, None, "Monthly reach figures for the trustees"),
    ]
    # The template has no start times.
    assert db.execute("SELECT count(started_at) FROM time_entry").fetchone() == (0,)


def test_filled_template_day_first_free_text_and_a_session_logged_twice(db, import_files):
    import_files("time/template/time_log_november_2026.csv")

    # Eight lines, two of them identical: both are counted (two sessions of 90 minutes).
    assert minutes_by(db, "person") == {"Priya Sharma": 180, "Arjun Nair": 110, "Meena Iyer": 175, "Rahul Verma": 75}
    # "Insta", "FB", "Twitter", "Newsletter" are normalised; "Koo" names no platform this product knows.
    assert minutes_by(db, "channel") == {
        "instagram": 180,
        "facebook": 90,
        "x": 20,
        "youtube": 135,
        "linkedin": 40,
        "email": 60,
        None: 15,
    }
    # "Video editing" is creating; "team meeting" is none of the four, and still counts as effort.
    assert minutes_by(db, "activity") == {"create": 315, "engage": 105, "listen": 20, "measure": 40, None: 60}
    # Every day is 12 or less, so only the preference decides: 02/11/2026 is 2 November, not 11 February.
    assert db.execute("SELECT min(day), max(day) FROM time_entry").fetchone() == (date(2026, 11, 2), date(2026, 11, 12))
    # "1:30" and "2:15" are hours and minutes.
    assert db.execute(
        "SELECT minutes FROM time_entry WHERE person = 'Arjun Nair' AND channel = 'facebook'"
    ).fetchone() == (90.0,)
    twice = db.execute(
        "SELECT entry_key FROM time_entry WHERE note = 'Reel: packing ration kits' ORDER BY entry_key"
    ).fetchall()
    assert [k[-2:] for (k,) in twice] == ["#1", "#2"] and twice[0][0][:-2] == twice[1][0][:-2]


def test_identical_lines_stay_two_when_the_log_is_saved_again(db, import_files, tmp_path):
    """A re-saved log (other bytes, same lines) finds the same numbered keys: nothing is added."""
    original = (TIME / "template" / "time_log_november_2026.csv").read_bytes()
    resaved = tmp_path / "time_log_november_2026_resaved.csv"
    resaved.write_bytes(original.replace(b"\r\n", b"\n").removeprefix(b"\xef\xbb\xbf"))
    import_files("time/template/time_log_november_2026.csv")

    [result] = import_files(resaved)

    assert counts(result) == ("imported", "time_log_template", "template", 0, 0, 8, 0)
    assert db.execute("SELECT count(*), sum(minutes) FROM time_entry").fetchone() == (8, 540.0)


def test_template_is_month_first_when_a_day_is_above_12(db, import_files):
    import_files("time/template/time_log_us_dates.csv")

    # 11/25/2026 can only be 25 November, so 11/02/2026 in the same file is 2 November.
    assert entries(db, "day, channel, activity, minutes") == [
        (date(2026, 11, 2), "facebook", "engage", 25.0),
        (date(2026, 11, 25), "email", "create", 50.0),
    ]


def test_template_saved_as_unicode_text_from_excel(db, import_files):
    import_files("time/template/time_log_unicode_text.txt")

    assert entries(db) == [
        (date(2026, 11, 4), "अनीता", "whatsapp", "engage", 35.0, "दिवाली", "स्वयंसेवकों के सवालों के जवाब"),
        (date(2026, 11, 5), "अनीता", "instagram", "create", 70.0, "दिवाली", "दिवाली रील"),
    ]


def test_platform_and_activity_spellings(db, import_files, tmp_path):
    spellings = [
        ("X (Twitter)", "Tweeting", "x", "create"),
        ("twitter", "replies", "x", "engage"),
        ("Facebook & Instagram", "comment moderation", "facebook", "engage"),
        ("IG", "Reel design", "instagram", "create"),
        ("YT", "Read viewer comments", "youtube", "engage"),
        ("Linked In", "analytics review", "linkedin", "measure"),
        ("Tik Tok", "trend research", "tiktok", "listen"),
        ("Whatsapp group", "answer queries", "whatsapp", "engage"),
        ("WordPress blog", "write article", "blog", "create"),
        ("E-mail", "monthly report", "email", "measure"),
        ("Web site", "monitor mentions", "website", "listen"),
        ("Box office", "admin", None, None),  # no "x", no "dm" inside other words
        ("", "", None, None),
    ]
    lines = ["date,person,platform,activity,minutes,campaign,note"]
    lines += [
        f"2026-11-02,P{i},{platform},{activity},{i + 1},," for i, (platform, activity, _, _) in enumerate(spellings)
    ]
    path = tmp_path / "time_log_spellings.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    [result] = import_files(path)

    assert (result.status, result.rows_new, result.rows_rejected) == ("imported", len(spellings), 0)
    stored = db.execute("SELECT channel, activity FROM time_entry ORDER BY minutes").fetchall()
    assert stored == [(channel, activity) for _, _, channel, activity in spellings]


# ------------------------------------------------------------------------------------------ Toggl


def test_toggl_detailed_report(db, import_files):
    import_files(TOGGL_NOV)

    # Project names the platform, Tags the activity, Client the campaign; Duration H:MM:SS is minutes.
    assert entries(db, "day, started_at, person, channel, activity, minutes, campaign") == [
        (
            date(2026, 11, 2),
            datetime(2026, 11, 2, 10, 0),
            "Priya Sharma",
            "instagram",
            "create",
            90.0,
            "Diwali food drive",
        ),
        (
            date(2026, 11, 2),
            datetime(2026, 11, 2, 17, 15),
            "Priya Sharma",
            "instagram",
            "engage",
            30.0,
            "Diwali food drive",
        ),
        (date(2026, 11, 4), datetime(2026, 11, 4, 9, 5), "Arjun Nair", "x", "listen", 20.0, None),
        (
            date(2026, 11, 6),
            datetime(2026, 11, 6, 14, 0),
            "Arjun Nair",
            "facebook",
            "create",
            70.5,
            "Diwali food drive",
        ),
    ]
    # The e-mail address only feeds the key; other columns are kept under their own names.
    assert db.execute("SELECT extra FROM time_entry WHERE minutes = 70.5").fetchone() == (
        '{"Billable":"No","End date":"2026-11-06","End time":"15:10:30"}',
    )
    assert "jalseva.org" not in str(db.execute("SELECT * FROM time_entry").fetchall())


def test_overlapping_toggl_exports_are_not_double_counted(db, import_files):
    import_files(TOGGL_NOV)

    [second] = import_files(TOGGL_OVERLAP)

    # 6 November is in both; its end was corrected (70.5 -> 75 minutes): updated, not added.
    assert counts(second) == ("imported", "toggl_detailed_csv", "toggl", 3, 1, 0, 0)
    assert db.execute("SELECT count(*) FROM time_entry").fetchone() == (7,)
    assert total_minutes(db) == 90 + 30 + 20 + 75 + 135 + 40 + 90 == 480
    assert minutes_by(db, "person") == {"Priya Sharma": 210, "Arjun Nair": 95, "Meena Iyer": 175}
    assert minutes_by(db, "channel") == {
        "instagram": 120,
        "x": 20,
        "facebook": 75,
        "youtube": 135,
        "linkedin": 40,
        "email": 90,
    }
    assert minutes_by(db, "activity") == {"create": 390, "engage": 30, "listen": 20, "measure": 40}
    assert db.execute("SELECT count(*) FROM time_entry_observation").fetchone() == (8,)


def test_toggl_track_newer_vintage(db, import_files):
    import_files("time/toggl/Toggl_Track_time_entries_2026-12-01_to_2026-12-07.csv")

    # "Member" is the person. An entry past midnight belongs to the day it started. With no project the
    # platform comes from Tags, the activity from Task ("Moderation"); "Campaign analytics" is measuring.
    assert entries(db, "day, started_at, person, channel, activity, minutes, campaign, note") == [
        (
            date(2026, 12, 1),
            datetime(2026, 12, 1, 23, 30),
            "Rahul Verma",
            "website",
            "create",
            65.0,
            "Winter blanket drive",
            "Updated donate page copy",
        ),
        (
            date(2026, 12, 2),
            datetime(2026, 12, 2, 18, 0),
            "Priya Sharma",
            "instagram",
            "engage",
            50.0,
            "Winter blanket drive",
            "सर्दी राहत: टिप्पणियों के जवाब",
        ),
        (
            date(2026, 12, 5),
            datetime(2026, 12, 5, 10, 0),
            "Arjun Nair",
            "facebook",
            "measure",
            45.0,
            None,
            "Campaign analytics",
        ),
    ]


# --------------------------------------------------------------------------------------- Clockify


def test_clockify_us_defaults(db, import_files):
    import_files("time/clockify/Clockify_Time_Report_Detailed_11_01_2026-11_30_2026.csv")

    # MM/DD/YYYY (11/16 settles it) and 12-hour times; "01:20:00" is 80 minutes, where the rounded
    # "Duration (decimal)" 1.33 would give 79.8.
    assert entries(db, "day, started_at, person, channel, activity, minutes, campaign") == [
        (
            date(2026, 11, 2),
            datetime(2026, 11, 2, 10, 0),
            "Priya Sharma",
            "instagram",
            "create",
            90.0,
            "Diwali food drive",
        ),
        (
            date(2026, 11, 16),
            datetime(2026, 11, 16, 17, 15),
            "Arjun Nair",
            "facebook",
            "engage",
            45.0,
            "Diwali food drive",
        ),
        (date(2026, 11, 20), datetime(2026, 11, 20, 9, 0), "Priya Sharma", "email", "create", 80.0, None),
    ]
    assert minutes_by(db, "person") == {"Priya Sharma": 170, "Arjun Nair": 45}


def test_clockify_day_first_and_decimal_durations(db, import_files, monkeypatch):
    # A date after the import day is refused: the month's report is imported at the month's end.
    monkeypatch.setattr("impact.store.ingest.today", lambda: date(2026, 12, 31))
    import_files("time/clockify/Clockify_Time_Report_Detailed_01_12_2026-31_12_2026.csv")

    # 18/12/2026 makes the file day-first: 03/12/2026 is 3 December. "2.50" hours is 150 minutes.
    assert entries(db, "day, started_at, person, channel, activity, minutes") == [
        (date(2026, 12, 3), datetime(2026, 12, 3, 14, 0), "Meena Iyer", "youtube", "create", 150.0),
        (date(2026, 12, 5), datetime(2026, 12, 5, 19, 0), "Arjun Nair", "whatsapp", "engage", 30.0),
        (date(2026, 12, 18), datetime(2026, 12, 18, 11, 0), "Meena Iyer", "linkedin", "measure", 45.0),
    ]


# -------------------------------------------------------------------------------------- bad input


@pytest.fixture
def seeded(db, import_files):
    """A store already holding a time log, which bad files must not touch."""
    [result] = import_files("time/template/time_log_us_dates.csv")
    assert result.status == "imported"
    return db


def cut_in_first_entry(folder: Path) -> Path:
    data = (FIXTURES / TOGGL_NOV).read_bytes()
    path = folder / "Toggl_time_entries_2026-11-01_to_2026-11-07.csv"
    path.write_bytes(data[: data.index(b"2026-11-02,11:30:00")])
    return path


def test_toggl_export_cut_off_in_its_first_entry_is_rejected_and_the_store_is_unchanged(
    seeded, import_files, snapshot, tmp_path
):
    """The exports without Duration or in UTF-16 without a BOM are rejected in the contract table."""
    path = cut_in_first_entry(tmp_path)
    before = snapshot(seeded)

    [result] = import_files(path)

    assert (result.status, result.connector, result.batch_id, result.rows_new) == (
        "rejected",
        "toggl_detailed_csv",
        None,
        0,
    )
    assert result.error == (
        f"{path.name}: looks like Toggl Track detailed report (CSV), but none of its rows could be read "
        "(line has fewer columns than the header (the line may be cut off))."
    )
    assert snapshot(seeded) == before


def test_minutes_that_are_not_a_duration_reject_their_row(db, import_files):
    [result] = import_files("time/broken/time_log_bad_minutes.csv")

    assert result.rejections == [(2, 'row 2: minutes "abc" is not a duration; no minutes')]
    assert result.sentence() == (
        "imported as time log (this product's template) (2 new, 0 updated, 0 unchanged, 1 rows left out)"
    )
    # "abc" never became 0 minutes: only the two good lines are stored.
    assert entries(db, "person, minutes") == [("Priya Sharma", 45.0), ("Arjun Nair", 75.0)]


def test_truncated_toggl_export_keeps_its_whole_lines(db, import_files):
    [result] = import_files("time/broken/Toggl_time_entries_2026-11-01_to_2026-11-07_truncated.csv")

    # Physical line 5, the entry of 6 November, ends after its start time.
    assert result.rejections == [(5, "line has fewer columns than the header (the line may be cut off)")]
    assert entries(db, "day, minutes") == [
        (date(2026, 11, 2), 90.0),
        (date(2026, 11, 2), 30.0),
        (date(2026, 11, 4), 20.0),
    ]


def test_empty_spreadsheet_lines_are_set_aside_not_rejected(db, import_files, tmp_path):
    path = tmp_path / "time_log.csv"
    path.write_text(TEMPLATE_CSV + ",,,,,,\n,,,,,,\n", encoding="utf-8")

    [result] = import_files(path)

    assert counts(result) == ("imported", "time_log_template", "template", 3, 0, 0, 0)
    assert result.set_aside == "2 rows not counted (empty lines)"
    assert total_minutes(db) == 165


def test_a_paypal_download_named_time_log_is_read_as_paypal(db, import_files, tmp_path):
    """The file name is never trusted (an X export called time_log.csv is in the contract table)."""
    paypal = tmp_path / "time_log.csv"
    paypal.write_text(
        '"Date","Time","TimeZone","Name","Type","Status","Currency","Amount","Receipt ID","Balance"\n'
        '"02/11/2026","10:15:00","IST","Asha Rao","Donation Received","Completed","INR","500.00","","500.00"\n',
        encoding="utf-8-sig",
    )

    [result] = import_files(paypal)

    # Read as a personal PayPal download, whose only row is no completed gift.
    assert (result.status, result.connector, result.platform) == ("rejected", "paypal_activity_personal", "paypal")
    assert result.error == (
        "time_log.csv: read as PayPal activity download (Download.CSV, personal account), but nothing in it counts: "
        "1 rows not counted (not a completed donation or refund: withdrawals, conversions, holds, pending payments, "
        "payments made)."
    )
    assert db.execute("SELECT count(*) FROM time_entry_observation").fetchone() == (0,)


TOGGL_EDITED = "time/toggl/edited/Toggl_time_entries_2026-11-01_to_2026-11-07.csv"


def test_a_re_export_with_edited_descriptions_replaces_the_earlier_entries(db, import_files):
    """Toggl has no entry ids: two descriptions filled in between downloads must not count twice."""
    import_files(TOGGL_NOV)

    [second] = import_files(TOGGL_EDITED)

    # Two entries look new (their description changed), two are the same; the earlier export's two
    # old versions, on Priya's and Arjun's days that the later export covers (2-6 Nov), no longer count.
    assert counts(second) == ("imported", "toggl_detailed_csv", "toggl", 2, 0, 2, 0)
    assert db.execute("SELECT count(*) FROM time_entry").fetchone() == (4,)
    assert total_minutes(db) == 90 + 30 + 20 + 70.5
    assert sorted(r[0] for r in db.execute("SELECT note FROM time_entry").fetchall()) == [
        "Checked #DiwaliDaan mentions for the appeal",
        "Donor thank-you post",
        "Reel: packing ration kits",
        "Replies to comments, DMs and story mentions",
    ]
    assert db.execute("SELECT count(*) FROM time_entry_observation").fetchone() == (8,)


def test_undoing_the_re_export_brings_the_earlier_entries_back(db, import_files):
    import_files(TOGGL_NOV)
    [second] = import_files(TOGGL_EDITED)

    undo_batch(db, second.batch_id)

    assert db.execute("SELECT count(*) FROM time_entry").fetchone() == (4,)
    assert total_minutes(db) == 210.5
    assert sorted(r[0] for r in db.execute("SELECT note FROM time_entry").fetchall()) == [
        "Checked #DiwaliDaan mentions",
        "Donor thank-you post",
        "Reel: packing ration kits",
        "Replies to comments, DMs",
    ]


def test_a_later_export_replaces_only_the_people_and_days_it_covers(db, import_files):
    """The overlap export (6-13 Nov: Arjun, Meena, Priya) leaves Priya's 2 Nov and Arjun's 4 Nov entries alone."""
    import_files(TOGGL_EDITED)
    import_files(TOGGL_OVERLAP)

    assert minutes_by(db, "person") == {"Priya Sharma": 90 + 30 + 90, "Arjun Nair": 20 + 75, "Meena Iyer": 135 + 40}
    assert total_minutes(db) == 480
