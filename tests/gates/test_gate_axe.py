"""Gate 1, accessibility: axe-core finds nothing on any page, light and dark, phone and desktop."""

import pytest

from tests.support.gates_axe import AXE_TAGS, COMBOS, axe_problems, axe_version
from tests.support.server import serve

pytestmark = pytest.mark.browser


def _axe_over(browser, base_url, paths, viewport, scheme, label) -> list[str]:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    try:
        page = context.new_page()
        problems = []
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            problems += axe_problems(page, f"/{path} [{label}]")
        return problems
    finally:
        context.close()


@pytest.mark.parametrize(("label", "viewport", "scheme"), COMBOS, ids=[c[0] for c in COMBOS])
def test_axe_finds_no_violation_on_any_page(
    browser, base_url, pages, gate_report, label, viewport, scheme
):
    problems = _axe_over(browser, base_url, pages, viewport, scheme, label)
    gate_report(
        f"axe-{label}",
        f"{axe_version()}, tags {', '.join(AXE_TAGS)}, {label}: {len(pages)} pages, "
        f"{len(problems)} violations\n" + "\n".join(problems),
    )
    assert not problems, f"axe found {len(problems)} violations:\n" + "\n".join(problems)


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken</title><link rel="stylesheet" href="broken.css"></head>
<body><main><h1>Broken fixture</h1>
<p class="faint">Only unreadable in the dark.</p>
<img src="photo.png">
</main></body>
</html>
"""
# Readable in light mode; near-black on black in dark mode.
BROKEN_CSS = """
body { background: #fff; color: #222; }
@media (prefers-color-scheme: dark) {
  body { background: #000; color: #eee; }
  .faint { color: #222; }
}
"""


def test_axe_finds_missing_alt_and_dark_only_contrast_on_broken_fixture(browser, tmp_path):
    (tmp_path / "index.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (tmp_path / "broken.css").write_text(BROKEN_CSS, encoding="utf-8")
    found = {}
    with serve(tmp_path) as url:
        for label, viewport, scheme in COMBOS:
            found[label] = _axe_over(browser, url, [""], viewport, scheme, label)
    light, dark = "\n".join(found["desktop-light"]), "\n".join(found["phone-dark"])
    assert "image-alt (critical) on / [desktop-light]: img" in light
    assert "photo.png" in light, "a failure names the element"
    assert "color-contrast" not in light
    assert "color-contrast (serious) on / [phone-dark]: p" in dark
    assert 'class="faint"' in dark
    assert all("image-alt" in "\n".join(problems) for problems in found.values())
