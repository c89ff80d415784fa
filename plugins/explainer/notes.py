"""The annotation layer: notes anchored to quotes, shown as numbered sidenotes.

Markup (inside the paragraph, so the note sits beside its passage on wide screens):
the passage in <mark>s, then a number that is a label for a real (visually hidden, focusable)
checkbox, then the note. On narrow screens the checkbox opens the note inline: a keyboard and
touch toggle that needs no script, unlike Tufte CSS's display:none one.
"""

from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from .anchors import AnchorError, Quote, anchor
from .data import load_yaml, validate
from .errors import DataError
from .sanitize import render_inline_markdown
from .textlayer import Span, TextLayer, never_annotated


@dataclass
class Note:
    id: str
    type: str
    quotes: dict  # lang ("zh"/"en") -> Quote
    body: dict
    line: int
    sources: list = field(default_factory=list)
    number: int = 0

    def body_html(self, lang: str) -> str:
        return render_inline_markdown(self.body[lang])


@dataclass
class ArticleNotes:
    path: Path
    article: str
    notes: list[Note]
    key_points: dict
    line: int

    @classmethod
    def load(cls, path: Path) -> "ArticleNotes":
        document = load_yaml(path)
        validate(document, "notes", path)
        notes, seen = [], {}
        for raw in document["notes"]:
            if raw["id"] in seen:
                raise DataError(
                    path,
                    f"duplicate note id (first on line {seen[raw['id']]})",
                    line=raw.line,
                    entry=raw["id"],
                )
            seen[raw["id"]] = raw.line
            quotes = {"zh": Quote.from_data(raw["quote"])}
            if "quote_en" in raw:
                quotes["en"] = Quote.from_data(raw["quote_en"])
            notes.append(
                Note(raw["id"], raw["type"], quotes, raw["body"], raw.line, raw.get("sources", []))
            )
        return cls(path, document["article"], notes, document.get("key_points", {}), document.line)


def load_all(folder: Path) -> dict[str, ArticleNotes]:
    """Every notes file of the folder, by article slug."""
    by_article: dict[str, ArticleNotes] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        notes = ArticleNotes.load(path)
        if notes.article in by_article:
            raise DataError(
                path,
                f"a second notes file for article {notes.article!r} "
                f"(the first is {by_article[notes.article].path.name})",
                line=notes.line,
            )
        by_article[notes.article] = notes
    return by_article


def passes_into_terms(tag: Tag) -> bool:
    """Notes may cover glossary terms (the term keeps its link); everything else as usual."""
    return never_annotated(tag) and not tag.has_attr("data-term")


def after_links(element: Tag) -> Tag:
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


def mark_notes(soup: BeautifulSoup, notes: ArticleNotes, lang: str, labels: dict) -> list[Note]:
    """Highlight each passage and add its numbered sidenote; returns the notes in page order."""
    layer = TextLayer(soup, skip=passes_into_terms)
    placed = anchor_notes(layer, notes, lang)

    def make_mark(note_id):
        return lambda: soup.new_tag("mark", attrs={"class": "annotated", "data-note": note_id})

    marks = layer.apply(Span(start, end, make_mark(note.id)) for note, start, end in placed)
    ordered = []
    for number, ((note, _, _), pieces) in enumerate(zip(placed, marks, strict=True), start=1):
        note.number = number
        after_links(pieces[-1]).insert_after(*sidenote(soup, note, lang, labels))
        ordered.append(note)
    return ordered


def sidenote(soup: BeautifulSoup, note: Note, lang: str, labels: dict) -> list[Tag]:
    short = lang[:2]
    toggle_id = f"note-toggle-{note.id}"
    anchor_box = soup.new_tag("span", attrs={"class": "note-anchor", "data-ui": ""})
    anchor_box.append(
        soup.new_tag("input", attrs={"type": "checkbox", "class": "note-toggle", "id": toggle_id})
    )
    label = soup.new_tag("label", attrs={"class": "note-number", "for": toggle_id})
    hidden = soup.new_tag("span", attrs={"class": "visually-hidden"})
    hidden.string = labels["note"]
    label.append(hidden)
    label.append(str(note.number))
    anchor_box.append(label)

    aside = soup.new_tag(
        "span",
        attrs={
            "class": f"sidenote sidenote-{note.type}",
            "id": f"note-{note.id}",
            "data-ui": "",
            "role": "note",
        },
    )
    head = soup.new_tag("span", attrs={"class": "sidenote-head"})
    self_link = soup.new_tag("a", attrs={"class": "sidenote-self", "href": f"#note-{note.id}"})
    self_link.string = f"{labels['note']} {note.number}"
    head.append(self_link)
    head.append(f" · {labels['note_types'][note.type]}")
    aside.append(head)
    body = soup.new_tag("span", attrs={"class": "sidenote-body"})
    body.append(BeautifulSoup(note.body_html(short), "html.parser"))
    aside.append(body)
    if note.sources:
        sources = soup.new_tag("span", attrs={"class": "sidenote-sources"})
        sources.append(f"{labels['sources']}：")
        for index, source in enumerate(note.sources):
            if index:
                sources.append("；")
            link = soup.new_tag("a", attrs={"href": source["url"], "rel": "noopener"})
            link.string = source["title"]
            sources.append(link)
        aside.append(sources)
    return [anchor_box, aside]
