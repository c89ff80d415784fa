"""An article's url as the plugin proposes it when offering the article to the background
process: Pelican's own, made faster where the url setting names only the slug and language."""

import copy
import datetime
from types import SimpleNamespace

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from plugins.explainer.urls import article_url


def article(lang: str, **settings) -> Article:
    config = copy.deepcopy(DEFAULT_CONFIG)
    config.update(DEFAULT_LANG="zh", PATH="/content", **settings)
    metadata = {
        "title": "标题",
        "slug": "yunqi-2024",
        "lang": lang,
        "date": datetime.datetime(2024, 9, 19),
    }
    return Article("<p>正文</p>", metadata=metadata, settings=config, source_path="/content/a.md")


@pytest.mark.parametrize(
    "settings",
    [
        {"ARTICLE_URL": "{slug}/", "ARTICLE_LANG_URL": "{lang}/{slug}/"},  # this site's
        {"ARTICLE_URL": "posts/{slug!s}.html", "ARTICLE_LANG_URL": "{slug}-{lang}.html"},
        {"ARTICLE_URL": "{date:%Y}/{slug}/", "ARTICLE_LANG_URL": "{category}/{slug}/"},
        {"ARTICLE_URL": "{path}", "ARTICLE_LANG_URL": "{author}/{slug[0]}/"},
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_proposed_url_is_pelicans(settings, lang):
    document = article(lang, **settings)
    assert article_url(document) == document.url


def test_an_overridden_url_is_pelicans():
    document = article("zh", ARTICLE_URL="{slug}/")
    document.override_url = "elsewhere/"
    assert article_url(document) == document.url == "elsewhere/"


def test_a_draft_subclass_or_copy_has_its_own_url():
    draft = article("zh", ARTICLE_URL="{slug}/", DRAFT_URL="drafts/{slug}.html")
    draft.status = "draft"
    assert article_url(draft) == draft.url == "drafts/yunqi-2024.html"

    class Elsewhere(Article):
        @property
        def url(self):
            return "elsewhere/"

    moved = article("zh", ARTICLE_URL="{slug}/")
    moved.__class__ = Elsewhere
    assert article_url(moved) == "elsewhere/"
    assert article_url(SimpleNamespace(url="copy/")) == "copy/"
