"""Gate 5, Content-Security-Policy: 'self' only, nothing inline, no violation in a browser."""

import pytest

from tests.support.browser import watch
from tests.support.gates_csp import CSP_LISTENER, static_problems, violations
from tests.support.server import serve

STRICT = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"


def _browse(browser, base_url, paths) -> list[str]:
    """Open each page with a CSP listener; every violation, console error and page error."""
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    problems = []
    try:
        for path in paths:
            page = context.new_page()
            log = watch(page)
            page.goto(base_url + path, wait_until="networkidle")
            problems += [f"/{path}: CSP violation: {v}" for v in violations(page)]
            problems += [f"/{path}: {problem}" for problem in log.problems()]
            page.close()
    finally:
        context.close()
    return problems


def test_every_page_declares_a_self_only_csp_and_has_nothing_inline(site):
    problems = []
    for path in site.html_files():
        where = site.url_of(path)
        problems += static_problems(path.read_text(encoding="utf-8"), where)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_no_page_violates_its_csp_or_logs_an_error(browser, base_url, pages, gate_report):
    problems = _browse(browser, base_url, pages)
    gate_report(
        "csp",
        f"{len(pages)} pages opened in Chromium with a securitypolicyviolation listener: "
        f"{len(problems)} violations, console errors or page errors\n" + "\n".join(problems),
    )
    assert not problems, "\n".join(problems)


LAX_PAGE = """<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><title>Lax</title>
<meta http-equiv="Content-Security-Policy"
  content="default-src 'self' https://cdn.example.org; script-src 'self' 'unsafe-inline'">
<style>p { color: red; }</style>
</head><body>
<p style="color: blue" onclick="alert(1)">Hi</p>
<a href="javascript:void(0)">nothing</a>
<script>document.title = "inline";</script>
<script type="application/ld+json">{"@type": "Article"}</script>
</body></html>
"""
LATE_PAGE = """<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><title>Late</title><link rel="stylesheet" href="site.css">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
</head><body></body></html>
"""


def test_csp_static_check_finds_lax_policy_and_inline_code_on_broken_fixture():
    problems = "\n".join(static_problems(LAX_PAGE, "/lax"))
    assert "/lax: CSP default-src allows https://cdn.example.org" in problems
    assert "/lax: CSP script-src allows 'unsafe-inline'" in problems
    assert "/lax: <style> block" in problems
    assert '/lax: style attribute on <p style="color: blue">' in problems
    assert '/lax: inline handler <p onclick="alert(1)">' in problems
    assert "/lax: javascript: URL <a href" in problems
    assert "inline <script>: 'document.title = \"inline\";'" in problems
    assert "ld+json" not in problems, "JSON-LD is data, not script: CSP does not apply"
    assert static_problems("<!DOCTYPE html><title>x</title>", "/none") == [
        '/none: no <meta http-equiv="Content-Security-Policy">'
    ]
    assert "comes after a resource" in "\n".join(static_problems(LATE_PAGE, "/late"))


STRICT_BUT_BROKEN_PAGE = f"""<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><title>Strict</title>
<meta http-equiv="Content-Security-Policy" content="{STRICT}">
<script src="app.js"></script>
</head><body>
<p style="color: blue">Styled inline</p>
<script>document.title = "inline ran";</script>
</body></html>
"""


@pytest.mark.browser
def test_csp_browser_check_catches_violations_and_console_errors_on_broken_fixture(
    browser, tmp_path
):
    (tmp_path / "index.html").write_text(STRICT_BUT_BROKEN_PAGE, encoding="utf-8")
    (tmp_path / "app.js").write_text('console.error("boom from app.js");', encoding="utf-8")
    with serve(tmp_path) as url:
        problems = "\n".join(_browse(browser, url, [""]))
    assert "/: CSP violation: script-src-elem blocked inline" in problems
    assert "/: CSP violation: style-src-attr blocked inline" in problems
    assert "console error: boom from app.js" in problems
