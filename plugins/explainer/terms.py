"""The glossary layer: link each term occurrence to its entry, with a tooltip description."""

from .fragment import Element, start_tag
from .glossary import Glossary, Occurrence, anchor_id
from .textlayer import TextLayer

CONTEXT_CHARS = 12
_made = tuple.__new__  # an Occurrence without its constructor's Python call: pages have 70


def choose_by_density(matches, sections: list[int], marked, density: str):
    """Keep the first occurrence of each entry per section or per article, or keep all.

    `sections` holds each match's section; `marked`, the (entry id, section) of occurrences
    marked by an earlier run, which count as first ones, so marking is idempotent.
    """
    if density == "all":
        return matches
    by_section = density == "section"
    seen = {(entry_id, section if by_section else 0) for entry_id, section in marked}
    kept = []
    for match, section in zip(matches, sections, strict=True):
        scope = (match.key, section if by_section else 0)
        if scope not in seen:
            seen.add(scope)
            kept.append(match)
    return kept


# Per link to the glossary page (pages at the same depth share one), each entry's link start
# tag, split where the occurrence's number goes: made once per entry and link, not at each of
# the entry's occurrences in each article.
_LINK_STARTS: dict[str, dict[str, tuple[str, str]]] = {}
_HOLE = "\x00"


def _link_start(entry_id: str, glossary_href: str) -> tuple[str, str]:
    """Entry ids and so anchors are slugs, which attribute escaping leaves as they are."""
    tag_with_hole = start_tag(
        "a",
        {
            "class": "term",
            "href": f"{glossary_href}#{entry_id}",
            "id": anchor_id(entry_id, _HOLE),
            "data-term": entry_id,
            "aria-describedby": f"tip-{entry_id}",
        },
    )
    before, after = tag_with_hole.split(_HOLE)
    return before, after


def mark_terms(
    page: Element,
    glossary: Glossary,
    *,
    lang: str,
    density: str,
    glossary_href: str,
    layer: TextLayer | None = None,
) -> list[Occurrence]:
    """Wrap term occurrences in links; return them in page order.

    `glossary_href` is the link to the glossary page, as seen from here; the entries are
    its anchors. `layer`, when given, is the page's TextLayer (skipping what
    `never_annotated` skips).
    """
    layer = layer or TextLayer(page)
    matcher = glossary.matcher(lang)
    # Matched first as if no text node ended inside a term, as on nearly every page; only
    # where one does is the text matched again with that veto (see TermMatcher.find).
    matches = matcher.find(layer.text)
    sections = layer.sections_within(matches)
    if sections is None:
        matches = matcher.find(layer.text, accept=layer.within_one_segment)
        sections = layer.sections_within(matches)
    matches = choose_by_density(matches, sections, layer.marked, density)
    counters: dict[str, int] = {}
    for entry_id, _ in layer.marked:
        counters[entry_id] = counters.get(entry_id, 0) + 1
    starts = _LINK_STARTS.setdefault(glossary_href, {})
    occurrences, spans = [], []
    text = layer.text
    for start, end, entry_id, _ in matches:
        number = counters[entry_id] = counters.get(entry_id, 0) + 1
        around = starts.get(entry_id)
        if around is None:
            around = starts[entry_id] = _link_start(entry_id, glossary_href)
        tag = f"{around[0]}{number}{around[1]}"
        # What tag("a", attributes) makes; its attributes are read from the tag if asked for.
        spans.append((start, end, Element("a", tag, "</a>", tag[3:-1])))  # a plain Span
        context = text[start - CONTEXT_CHARS if start > CONTEXT_CHARS else 0 : end + CONTEXT_CHARS]
        occurrences.append(_made(Occurrence, (entry_id, number, context)))
    layer.wrap(spans)
    return occurrences
