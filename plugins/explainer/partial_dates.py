"""Dates known to a precision: a year, a month or a day ("2024", "2024-09", "2024-09-19")."""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

PRECISIONS = ("year", "month", "day")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int = 0  # 0: unknown
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse and check the calendar (no 2024-02-30); raises ValueError with the reason."""
        parts = str(text).split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        numbers = [int(p) for p in parts] + [0] * (3 - len(parts))
        year, month, day = numbers
        if month and not 1 <= month <= 12:
            raise ValueError(f"{text!r}: there is no month {month}")
        if day:
            try:
                dt.date(year, month, day)
            except ValueError as error:
                raise ValueError(f"{text!r}: {error}") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return PRECISIONS[(self.month > 0) + (self.day > 0)]

    @cached_property
    def iso(self) -> str:
        """The valid HTML `datetime` value for this precision (kept: the dates a site's
        articles resolve to are few, and each is marked again and again)."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day()
        if self.month:
            following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def label(self, lang: str) -> str:
        if lang.startswith("zh"):
            return (
                f"{self.year}年"
                + (f"{self.month}月" if self.month else "")
                + (f"{self.day}日" if self.day else "")
            )
        if self.day:
            return self.first_day().strftime("%-d %B %Y")
        if self.month:
            return self.first_day().strftime("%B %Y")
        return str(self.year)
