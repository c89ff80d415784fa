"""Theme promises on every page: language, landmarks, skip link, no third-party requests."""

import re

import pytest

from tests.support.site import ROOT

CSS = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")


def test_every_page_declares_its_language(site):
    for path in site.html_files():
        lang = site.soup(path.relative_to(site.root).as_posix()).html.get("lang")
        expected = "en" if path.relative_to(site.root).parts[0] == "en" else "zh-CN"
        assert lang == expected, f"{path}: <html lang={lang!r}>, expected {expected!r}"


@pytest.mark.parametrize("landmark", ["header", "main", "nav", "footer"])
def test_every_page_has_landmarks(site, landmark):
    for path in site.html_files():
        page = site.soup(path.relative_to(site.root).as_posix())
        assert page.find(landmark), f"{path} has no <{landmark}>"


def test_every_page_starts_with_a_skip_link_to_main(site):
    for path in site.html_files():
        page = site.soup(path.relative_to(site.root).as_posix())
        first_link = page.body.find("a")
        assert "skip-link" in first_link.get("class", []), f"{path}: skip link is not first"
        assert page.find(id=first_link["href"].lstrip("#")).name == "main"


def test_no_request_leaves_the_site(site):
    """Only <a href> may point elsewhere; nothing the page loads may (fonts, scripts, analytics)."""
    for path in site.html_files():
        page = site.soup(path.relative_to(site.root).as_posix())
        for tag in page.find_all(["link", "script", "img", "iframe", "source", "video", "audio"]):
            url = tag.get("src") or tag.get("href") or ""
            assert not re.match(r"^(https?:)?//", url), f"{path}: {tag.name} loads {url}"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", CSS)
    assert "@import" not in CSS and "@font-face" not in CSS


def test_css_covers_dark_mode_print_focus_and_reduced_motion():
    for needle in (
        "prefers-color-scheme: dark",
        "@media print",
        ":focus-visible",
        "prefers-reduced-motion",
        "line-break: strict",
    ):
        assert needle in CSS, f"site.css lacks {needle!r}"


def test_cjk_font_stack_uses_system_fonts_only():
    stack = re.search(r"--font-cjk:([^;]+);", CSS).group(1)
    for family in ("PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei"):
        assert family in stack


def test_404_page_is_written(site):
    page = site.soup("404.html")
    assert page.find("h1").get_text() == "找不到这个页面"
    assert page.select_one("main a[href]")
