"""The site-wide glossary: entries loaded and checked, matched in pages, indexed by occurrence."""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .data import HasLine, load_checked
from .errors import DataError
from .matcher import Pattern, TermMatcher, fold
from .partial_dates import PartialDate
from .sanitize import render_markdown

KINDS = ("person", "organisation", "product", "event", "concept", "place")
RESERVED_PREFIXES = ("ref-", "tip-", "kind-", "note-", "event-", "p-")
HAS_HAN = re.compile(r"[\u3400-\u9fff]")


def anchor_id(entry_id: str, number: int | str) -> str:
    """The element id of an entry's `number`th link on a page."""
    return f"ref-{entry_id}-{number}"


def excerpt(context: str) -> str:
    """A context as the backlink list shows it, on one line. Made only for the occurrences
    listed (at most a few per entry), not for each of the site's thousands."""
    return " ".join(context.split())


class Occurrence(NamedTuple):
    """A term linked on a page (whose url, title and language PageOccurrences holds)."""

    entry_id: str
    number: int  # of the entry's links on the page, from 1
    context: str  # a few characters around the term, for the backlink list


class PageOccurrences(NamedTuple):
    """A page's occurrences as the glossary page's backlinks read them, in columns: a site has
    tens of thousands, handed over from the background process and kept until the glossary
    page is written. Its contexts in one string unpickle in a quarter of the time of a string
    and a tuple each (8 against 31 ms for 1000 articles' worth), and the build touches 8,000
    fewer pages of memory."""

    page_url: str
    page_title: str
    lang: str
    entry_ids: list[str]
    numbers: list[int]
    contexts: str  # every context, one after the other
    context_ends: list[int]  # where each ends in `contexts`

    @classmethod
    def of(cls, occurrences: list[Occurrence], page_url: str, page_title: str, lang: str):
        ends, end = [], 0
        for occurrence in occurrences:
            end += len(occurrence.context)
            ends.append(end)
        return cls(
            page_url,
            page_title,
            lang,
            [occurrence.entry_id for occurrence in occurrences],
            [occurrence.number for occurrence in occurrences],
            "".join(occurrence.context for occurrence in occurrences),
            ends,
        )


@dataclass
class Entry(HasLine):
    id: str
    term: str
    english: str
    kind: str
    definition: dict
    where: int | tuple
    pinyin: str = ""
    aliases: list = field(default_factory=list)
    en_aliases: list = field(default_factory=list)
    case_sensitive: bool = True
    note: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)
    as_of: str = ""
    related: list = field(default_factory=list)

    def note_html(self, lang: str) -> str:
        """The note in one language (a page shows one), rendered and cleaned."""
        return render_markdown(self.note[lang])

    @property
    def as_of_date(self) -> PartialDate | None:
        return PartialDate.parse(self.as_of) if self.as_of else None

    def surface_forms(self, lang: str) -> list[str]:
        if lang.startswith("zh"):
            return [self.term, *self.aliases]
        return [self.english, *self.en_aliases]

    def sort_key(self) -> tuple:
        """Pinyin order for Chinese terms, alphabetical for Latin ones, in one sequence."""
        # Imported here, when the glossary page is written (see by_kind): its dictionaries take
        # 0.12 s to load, which loading the glossary does not need.
        from pypinyin import lazy_pinyin

        return (" ".join(lazy_pinyin(self.term)).lower(), self.term)


class Glossary:
    def __init__(self, entries: list[Entry], path: Path, digest: str | None = None):
        self.path = path
        self.digest = digest  # of the file's bytes: what every annotation is made from
        self.entries = {entry.id: entry for entry in entries}
        self._matchers: dict[str, TermMatcher] = {}
        self._by_kind: list[tuple[str, list[Entry]]] | None = None

    @classmethod
    def load(cls, path: Path) -> "Glossary":
        document, digest = load_checked(path, "glossary")
        entries = [Entry(where=raw.where, **raw) for raw in document["entries"]]
        glossary = cls(entries, path, digest)
        glossary._check(entries)
        return glossary

    def _check(self, entries: list[Entry]) -> None:
        seen: dict[str, Entry] = {}
        for entry in entries:

            def fail(message, entry=entry):
                raise DataError(self.path, message, line=entry.line, entry=entry.id)

            if entry.id in seen:
                fail(f"duplicate id (first used on line {seen[entry.id].line})")
            seen[entry.id] = entry
            if entry.id.startswith(RESERVED_PREFIXES):
                fail(f"ids may not start with {', '.join(RESERVED_PREFIXES)} (used by the pages)")
            if (
                entry.kind in ("person", "organisation")
                and HAS_HAN.search(entry.term)
                and not entry.pinyin
            ):
                fail(f"pinyin is required for a Chinese {entry.kind} name")
            if entry.as_of:
                try:
                    PartialDate.parse(entry.as_of)
                except ValueError as error:
                    fail(f"as_of: {error}")
        for entry in entries:
            for related in entry.related:
                if related not in self.entries:
                    raise DataError(
                        self.path,
                        f"related: no entry has the id {related!r}",
                        line=entry.line,
                        entry=entry.id,
                    )
        for lang in ("zh", "en"):
            self._check_aliases(entries, lang)

    def _check_aliases(self, entries: list[Entry], lang: str) -> None:
        claimed: dict[str, tuple[Entry, str]] = {}
        for entry in entries:
            for form in entry.surface_forms(lang):
                key = fold(form.strip())
                if key not in claimed:
                    claimed[key] = (entry, form)
                    continue
                owner, owner_form = claimed[key]
                both_exact = entry.case_sensitive and owner.case_sensitive and form != owner_form
                if owner.id != entry.id and not both_exact:
                    raise DataError(
                        self.path,
                        f"alias {form!r} is already claimed by entry "
                        f"{owner.id!r} (line {owner.line})",
                        line=entry.line,
                        entry=entry.id,
                    )

    def matcher(self, lang: str) -> TermMatcher:
        """One automaton per language, built once per build."""
        key = "zh" if lang.startswith("zh") else "en"
        if key not in self._matchers:
            patterns = {}
            for entry in self.entries.values():
                for form in entry.surface_forms(key):
                    patterns[(form.strip(), entry.id)] = Pattern(
                        form.strip(), entry.id, entry.case_sensitive
                    )
            self._matchers[key] = TermMatcher(list(patterns.values()))
        return self._matchers[key]

    def by_kind(self) -> list[tuple[str, list[Entry]]]:
        """Entries grouped by kind, in pinyin order; sorted once, by the background process
        (see `order`) or when the glossary page is written: pinyin for 2000 terms takes 0.2 s,
        importing pypinyin included."""
        if self._by_kind is None:
            self._by_kind = []
            for kind in KINDS:
                members = sorted(
                    (e for e in self.entries.values() if e.kind == kind), key=Entry.sort_key
                )
                if members:
                    self._by_kind.append((kind, members))
        return self._by_kind

    def order(self) -> list[tuple[str, list[str]]]:
        """by_kind as entry ids: what a process that has sorted the entries hands another."""
        return [(kind, [entry.id for entry in members]) for kind, members in self.by_kind()]

    def adopt_order(self, order: list[tuple[str, list[str]]] | None) -> bool:
        """Take another process's `order` of these same entries, sparing the sort."""
        if order is None or self._by_kind is not None:
            return False
        ids = [entry_id for _, members in order for entry_id in members]
        if len(ids) != len(self.entries) or set(ids) != self.entries.keys():
            return False
        self._by_kind = [
            (kind, [self.entries[entry_id] for entry_id in members]) for kind, members in order
        ]
        return True
