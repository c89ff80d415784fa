"""The theme's tooltip cards, rendered by the plugin rather than as Pelican writes each page.

Each article carries the cards of the terms it uses, and most of them are cards other articles
carry too: at 1000 articles the theme rendered the same 2000 cards about 50,000 times. The theme
still owns the markup (its `term_card`, `date_card`, `term_cards` and `date_cards` macros);
this renders each distinct term card once a build, each distinct date card once (12,500 dates in
the benchmark's 1000 articles say a few hundred different things), and each block of cards
once, as a page's annotation is restored, while the other core is still annotating.
"""

from collections.abc import Callable

from markupsafe import Markup

from .datemarks import DateTip


class JoinedWhenPrinted:
    """A page's term cards in the theme's `term_cards` block, joined as the page prints them
    (it has `__html__`): joined when restored, every article kept its own copy until Pelican
    wrote it, about 76 KB in memory each, and the build's peak at 1000 articles was 240 MiB
    instead of 188."""

    __slots__ = ("_cards", "_block")

    def __init__(self, cards: list[Markup], block: Callable[[str], str]):
        self._cards, self._block = cards, block

    def __bool__(self) -> bool:
        return bool(self._cards)

    def __html__(self) -> str:
        return self._block("".join(self._cards))  # each is Markup already: nothing to escape


# A mark: in a date card rendered once for many pages, where each page's tip id goes; in a
# block of cards rendered once, where each page's cards go.
ID = "\x00"


def _printed_in(block) -> Callable[[str], str]:
    """How the theme's `block` macro prints a page's cards, rendered once and split where they
    go (a macro call a page was 11 ms at 1000 articles); the macro itself where it does not
    print them exactly once."""
    around = str(block(Markup(ID)))
    if around.count(ID) != 1:
        return lambda cards: str(block(Markup(cards)))
    before, after = around.split(ID)
    return lambda cards: before + cards + after


class Cards:
    def __init__(self, env, default_lang: str):
        macros = env.get_template("_glossary.html").module
        self._term_card, self._date_card = macros.term_card, macros.date_card
        self._term_block = _printed_in(macros.term_cards)
        self._date_block = _printed_in(macros.date_cards)
        strings = env.get_template("_strings.html").module.STRINGS
        # As base.html picks its strings, `T`, for a page's language.
        self._strings = lambda lang: strings[lang] if lang in strings else strings.get(default_lang)
        # Per (language, link to the glossary): each entry's card, by entry id.
        self._rendered: dict[tuple[str, str], dict[str, Markup]] = {}
        # Per (language, link to the timeline), per tip but its id: the card, split where
        # its id goes.
        self._date_rendered: dict[tuple[str, str], dict[tuple, tuple[str, ...]]] = {}

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
        return JoinedWhenPrinted([rendered[entry_id] for entry_id in entry_ids], self._term_block)

    def dates(self, tips, lang: str, timeline_href: str) -> Markup:
        """A page's date cards, or nothing for a page without dates. `tips` are DateTips or
        the plain tuples an annotation carries (see Annotation.date_tips)."""
        if not tips:
            return Markup()
        rendered = self._date_rendered.setdefault((lang, timeline_href), {})
        cards = []
        for tip in tips:
            halves = rendered.get(tip[1:])
            if halves is None:
                halves = rendered[tip[1:]] = self._date_halves(tip, lang, timeline_href)
            cards.append(
                halves[0] + tip[0] + halves[1]
                if halves
                else str(self._date_card(DateTip(*tip), timeline_href, self._strings(lang)))
            )
        return Markup(self._date_block("".join(cards)))

    def _date_halves(self, tip: tuple, lang: str, timeline_href: str) -> tuple[str, ...]:
        """One date card, split where its id goes: pages say 今年 or 近日 again and again, and
        the cards differ by their id only (the tip's number on its page), which no escaping
        changes. Empty where the text itself holds the mark: such a card is never reused."""
        card = self._date_card(DateTip(ID, *tip[1:]), timeline_href, self._strings(lang))
        return tuple(str(card).split(ID)) if card.count(ID) == 1 else ()
