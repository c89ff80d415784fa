"""Reading the original and the translation side by side (wide screens, with script)."""

import pytest

pytestmark = pytest.mark.browser

WIDE = {"width": 1400, "height": 900}


def test_side_by_side_sets_each_original_paragraph_beside_its_translation(base_url, open_page):
    page, log = open_page(base_url + "en/alibaba-cloud-open-source/", viewport=WIDE)
    toggle = page.locator(".parallel-toggle")
    assert toggle.is_visible()
    toggle.click()
    page.wait_for_selector(".side-by-side .parallel")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.locator(".parallel").count() == 23
    first, twin = page.locator(".article-body > p").first, page.locator(".parallel").first
    assert twin.get_attribute("lang") == "zh-CN"
    assert abs(first.bounding_box()["y"] - twin.bounding_box()["y"]) < 2
    assert twin.bounding_box()["x"] > first.bounding_box()["x"] + first.bounding_box()["width"]
    assert page.locator(".parallel [id], .parallel [aria-describedby]").count() == 0
    toggle.click()
    assert not twin.is_visible()
    assert log.problems() == []


def test_side_by_side_is_not_offered_on_a_phone(base_url, open_page):
    page, _ = open_page(
        base_url + "en/alibaba-cloud-open-source/", viewport={"width": 390, "height": 844}
    )
    assert not page.locator(".parallel-toggle").is_visible()
