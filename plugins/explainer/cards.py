"""The theme's tooltip cards, rendered by the plugin rather than as Pelican writes each page.

Each article carries the cards of the terms it uses, and most of them are cards other articles
carry too: at 1000 articles the theme rendered the same 2000 cards about 50,000 times. The theme
still owns the markup (its `term_card` and `date_cards` macros); this renders each distinct term
card once a build, and a page's date cards as its annotation is restored, which happens while
the other core is still annotating, instead of in Pelican's writing of the pages, which has the
build's core to itself (0.085 s at 1000 articles).
"""

from markupsafe import Markup


class JoinedWhenPrinted:
    """A page's term cards, joined as the theme prints them (it has `__html__`): joined when
    restored, every article kept its own copy until Pelican wrote it, about 76 KB in memory
    each, and the build's peak at 1000 articles was 240 MiB instead of 188."""

    __slots__ = ("_cards",)

    def __init__(self, cards: list[Markup]):
        self._cards = cards

    def __bool__(self) -> bool:
        return bool(self._cards)

    def __html__(self) -> str:
        return "".join(self._cards)  # each is Markup already: nothing to escape


class Cards:
    def __init__(self, env, default_lang: str):
        macros = env.get_template("_glossary.html").module
        self._term_card, self._date_cards = macros.term_card, macros.date_cards
        strings = env.get_template("_strings.html").module.STRINGS
        # As base.html picks its strings, `T`, for a page's language.
        self._strings = lambda lang: strings[lang] if lang in strings else strings.get(default_lang)
        # Per (language, link to the glossary): each entry's card, by entry id.
        self._rendered: dict[tuple[str, str], dict[str, Markup]] = {}

    def terms(
        self, entry_ids: list[str], glossary, lang: str, glossary_href: str
    ) -> JoinedWhenPrinted:
        """A page's term cards, which the theme prints in one go, not one by one."""
        rendered = self._rendered.setdefault((lang, glossary_href), {})
        for entry_id in entry_ids:
            if entry_id not in rendered:
                rendered[entry_id] = self._term_card(
                    glossary.entries[entry_id], glossary_href, self._strings(lang), lang
                )
        return JoinedWhenPrinted([rendered[entry_id] for entry_id in entry_ids])

    def dates(self, tips, lang: str, timeline_href: str) -> Markup:
        """A page's date cards, or nothing for a page without dates."""
        return self._date_cards(tips, timeline_href, self._strings(lang)) if tips else Markup()
