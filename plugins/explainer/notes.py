"""The annotation layer: notes anchored to quotes, shown as numbered sidenotes.

Markup (inside the paragraph, so the note sits beside its passage on wide screens):
the passage in <mark>s, then a number that is a label for a real (visually hidden, focusable)
checkbox, then the note. On narrow screens the checkbox opens the note inline: a keyboard and
touch toggle that needs no script, unlike Tufte CSS's display:none one.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from .anchors import AnchorError, Quote, anchor
from .data import HasLine, line_at, load_checked
from .errors import DataError
from .fragment import Element, markup, tag
from .sanitize import render_inline_markdown
from .textlayer import Span, TextLayer, never_annotated


@dataclass
class Note(HasLine):
    id: str
    type: str
    quotes: dict  # lang ("zh"/"en") -> Quote
    body: dict
    where: int | tuple
    sources: list = field(default_factory=list)

    def body_html(self, lang: str) -> str:
        return render_inline_markdown(self.body[lang])


@dataclass
class ArticleNotes(HasLine):
    path: Path
    article: str
    notes: list[Note]
    key_points: dict
    where: int | tuple
    digest: str  # of the file's bytes: what annotations of its article are made from

    @classmethod
    def load(cls, path: Path) -> "ArticleNotes":
        document, digest = load_checked(path, "notes")
        notes, seen = [], {}
        for raw in document["notes"]:
            if raw["id"] in seen:
                raise DataError(
                    path,
                    f"duplicate note id (first on line {line_at(seen[raw['id']])})",
                    line=raw.line,
                    entry=raw["id"],
                )
            seen[raw["id"]] = raw.where
            quotes = {"zh": Quote.from_data(raw["quote"])}
            if "quote_en" in raw:
                quotes["en"] = Quote.from_data(raw["quote_en"])
            notes.append(
                Note(raw["id"], raw["type"], quotes, raw["body"], raw.where, raw.get("sources", []))
            )
        return cls(
            path,
            document["article"],
            notes,
            document.get("key_points", {}),
            document.where,
            digest,
        )


def notes_files(folder: Path) -> list[str]:
    """The folder's notes files, sorted; none where there is no such folder. Scanned, not
    globbed: a third of the time (6 ms at 1000 files), and both processes list them."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entry.path for entry in entries if entry.name.endswith(".yaml"))
    except (FileNotFoundError, NotADirectoryError):
        return []


def load_all(folder: Path, load=lambda path, loader: loader(path)) -> dict[str, ArticleNotes]:
    """Every notes file of the folder, by article slug. `load(path, ArticleNotes.load)` may
    take a file from a cache instead of loading it."""
    by_article: dict[str, ArticleNotes] = {}
    for path in map(Path, notes_files(folder)):
        notes = load(path, ArticleNotes.load)
        if notes.article in by_article:
            raise DataError(
                path,
                f"a second notes file for article {notes.article!r} "
                f"(the first is {by_article[notes.article].path.name})",
                line=notes.line,
            )
        by_article[notes.article] = notes
    return by_article


def passes_into_terms(element: Element) -> bool:
    """Notes may cover glossary terms (the term keeps its link); everything else as usual."""
    return never_annotated(element) and not element.has_attr("data-term")


def after_links(element: Element) -> Element:
    """The outermost link around an element, so nothing is ever inserted inside a link."""
    while element.parent is not None and element.parent.name == "a":
        element = element.parent
    return element


def anchor_notes(layer: TextLayer, notes: ArticleNotes, lang: str) -> list[tuple[Note, int, int]]:
    """Find each note's passage; orphaned and ambiguous quotes are build errors."""
    placed = []
    for note in notes.notes:
        quote = note.quotes.get(lang[:2])
        if quote is None:
            continue
        try:
            start, end = anchor(layer.text, quote)
        except AnchorError as error:
            raise DataError(notes.path, str(error), line=note.line, entry=note.id) from None
        placed.append((note, start, end))
    placed.sort(key=lambda item: item[1])
    for earlier, later in zip(placed, placed[1:], strict=False):
        if later[1] < earlier[2]:
            raise DataError(
                notes.path,
                f"its passage overlaps note {earlier[0].id!r}",
                line=later[0].line,
                entry=later[0].id,
            )
    return placed


def mark_notes(
    page: Element, notes: ArticleNotes, lang: str, labels: dict, layer: TextLayer | None = None
) -> list[Note]:
    """Highlight each passage and add its numbered sidenote; returns the notes in page order.

    `layer`, when given, is the page's TextLayer as `passes_into_terms` sees it.
    """
    layer = layer or TextLayer(page, skip=passes_into_terms)
    placed = anchor_notes(layer, notes, lang)

    def make_mark(note_id):
        return lambda: tag("mark", {"class": "annotated", "data-note": note_id})

    marks = layer.apply(Span(start, end, make_mark(note.id)) for note, start, end in placed)
    ordered = []
    for number, ((note, _, _), pieces) in enumerate(zip(placed, marks, strict=True), start=1):
        after_links(pieces[-1]).insert_after(*sidenote(note, number, lang, labels))
        ordered.append(note)
    return ordered


def sidenote(note: Note, number: int, lang: str, labels: dict) -> list[Element]:
    short = lang[:2]
    toggle_id = f"note-toggle-{note.id}"
    anchor_box = tag(
        "span",
        {"class": "note-anchor", "data-ui": ""},
        tag("input", {"type": "checkbox", "class": "note-toggle", "id": toggle_id}),
        tag(
            "label",
            {"class": "note-number", "for": toggle_id},
            tag("span", {"class": "visually-hidden"}, labels["note"]),
            str(number),
        ),
    )
    aside = tag(
        "span",
        {
            "class": f"sidenote sidenote-{note.type}",
            "id": f"note-{note.id}",
            "data-ui": "",
            "role": "note",
        },
        tag(
            "span",
            {"class": "sidenote-head"},
            tag(
                "a",
                {"class": "sidenote-self", "href": f"#note-{note.id}"},
                f"{labels['note']} {number}",
            ),
            f" · {labels['note_types'][note.type]}",
        ),
        tag("span", {"class": "sidenote-body"}, markup(note.body_html(short))),
    )
    if note.sources:
        sources = tag("span", {"class": "sidenote-sources"}, f"{labels['sources']}：")
        for index, source in enumerate(note.sources):
            if index:
                sources.append("；")
            sources.append(tag("a", {"href": source["url"], "rel": "noopener"}, source["title"]))
        aside.append(sources)
    return [anchor_box, aside]
