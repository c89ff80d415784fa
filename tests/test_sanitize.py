"""Markdown from data files: the plain-paragraph shortcut says what Python-Markdown says."""

from pathlib import Path

import nh3
import pytest
import yaml
from explainer.sanitize import (
    _MARKDOWN,
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    plain_paragraph,
    render_inline_markdown,
    render_markdown,
)
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent

# Pieces of notes, ordinary and not: every character inline or block syntax reads, and pairs
# of asterisks in the places Markdown treats differently.
PIECES = [
    *"阿里云通义 ab1.2-#>+=_~`|:[]<>\\&!*\n\t()/\"'＊\u3000\x02",
    *["**", "**强调**", "***", "****", "**a**b**", "*a*", " **x** ", "** x**", "**x **"],
    *["_强调_", " _a_ ", "__b__", "`c`"],
    *["  ", "1. ", "2024年", "* ", "- ", "+ ", "> ", "# ", "[a]: http://x", "&amp;", "<b>"],
]
# Each starts a block or reads as inline syntax: the shortcut must refuse it or agree.
TRICKY = ["_a_", "+ a", "- a", "* a", "1. a", "> a", "`a`", "a  ", "    a", "***", "*a*", "a\\*"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10))
def test_a_plain_paragraph_is_what_python_markdown_makes_of_it(pieces):
    check_against_python_markdown("".join(pieces))


@pytest.mark.parametrize("source", TRICKY)
def test_what_starts_a_block_or_reads_as_syntax_is_refused_or_agreed(source):
    check_against_python_markdown(source)


def check_against_python_markdown(source: str) -> None:
    shortcut = plain_paragraph(source)
    if shortcut is not None:
        assert shortcut == _MARKDOWN.reset().convert(source)
        # Cleaned once, as inline notes are, it is what cleaning twice made of it.
        assert render_inline_markdown(source) == clean_inline(render_markdown(source))


def clean_inline(html: str) -> str:
    """render_inline_markdown's way from cleaned block HTML, as it was for every note."""
    html = html.strip().replace("</p>\n<p>", "<br><br>").replace("</p><p>", "<br><br>")
    return nh3.clean(
        html.removeprefix("<p>").removesuffix("</p>"),
        tags=ALLOWED_TAGS - {"p", "ul", "ol", "li", "blockquote"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


def test_the_project_notes_take_the_shortcut_and_render_as_before():
    bodies = [
        body
        for path in sorted((ROOT / "content" / "notes").glob("*.yaml"))
        for note in yaml.safe_load(path.read_text(encoding="utf-8"))["notes"]
        for body in note["body"].values()
    ]
    assert bodies and all(plain_paragraph(body) is not None for body in bodies)
    rendered = render_inline_markdown("带**强调**的（注释）。\n")
    assert rendered == "带<strong>强调</strong>的（注释）。"


def test_anything_else_goes_through_python_markdown():
    for source in ["- 列表", "1. 一", "# 标题", "a\nb", "`code`", "[链接](https://example.com)"]:
        assert plain_paragraph(source) is None
    assert render_inline_markdown("[链接](https://example.com)") == (
        '<a href="https://example.com" rel="noopener">链接</a>'
    )
