"""Donations as outcomes: PayPal activity downloads (business, European, personal), PayPal Giving Fund
payouts and Razorpay's payments report; the summary's donations; bad files.

The fixtures are written by tests/fixtures/donations/make_fixtures.py; every figure below is
counted by hand from the rows listed there. Which connector each file is, its rows and sums per
currency, the second import and the files rejected whole are in tests/test_connector_contract.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from impact.definitions import DEFINITIONS
from impact.figures.summary import summary

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DONATIONS = FIXTURES / "donations"
US = "donations/paypal_us/Download.CSV"
OVERLAP = "donations/paypal_overlap/Download (1).CSV"
EU = "donations/paypal_eu/Download.CSV"
PERSONAL = "donations/paypal_personal/Download.CSV"
GIVING_FUND = "donations/paypal_giving_fund/PPGF_Payout_Report.csv"
RAZORPAY = "donations/razorpay/payments_report.csv"
BROKEN = "donations/broken"
ORG = "Clean River Trust"
PAYPAL_SET_ASIDE = (
    "not a completed donation or refund: withdrawals, conversions, holds, pending payments, payments made"
)
PAYPAL_BUSINESS = "PayPal activity download (Download.CSV, business account)"


def outcomes(db, platform: str) -> list[tuple[object, ...]]:
    return db.execute(
        "SELECT reference, occurred_at, kind, amount, currency, note FROM outcome WHERE platform = ? "
        "ORDER BY occurred_at, reference",
        [platform],
    ).fetchall()


def totals(db) -> dict[str, tuple[Decimal, int]]:
    """Per currency: the sum of donations and refunds, and the number of donations."""
    rows = db.execute(
        "SELECT currency, sum(amount), count(*) FILTER (WHERE kind = 'donation') FROM outcome GROUP BY 1"
    ).fetchall()
    return {currency: (amount, count) for currency, amount, count in rows}


# --- PayPal activity download, business account (US: month first, "1,250.00") ---------------------


def test_paypal_business_download_counts_completed_gifts_and_refunds_only(db, import_files):
    [result] = import_files(US)

    # Withdrawal, currency conversion, pending donation (Memo), outgoing Express Checkout, authorisation.
    assert result.set_aside == f"5 rows not counted ({PAYPAL_SET_ASIDE})"
    assert result.sentence() == (
        f"imported as {PAYPAL_BUSINESS} (5 new, 0 updated, 0 unchanged; 5 rows not counted ({PAYPAL_SET_ASIDE}))"
    )
    assert outcomes(db, "paypal") == [
        (
            "1AB23456CD789012E",
            datetime(2024, 1, 5, 9, 12, 44),
            "donation",
            Decimal("50.00"),
            "USD",
            "Spring river clean-up",
        ),
        ("2BC34567DE890123F", datetime(2024, 1, 13, 18, 40, 2), "donation", Decimal("1250.00"), "USD", "Donation"),
        ("4DE56789FG012345H", datetime(2024, 1, 22, 11, 5, 31), "refund", Decimal("-50.00"), "USD", None),
        ("8HI90123JK456789L", datetime(2024, 2, 3, 10, 0, 59), "donation", Decimal("25.00"), "USD", None),
        (
            "0JK12345LM678901N",
            datetime(2024, 2, 10, 20, 45),
            "donation",
            Decimal("40.00"),
            "EUR",
            "Spring river clean-up",
        ),
    ]
    # The refund of Alice's 50.00 takes it off again: 50 + 1,250 − 50 + 25.
    assert totals(db) == {"USD": (Decimal("1275.00"), 3), "EUR": (Decimal("40.00"), 1)}


def test_paypal_donors_are_hashed_and_personal_columns_are_not_stored(db, import_files):
    import_files(US)

    donors = db.execute("SELECT count(DISTINCT donor) FROM outcome WHERE kind = 'donation'").fetchone()
    assert donors == (3,)  # Alice (twice), Bob, Carol
    stored = json.dumps(db.execute("SELECT * FROM outcome").fetchall(), default=str)
    for personal in ("alice@example.org", "Alice Brook", "555-0101", "1 Elm St", "donate@cleanriver.example"):
        assert personal not in stored
    extra = json.loads(db.execute("SELECT extra FROM outcome WHERE reference = '4DE56789FG012345H'").fetchone()[0])
    # Reference Txn ID is read to match the refund to Alice's gift (refund_of), so it is not kept in extra.
    assert (extra["TimeZone"], extra["Net"], "Reference Txn ID" in extra) == ("PST", "-48.05", False)


def test_overlapping_downloads_count_each_transaction_once(db, import_files):
    import_files(US)
    [later] = import_files(OVERLAP)

    # The later download repeats the refund, Alice's second gift and Carol's gift, and adds Gus's 100.00.
    assert (later.status, later.rows_new, later.rows_updated, later.rows_unchanged) == ("imported", 1, 0, 3)
    assert later.set_aside == f"4 rows not counted ({PAYPAL_SET_ASIDE})"
    assert db.execute("SELECT count(*) FROM outcome").fetchone() == (6,)
    assert totals(db) == {"USD": (Decimal("1375.00"), 4), "EUR": (Decimal("40.00"), 1)}


# --- European download: day first, "1.234,56", 30-column set without Balance Impact ---------------


def test_european_download_is_read_day_first_throughout(db, import_files):
    [result] = import_files(EU)

    assert result.set_aside == f"1 rows not counted ({PAYPAL_SET_ASIDE})"
    # 04/01/2024 alone could be 1 April; 13/01/2024 in the same file makes the whole file day first.
    assert outcomes(db, "paypal") == [
        ("EU1000000000000A1", datetime(2024, 1, 4, 10, 15), "donation", Decimal("1234.56"), "EUR", "Spende Flussufer"),
        ("EU2000000000000B2", datetime(2024, 1, 13, 9, 0), "donation", Decimal("20.00"), "EUR", None),
        ("EU4000000000000D4", datetime(2024, 1, 20, 17, 45, 10), "refund", Decimal("-20.00"), "EUR", None),
    ]
    assert totals(db) == {"EUR": (Decimal("1234.56"), 2)}


def test_cp1252_resave_of_a_download_reads_the_same(db, import_files):
    import_files(f"{BROKEN}/cp1252/Download.CSV")

    # The European download re-saved as cp1252 ("Weiß" as one byte, 0xDF) reads as the original.
    assert db.execute("SELECT note FROM outcome WHERE reference = 'EU1000000000000A1'").fetchone() == (
        "Spende Flussufer",
    )
    assert totals(db) == {"EUR": (Decimal("1234.56"), 2)}


# --- Personal account: 10 columns, Amount, no transaction id ---------------------------------------


def test_personal_download_keys_payments_by_their_details(db, import_files):
    [result] = import_files(PERSONAL)

    assert result.set_aside == f"1 rows not counted ({PAYPAL_SET_ASIDE})"
    rows = db.execute(
        "SELECT occurred_at, kind, amount, length(reference) FROM outcome ORDER BY occurred_at"
    ).fetchall()
    assert rows == [
        (datetime(2024, 3, 2, 12, 0), "donation", Decimal("30.00"), 16),
        (datetime(2024, 3, 5, 8, 15, 30), "donation", Decimal("15.00"), 16),
        (datetime(2024, 3, 7, 14, 22, 5), "refund", Decimal("-10.00"), 16),
    ]
    assert totals(db) == {"USD": (Decimal("35.00"), 2)}
    # The refund goes back to Frank: same donor hash as his gift.
    assert db.execute("SELECT count(DISTINCT donor) FROM outcome").fetchone() == (2,)


def test_personal_download_with_the_same_payments_renamed_is_not_double_counted(db, import_files, tmp_path):
    import_files(PERSONAL)
    copy = tmp_path / "Download (1).CSV"
    copy.write_bytes((DONATIONS / "paypal_personal" / "Download.CSV").read_bytes() + b"\n")

    [again] = import_files(copy)

    assert (again.status, again.rows_new, again.rows_updated + again.rows_unchanged) == ("imported", 0, 3)
    assert totals(db) == {"USD": (Decimal("35.00"), 2)}


# --- Business account, 13 columns (no Transaction ID, no Reference Txn ID) --------------------------

SHORT = "donations/paypal_13col/Download.CSV"
SHORT_LATER = "donations/paypal_13col_overlap/Download (1).CSV"
SHORT_SET_ASIDE = (
    "not a completed donation or refund: bonuses, withdrawals, conversions, holds, pending payments, payments made"
)
UNMATCHED_REFUND = "refunds of no donation the store holds (a sale's refund is not a gift given back)"
SALES = "sales, not donations: a seller's payments, holds and releases, tax collected by a marketplace"


def test_thirteen_column_download_sets_bonuses_withdrawals_and_refunds_of_no_gift_aside(db, import_files):
    [result] = import_files(SHORT)

    assert result.connector == "paypal_activity_business_13"
    # The cashback bonus and the withdrawal; the refund to Jo Lee, who gave nothing.
    assert result.set_aside == f"3 rows not counted (2 {SHORT_SET_ASIDE}; 1 {UNMATCHED_REFUND})"
    rows = db.execute("SELECT occurred_at, kind, amount, currency FROM outcome ORDER BY occurred_at").fetchall()
    assert rows == [
        (datetime(2024, 3, 1, 10, 0), "donation", Decimal("40.00"), "USD"),
        (datetime(2024, 3, 2, 11, 30, 15), "donation", Decimal("100.00"), "USD"),
        (datetime(2024, 3, 5, 9, 45), "refund", Decimal("-30.00"), "USD"),  # Ivan's gift, in the same file
        (datetime(2024, 3, 7, 19, 0), "donation", Decimal("20.00"), "GBP"),
    ]
    assert totals(db) == {"USD": (Decimal("110.00"), 2), "GBP": (Decimal("20.00"), 1)}
    extra = json.loads(db.execute("SELECT extra FROM outcome WHERE amount = 100").fetchone()[0])
    assert (extra["Tip"], extra["Net"], extra["Balance"]) == ("5.00", "96.80", "235.34")  # Receipt ID is in the key
    assert "Ivan Roe" not in json.dumps(db.execute("SELECT * FROM outcome").fetchall(), default=str)


def test_thirteen_column_later_download_matches_a_refund_to_the_gift_the_store_holds(db, import_files):
    import_files(SHORT)
    [later] = import_files(SHORT_LATER)

    # Ivan's refund and Kim's gift again (unchanged), Lena's new gift; Jo's refund still set aside.
    assert (later.rows_new, later.rows_updated, later.rows_unchanged) == (1, 0, 2)
    assert later.set_aside == f"1 rows not counted ({UNMATCHED_REFUND})"
    assert totals(db) == {"USD": (Decimal("170.00"), 3), "GBP": (Decimal("20.00"), 1)}


def test_undoing_a_gift_whose_refund_a_later_download_brought_is_refused(db, import_files, snapshot):
    """Undone first, the gift would leave Ivan's refund counted alone: the totals could go below zero."""
    from impact.store.ingest import undo_batch

    [first] = import_files(SHORT)
    [later] = import_files(SHORT_LATER)
    before = snapshot(db)

    with pytest.raises(LookupError, match=f"Undo batch {later.batch_id} first"):
        undo_batch(db, first.batch_id)
    assert snapshot(db) == before

    undo_batch(db, later.batch_id)
    undo_batch(db, first.batch_id)  # the refunds went first: now the gifts may go
    assert db.execute("SELECT count(*) FROM outcome").fetchone() == (0,)


