"""The glossary on the real site: every required term explained, linked both ways."""

import pytest
import yaml
from pypinyin import lazy_pinyin

from tests.support.site import ROOT, article_text_blocks, seed_text_blocks

# The list, one term per item ("、" separates them, since some names contain spaces).
REQUIRED_TERMS = (
    "阿里云、阿里巴巴、通义、Qwen、Qwen 72B、Qwen2.5、云栖大会、"
    "蔡崇信、吴泳铭、王坚、周靖人、蔡吴配、OpenAI、ChatGPT、o1、"
    "GPT-4、微软、谷歌、Meta、Llama、智谱AI、DeepSeek、"
    "阶跃星辰、姜大昕、月之暗面、Kimi、杨植麟、生数科技、朱军、小鹏汽车、何小鹏、"
    "NVIDIA、吴新宙、特斯拉、FSD、L4、人形机器人、AGI、GPU、CPU、"
    "算力、推理、超级App、Hugging Face、Clem Delangue、"
    "开源模型排行榜、SemiAnalysis、Patel、开源、闭源、大模型、"
    "基准测试、MaaS、模型即服务、模型生态、衍生模型、全模态、形式数学、断供、"
    "国产平替、拆分上市、财报、中国工程院、让天下没有难做的生意、云计算的第三次浪潮、"
    "视觉中国"
).split("、")
GLOSSARY = yaml.safe_load((ROOT / "content" / "data" / "glossary.yaml").read_text("utf-8"))


def all_forms():
    forms = {}
    for entry in GLOSSARY["entries"]:
        for form in [
            entry["term"],
            entry["english"],
            *entry.get("aliases", []),
            *entry.get("en_aliases", []),
        ]:
            forms[form.lower()] = entry["id"]
    return forms


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_required_term_has_an_entry(term):
    assert term.lower() in all_forms(), f"no glossary entry or alias for {term}"


def test_every_entry_is_marked_somewhere_in_the_article(site):
    page = site.article()
    marked = {a["data-term"] for a in page.select("[data-term]")}
    assert marked == {entry["id"] for entry in GLOSSARY["entries"]}


def test_marking_keeps_the_article_text_identical_to_the_seed(site):
    assert article_text_blocks(site.article()) == seed_text_blocks()


def test_every_occurrence_is_a_link_with_a_tooltip_and_a_unique_id(site):
    for lang in ("zh", "en"):
        page = site.article(lang)
        occurrences = page.select("[data-term]")
        assert occurrences, lang
        ids = [a["id"] for a in occurrences]
        assert len(ids) == len(set(ids))
        for link in occurrences:
            assert link.name == "a" and link["href"].endswith(f"glossary/#{link['data-term']}")
            tip = page.find(id=link["aria-describedby"])
            assert tip is not None and tip["role"] == "tooltip" and tip.has_attr("popover")
            assert not link.find_parent("a"), "a term link inside another link"


def test_no_term_in_headings_or_navigation(site):
    page = site.article()
    assert not page.select(
        "h1 [data-term], h2 [data-term], nav [data-term], header.site-header a.term"
    )


def test_first_occurrence_per_section_by_default(site):
    page = site.article()
    sections, current = [[]], page.select_one(".article-body")
    for element in current.find_all(["h2", "a"]):
        if element.name == "h2":
            sections.append([])
        elif element.has_attr("data-term"):
            sections[-1].append(element["data-term"])
    for terms in sections:
        assert len(terms) == len(set(terms))


def test_tooltip_shows_term_english_pinyin_kind_definition_and_link(site):
    tip = site.article().find(id="tip-zhou-jingren")
    text = tip.get_text(" ")
    assert "周靖人" in text and "Zhou Jingren" in text and "Zhōu Jìngrén" in text
    assert "人物" in text and "阿里云" in text
    assert tip.select_one("a")["href"] == "../glossary/#zhou-jingren"


def test_english_page_shows_english_definitions(site):
    tip = site.article("en").find(id="tip-alibaba-cloud")
    assert tip is not None and "cloud" in tip.select_one(".term-tip-definition").get_text()


def test_glossary_page_groups_by_kind_in_pinyin_order(site):
    page = site.soup("glossary/index.html")
    for group in page.select(".glossary-group"):
        terms = [h.select_one("span").get_text() for h in group.select(".glossary-entry h3")]
        keys = [" ".join(lazy_pinyin(term)).lower() for term in terms]
        assert keys == sorted(keys), group["aria-labelledby"]
    assert [g["aria-labelledby"] for g in page.select(".glossary-group")][:2] == [
        "kind-person",
        "kind-organisation",
    ]


def test_glossary_backlinks_point_at_the_exact_spot(site):
    page = site.soup("glossary/index.html")
    article = site.article()
    links = page.select(".glossary-backlinks a")
    assert len(links) == len(article.select(".article [data-term]"))
    for link in links:
        path, _, anchor = link["href"].partition("#")
        assert path == "../alibaba-cloud-open-source/"
        assert article.find(id=anchor) is not None, link["href"]


def test_glossary_entries_show_sources_related_and_notes(site):
    entry = site.soup("glossary/index.html").find(id="qwen-72b")
    assert entry.select(".glossary-sources a[href^='http']")
    assert entry.select(".glossary-related a[href^='#']")
    for related in entry.select(".glossary-related a"):
        assert site.soup("glossary/index.html").find(id=related["href"][1:])


def test_glossary_filter_is_hidden_without_javascript(site):
    box = site.soup("glossary/index.html").select_one(".glossary-filter")
    assert box.has_attr("hidden")
