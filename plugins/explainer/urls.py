"""Links between generated pages that work at `/`, under a sub-path and with an absolute SITEURL."""

import posixpath
from functools import lru_cache


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