def test_thirteen_column_later_download_alone_counts_no_refund(db, import_files):
    [later] = import_files(SHORT_LATER)

    # The store holds no gift from Ivan: his refund does not make anything negative.
    assert later.set_aside == f"2 rows not counted ({UNMATCHED_REFUND})"
    assert totals(db) == {"USD": (Decimal("60.00"), 1), "GBP": (Decimal("20.00"), 1)}


# --- A seller's activity: sales, not donations -----------------------------------------------------

SELLER = f"{BROKEN}/seller_activity/Download.CSV"


def test_seller_activity_yields_no_donation_and_no_negative_total(db, import_files):
    [result] = import_files(SELLER)

    # eBay sale, hold, tax, release; the sale's refund (its Reference Txn ID names the sale, not a gift).
    assert (result.status, result.connector, result.batch_id) == ("rejected", "paypal_activity_business", None)
    assert result.error == (
        f"Download.CSV: read as {PAYPAL_BUSINESS}, but nothing in it counts: "
        f"5 rows not counted (4 {SALES}; 1 {UNMATCHED_REFUND})."
    )
    assert db.execute("SELECT count(*), coalesce(sum(amount), 0) FROM outcome").fetchone() == (0, 0)


def test_sale_refund_beside_donations_leaves_the_donations_whole(db, import_files, tmp_path):
    """A download holding gifts and a refunded sale: the refund of the sale does not come off the gifts."""
    data = (DONATIONS / "paypal_us" / "Download.CSV").read_bytes()
    seller = (DONATIONS / "broken" / "seller_activity" / "Download.CSV").read_bytes()
    path = tmp_path / "Download.CSV"
    path.write_bytes(data + seller.split(b"\n", 1)[1])  # the seller's rows under the US download's

    [result] = import_files(path)

    assert result.set_aside == f"10 rows not counted (5 {PAYPAL_SET_ASIDE}; 4 {SALES}; 1 {UNMATCHED_REFUND})"
    # As the US download alone: Alice's refund (of her gift, by Reference Txn ID) counts; the sale's does not.
    assert totals(db) == {"USD": (Decimal("1275.00"), 3), "EUR": (Decimal("40.00"), 1)}


