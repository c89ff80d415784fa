"""The article opens cleanly in a real browser at phone and desktop sizes."""

import pytest

from tests.support.browser import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_article_opens_without_errors(base_url, open_page, viewport):
    page, log = open_page(f"{base_url}alibaba-cloud-open-source/", viewport=viewport)
    assert page.locator("h1").inner_text().startswith("从云端往低处去的阿里云")
    assert log.problems() == []


def test_no_horizontal_scroll_on_a_phone(base_url, open_page):
    for path in ["", "alibaba-cloud-open-source/", "en/alibaba-cloud-open-source/", "404.html"]:
        page, _ = open_page(f"{base_url}{path}", viewport=PHONE)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"/{path} scrolls sideways by {overflow}px at 390px"


def test_narrowest_phone_has_no_horizontal_scroll(base_url, open_page):
    page, _ = open_page(
        f"{base_url}alibaba-cloud-open-source/", viewport={"width": 320, "height": 640}
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
