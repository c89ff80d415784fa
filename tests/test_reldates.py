"""Relative and partial dates: detection, resolution against the publication date, exact offsets."""

import re
from pathlib import Path

import pytest
from explainer.partial_dates import PartialDate
from explainer.reldates import (
    RULES_EN,
    RULES_ZH,
    SENTENCE_END,
    DateExpression,
    find_date_expressions,
    matches,
    sentence_start,
)
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SEP = "\u2029"  # paragraph separator of the flattened article text
SEPT_2024 = PartialDate.parse("2024-09")
MARCH_2025 = PartialDate.parse("2025-03")


def found(text, published=SEPT_2024, lang="zh"):
    return [(e.text, e.date.iso) for e in find_date_expressions(text, published, lang)]


def one(text, published=SEPT_2024, lang="zh") -> DateExpression:
    expressions = find_date_expressions(text, published, lang)
    assert len(expressions) == 1, expressions
    return expressions[0]


@pytest.fixture(scope="module")
def seed_text():
    raw = (ROOT / "seeds/000_76256270950bc02b.txt").read_text(encoding="utf-8")
    return SEP.join(paragraph.strip() for paragraph in raw.split("\n\n") if paragraph.strip())


@pytest.fixture(scope="module")
def english_text():
    raw = (ROOT / "content/articles/alibaba-cloud-open-source.en.md").read_text(encoding="utf-8")
    body = raw.split("\n\n", 1)[1]  # below the metadata
    return SEP.join(paragraph.strip() for paragraph in body.split("\n\n") if paragraph.strip())


def by_text(expressions):
    table = {}
    for expression in expressions:
        table.setdefault(expression.text, []).append(expression)
    return table


# --- Chinese rules -----------------------------------------------------------------------------


def test_this_year():
    e = one("今年也仅出席而不演讲")
    assert (e.text, e.date, e.rule, e.approximate, e.until) == (
        "今年",
        PartialDate(2024),
        "this-year",
        False,
        None,
    )
    assert e.label == {
        "zh": "2024年（本文发表的年份）",
        "en": "2024 (the year the article was published)",
    }


def test_last_year_and_year_before_last_and_next_year():
    text = "与去年相比,前年更差,明年更好"
    assert found(text) == [("去年", "2023"), ("前年", "2022"), ("明年", "2025")]
    rules = [e.rule for e in find_date_expressions(text, SEPT_2024)]
    assert rules == ["last-year", "year-before-last", "next-year"]


def test_last_year_inside_a_longer_word_still_matches():
    assert found("营收超过去年同期") == [("去年", "2023")]


def test_month_of_this_year():
    e = one("通义大模型在今年6月曾得到了一次认可")
    assert (e.text, e.date.iso, e.date.precision, e.rule) == (
        "今年6月",
        "2024-06",
        "month",
        "month-of-this-year",
    )
    assert e.label["zh"] == "2024年6月（本文发表当年）"


def test_month_of_last_year_with_a_day():
    e = one("去年11月16日宣布")
    assert (e.text, e.date.iso, e.rule) == ("去年11月16日", "2023-11-16", "month-of-last-year")


def test_impossible_month_or_day_falls_back_to_the_year():
    assert found("今年13月") == [("今年", "2024")]
    assert found("今年2月30日") == [("今年", "2024")]
    assert found("今年2月29日") == [("今年2月29日", "2024-02-29")]  # 2024 is a leap year


def test_chinese_numerals():
    assert found("去年十二月") == [("去年十二月", "2023-12")]
    assert found("今年六月") == [("今年六月", "2024-06")]
    e = one("距离2022年11月发布已经过去了二十二个月")
    assert (e.text, e.date.iso, e.rule) == ("二十二个月", "2024-09", "months-since")
    span = one("近两年")
    assert (span.date.iso, span.until.iso) == ("2022-09", "2024-09")


