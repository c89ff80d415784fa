"""The timeline in a real browser: filters without script, links both ways, date tooltips."""

import pytest

from tests.support.browser import DESKTOP, PHONE

pytestmark = pytest.mark.browser

ARTICLE = "alibaba-cloud-open-source/"


def visible_ids(page, selector):
    return page.eval_on_selector_all(
        selector, "els => els.filter(e => e.getClientRects().length).map(e => e.id)"
    )


@pytest.mark.parametrize("java_script", [True, False], ids=["js", "no-js"])
def test_category_filters_work_without_javascript(base_url, open_page, java_script):
    page, log = open_page(base_url + "timeline/", viewport=PHONE, java_script=java_script)
    everything = visible_ids(page, "li.event")
    page.click("label[for=category-models]")
    models = visible_ids(page, "li.event")
    assert 0 < len(models) < len(everything)
    categories = page.eval_on_selector_all(
        "li.event", "els => els.filter(e => e.getClientRects().length).map(e => e.dataset.category)"
    )
    assert set(categories) == {"models"}
    assert (
        "yunqi-2023" not in visible_ids(page, "li.era")
        or page.locator("#yunqi-2023 li.event[data-category=models]").count()
    )
    page.click("label[for=category-all]")
    assert visible_ids(page, "li.event") == everything
    assert log.problems() == []


def test_filters_are_keyboard_operable(base_url, open_page):
    page, _ = open_page(base_url + "timeline/", viewport=DESKTOP)
    page.focus("#category-all")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "category-yunqi"
    assert set(
        page.eval_on_selector_all(
            "li.event",
            "els => els.filter(e => e.getClientRects().length).map(e => e.dataset.category)",
        )
    ) == {"yunqi"}


def test_article_marker_leads_to_its_event_and_back(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE)
    marker = page.locator("a.event-marker").first
    marker_id = marker.get_attribute("id")
    event_id = marker.get_attribute("href").split("#")[1]
    marker.click()
    page.wait_for_url(f"**/timeline/#{event_id}")
    event = page.locator(f"#{event_id}")
    assert event.is_visible() and 0 <= event.bounding_box()["y"] < PHONE["height"]
    event.locator("a.event-read").click()
    page.wait_for_url(f"**/{ARTICLE}#{marker_id}")
    assert page.locator(f"#{marker_id}").is_visible()


def test_relative_date_tooltip_opens_on_focus_and_shows_the_absolute_date(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP)
    date = page.locator(".reldate", has_text="今年6月")
    date.focus()
    tip = "#" + date.get_attribute("aria-describedby")
    assert page.eval_on_selector(tip, "el => el.matches(':popover-open')")
    assert "2024年6月" in page.inner_text(tip)
    page.keyboard.press("Escape")
    assert not page.eval_on_selector(tip, "el => el.matches(':popover-open')")


def test_relative_date_tooltip_opens_on_tap(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE, has_touch=True, is_mobile=True)
    date = page.locator("time.reldate[tabindex='0']").first
    date.tap()
    tip = "#" + date.get_attribute("aria-describedby")
    assert page.eval_on_selector(tip, "el => el.matches(':popover-open')")


def test_linked_relative_date_first_tap_opens_then_leads_to_the_event(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE, has_touch=True, is_mobile=True)
    date = page.locator("a.reldate").first
    event_id = date.get_attribute("href").split("#")[1]
    date.tap()
    assert page.url.endswith(ARTICLE)
    date.tap()
    page.wait_for_url(f"**/timeline/#{event_id}")


def test_timeline_page_is_vertical_on_a_phone(base_url, open_page):
    page, _ = open_page(base_url + "timeline/", viewport=PHONE)
    boxes = [page.locator("li.event").nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