def test_refund_of_a_gift_in_an_earlier_download_counts(db, import_files, tmp_path):
    import_files(US)
    before = totals(db)
    refund_only = [r for r in (DONATIONS / "paypal_us" / "Download.CSV").read_bytes().split(b"\n") if b"4DE5" in r]
    header = (DONATIONS / "paypal_us" / "Download.CSV").read_bytes().split(b"\n", 1)[0]
    path = tmp_path / "Download (2).CSV"
    path.write_bytes(header + b"\n" + refund_only[0] + b"\n")

    [again] = import_files(path)

    # The refund is matched to Alice's gift in the store, and is the one already stored: nothing changes.
    assert (again.status, again.rows_new, again.rows_unchanged, again.set_aside) == ("imported", 0, 1, None)
    assert totals(db) == before


# --- PayPal Giving Fund ---------------------------------------------------------------------------


def test_giving_fund_payout_report(db, import_files):
    import_files(GIVING_FUND)

    # The Donation Date is the day of the gift (the Payout Date is kept in extra).
    assert outcomes(db, "paypal_giving_fund") == [
        ("PPGF1000000000001", datetime(2024, 2, 1), "donation", Decimal("25.00"), "USD", "PayPal Giving Fund"),
        ("PPGF1000000000002", datetime(2024, 2, 10), "donation", Decimal("10.50"), "USD", "eBay for Charity"),
        ("PPGF1000000000003", datetime(2024, 2, 20), "donation", Decimal("20.00"), "GBP", "PayPal Giving Fund"),
    ]
    assert totals(db) == {"USD": (Decimal("35.50"), 2), "GBP": (Decimal("20.00"), 1)}
    # Two donors gave an e-mail; the anonymous gift has no donor.
    assert db.execute("SELECT count(donor), count(DISTINCT donor) FROM outcome").fetchone() == (2, 2)
    extra = json.loads(db.execute("SELECT extra FROM outcome WHERE reference = 'PPGF1000000000002'").fetchone()[0])
    assert extra == {
        "Payout Date": "03/15/2024",
        "Reference Information": "Item 1234",
        "Total Fees": "0.00",
        "Net Amount": "10.50",
    }


