"""Tooltip cards as the plugin hands them to the theme: the theme's markup, each card once."""

from explainer.cards import Cards
from explainer.datemarks import DateTip
from explainer.glossary import Glossary
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader
from markupsafe import Markup

from tests.support.site import ROOT

GLOSSARY = Glossary.load(ROOT / "content" / "data" / "glossary.yaml")
ENV = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=True)
PAGE = ENV.from_string("{% if cards %}{{ cards }}{% else %}(none){% endif %}")  # as article.html


def test_a_pages_cards_print_as_the_themes_own_block_of_its_cards_in_page_order():
    first, second = list(GLOSSARY.entries)[:2]
    page = PAGE.render(
        cards=Cards(ENV, "zh-cn").terms([second, first], GLOSSARY, "zh-cn", "../glossary/")
    )
    macros = ENV.get_template("_glossary.html").module
    strings = ENV.get_template("_strings.html").module.STRINGS["zh-cn"]
    themes = macros.term_cards(
        Markup().join(
            macros.term_card(GLOSSARY.entries[entry_id], "../glossary/", strings, "zh-cn")
            for entry_id in (second, first)
        )
    )
    assert page == str(themes)
    assert page.index(f'id="tip-{second}"') < page.index(f'id="tip-{first}"')
    assert f'href="../glossary/#{first}"' in page  # markup, not escaped text


def test_term_cards_go_through_the_macro_where_it_does_not_print_them_once():
    """As date cards do (below): a block that prints the cards twice cannot be split around
    them."""
    source = (ROOT / "theme" / "templates" / "_glossary.html").read_text(encoding="utf-8")
    twice = "{% macro term_cards(cards) %}[{{ cards }}|{{ cards }}]{% endmacro %}"
    env = Environment(
        loader=ChoiceLoader([DictLoader({"_glossary.html": source + twice}), ENV.loader]),
        autoescape=True,
    )
    entry_id = next(iter(GLOSSARY.entries))
    page = PAGE.render(cards=Cards(env, "zh-cn").terms([entry_id], GLOSSARY, "zh-cn", "../"))
    card = page[1 : page.index("|")]
    assert page == f"[{card}|{card}]" and f'id="tip-{entry_id}"' in card


def test_a_page_without_terms_prints_no_cards():
    assert PAGE.render(cards=Cards(ENV, "zh-cn").terms([], GLOSSARY, "zh-cn", "../")) == "(none)"


def test_date_cards_made_once_print_each_pages_own_ids_and_text():
    cards = Cards(ENV, "zh-cn")
    today = DateTip("tip-date-1", "今年", "2024年（本文发表的年份）", "2024", None, None)
    event = DateTip("tip-date-2", "2023年", "2023年", "2023", "yunqi-2023", "云栖 <大会>")
    marked = DateTip("tip-date-3", "今\x00年", "2024年", "2024", None, None)
    page = str(cards.dates([today, event, marked], "zh-cn", "../timeline/"))
    assert page.count('class="term-tip date-tip"') == 3 and page.count("\x00") == 1
    for number in (1, 2, 3):
        assert f'id="tip-date-{number}"' in page
    assert 'href="../timeline/#yunqi-2023"' in page and "云栖 &lt;大会&gt;" in page
    later = today._replace(id="tip-date-7")  # the same date on another page
    fresh = str(Cards(ENV, "zh-cn").dates([later], "zh-cn", "../timeline/"))
    assert str(cards.dates([later], "zh-cn", "../timeline/")) == fresh
    assert 'id="tip-date-7"' in fresh
    assert str(cards.dates([], "zh-cn", "../timeline/")) == ""


def test_date_cards_print_as_the_themes_macros_would_from_plain_tuples_too():
    macros = ENV.get_template("_glossary.html").module
    strings = ENV.get_template("_strings.html").module.STRINGS["zh-cn"]
    tips = [
        DateTip("tip-date-1", "今年", "2024年（本文发表的年份）", "2024", None, None),
        DateTip("tip-date-2", "2023年", "2023年", "2023", "yunqi-2023", "云栖 <大会>"),
    ]
    themes = macros.date_cards(
        Markup("".join(str(macros.date_card(tip, "../timeline/", strings)) for tip in tips))
    )
    cards = Cards(ENV, "zh-cn")
    assert str(cards.dates(tips, "zh-cn", "../timeline/")) == str(themes)
    assert str(cards.dates([tuple(tip) for tip in tips], "zh-cn", "../timeline/")) == str(themes)


def test_date_cards_go_through_the_macro_where_it_does_not_print_them_once():
    """A theme whose date_cards prints the cards twice (or not at all) cannot be split around
    them: each page's cards then go through the macro itself."""
    source = (ROOT / "theme" / "templates" / "_glossary.html").read_text(encoding="utf-8")
    twice = "{% macro date_cards(cards) %}[{{ cards }}|{{ cards }}]{% endmacro %}"
    env = Environment(
        loader=ChoiceLoader(
            [
                DictLoader({"_glossary.html": source + twice}),
                FileSystemLoader(ROOT / "theme" / "templates"),
            ]
        ),
        autoescape=True,
    )
    tip = DateTip("tip-date-1", "今年", "2024年（本文发表的年份）", "2024", None, None)
    page = str(Cards(env, "zh-cn").dates([tuple(tip)], "zh-cn", "../timeline/"))
    assert page.startswith("[") and page.endswith("]") and page.count('id="tip-date-1"') == 2
