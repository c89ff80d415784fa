"""Shared by the quality gates: the list of pages, the sub-path server, and the gate reports.

Each gate writes what it measured to reports/gates/<name>.txt (git-ignored) and the same text
is printed at the end of the pytest run, pass or fail.
"""

from pathlib import Path

import pytest

from tests.support.gates_links import SUB_PATH
from tests.support.server import serve
from tests.support.site import ROOT

REPORTS = ROOT / "reports" / "gates"
_SECTIONS: dict[str, str] = {}


@pytest.fixture(scope="session")
def pages(site) -> list[str]:
    """Every HTML page the build wrote, as a path relative to the site root ('', '404.html')."""
    found = [site.url_of(path).lstrip("/") for path in site.html_files()]
    assert found, "the build wrote no HTML page"
    return found


@pytest.fixture(scope="session")
def subpath_url(site):
    """The site served under a sub-path, as GitHub project pages serve it."""
    with serve(site.root, SUB_PATH) as url:
        yield url


@pytest.fixture
def gate_report():
    """`gate_report(name, text)`: keep a gate's figures in reports/gates/ and the run's summary."""

    def _write(name: str, text: str) -> Path:
        REPORTS.mkdir(parents=True, exist_ok=True)
        path = REPORTS / f"{name}.txt"
        path.write_text(text.rstrip() + "\n", encoding="utf-8")
        _SECTIONS[name] = text.rstrip()
        return path

    return _write


def pytest_terminal_summary(terminalreporter):
    for name, text in _SECTIONS.items():
        terminalreporter.write_sep("-", f"gate report: {name} (reports/gates/{name}.txt)")
        terminalreporter.write_line(text)
