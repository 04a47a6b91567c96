"""Stripe's payments export (unified_payments.csv) as donations.

The fixtures are written by tests/fixtures/donations/make_fixtures.py (STRIPE_ROWS, STRIPE_LATER); every
figure below is counted by hand from those rows. Detection, the contract's sums, the second import and the
files rejected whole (cut off, no Amount column) are in tests/test_connector_contract.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from tests.test_donations import totals

STRIPE = "donations/stripe/unified_payments.csv"
LATER = "donations/stripe_overlap/unified_payments (1).csv"
NOT_CAPTURED = "not paid and captured: failed, canceled or uncaptured payments never reached the organisation"
NO_ID = "failed attempts, not payments (no payment id)"


def rows(db) -> list[tuple[object, ...]]:
    return db.execute(
        "SELECT reference, occurred_at, kind, amount, currency FROM outcome WHERE platform = 'stripe' "
        "ORDER BY occurred_at"
    ).fetchall()


def test_paid_and_captured_payments_count_net_of_refunds(db, import_files):
    [result] = import_files(STRIPE)

    # Failed (with an id), the uncaptured payment; the attempt without an id, with its own reason.
    assert result.set_aside == f"3 rows not counted (2 {NOT_CAPTURED}; 1 {NO_ID})"
    assert rows(db) == [
        ("ch_3OqA1aLkdIwHu7ix0A1", datetime(2024, 3, 5, 14, 22, 10), "donation", Decimal("50.00"), "USD"),
        ("ch_3OqB2bLkdIwHu7ix0B2", datetime(2024, 3, 6, 9, 0), "donation", Decimal("100.00"), "USD"),  # 120 − 20
        ("ch_3OqC3cLkdIwHu7ix0C3", datetime(2024, 3, 7, 18, 30, 45), "refund", Decimal("0.00"), "USD"),
        ("ch_3OqD4dLkdIwHu7ix0D4", datetime(2024, 3, 8, 11, 11, 11), "donation", Decimal("25.00"), "EUR"),
        ("ch_3OqH8hLkdIwHu7ix0H8", datetime(2024, 3, 11, 8, 0), "donation", Decimal("1000.00"), "USD"),
    ]
    # 50 + 100 + 0 + 1,000 from three gifts (the full refund is not a gift); 25 EUR.
    assert totals(db) == {"USD": (Decimal("1150.00"), 3), "EUR": (Decimal("25.00"), 1)}


def test_donors_are_hashed_as_in_the_other_formats_and_personal_columns_are_not_stored(db, import_files):
    import_files(STRIPE)
    import_files("donations/paypal_us/Download.CSV")

    stored = json.dumps(db.execute("SELECT * FROM outcome").fetchall(), default=str)
    for personal in ("alice@example.org", "Alice Brook", "cus_PAlice01", "4242", "10115", "spring"):
        assert personal not in stored
    # Alice gave through Stripe twice (her e-mail once capitalised) and through PayPal: one donor hash.
    alice = db.execute(
        "SELECT count(DISTINCT donor), count(*) FROM outcome WHERE reference IN "
        "('ch_3OqA1aLkdIwHu7ix0A1', 'ch_3OqH8hLkdIwHu7ix0H8', '1AB23456CD789012E')"
    ).fetchone()
    assert alice == (1, 3)
    extra = json.loads(db.execute("SELECT extra FROM outcome WHERE reference = 'ch_3OqB2bLkdIwHu7ix0B2'").fetchone()[0])
    assert (extra["Converted Amount"], extra["Fee"], extra["Seller Message"]) == ("120.00", "3.78", "Payment complete.")
    assert not [k for k in extra if k.startswith(("Customer", "Card")) or k.endswith("(metadata)")]


def test_a_later_export_overlapping_the_first_counts_each_payment_once(db, import_files):
    import_files(STRIPE)
    [later] = import_files(LATER)

    # Bob's payment, refunded in full since, is updated; three repeated as they were; one new (75.00).
    assert (later.status, later.rows_new, later.rows_updated, later.rows_unchanged) == ("imported", 1, 1, 3)
    assert db.execute("SELECT count(*) FROM outcome").fetchone() == (6,)
    assert db.execute("SELECT kind, amount FROM outcome WHERE reference = 'ch_3OqB2bLkdIwHu7ix0B2'").fetchone() == (
        "refund",
        Decimal("0.00"),
    )
    # 50 + 0 + 0 + 1,000 + 75 from Alice's two gifts and Gus's.
    assert totals(db) == {"USD": (Decimal("1125.00"), 3), "EUR": (Decimal("25.00"), 1)}
