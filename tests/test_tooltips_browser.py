"""Glossary tooltips in a real browser: hover, focus, Escape, touch, edges, no JavaScript."""

import pytest

from tests.support.browser import DESKTOP, PHONE

pytestmark = pytest.mark.browser

ARTICLE = "alibaba-cloud-open-source/"
TERM = "#ref-alibaba-cloud-1"
TIP = "#tip-alibaba-cloud"


def is_open(page, tip=TIP) -> bool:
    return page.eval_on_selector(tip, "el => el.matches(':popover-open')")


def wait_open(page, tip=TIP, timeout_ms=2000) -> None:
    """Poll (the page's CSP forbids the string evaluation wait_for_function relies on)."""
    for _ in range(timeout_ms // 50):
        if is_open(page, tip):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{tip} did not open")


def inside_viewport(page, selector) -> bool:
    return page.eval_on_selector(
        selector,
        """el => { const r = el.getBoundingClientRect();
        return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight; }""",
    )


def test_hover_opens_and_shows_the_definition(base_url, open_page):
    page, log = open_page(base_url + ARTICLE, viewport=DESKTOP)
    page.hover(TERM)
    wait_open(page)
    assert "阿里巴巴集团" in page.inner_text(TIP)
    assert inside_viewport(page, TIP)
    assert log.problems() == []


def test_tooltip_stays_open_while_the_pointer_is_over_it(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP)
    page.hover(TERM)
    wait_open(page)
    box = page.locator(TIP).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    page.wait_for_timeout(600)
    assert is_open(page)
    page.mouse.move(5, 5)
    page.wait_for_timeout(600)
    assert not is_open(page)


def test_keyboard_focus_opens_and_escape_closes(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP)
    page.focus(TERM)
    assert is_open(page)
    assert page.get_attribute(TERM, "aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not is_open(page)
    assert page.evaluate("document.activeElement.id") == TERM[1:], "focus stays on the term"


def test_tab_moves_to_the_next_term_and_only_one_tip_is_open(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP)
    page.focus("#ref-openai-1")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert focused == "tip-chatgpt"
    open_tips = page.evaluate(
        "[...document.querySelectorAll('.term-tip')]"
        ".filter(t => t.matches(':popover-open')).map(t => t.id)"
    )
    assert open_tips == ["tip-chatgpt"]


def test_blur_and_click_elsewhere_close(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP)
    page.focus(TERM)
    page.evaluate("document.activeElement.blur()")
    assert not is_open(page)
    page.hover(TERM)
    wait_open(page)
    page.mouse.click(5, 400)
    assert not is_open(page)


def test_touch_first_tap_opens_second_tap_follows_the_link(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE, has_touch=True, is_mobile=True)
    page.tap(TERM)
    assert is_open(page)
    assert page.url.endswith(ARTICLE)
    page.tap(TERM)
    page.wait_for_url("**/glossary/#alibaba-cloud")
    assert page.evaluate("document.querySelector(':target').id") == "alibaba-cloud"


def test_tip_flips_above_near_the_bottom_edge_and_stays_inside(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE)
    # Put the term on the viewport's last line.
    page.evaluate(f"""() => {{ const r = document.querySelector('{TERM}').getBoundingClientRect();
        scrollBy(0, r.bottom - innerHeight + 4); }}""")
    page.focus(TERM)
    term, tip = page.locator(TERM).bounding_box(), page.locator(TIP).bounding_box()
    assert tip["y"] + tip["height"] <= term["y"] + 1, "the tip should open above the term"
    assert inside_viewport(page, TIP)
    assert page.get_attribute(TIP, "data-side") == "above"


def test_tip_stays_inside_near_the_right_edge(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport={"width": 320, "height": 640})
    rightmost = page.evaluate("""() => { let best = null, right = -1;
        for (const a of document.querySelectorAll('.article-body a.term')) {
          const r = a.getBoundingClientRect(); if (r.right > right) { right = r.right; best = a; } }
        return '#' + best.id; }""")
    page.locator(rightmost).scroll_into_view_if_needed()
    page.focus(rightmost)
    tip = "#" + page.get_attribute(rightmost, "aria-describedby")
    assert inside_viewport(page, tip)


def test_opening_a_tip_shifts_no_layout(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP)
    before = page.evaluate(
        "[document.documentElement.scrollHeight,"
        " document.querySelector('.article-body p:nth-of-type(2)').offsetTop]"
    )
    page.focus(TERM)
    after = page.evaluate(
        "[document.documentElement.scrollHeight,"
        " document.querySelector('.article-body p:nth-of-type(2)').offsetTop]"
    )
    assert before == after


def test_reduced_motion_turns_the_fade_off(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP, reduced_motion="reduce")
    page.focus(TERM)
    assert page.eval_on_selector(TIP, "el => getComputedStyle(el).animationName") == "none"


def test_screen_readers_get_the_definition_as_a_description(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=DESKTOP)
    snapshot = page.locator(TERM).aria_snapshot()
    assert "阿里云" in snapshot
    description = page.eval_on_selector(
        TERM, "el => document.getElementById(el.getAttribute('aria-describedby')).textContent"
    )
    assert "阿里巴巴集团" in description


def test_without_javascript_a_term_is_a_link_to_its_entry(base_url, open_page):
    page, _ = open_page(base_url + ARTICLE, viewport=PHONE, java_script=False)
    assert not page.locator(TIP).is_visible()
    page.click(TERM)
    page.wait_for_url("**/glossary/#alibaba-cloud")
    assert page.locator("#alibaba-cloud").is_visible()
    assert not page.locator(".glossary-filter").is_visible()


def test_glossary_filter_narrows_the_list(base_url, open_page):
    page, log = open_page(base_url + "glossary/", viewport=DESKTOP)
    page.fill("#glossary-filter-input", "qwen")
    visible = page.eval_on_selector_all(
        ".glossary-entry", "els => els.filter(e => !e.hidden).map(e => e.id)"
    )
    assert "qwen-72b" in visible and "alibaba" not in visible
    page.fill("#glossary-filter-input", "zhōu")
    assert page.locator("#zhou-jingren").is_visible()
    page.fill("#glossary-filter-input", "不存在的词")
    assert page.inner_text(".glossary-filter-empty") == "没有符合的术语。"
    page.fill("#glossary-filter-input", "")
    assert (
        page.locator(".glossary-entry:visible").count() == page.locator(".glossary-entry").count()
    )
    assert log.problems() == []
