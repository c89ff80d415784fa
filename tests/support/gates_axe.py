"""Accessibility gate: axe-core (bundled by axe-playwright-python) over one open page.

`axe_problems(page, where)` runs the WCAG 2.0/2.1 A and AA rules plus axe's best practices and
returns one readable line per failing element: rule, page, element, what is wrong.
"""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.support.browser import DESKTOP, PHONE

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Every page is checked in each of these: (label, viewport, colour scheme).
COMBOS = [
    ("phone-light", PHONE, "light"),
    ("phone-dark", PHONE, "dark"),
    ("desktop-light", DESKTOP, "light"),
    ("desktop-dark", DESKTOP, "dark"),
]

_AXE = Axe()


def axe_version() -> str:
    first_line = _AXE.axe_script.split("\n", 1)[0]
    return first_line.removeprefix("/*! ").strip()


def axe_problems(page: Page, where: str) -> list[str]:
    """Run axe on the page as it is now; one line per (rule, element) that fails."""
    results = _AXE.run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    problems = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            snippet = " ".join(node.get("html", "").split())[:160]
            why = (node.get("failureSummary") or violation["help"]).replace("\n", " ")
            problems.append(
                f"{violation['id']} ({violation['impact']}) on {where}: {target}\n"
                f"    element: {snippet}\n"
                f"    {why}\n"
                f"    help: {violation['helpUrl']}"
            )
    return problems