def test_recently_is_approximate():
    for word in ("近日", "日前", "最近", "近期"):
        e = one(f"{word}在杭州举办")
        assert (e.text, e.date.iso, e.rule, e.approximate) == (word, "2024-09", "recently", True)
        assert e.label["zh"] == "约2024年9月（本文发表前不久）"
        assert e.label["en"] == "about September 2024 (shortly before the article was published)"


def test_recently_is_as_precise_as_the_publication_month_only():
    assert one("近日", PartialDate.parse("2024-09-20")).date == PartialDate(2024, 9)
    assert one("近日", PartialDate(2024)).date == PartialDate(2024)


def test_no_recently_inside_other_words():
    assert found("三日前") == []  # three days before
    assert found("节日前") == []  # before the holiday
    assert found("接近日本") == []  # close to Japan


def test_year_before_is_approximate():
    e = one("比起前一年只有分别演讲的大会")
    assert (e.text, e.date, e.rule, e.approximate) == (
        "前一年",
        PartialDate(2023),
        "year-before",
        True,
    )
    assert found("提前一年完成") == []  # "a year early"


def test_span_last_year():
    for phrase in ("最近一年来", "过去一年", "过去一年里", "这一年多来", "近一年"):
        e = one(f"这是{phrase}的变化" if phrase != "这一年多来" else f"也是{phrase}的首次")
        assert e.text == phrase
        assert (e.date.iso, e.until.iso, e.rule, e.approximate) == (
            "2023-09",
            "2024-09",
            "recent-span",
            True,
        )
    assert one("最近一年来").label["zh"] == "约2023年9月至2024年9月（本文发表前的一年）"
    assert one("这一年多来").label["zh"].endswith("（本文发表前的一年多）")


def test_span_last_two_years():
    for phrase in ("这两年", "近两年", "最近2年"):
        e = one(phrase)
        assert (e.text, e.date.iso, e.until.iso) == (phrase, "2022-09", "2024-09")


def test_span_in_months():
    e = one("最近三个月")
    assert (e.date.iso, e.until.iso) == ("2024-06", "2024-09")


def test_bare_this_one_year_is_not_a_span():
    """这一年 in a narrative is "that year", not "the year up to publication"."""
    assert found("这一年,他离开了公司") == []


def test_months_since_anchor():
    text = "距离2022年11月OpenAI发布ChatGPT已经过去了22个月,这是一段旅程。"
    e = one(text)
    assert (e.text, e.date.iso, e.rule, e.approximate) == (
        "22个月",
        "2024-09",
        "months-since",
        True,
    )
    assert e.label["zh"] == "2022年11月起算的22个月，即到2024年9月"
    assert e.label["en"] == "22 months from November 2022, i.e. up to September 2024"


def test_years_since_anchor_year_precision():
    e = one("公司于2009年成立,15年来一直如此")
    assert (e.text, e.date, e.rule) == ("15年", PartialDate(2024), "years-since")


def test_duration_without_anchor_does_not_fire():
    assert found("已经过去了22个月") == []
    assert found("这家公司有22年的历史") == []
    assert found("2022年11月发布。已经过去了22个月") == []  # the anchor is in another sentence


def test_two_digit_year_is_not_a_duration():
    assert found("2023年的报告说22年11月如何") == []


def test_no_duration_inside_a_larger_number():
    assert found("2020年以来,几十年的历史") == []


def test_ago():
    assert found("两年前") == [("两年前", "2022-09")]
    assert found("三个多月前") == [("三个多月前", "2024-06")]


def test_no_false_positive_on_absolute_date_alone():
    assert found("2023年11月16日,阿里巴巴宣布终止分拆") == []
    assert found("2024年的财季") == []
    assert found("Qwen2.5系列,2024年发布") == []


def test_named_event_subject():
    cases = {
        "2023年的云栖大会": ("2023", "云栖大会"),
        "2023年云栖大会时": ("2023", "云栖大会"),
        "2024云栖大会少了一些": ("2024", "云栖大会"),
        "2023年10月的发布会": ("2023-10", "发布会"),
    }
    for text, (iso, subject) in cases.items():
        e = one(text)
        assert (e.date.iso, e.subject, e.rule) == (iso, subject, "year-of-named-event")
        assert text.startswith(e.text) and e.text.endswith(subject)
    assert one("2023年的云栖大会").label == {
        "zh": "2023年的云栖大会",
        "en": "the 2023 云栖大会",
    }


