"""Marking terms in HTML: where terms are (not) marked, density, ids, and safety properties."""

from bs4 import BeautifulSoup
from explainer.fragment import parse
from explainer.glossary import Entry, Glossary, PageOccurrences, anchor_id
from explainer.terms import mark_terms
from hypothesis import given, settings
from hypothesis import strategies as st

ENTRIES = [
    ("alibaba-cloud", "阿里云", "Alibaba Cloud", []),
    ("alibaba", "阿里巴巴", "Alibaba Group", ["阿里"]),
    ("tongyi-qwen", "通义千问", "Qwen", ["通义", "通义Qwen", "Qwen"]),
    ("openai", "OpenAI", "OpenAI", []),
    ("agi", "AGI", "AGI", []),
]
GLOSSARY = Glossary(
    [
        Entry(
            id=i,
            term=t,
            english=e,
            kind="concept",
            definition={"zh": "定义", "en": "def"},
            where=n,
            aliases=a,
        )
        for n, (i, t, e, a) in enumerate(ENTRIES, 1)
    ],
    path="test.yaml",
)


def mark_page(html, density="section", lang="zh-cn"):
    page = parse(html)
    found = mark_terms(
        page,
        GLOSSARY,
        lang=lang,
        density=density,
        glossary_href="../glossary/",
    )
    return page, found


def mark(html, density="section", lang="zh-cn"):
    page, found = mark_page(html, density, lang)
    return BeautifulSoup(page.inner_html(), "html.parser"), found


def marked(soup):
    return [(a.get_text(), a["data-term"]) for a in soup.select("[data-term]")]


def test_cjk_unspaced_terms_are_linked_to_their_entry():
    soup, _ = mark("<p>近日阿里云与OpenAI都谈到AGI。</p>")
    assert marked(soup) == [("阿里云", "alibaba-cloud"), ("OpenAI", "openai"), ("AGI", "agi")]
    link = soup.select_one("[data-term=alibaba-cloud]")
    assert link.name == "a" and link["href"] == "../glossary/#alibaba-cloud"
    assert link["aria-describedby"] == "tip-alibaba-cloud"
    assert link["id"] == "ref-alibaba-cloud-1"


def test_inside_link_skipped():
    soup, _ = mark('<p><a href="x">阿里云</a>之后的阿里云</p>')
    assert len(soup.select("a a")) == 0
    assert [a.get_text() for a in soup.select("[data-term]")] == ["阿里云"]
    assert soup.select_one("a[href=x]").get_text() == "阿里云"
    assert soup.select_one("a[href=x] [data-term]") is None


def test_heading_skipped():
    soup, _ = mark("<h2>阿里云</h2><p>阿里云</p>")
    assert soup.h2.find("a") is None and soup.p.find("a") is not None


def test_code_pre_script_style_and_nav_skipped():
    html = (
        "<p><code>阿里云</code></p><pre>阿里云</pre><script>var a='阿里云'</script>"
        "<style>/*阿里云*/</style><nav>阿里云</nav><div class='toc'>阿里云</div>"
        "<span data-ui>阿里云</span>"
    )
    soup, found = mark(html)
    assert found == [] and not soup.select("[data-term]")


def test_attribute_values_never_touched():
    soup, _ = mark('<p title="阿里云"><img alt="阿里云" src="x.png">阿里云</p>')
    assert soup.p["title"] == "阿里云" and soup.img["alt"] == "阿里云"
    assert marked(soup) == [("阿里云", "alibaba-cloud")]


def test_existing_annotation_not_marked_again():
    soup, _ = mark('<p><span data-term="openai">OpenAI</span> 与 阿里云</p>')
    assert marked(soup) == [("OpenAI", "openai"), ("阿里云", "alibaba-cloud")]


def test_first_per_section():
    soup, _ = mark("<p>阿里云,阿里云</p><p>阿里云</p><h2>二</h2><p>阿里云</p>")
    assert [a["id"] for a in soup.select("[data-term]")] == [
        "ref-alibaba-cloud-1",
        "ref-alibaba-cloud-2",
    ]
    assert soup.select("p")[2].find("a") is not None


def test_first_per_article():
    soup, _ = mark("<p>阿里云</p><h2>二</h2><p>阿里云</p>", density="article")
    assert len(soup.select("[data-term]")) == 1


