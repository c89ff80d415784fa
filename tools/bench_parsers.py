"""Parse-and-serialise cost of HTML parsers on the seed article's body, for the hot path.

The plugin parses with its own explainer.fragment (BeautifulSoup only for HTML that is not
simply well formed); BeautifulSoup is what it used before. lxml and selectolax are measured
when installed (`.venv/bin/pip install lxml selectolax`; they are not dependencies).

    .venv/bin/python tools/bench_parsers.py
"""

import statistics
import sys
import time
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from explainer.fragment import parse  # noqa: E402

ARTICLE = ROOT / "content" / "articles" / "alibaba-cloud-open-source.md"


def median_ms(action, runs: int = 200) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def candidates(html: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    found = {
        "BeautifulSoup html.parser, parse": lambda: BeautifulSoup(html, "html.parser"),
        "BeautifulSoup, serialise (html5)": lambda: soup.decode(formatter="html5"),
        "explainer.fragment, parse + serialise": lambda: parse(html).inner_html(),
    }
    try:
        import lxml.html

        found["BeautifulSoup lxml, parse"] = lambda: BeautifulSoup(html, "lxml")
        found["lxml.html, parse + serialise"] = lambda: [
            lxml.html.tostring(e, encoding="unicode") for e in lxml.html.fragments_fromstring(html)
        ]
    except ImportError:
        print("lxml not installed: skipped (pip install lxml)", file=sys.stderr)
    try:
        from selectolax.lexbor import LexborHTMLParser

        found["selectolax lexbor, parse + serialise"] = lambda: LexborHTMLParser(html).body.html
    except ImportError:
        print("selectolax not installed: skipped (pip install selectolax)", file=sys.stderr)
    return found


def main() -> int:
    html = markdown.markdown(ARTICLE.read_text(encoding="utf-8").split("\n\n", 1)[1])
    print(f"seed article body: {len(html.encode()) / 1000:.1f} KB, median of 200 runs")
    for name, action in candidates(html).items():
        print(f"  {name:40} {median_ms(action):6.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
