"""`make audit`: Lighthouse (npm, pinned in package-lock.json) on the built site, mobile settings.

Builds the site for deployment, serves it on 127.0.0.1, runs Lighthouse once per page in headless
Chromium (the same one the tests use), and writes the four category scores per page to
reports/lighthouse.md, with every audit that did not pass, plus each page's full JSON and HTML
report in reports/lighthouse/.
Not part of `make test`: Lighthouse's performance score depends on the machine's load.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.server import serve  # noqa: E402
from tests.support.site import build_site  # noqa: E402
from tools.browser import CHROMIUM_ARGS, HOW_TO_GET_ONE, find_chromium  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {"article": "alibaba-cloud-open-source/", "index": "", "404": "404.html"}


def run_lighthouse(url: str, out: Path, chromium: str) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output=html",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    report = out.with_name(out.name + ".report.json")
    if result.returncode != 0 or not report.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stdout}\n{result.stderr}")
    return json.loads(report.read_text(encoding="utf-8"))


def not_passed(lhr: dict, category: str) -> list[str]:
    """Audits of a category that cost points: '<id> (score): title, display value'."""
    lines = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            lines.append(f"{ref['id']} ({audit['score']:.2f}): {audit['title']}{shown}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=ROOT / "reports")
    parser.add_argument(
        "--fail-under", type=int, default=0, help="exit 1 if any score is below this (0-100)"
    )
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make audit` (it runs npm ci).", file=sys.stderr)
        return 1
    details = args.reports / "lighthouse"
    details.mkdir(parents=True, exist_ok=True)
    version = ""
    rows, notes = [], []
    # The deployed build (publishconf.py), with SITEURL the address it is served at here, so
    # canonical and hreflang links are absolute as on GitHub Pages.
    with (
        tempfile.TemporaryDirectory() as folder,
        serve(Path(folder) / "site", compress=True) as base_url,
    ):
        built = build_site(
            Path(folder) / "site",
            settings="publishconf.py",
            env={**os.environ, "SITEURL": base_url.rstrip("/")},
        )
        if built.returncode != 0:
            print(built.stdout, built.stderr, file=sys.stderr)
            return 1
        for name, path in PAGES.items():
            lhr = run_lighthouse(base_url + path, details / name, chromium)
            version = lhr["lighthouseVersion"]
            scores = {c: round(lhr["categories"][c]["score"] * 100) for c in CATEGORIES}
            rows.append((name, "/" + path, scores))
            for category in CATEGORIES:
                notes += [f"- {name}, {category}: {line}" for line in not_passed(lhr, category)]
            if lhr.get("runWarnings"):
                notes += [f"- {name}, warning: {warning}" for warning in lhr["runWarnings"]]
    lines = [
        "# Lighthouse audit",
        "",
        f"Lighthouse {version}, mobile (default form factor and throttling), Chromium {chromium},",
        "publish build (publishconf.py) served gzipped, as GitHub Pages does, from 127.0.0.1.",
        "Reproduce with `make audit`.",
        "",
        "| page | path | " + " | ".join(CATEGORIES) + " |",
        "|---|---|" + "---:|" * len(CATEGORIES),
    ]
    lines += [
        f"| {name} | `{path}` | " + " | ".join(str(s[c]) for c in CATEGORIES) + " |"
        for name, path, s in rows
    ]
    lines += ["", "## Audits that cost points", "", *(notes or ["None."]), ""]
    lines.append("Full reports: `reports/lighthouse/<page>.report.html` and `.report.json`.")
    report = args.reports / "lighthouse.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"\nwritten to {report.relative_to(ROOT) if report.is_relative_to(ROOT) else report}")
    lowest = min(score for _, _, s in rows for score in s.values())
    return 1 if lowest < args.fail_under else 0


if __name__ == "__main__":
    sys.exit(main())
