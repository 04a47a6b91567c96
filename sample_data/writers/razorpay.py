"""Razorpay Dashboard payments report.

UTF-8 without BOM, LF, minimal quoting; amounts in rupees ("500.00"), `created_at` day-first IST
("06/01/2026 12:13:37"), `notes` a JSON object. Rows are mappings by column name; a column a row
does not name is left empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sample_data.writers.quoting import csv_text, quote_minimal

HEADER = [
    "id", "amount", "currency", "status", "order_id", "invoice_id", "international", "method",
    "amount_refunded", "refund_status", "captured", "description", "card_id", "bank", "wallet", "vpa",
    "email", "contact", "notes", "fee", "tax", "error_code", "error_description", "created_at",
]  # fmt: skip


def payments_report(rows: Sequence[Mapping[str, str]], columns: Sequence[str] = HEADER) -> bytes:
    table = [list(columns)] + [[row.get(c, "") for c in columns] for row in rows]
    return csv_text(table, quote_minimal, "\n").encode("utf-8")
