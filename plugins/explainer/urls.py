"""Links between generated pages that work at `/`, under a sub-path and with an absolute SITEURL."""

import posixpath


def href(from_url: str, to_url: str, settings: dict) -> str:
    """The link from the page at `from_url` to `to_url` (both site-relative, as Pelican's urls)."""
    if not settings.get("RELATIVE_URLS"):
        return f"{settings.get('SITEURL', '')}/{to_url}"
    target, _, fragment = to_url.partition("#")
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath("/" + target, "/" + base) if target else ""
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    if relative in ("./", ""):
        relative = "./" if target or not fragment else ""
    return relative + (f"#{fragment}" if fragment else "")
