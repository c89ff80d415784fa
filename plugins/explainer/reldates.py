"""Relative and partial date expressions in article text, resolved against the publication date.

A reader meets "今年", "近日" or "22个月" long after the article was written, so each expression
found here carries the absolute date it meant on publication, for a tooltip to say so. Rules are
regexes plus small tables (numerals, month names, event nouns), never this article's strings. Of
overlapping matches the leftmost-longest wins; offsets index the text as given (nothing is folded).
Absolute dates are left alone unless they date a named event ("2023年的云栖大会"), which the caller
links to its timeline; they also anchor durations ("2022年11月…22个月").
"""

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .partial_dates import PartialDate


@dataclass(slots=True)  # not frozen: a frozen dataclass sets each field through a call
class DateExpression:
    start: int  # offset in the text
    end: int
    text: str  # text[start:end]
    date: PartialDate  # resolved absolute date (start of a range)
    until: PartialDate | None  # end of a range when the expression denotes a span, else None
    approximate: bool  # vague expressions (近日, recently) and inferred results
    rule: str  # name of the rule that matched, e.g. "this-year", "months-since"
    label: dict  # {"zh": ..., "en": ...}: what the reader sees in the tooltip
    subject: str | None  # the event noun dated by "<date>(的)<name>", for the caller to link


# --- Small tables ------------------------------------------------------------------------------

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
ZH_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
EN_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
EN_NUMBERS = {"a": 1, "an": 1} | {word: n for n, word in enumerate(EN_WORDS, 1)}
MONTHS_EN = "January February March April May June July August September October November December"
MONTH_NAMES = MONTHS_EN.split()
MONTH_KEYS = [name[:3] for name in MONTH_NAMES]

# Year offsets of relative year words, Chinese and English alike.
RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1, "this": 0, "last": -1, "next": 1}
RELATIVE_YEARS |= {"the year before last": -2}
YEAR_RULES = {0: "this-year", -1: "last-year", -2: "year-before-last", 1: "next-year"}
YEAR_NOTES = {
    0: ("本文发表的年份", "the year the article was published"),
    -1: ("本文发表的前一年", "the year before the article was published"),
    -2: ("本文发表的两年前", "two years before the article was published"),
    1: ("本文发表的次年", "the year after the article was published"),
}

# Event nouns a date may qualify; the caller maps the subject to a timeline event.
EVENTS_ZH = "云栖大会 开发者大会 发布会 大会 峰会 年会 博览会 财报 论坛".split()
EVENTS_EN = ("conference", "summit", "expo", "forum", "launch event", "earnings", "results")

# --- Regex building blocks ---------------------------------------------------------------------

_CN = "".join(ZH_DIGITS)
# A count or month number: Arabic (1-3 digits) or Chinese up to 九十九, never inside a longer
# number ("2022年" is no "22年"; "几十年" is no "十年").
NUM = rf"(?<![\d{_CN}十百千万几数.])(?:\d{{1,3}}|[{_CN}]?十[{_CN}]?|[{_CN}])"
NUM_EN = r"(?:\d{1,3}|" + "|".join(EN_WORDS) + ")"
MONTH_EN = "(?-i:" + "|".join(MONTH_NAMES) + ")"  # capitalised only: "may" and "march" are verbs
YEAR = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
NOT_YEAR_WORD = "(?![轻代纪龄级])"  # 如今年轻人, 过去年代: no year there
EVENT_ZH = "(?P<subject>" + "|".join(sorted(EVENTS_ZH, key=len, reverse=True)) + ")"
EVENT_EN = (  # "Apsara Conference", "conference"; the capitalised name part is case-sensitive
    r"(?P<subject>(?-i:(?:[A-Z][\w-]*\s+)*)(?:" + "|".join(EVENTS_EN).replace(" ", r"\s+") + r"))\b"
)
POSSESSIVE_EVENT_EN = rf"(?:['’]s\s+{EVENT_EN})?"

SENTENCE_END_MARKS = "。！？；!?;\n\u2029"  # and a full stop before a space or at the end
SENTENCE_END = re.compile(rf"[{SENTENCE_END_MARKS}]|\.(?=\s|$)")


def sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding `offset` starts: after the last SENTENCE_END that ends at or
    before it. Searched back from `offset`, through one sentence, not the page from its start
    (the regex engine reads a page at about 10 ns a character)."""
    start = 0
    for mark in SENTENCE_END_MARKS:
        at = text.rfind(mark, start, offset) + 1
        if at > start:
            start = at
    at = text.rfind(".", start, offset)
    while at >= 0:  # a full stop ends a sentence before a space or at the end of the text
        if at + 1 == len(text) or text[at + 1].isspace():
            return at + 1
        at = text.rfind(".", start, at)
    return start


ANCHOR = {
    "zh": re.compile(rf"(?P<year>{YEAR})\s?年(?:(?P<month>{NUM})月)?"),
    "en": re.compile(rf"\b(?:(?P<month>{MONTH_EN})\s+(?:\d{{1,2}},?\s+)?)?(?P<year>{YEAR})", re.I),
}


# --- Resolvers: match -> fields of a DateExpression, or None to reject -------------------------


@dataclass
class _Context:
    text: str
    published: PartialDate
    lang: str

    def __post_init__(self):
        # What resolutions are remembered by besides the match: plain values, whose hash takes
        # no Python call, unlike the publication date's.
        published = self.published
        self.memo_key = (self.lang, published.year, published.month, published.day)


Resolver = Callable[[re.Match, _Context], dict | None]


def _number(token: str) -> int:
    """22, 二十二, 十二, 两 or twelve as an int (the regexes only let such tokens through)."""
    token = token.strip().lower()
    if token.isdigit():
        return int(token)
    if token in EN_NUMBERS:
        return EN_NUMBERS[token]
    if "十" in token:
        tens, _, ones = token.partition("十")
        return ZH_DIGITS.get(tens, 1) * 10 + ZH_DIGITS.get(ones, 0)
    return ZH_DIGITS[token]


def _month(token: str) -> int:
    """A month number from "6", "六" or "June"."""
    key = token[:3].capitalize()
    return MONTH_KEYS.index(key) + 1 if key in MONTH_KEYS else _number(token)


def _date(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    """A checked PartialDate, or None for 0月, 13月 or 2月30日 (None: no month or day given)."""
    if month == 0 or day == 0:
        return None
    try:
        return PartialDate.parse(PartialDate(year, month or 0, day or 0).iso)
    except ValueError:
        return None


def _shift(date: PartialDate, months: int) -> PartialDate:
    """Move by whole months, keeping the precision (a day is clamped to the month's end)."""
    if not date.month:
        return PartialDate(date.year + months // 12)
    year, month = divmod(date.year * 12 + date.month - 1 + months, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return PartialDate(year, month + 1, day)


def _month_of(published: PartialDate) -> PartialDate:
    """Vague words are as precise as the month of publication, never its day."""
    return PartialDate(published.year, published.month)


def _span_units(m: re.Match) -> tuple[int, int, bool]:
    """(count, months per unit, "or more") of a duration such as 两年, 一年多, 22个月, 3 months.

    A count of 0 ("0年") is no duration: callers reject it."""
    count = _number(m["n"]) if m["n"] else 1
    unit = m["unit"].lower()
    more = "多" in unit or bool(m.groupdict().get("more"))
    return count, 12 if unit[0] in "年y" else 1, more


def _count_label(count: int, per: int, more: bool) -> tuple[str, str]:
    zh_count = "两" if count == 2 else ("一二三四五六七八九十"[count - 1] if count <= 10 else count)
    plus = "多" if more else ""
    zh = f"{zh_count}年{plus}" if per == 12 else f"{zh_count}个{plus}月"
    word = {1: "a year" if per == 12 else "a month"}.get(count)
    number = EN_WORDS[count - 1] if count <= 12 else count
    en = word or f"{number} {'years' if per == 12 else 'months'}"
    return zh, en + (" or more" if more else "")


def relative_year(m: re.Match, ctx: _Context) -> dict | None:
    offset = RELATIVE_YEARS[" ".join(m["rel"].lower().split())]
    month = _month(m["month"]) if m.groupdict().get("month") else None
    day = _number(m["day"]) if m.groupdict().get("day") else None
    date = _date(ctx.published.year + offset, month, day)
    if date is None:
        return None
    zh, en = YEAR_NOTES[offset]
    if month:  # "2024年6月（本文发表当年）": the month sits in the year, it is not the year
        zh, en = zh.replace("的年份", "当年"), f"in {en}"
    return {
        "date": date,
        "rule": ("month-of-" if month else "") + YEAR_RULES[offset],
        "label": {"zh": f"{date.label('zh')}（{zh}）", "en": f"{date.label('en')} ({en})"},
    }


def year_before(m: re.Match, ctx: _Context) -> dict:
    """前一年, "the previous year": the year before the one in focus, taken as publication - 1."""
    date = PartialDate(ctx.published.year - 1)
    return {
        "date": date,
        "approximate": True,
        "rule": "year-before",
        "label": {
            "zh": f"约{date.label('zh')}（前一年，按本文发表的年份推算）",
            "en": f"about {date.label('en')} (the year before, counted from publication)",
        },
    }


def recently(m: re.Match, ctx: _Context) -> dict:
    date = _month_of(ctx.published)
    return {
        "date": date,
        "approximate": True,
        "rule": "recently",
        "label": {
            "zh": f"约{date.label('zh')}（本文发表前不久）",
            "en": f"about {date.label('en')} (shortly before the article was published)",
        },
    }


def recent_span(m: re.Match, ctx: _Context) -> dict | None:
    """最近一年来, 这两年, the past two years: from N units before publication up to it."""
    count, per, more = _span_units(m)
    if not count:
        return None
    if m.groupdict().get("prefix") == "这" and count == 1 and not (more or m["suffix"]):
        return None  # bare 这一年 is "that year" in a narrative, not the year to publication
    date, until = _shift(ctx.published, -count * per), ctx.published
    zh, en = _count_label(count, per, more)
    return {
        "date": date,
        "until": until,
        "approximate": True,
        "rule": "recent-span",
        "label": {
            "zh": f"约{date.label('zh')}至{until.label('zh')}（本文发表前的{zh}）",
            "en": f"about {date.label('en')} to {until.label('en')} "
            f"(the {en.removeprefix('a ')} before the article was published)",
        },
    }


def since_anchor(m: re.Match, ctx: _Context) -> dict | None:
    """A duration counted from an explicit date in the same sentence; without one, nothing."""
    text = ctx.text
    start = sentence_start(text, m.start())
    end_match = SENTENCE_END.search(text, m.end())
    end = end_match.start() if end_match else len(text)
    anchors = list(ANCHOR[ctx.lang].finditer(text, start, m.start()))
    if not anchors and re.match(r"\s+(?:since|after|from)\b", text[m.end() : end], re.I):
        anchors = list(ANCHOR[ctx.lang].finditer(text, m.end(), end))[:1]  # "22 months since X"
    if not anchors:
        return None
    anchor = anchors[-1]
    origin = _date(int(anchor["year"]), _month(anchor["month"]) if anchor["month"] else None)
    count, per, more = _span_units(m)
    if origin is None or not count:
        return None
    date = _shift(origin, count * per)
    zh, en = _count_label(count, per, more)
    return {
        "date": date,
        "approximate": True,
        "rule": "years-since" if per == 12 else "months-since",
        "label": {
            "zh": f"{origin.label('zh')}起算的{zh}，即到{date.label('zh')}",
            "en": f"{en} from {origin.label('en')}, i.e. up to {date.label('en')}",
        },
    }


def ago(m: re.Match, ctx: _Context) -> dict | None:
    count, per, more = _span_units(m)
    if not count:
        return None
    date = _shift(ctx.published, -count * per)
    zh, en = _count_label(count, per, more)
    return {
        "date": date,
        "approximate": True,
        "rule": "ago",
        "label": {
            "zh": f"约{date.label('zh')}（本文发表的{zh}前）",
            "en": f"about {date.label('en')} ({en} before the article was published)",
        },
    }


def month_alone(m: re.Match, ctx: _Context) -> dict | None:
    """在6月, "in June": the latest such month not after publication."""
    month, published = _month(m["month"]), ctx.published
    date = _date(published.year - (published.month != 0 and month > published.month), month)
    if date is None:
        return None
    name = MONTH_NAMES[month - 1]
    return {
        "date": date,
        "approximate": True,
        "rule": "month-alone",
        "label": {
            "zh": f"约{date.label('zh')}（推断为本文发表前最近的{month}月）",
            "en": f"about {date.label('en')} (taken as the last {name} before publication)",
        },
    }


def named_event(m: re.Match, ctx: _Context) -> dict | None:
    """2023年的云栖大会, the 2023 Apsara Conference: an absolute date worth linking."""
    date = _date(int(m["year"]), _month(m["month"]) if m.groupdict().get("month") else None)
    if date is None:
        return None
    subject = " ".join(m["subject"].split())
    return {
        "date": date,
        "rule": "year-of-named-event",
        "label": {
            "zh": f"{date.label('zh')}的{subject}",
            "en": f"the {date.label('en')} {subject}",
        },
    }


# --- Rule tables -------------------------------------------------------------------------------

REL_ZH = rf"(?P<rel>今年|去年|(?<!年)前年|明年){NOT_YEAR_WORD}"
SUBJECT_ZH = rf"(?:的?{EVENT_ZH})?"
DURATION_ZH = rf"(?P<n>{NUM})(?P<unit>年|个多?月)(?P<more>多)?"


Candidates = Callable[[str], list[int] | None]  # None: anywhere


def at_characters(chars: str) -> Candidates:
    """Where a match can start: at one of `chars`. Found with str.find, which skips through a
    page far faster than the regex engine's scan (about 10 ns a character, whatever the
    pattern: nine rules scanning every page were an eighth of all annotating)."""

    def candidates(text: str) -> list[int]:
        found = []
        for char in chars:
            at = text.find(char)
            while at >= 0:
                found.append(at)
                at = text.find(char, at + 1)
        found.sort()
        return found

    return candidates


ZH_NUMERALS = frozenset(_CN + "十")  # what NUM is made of, besides digits


def numerals_before(units: str) -> Candidates:
    """Where a count can start: in the numeral (NUM, at most three characters long) right
    before one of `units`. NUM is made of digits (regex `\\d`: str.isdecimal, category Nd) and
    ZH_NUMERALS, any of which can begin it; the walk back from a unit stops at the first other
    character, at once before most (今年, 近年)."""
    find_units = at_characters(units)

    def candidates(text: str) -> list[int]:
        found = set()
        for unit in find_units(text):
            at = unit - 1
            while at >= 0 and unit - at <= 3:
                character = text[at]
                if character not in ZH_NUMERALS and not character.isdecimal():
                    break
                found.add(at)
                at -= 1
        return sorted(found)

    return candidates


class Rule(NamedTuple):
    pattern: str
    resolve: Resolver
    where: Candidates | None = None  # where a match can start (a superset); None: anywhere


def matches(pattern: re.Pattern, where: Candidates | None, text: str, found: dict) -> list:
    """What `pattern.finditer(text)` finds, trying only where a match can start. `found`
    keeps each `where`'s candidates for the text, as several rules share them."""
    if where is not None and where not in found:
        found[where] = where(text)
    if where is None or found[where] is None:
        return list(pattern.finditer(text))
    result, end = [], 0
    match = pattern.match
    for at in found[where]:
        if at >= end and (m := match(text, at)) is not None:
            result.append(m)
            end = m.end()
    return result


RELATIVE_YEAR_WORDS = at_characters("今去前明")
NUMERALS_BEFORE_UNITS = numerals_before("年个月")  # 年, 个(多)月 and 月 follow NUM directly
RULES_ZH: list[Rule] = [
    Rule(REL_ZH + SUBJECT_ZH, relative_year, RELATIVE_YEAR_WORDS),
    Rule(
        rf"{REL_ZH}(?P<month>{NUM})月(?:(?P<day>{NUM})[日号])?{SUBJECT_ZH}",
        relative_year,
        RELATIVE_YEAR_WORDS,
    ),
    # 提前一年: "a year early"
    Rule(rf"(?<!提)[前上]一年{NOT_YEAR_WORD}{SUBJECT_ZH}", year_before, at_characters("前上")),
    # 接近日本 and 三日前 / 节日前 are no "recently".
    Rule(
        rf"(?<![接靠贴临附将逼])近日(?!本)|(?<![\d{_CN}十百几数节生期止假])日前|最近|近期",
        recently,
        at_characters("近日最"),
    ),
    Rule(
        rf"(?P<prefix>最近|过去|(?<![接将靠])近|这)的?{DURATION_ZH}(?P<suffix>以来|来|里|中|间)?",
        recent_span,
        at_characters("最过近这"),
    ),
    # 22年11月 is a year, not 22 years
    Rule(rf"{DURATION_ZH}(?!前|{NUM}月|[代级纪龄])", since_anchor, NUMERALS_BEFORE_UNITS),
    Rule(rf"{DURATION_ZH}前", ago, NUMERALS_BEFORE_UNITS),
    Rule(
        rf"(?<=[在于])(?P<month>{NUM})月(?:(?P<day>{NUM})[日号])?",
        month_alone,
        NUMERALS_BEFORE_UNITS,
    ),
    Rule(
        rf"(?P<year>{YEAR})(?:\s?年(?:(?P<month>{NUM})月)?的?|\s?){EVENT_ZH}",
        named_event,
        at_characters("12"),
    ),
]


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w and \b take for a word character


# Letters that the regex engine's IGNORECASE matches to an ASCII letter but str.lower keeps.
IGNORECASE_ALIKE = {ord("ſ"): "s", ord("ı"): "i"}


def words_before(anchors: tuple[str, ...], reach: int) -> Candidates:
    """Where an English match can start: at one of `anchors` (whole words, in any case) or at
    one of the `reach` words before it, each word after the next over whitespace only. Every
    English rule is a run of such words holding one of its anchors, which are rare words:
    the twelve rules scanned a 12,600-character page in 3.4 ms."""

    def candidates(text: str) -> list[int] | None:
        lowered = text.lower()
        if len(lowered) != len(text):
            return None  # a character lowered to two: offsets would move, so try everywhere
        if "ſ" in lowered or "ı" in lowered:
            lowered = lowered.translate(IGNORECASE_ALIKE)
        found = set()
        for anchor in anchors:
            at = lowered.find(anchor)
            while at >= 0:
                end = at + len(anchor)
                if (at == 0 or not is_word_char(text[at - 1])) and (
                    end == len(text) or not is_word_char(text[end])
                ):
                    found.add(at)
                    start = at
                    for _ in range(reach):
                        space = start - 1
                        while space >= 0 and text[space].isspace():
                            space -= 1
                        word = space
                        while word >= 0 and is_word_char(text[word]):
                            word -= 1
                        if space == start - 1 or word == space:
                            break  # no whitespace, or no word before it
                        start = word + 1
                        found.add(start)
                at = lowered.find(anchor, at + 1)
        return sorted(found)

    return candidates


UNIT_EN = r"(?P<unit>years?|months?)\b"
# Every rule below but the last holds one of these words, at most four words after its start.
PERIOD_WORDS = words_before(
    ("year", "years", "month", "months", "previous", "prior", "preceding"), 4
)
MONTH_WORDS = words_before(tuple(name.lower() for name in MONTH_NAMES), 1)
RECENT_WORDS = words_before(("recent", "recently", "lately"), 1)
RULES_EN: list[Rule] = [
    Rule(rf"\b(?P<rel>this|last|next)\s+year\b{POSSESSIVE_EVENT_EN}", relative_year, PERIOD_WORDS),
    Rule(r"\b(?P<rel>the\s+year\s+before\s+last)\b", relative_year, PERIOD_WORDS),
    Rule(
        rf"\b(?P<month>{MONTH_EN})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b",
        relative_year,
        PERIOD_WORDS,
    ),
    Rule(rf"\b(?P<rel>this)\s+(?P<month>{MONTH_EN})\b", relative_year, MONTH_WORDS),
    Rule(
        rf"\bthe\s+(?:year\s+before\b(?!\s+last)|(?:previous|prior|preceding)\s+year\b)"
        rf"{POSSESSIVE_EVENT_EN}",
        year_before,
        PERIOD_WORDS,
    ),
    Rule(
        r"\b(?:(?:in\s+)?recent\s+(?:days|weeks)|recently|lately|recent(?!\s+(?:years|decades)))\b",
        recently,
        RECENT_WORDS,
    ),
    Rule(
        rf"\b(?:(?:over|in|during|for)\s+)?the\s+(?:past|last)\s+(?:(?P<n>{NUM_EN})\s+)?{UNIT_EN}",
        recent_span,
        PERIOD_WORDS,
    ),
    Rule(
        rf"\b(?:in|for)\s+(?P<more>more\s+than|over)\s+(?:an?|(?P<n>{NUM_EN}))\s+{UNIT_EN}",
        recent_span,
        PERIOD_WORDS,
    ),
    Rule(rf"\b(?P<n>{NUM_EN})\s+{UNIT_EN}(?!\s+ago\b)", since_anchor, PERIOD_WORDS),
    Rule(rf"\b(?P<n>{NUM_EN}|an?)\s+{UNIT_EN}\s+ago\b", ago, PERIOD_WORDS),
    Rule(
        rf"(?<=\bin\s)(?P<month>{MONTH_EN})\b(?!\s*,?\s*(?:\d|this|last|next|of))",
        month_alone,
        MONTH_WORDS,
    ),
    Rule(rf"\b(?P<year>{YEAR})(?:['’]s)?\s+{EVENT_EN}", named_event, at_characters("12")),
]

COMPILED = {
    "zh": [(re.compile(rule.pattern), rule.resolve, rule.where) for rule in RULES_ZH],
    "en": [(re.compile(rule.pattern, re.I), rule.resolve, rule.where) for rule in RULES_EN],
}

# Resolvers that read the text around their match, not only its groups and the publication date.
READS_AROUND = frozenset({since_anchor})
RESOLVED_AT_MOST = 4096  # remembered resolutions, forgotten all at once beyond that

# (rule, match, groups, publication date) -> fields: a site's articles say 今年, 近日 or 最近一年来
# again and again, and those published in the same month mean the same by them (12,500
# expressions in the benchmark's 1000 articles; each resolution formats two labels).
_resolved: dict[tuple, dict | None] = {}


def _resolve(order: int, resolve: Resolver, m: re.Match, ctx: _Context) -> dict | None:
    if resolve in READS_AROUND:
        return resolve(m, ctx)
    key = (ctx.memo_key, order, m.group(), m.groups())
    fields = _resolved.get(key, _resolved)
    if fields is _resolved:
        if len(_resolved) >= RESOLVED_AT_MOST:
            _resolved.clear()
        fields = _resolved[key] = resolve(m, ctx)
    return fields


def find_date_expressions(
    text: str, published: PartialDate, lang: str = "zh"
) -> list[DateExpression]:
    """Non-overlapping expressions, in text order; lang "zh" or "en"."""
    ctx = _Context(text, published, "en" if lang.startswith("en") else "zh")
    # Leftmost first, longest first, then in rule order; no two share all three.
    found: dict = {}
    candidates = sorted(
        (m.start(), m.start() - m.end(), order, m, resolve)
        for order, (pattern, resolve, where) in enumerate(COMPILED[ctx.lang])
        for m in matches(pattern, where, text, found)
    )
    chosen, end = [], 0
    for start, _, order, m, resolve in candidates:
        if start < end:
            continue  # overlapped by one already chosen: never resolved
        fields = _resolve(order, resolve, m, ctx)
        if fields is None:
            continue  # refused: a shorter or later candidate may take its place
        fields = {"until": None, "approximate": False} | fields
        subject = m["subject"] if "subject" in m.re.groupindex else None
        subject = " ".join(subject.split()) if subject else None
        chosen.append(DateExpression(start, m.end(), m.group(), subject=subject, **fields))
        end = m.end()
    return chosen
