"""Multi-pattern term matching for unspaced Chinese and spaced Latin text alike.

One Aho-Corasick pass finds every alias occurrence, whatever the number of terms. Then:
Latin-script edges must not touch another Latin letter or digit ("AI" never inside "OpenAI");
case-sensitive aliases must match exactly; and of overlapping candidates the leftmost-longest
wins (阿里巴巴 over 阿里, 通义Qwen over 通义). Full-width and half-width forms match alike.
"""

from dataclasses import dataclass

import ahocorasick


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


def fold(text: str) -> str:
    """Width- and case-fold a text without moving any offset (fast path: str methods)."""
    narrow = text.translate(WIDTH_TABLE)
    lowered = narrow.lower()
    return lowered if len(lowered) == len(text) else "".join(map(fold_char, text))


def is_latin_word_char(char: str) -> bool:
    """Letters and digits of Latin script (after width folding) form words; CJK does not."""
    return char.isascii() and char.isalnum() or ("\u00c0" <= char <= "\u024f")


@dataclass(frozen=True, slots=True)
class Pattern:
    alias: str
    key: str  # payload handed back with each match, e.g. a glossary entry id
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    key: str
    alias: str


class TermMatcher:
    """Leftmost-longest, boundary-aware matching of many aliases in one pass."""

    def __init__(self, patterns: list[Pattern]):
        self._automaton = ahocorasick.Automaton()
        by_folded: dict[str, list[Pattern]] = {}
        for pattern in patterns:
            by_folded.setdefault(fold(pattern.alias), []).append(pattern)
        for folded, candidates in by_folded.items():
            self._automaton.add_word(folded, (len(folded), tuple(candidates)))
        self.size = len(patterns)
        if by_folded:
            self._automaton.make_automaton()

    def candidates(self, text: str):
        """Every valid occurrence (boundaries and case checked), overlapping ones included."""
        if not self.size:
            return
        folded = fold(text)
        width_folded = None
        for end_index, (length, patterns) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if not self._at_word_edges(folded, start, end):
                continue
            for pattern in patterns:
                if pattern.case_sensitive:
                    if width_folded is None:
                        width_folded = text.translate(WIDTH_TABLE)
                    if width_folded[start:end] != pattern.alias.translate(WIDTH_TABLE):
                        continue
                yield Match(start, end, pattern.key, pattern.alias)
                break

    @staticmethod
    def _at_word_edges(text: str, start: int, end: int) -> bool:
        if is_latin_word_char(text[start]) and start > 0 and is_latin_word_char(text[start - 1]):
            return False
        return not (
            is_latin_word_char(text[end - 1]) and end < len(text) and is_latin_word_char(text[end])
        )

    def find(self, text: str, accept=None) -> list[Match]:
        """Non-overlapping matches, leftmost first, longest at each start.

        `accept(start, end)` may veto a candidate before the choice, so a shorter valid match
        still wins where the longest one is refused.
        """
        candidates = self.candidates(text)
        if accept is not None:
            candidates = (m for m in candidates if accept(m.start, m.end))
        chosen, reached = [], 0
        for match in sorted(candidates, key=lambda m: (m.start, m.start - m.end)):
            if match.start >= reached:
                chosen.append(match)
                reached = match.end
        return chosen