# --- Razorpay -------------------------------------------------------------------------------------


def test_razorpay_counts_captured_payments_net_of_refunds(db, import_files):
    [result] = import_files(RAZORPAY)

    assert result.set_aside == (
        "2 rows not counted (not captured: created, authorized or failed payments never reached the organisation)"
    )
    rows = db.execute(
        "SELECT reference, occurred_at, amount, extra->>'method' FROM outcome ORDER BY occurred_at"
    ).fetchall()
    assert rows == [
        ("pay_NA1bcDEfgHIjk1", datetime(2024, 1, 6, 10, 0), Decimal("500.00"), "upi"),
        ("pay_NA2bcDEfgHIjk2", datetime(2024, 1, 13, 19, 30, 12), Decimal("1500.00"), "card"),  # 2,000 − 500 refunded
        ("pay_NA3bcDEfgHIjk3", datetime(2024, 1, 15, 8, 5), Decimal("0.00"), "netbanking"),  # refunded in full
        ("pay_NA6bcDEfgHIjk6", datetime(2024, 1, 20, 21, 40), Decimal("1200.00"), "wallet"),
    ]
    # The payment refunded in full is a refund, not a gift: three donations.
    assert db.execute("SELECT kind FROM outcome WHERE reference = 'pay_NA3bcDEfgHIjk3'").fetchone() == ("refund",)
    assert totals(db) == {"INR": (Decimal("3200.00"), 3)}
    stored = json.dumps(db.execute("SELECT * FROM outcome").fetchall(), default=str)
    for personal in ("asha@example.in", "asha@okhdfc", "+919000090000", "ABCDE1234F"):
        assert personal not in stored
    assert db.execute("SELECT count(DISTINCT donor) FROM outcome").fetchone() == (3,)  # Asha gave twice


