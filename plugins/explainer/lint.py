"""The content linter: what an author still has to fix or decide, with file and line.

It reuses the build's own loaders, matcher and quote anchoring on the text the build annotates,
so it agrees with the build; unlike the build it reports every problem at once instead of
stopping at the first, and it lists the names an article mentions that have no glossary entry.

Errors (the build fails on them, or the page would be wrong): data that does not load, quotes
that are orphaned or ambiguous, an event quote found in several articles, notes or events for an
unknown article, overlapping notes, placeholders left by `make new-article`, and glossary
entries that match nothing when the site treats that as fatal. Warnings: candidate names
without an entry (Chinese names of people, places, organisations and other proper nouns, found
by jieba's part-of-speech tagger, and Latin-script names), and allowlist items that no longer
silence anything.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path

import yaml

from .anchors import AnchorError, Quote, anchor, occurrences
from .data import load_yaml, validate
from .errors import DataError
from .generator import HEADER_FIELDS, parse_document
from .glossary import HAS_HAN, Glossary
from .matcher import WIDTH_TABLE, fold
from .notes import ArticleNotes
from .settings import merged
from .textlayer import TextLayer
from .timeline import Timeline

ERROR, WARNING = "error", "warning"
# What `make new-article` writes where the author has to fill something in.
PLACEHOLDER = "【待填写"
PLACEHOLDERS = re.compile(PLACEHOLDER + r"[^】\n]*】?")
ALLOWLIST = "data/lint-allow.yaml"
# jieba's part-of-speech tags that name things: nr* people, ns* places, nt* organisations, and
# nz other proper nouns (companies such as 腾讯 are tagged nz; so are some ordinary words).
NAME_TAGS = {"nr": "person", "ns": "place", "nt": "organisation", "nz": "proper noun"}
LATIN_WORD = re.compile(
    r"(?<![A-Za-z0-9\u00c0-\u024f])[A-Za-z0-9]+(?:[.+\-][A-Za-z0-9]+)*(?![A-Za-z0-9\u00c0-\u024f])"
)
METADATA_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):")


@dataclass(frozen=True)
class Finding:
    severity: str
    path: Path
    line: int | None
    message: str
    entry: str | None = None

    def format(self, root: Path | None = None) -> str:
        path = self.path
        if root is not None and path.is_relative_to(root):
            path = path.relative_to(root)
        where = f"{path}:{self.line}" if self.line else str(path)
        who = f"[{self.entry}] " if self.entry else ""
        return f"{where}: {self.severity}: {who}{self.message}"


@dataclass(frozen=True)
class Candidate:
    """A name an article mentions that no glossary entry matches."""

    term: str
    kind: str
    count: int
    path: Path
    line: int

    def finding(self) -> Finding:
        times = "1 occurrence" if self.count == 1 else f"{self.count} occurrences"
        return Finding(
            WARNING,
            self.path,
            self.line,
            f"candidate “{self.term}” ({times}, {self.kind}) has no glossary entry",
        )


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def add(self, severity: str, path: Path, line: int | None, message: str, entry=None) -> None:
        self.findings.append(Finding(severity, Path(path), line, message, entry))

    def add_error(self, error: DataError) -> None:
        self.add(ERROR, error.path, error.line, error.message, error.entry)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING] + [
            c.finding() for c in self.candidates
        ]

    def lines(self, root: Path | None = None) -> list[str]:
        """Errors, then warnings, by file and line; then candidates, most frequent first."""
        ordered = sorted(self.errors, key=_by_place) + sorted(
            (f for f in self.findings if f.severity == WARNING), key=_by_place
        )
        return [f.format(root) for f in ordered] + [
            c.finding().format(root) for c in self.candidates
        ]


def _by_place(finding: Finding) -> tuple:
    return (str(finding.path), finding.line or 0, finding.message)


@dataclass
class SourceArticle:
    """One article file: the text the build annotates, and the way back to the file's lines."""

    path: Path
    slug: str
    lang: str
    status: str
    text: str
    layer: TextLayer
    searchable: str  # the file, with lines whose text never reaches `text` blanked out

    @property
    def short_lang(self) -> str:
        return self.lang[:2]

    @classmethod
    def from_document(cls, path: Path, document) -> "SourceArticle":
        """Mirror ExplainerGenerator.annotate: header fields, then the body, one text layer."""
        layer = TextLayer(parse_document(document))
        source = path.read_text(encoding="utf-8")
        return cls(
            path,
            document.slug,
            document.lang,
            getattr(document, "status", "published"),
            layer.text,
            layer,
            searchable_source(source),
        )

    def line_at(self, start: int, end: int) -> int:
        """The file line of the text at [start, end): the same occurrence, counted in order."""
        needle = self.text[start:end]
        nth = sum(1 for place in occurrences(self.text, needle) if place < start)
        hits = occurrences(self.searchable, needle) if needle.strip() else []
        if not hits:
            return 1
        return self.searchable.count("\n", 0, hits[min(nth, len(hits) - 1)]) + 1

    def lines_of(self, places: Iterable[int], length: int) -> list[int]:
        return [self.line_at(place, place + length) for place in places]


