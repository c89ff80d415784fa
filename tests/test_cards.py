"""Tooltip cards as the plugin hands them to the theme: the theme's markup, each card once."""

from explainer.cards import Cards
from explainer.glossary import Glossary
from jinja2 import Environment, FileSystemLoader

from tests.support.site import ROOT

GLOSSARY = Glossary.load(ROOT / "content" / "data" / "glossary.yaml")
ENV = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=True)
PAGE = ENV.from_string(
    '{% from "_glossary.html" import term_cards %}'
    "{% if cards %}{{ term_cards(cards) }}{% else %}(none){% endif %}"
)


def test_a_pages_cards_print_as_the_themes_own_cards_in_page_order():
    first, second = list(GLOSSARY.entries)[:2]
    cards = Cards(ENV, "zh-cn")
    page = PAGE.render(cards=cards.terms([second, first], GLOSSARY, "zh-cn", "../glossary/"))
    alone = [
        cards.terms([entry_id], GLOSSARY, "zh-cn", "../glossary/").__html__()
        for entry_id in (second, first)
    ]
    assert page == f'\n<div class="term-tips" data-ui>\n{alone[0]}{alone[1]}</div>\n'
    assert page.index(f'id="tip-{second}"') < page.index(f'id="tip-{first}"')
    assert f'href="../glossary/#{first}"' in page  # markup, not escaped text


def test_a_page_without_terms_prints_no_cards():
    assert PAGE.render(cards=Cards(ENV, "zh-cn").terms([], GLOSSARY, "zh-cn", "../")) == "(none)"
