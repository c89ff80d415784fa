"""Links between generated pages that work at `/`, under a sub-path and with an absolute SITEURL."""

import posixpath
import string
from functools import lru_cache

from pelican.contents import Article


def href(from_url: str, to_url: str, settings: dict) -> str:
    """The link from the page at `from_url` to `to_url` (both site-relative, as Pelican's urls)."""
    if not settings.get("RELATIVE_URLS"):
        return f"{settings.get('SITEURL', '')}/{to_url}"
    target, _, fragment = to_url.partition("#")
    relative = _relative(from_url, target) if target else ""
    if relative in ("./", ""):
        relative = "./" if target or not fragment else ""
    return relative + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=4096)
def _relative(from_url: str, target: str) -> str:
    """Cached: the glossary page alone links to every occurrence of every term in every article."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative


def article_url(article) -> str:
    """Pelican's `url` of an article, made from its slug and language alone where its url
    setting names nothing else (this site's do), as Pelican 4.12 makes it then (tests hold the
    two alike): Pelican's own looks at every metadata field first, 15-20 us, which offering an
    article to the background process and checking what came back each spent at every
    article. Pelican's own for anything else (a subclass, a draft, an overridden url), and an
    offered copy's own."""
    if type(article) is not Article or article.status == "draft":
        return article.url
    settings = article.settings
    in_default_lang = article.lang == settings["DEFAULT_LANG"]
    pattern = str(settings["ARTICLE_URL" if in_default_lang else "ARTICLE_LANG_URL"])
    if hasattr(article, "override_url") or not _names_slug_and_lang_only(pattern):
        return article.url
    return pattern.format(slug=getattr(article, "slug", ""), lang=article.lang)


@lru_cache(maxsize=16)
def _names_slug_and_lang_only(pattern: str) -> bool:
    fields = {field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None}
    return fields <= {"slug", "lang"}
