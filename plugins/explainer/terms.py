"""The glossary layer: link each term occurrence to its entry, with a tooltip description."""

from functools import cache, partial

from .fragment import Element, start_tag
from .glossary import Glossary, Occurrence
from .textlayer import BLOCK_SEPARATOR, Span, TextLayer

CONTEXT_CHARS = 12


def choose_by_density(matches, layer: TextLayer, density: str):
    """Keep the first occurrence of each entry per section or per article, or keep all.

    Occurrences marked by an earlier run count as first ones, so marking is idempotent.
    """
    if density == "all":
        return matches
    by_section = density == "section"
    seen = {(entry_id, section if by_section else 0) for entry_id, section in layer.marked}
    kept = []
    for match in matches:
        scope = (match.key, layer.section_of(match.start) if by_section else 0)
        if scope not in seen:
            seen.add(scope)
            kept.append(match)
    return kept


@cache
def _link_start(entry_id: str, href: str) -> tuple[str, str]:
    """A term link's start tag, split where its anchor goes (entry ids and so anchors are
    slugs, which attribute escaping leaves as they are). Made once per entry and link, not at
    each of the entry's occurrences in each article."""
    tag_with_hole = start_tag(
        "a",
        {
            "class": "term",
            "href": href,
            "id": "\x00",
            "data-term": entry_id,
            "aria-describedby": f"tip-{entry_id}",
        },
    )
    before, after = tag_with_hole.split("\x00")
    return before, after


def mark_terms(
    page: Element,
    glossary: Glossary,
    *,
    lang: str,
    density: str,
    entry_href,
    page_url: str,
    page_title: str,
    layer: TextLayer | None = None,
) -> list[Occurrence]:
    """Wrap term occurrences in links; return them in page order.

    `entry_href(entry_id)` gives the link to the entry on the glossary page, as seen from here.
    `layer`, when given, is the page's TextLayer (skipping what `never_annotated` skips).
    """
    layer = layer or TextLayer(page)
    matches = glossary.matcher(lang).find(layer.text, accept=layer.within_one_segment)
    matches = choose_by_density(matches, layer, density)
    counters: dict[str, int] = {}
    for entry_id, _ in layer.marked:
        counters[entry_id] = counters.get(entry_id, 0) + 1
    occurrences, spans = [], []
    for match in matches:
        entry_id = match.key
        counters[entry_id] = counters.get(entry_id, 0) + 1
        anchor = f"ref-{entry_id}-{counters[entry_id]}"
        link = entry_href(entry_id)
        before, after = _link_start(entry_id, link)
        attributes = {
            "class": "term",
            "href": link,
            "id": anchor,
            "data-term": entry_id,
            "aria-describedby": f"tip-{entry_id}",
        }
        # What tag("a", attributes) makes, with the start tag written once per entry.
        make = partial(Element, "a", before + anchor + after, "</a>", "", attributes)
        spans.append(Span(match.start, match.end, make))
        context = layer.text[max(0, match.start - CONTEXT_CHARS) : match.end + CONTEXT_CHARS]
        occurrences.append(
            Occurrence(
                entry_id,
                anchor,
                page_url,
                page_title,
                lang,
                " ".join(context.replace(BLOCK_SEPARATOR, " ").split()),
            )
        )
    layer.apply(spans)
    return occurrences
