"""The relative-date layer: "今年", "去年", "近日", "22个月" … get their absolute date in a tooltip.

Expressions are found by `reldates` in the page's text and resolved against the article's
publication date; each becomes a focusable <time> (or, where the timeline has the event it
names, a link to that event) described by a tooltip, like glossary terms.
"""

from functools import partial
from typing import NamedTuple

from .anchors import AnchorError, anchor
from .fragment import Element, escape_attribute
from .notes import passes_into_terms
from .partial_dates import PartialDate
from .reldates import DateExpression, find_date_expressions
from .textlayer import TextLayer

_made = tuple.__new__  # a DateTip without its constructor's Python call


class DateTip(NamedTuple):
    """A tuple: a page has a dozen. Annotations carry them as plain tuples, pickled to the
    build and back: a named tuple pickles and unpickles through a Python call each."""

    id: str
    text: str
    label: str
    datetime: str
    event_id: str | None
    event_title: str | None


def linked_event(expression: DateExpression, block: int, timeline, lang: str, blocks: dict):
    """The timeline event an expression refers to, if any.

    "2023年的云栖大会" names its event (an era whose title holds the subject, in that year);
    otherwise an event anchored in the same paragraph whose date falls in the expression's range.
    """
    if timeline is None:
        return None
    short = lang[:2]
    if expression.subject:
        for era in timeline.eras.values():
            if expression.subject in era.title[short] and era.start.year == expression.date.year:
                return era
    here = blocks.get(block)
    if not here:  # as for most expressions
        return None
    low = expression.date.first_day()
    high = (expression.until or expression.date).last_day()
    candidates = [
        event for event in here if low <= event.date.first_day() and event.date.last_day() <= high
    ]
    return candidates[0] if candidates else None  # the earliest, in timeline order


def events_by_block(layer: TextLayer, events: list, lang: str) -> dict:
    blocks: dict[int, list] = {}
    for event in events:
        quote = event.quotes.get(lang[:2])
        try:
            start, _ = anchor(layer.text, quote)
        except (AnchorError, TypeError):
            continue
        blocks.setdefault(layer.segment_at(start).block, []).append(event)
    return blocks


def visible_span(expression: DateExpression) -> tuple[int, int]:
    """Only the temporal words: "今年的云栖大会" marks 今年; the event name keeps its term link."""
    end = expression.end
    if expression.subject:
        cut = expression.text.rfind(expression.subject)
        if cut > 0:
            end = expression.start + len(
                expression.text[:cut]
                .rstrip()
                .removesuffix("的")
                .removesuffix("’s")
                .removesuffix("'s")
                .rstrip()
            )
    return expression.start, end


def mark_dates(
    page: Element,
    *,
    published: PartialDate,
    lang: str,
    timeline,
    events_here: list,
    event_href,
    layer: TextLayer | None = None,
) -> list[DateTip]:
    """Mark date expressions; `layer`, when given, is the page's as `passes_into_terms` sees it."""
    layer = layer or TextLayer(page, skip=passes_into_terms)
    blocks = events_by_block(layer, events_here, lang)
    tips, spans = [], []
    for expression in find_date_expressions(layer.text, published, lang[:2]):
        start, end = visible_span(expression)
        segment = layer.segment_at(start)
        if end <= start or not (segment.start <= start and end <= segment.end):
            continue  # empty, or not within one text node
        if segment.node.find_parent("a") is not None:
            continue  # never inside a link
        event = linked_event(expression, segment.block, timeline, lang, blocks)
        tip = _made(
            DateTip,
            (
                f"tip-date-{len(tips) + 1}",
                layer.text[start:end],
                expression.label[lang[:2]],
                expression.date.iso,
                event.id if event else None,
                event.title[lang[:2]] if event else None,
            ),
        )
        tips.append(tip)
        spans.append((start, end, _maker(tip, event_href)))  # a plain Span
    layer.wrap(spans)
    return tips


def _maker(tip: DateTip, event_href):
    """What `tag` would make of the date's attributes, written out: the values are an ISO date,
    a tip id and an escaped link, and a page has a dozen of these."""
    common = f'class="reldate" data-tip aria-describedby="{tip.id}"'
    if tip.event_id:
        link = f'<a {common} href="{escape_attribute(event_href(tip.event_id))}">'
        time_tag = f'<time datetime="{tip.datetime}">'

        def make_link():
            time = Element("time", time_tag, "</time>", time_tag[6:-1])
            outer = Element("a", link, "</a>", link[3:-1])
            outer.append(time)
            return outer, time

        return make_link
    time_tag = f'<time datetime="{tip.datetime}" {common} tabindex="0">'
    return partial(Element, "time", time_tag, "</time>", time_tag[6:-1])