def searchable_source(source: str) -> str:
    """Blank (keeping offsets) the lines whose text the build never annotates: metadata other
    than the header fields, and headings, so counting occurrences agrees with the text layer."""
    lines = source.split("\n")
    in_header = True
    for index, line in enumerate(lines):
        keep = True
        if in_header:
            match = METADATA_LINE.match(line)
            if not line.strip() or not match:
                in_header = False
            else:
                keep = match.group(1).lower() in HEADER_FIELDS
        if not in_header and line.lstrip().startswith("#"):
            keep = False
        if not keep:
            lines[index] = " " * len(line)
    return "\n".join(lines)


def read_articles(content: Path, settings: dict, report: Report) -> list[SourceArticle]:
    """Every article file under ARTICLE_PATHS, read by Pelican's own readers."""
    from pelican.contents import Article
    from pelican.readers import Readers

    readers = Readers(settings)
    extensions = {ext for ext in readers.extensions if ext != "static"}
    excluded = [content / p for p in settings.get("ARTICLE_EXCLUDES", [])]
    paths = sorted(
        {
            path
            for folder in settings.get("ARTICLE_PATHS", [""])
            for path in (content / folder).rglob("*")
            if path.is_file()
            and path.suffix.lstrip(".") in extensions
            and not any(fnmatch(path.name, pattern) for pattern in settings["IGNORE_FILES"])
            and not any(path.is_relative_to(folder) for folder in excluded)
        }
    )
    articles = []
    for path in paths:
        try:
            document = readers.read_file(
                base_path=str(content),
                path=str(path.relative_to(content)),
                content_class=Article,
            )
        except Exception as error:  # noqa: BLE001 - a reader error is the author's to see
            report.add(ERROR, path, None, f"cannot read this article: {error}")
            continue
        articles.append(SourceArticle.from_document(path, document))
    return articles


@dataclass
class Allowlist:
    path: Path
    terms: dict[str, tuple[str, int]]  # folded term -> (term as written, line)

    @classmethod
    def load(cls, path: Path) -> "Allowlist":
        if not path.exists():
            return cls(path, {})
        document = load_yaml(path)
        validate(document, "lint-allow", path)
        # Plain strings carry no line of their own: take each item's line from the node tree.
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        items = next(value for key, value in root.value if key.value == "allow").value
        terms = {}
        for item, node in zip(document["allow"], items, strict=True):
            term = (item if isinstance(item, str) else item["term"]).strip()
            terms[fold(term)] = (term, node.start_mark.line + 1)
        return cls(path, terms)


