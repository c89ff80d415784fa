"""The seed article, rendered: faithful to the seed, structured, with honest metadata."""

import hashlib
import re

from tests.support.site import ROOT, SEED, article_text_blocks, seed_text_blocks

# The seed is the source of truth; this digest is the copy taken from ../shared/seeds/.
EXPECTED_SEED_DIGEST = "faf900cfdb5b3ddb429ab9a348aa9e66328e9b3bba4d18e1f4941b663d021ad4"


def test_seed_is_kept_byte_for_byte():
    shared = ROOT.parent / "shared" / "seeds" / SEED.name
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert digest == EXPECTED_SEED_DIGEST
    if shared.exists():
        assert SEED.read_bytes() == shared.read_bytes()


def test_rendered_article_text_equals_the_seed(site):
    assert article_text_blocks(site.article()) == seed_text_blocks()


def test_kicker_sits_above_the_headline_and_outside_it(site):
    header = site.article().select_one(".article-header")
    kicker, headline = header.select_one(".kicker"), header.select_one("h1")
    assert kicker.get_text() == "深度"
    assert "深度" not in headline.get_text()
    assert headline in kicker.find_all_next(), "the kicker comes before the headline"


def test_standfirst_credit_and_section_headings(site):
    page = site.article()
    assert page.select_one(".standfirst").get_text().startswith("通义对开源模型的战略押注")
    assert page.select_one(".credit").get_text().startswith("图片来源:视觉中国")
    assert not page.select("article img"), "there is no image file: no <img> may be rendered"
    headings = [h.get_text() for h in page.select(".article-body h2")]
    assert headings == ["从“为什么”到“怎么做”", "开源,是现实与使命的共同要求"]
    assert len(page.find_all("h1")) == 1


def test_publication_date_shows_only_the_known_precision(site):
    time = site.article().select_one(".article-meta time")
    assert time["datetime"] == "2024-09"
    label = time.get_text()
    assert "2024年9月" in label
    assert not re.search(r"9月\d+日|\b\d{1,2}\s*September", label), "no invented day"


def test_source_is_the_only_known_copy(site):
    link = site.article().select_one(".article-meta a")
    assert link["href"] == "https://app.lanjinger.com/d/240842"


def test_index_lists_every_article(site):
    index = site.soup("index.html")
    links = [a["href"] for a in index.select(".article-list h3 a")]
    assert links == ["./alibaba-cloud-open-source/"]
