"""The year the sample covers and when its files were "downloaded"."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

START = date(2025, 12, 1)
END = date(2026, 11, 25)  # inclusive; "yesterday" relative to 2026-11-26
IST = timezone(timedelta(hours=5, minutes=30))
PERIOD = f"{START.isoformat()}_{END.isoformat()}"

EXPORT_AT = datetime(2026, 11, 26, 10, 0, tzinfo=IST)  # all exports but X part 1
X1_EXPORT_AT = datetime(2026, 7, 1, 10, 0, tzinfo=IST)  # X part 1 was downloaded earlier
X1_RANGE = (date(2025, 12, 1), date(2026, 6, 30))
X2_RANGE = (date(2026, 6, 1), date(2026, 11, 25))
ZIP_DATE_TIME = (2026, 11, 26, 10, 15, 0)
UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

DAYS = [START + timedelta(days=i) for i in range((END - START).days + 1)]

MONTHS_FULL = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]  # fmt: skip


def exported_at(last_day: date) -> datetime:
    """When exports covering up to `last_day` were downloaded: the next morning (EXPORT_AT for END)."""
    return datetime.combine(last_day + timedelta(days=1), time(10, 0), IST)


def period_name(last_day: date) -> str:
    """The period as file names write it: "2025-12-01_2026-11-25" (PERIOD for END)."""
    return f"{START.isoformat()}_{last_day.isoformat()}"


def month_key(d: date | datetime) -> str:
    """The month as "2026-03"."""
    return f"{d.year}-{d.month:02d}"


def month_keys(last_day: date = END) -> list[str]:
    """The period's months up to `last_day`, in order."""
    keys: list[str] = []
    for d in DAYS:
        if d <= last_day and month_key(d) not in keys:
            keys.append(month_key(d))
    return keys


def ms_since_epoch(dt: datetime) -> int:
    return (dt - UNIX_EPOCH) // timedelta(milliseconds=1)


def days_between(a: datetime, b: datetime) -> float:
    return (b - a) / timedelta(days=1)
