"""Outcomes and time typed in by hand: stored as batches of their own, counted in goals, corrected and deleted
without touching imported rows."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from impact.campaigns.goals import actuals, burn_up, create_campaign, set_goal
from impact.store.ingest import undo_batch
from impact.store.manual import OutcomeEntry, TimeEntry, delete_entry, outcomes, record_outcome, record_time
from impact.store.orgs import ensure_organisation

JUNE = (date(2026, 6, 1), date(2026, 6, 30))


@pytest.fixture
def org(db: duckdb.DuckDBPyConnection) -> int:
    return ensure_organisation(db, "Trust")


def test_volunteers_and_signups_count_towards_goals_with_their_running_total(
    db: duckdb.DuckDBPyConnection, org: int
) -> None:
    drive = create_campaign(db, org, "Volunteer drive", *JUNE)
    set_goal(db, drive, "volunteers", 50)
    record_outcome(db, org, OutcomeEntry(date(2026, 6, 3), "volunteer", quantity=12, campaign="Volunteer drive"))
    record_outcome(db, org, OutcomeEntry(date(2026, 6, 5), "volunteer", quantity=8))
    record_outcome(db, org, OutcomeEntry(date(2026, 6, 5), "signup", quantity=30, note="stall at the fair"))
    record_outcome(db, org, OutcomeEntry(date(2026, 7, 2), "volunteer", quantity=99))  # after the campaign
    figures = actuals(db, drive, date(2026, 6, 30))
    assert figures["volunteers"] == 20
    assert figures["signups"] == 30
    series = burn_up(db, drive, "volunteers", date(2026, 6, 6))
    assert series["total"].tolist() == [0, 0, 12, 12, 20, 20]


def test_an_offline_donation_is_a_donation_without_a_donor(db: duckdb.DuckDBPyConnection, org: int) -> None:
    appeal = create_campaign(db, org, "Appeal", *JUNE)
    record_outcome(db, org, OutcomeEntry(date(2026, 6, 10), "donation", amount=2500.5, currency="inr"))
    figures = actuals(db, appeal, date(2026, 6, 30))
    assert figures["donations_amount"] == 2500.5
    assert figures["donors"] == 0  # nobody to count once: the form takes no names
    (currency,) = db.execute("SELECT currency FROM outcome").fetchone()
    assert currency == "INR"


def test_a_correction_replaces_the_entry_and_a_deletion_removes_it(db: duckdb.DuckDBPyConnection, org: int) -> None:
    drive = create_campaign(db, org, "Drive", *JUNE)
    first = record_outcome(db, org, OutcomeEntry(date(2026, 6, 3), "volunteer", quantity=12, note="typo"))
    second = record_outcome(db, org, OutcomeEntry(date(2026, 6, 3), "volunteer", quantity=21), replaces=first)
    assert actuals(db, drive, date(2026, 6, 30))["volunteers"] == 21
    listed = outcomes(db, org, *JUNE)
    assert listed["quantity"].tolist() == [21]
    assert listed["source"].tolist() == ["entered by hand"]
    assert listed["note"].isna().all()  # the corrected entry has no note: nothing of the old one survives
    delete_entry(db, org, second)
    assert actuals(db, drive, date(2026, 6, 30))["volunteers"] == 0
    assert db.execute("SELECT count(*) FROM outcome_observation").fetchone() == (0,)
    with pytest.raises(LookupError):
        delete_entry(db, org, second)  # already gone


def test_imported_rows_cannot_be_edited_as_typed_entries(db: duckdb.DuckDBPyConnection, org: int) -> None:
    batch = record_time(db, org, TimeEntry(date(2026, 6, 1), "Asha", "facebook", "create", 30))
    other = ensure_organisation(db, "Another trust")
    with pytest.raises(LookupError):
        delete_entry(db, other, batch)  # another organisation's entry
    db.execute("UPDATE import_batch SET platform = 'razorpay' WHERE id = ?", [batch])
    with pytest.raises(LookupError):
        delete_entry(db, org, batch)  # not typed by hand
    undo_batch(db, batch)  # an import is undone from the history instead
    assert db.execute("SELECT count(*) FROM time_entry").fetchone() == (0,)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (OutcomeEntry(date(2026, 6, 1), "volunteer", quantity=0), "how many"),
        (OutcomeEntry(date(2026, 6, 1), "donation", amount=0, currency="INR"), "amount"),
        (OutcomeEntry(date(2026, 6, 1), "donation", amount=10), "currency"),
        (OutcomeEntry(date(2026, 6, 1), "bribe", quantity=1), "not a kind"),
    ],
)
def test_a_wrong_outcome_is_refused_and_nothing_is_stored(
    db: duckdb.DuckDBPyConnection, org: int, entry: OutcomeEntry, problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        record_outcome(db, org, entry)
    assert db.execute("SELECT count(*) FROM import_batch").fetchone() == (0,)


def test_typed_text_is_kept_as_text(db: duckdb.DuckDBPyConnection, org: int) -> None:
    hostile = "=HYPERLINK(\"x\") <script>alert('1')</script> 🎒 " + "x" * 2000
    record_outcome(db, org, OutcomeEntry(date(2026, 6, 1), "signup", quantity=1, campaign=hostile, note=hostile))
    campaign, note = db.execute("SELECT campaign, note FROM outcome").fetchone()
    # Cut to the first 500 and 120 characters, and otherwise exactly as typed.
    assert note == hostile[:500]
    assert campaign == hostile[:120] == "=HYPERLINK(\"x\") <script>alert('1')</script> 🎒 " + "x" * 74


def test_time_typed_in_by_hand_is_validated(db: duckdb.DuckDBPyConnection, org: int) -> None:
    with pytest.raises(ValueError, match="minutes"):
        record_time(db, org, TimeEntry(date(2026, 6, 1), "Asha", "facebook", "create", 0))
    with pytest.raises(ValueError, match="who"):
        record_time(db, org, TimeEntry(date(2026, 6, 1), "  ", "facebook", "create", 30))
    with pytest.raises(ValueError, match="activity"):
        record_time(db, org, TimeEntry(date(2026, 6, 1), "Asha", "facebook", "doomscroll", 30))
    record_time(db, org, TimeEntry(date(2026, 6, 1), "Asha", "facebook", "engage", 45, campaign="Drive"))
    assert db.execute("SELECT person, channel, activity, minutes, campaign FROM time_entry").fetchall() == [
        ("Asha", "facebook", "engage", 45.0, "Drive")
    ]


def test_donations_in_another_currency_do_not_add_to_the_amount(db: duckdb.DuckDBPyConnection, org: int) -> None:
    appeal = create_campaign(db, org, "Appeal", *JUNE)  # the organisation's currency is INR (the default)
    record_outcome(db, org, OutcomeEntry(date(2026, 6, 10), "donation", amount=1000, currency="INR"))
    record_outcome(db, org, OutcomeEntry(date(2026, 6, 11), "donation", amount=50, currency="USD"))
    assert actuals(db, appeal, date(2026, 6, 30))["donations_amount"] == 1000
    assert burn_up(db, appeal, "donations_amount", date(2026, 6, 12))["total"].iloc[-1] == 1000
