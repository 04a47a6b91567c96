"""PayPal activity download (Download.CSV).

UTF-8 with a BOM, every field quoted, LF. The business account's 41 columns are HEADER; some
report settings give only the first 30, a personal account a short set of its own: pass `columns`.
Rows are mappings by column name (values written as given: dates, "1,250.00" or "1.234,56");
a column a row does not name is left empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sample_data.writers.quoting import csv_text, quote_all

HEADER = [
    "Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net",
    "From Email Address", "To Email Address", "Transaction ID", "Shipping Address", "Address Status",
    "Item Title", "Item ID", "Shipping and Handling Amount", "Insurance Amount", "Sales Tax", "Option 1 Name",
    "Option 1 Value", "Option 2 Name", "Option 2 Value", "Reference Txn ID", "Invoice Number", "Custom Number",
    "Quantity", "Receipt ID", "Balance", "Address Line 1", "Address Line 2/District/Neighborhood", "Town/City",
    "State/Province/Region/County/Territory/Prefecture/Republic", "Zip/Postal Code", "Country",
    "Contact Phone Number", "Subject", "Note", "Country Code", "Balance Impact",
]  # fmt: skip


def activity_download(rows: Sequence[Mapping[str, str]], columns: Sequence[str] = HEADER) -> bytes:
    table = [list(columns)] + [[row.get(c, "") for c in columns] for row in rows]
    return ("\ufeff" + csv_text(table, quote_all, "\n")).encode("utf-8")
