"""A page's eligible text flattened into one string, with the way back to the tree.

Term matching, quote anchoring and date detection all search the same string, so offsets agree
between layers; results are applied back to the tree by wrapping text in new elements.
"""

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .fragment import Element, Text

BLOCK_SEPARATOR = "\u2029"  # between blocks, so no match can run from one into the next
BLOCKS = frozenset(
    "p li dd dt td th blockquote figcaption caption div section article aside header footer "
    "h1 h2 h3 h4 h5 h6 pre ul ol dl table figure details summary".split()
)
SECTION_HEADINGS = frozenset({"h2"})
NEVER_TEXT = frozenset(
    "a h1 h2 h3 h4 h5 h6 code pre kbd samp script style template nav button textarea select "
    "option svg math summary".split()
)


def never_annotated(tag: Element) -> bool:
    """Headings, links, code, navigation, added UI and existing annotations are left alone."""
    return (
        tag.name in NEVER_TEXT
        or tag.has_attr("data-ui")
        or tag.has_attr("data-term")
        or "toc" in tag.classes
    )


@dataclass(slots=True)
class Segment:
    node: Text | None
    start: int
    end: int
    block: int
    section: int


class Span(NamedTuple):
    """A range of the layer's text to wrap in a fresh element made by `make`.

    `make()` returns the element, or (outer, inner) to put the text inside a nested element.
    A tuple: a page has a hundred. Any (start, end, make) tuple will do, and the term layer,
    which makes most of them, makes plain ones: a named tuple is made through a Python call.
    For a span inside one text node, `make` may be the element itself (a call less each).
    """

    start: int
    end: int
    make: Callable[[], Element | tuple[Element, Element]]