def test_relative_year_with_event_noun_sets_subject():
    assert one("今年的云栖大会更加具体").subject == "云栖大会"
    assert one("今年云栖大会最主要的致辞").subject == "云栖大会"
    assert one("去年的财报").subject == "财报"
    assert one("今年6月的发布会").subject == "发布会"
    assert one("今年讨论的问题").subject is None  # not an event noun
    assert one("今年的主论坛").text == "今年"


def test_not_a_year_word():
    assert found("如今年轻人") == []
    assert found("过去年代") == []
    assert found("十年前年轻的时候") == [("十年前", "2014-09")]  # 前年 is not there


def test_month_alone_is_inferred():
    e = one("于6月发布")
    assert (e.text, e.date.iso, e.rule, e.approximate) == ("6月", "2024-06", "month-alone", True)
    assert one("在十月举办").date.iso == "2023-10"  # the last October before September 2024


# --- The seed article --------------------------------------------------------------------------


def test_seed_article(seed_text):
    expressions = find_date_expressions(seed_text, SEPT_2024)
    table = by_text(expressions)
    assert {e.date.iso for e in table["今年"]} == {"2024"}
    assert {e.date.iso for e in table["去年"]} == {"2023"}
    assert [e.date.iso for e in table["今年6月"]] == ["2024-06"]
    assert [(e.date.iso, e.approximate) for e in table["近日"]] == [("2024-09", True)]
    assert [(e.date.iso, e.rule) for e in table["22个月"]] == [("2024-09", "months-since")]
    assert [(e.date.iso, e.subject) for e in table["2023年的云栖大会"]] == [("2023", "云栖大会")]
    assert [(e.date.iso, e.subject) for e in table["2023年云栖大会"]] == [("2023", "云栖大会")]
    assert [(e.date.iso, e.subject) for e in table["2024云栖大会"]] == [("2024", "云栖大会")]
    assert {(e.date.iso, e.subject) for e in table["今年的云栖大会"]} == {("2024", "云栖大会")}
    assert len(table["今年的云栖大会"]) == 2
    span = table["最近一年来"][0]
    assert (span.date.iso, span.until.iso, span.approximate) == ("2023-09", "2024-09", True)
    assert [(e.date.iso, e.until.iso) for e in table["这两年"]] == [("2022-09", "2024-09")]
    assert [e.rule for e in table["前一年"]] == ["year-before"]
    assert "2022年11月" not in table  # an absolute anchor, left alone
    for e in expressions:
        assert seed_text[e.start : e.end] == e.text


def test_seed_article_at_a_different_date(seed_text):
    table = by_text(find_date_expressions(seed_text, MARCH_2025))
    assert {e.date.iso for e in table["今年"]} == {"2025"}
    assert {e.date.iso for e in table["去年"]} == {"2024"}
    assert [e.date.iso for e in table["今年6月"]] == ["2025-06"]
    assert [e.date.iso for e in table["近日"]] == ["2025-03"]
    assert [e.date.iso for e in table["22个月"]] == ["2024-09"]  # anchored, not relative
    assert [e.date.iso for e in table["2023年的云栖大会"]] == ["2023"]  # absolute stays absolute
    span = table["最近一年来"][0]
    assert (span.date.iso, span.until.iso) == ("2024-03", "2025-03")


def test_day_precision_publication():
    published = PartialDate.parse("2024-09-20")
    assert found("今年", published) == [("今年", "2024")]
    span = one("过去一年", published)
    assert (span.date.iso, span.until.iso) == ("2023-09-20", "2024-09-20")


# --- English rules -----------------------------------------------------------------------------


