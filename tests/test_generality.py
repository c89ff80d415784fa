"""A generator, not a one-off: a second site with two short articles of its own.

tests/sites/two-articles/ is a content folder written for this test (two articles sharing
terms, a site-wide glossary, one event per article plus a site-wide one, a notes file per
article), built with the real settings, theme and plugin. Each article must get exactly its
own terms, events and notes; the index, glossary and timeline must serve both.
"""

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from plugins.explainer.settings import merged
from tests.support.site import ROOT, Site, build_site, visible_text

CONTENT = ROOT / "tests" / "sites" / "two-articles"
ARTICLES = ("harbor-robots", "harbor-summit")
SHARED_TERMS = {"open-source", "harbor-robotics"}
TERMS = {
    "harbor-robots": SHARED_TERMS | {"lumen", "gpu"},
    "harbor-summit": SHARED_TERMS | {"lin-qiao", "harbor-summit"},
}
EVENTS = {"harbor-robots": ["lumen-release"], "harbor-summit": ["summit-opens"]}
NOTES = {"harbor-robots": ["robots-why-open"], "harbor-summit": ["summit-downloads"]}
SITE_EVENT = "harbor-founded"


@pytest.fixture(scope="module")
def two(tmp_path_factory) -> Site:
    output = tmp_path_factory.mktemp("two-articles") / "output"
    result = build_site(output, content=CONTENT)
    assert result.returncode == 0, f"the build failed:\n{result.stdout}\n{result.stderr}"
    return Site(output)


def page_of(site: Site, from_url: str, href: str) -> tuple[BeautifulSoup, str]:
    """The page a relative link leads to from the page at `from_url`, and its fragment."""
    target = urlsplit(urljoin(f"http://site/{from_url}", href))
    path = target.path.lstrip("/")
    return site.soup(path + "index.html" if path.endswith("/") or not path else path), (
        target.fragment
    )


def test_the_index_lists_both_articles(two):
    index = two.soup("index.html")
    links = {a["href"].removeprefix("./").strip("/") for a in index.select(".article-list h3 a")}
    assert links == set(ARTICLES)
    titles = [visible_text(a) for a in index.select(".article-list h3 a")]
    assert "港湾机器人开源Lumen模型" in titles and "港湾峰会上的开源之争" in titles


@pytest.mark.parametrize("slug", ARTICLES)
def test_each_article_marks_its_own_terms(two, slug):
    page = two.soup(f"{slug}/index.html")
    assert {a["data-term"] for a in page.select("[data-term]")} == TERMS[slug]


def test_shared_terms_are_marked_in_both_articles(two):
    for slug in ARTICLES:
        page = two.soup(f"{slug}/index.html")
        assert {a["data-term"] for a in page.select("[data-term]")} >= SHARED_TERMS, slug


@pytest.mark.parametrize("slug", ARTICLES)
def test_term_cards_are_only_for_the_articles_terms(two, slug):
    page = two.soup(f"{slug}/index.html")
    cards = {tip["id"].removeprefix("tip-") for tip in page.select(".term-tip")}
    assert cards == TERMS[slug]
    for link in page.select("[data-term]"):
        assert page.find(id=link["aria-describedby"]) is not None


@pytest.mark.parametrize("slug", ARTICLES)
def test_event_markers_only_on_the_right_article(two, slug):
    page = two.soup(f"{slug}/index.html")
    markers = [a["id"].removeprefix("event-ref-") for a in page.select("a.event-marker")]
    assert markers == EVENTS[slug]


@pytest.mark.parametrize("slug", ARTICLES)
def test_compact_timeline_lists_only_the_articles_events(two, slug):
    page = two.soup(f"{slug}/index.html")
    links = [a["href"] for a in page.select("aside.mini-timeline li a")]
    assert [href.split("#")[1] for href in links] == EVENTS[slug]
    assert all(href.startswith("../timeline/#") for href in links)


def test_site_wide_event_is_on_the_timeline_page_only(two):
    timeline = two.soup("timeline/index.html")
    assert [li["id"] for li in timeline.select("li.event")] == [
        SITE_EVENT,
        "lumen-release",
        "summit-opens",
    ]
    assert not timeline.find(id=SITE_EVENT).select("a.event-read")
    for slug in ARTICLES:
        assert two.soup(f"{slug}/index.html").find(id=f"event-ref-{SITE_EVENT}") is None


