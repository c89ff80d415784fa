"""The timeline: dated events in eras, checked, ordered, and tied to article passages."""

from dataclasses import dataclass, field
from pathlib import Path

from .anchors import AnchorError, Quote, QuoteFinder, anchor
from .data import HasLine, line_at, load_checked
from .errors import DataError
from .fragment import Element, tag
from .notes import passes_into_terms
from .partial_dates import PartialDate
from .textlayer import TextLayer


@dataclass
class Era(HasLine):
    id: str
    title: dict
    start: PartialDate
    end: PartialDate
    where: int | tuple
    certainty: str = "verified"
    events: list = field(default_factory=list)

    def contains(self, date: PartialDate) -> bool:
        return self.start.first_day() <= date.first_day() and date.last_day() <= self.end.last_day()


@dataclass
class Event(HasLine):
    id: str
    date: PartialDate
    category: str
    title: dict
    description: dict
    where: int | tuple
    index: int
    end: PartialDate | None = None
    approximate: bool = False
    date_label: dict = field(default_factory=dict)
    sort_as: PartialDate | None = None
    era: str = ""
    glossary: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    certainty: str = "verified"
    after_article: bool = False
    article: str = ""
    quotes: dict = field(default_factory=dict)  # "zh"/"en" -> Quote
    passages: list = field(default_factory=list)  # (lang, page url, marker id) when annotating

    def fail(self, path: Path, message: str):
        raise DataError(path, message, line=self.line, entry=self.id)

    def sort_key(self):
        return ((self.sort_as or self.date).first_day(), self.index)

    def label(self, lang: str) -> str:
        short = lang[:2]
        if self.date_label:
            return self.date_label[short]
        text = self.date.label(lang)
        if self.end:
            text += "—" + self.end.label(lang)
        return text


def marker_id(event_id: str) -> str:
    """The id of an event's marker in an article (one per event and article)."""
    return f"event-ref-{event_id}"


