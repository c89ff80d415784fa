"""Glossary tooltip cards, rendered once per entry, language and glossary link.

Each article carries the cards of the terms it uses, and most of them are cards other articles
carry too: at 1000 articles the theme rendered the same 2000 cards about 50,000 times. The theme
still owns the markup (its `term_card` macro); this renders each distinct card once a build.
"""

from markupsafe import Markup


class TermCards:
    def __init__(self, env, default_lang: str):
        self._card = env.get_template("_glossary.html").module.term_card
        strings = env.get_template("_strings.html").module.STRINGS
        # As base.html picks its strings, `T`, for a page's language.
        self._strings = lambda lang: strings[lang] if lang in strings else strings.get(default_lang)
        self._rendered: dict[tuple[str, str, str], Markup] = {}

    def render(self, entries, lang: str, glossary_href: str) -> Markup:
        """A page's cards, joined: the theme prints them in one go, not one by one."""
        cards = []
        for entry in entries:
            key = (entry.id, lang, glossary_href)
            if key not in self._rendered:
                self._rendered[key] = self._card(entry, glossary_href, self._strings(lang), lang)
            cards.append(self._rendered[key])
        return Markup("".join(cards))  # each is Markup already: nothing to escape
