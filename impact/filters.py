"""The sidebar's selection, which every figure takes: one organisation, a period of local days, platforms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Filters:
    """The sidebar's selection: one organisation, a period and some platforms."""

    organisation_id: int
    start: date
    end: date  # inclusive
    platforms: tuple[str, ...]

    def previous(self) -> Filters:
        """The period of the same length just before this one."""
        length = (self.end - self.start).days + 1
        return Filters(
            self.organisation_id, self.start - timedelta(days=length), self.start - timedelta(days=1), self.platforms
        )

    def year_earlier(self) -> Filters:
        """The same dates a year before (29 February becomes the 28th)."""

        def shift(day: date) -> date:
            return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)

        return Filters(self.organisation_id, shift(self.start), shift(self.end), self.platforms)

    def params(self) -> dict[str, object]:
        return {"org": self.organisation_id, "start": self.start, "end": self.end, "platforms": list(self.platforms)}


def span_text(start: date, end: date) -> str:
    """Two days as people write a span: "15 Sep – 14 Oct 2025", with the first year too when the years differ
    ("15 Sep 2024 – 14 Sep 2025"): "15 Sep – 14 Sep 2025" would read as a span of one year's September."""
    first = f"{start:%d %b}" if start.year == end.year else f"{start:%d %b %Y}"
    return f"{first} – {end:%d %b %Y}"