def test_english_rules():
    cases = {
        "Compared with last year": ("last year", "2023", "last-year"),
        "only attended this year": ("this year", "2024", "this-year"),
        "the year before last": ("the year before last", "2022", "year-before-last"),
        "in June this year": ("June this year", "2024-06", "month-of-this-year"),
        "this June": ("this June", "2024-06", "month-of-this-year"),
        "June of last year": ("June of last year", "2023-06", "month-of-last-year"),
        "held recently in Hangzhou": ("recently", "2024-09", "recently"),
        "the recent launch": ("recent", "2024-09", "recently"),
        "three months ago": ("three months ago", "2024-06", "ago"),
        "in June": ("June", "2024-06", "month-alone"),
    }
    for text, expected in cases.items():
        e = one(text, lang="en")
        assert (e.text, e.date.iso, e.rule) == expected, text


def test_english_year_before_is_approximate():
    e = one("the previous year's conference", lang="en")
    assert (e.date.iso, e.rule, e.approximate, e.subject) == (
        "2023",
        "year-before",
        True,
        "conference",
    )


def test_english_spans():
    e = one("progress made over the past year", lang="en")
    assert (e.text, e.date.iso, e.until.iso) == ("over the past year", "2023-09", "2024-09")
    e = one("Over the past two years, leaderboards", lang="en")
    assert (e.text, e.date.iso, e.until.iso) == ("Over the past two years", "2022-09", "2024-09")
    e = one("a first in more than a year", lang="en")
    assert (e.text, e.date.iso) == ("in more than a year", "2023-09")
    assert e.label["en"].endswith("(the year or more before the article was published)")


def test_english_months_since_anchor_before_or_after():
    e = one("It has been 22 months since OpenAI released ChatGPT in November 2022.", lang="en")
    assert (e.text, e.date.iso, e.rule) == ("22 months", "2024-09", "months-since")
    assert e.label["en"] == "22 months from November 2022, i.e. up to September 2024"
    e = one("Founded in 2009, it has grown for 15 years.", lang="en")
    assert (e.text, e.date.iso, e.rule) == ("15 years", "2024", "years-since")
    assert found("It has grown for 15 years.", lang="en") == []


def test_english_named_event():
    e = one("at the 2023 Apsara Conference, Tsai said", lang="en")
    assert (e.text, e.date.iso, e.subject, e.rule) == (
        "2023 Apsara Conference",
        "2023",
        "Apsara Conference",
        "year-of-named-event",
    )
    e = one("this year's Apsara Conference was concrete", lang="en")
    assert (e.text, e.date.iso, e.subject, e.rule) == (
        "this year's Apsara Conference",
        "2024",
        "Apsara Conference",
        "this-year",
    )
    assert found("In 2023 revenue grew", lang="en") == []  # absolute date alone


def test_word_boundaries_en():
    assert found("Thisyear lastyear mathis year", lang="en") == []
    assert found("this years", lang="en") == []
    assert found("THIS YEAR", lang="en") == [("THIS YEAR", "2024")]  # case-insensitive
    assert found("this march to the sea; they may go", lang="en") == []  # verbs, not months
    assert found("in June 2023", lang="en") == []  # absolute
    assert found("in recent years", lang="en") == []  # not "shortly before publication"


def test_english_seed_translation(english_text):
    table = by_text(find_date_expressions(english_text, SEPT_2024, "en"))
    assert [e.date.iso for e in table["22 months"]] == ["2024-09"]
    assert [e.date.iso for e in table["June this year"]] == ["2024-06"]
    assert [(e.date.iso, e.subject) for e in table["2023 Apsara Conference"]] == [
        ("2023", "Apsara Conference"),
        ("2023", "Apsara Conference"),
    ]
    assert [e.subject for e in table["2024 Apsara Conference"]] == ["Apsara Conference"]
    assert {e.date.iso for e in table["last year"]} == {"2023"}
    assert [e.date.iso for e in table["recently"]] == ["2024-09"]


# --- Properties --------------------------------------------------------------------------------

