"""Quote selectors (W3C Web Annotation TextQuoteSelector) anchored at build time.

Hypothesis finds a broken anchor only when a reader opens the page; we find it while building:
a quote that is not in the text (orphaned) or that the prefix and suffix do not single out
(ambiguous) is an error naming the file, the entry and the quote.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick_rs


@dataclass(frozen=True)
class Quote:
    exact: str
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def from_data(cls, data: dict) -> "Quote":
        return cls(data["exact"], data.get("prefix", ""), data.get("suffix", ""))

    def describe(self) -> str:
        return (
            f"“{self.prefix}[{self.exact}]{self.suffix}”"
            if self.prefix or self.suffix
            else f"“{self.exact}”"
        )


class AnchorError(ValueError):
    """The quote is orphaned or ambiguous; `reason` says which."""

    def __init__(self, quote: Quote, reason: str, count: int):
        self.quote, self.reason, self.count = quote, reason, count
        super().__init__(
            f"quote {quote.describe()} is {reason}"
            + (f" ({count} places match)" if count > 1 else "")
        )


def occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def anchor(text: str, quote: Quote) -> tuple[int, int]:
    """The (start, end) of the quote's exact text: exactly one place must match."""
    places = occurrences(text, quote.prefix + quote.exact + quote.suffix)
    if not places:
        reason = "not found (orphaned)"
        if (quote.prefix or quote.suffix) and occurrences(text, quote.exact):
            reason = "not found with this prefix/suffix (orphaned)"
        raise AnchorError(quote, reason, 0)
    if len(places) > 1:
        raise AnchorError(quote, "ambiguous: add a prefix or suffix to single it out", len(places))
    start = places[0] + len(quote.prefix)
    return start, start + len(quote.exact)


class QuoteFinder:
    """Where each of many quotes (prefix + exact + suffix) occurs in a text, in one pass."""

    def __init__(self, quotes: Iterable[Quote]):
        self._needles = list(dict.fromkeys(q.prefix + q.exact + q.suffix for q in quotes))
        self._automaton = ahocorasick_rs.AhoCorasick(self._needles) if self._needles else None

    def places(self, text: str) -> dict[str, list[int]]:
        """Start offsets of every occurrence, overlapping ones included, by quote text."""
        found: dict[str, list[int]] = {}
        if self._automaton is None:
            return found
        for index, start, _ in self._automaton.find_matches_as_indexes(text, overlapping=True):
            found.setdefault(self._needles[index], []).append(start)
        return found
