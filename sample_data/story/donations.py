"""Donations: Razorpay payments in rupees for every organisation, PayPal gifts in dollars for one."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sample_data.story.orgs import Org
from sample_data.story.texts import load_json
from sample_data.story.time_log import day_shape
from sample_data.story.year import Year, fake_id, pick_time, poisson
from sample_data.writers import paypal, razorpay

VPA_HANDLES = ["okhdfcbank", "oksbi", "okicici", "okaxis", "ybl", "paytm", "ibl"]
BANKS = ["HDFC", "SBIN", "ICIC", "UTIB", "KKBK", "PUNB", "BARB"]
WALLETS = ["paytm", "phonepe", "mobikwik", "amazonpay", "freecharge"]
FAILURES = [
    ("BAD_REQUEST_ERROR", "Payment was cancelled by the customer"),
    ("BAD_REQUEST_ERROR", "Payment failed because of an incorrect UPI PIN"),
    ("GATEWAY_ERROR", "Payment processing failed because of an error at the bank"),
]


@dataclass(frozen=True)
class Donor:
    name: str
    email: str
    contact: str


@dataclass
class Payment:
    dt: datetime
    amount: int
    method: str
    status: str  # captured, failed, refunded, partial (captured, then refunded in part)
    donor: Donor
    campaign: str | None  # the campaign's name, when its payment page was used
    tag: str | None
    notes: bool
    net: int = 0  # rupees kept: the amount less refunds, 0 when the payment failed
    counted: bool = False  # captured


def money(x: float) -> str:
    return f"{x:.2f}"


def usd(x: float) -> str:
    return f"{x:,.2f}"


def donor_pool(rng: random.Random, n: int) -> list[Donor]:
    """Repeat donors: a fixed pool of made-up people with example.org addresses."""
    names = load_json("donors.json")
    people: list[Donor] = []
    seen: set[tuple[str, str]] = set()
    while len(people) < n:
        first, last = rng.choice(names["first_names"]), rng.choice(names["last_names"])
        if (first, last) in seen:
            continue
        seen.add((first, last))
        email = f"{first.lower()}.{last.lower()}{rng.randrange(10, 99)}@example.org"
        contact = f"+9190000{rng.randrange(10000, 99999)}"
        people.append(Donor(f"{first} {last}", email, contact))
    return people


def build_payments(org: Org, year: Year, rng: random.Random) -> list[Payment]:
    conf = org.outcomes
    donors = donor_pool(rng, 160)
    amounts, amount_w = zip(*conf.amounts, strict=True)
    payments = []
    for d in year.days:
        c, camp, shape, bad, winter = day_shape(year, d)
        lam = conf.gifts_per_day * year.growth(d) * (1.15 if d.weekday() >= 5 else 1.0)
        if c:
            lam += conf.campaign_gifts[c.tag] * shape
        if bad:
            lam *= 0.35
        if winter:
            lam *= 0.6
        for _ in range(poisson(rng, lam)):
            when = pick_time(rng, d).replace(microsecond=0)
            amount = rng.choices(amounts, amount_w)[0]
            if c and rng.random() < 0.3:
                amount = rng.choice([1500, 2000, 2500, 3000, 5000])  # "one kit" / "five kits" buttons
            donor = rng.choice(donors)
            method = rng.choices(["upi", "card", "netbanking", "wallet"], [55, 20, 18, 7])[0]
            r = rng.random()
            status = "captured" if r < 0.93 else "failed" if r < 0.975 else "refunded" if r < 0.99 else "partial"
            campaign = camp if c and rng.random() < 0.85 else None
            payments.append(
                Payment(when, amount, method, status, donor, campaign, c.tag if c else None, rng.random() < 0.6)
            )
    return payments


def build_razorpay(org: Org, year: Year) -> tuple[bytes, int, list[Payment]]:
    """Razorpay Dashboard payments report: (bytes, rows, payments with what each one counts for)."""
    rng = random.Random(org.folder + "/razorpay")
    conf = org.outcomes
    payments = build_payments(org, year, rng)
    rows = []
    for p in payments:
        amount, status = p.amount, p.status
        refunded = {"refunded": amount, "partial": amount // 2}.get(status, 0)
        captured = status != "failed"
        fee = round(amount * 0.0236, 2) if captured else 0
        row = {
            "id": fake_id(rng, "pay_", 14),
            "amount": money(amount),
            "currency": "INR",
            "status": "captured" if status == "partial" else status,
            "order_id": fake_id(rng, "order_", 14),
            "international": "0",
            "method": p.method,
            "amount_refunded": money(refunded),
            "refund_status": {"refunded": "full", "partial": "partial"}.get(status, ""),
            "captured": "1" if captured else "0",
            "description": conf.campaign_pages[p.tag] if p.campaign and p.tag else conf.general_page,
            "email": p.donor.email,
            "contact": p.donor.contact,
            "fee": money(fee),
            "tax": money(round(amount * 0.0036, 2) if captured else 0),
            "created_at": p.dt.strftime("%d/%m/%Y %H:%M:%S"),
        }
        if p.method == "upi":
            row["vpa"] = p.donor.email.split("@")[0].replace(".", "") + "@" + rng.choice(VPA_HANDLES)
        elif p.method == "card":
            row["card_id"] = fake_id(rng, "card_", 14)
        elif p.method == "netbanking":
            row["bank"] = rng.choice(BANKS)
        else:
            row["wallet"] = rng.choice(WALLETS)
        if p.notes:
            row["notes"] = json.dumps({"name": p.donor.name, "pan": "ABCDE1234F"}, separators=(",", ":"))
        if status == "failed":
            row["error_code"], row["error_description"] = rng.choice(FAILURES)
        p.net = amount - refunded if captured else 0
        p.counted = captured
        rows.append(row)
    return razorpay.payments_report(rows), len(rows), payments


def build_paypal(org: Org) -> tuple[bytes, int, list[tuple[datetime, int]]]:
    """PayPal business activity download: a few USD gifts from abroad during the appeal, one refund and
    one withdrawal. Returns (bytes, rows, counted (datetime, signed amount))."""
    rng = random.Random(org.folder + "/paypal")
    c = org.campaigns[0]
    title = org.outcomes.campaign_names[c.tag]
    assert org.base_url, "the PayPal account is named after the website"
    receiver = "donate@" + org.base_url.split("//")[1]
    span = (c.end - c.start).days
    gifts = []
    for donor in load_json("donors.json")["paypal"]:
        d = c.start + timedelta(days=rng.randrange(span))
        if rng.random() < 0.6:  # most gifts come around the peak
            d = c.peak_from + timedelta(days=rng.randrange((c.peak_to - c.peak_from).days + 1))
        when = datetime.combine(d, time(rng.randrange(6, 23), rng.randrange(60), rng.randrange(60)))
        gross = rng.choice([25, 50, 50, 100, 100, 150, 250, 500])
        gifts.append((when, donor["name"], donor["country"], donor["country_code"], gross))
    gifts.sort()
    events = []
    for when, name, country, code, gross in gifts:
        email = name.lower().replace(" ", ".") + "@example.org"
        events.append(("gift", when, name, email, country, code, gross, fake_id(rng, "", 17).upper()))
    # The first gift from the UK was sent twice by mistake; the second is refunded a day later.
    dup = next(e for e in events if e[4] == "United Kingdom")
    dup_when = dup[1] + timedelta(minutes=3)
    events.append(("gift", dup_when, dup[2], dup[3], dup[4], dup[5], dup[6], fake_id(rng, "", 17).upper()))
    refund_of = events[-1]
    refund_when = dup_when + timedelta(days=1, hours=2)
    events.append(("refund", refund_when, dup[2], dup[3], dup[4], dup[5], dup[6], fake_id(rng, "", 17).upper()))
    events.sort(key=lambda e: e[1])
    rows = []
    balance = 0.0
    counted: list[tuple[datetime, int]] = []
    for kind, when, name, email, country, code, gross, txn in events:
        if kind == "gift":
            fee = -round(gross * 0.044 + 0.30, 2)
            row = {
                "Name": name, "Type": "Donation Payment", "Gross": usd(gross), "Fee": usd(fee), "Net": usd(gross + fee),
                "From Email Address": email, "To Email Address": receiver, "Item Title": title, "Quantity": "1",
                "Country": country, "Country Code": code, "Balance Impact": "Credit",
            }  # fmt: skip
            balance += gross + fee
            counted.append((when, gross))
        else:
            fee = round(gross * 0.044, 2)  # the percentage fee comes back, the fixed fee does not
            row = {
                "Name": name, "Type": "Payment Refund", "Gross": usd(-gross), "Fee": usd(fee), "Net": usd(-gross + fee),
                "From Email Address": receiver, "To Email Address": email, "Reference Txn ID": refund_of[7],
                "Note": "Sent twice by mistake", "Country": country, "Country Code": code, "Balance Impact": "Debit",
            }  # fmt: skip
            balance += -gross + fee
            counted.append((when, -gross))
        row.update(
            {"Date": when.strftime("%d/%m/%Y"), "Time": when.strftime("%H:%M:%S"), "TimeZone": "IST",
             "Currency": "USD", "Status": "Completed", "Transaction ID": txn, "Balance": usd(balance)}
        )  # fmt: skip
        rows.append(row)
    # The balance goes to the bank once the appeal is over.
    when = datetime.combine(c.end + timedelta(days=3), time(11, 20, 5))
    rows.append(
        {
            "Date": when.strftime("%d/%m/%Y"), "Time": when.strftime("%H:%M:%S"), "TimeZone": "IST",
            "Name": "Bank Account", "Type": "General Withdrawal", "Status": "Completed", "Currency": "USD",
            "Gross": usd(-balance), "Fee": "0.00", "Net": usd(-balance), "Balance": "0.00",
            "From Email Address": receiver, "Transaction ID": fake_id(rng, "", 17).upper(), "Balance Impact": "Debit",
        }
    )  # fmt: skip
    return paypal.activity_download(rows), len(rows), counted
