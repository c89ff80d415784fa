"""A page's eligible text flattened into one string, with the way back to the tree.

Term matching, quote anchoring and date detection all search the same string, so offsets agree
between layers; results are applied back to the tree by wrapping text in new elements.
"""

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Span:
    """A range of the layer's text to wrap in a fresh element made by `make`.

    `make()` returns the element, or (outer, inner) to put the text inside a nested element.
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

    def section_of(self, offset: int) -> int:
        return self.segment_at(offset).section

    def apply(self, spans: Iterable[Span]) -> list[list[Element]]:
        """Wrap each span's text; spans must not overlap. Returns the new elements per span.

        A span that crosses markup is wrapped piece by piece, one element per text node, as
        Hypothesis highlights do, so no element is ever split or illegally nested.
        """
        spans = list(spans)
        made: list[list[Element]] = [[] for _ in spans]
        order = sorted(range(len(spans)), key=lambda i: spans[i].start, reverse=True)
        for index in order:
            span = spans[index]
            first = bisect_right(self._starts, span.start) - 1
            last = bisect_right(self._starts, span.end - 1) - 1
            for segment in reversed(self.segments[max(first, 0) : last + 1]):
                low, high = max(span.start, segment.start), min(span.end, segment.end)
                if low < high and segment.node is not None:
                    made[index].insert(0, self._wrap(segment, low, high, span.make))
        return made

    def insert_at(self, offset: int, element: Element) -> None:
        """Insert `element` just after the character before `offset`, never inside a link.

        Call in descending offset order when inserting several times into one layer.
        """
        segment = self.segment_at(offset - 1)
        text, cut = segment.node.text, offset - segment.start
        link = segment.node.find_parent("a")
        if link is None and cut < len(text):
            head = Text(text[:cut])
            segment.node.replace_with(head, element, Text(text[cut:]))
            segment.node, segment.end = head, offset
            return
        anchor = link or segment.node
        while anchor.parent is not None and anchor.parent.name == "a":
            anchor = anchor.parent
        anchor.insert_after(element)

    @staticmethod
    def _wrap(segment: Segment, low: int, high: int, make: Callable[[], Element]) -> Element:
        text = segment.node.text
        head, middle, tail = (
            text[: low - segment.start],
            text[low - segment.start : high - segment.start],
            text[high - segment.start :],
        )
        made = make()
        wrapper, inner = made if isinstance(made, tuple) else (made, made)
        inner.append(Text(middle))
        pieces = [Text(head)] if head else []
        pieces.append(wrapper)
        if tail:
            pieces.append(Text(tail))
        segment.node.replace_with(*pieces)
        segment.node = pieces[0] if head else None
        segment.end = segment.start + len(head)
        return wrapper