class TextLayer:
    def __init__(self, root: Element, skip: Callable[[Element], bool] = never_annotated):
        self.segments: list[Segment] = []
        self.marked: list[tuple[str, int]] = []  # (entry id, section) of existing term marks
        parts: list[str] = []
        self._offset, self._section, self._blocks = 0, 0, 0
        self._collect(root, skip, parts, block=0)
        self.text = "".join(parts)
        self._starts = [segment.start for segment in self.segments]

    def _collect(self, node: Element, skip, parts: list[str], block: int) -> None:
        for child in node.children:
            kind = child.__class__
            if kind is Text:
                text = child.text
                if not text:
                    continue
                if self.segments and self.segments[-1].block != block:
                    parts.append(BLOCK_SEPARATOR)
                    self._offset += 1
                self.segments.append(
                    Segment(child, self._offset, self._offset + len(text), block, self._section)
                )
                parts.append(text)
                self._offset += len(text)
            elif kind is Element:
                if child.name in SECTION_HEADINGS:
                    self._section += 1
                if skip(child):
                    if child.has_attr("data-term"):
                        self.marked.append((child["data-term"], self._section))
                    continue
                child_block = block
                if child.name in BLOCKS:
                    self._blocks += 1
                    child_block = self._blocks
                self._collect(child, skip, parts, child_block)

    def segment_at(self, offset: int) -> Segment:
        return self.segments[bisect_right(self._starts, offset) - 1]

    def within_one_segment(self, start: int, end: int) -> bool:
        segment = self.segment_at(start)
        return segment.start <= start and end <= segment.end

    def sections_within(self, spans) -> list[int] | None:
        """The section of each (start, end, ...) span, given in text order, or None if one
        runs from one text node into another: a walk along the segments, not a search each."""
        segments, starts = self.segments, self._starts
        last, position, sections = len(starts) - 1, 0, []
        for span in spans:
            start, end = span[0], span[1]
            while position < last and starts[position + 1] <= start:
                position += 1
            segment = segments[position]
            if not (segment.start <= start and end <= segment.end):
                return None
            sections.append(segment.section)
        return sections

    def apply(self, spans: Iterable[Span]) -> list[list[Element]]:
        """Wrap each span's text (see `wrap`) and return the new elements, per span."""
        spans = list(spans)
        made: list[list[Element]] = [[] for _ in spans]
        self._wrap(spans, made)
        for wrappers in made:  # made from the last segment back: put them in page order
            if len(wrappers) > 1:
                wrappers.reverse()
        return made

    def wrap(self, spans: list[Span]) -> None:
        """Wrap each span's text; spans must not overlap.

        A span that crosses markup is wrapped piece by piece, one element per text node, as
        Hypothesis highlights do, so no element is ever split or illegally nested. Each text
        node is cut once, however many spans it holds.

        The layer stays in step with the tree: the wrapped text stays in it, as a layer that
        descends into the new elements (the passage layers descend into terms) would see it.
        """
        self._wrap(spans, None)

    def _wrap(self, spans: list[Span], made: list[list[Element]] | None) -> None:
        """`wrap`, adding each new element to its span's list in `made` when given (the term
        and date layers, which make most, do not need them)."""
        starts, segments = self._starts, self.segments
        cuts: dict[int, list[tuple[int, int, int]]] = {}
        for index, (start, end, _) in enumerate(spans):
            first = bisect_right(starts, start) - 1
            if first < 0:  # not max(): a call each
                first = 0
            segment = segments[first]
            if segment.start <= start and end <= segment.end:  # in one text node, as most are
                if start < end:
                    cuts.setdefault(first, []).append((start, end, index))
                continue
            if spans[index][2].__class__ is Element:
                raise ValueError(f"one element cannot wrap {start}-{end}, across text nodes")
            for position in range(first, bisect_right(starts, end - 1)):
                segment = segments[position]
                low, high = max(start, segment.start), min(end, segment.end)
                if low < high:
                    cuts.setdefault(position, []).append((low, high, index))
        # From the last cut segment back, so each splice leaves the positions still to come.
        for position in sorted(cuts, reverse=True):
            segment = segments[position]
            node = segment.node
            text, base, block, section = node.text, segment.start, segment.block, segment.section
            pieces: list = []
            replacements: list[Segment] = []
            replaced_starts: list[int] = []  # theirs, to splice into `starts` as they go in
            cursor = base
            cut = cuts[position]
            # A text written as it reads needs no escaping, nor do its pieces (a hundred a page),
            # which are then written as they are.
            as_written = (
                node.raw is text and "&" not in text and "<" not in text and ">" not in text
            )
            for low, high, index in cut if len(cut) == 1 else sorted(cut):
                if low > cursor:
                    written = text[cursor - base : low - base]
                    head = Text(written, written if as_written else None)
                    pieces.append(head)
                    replacements.append(Segment(head, cursor, low, block, section))
                    replaced_starts.append(cursor)
                wrapper = spans[index][2]
                if wrapper.__class__ is not Element:
                    wrapper = wrapper()  # make()
                wrapper, inner = wrapper if wrapper.__class__ is tuple else (wrapper, wrapper)
                written = text[low - base : high - base]
                middle = Text(written, written if as_written else None)
                middle.parent = inner
                inner.children.append(middle)
                pieces.append(wrapper)
                replacements.append(Segment(middle, low, high, block, section))
                replaced_starts.append(low)
                if made is not None:
                    made[index].append(wrapper)
                cursor = high
            if cursor < segment.end:
                written = text[cursor - base :]
                tail = Text(written, written if as_written else None)
                pieces.append(tail)
                replacements.append(Segment(tail, cursor, segment.end, block, section))
                replaced_starts.append(cursor)
            node.replace_with_made(pieces)
            segments[position : position + 1] = replacements
            starts[position : position + 1] = replaced_starts  # not made anew: 600 a page

    def insert_at(self, offset: int, element: Element) -> None:
        """Insert `element` just after the character before `offset`, never inside a link."""
        position = bisect_right(self._starts, offset - 1) - 1
        segment = self.segments[position]
        text, cut = segment.node.text, offset - segment.start
        link = segment.node.find_parent("a")
        if link is None and cut < len(text):
            head, tail = Text(text[:cut]), Text(text[cut:])
            segment.node.replace_with(head, element, tail)
            self.segments[position : position + 1] = [
                Segment(head, segment.start, offset, segment.block, segment.section),
                Segment(tail, offset, segment.end, segment.block, segment.section),
            ]
            self._starts.insert(position + 1, offset)
            return
        anchor = link or segment.node
        while anchor.parent is not None and anchor.parent.name == "a":
            anchor = anchor.parent
        anchor.insert_after(element)