def test_all_occurrences():
    soup, _ = mark("<p>阿里云,阿里云</p><h2>二</h2><p>阿里云</p>", density="all")
    ids = [a["id"] for a in soup.select("[data-term]")]
    assert ids == ["ref-alibaba-cloud-1", "ref-alibaba-cloud-2", "ref-alibaba-cloud-3"]


def test_term_never_runs_from_one_paragraph_into_the_next():
    soup, _ = mark("<p>阿里</p><p>云</p>")
    assert marked(soup) == [("阿里", "alibaba")]


def test_term_split_by_markup_is_left_alone_rather_than_broken():
    soup, _ = mark("<p>阿里<em>云</em></p>")
    assert marked(soup) == [("阿里", "alibaba")]
    assert soup.em.get_text() == "云"


def test_english_pages_match_english_names_on_word_boundaries():
    soup, _ = mark("<p>Alibaba Cloud and Alibaba Group; Qwen, not Qwenish.</p>", lang="en")
    assert marked(soup) == [
        ("Alibaba Cloud", "alibaba-cloud"),
        ("Alibaba Group", "alibaba"),
        ("Qwen", "tongyi-qwen"),
    ]


def test_occurrences_record_place_and_context():
    soup, found = mark("<p>这是一个关于阿里云的句子。</p>")
    assert found[0].number == 1
    assert soup.find(id=anchor_id(found[0].entry_id, found[0].number)).get_text() == "阿里云"
    assert "关于阿里云的句子" in found[0].context


WORDS = st.sampled_from(
    [
        "阿里云",
        "阿里",
        "巴巴",
        "通义",
        "Qwen",
        "OpenAI",
        "AGI",
        "的",
        "和",
        " ",
        ",",
        "Open",
        "AI",
        "云",
        "<",
        "&",
        "é",
    ]
)
TEXTS = st.lists(WORDS, max_size=30).map("".join)
BLOCKS = st.lists(
    st.tuples(st.sampled_from(["p", "h2", "li", "em"]), TEXTS), min_size=1, max_size=6
)


def to_html(blocks):
    from html import escape

    return "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in blocks)


@settings(max_examples=150, deadline=None)
@given(BLOCKS, st.sampled_from(["section", "article", "all"]))
def test_property_marking_never_changes_the_text(blocks, density):
    html = to_html(blocks)
    before = BeautifulSoup(html, "html.parser").get_text()
    # The marked tree's own text: parsing its HTML again would collapse a whitespace-only tail
    # the marking split off ("阿里云  " -> link + "  "), as BeautifulSoup collapses any.
    page, _ = mark_page(html, density)
    assert page.get_text() == before


@settings(max_examples=150, deadline=None)
@given(BLOCKS, st.sampled_from(["section", "article", "all"]))
def test_property_marking_is_idempotent(blocks, density):
    once, _ = mark(to_html(blocks), density)
    # Compare with the re-parsed page: the parser itself collapses whitespace-only strings.
    reparsed = str(BeautifulSoup(str(once), "html.parser"))
    twice, found_again = mark(reparsed, density)
    assert str(twice) == reparsed
    assert found_again == []


@settings(max_examples=100, deadline=None)
@given(BLOCKS)
def test_property_ids_are_unique_and_links_never_nest(blocks):
    soup, _ = mark(to_html(blocks), "all")
    ids = [a["id"] for a in soup.select("[data-term]")]
    assert len(ids) == len(set(ids))
    assert not soup.select("a a")


def test_a_pages_occurrences_travel_in_columns_and_come_back_whole():
    _, found = mark(
        "<p>近日阿里云与OpenAI都谈到AGI。</p><h2>二</h2><p>又是阿里云和\u2029OpenAI。</p>"
    )
    page = PageOccurrences.of(found, "a/", "A", "zh-cn")
    ends = page.context_ends
    contexts = [page.contexts[start:end] for start, end in zip([0, *ends], ends, strict=False)]
    assert list(zip(page.entry_ids, page.numbers, contexts, strict=True)) == [
        (o.entry_id, o.number, o.context) for o in found
    ]
    assert [anchor_id(o.entry_id, o.number) for o in found if o.entry_id == "alibaba-cloud"] == [
        "ref-alibaba-cloud-1",
        "ref-alibaba-cloud-2",
    ]
    empty = PageOccurrences.of([], "a/", "A", "zh-cn")
    assert (empty.entry_ids, empty.numbers, empty.contexts, empty.context_ends) == ([], [], "", [])
