"""Build the real site with the real command and read what it wrote."""

import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
ARTICLE_SLUG = "alibaba-cloud-open-source"
SEED = ROOT / "seeds" / "000_76256270950bc02b.txt"


def build_site(
    output: Path,
    *,
    settings: str = "pelican.conf.py",
    content: Path | None = None,
    env: dict | None = None,
    pelican_args: tuple[str, ...] = (),
) -> subprocess.CompletedProcess:
    """Run tools/build.py as `make html` does; return the finished process (never raises)."""
    command = [sys.executable, str(ROOT / "tools" / "build.py"), "-s", settings, "-o", str(output)]
    if content is not None:
        command += ["--content", str(content)]
    command += pelican_args
    # Pelican logs through rich, which cuts a long line to the console's width (80 columns
    # off a terminal): an error naming a file under a long temporary path lost the file's name
    # once pytest's numbered temporary folders reached pytest-100.
    env = {**(os.environ if env is None else env), "COLUMNS": "400"}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, check=False)


@dataclass(frozen=True)
class Site:
    """A built output folder, with helpers to list and parse its pages."""

    root: Path

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def url_of(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        return "/" + (
            relative[: -len("index.html")] if relative.endswith("index.html") else relative
        )

    @cache  # noqa: B019 - the site is immutable for a session
    def soup(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.root / relative).read_text(encoding="utf-8"), "html.parser")

    def article(self, lang: str = "zh") -> BeautifulSoup:
        prefix = "en/" if lang == "en" else ""
        return self.soup(f"{prefix}{ARTICLE_SLUG}/index.html")


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def visible_text(element) -> str:
    """The element's text as a reader sees it in the flow, without added UI (`data-ui`)."""
    copy = BeautifulSoup(str(element), "html.parser")
    for added in copy.select("[data-ui]"):
        added.decompose()
    return normalise_space(copy.get_text())


def article_text_blocks(page: BeautifulSoup) -> list[str]:
    """The article's text in reading order, block by block, as the seed lays it out."""
    header = page.select_one(".article-header")
    kicker = header.select_one(".kicker")
    headline = visible_text(header.select_one("h1"))
    blocks = [f"{visible_text(kicker)}|{headline}" if kicker else headline]
    blocks += [visible_text(header.select_one(s)) for s in (".standfirst", ".credit")]
    body = page.select_one(".article-body")
    blocks += [
        visible_text(block)
        for block in body.find_all(["p", "h2"], recursive=True)
        if not block.find_parent(attrs={"data-ui": True}) and not block.has_attr("data-ui")
    ]
    return blocks


def seed_text_blocks(path: Path = SEED) -> list[str]:
    return [
        normalise_space(line)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
