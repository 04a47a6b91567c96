"""PayPal: the activity download (Download.CSV) and PayPal Giving Fund payout reports, as donations.

Activity download (paypal.com > Activity > Statements > Activity download, CSV): UTF-8 with a BOM,
every field quoted. A business account gives ~41 columns (Gross, Fee, Net, Transaction ID, Balance
Impact, ...), or with some report settings 13 (Date, Time, TimeZone, Name, Type, Status, Currency, Gross,
Fee, Net, Receipt ID, Balance, Tip: no transaction id); a personal account gives 10 (Amount, Receipt ID,
no transaction id). What counts:
  - a donation: a completed incoming payment (Donation Payment, Website Payment, Express Checkout
    Payment, Mobile Payment, Payment Received, General Payment, Subscription/Recurring Payment) with
    a Credit balance impact (or, in files without that column, a positive amount);
  - a refund: a completed Payment Refund / Refund paid out (Debit, negative amount), stored with its
    negative amount so it reduces the total, but only when it refunds a donation this file brings or
    the store holds (impact/store/ingest.py): by the refunded transaction (Reference Txn ID) where the
    layout has it, else by a donation from the same payer in the same currency. A seller's refunds of
    eBay sales are set aside, so a file of sales and their refunds never makes donations negative;
  - a seller's activity (eBay Auction Payment, Payment Hold / Release, Tax collected by partner, ...)
    holds sales, not donations: set aside with that reason;
  - everything else (withdrawals, currency conversions, holds, reversals, authorisations, Memo rows,
    pending or denied payments, payments the organisation made) is set aside and counted in the
    import's sentence, never stored.
Dates: US accounts write 04/01/2024 for 1 April, European ones for 4 January; a file uses one
order throughout (one_format). The time is PayPal's local time as written; the TimeZone column is
kept in `extra`. Types are matched in English only (a download in another language sets its rows aside).
Personal data: the donor is kept only as a hash of the e-mail (business) or name (personal);
addresses, phone numbers and the names are read so that they are not copied into `extra`.

PayPal Giving Fund payout report: one row per donation granted to the charity (columns quoted in
research section 9). Program Name is PayPal's programme the gift came through (PayPal Giving Fund,
eBay for Charity, ...), not the organisation's own campaign: it goes to `note`, and `campaign` is
left for the organisation's own attribution.
"""

from connectors.base import Connector, col

# Day first or month first is decided per file; the dotted form is German PayPal's.
_DATE_TIME = ("%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%d.%m.%Y %H:%M:%S")
_DAY = ("%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S")

_INCOMING = (
    "donation payment|website payment|express checkout payment|mobile payment|payment received"
    "|general payment|subscription payment|recurring payment|preapproved payment received"
)
_REFUND = "payment refund|refund"
# Matched against "<Status> [<Balance Impact>] <Type> <Gross>": the sign of the amount tells a payment
# received from one the organisation made where the file has no Balance Impact column. "[^-]" rather
# than a digit, so an unreadable amount is rejected with a reason instead of silently set aside.
_COUNTED = rf"^completed( credit)? ({_INCOMING}) [^-]|^completed( debit)? ({_REFUND}) -"
_KEEP_NOTE = "not a completed donation or refund: withdrawals, conversions, holds, pending payments, payments made"
# A seller's activity: sales, their holds and releases, tax a marketplace collected. Matched against Type.
_SALES = r"^(ebay auction payment|payment hold|payment release|tax collected by partner)$"
_SALES_NOTE = "sales, not donations: a seller's payments, holds and releases, tax collected by a marketplace"
_SET_ASIDE_AS = (("kind", _SALES, _SALES_NOTE),)

_KIND = (("refund", "refund"),)

_PERSONAL_BUSINESS = (
    "Name",
    "To Email Address",
    "Shipping Address",
    "Address Line 1",
    "Address Line 2/District/Neighborhood",
    "Town/City",
    "State/Province/Region/County/Territory/Prefecture/Republic",
    "Zip/Postal Code",
    "Contact Phone Number",
)

ACTIVITY_BUSINESS = Connector(
    name="paypal_activity_business",
    label="PayPal activity download (Download.CSV, business account)",
    platform="paypal",
    table="outcome",
    signature=("date", "time", "timezone", "name", "type", "status", "currency", "gross", "transaction id"),
    fields={
        "reference": col("Transaction ID", kind="id", required=True),
        "occurred_at": col("Date", "Time", kind="timestamp", formats=_DATE_TIME, one_format=True, joined=True),
        "kind": col("Type", kind="category", categories=_KIND, default="donation"),
        "amount": col("Gross", kind="money", required=True, negative=True),
        "currency": col("Currency", kind="text"),
        "donor": col("From Email Address", kind="hash"),
        "note": col("Item Title", "Subject", "Note", kind="text"),
        "counted": col("Status", "Balance Impact", "Type", "Gross", kind="text", joined=True),
        "personal": col(*_PERSONAL_BUSINESS, kind="text"),
        # The transaction a refund gives back: it counts only if that is a donation (impact/store/ingest.py).
        "refund_of": col("Reference Txn ID", kind="id"),
    },
    keep_only={"counted": _COUNTED},
    keep_note=_KEEP_NOTE,
    set_aside_as=_SET_ASIDE_AS,
    hint="paypal.com > Activity > Statements > Activity download, 'Balance affecting' or 'All transactions', CSV",
)

