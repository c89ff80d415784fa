"""Stable ids for sections and paragraphs, so any paragraph can be cited and the TOC linked.

A paragraph's id is derived from its own text: it survives rebuilds and edits elsewhere.
"""

import hashlib
import re

from .fragment import Element, parse, tag
from .settings import html_lang
from .textlayer import never_annotated


def text_of(element: Element) -> str:
    return " ".join(element.get_text().split())


def paragraph_id(text: str) -> str:
    return "p-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


# Heading ids by heading text. Making one loads pypinyin's dictionaries (0.12 s and 49 MiB), so
# the build takes those of the articles it annotates itself from the background process, which
# has them loaded (see generator.glance_at_headings).
_HEADING_IDS: dict[str, str] = {}
H2 = re.compile(r"<h2\b[^>]*>.*?</h2\s*>", re.S | re.I)


def heading_id(text: str) -> str:
    """A readable ASCII slug for a heading: pinyin for Chinese, words for Latin."""
    slug = _HEADING_IDS.get(text)
    if slug is None:
        from pypinyin import lazy_pinyin  # at the first heading: see _HEADING_IDS

        words = re.findall(r"[a-z0-9]+", " ".join(lazy_pinyin(text)).lower())
        slug = _HEADING_IDS[text] = "s-" + "-".join(words)[:60].rstrip("-")
    return slug


def heading_ids_of(html: str) -> dict[str, str]:
    """The `heading_id` of each h2 heading in `html` that has no id, by heading text."""
    ids = {}
    for match in H2.finditer(html):
        for heading in parse(match.group()).iter():
            if heading.name == "h2" and not heading.has_attr("id"):
                text = text_of(heading)
                ids[text] = heading_id(text)
    return ids


def remember_heading_ids(ids: dict[str, str]) -> None:
    """Heading ids made elsewhere (by `heading_ids_of`), so they need not be made here."""
    _HEADING_IDS.update(ids)


def unique(candidate: str, taken: set[str]) -> str:
    chosen, counter = candidate, 1
    while chosen in taken:
        counter += 1
        chosen = f"{candidate}-{counter}"
    taken.add(chosen)
    return chosen


def _excluded(element: Element) -> bool:
    return never_annotated(element) or element.has_attr("data-explainer-field")


def body_paragraphs(page: Element):
    """The article's own paragraphs, with their text: not those of added UI or of header
    fields, nor empty ones."""
    for paragraph in page.iter():
        if paragraph.name != "p":
            continue
        ancestor = paragraph.parent
        while ancestor is not None and ancestor.name is not None and not _excluded(ancestor):
            ancestor = ancestor.parent
        if ancestor is not None and ancestor.name is not None:
            continue
        if text := text_of(paragraph):
            yield paragraph, text


def paragraph_ids(html: str) -> list[str]:
    """The ids `add_ids` gives (or gave) the paragraphs of a document, in order."""
    page = parse(html)
    taken: set[str] = set()
    return [
        paragraph.get("id") or unique(paragraph_id(text), taken)
        for paragraph, text in body_paragraphs(page)
    ]


def add_ids(page: Element, labels: dict, counterparts=()) -> list[dict]:
    """Give every body paragraph an id and a permalink; return the TOC of the h2 sections.

    `counterparts` are (lang, href of the page, paragraph ids) of translations: paragraph i
    links to paragraph i of each, when the two have as many paragraphs.
    """
    elements = list(page.iter())
    taken = {element["id"] for element in elements if element.has_attr("id")}
    toc = []
    for heading in elements:
        if heading.name != "h2":
            continue
        if not heading.has_attr("id"):
            heading["id"] = unique(heading_id(text_of(heading)), taken)
        toc.append({"id": heading["id"], "title": text_of(heading)})
    paragraphs = list(body_paragraphs(page))
    aligned = [c for c in counterparts if len(c[2]) == len(paragraphs)]
    for index, (paragraph, text) in enumerate(paragraphs):
        if paragraph.has_attr("id"):
            continue
        paragraph["id"] = own_id = unique(paragraph_id(text), taken)
        paragraph.append(
            tag(
                "a",
                {
                    "class": "para-link",
                    "href": f"#{own_id}",
                    "data-ui": "",
                    "aria-label": labels["paragraph_link"],
                },
                "¶",
            )
        )
        for lang, page_href, ids in aligned:
            paragraph.append(
                tag(
                    "a",
                    {
                        "class": "para-align",
                        "href": f"{page_href}#{ids[index]}",
                        "hreflang": html_lang(lang),
                        "lang": html_lang(lang),
                        "data-ui": "",
                        "aria-label": labels["counterpart"],
                    },
                    labels["counterpart_short"],
                )
            )
    return toc
