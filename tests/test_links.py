"""Pelican's `{filename}` links still resolve, now that pages without one skip the search."""

import shutil

from pelican.contents import Content

from plugins.explainer.links import skip_link_search_where_there_is_no_link
from tests.support.site import ROOT, build_site

TWO_ARTICLES = ROOT / "tests" / "sites" / "two-articles"


def test_a_filename_link_in_an_annotated_article_is_still_resolved(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TWO_ARTICLES, content)
    article = content / "articles" / "harbor-robots.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\n另见[港湾峰会]({filename}harbor-summit.md)。\n",
        encoding="utf-8",
    )
    result = build_site(tmp_path / "output", content=content)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "output" / "harbor-robots" / "index.html").read_text(encoding="utf-8")
    assert 'href="../harbor-summit/"' in page and "{filename}" not in page


def test_skipping_returns_what_pelicans_search_returns(site):
    """On every page of the real site (annotated, so full of tags), with and without a link."""
    skip_link_search_where_there_is_no_link()
    search = Content._update_content.__wrapped__

    class Page:
        settings = {"INTRASITE_LINK_REGEX": "[{|](?P<what>.*?)[|}]"}

        def _get_intrasite_link_regex(self):
            return Content._get_intrasite_link_regex(self)

        def _link_replacer(self, siteurl, match):
            return f"{match.group('markup')}{match.group('quote')}RESOLVED{match.group('quote')}"

    page = Page()
    for path in site.html_files():
        html = path.read_text(encoding="utf-8")
        linked = html.replace('href="#', 'href="{filename}#', 1)
        assert linked != html  # every page has in-page links (the skip link, at least)
        assert "RESOLVED" in Content._update_content(page, linked, "")
        for text in (html, linked):
            assert Content._update_content(page, text, "") == search(page, text, "")
