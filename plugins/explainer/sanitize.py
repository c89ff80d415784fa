"""Markdown from data files, rendered then cleaned with an allowlist: data never injects markup."""

import markdown
import nh3

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "br", "blockquote", "q", "cite"}
ALLOWED_ATTRIBUTES = {"a": {"href", "hreflang"}}


# One converter, reset between uses: building one costs more than converting a short note.
_MARKDOWN = markdown.Markdown(output_format="html")


def render_markdown(source: str) -> str:
    html = _MARKDOWN.reset().convert(source)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


def render_inline_markdown(source: str) -> str:
    """The same as phrasing content (paragraphs become line breaks), to sit inside a <p>."""
    html = render_markdown(source).strip()
    html = html.replace("</p>\n<p>", "<br><br>").replace("</p><p>", "<br><br>")
    html = html.removeprefix("<p>").removesuffix("</p>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS - {"p", "ul", "ol", "li", "blockquote"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
