"""Session fixtures: the real site built once, served over HTTP, and a real browser."""

import pytest
from playwright.sync_api import sync_playwright

from tests.support.browser import PageLog, launch, watch
from tests.support.server import serve
from tests.support.site import Site, build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    output = tmp_path_factory.mktemp("site") / "output"
    result = build_site(output)
    assert result.returncode == 0, f"the build failed:\n{result.stdout}\n{result.stderr}"
    return Site(output)


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open a URL in a fresh context; returns (page, log). Contexts close after the test."""
    contexts = []

    def _open(url: str, *, viewport=None, color_scheme="light", java_script=True, **options):
        context = browser.new_context(
            viewport=viewport, color_scheme=color_scheme, java_script_enabled=java_script, **options
        )
        contexts.append(context)
        page = context.new_page()
        log: PageLog = watch(page)
        page.goto(url, wait_until="load")
        return page, log

    yield _open
    for context in contexts:
        context.close()
