"""Stable ids for sections and paragraphs, so any paragraph can be cited and the TOC linked.

A paragraph's id is derived from its own text: it survives rebuilds and edits elsewhere.
"""

import hashlib
import re

from bs4 import BeautifulSoup
from pypinyin import lazy_pinyin

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


def add_ids(soup: BeautifulSoup, labels: dict) -> list[dict]:
    """Give every body paragraph an id and a permalink; return the TOC of the h2 sections."""
    taken = {tag["id"] for tag in soup.find_all(id=True)}
    toc = []
    for heading in soup.find_all("h2"):
        if not heading.has_attr("id"):
            heading["id"] = unique(heading_id(text_of(heading)), taken)
        toc.append({"id": heading["id"], "title": text_of(heading)})
    for paragraph in soup.find_all("p"):
        if paragraph.find_parent(
            lambda tag: never_annotated(tag) or tag.has_attr("data-explainer-field")
        ):
            continue
        text = text_of(paragraph)
        if not text or paragraph.has_attr("id"):
            continue
        paragraph["id"] = unique(paragraph_id(text), taken)
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
    return toc
