"""Find a Chromium for Playwright: Debian's, one named in $CHROMIUM, or Playwright's own.

Shared by the tests and by `make test`'s pre-flight, so both agree on what "a browser" is.
"""

import os
import shutil
import subprocess
import sys

# Flags for headless Chromium on a closed network, running as root in CI.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

HOW_TO_GET_ONE = (
    "No Chromium found for the browser tests. Install one of:\n"
    "  Debian/Ubuntu:  sudo apt-get install chromium      (then /usr/bin/chromium is used)\n"
    "  any machine:    .venv/bin/python -m playwright install chromium\n"
    "  or point CHROMIUM=/path/to/chrome at an existing Chromium or Chrome binary."
)


def system_chromium() -> str | None:
    """The path of an installed Chromium, preferring $CHROMIUM, else None."""
    named = os.environ.get("CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def playwright_chromium() -> str | None:
    """The path of a Playwright-managed Chromium, if one was downloaded."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if path and os.access(path, os.X_OK) else None


def find_chromium() -> str | None:
    return system_chromium() or playwright_chromium()


def ensure_chromium() -> int:
    """`make test` pre-flight: find a browser, else try Playwright's download, else explain."""
    if find_chromium():
        return 0
    print("No Chromium found; trying `python -m playwright install chromium` ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=False)
    if find_chromium():
        return 0
    print(HOW_TO_GET_ONE, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(ensure_chromium())
