"""Content-Security-Policy gate: a strict policy on every page, and nothing that breaks it.

Statically (`static_problems`): each page declares `<meta http-equiv="Content-Security-Policy">`
first thing in <head>, with `default-src` and no source but 'self' or 'none' (so no
'unsafe-inline', no hosts, no data:); and holds nothing such a policy would block: no inline
<script>, no <style>, no style= or on*= attributes, no javascript: URLs.

In the browser (`CSP_LISTENER` + `violations`): a listener added before any page script records
every `securitypolicyviolation` event; the test adds the console errors it saw.
"""

import re

from bs4 import BeautifulSoup
from playwright.sync_api import Page

ALLOWED_SOURCES = {"'self'", "'none'"}
EVENT_HANDLER = re.compile(r"^on[a-z]+$")
# Script types that are data, not code: CSP does not apply to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "importmap", "speculationrules"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction")

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`
    + (event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : '')
    + (event.sample ? ` (${event.sample})` : ''));
}, true);
"""


def parse_policy(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return directives


def static_problems(html: str, where: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    metas = [
        meta
        for meta in soup.find_all("meta")
        if meta.get("http-equiv", "").lower() == "content-security-policy"
    ]
    if not metas:
        problems.append(f'{where}: no <meta http-equiv="Content-Security-Policy">')
    for meta in metas:
        if meta.find_parent("head") is None:
            problems.append(f"{where}: the CSP <meta> is not in <head> (browsers ignore it)")
        elif meta.find_previous(["link", "script", "style"]) is not None:
            problems.append(f"{where}: the CSP <meta> comes after a resource it should govern")
        directives = parse_policy(meta.get("content", ""))
        if "default-src" not in directives:
            problems.append(f"{where}: the CSP has no default-src")
        for name, sources in directives.items():
            for source in sources:
                if source not in ALLOWED_SOURCES:
                    problems.append(f"{where}: CSP {name} allows {source} (only 'self'/'none')")
    for script in soup.find_all("script"):
        kind = script.get("type", "").lower().strip()
        if not script.has_attr("src") and kind not in DATA_SCRIPT_TYPES:
            text = " ".join(script.get_text().split())[:60]
            problems.append(f"{where}: inline <script>: {text!r}")
    for style in soup.find_all("style"):
        problems.append(f"{where}: <style> block: {' '.join(style.get_text().split())[:60]!r}")
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute == "style":
                problems.append(f'{where}: style attribute on <{tag.name} style="{value}">')
            elif EVENT_HANDLER.match(attribute):
                problems.append(f'{where}: inline handler <{tag.name} {attribute}="{value}">')
            elif attribute in URL_ATTRIBUTES and str(value).strip().lower().startswith(
                "javascript:"
            ):
                problems.append(f'{where}: javascript: URL <{tag.name} {attribute}="{value}">')
    return problems


def violations(page: Page) -> list[str]:
    """The CSP violations the page reported (the context needs `add_init_script(CSP_LISTENER)`)."""
    return page.evaluate("window.__cspViolations || ['the CSP listener was not installed']")