@lru_cache(maxsize=4)
def name_tagger(glossary_forms: tuple[str, ...], cache_dir: str | None):
    """jieba's part-of-speech tokenizer, told the glossary's Chinese forms so that it cuts the
    text around them (a glossed name never glues a neighbour into a false candidate)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    if cache_dir:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = cache_dir
    for form in glossary_forms:
        tokenizer.add_word(form, tag="glossary")
    return jieba.posseg.POSTokenizer(tokenizer)


def tagged_names(text: str, tagger) -> Iterable[tuple[int, int, str]]:
    """(start, end, kind) of each Chinese name jieba tags in the text."""
    offset = 0
    for pair in tagger.cut(text):
        word, flag = pair.word, pair.flag
        start = offset if text.startswith(word, offset) else text.find(word, offset)
        if start < 0:
            continue
        offset = start + len(word)
        kind = NAME_TAGS.get(flag[:2])
        if kind and len(word) >= 2 and all(HAS_HAN.match(char) for char in word):
            yield start, offset, kind


def latin_names(text: str, covered) -> Iterable[tuple[int, int, str]]:
    """Latin-script names (capitalised, CamelCase, ACRONYMS, letters with digits like Qwen2.5)
    not already glossed; neighbouring capitalised words join into one ("Clem Delangue")."""
    narrow = text.translate(WIDTH_TABLE)
    run: list[tuple[int, int]] = []

    def name_like(word: str) -> bool:
        has_letter = any(c.isalpha() for c in word)
        return has_letter and (any(c.isupper() for c in word) or any(c.isdigit() for c in word))

    for match in LATIN_WORD.finditer(narrow):
        start, end = match.span()
        if not name_like(match.group()) or covered(start, end):
            if run:
                yield run[0][0], run[-1][1], "Latin-script name"
            run = []
            continue
        joins = run and narrow[run[-1][1] : start] == " " and match.group()[0].isupper()
        if run and not joins:
            yield run[0][0], run[-1][1], "Latin-script name"
            run = []
        run.append((start, end))
    if run:
        yield run[0][0], run[-1][1], "Latin-script name"


def find_candidates(
    article: SourceArticle, glossary: Glossary, allow: Allowlist, tagger, seen_allowed: set
) -> list[Candidate]:
    """Names in the article that no glossary form covers and the allowlist does not silence."""
    spans = [(m.start, m.end) for m in glossary.matcher(article.lang).find(article.text)]
    spans += [m.span() for m in PLACEHOLDERS.finditer(article.text)]

    def covered(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in spans)

    found: dict[str, list] = {}  # folded term -> [term, kind, count, first start, first end]
    names = list(latin_names(article.text, covered))
    if tagger is not None:
        names += [n for n in tagged_names(article.text, tagger) if not covered(n[0], n[1])]
    for start, end, kind in sorted(names):
        term = article.text[start:end]
        key = fold(term)
        if key in allow.terms:
            seen_allowed.add(key)
            continue
        if key in found:
            found[key][2] += 1
        else:
            found[key] = [term, kind, 1, start, end]
    candidates = [
        Candidate(term, kind, count, article.path, article.line_at(start, end))
        for term, kind, count, start, end in found.values()
    ]
    return sorted(candidates, key=lambda c: (-c.count, c.line, c.term))


def check_placeholders(paths: Iterable[Path], report: Report) -> None:
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for placeholder in PLACEHOLDERS.findall(line):
                report.add(ERROR, path, number, f"fill in the placeholder {placeholder}")


def check_unused_entries(glossary: Glossary, articles, report: Report, fatal: bool) -> None:
    """The build's rule: an entry is used when term marking finds it in some article."""
    used = set()
    for article in articles:
        matches = glossary.matcher(article.lang).find(
            article.text, accept=article.layer.within_one_segment
        )
        used.update(m.key for m in matches)
    for entry in glossary.entries.values():
        if entry.id not in used:
            report.add(
                ERROR if fatal else WARNING,
                glossary.path,
                entry.line,
                "matches nothing in any article: add the form an article uses to `aliases` "
                "(or `en_aliases`), or remove the entry",
                entry.id,
            )


def describe_places(article: SourceArticle, text: str) -> str:
    lines = article.lines_of(occurrences(article.text, text), len(text))
    where = ", ".join(str(line) for line in lines)
    return f"{article.path.name} line{'s' if len(lines) > 1 else ''} {where}"


def anchor_error(article: SourceArticle, quote: Quote, error: AnchorError) -> str:
    if error.count > 1:
        return f"{error} in {describe_places(article, quote.prefix + quote.exact + quote.suffix)}"
    return f"{error} in {article.path.name}"


def check_events(timeline: Timeline, articles, drafts: set, report: Report) -> None:
    slugs = {a.slug for a in articles}
    for event in timeline.events:

        def fail(message, event=event):
            report.add(ERROR, timeline.path, event.line, message, event.id)

        if event.article and event.article not in slugs:
            draft = " (it is a draft)" if event.article in drafts else ""
            fail(f"article: no published article has the slug {event.article!r}{draft}")
            continue
        for lang, quote in event.quotes.items():
            versions = [a for a in articles if a.short_lang == lang]
            if event.article:
                versions = [a for a in versions if a.slug == event.article]
            text = quote.prefix + quote.exact + quote.suffix
            present = [a for a in versions if occurrences(a.text, text)]
            for article in versions:
                try:
                    anchor(article.text, quote)
                except AnchorError as error:
                    if error.count > 1 or event.article:
                        fail(anchor_error(article, quote, error))
            if versions and not present and not event.article:
                fail(f"quote {quote.describe()} is not found in any article (orphaned)")
            elif len(present) > 1 and not event.article:
                names = ", ".join(a.path.name for a in present)
                fail(
                    f"quote {quote.describe()} is found in {len(present)} articles ({names}): "
                    "add `article: <slug>` to say which one it belongs to"
                )