# --- The summary ----------------------------------------------------------------------------------


def test_summary_donations_per_currency(db, import_files):
    for path in (US, EU, PERSONAL, GIVING_FUND, RAZORPAY):
        [result] = import_files(path)
        assert result.status == "imported", result.error

    [trust] = summary(db)

    assert trust["platforms"] == {}  # payment systems are not social platforms
    assert trust["donations"] == [
        # EU: 40 + 1,234.56 + 20 − 20; count 1 + 2.
        {"currency": "EUR", "amount": 1274.56, "count": 3},
        {"currency": "GBP", "amount": 20.0, "count": 1},
        {"currency": "INR", "amount": 3200.0, "count": 3},
        # USD: 1,275 (business) + 35 (personal) + 35.50 (Giving Fund); count 3 + 2 + 2.
        {"currency": "USD", "amount": 1345.5, "count": 7},
    ]


def test_summary_json_from_the_command_line(db_path):
    environment = {k: v for k, v in os.environ.items() if k != "IMPACT_DB"}

    def run(*args: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "impact", *map(str, args)],
            cwd=REPO,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )

    imported = run("import", DONATIONS / "paypal_us" / "Download.CSV", "--org", ORG, "--db", db_path)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == (
        f"Download.CSV: imported as {PAYPAL_BUSINESS} (5 new, 0 updated, 0 unchanged; "
        f"5 rows not counted ({PAYPAL_SET_ASIDE}))\n"
    )

    done = run("summary", "--json", "--db", db_path)

    assert done.returncode == 0, done.stderr
    assert [json.loads(line) for line in done.stdout.splitlines()] == [
        {
            "organisation": ORG,
            "platforms": {},
            "donations": [
                {"currency": "EUR", "amount": 40.0, "count": 1},
                {"currency": "USD", "amount": 1275.0, "count": 3},
            ],
            "time": {"entries": 0, "minutes": 0},
            "mentions": {"items": 0, "sources": 0},
        }
    ]
    text = run("summary", "--db", db_path)
    assert text.stdout.splitlines() == [
        ORG,
        "  no data yet",
        "  donations: 40.00 EUR from 1 gifts",
        "  donations: 1,275.00 USD from 3 gifts",
    ]


