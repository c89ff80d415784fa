"""The English edition: a faithful, aligned translation with its own glossary, timeline, notes."""

import re

import pytest

from tests.support.site import ROOT

SLUG = "alibaba-cloud-open-source"
ZH_MD = (ROOT / "content" / "articles" / f"{SLUG}.md").read_text("utf-8")
EN_MD = (ROOT / "content" / "articles" / f"{SLUG}.en.md").read_text("utf-8")


def blocks(markdown_text):
    body = markdown_text.split("\n\n", 1)[1]
    return [block for block in body.split("\n\n") if block.strip()]


def test_translation_keeps_every_paragraph_and_heading_in_place():
    zh, en = blocks(ZH_MD), blocks(EN_MD)
    assert len(zh) == len(en)
    assert [b.startswith("## ") for b in zh] == [b.startswith("## ") for b in en]


def test_translation_is_a_pelican_translation_of_the_same_slug(site):
    zh, en = site.article(), site.article("en")
    assert zh.html["lang"] == "zh-CN" and en.html["lang"] == "en"
    assert en.select_one(".kicker").get_text() == "Analysis"
    assert en.select_one(".credit").get_text().startswith("Image: Visual China Group")
    assert len(en.select(".article-body h2")) == 2


def test_paragraphs_correspond_one_to_one_and_link_both_ways(site):
    zh, en = site.article(), site.article("en")
    zh_paragraphs, en_paragraphs = zh.select(".article-body > p"), en.select(".article-body > p")
    assert len(zh_paragraphs) == len(en_paragraphs) == 23
    for zh_p, en_p in zip(zh_paragraphs, en_paragraphs, strict=True):
        to_en = zh_p.select_one("a.para-align")["href"]
        to_zh = en_p.select_one("a.para-align")["href"]
        assert to_en == f"../en/{SLUG}/#{en_p['id']}"
        assert to_zh == f"../../{SLUG}/#{zh_p['id']}"


@pytest.mark.parametrize("page", ["", f"{SLUG}/", "glossary/", "timeline/"])
def test_every_page_has_its_counterpart_a_switch_and_hreflang(site, page):
    for lang_prefix, other_prefix, other_lang in (("", "en/", "en"), ("en/", "", "zh-CN")):
        soup = site.soup(f"{lang_prefix}{page}index.html")
        hreflangs = {link["hreflang"] for link in soup.select("link[rel=alternate][hreflang]")}
        assert hreflangs == {"zh-CN", "en"}
        switch = soup.select_one("nav.lang-switch a")
        assert switch["hreflang"] == other_lang and switch["lang"] == other_lang
        assert (site.root / f"{other_prefix}{page}index.html").exists()


def test_theme_words_are_english_on_english_pages(site):
    nav = [a.get_text() for a in site.soup("en/index.html").select(".site-nav a")]
    assert nav == ["Home", "Glossary", "Timeline"]
    assert site.soup("en/glossary/index.html").h1.get_text() == "Glossary"
    assert site.soup("en/timeline/index.html").h1.get_text() == "Timeline"


def test_english_terms_match_whole_words_only(site):
    for link in site.article("en").select(".article-body a[data-term]"):
        before = link.previous_sibling if isinstance(link.previous_sibling, str) else ""
        after = link.next_sibling if isinstance(link.next_sibling, str) else ""
        assert not re.search(r"[A-Za-z0-9]$", before), f"{link.get_text()!r} after {before[-5:]!r}"
        assert not re.match(r"[A-Za-z0-9]", after), f"{link.get_text()!r} before {after[:5]!r}"


def test_english_pages_show_english_definitions_notes_and_events(site):
    page = site.article("en")
    tip = page.find(id="tip-alibaba-cloud")
    assert re.search(r"[A-Za-z]{4,}", tip.select_one(".term-tip-definition").get_text())
    notes = page.select(".sidenote-body")
    assert len(notes) == len(site.article().select(".sidenote-body"))
    assert not re.search(r"[\u4e00-\u9fff]{6,}", notes[0].get_text())
    assert page.select("a.event-marker")
    event = site.soup("en/timeline/index.html").select_one("li.event .event-title")
    assert re.match(r"[A-Z]", event.get_text())


def test_official_english_names_are_used():
    for name in [
        "Alibaba Cloud",
        "Apsara Conference",
        "Qwen",
        "StepFun",
        "Moonshot AI",
        "Joe Tsai",
        "Eddie Wu",
        "Zhou Jingren",
        "Hugging Face",
    ]:
        assert name in EN_MD, name
    assert "Apsara Conference (Yunqi Conference)" in EN_MD


def test_the_one_404_page_speaks_both_languages(site):
    page = site.soup("404.html")
    english = page.select_one("section[lang=en]")
    assert english.h2.get_text() == "Page not found"
    assert english.select_one("a")["href"] == "./en/"
