"""Markdown from data files, rendered then cleaned with an allowlist: data never injects markup."""

import re

import markdown
import nh3

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "br", "blockquote", "q", "cite"}
ALLOWED_ATTRIBUTES = {"a": {"href", "hreflang"}}


# One converter, reset between uses: building one costs more than converting a short note.
_MARKDOWN = markdown.Markdown(output_format="html")

# A note is nearly always one line of text whose only markup is **strong**, and converting it
# cost Python-Markdown a tenth of all annotating (about 0.1 ms a note, nearly all of it its
# pipeline): what it makes of such a line is written here. Such a line starts no block (no
# heading, list, quote, code, rule, reference, HTML) and holds nothing inline syntax reads
# (escapes, code, links, images, HTML, entities, underscores, lone asterisks). A property test
# holds this to Python-Markdown's own output; anything else goes through it.
_NOT_INLINE = r"\\`<>&\[\]!_*\x00-\x1f"  # and the asterisks, taken only in pairs
_BLOCK_START = re.compile(r"[#>+\-=_~`|:\[<\\\s]|\d+\.\s|\*(?!\*[^*\s])")
_STRONG_PAIR = rf"\*\*[^{_NOT_INLINE}\s](?:[^{_NOT_INLINE}]*[^{_NOT_INLINE}\s])?\*\*"
_PLAIN_LINE = re.compile(rf"(?:[^{_NOT_INLINE}]|{_STRONG_PAIR})*")
_STRONG = re.compile(r"\*\*(.+?)\*\*")


def plain_paragraph(source: str) -> str | None:
    """Python-Markdown's HTML for `source` where it is such a line, else None."""
    line = source.removesuffix("\n")
    if not line or line[-1].isspace() or _BLOCK_START.match(line):
        return None
    if not _PLAIN_LINE.fullmatch(line):
        return None
    return "<p>" + _STRONG.sub(r"<strong>\1</strong>", line) + "</p>"


def render_markdown(source: str) -> str:
    html = plain_paragraph(source) or _MARKDOWN.reset().convert(source)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


def render_inline_markdown(source: str) -> str:
    """The same as phrasing content (paragraphs become line breaks), to sit inside a <p>."""
    plain = plain_paragraph(source)
    if plain is None:
        html = render_markdown(source).strip()
        html = html.replace("</p>\n<p>", "<br><br>").replace("</p><p>", "<br><br>")
    else:  # one paragraph: cleaned once, below, as what is left of any HTML
        html = plain
    html = html.removeprefix("<p>").removesuffix("</p>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS - {"p", "ul", "ol", "li", "blockquote"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
