"""Playwright pages that record every console message, page error and failed request."""

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page

from tools.browser import CHROMIUM_ARGS, HOW_TO_GET_ONE, find_chromium

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def launch(playwright) -> Browser:
    executable = find_chromium()
    if executable is None:
        pytest.fail(HOW_TO_GET_ONE, pytrace=False)
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


@dataclass
class PageLog:
    """What went wrong while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.console_errors + self.page_errors + self.failed_requests


def watch(page: Page) -> PageLog:
    log = PageLog()
    page.on(
        "console",
        lambda m: (
            m.type in ("error", "warning")
            and log.console_errors.append(f"console {m.type}: {m.text}")
        ),
    )
    page.on("pageerror", lambda e: log.page_errors.append(f"page error: {e}"))
    page.on(
        "requestfailed",
        lambda r: log.failed_requests.append(f"request failed: {r.url} ({r.failure})"),
    )
    page.on("request", lambda r: log.requests.append(r.url))

    def bad_status(response):
        if response.status >= 400:
            log.failed_requests.append(f"HTTP {response.status}: {response.url}")

    page.on("response", bad_status)
    return log
