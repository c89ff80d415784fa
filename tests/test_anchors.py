"""Quote selectors: exact, disambiguated by prefix/suffix, orphaned, ambiguous."""

import pytest
from explainer.anchors import AnchorError, Quote, QuoteFinder, anchor

TEXT = "阿里云发布了模型。阿里云还发布了平台。"


def test_exact_quote_found_once():
    assert anchor(TEXT, Quote("发布了模型")) == (3, 8)


def test_prefix_disambiguates():
    start, end = anchor(TEXT, Quote("阿里云", prefix="。"))
    assert TEXT[start:end] == "阿里云" and start == 9


def test_suffix_disambiguates():
    start, _ = anchor(TEXT, Quote("阿里云", suffix="发布了模型"))
    assert start == 0


def test_orphaned_quote_is_an_error():
    with pytest.raises(AnchorError, match="not found"):
        anchor(TEXT, Quote("腾讯云"))


def test_prefix_that_does_not_fit_is_reported_as_such():
    with pytest.raises(AnchorError, match="with this prefix/suffix"):
        anchor(TEXT, Quote("阿里云", prefix="腾讯"))


def test_ambiguous_quote_is_an_error_that_counts_the_places():
    with pytest.raises(AnchorError, match=r"ambiguous.*2 places"):
        anchor(TEXT, Quote("阿里云"))


def test_describe_shows_prefix_and_suffix():
    assert Quote("x", "a", "b").describe() == "“a[x]b”"


def test_quote_finder_counts_every_place_of_every_quote_in_one_pass():
    quotes = [Quote("阿里云"), Quote("发布了", suffix="模型"), Quote("腾讯云"), Quote("aa")]
    places = QuoteFinder(quotes).places(TEXT + "aaa")
    assert places == {"阿里云": [0, 9], "发布了模型": [3], "aa": [19, 20]}, "overlaps count too"
