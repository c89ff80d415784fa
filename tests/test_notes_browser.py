"""Notes, paragraph links and reading aids in a real browser, by keyboard, touch and print."""

import pytest

from tests.support.browser import DESKTOP, PHONE

pytestmark = pytest.mark.browser

ARTICLE = "alibaba-cloud-open-source/"
WIDE = {"width": 1400, "height": 900}


def first_note_id(page) -> str:
    return page.eval_on_selector(".sidenote", "el => el.id")


def test_narrow_toggle_opens_the_note_inline_by_keyboard(base_url, open_page):
    page, log = open_page(base_url + ARTICLE, viewport=PHONE)
    note = "#" + first_note_id(page)
    assert not page.locator(note).is_visible()
    page.focus(".note-toggle")
    page.keyboard.press("Space")
    assert page.locator(note).is_visible()
    toggle = page.locator(".note-number").first.bounding_box()
    box = page.locator(note).bounding_box()
    assert box["y"] > toggle["y"] and box["x"] + box["width"] <= PHONE["width"]
    page.keyboard.press("Space")
    assert not page.locator(note).is_visible()
    assert log.problems() == []


def test_the_keyboard_toggle_shows_where_focus_is(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE)
    page.focus(".note-toggle")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = page.eval_on_selector(".note-number", "el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"


def test_narrow_toggle_opens_by_touch(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE, has_touch=True, is_mobile=True)
    note = "#" + first_note_id(page)
    page.locator(".note-number").first.tap()
    assert page.locator(note).is_visible()


def test_wide_screens_put_the_note_in_the_margin_beside_its_passage(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=WIDE)
    note_id = first_note_id(page)
    passage = page.locator(f"mark[data-note={note_id.removeprefix('note-')}]").last.bounding_box()
    body = page.locator(".article-body").bounding_box()
    note = page.locator("#" + note_id).bounding_box()
    assert page.locator("#" + note_id).is_visible()
    assert note["x"] >= body["x"] + body["width"], "the note is in the right margin"
    assert note["x"] + note["width"] <= WIDE["width"]
    assert abs(note["y"] - passage["y"]) < 40, "the note starts level with its passage"
    assert not page.locator(".note-toggle").first.is_visible()


def test_each_note_has_its_own_link(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE)
    note_id = first_note_id(page)
    page.goto(f"{base_url}{ARTICLE}#{note_id}")
    assert page.locator("#" + note_id).is_visible(), "a linked note opens even on a phone"


def test_print_turns_notes_into_endnotes(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP)
    count = page.locator(".sidenote").count()
    page.emulate_media(media="print")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".print-endnotes li").count() == count
    assert page.locator(".print-endnotes").is_visible()
    assert not page.locator(".sidenote").first.is_visible()
    assert not page.locator(".site-nav").is_visible()
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.locator(".print-endnotes").count() == 0


def test_print_without_javascript_keeps_notes_beside_their_paragraphs(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP, java_script=False)
    page.emulate_media(media="print")
    assert page.locator(".sidenote").first.is_visible()


def test_paragraph_link_appears_on_hover_and_focus_and_copies_the_url(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    link = page.locator(".article-body p .para-link").nth(3)
    opacity = "el => getComputedStyle(el).opacity"
    assert link.evaluate(opacity) == "0"
    link.locator("xpath=..").hover()
    assert link.evaluate(opacity) == "1"
    page.mouse.move(1, 1)
    link.focus()
    assert link.evaluate(opacity) == "1"
    link.click()
    paragraph_id = link.evaluate("el => el.parentElement.id")
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"#{paragraph_id}")
    assert page.url.endswith(f"#{paragraph_id}")


def test_toc_links_reach_their_sections(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE)
    page.locator("nav.toc a").nth(1).click()
    heading = page.locator(".article-body h2").nth(1)
    assert page.url.endswith("#" + heading.get_attribute("id"))
    assert 0 <= heading.bounding_box()["y"] < PHONE["height"] / 2


def test_reading_progress_follows_the_scroll(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE)
    scale = "el => new DOMMatrix(getComputedStyle(el).transform).a"
    assert page.eval_on_selector(".reading-progress span", scale) == 0
    page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(100)
    assert page.eval_on_selector(".reading-progress span", scale) == 1


def test_reading_progress_is_absent_without_javascript(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE, java_script=False)
    assert not page.locator(".reading-progress").is_visible()
