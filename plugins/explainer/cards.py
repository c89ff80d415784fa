"""The theme's tooltip cards, rendered by the plugin rather than as Pelican writes each page.

Each article carries the cards of the terms it uses, and most of them are cards other articles
carry too: at 1000 articles the theme rendered the same 2000 cards about 50,000 times. The theme
still owns the markup (its `term_card` and `date_cards` macros); this renders each distinct term
card once a build, and a page's date cards as its annotation is restored, which happens while
the other core is still annotating, instead of in Pelican's writing of the pages, which has the
build's core to itself (0.085 s at 1000 articles).
"""

from markupsafe import Markup


class Cards:
    def __init__(self, env, default_lang: str):
        macros = env.get_template("_glossary.html").module
        self._term_card, self._date_cards = macros.term_card, macros.date_cards
        strings = env.get_template("_strings.html").module.STRINGS
        # As base.html picks its strings, `T`, for a page's language.
        self._strings = lambda lang: strings[lang] if lang in strings else strings.get(default_lang)
        self._rendered: dict[tuple[str, str, str], Markup] = {}

    def terms(self, entries, lang: str, glossary_href: str) -> Markup:
        """A page's term cards, joined: the theme prints them in one go, not one by one."""
        cards = []
        for entry in entries:
            key = (entry.id, lang, glossary_href)
            if key not in self._rendered:
                self._rendered[key] = self._term_card(
                    entry, glossary_href, self._strings(lang), lang
                )
            cards.append(self._rendered[key])
        return Markup("".join(cards))  # each is Markup already: nothing to escape

    def dates(self, tips, lang: str, timeline_href: str) -> Markup:
        """A page's date cards, or nothing for a page without dates."""
        return self._date_cards(tips, timeline_href, self._strings(lang)) if tips else Markup()
