"""Weight gate: what a page costs a reader, measured in a real browser, counted in gzip -9 bytes.

`measure()` opens a page and records every request it makes (plus the icons it declares, which
headless Chromium does not fetch); requests to other hosts are recorded and aborted, never sent.
Each same-site URL is mapped back to its file in the built site and compressed with gzip -9
(mtime 0), so the figures are exact and the same on every machine.
"""

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from playwright.sync_api import Page

BUDGET_TOTAL = 40_000  # bytes: the page and everything it loads, gzip -9 (40 KB, read strictly)
BUDGET_JS = 6_000  # bytes: all JavaScript, gzip -9
BUDGET_REQUESTS = 5  # the document included

KINDS = {".html": "html", ".css": "css", ".js": "js", ".mjs": "js", ".svg": "svg", ".ico": "icon"}


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@dataclass(frozen=True)
class Entry:
    path: str
    kind: str
    raw: int
    gz: int


@dataclass
class Weight:
    page: str
    entries: list[Entry] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(entry.gz for entry in self.entries)

    @property
    def js(self) -> int:
        return sum(entry.gz for entry in self.entries if entry.kind == "js")

    @property
    def requests(self) -> int:
        return len(self.entries) + len(self.external) + len(self.missing)

    def problems(self) -> list[str]:
        found = []
        if self.total > BUDGET_TOTAL:
            found.append(f"{self.page}: {self.total:,} B gzip in all, budget {BUDGET_TOTAL:,} B")
        if self.js > BUDGET_JS:
            found.append(f"{self.page}: {self.js:,} B of JavaScript gzip, budget {BUDGET_JS:,} B")
        if self.requests > BUDGET_REQUESTS:
            found.append(f"{self.page}: {self.requests} requests, budget {BUDGET_REQUESTS}")
        found += [f"{self.page}: request to another host: {url}" for url in self.external]
        found += [f"{self.page}: requests a file the site lacks: {url}" for url in self.missing]
        return found

    def table(self) -> str:
        lines = [f"{self.page}", f"  {'file':<48} {'kind':<5} {'raw B':>9} {'gzip -9 B':>10}"]
        for entry in self.entries:
            lines.append(f"  {entry.path:<48} {entry.kind:<5} {entry.raw:>9,} {entry.gz:>10,}")
        lines += [f"  {url:<48} other host (aborted)" for url in self.external]
        lines += [f"  {url:<48} missing" for url in self.missing]
        lines.append(
            f"  {'total: ' + str(self.requests) + ' requests':<48} {'':<5} "
            f"{sum(e.raw for e in self.entries):>9,} {self.total:>10,}"
            f"   (budget {BUDGET_TOTAL:,} B, {BUDGET_REQUESTS} requests;"
            f" JS {self.js:,} of {BUDGET_JS:,} B)"
        )
        return "\n".join(lines)


def _file_for(url: str, site_root: Path, base_url: str) -> Path | None:
    document, _ = urldefrag(url)
    if not document.startswith(base_url):
        return None
    relative = unquote(urlsplit(document).path[len(urlsplit(base_url).path) :])
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    path = site_root / relative
    return path if path.is_file() else None


def measure(page: Page, url: str, *, site_root: Path, base_url: str) -> Weight:
    """Open `url` in `page` (a fresh one) and weigh everything it loads."""
    host = urlsplit(base_url).netloc
    requested: list[str] = []
    external: list[str] = []

    def route(route):
        request_url = route.request.url
        if (
            urlsplit(request_url).scheme in ("http", "https")
            and urlsplit(request_url).netloc != host
        ):
            external.append(request_url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", route)
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="networkidle")
    icons = page.eval_on_selector_all("link[rel~='icon']", "links => links.map(l => l.href)")
    weight = Weight(page="/" + url[len(base_url) :])
    seen = set()
    for request_url in [*requested, *icons]:
        if request_url in seen or urlsplit(request_url).scheme not in ("http", "https"):
            continue
        seen.add(request_url)
        if urlsplit(request_url).netloc != host:
            if request_url not in external:
                external.append(request_url)
            continue
        path = _file_for(request_url, site_root, base_url)
        if path is None:
            weight.missing.append(request_url)
            continue
        data = path.read_bytes()
        kind = KINDS.get(path.suffix, path.suffix.lstrip(".") or "file")
        weight.entries.append(
            Entry(path.relative_to(site_root).as_posix(), kind, len(data), gzip_size(data))
        )
    weight.external = sorted(set(external))
    return weight