PHRASES = [
    "今年", "去年", "前年", "明年", "今年6月", "去年十二月", "前一年", "近日", "日前", "最近",
    "最近一年来", "这两年", "这一年多来", "22个月", "二十二个月", "2022年11月", "2023年的云栖大会",
    "2024云栖大会", "今年的云栖大会", "两年前", "在6月", "如今年轻人", "。", SEP, ",", "的", "年",
    "月", "十", "2", "this year", "last year's conference", "the past two years", "recently",
    "November 2022", "22 months", " since ", "the 2023 Apsara Conference", "in June", "This June",
    "a year ago", ". ", " ",
    "the year before last", "the previous year", "in more than a year", "for over two years",
    "over the past 3 months", "lately", "recent", " Months", "YEARS", "June of last year",
    "in\u2003June", "yearſ", "\n\n", "_", "İ",
]  # fmt: skip


@given(
    pieces=st.lists(st.one_of(st.sampled_from(PHRASES), st.text(max_size=3)), max_size=25),
    year=st.integers(1900, 2100),
    month=st.integers(0, 12),
    lang=st.sampled_from(["zh", "en"]),
)
def test_offsets_exact_and_non_overlapping(pieces, year, month, lang):
    text = "".join(pieces)
    expressions = find_date_expressions(text, PartialDate(year, month), lang)
    end = 0
    for e in expressions:
        assert text[e.start : e.end] == e.text and e.text
        assert e.start >= end  # in text order, no overlap
        end = e.end
        assert PartialDate.parse(e.date.iso) == e.date  # a real calendar date
        if e.until is not None:
            assert e.until >= e.date
        assert e.label["zh"] and e.label["en"]
        assert e.subject is None or e.subject in " ".join(e.text.split())


@given(
    pieces=st.lists(
        st.one_of(st.sampled_from(PHRASES), st.text(max_size=3), st.sampled_from("年个月１٣")),
        max_size=25,
    )
)
def test_trying_only_where_a_match_can_start_finds_what_a_full_scan_finds(pieces):
    text = "".join(pieces)
    for rule in [*RULES_ZH, *RULES_EN]:
        pattern = re.compile(rule.pattern, re.I if rule in RULES_EN else 0)
        assert [m.span() + m.groups() for m in matches(pattern, rule.where, text, {})] == [
            m.span() + m.groups() for m in pattern.finditer(text)
        ]


@given(
    text=st.text(alphabet=st.sampled_from("。！？；!?;\n\u2029. \u3000\x1ca年1"), max_size=30),
    data=st.data(),
)
def test_a_sentence_start_searched_back_is_where_the_regex_says(text, data):
    offset = data.draw(st.integers(0, len(text)))
    ends = [0] + [end.end() for end in SENTENCE_END.finditer(text) if end.end() <= offset]
    assert sentence_start(text, offset) == ends[-1]


def test_letters_that_ignorecase_takes_for_ascii_ones_are_tried_too():
    """The regex engine's IGNORECASE takes ſ for s and ı for i, which str.lower leaves."""
    for text in [
        "2 yearſ",
        "two yearſ ago",
        "the paſt 2 months",
        "laſt year",
        "recentlı",
        "İ year",
    ]:
        for rule in RULES_EN:
            pattern = re.compile(rule.pattern, re.I)
            assert [m.span() for m in matches(pattern, rule.where, text, {})] == [
                m.span() for m in pattern.finditer(text)
            ], (text, rule.pattern)


def test_remembered_resolutions_are_those_of_their_date_and_surroundings():
    """Resolutions are remembered across pages (find_date_expressions), by the match and the
    publication date; a duration counted from a date in its sentence is never remembered."""
    assert found("今年的大会") == found("今年的大会") == [("今年的大会", "2024")]
    assert found("今年的大会", MARCH_2025) == [("今年的大会", "2025")]
    assert found("2022年11月发布，已经过去了22个月。") == [("22个月", "2024-09")]
    assert found("2021年1月发布，已经过去了22个月。") == [("22个月", "2022-11")]
