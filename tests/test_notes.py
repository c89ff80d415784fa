"""Annotations on the real site and on small fixtures: anchoring, rendering, stable ids."""

import re
import shutil
import textwrap

import pytest
import yaml
from bs4 import BeautifulSoup
from explainer.errors import DataError
from explainer.fragment import parse
from explainer.glossary import Glossary
from explainer.notes import ArticleNotes, mark_notes
from explainer.settings import DEFAULTS
from explainer.structure import add_ids, paragraph_id
from explainer.terms import mark_terms

from tests.support.site import ROOT, build_site

NOTES_FILE = ROOT / "content" / "notes" / "alibaba-cloud-open-source.yaml"
NOTES = yaml.safe_load(NOTES_FILE.read_text(encoding="utf-8"))
LABELS = DEFAULTS["EXPLAINER_LABELS"]["zh-cn"]
FACT_CHECK_TOPICS = {  # FACTS.md §12, each needs a note: words that its note must contain
    "spin-off wording": ["分拆"],
    "Qwen 72B is Qwen2-72B-Instruct": ["Qwen2-72B-Instruct"],
    "claimed downloads and derivatives": ["4000万", "5万"],
    "claimed customers": ["30"],
    "claimed 100+ models": ["100"],
    "MaaS first proposed": ["MaaS"],
    "who praised o1": ["姜大昕"],
    "FSD in China": ["FSD"],
    "通义千问2.0 vs Qwen2": ["通义千问2.0"],
    "two wordings of the slogan": ["阿里云希望成为AI时代最开放的云"],
    "outlet and date": ["蓝鲸"],
}


def notes_fixture(tmp_path, notes_yaml: str) -> ArticleNotes:
    path = tmp_path / "a.yaml"
    path.write_text(textwrap.dedent(notes_yaml), encoding="utf-8")
    return ArticleNotes.load(path)


def note_yaml(quote: str, note_id="n1") -> str:
    return f"""\
    article: a
    notes:
      - id: {note_id}
        type: context
        quote: {quote}
        body: {{zh: 注释**正文**。, en: The note.}}
    """


HTML = "<p>阿里云发布了模型。</p><p>阿里云还发布了平台。</p>"


def apply(notes, html=HTML):
    page = parse(html)
    placed = mark_notes(page, notes, "zh-cn", LABELS)
    return BeautifulSoup(page.inner_html(), "html.parser"), placed


def test_note_passage_is_highlighted_and_numbered(tmp_path):
    soup, placed = apply(notes_fixture(tmp_path, note_yaml("{exact: 发布了平台}")))
    assert soup.select_one("mark.annotated[data-note=n1]").get_text() == "发布了平台"
    assert [note.id for note in placed] == ["n1"]
    assert soup.select_one("label.note-number").get_text() == "注1"
    note = soup.select_one("#note-n1")
    assert note["role"] == "note" and "<strong>正文</strong>" in str(note)
    assert note.find_parent("p") is soup.select("p")[1], "the note sits in its paragraph"


def test_prefix_and_suffix_single_out_a_repeated_quote(tmp_path):
    notes = notes_fixture(tmp_path, note_yaml("{exact: 阿里云, suffix: 还发布}"))
    soup, _ = apply(notes)
    assert soup.select("p")[1].select_one("mark").get_text() == "阿里云"


def test_orphaned_quote_fails_with_file_note_and_quote(tmp_path):
    with pytest.raises(DataError) as caught:
        apply(notes_fixture(tmp_path, note_yaml("{exact: 腾讯云}")))
    message = str(caught.value)
    assert "a.yaml:3" in message and "[n1]" in message and "腾讯云" in message
    assert "orphaned" in message


def test_ambiguous_quote_fails(tmp_path):
    with pytest.raises(DataError, match=r"\[n1\].*阿里云.*ambiguous"):
        apply(notes_fixture(tmp_path, note_yaml("{exact: 阿里云}")))


def test_unknown_note_type_fails_at_load(tmp_path):
    with pytest.raises(DataError, match="type"):
        notes_fixture(tmp_path, note_yaml("{exact: 平台}").replace("context", "opinion"))