class Timeline:
    def __init__(
        self,
        path: Path,
        categories: list[str],
        eras: list[Era],
        events: list[Event],
        digest: str | None = None,
    ):
        self.path, self.categories = path, categories
        self.digest = digest  # of the file's bytes: what every annotation is made from
        self.eras = {era.id: era for era in eras}
        self.events = sorted(events, key=Event.sort_key)
        self.by_id = {event.id: event for event in self.events}
        self._quotes: dict[str, tuple] = {}
        for event in self.events:
            if event.era:
                self.eras[event.era].events.append(event)

    @classmethod
    def load(cls, path: Path, glossary_ids: set[str]) -> "Timeline":
        document, digest = load_checked(path, "timeline")
        categories = list(document["categories"])
        eras, seen = [], {}
        for raw in document.get("eras", []):
            era = Era(
                raw["id"],
                raw["title"],
                cls._date(path, raw, "start"),
                cls._date(path, raw, "end"),
                raw.where,
                raw.get("certainty", "verified"),
            )
            if era.end.last_day() < era.start.first_day():
                raise DataError(
                    path, "end: the era ends before it starts", line=raw.line, entry=era.id
                )
            eras.append(era)
            seen[era.id] = raw.where
        era_ids = {era.id: era for era in eras}
        events = []
        for index, raw in enumerate(document["events"]):
            event = cls._event(path, raw, index)
            if event.id in seen:
                event.fail(path, f"duplicate id (first on line {line_at(seen[event.id])})")
            seen[event.id] = raw.where
            if event.category not in categories:
                known = ", ".join(categories)
                event.fail(path, f"category: unknown category {event.category!r} (known: {known})")
            if event.era and event.era not in era_ids:
                event.fail(path, f"era: no era has the id {event.era!r}")
            if event.era and not era_ids[event.era].contains(event.date):
                event.fail(path, f"date: {event.date.iso} lies outside era {event.era!r}")
            for entry_id in event.glossary:
                if entry_id not in glossary_ids:
                    event.fail(path, f"glossary: no glossary entry has the id {entry_id!r}")
            events.append(event)
        return cls(path, categories, eras, events, digest)

    @staticmethod
    def _date(path: Path, raw: dict, key: str) -> PartialDate | None:
        if key not in raw:
            return None
        try:
            return PartialDate.parse(raw[key])
        except ValueError as error:
            raise DataError(
                path, f"{key}: {error}", line=raw.key_lines.get(key, raw.line), entry=raw.get("id")
            ) from None

    @classmethod
    def _event(cls, path: Path, raw: dict, index: int) -> Event:
        event = Event(
            id=raw["id"],
            date=cls._date(path, raw, "date"),
            category=raw["category"],
            title=raw["title"],
            description=raw["description"],
            where=raw.where,
            index=index,
            end=cls._date(path, raw, "end"),
            approximate=raw.get("approximate", False),
            date_label=raw.get("date_label", {}),
            sort_as=cls._date(path, raw, "sort_as"),
            era=raw.get("era", ""),
            glossary=raw.get("glossary", []),
            sources=raw.get("sources", []),
            certainty=raw.get("certainty", "verified"),
            after_article=raw.get("after_article", False),
            article=raw.get("article", ""),
            quotes={
                lang: Quote.from_data(raw[key])
                for lang, key in (("zh", "quote"), ("en", "quote_en"))
                if key in raw
            },
        )
        if event.end and event.end.last_day() < event.date.first_day():
            raise DataError(
                path, "end: the event ends before it starts", line=raw.line, entry=event.id
            )
        return event

    def candidates(self, text: str, slug: str, short: str) -> list[Event]:
        """The events that may be quoted in this article, in timeline order.

        Those tied to it by `article`, and the unattached ones whose quote occurs in its text:
        one search for all quotes, instead of one per event and article (quadratic at scale).
        """
        if short not in self._quotes:
            quoted = [event for event in self.events if short in event.quotes]
            by_needle: dict[str, list[Event]] = {}
            by_article: dict[str, list[Event]] = {}
            for event in quoted:
                if event.article:
                    by_article.setdefault(event.article, []).append(event)
                else:
                    quote = event.quotes[short]
                    by_needle.setdefault(quote.prefix + quote.exact + quote.suffix, []).append(
                        event
                    )
            finder = QuoteFinder(event.quotes[short] for event in quoted if not event.article)
            self._quotes[short] = (finder, by_needle, by_article)
        finder, by_needle, by_article = self._quotes[short]
        found = [event for needle in finder.places(text) for event in by_needle[needle]]
        found += by_article.get(slug, [])
        return sorted(found, key=Event.sort_key)

    def mark_passages(
        self,
        page: Element,
        *,
        slug: str,
        lang: str,
        event_href,
        labels: dict,
        layer: TextLayer | None = None,
    ) -> list[Event]:
        """Put a marker after each event's passage in this article; return them in date order.

        `layer`, when given, is the page's TextLayer as `passes_into_terms` sees it. The
        events' `passages` are the build's to record (`record_passages`), in document order.
        """
        short = lang[:2]
        layer = layer or TextLayer(page, skip=passes_into_terms)
        placed = []
        for event in self.candidates(layer.text, slug, short):
            try:
                start, end = anchor(layer.text, event.quotes[short])
            except AnchorError as error:
                raise DataError(self.path, str(error), line=event.line, entry=event.id) from None
            placed.append((end, event))
        for end, event in sorted(placed, key=lambda item: item[0], reverse=True):
            marker = tag(
                "a",
                {
                    "class": "event-marker",
                    "id": marker_id(event.id),
                    "href": event_href(event.id),
                    "data-ui": "",
                },
                tag("span", {"aria-hidden": "true"}, "◷"),
                tag(
                    "span",
                    {"class": "visually-hidden"},
                    f"{labels['timeline']}：{event.title[short]}",
                ),
            )
            layer.insert_at(end, marker)
        return sorted((event for _, event in placed), key=Event.sort_key)

    @staticmethod
    def record_passages(events: list[Event], lang: str, page_url: str) -> None:
        """Note that these events are marked in this page (for the links from the timeline)."""
        for event in events:
            event.passages.append((lang, page_url, marker_id(event.id)))

    def check_quotes_anchored(self) -> None:
        """Each quoted event found, and, without `article`, in one article per language only."""
        for event in self.events:
            pages_by_lang: dict[str, list[str]] = {}
            for lang, page, _ in event.passages:
                pages_by_lang.setdefault(lang, []).append(page)
            for pages in pages_by_lang.values():
                if len(pages) > 1:
                    raise DataError(
                        self.path,
                        f"quote found in {len(pages)} articles "
                        f"({', '.join(pages)}): name one with `article:`",
                        line=event.line,
                        entry=event.id,
                    )
            if event.quotes and not event.passages:
                raise DataError(
                    self.path,
                    f"quote {next(iter(event.quotes.values())).describe()}"
                    " is not found in any article (orphaned)",
                    line=event.line,
                    entry=event.id,
                )
