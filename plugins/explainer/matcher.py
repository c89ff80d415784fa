"""Multi-pattern term matching for unspaced Chinese and spaced Latin text alike.

One Aho-Corasick pass finds the alias occurrences, whatever the number of terms. Then:
Latin-script edges must not touch another Latin letter or digit ("AI" never inside "OpenAI");
case-sensitive aliases must match exactly; and of overlapping candidates the leftmost-longest
wins (阿里巴巴 over 阿里, 通义Qwen over 通义). Full-width and half-width forms match alike.

The pass runs in ahocorasick-rs (Rust), which can choose leftmost-longest itself: that choice
is the answer whenever every match it chose passes the checks, as on almost every page. Only a
page where one fails is searched again for every overlapping candidate, so that a shorter or
later candidate can take the refused one's place.
"""

import re
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

import ahocorasick_rs


def fold_char(char: str) -> str:
    """Width- and case-fold one character to one character, so offsets never move."""
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII forms
        char = chr(code - 0xFEE0)
    elif code == 0x3000:  # ideographic space
        char = " "
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


# Full-width ASCII forms and the ideographic space, mapped to their half-width forms.
WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
WIDE = re.compile("[\uff01-\uff5e\u3000]+")


def narrow(text: str) -> str:
    """Full-width forms made half-width. A regex finds the few wide runs of a Chinese text:
    str.translate looks up every character of a non-ASCII text, about ten times slower."""
    return WIDE.sub(lambda run: run.group().translate(WIDTH_TABLE), text)


def fold(text: str, narrowed: str | None = None) -> str:
    """Width- and case-fold a text without moving any offset (fast path: str methods).

    `narrowed`, when given, is `narrow(text)`, already computed by the caller."""
    lowered = (narrow(text) if narrowed is None else narrowed).lower()
    return lowered if len(lowered) == len(text) else "".join(map(fold_char, text))


def is_latin_word_char(char: str) -> bool:
    """Letters and digits of Latin script (after width folding) form words; CJK does not."""
    return char.isascii() and char.isalnum() or ("\u00c0" <= char <= "\u024f")


# The characters is_latin_word_char takes, to look up without a call at every candidate's edges.
LATIN_WORD_CHARS = frozenset(
    [chr(code) for code in range(128) if chr(code).isalnum()]
    + [chr(code) for code in range(0xC0, 0x250)]
)


def case_blind(option) -> bool:
    """Whether the case check of this (case_sensitive, narrow alias, ...) always passes: it is
    off, or the alias has no cased letter, so a text that folds to it is the alias itself."""
    case_sensitive, narrow_alias = option[:2]
    return not case_sensitive or narrow_alias.lower() == narrow_alias.upper() == narrow_alias


@dataclass(frozen=True, slots=True)
class Pattern:
    alias: str
    key: str  # payload handed back with each match, e.g. a glossary entry id
    case_sensitive: bool


class Match(NamedTuple):
    """A tuple, not a dataclass: thousands are made per page, and tuples are made fastest."""

    start: int
    end: int
    key: str
    alias: str


# A Match made without the Python call a named tuple's constructor is: a page makes a hundred.
_made = tuple.__new__


class TermMatcher:
    """Leftmost-longest, boundary-aware matching of many aliases in one pass."""

    def __init__(self, patterns: list[Pattern]):
        by_folded: dict[str, list[Pattern]] = {}
        for pattern in patterns:
            by_folded.setdefault(fold(pattern.alias), []).append(pattern)
        self._aliases = list(by_folded)
        # Per folded alias: its length, which edges are Latin word characters (only those are
        # checked), and each alias width-folded once here rather than at every occurrence.
        self._values = [
            (
                len(folded),
                is_latin_word_char(folded[0]),
                is_latin_word_char(folded[-1]),
                tuple(
                    (p.case_sensitive, p.alias.translate(WIDTH_TABLE), p.key, p.alias)
                    for p in by_folded[folded]
                ),
            )
            for folded in self._aliases
        ]
        # (key, alias) of the aliases that nothing but `accept` can refuse: most of them, as
        # Chinese has no case and no Latin edges.
        self._plain = [
            None if latin_start or latin_end or not case_blind(options[0]) else options[0][2:]
            for _, latin_start, latin_end, options in self._values
        ]
        self._longest = self._overlapping = None
        if self._aliases:
            self._longest = ahocorasick_rs.AhoCorasick(
                self._aliases, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
        self.size = len(patterns)

    def find(self, text: str, accept=None) -> list[Match]:
        """Non-overlapping matches, leftmost first, longest at each start.

        Boundaries and case are checked, and `accept(start, end)` may veto a candidate, before
        the choice, so a shorter valid match still wins where the longest one is refused. Only
        candidates that could still be chosen are checked at all.
        """
        if not self.size:
            return []
        narrowed = narrow(text)
        folded = fold(text, narrowed)
        check = partial(self._check, folded, narrowed, accept)
        chosen, plain = [], self._plain
        for index, start, end in self._longest.find_matches_as_indexes(folded):
            if plain[index] is not None and (accept is None or accept(start, end)):
                chosen.append(_made(Match, (start, end) + plain[index]))
                continue
            match = check(start, self._values[index])
            if match is None:
                return self._find_all_candidates(folded, check)
            chosen.append(match)
        return chosen

    def _find_all_candidates(self, folded: str, check) -> list[Match]:
        """The choice made over every overlapping candidate, checking each before choosing."""
        if self._overlapping is None:
            self._overlapping = ahocorasick_rs.AhoCorasick(self._aliases)
        # (start, -length) sorts leftmost first, longest first; no two share both.
        found = sorted(
            (start, start - end, index)
            for index, start, end in self._overlapping.find_matches_as_indexes(
                folded, overlapping=True
            )
        )
        chosen, reached = [], 0
        for start, _, index in found:
            if start < reached:
                continue
            match = check(start, self._values[index])
            if match is not None:
                chosen.append(match)
                reached = match.end
        return chosen

    @staticmethod
    def _check(folded: str, narrowed: str, accept, start: int, value) -> Match | None:
        """The match of this candidate, or None where an edge, the case or `accept` refuses."""
        length, latin_start, latin_end, options = value
        end = start + length
        if latin_start and start > 0 and folded[start - 1] in LATIN_WORD_CHARS:
            return None
        if latin_end and end < len(folded) and folded[end] in LATIN_WORD_CHARS:
            return None
        for case_sensitive, narrow_alias, key, alias in options:
            if case_sensitive and narrowed[start:end] != narrow_alias:
                continue
            if accept is not None and not accept(start, end):
                return None
            return _made(Match, (start, end, key, alias))
        return None
