"""Stripe: the Dashboard's payments export (`unified_payments.csv`), as donations.

Stripe is the processor behind most online donation forms (Donorbox, Givebutter, GiveWP, Payment
Links, Checkout). Dashboard > Payments > Export, CSV: one row per payment, named columns in the
order the export dialog lists them, the default set starting `id, Created date (UTC), Amount, Amount
Refunded, Currency, Captured, Converted Amount, Converted Amount Refunded, Converted Currency, ...,
Description, Fee, ..., Status, Seller Message, ..., Customer ID, Customer Description, Customer
Email, ...` (older exports: `Created (UTC)`), and one `<key> (metadata)` column per metadata key the
forms set. Amounts are in the currency's major unit with a dot ("25.00"), the currency in lower case
("usd", stored upper-cased), times in UTC ("2024-03-05 14:22:10"), kept as written.

What counts: payments whose Status is Paid (or Refunded, Partially Refunded) and that were captured.
A refund is reported on its payment's row, as Razorpay's, so the amount stored is Amount − Amount
Refunded: a partial refund reduces the gift, a full one leaves 0 and makes the row a refund, not a
donation. Failed, canceled and uncaptured payments never reached the organisation and are set aside;
rows with an empty id are failed attempts, not payments, and are set aside with that reason.
Converted amounts (into the account's currency) are kept in `extra`; donations are counted in the
currency the donor paid, like every other format. The donor is kept only as a hash of the customer's
e-mail; customer names, descriptions, ids, card details and metadata (donation forms put the donor's
name and address there) are never stored.
"""

from connectors.base import Connector, col

PAYMENTS = Connector(
    name="stripe_payments",
    label="Stripe payments export (unified_payments.csv)",
    platform="stripe",
    table="outcome",
    # Amount is not in the signature: an export without it is recognised, and refused by name.
    signature=("id", "amount refunded", "currency", "captured", "status"),
    fields={
        "reference": col("id", kind="id", required=True),
        "occurred_at": col(
            "Created date (UTC)",
            "Created (UTC)",
            kind="timestamp",
            formats=("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"),
            required=True,
        ),
        # A payment refunded in full is no longer a gift: it counts as a refund (of 0 net), not a donation.
        "kind": col("Status", kind="category", categories=((r"^refunded$", "refund"),), default="donation"),
        "amount": col("Amount", "Amount Refunded", kind="money", net=True, required=True),
        "currency": col("Currency", kind="text", upper=True),
        "donor": col("Customer Email", kind="hash"),
        "note": col("Description", kind="text"),
        "counted": col("Status", "Captured", kind="text", joined=True),
    },
    keep_only={"counted": r"^(paid|refunded|partially refunded) true$"},
    keep_note="not paid and captured: failed, canceled or uncaptured payments never reached the organisation",
    set_aside_as=(("reference", r"^$", "failed attempts, not payments (no payment id)"),),
    extra_excludes=(r"\(metadata\)$", r"^customer ", r"^card ", r"^shipping ", r"^billing "),
    hint="Stripe Dashboard > Payments > Export (all columns or the default ones), CSV",
)
