"""Razorpay (India): the Dashboard's Payments report, as donations.

Razorpay is the payment gateway most Indian non-profits take donations through (Payment Pages,
Payment Buttons, checkout on their site). Dashboard > Reports > Payments, CSV: one row per payment,
its columns named like the fields of the payment entity documented at
https://razorpay.com/docs/api/payments/entity/ (id, amount, currency, status, order_id, method,
amount_refunded, refund_status, captured, description, email, contact, notes, fee, tax, created_at, ...).

Amounts: the API gives them in paise (29900 for ₹299); the Dashboard report writes rupees ("299.00"),
and created_at as a day-first date and time ("06/01/2023 12:13:37", IST). A payments list saved from
the API (it has the API's `entity` column, paise and Unix times) is not read as this report: its
amounts would count 100 times over. It is refused by name (connectors.NOT_YET_SUPPORTED).

What counts: payments whose status is `captured`, or `refunded` (captured, then given back in full).
A refund is reported on its payment's row, so the amount stored is amount − amount_refunded: a
partial refund reduces the gift; a full one leaves 0 and makes the row a refund, not a donation.
Created, authorized and failed payments never reached the organisation and are set aside.
The payment method (upi, card, netbanking, wallet), bank, wallet and card network are kept in
`extra`; the donor's e-mail is kept only as a hash, and the phone number, UPI id (VPA) and notes
(Payment Pages put the donor's name, PAN and address there) are read so they are not stored.
"""

from connectors.base import Connector, col

PAYMENTS = Connector(
    name="razorpay_payments",
    label="Razorpay Dashboard payments report",
    platform="razorpay",
    table="outcome",
    signature=("id", "amount", "currency", "status", "method", "amount_refunded", "captured", "created_at"),
    excludes=("entity",),
    fields={
        "reference": col("id", kind="id", required=True),
        "occurred_at": col(
            "created_at", kind="timestamp", formats=("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"), required=True
        ),
        # A payment refunded in full is no longer a gift: it counts as a refund (of 0 net), not a donation.
        "kind": col("status", kind="category", categories=((r"^refunded$", "refund"),), default="donation"),
        "amount": col("amount", "amount_refunded", kind="money", net=True, required=True),
        "currency": col("currency", kind="text"),
        "donor": col("email", kind="hash"),
        "note": col("description", kind="text"),
        "status": col("status", kind="text"),
        "personal": col("contact", "vpa", "notes", kind="text"),
    },
    keep_only={"status": r"^(captured|refunded)$"},
    keep_note="not captured: created, authorized or failed payments never reached the organisation",
    hint="Razorpay Dashboard > Reports > Payments, CSV",
)