def test_quote_across_markup_is_highlighted_piece_by_piece(tmp_path):
    soup, _ = apply(
        notes_fixture(tmp_path, note_yaml("{exact: 发布了模型}")),
        "<p>阿里云<em>发布了</em>模型。</p>",
    )
    assert [m.get_text() for m in soup.select("mark")] == ["发布了", "模型"]
    assert soup.em.find("mark") is not None


def test_a_term_inside_an_annotated_passage_keeps_its_link(tmp_path):
    glossary_path = tmp_path / "g.yaml"
    glossary_path.write_text(
        textwrap.dedent("""\
        entries:
          - id: alibaba-cloud
            term: 阿里云
            english: Alibaba Cloud
            pinyin: Ālǐyún
            kind: organisation
            definition: {zh: 云。, en: Cloud.}
        """),
        encoding="utf-8",
    )
    page = parse("<p>后来阿里云发布了模型。</p>")
    mark_terms(
        page,
        Glossary.load(glossary_path),
        lang="zh-cn",
        density="all",
        glossary_href="",
    )
    mark_notes(page, notes_fixture(tmp_path, note_yaml("{exact: 阿里云发布}")), "zh-cn", LABELS)
    soup = BeautifulSoup(page.inner_html(), "html.parser")
    term = soup.select_one("a[data-term]")
    assert term.find("mark") is not None and term.get_text() == "阿里云"
    assert not soup.select("a a"), "nothing is nested inside a link"
    assert soup.select_one(".note-anchor").find_parent("a") is None


def test_paragraph_ids_come_from_the_paragraph_text():
    page = parse("<h2>开源</h2><p>第一段。</p><p>第二段。</p>")
    toc = add_ids(page, LABELS)
    soup = BeautifulSoup(page.inner_html(), "html.parser")
    assert soup.select("p")[0]["id"] == paragraph_id("第一段。")
    assert toc == [{"id": "s-kai-yuan", "title": "开源"}]
    assert soup.select_one("p a.para-link")["href"] == f"#{paragraph_id('第一段。')}"


def test_paragraph_ids_survive_an_edit_to_another_paragraph(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    before = build_site(tmp_path / "before", content=content)
    assert before.returncode == 0, before.stderr
    article = content / "articles" / "alibaba-cloud-open-source.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("这是一段真正称得上日新月异的技术旅程。", "这是一段日新月异的旅程。"),
        encoding="utf-8",
    )
    after = build_site(tmp_path / "after", content=content)
    assert after.returncode == 0, after.stderr

    def ids(folder):
        page = (tmp_path / folder / "alibaba-cloud-open-source" / "index.html").read_text("utf-8")
        return [p["id"] for p in BeautifulSoup(page, "html.parser").select(".article-body p")]

    old, new = ids("before"), ids("after")
    assert len(old) == len(new) == 23
    assert old[0] != new[0], "the edited paragraph gets a new id"
    assert old[1:] == new[1:], "every other paragraph keeps its id"


def test_real_notes_cover_every_fact_check_point_of_facts_md():
    bodies = [note["body"]["zh"] + note["quote"]["exact"] for note in NOTES["notes"]]
    for topic, words in FACT_CHECK_TOPICS.items():
        assert any(all(word in body for word in words) for body in bodies), topic
    assert len(NOTES["notes"]) >= 12
    assert 3 <= len(NOTES["key_points"]["zh"]) <= 5


def test_real_article_shows_every_note_numbered_in_order(site):
    page = site.article()
    numbers = [int(re.sub(r"\D", "", label.get_text())) for label in page.select(".note-number")]
    assert numbers == list(range(1, len(NOTES["notes"]) + 1))
    for note in NOTES["notes"]:
        assert page.find(id=f"note-{note['id']}") is not None
        assert page.select(f"mark[data-note={note['id']}]")


def test_real_article_has_a_toc_key_points_and_paragraph_links(site):
    page = site.article()
    toc_links = [a["href"] for a in page.select("nav.toc a")]
    assert toc_links == [f"#{h['id']}" for h in page.select(".article-body h2")]
    assert len(page.select(".key-points li")) == len(NOTES["key_points"]["zh"])
    paragraphs = page.select(".article-body p")
    assert all(p.has_attr("id") and p.select_one("a.para-link") for p in paragraphs)
    assert len({p["id"] for p in paragraphs}) == len(paragraphs)
