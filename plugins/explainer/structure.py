"""Stable ids for sections and paragraphs, so any paragraph can be cited and the TOC linked.

A paragraph's id is derived from its own text: it survives rebuilds and edits elsewhere.
"""

import hashlib
import re

from bs4 import BeautifulSoup
from pypinyin import lazy_pinyin

from .settings import html_lang
from .textlayer import never_annotated


def text_of(element) -> str:
    return " ".join(element.get_text().split())


def paragraph_id(text: str) -> str:
    return "p-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def heading_id(text: str) -> str:
    """A readable ASCII slug for a heading: pinyin for Chinese, words for Latin."""
    words = re.findall(r"[a-z0-9]+", " ".join(lazy_pinyin(text)).lower())
    return "s-" + "-".join(words)[:60].rstrip("-")


def unique(candidate: str, taken: set[str]) -> str:
    chosen, counter = candidate, 1
    while chosen in taken:
        counter += 1
        chosen = f"{candidate}-{counter}"
    taken.add(chosen)
    return chosen


def body_paragraphs(soup: BeautifulSoup):
    """The article's own paragraphs: not those of added UI or of header fields."""
    for paragraph in soup.find_all("p"):
        if paragraph.find_parent(
            lambda tag: never_annotated(tag) or tag.has_attr("data-explainer-field")
        ):
            continue
        if text_of(paragraph):
            yield paragraph


def paragraph_ids(html: str) -> list[str]:
    """The ids `add_ids` gives (or gave) the paragraphs of a document, in order."""
    soup = BeautifulSoup(html, "html.parser")
    taken: set[str] = set()
    return [
        paragraph.get("id") or unique(paragraph_id(text_of(paragraph)), taken)
        for paragraph in body_paragraphs(soup)
    ]


def add_ids(soup: BeautifulSoup, labels: dict, counterparts=()) -> list[dict]:
    """Give every body paragraph an id and a permalink; return the TOC of the h2 sections.

    `counterparts` are (lang, href of the page, paragraph ids) of translations: paragraph i
    links to paragraph i of each, when the two have as many paragraphs.
    """
    taken = {tag["id"] for tag in soup.find_all(id=True)}
    toc = []
    for heading in soup.find_all("h2"):
        if not heading.has_attr("id"):
            heading["id"] = unique(heading_id(text_of(heading)), taken)
        toc.append({"id": heading["id"], "title": text_of(heading)})
    paragraphs = list(body_paragraphs(soup))
    aligned = [c for c in counterparts if len(c[2]) == len(paragraphs)]
    for index, paragraph in enumerate(paragraphs):
        if paragraph.has_attr("id"):
            continue
        paragraph["id"] = unique(paragraph_id(text_of(paragraph)), taken)
        link = soup.new_tag(
            "a",
            attrs={
                "class": "para-link",
                "href": f"#{paragraph['id']}",
                "data-ui": "",
                "aria-label": labels["paragraph_link"],
            },
        )
        link.string = "¶"
        paragraph.append(link)
        for lang, page, ids in aligned:
            other = soup.new_tag(
                "a",
                attrs={
                    "class": "para-align",
                    "href": f"{page}#{ids[index]}",
                    "hreflang": html_lang(lang),
                    "lang": html_lang(lang),
                    "data-ui": "",
                    "aria-label": labels["counterpart"],
                },
            )
            other.string = labels["counterpart_short"]
            paragraph.append(other)
    return toc