def load_notes(folder: Path, report: Report) -> list[ArticleNotes]:
    """Every notes file, each on its own, so one bad file does not hide the others."""
    loaded, by_article = [], {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            notes = ArticleNotes.load(path)
        except DataError as error:
            report.add_error(error)
            continue
        if notes.article in by_article:
            report.add(
                ERROR,
                path,
                notes.line,
                f"a second notes file for article {notes.article!r} "
                f"(the first is {by_article[notes.article].path.name})",
            )
            continue
        by_article[notes.article] = notes
        loaded.append(notes)
    return loaded


def check_notes(all_notes: list[ArticleNotes], articles, drafts: set, report: Report) -> None:
    for notes in all_notes:
        versions = [a for a in articles if a.slug == notes.article]
        if not versions:
            draft = " (it is a draft)" if notes.article in drafts else ""
            report.add(
                ERROR,
                notes.path,
                notes.line,
                f"article: no published article has the slug {notes.article!r}{draft}",
            )
            continue
        for article in versions:
            placed = []
            for note in notes.notes:
                quote = note.quotes.get(article.short_lang)
                if quote is None:
                    continue
                try:
                    start, end = anchor(article.text, quote)
                except AnchorError as error:
                    report.add(
                        ERROR, notes.path, note.line, anchor_error(article, quote, error), note.id
                    )
                    continue
                placed.append((start, end, note))
            placed.sort(key=lambda item: item[0])
            for earlier, later in zip(placed, placed[1:], strict=False):
                if later[0] < earlier[1]:
                    report.add(
                        ERROR,
                        notes.path,
                        later[2].line,
                        f"its passage overlaps note {earlier[2].id!r} in {article.path.name}",
                        later[2].id,
                    )


def lint(
    content: Path,
    settings: dict,
    *,
    allowlist: Path | None = None,
    cache_dir: Path | None = None,
    names: bool = True,
) -> Report:
    """Check one content folder with Pelican `settings` (PATH is `content`).

    `names=False` skips the candidate names (and so jieba).
    """
    content = Path(content)
    options = merged(settings)
    report = Report()
    try:
        glossary = Glossary.load(content / options["EXPLAINER_GLOSSARY"])
    except DataError as error:
        report.add_error(error)
        return report
    timeline = None
    timeline_path = content / options["EXPLAINER_TIMELINE"]
    if timeline_path.exists():
        try:
            timeline = Timeline.load(timeline_path, set(glossary.entries))
        except DataError as error:
            report.add_error(error)
    notes_folder = content / options["EXPLAINER_NOTES_DIR"]
    all_notes = load_notes(notes_folder, report)
    try:
        allow = Allowlist.load(allowlist or content / ALLOWLIST)
    except DataError as error:
        report.add_error(error)
        allow = Allowlist(allowlist or content / ALLOWLIST, {})

    every = read_articles(content, settings, report)
    articles = [a for a in every if a.status == "published"]
    drafts = {a.slug for a in every if a.status != "published"}
    check_placeholders([a.path for a in every] + [n.path for n in all_notes], report)
    check_unused_entries(glossary, articles, report, options["EXPLAINER_WARN_UNUSED_TERMS"])
    if timeline is not None:
        check_events(timeline, articles, drafts, report)
    check_notes(all_notes, articles, drafts, report)

    if names:
        forms = sorted(
            {
                form.strip()
                for entry in glossary.entries.values()
                for form in entry.surface_forms("zh")
                if HAS_HAN.search(form)
            }
        )
        tagger = name_tagger(tuple(forms), str(cache_dir) if cache_dir else None)
        seen_allowed: set[str] = set()
        default = settings["DEFAULT_LANG"].lower()
        for article in articles:
            if article.lang.lower() == default:
                report.candidates += find_candidates(article, glossary, allow, tagger, seen_allowed)
        for key, (term, line) in allow.terms.items():
            if key not in seen_allowed:
                report.add(
                    WARNING,
                    allow.path,
                    line,
                    f"“{term}” silences nothing (no article has it as a candidate): remove it",
                )
    return report
