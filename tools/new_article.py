"""Scaffold a new article: `make new-article SLUG=my-slug TITLE="标题"`.

Writes content/articles/<slug>.md (every metadata field, each placeholder saying what goes
there) and content/notes/<slug>.yaml (no notes yet, with a commented example). The scaffold
builds as it is, so `make devserver` shows it at once; `make check` fails until every
placeholder (marked 【待填写…】) is filled in. Never overwrites a file.
"""

import argparse
import datetime
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from explainer.lint import PLACEHOLDER  # noqa: E402
from explainer.partial_dates import PartialDate  # noqa: E402

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Folders the site writes at its root (pelican.conf.py, plugin settings): not article slugs.
RESERVED = {"en", "glossary", "timeline", "static", "theme", "feeds", "drafts", "index", "404"}
SLUG_LINE = re.compile(r"^slug:\s*(\S+)\s*$", re.IGNORECASE | re.MULTILINE)


def todo(what: str) -> str:
    return f"{PLACEHOLDER}：{what}】"


def article_text(slug: str, title: str, date: str, published: str | None, url: str | None) -> str:
    published_line = published or date
    published_label = (
        PartialDate.parse(published).label("zh-cn")
        if published
        else todo(f"原文的发表日期，用文字写出已知的精度；并把上一行的 {date} 改成它")
    )
    return "\n".join(
        [
            f"Title: {title}",
            f"Kicker: {todo('栏目或体裁，如“深度”')}",
            f"Slug: {slug}",
            f"Date: {date}",
            f"Published: {published_line}",
            f"Published_label: {published_label}",
            f"Standfirst: {todo('导语：一两句话，显示在标题下方')}",
            f"Credit: {todo('图片来源，原文没有图片就删掉这一行')}",
            f"Source_url: {url or 'https://example.org/' + todo('原文链接')}",
            f"Source_name: {todo('来源媒体名称')}",
            "",
            f"{todo('把正文粘贴在这里：段落之间空一行，小标题写成“## 小标题”')}",
            "",
            "## 小标题",
            "",
            f"{todo('第二节正文')}",
            "",
        ]
    )


def notes_text(slug: str, title: str) -> str:
    return f"""\
# yaml-language-server: $schema=notes.schema.json
# Notes on “{title}”. Each note is anchored to a quote that must occur exactly once in the
# article (add `prefix`/`suffix` to single it out); `make check` says where it does not.
article: {slug}
# key_points (optional): 3 to 5 points in each language, shown at the top of the article.
# key_points:
#   zh: [要点一, 要点二, 要点三]
#   en: [Point one, Point two, Point three]
notes: []
# notes:
#   - id: my-first-note            # ASCII slug, unique in this file
#     type: context                # context, fact-check or translation
#     quote: {{exact: 原文中的一句话}} # add prefix/suffix if it occurs more than once
#     body:
#       zh: 注释正文（Markdown）。
#       en: The note (Markdown).
#     sources:
#       - {{url: "https://…", title: 来源名称}}
"""


def existing_slugs(articles: Path) -> dict[str, Path]:
    slugs = {}
    for path in sorted(articles.glob("*.md")) if articles.is_dir() else []:
        match = SLUG_LINE.search(path.read_text(encoding="utf-8"))
        slugs[match.group(1) if match else path.stem.split(".")[0]] = path
    return slugs


def scaffold(
    content: Path,
    slug: str,
    title: str,
    *,
    date: str | None = None,
    published: str | None = None,
    source_url: str | None = None,
) -> list[Path]:
    """Write the two files; raise ValueError (with what to do) instead of overwriting."""
    if not slug:
        raise ValueError('a slug is required: make new-article SLUG=my-slug TITLE="标题"')
    if not SLUG.match(slug) or len(slug) > 60:
        raise ValueError(
            f"slug {slug!r}: use lowercase ASCII letters, digits and single hyphens, "
            "at most 60 characters (e.g. alibaba-cloud-open-source)"
        )
    if slug in RESERVED:
        raise ValueError(f"slug {slug!r} is taken by a page of the site; choose another")
    if not title.strip():
        raise ValueError('a title is required: TITLE="标题"')
    if published:
        try:
            PartialDate.parse(published)
        except ValueError as error:
            raise ValueError(
                f"PUBLISHED={published!r}: {error} (YYYY, YYYY-MM or YYYY-MM-DD)"
            ) from None
    date = date or datetime.date.today().isoformat()
    article = content / "articles" / f"{slug}.md"
    notes = content / "notes" / f"{slug}.yaml"
    taken = existing_slugs(content / "articles")
    if slug in taken:
        raise ValueError(f"slug {slug!r} is already used by {taken[slug]}")
    for path in (article, notes):
        if path.exists():
            raise ValueError(f"{path} already exists; not overwriting it")
    article.parent.mkdir(parents=True, exist_ok=True)
    notes.parent.mkdir(parents=True, exist_ok=True)
    article.write_text(
        article_text(slug, title.strip(), date, published, source_url), encoding="utf-8"
    )
    notes.write_text(notes_text(slug, title.strip()), encoding="utf-8")
    return [article, notes]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slug", required=True, help="the article's URL slug, e.g. my-article")
    parser.add_argument("--title", required=True, help="the article's title (Chinese)")
    parser.add_argument("--published", help="the original's date: YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--source-url", help="the address of the original article")
    parser.add_argument("--date", help="this explainer's date (default: today)")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args(argv)
    try:
        written = scaffold(
            args.content,
            args.slug,
            args.title,
            date=args.date,
            published=args.published,
            source_url=args.source_url,
        )
    except ValueError as error:
        print(f"new-article: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    print(
        f"""
Next:
  1. Put the source text in seeds/ unchanged, then the body in {written[0].name}
     (replace every {PLACEHOLDER}…】 placeholder: `make check` lists those left).
  2. `make check`: names without a glossary entry, quotes that do not anchor.
     Add entries to content/data/glossary.yaml, events to content/data/timeline.yaml
     (`article: {args.slug}`), notes to {written[1].name}.
  3. `make devserver` to read it; `make test` before publishing."""
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
