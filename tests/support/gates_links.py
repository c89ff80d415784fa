"""Link gate: every URL a page names resolves, over HTTP, wherever the site is served.

`check_links(base_url, pages)` fetches each page from a running server (see server.py, which can
serve the site under a sub-path), then every `href`, `src`, `srcset`, `poster`, `action` and
`data` in it, and every `url()` in the stylesheets it loads. Each must answer 200 from inside the
served prefix, and each `#fragment` must name an `id` in the target page. Links to other hosts
(and mailto:, tel:) are listed in `external`, never fetched.
"""

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

SUB_PATH = "/explainer/"  # where the gates also serve the site, as GitHub project pages would
URL_ATTRIBUTES = ("href", "src", "poster", "action", "data", "xlink:href")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
NOT_FETCHED = ("mailto:", "tel:")


@dataclass
class _Answer:
    status: int
    content_type: str = ""
    body: bytes = b""

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")

    @property
    def is_css(self) -> bool:
        return self.content_type.startswith("text/css")


@dataclass
class LinkReport:
    problems: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    checked: int = 0


def _fetch(url: str) -> _Answer:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            return _Answer(response.status, response.headers.get_content_type(), response.read())
    except urllib.error.HTTPError as error:
        return _Answer(error.code)
    except OSError as error:
        return _Answer(0, str(error))


def _references(answer: _Answer):
    """(description, url) for every URL named by an HTML page or a stylesheet."""
    text = answer.body.decode("utf-8", errors="replace")
    if answer.is_css:
        for match in CSS_URL.finditer(text):
            ref = match.group(2) or match.group(4)
            yield f"url({ref})", ref.strip()
        return
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            if tag.has_attr(attribute):
                yield f'<{tag.name} {attribute}="{tag[attribute]}">', tag[attribute].strip()
        if tag.has_attr("srcset"):
            for candidate in tag["srcset"].split(","):
                if candidate.strip():
                    yield f'<{tag.name} srcset="{tag["srcset"]}">', candidate.split()[0]


def _ids(answer: _Answer) -> set[str]:
    soup = BeautifulSoup(answer.body.decode("utf-8", errors="replace"), "html.parser")
    return {tag["id"] for tag in soup.find_all(id=True)}


def check_links(base_url: str, pages: list[str]) -> LinkReport:
    """Check `pages` (paths relative to `base_url`, e.g. "" or "404.html") and all they name."""
    base = urlsplit(base_url)
    report = LinkReport()
    answers: dict[str, _Answer] = {}
    ids: dict[str, set[str]] = {}
    external: dict[str, set[str]] = {}

    def get(url: str) -> _Answer:
        if url not in answers:
            answers[url] = _fetch(url)
        return answers[url]

    def short(url: str) -> str:
        return "/" + url[len(base_url) :] if url.startswith(base_url) else url

    queue = [urljoin(base_url, page) for page in pages]
    seen_sources = set()
    while queue:
        source = queue.pop(0)
        if source in seen_sources:
            continue
        seen_sources.add(source)
        answer = get(source)
        if answer.status != 200:
            report.problems.append(f"{short(source)}: answers HTTP {answer.status}")
            continue
        for described, ref in _references(answer):
            report.checked += 1
            where = f"{short(source)}: {described}"
            if ref.lower().startswith("javascript:"):
                report.problems.append(f"{where}: javascript: URLs are not links")
                continue
            if ref.lower().startswith(NOT_FETCHED):
                external.setdefault(ref, set()).add(short(source))
                continue
            target = urljoin(source, ref)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https"):
                report.problems.append(f"{where}: unsupported scheme {parts.scheme!r}")
                continue
            if parts.netloc != base.netloc:
                external.setdefault(target, set()).add(short(source))
                continue
            document, fragment = urldefrag(target)
            if not document.startswith(base_url):
                report.problems.append(
                    f"{where}: resolves to {parts.path}, outside the site's path {base.path}"
                )
                continue
            found = get(document)
            if found.status != 200:
                report.problems.append(f"{where}: {short(document)} answers HTTP {found.status}")
                continue
            if found.is_css:
                queue.append(document)
            if ref.endswith("#") and not fragment:
                report.problems.append(f"{where}: empty fragment `#` points nowhere")
            elif fragment and found.is_html:
                if document not in ids:
                    ids[document] = _ids(found)
                if unquote(fragment) not in ids[document]:
                    report.problems.append(
                        f"{where}: no id={unquote(fragment)!r} in {short(document)}"
                    )
    report.external = [
        f"{url}  (from {', '.join(sorted(external[url]))})" for url in sorted(external)
    ]
    return report