# Some report settings give a business account only 13 columns, without Transaction ID or Balance Impact:
# Date, Time, TimeZone, Name, Type, Status, Currency, Gross, Fee, Net, Receipt ID, Balance, Tip. A bonus
# (PayPal's cashback or sign-up bonus) or a withdrawal is not a gift. Keyed like the personal download.
ACTIVITY_BUSINESS_SHORT = Connector(
    name="paypal_activity_business_13",
    label="PayPal activity download (Download.CSV, business account, 13 columns)",
    platform="paypal",
    table="outcome",
    signature=("date", "time", "timezone", "name", "type", "status", "currency", "gross", "net", "receipt id"),
    excludes=("transaction id", "amount"),
    fields={
        "reference": col("Receipt ID", "Date", "Time", "TimeZone", "Name", "Type", "Gross", kind="hash"),
        "occurred_at": col("Date", "Time", kind="timestamp", formats=_DATE_TIME, one_format=True, joined=True),
        "kind": col("Type", kind="category", categories=_KIND, default="donation"),
        "amount": col("Gross", kind="money", required=True, negative=True),
        "currency": col("Currency", kind="text"),
        "donor": col("Name", kind="hash"),
        "counted": col("Status", "Type", "Gross", kind="text", joined=True),
        # No Reference Txn ID in this layout: a refund matches a donation from the same payer (ingest.py).
        "refund_of": col("Reference Txn ID", kind="id"),
    },
    keep_only={"counted": _COUNTED},
    keep_note="not a completed donation or refund: bonuses, withdrawals, conversions, holds, pending payments, "
    "payments made",
    set_aside_as=_SET_ASIDE_AS,
    hint="paypal.com > Activity > Statements > Activity download, CSV",
)

ACTIVITY_PERSONAL = Connector(
    name="paypal_activity_personal",
    label="PayPal activity download (Download.CSV, personal account)",
    platform="paypal",
    table="outcome",
    signature=("date", "time", "timezone", "name", "type", "status", "currency", "amount", "receipt id"),
    excludes=("gross", "transaction id"),
    fields={
        # This download has no transaction id and Receipt ID is often empty: the key is the payment's
        # own details as written. They stay the same across downloads as long as the account's language
        # and time zone settings do.
        "reference": col("Receipt ID", "Date", "Time", "TimeZone", "Name", "Type", "Amount", kind="hash"),
        "occurred_at": col("Date", "Time", kind="timestamp", formats=_DATE_TIME, one_format=True, joined=True),
        "kind": col("Type", kind="category", categories=_KIND, default="donation"),
        "amount": col("Amount", kind="money", required=True, negative=True),
        "currency": col("Currency", kind="text"),
        "donor": col("Name", kind="hash"),
        "counted": col("Status", "Type", "Amount", kind="text", joined=True),
        # No Reference Txn ID in this layout: a refund matches a donation from the same payer (ingest.py).
        "refund_of": col("Reference Txn ID", kind="id"),
    },
    keep_only={"counted": _COUNTED},
    keep_note=_KEEP_NOTE,
    set_aside_as=_SET_ASIDE_AS,
    hint="paypal.com > Activity > Statements > Activity download, CSV",
)

GIVING_FUND = Connector(
    name="paypal_giving_fund_payouts",
    label="PayPal Giving Fund payout report",
    platform="paypal_giving_fund",
    table="outcome",
    signature=("payout date", "donation date", "donor email", "program name", "gross amount", "transaction id"),
    fields={
        "reference": col("Transaction ID", kind="id", required=True),
        "occurred_at": col("Donation Date", kind="timestamp", formats=_DAY, one_format=True, required=True),
        "kind": col("Transaction ID", kind="text", constant="donation"),
        "amount": col("Gross Amount", kind="money", required=True, negative=True),
        "currency": col("Currency Code", kind="text"),
        "donor": col("Donor Email", kind="hash"),
        "note": col("Program Name", kind="text"),
        "personal": col("Donor First Name", "Donor Last Name", kind="text"),
    },
    hint="PayPal Giving Fund charity portal > Reports > Payout report, CSV",
)