def test_timeline_links_back_to_the_right_article(two):
    timeline = two.soup("timeline/index.html")
    for slug, events in EVENTS.items():
        for event_id in events:
            (back,) = [a["href"] for a in timeline.find(id=event_id).select("a.event-read")]
            page, fragment = page_of(two, "timeline/", back)
            assert back.startswith(f"../{slug}/#") and page.find(id=fragment) is not None


@pytest.mark.parametrize("slug", ARTICLES)
def test_notes_land_on_their_own_article(two, slug):
    """Both articles contain the quote 坚持开源; each notes file anchors in its own article."""
    page = two.soup(f"{slug}/index.html")
    assert [n["id"].removeprefix("note-") for n in page.select(".sidenote")] == NOTES[slug]
    marks = page.select("mark.annotated")
    assert {m["data-note"] for m in marks} == set(NOTES[slug])
    assert "".join(visible_text(m) for m in marks) == "坚持开源"


def test_glossary_backlinks_point_into_both_articles(two):
    glossary = two.soup("glossary/index.html")
    for entry_id in SHARED_TERMS:
        entry = glossary.find(id=entry_id)
        hrefs = [a["href"] for a in entry.select(".glossary-backlinks a")]
        assert {href.split("/")[1] for href in hrefs} == set(ARTICLES), entry_id


def test_every_backlink_is_an_occurrence_and_every_occurrence_has_one(two):
    glossary = two.soup("glossary/index.html")
    linked = set()
    for entry in glossary.select("article[id]"):
        for href in (a["href"] for a in entry.select(".glossary-backlinks a")):
            page, fragment = page_of(two, "glossary/", href)
            target = page.find(id=fragment)
            assert target is not None and target["data-term"] == entry["id"], href
            linked.add((href.split("/")[1], fragment))
    occurrences = {
        (slug, a["id"])
        for slug in ARTICLES
        for a in two.soup(f"{slug}/index.html").select("[data-term]")
    }
    assert linked == occurrences


def test_glossary_lists_every_entry_of_the_test_site_only(two):
    glossary = two.soup("glossary/index.html")
    assert {a["id"] for a in glossary.select("article[id]")} == set().union(*TERMS.values())


def test_the_test_site_is_clean_for_the_linter():
    from explainer.lint import lint
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelican.conf.py"), override={"PATH": str(CONTENT)})
    report = lint(CONTENT, settings, cache_dir=Path(ROOT / ".cache" / "jieba"))
    assert report.lines() == []


def test_each_entry_lists_its_first_places_and_counts_them_all(tmp_path):
    """With one place listed per entry, an entry in both articles lists the first and says how
    many more there are and in how many articles; the summary counts them all."""
    result = build_site(
        tmp_path / "output", content=CONTENT, pelican_args=("-e", "EXPLAINER_GLOSSARY_BACKLINKS=1")
    )
    assert result.returncode == 0, result.stderr
    glossary = Site(tmp_path / "output").soup("glossary/index.html")
    for entry_id in SHARED_TERMS:
        places = glossary.find(id=entry_id).select_one(".glossary-backlinks")
        total = int(re.search(r"（(\d+)）", places.summary.get_text())[1])
        assert total >= 2 and len(places.select("li a")) == 1
        more = places.select_one(".glossary-backlinks-more").get_text()
        assert more == f"另有 {total - 1} 处未列出（共见于 2 篇文章）。"


def test_a_number_of_listed_places_below_one_is_refused_by_name():
    with pytest.raises(ValueError, match="EXPLAINER_GLOSSARY_BACKLINKS must be a whole number"):
        merged({"EXPLAINER_GLOSSARY_BACKLINKS": 0})


def test_a_site_without_a_timeline_builds_without_one(tmp_path):
    """The timeline file is optional: without it the articles are still annotated, and no
    page links to a timeline that is not there."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "data" / "timeline.yaml").unlink()
    result = build_site(tmp_path / "output", content=content)
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "output")
    assert not (tmp_path / "output" / "timeline").exists()
    for slug in ARTICLES:
        article = site.soup(f"{slug}/index.html")
        assert article.select("a.term") and article.select("mark.annotated")
        assert not [a for a in article.find_all("a", href=True) if "timeline" in a["href"]]
