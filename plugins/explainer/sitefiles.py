"""Files for crawlers and hosts, written only for a deployed build (an absolute SITEURL):
sitemap.xml (with hreflang alternates), robots.txt, and CNAME for a custom GitHub Pages domain.
"""

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .settings import html_lang


def absolute(settings: dict) -> bool:
    return str(settings.get("SITEURL", "")).startswith(("http://", "https://"))


def sitemap(siteurl: str, groups: list[list[tuple[str, str]]]) -> str:
    """`groups`: each a list of (lang, site-relative url) versions of one page."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for versions in groups:
        for _, url in versions:
            lines.append(f"  <url><loc>{escape(f'{siteurl}/{url}')}</loc>")
            if len(versions) > 1:
                for other_lang, other_url in versions:
                    lines.append(
                        f'    <xhtml:link rel="alternate" hreflang="{html_lang(other_lang)}"'
                        f" href={quoteattr(f'{siteurl}/{other_url}')}/>"
                    )
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_site_files(output: Path, settings: dict, groups: list[list[tuple[str, str]]]) -> None:
    if not absolute(settings):
        return
    siteurl = settings["SITEURL"]
    (output / "sitemap.xml").write_text(sitemap(siteurl, groups), encoding="utf-8")
    (output / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/sitemap.xml\n", encoding="utf-8"
    )
    cname = settings.get("GITHUB_PAGES_CNAME", "")
    if cname:
        (output / "CNAME").write_text(cname.strip() + "\n", encoding="utf-8")