# --- Bad input ------------------------------------------------------------------------------------


@pytest.fixture
def seeded(db, import_files):
    """A store that already holds donations, which bad files must not touch."""
    [result] = import_files(GIVING_FUND)
    assert result.status == "imported"
    return db


def cut_in_first_row(folder: Path) -> Path:
    """A download that stopped inside its first payment."""
    data = (DONATIONS / "paypal_us" / "Download.CSV").read_bytes()
    path = folder / "Download.CSV"
    path.write_bytes(data[: data.index(b'"Alice Brook"') + 30])
    return path


def test_download_cut_in_its_first_row_is_rejected_and_the_store_is_unchanged(seeded, import_files, snapshot, tmp_path):
    """The withdrawals-only download and Razorpay's API list are rejected in the contract table."""
    before = snapshot(seeded)

    [result] = import_files(cut_in_first_row(tmp_path))

    assert (result.status, result.connector, result.batch_id) == ("rejected", "paypal_activity_business", None)
    # Cut inside a quoted field.
    assert result.error == (
        f"Download.CSV: looks like {PAYPAL_BUSINESS}, but none of its rows could be read "
        "(line has a stray quote character)."
    )
    assert snapshot(seeded) == before


def test_truncated_download_imports_the_whole_rows_and_rejects_the_cut_one(db, import_files):
    [result] = import_files(f"{BROKEN}/truncated/Download.CSV")

    assert result.rejections == [(3, "line has fewer columns than the header (the line may be cut off)")]
    assert totals(db) == {"USD": (Decimal("50.00"), 1)}


def test_unreadable_gross_rejects_its_row_with_a_reason(db, import_files):
    [result] = import_files(f"{BROKEN}/bad_gross/Download.CSV")

    assert result.rejections == [(2, 'row 2: Gross "twelve fifty" is not an amount; no Gross')]
    assert result.sentence() == f"imported as {PAYPAL_BUSINESS} (1 new, 0 updated, 0 unchanged, 1 rows left out)"
    # The unreadable amount never became 0 or anything else.
    assert db.execute("SELECT reference, amount FROM outcome").fetchall() == [("1AB23456CD789012E", Decimal("50.00"))]


def test_donations_have_a_definition():
    assert DEFINITIONS["donations"].text == (
        "Money received, per currency (never converted): completed incoming payments (PayPal), Giving Fund grants "
        "and captured payments (Razorpay), minus refunds. Withdrawals, conversions, holds, pending, failed and "
        "outgoing payments never count. The count is of gifts received; a gift later refunded still counts once, "
        "its refund taking its amount off the sum. Overlapping exports count each transaction once."
    )


def test_an_organisation_with_only_donations_has_their_days_as_its_data(db, import_files):
    """The sidebar's periods end on the latest day with data: donations are data ("All data" was only today)."""
    from impact.figures.overview import data_range

    [result] = import_files(SHORT)
    org = db.execute("SELECT organisation_id FROM import_batch WHERE id = ?", [result.batch_id]).fetchone()[0]
    days = db.execute("SELECT min(occurred_at)::DATE, max(occurred_at)::DATE FROM outcome").fetchone()
    assert data_range(db, org) == days
    assert data_range(db, org, social_only=True) is None  # what the Overview compares: no posts, no days

    # With posts, the last day is the posts' (time and gifts are logged after the exports), the first the oldest.
    import_files("x/account_analytics_content_2026-07-06_2026-08-02.csv")
    social = data_range(db, org, social_only=True)
    assert social is not None
    assert data_range(db, org) == (min(days[0], social[0]), social[1])
