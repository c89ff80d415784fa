"""Load the data once per build, annotate every article, and write the glossary pages."""

import contextlib
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

from .annotation_cache import Annotation, AnnotationCache, digest
from .article_writing import SharedWriting
from .background import Background
from .cards import Cards
from .data_cache import DataCache
from .datemarks import mark_dates
from .errors import DataError
from .fragment import parse
from .gcpause import paused_collection
from .glossary import Glossary, PageOccurrences, anchor_id, excerpt
from .notes import load_all, mark_notes, notes_files, passes_into_terms
from .parallel import MIN_DOCUMENTS_PER_WORKER, annotate_in_workers, available_workers
from .partial_dates import PartialDate
from .settings import labels, merged, page_url
from .sitefiles import write_site_files
from .structure import add_ids, heading_ids_of, paragraph_ids, remember_heading_ids
from .terms import mark_terms
from .textlayer import TextLayer
from .timeline import Timeline
from .urls import article_url, href

log = logging.getLogger(__name__)

# Plain-text metadata shown in the article header, annotated with the body in the same pass and
# handed to the theme as `<field>_html` (escaped text plus our markup).
HEADER_FIELDS = ("standfirst", "credit")


class Backlink(NamedTuple):
    """A link from a glossary entry to one of its occurrences. A tuple, which the glossary
    template unpacks in this order: it reads tens of thousands of them, and unpacking is
    faster than Jinja's attribute lookups (a dict's keys it finds only after a failed one)."""

    href: str
    title: str
    context: str


@dataclass
class Backlinks:
    """An entry's places on one glossary page: the first few listed, all counted."""

    shown: list[Backlink] = field(default_factory=list)
    total: int = 0
    pages: set = field(default_factory=set)  # urls of the articles it appears in

    @property
    def more(self) -> int:
        return self.total - len(self.shown)


def parse_document(document):
    """The page the layers annotate: the header fields (escaped text), then the body."""
    fields = "".join(
        f'<div data-explainer-field="{name}">{escape(getattr(document, name))}</div>'
        for name in HEADER_FIELDS
        if getattr(document, name, None)
    )
    return parse(fields + document._content)


def publication_date(document) -> PartialDate:
    """The article's `Published` metadata (its known precision), else Pelican's date."""
    published = getattr(document, "published", None)
    return (
        _parsed(published)
        if published
        else PartialDate(document.date.year, document.date.month, document.date.day)
    )


# Parsed once per text: asked of an article and its offered copy as each result is checked,
# and a site's articles share a few hundred publication dates. A PartialDate is immutable.
_parsed = lru_cache(maxsize=4096)(PartialDate.parse)


def speculative_copy(document) -> SimpleNamespace:
    """What annotating reads of an article just read, before Pelican has matched translations:
    annotated as if it had none, which the build's check of its result confirms or refutes
    (see annotate_beside_background)."""
    return SimpleNamespace(
        _content=document._content,
        **{name: getattr(document, name, None) for name in (*HEADER_FIELDS, "published")},
        lang=document.lang,
        url=article_url(document),
        slug=document.slug,
        title=document.title,
        date=document.date,
        translations=[],
    )


class ExplainerGenerator(Generator):
    """Pelican makes the generators, reads every article, calls generate_context, sends
    `all_generators_finalized` (when the plugin annotates), then calls generate_output."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = merged(self.settings)
        workers = self.options["EXPLAINER_WORKERS"]
        self.background = (
            Background.start(self.prepare_background, self.glance_at_headings)
            if workers != 1 and (workers or available_workers()) > 1
            else None
        )
        # The copies offered, by source path; None for a path offered twice, whose result
        # may be of either.
        self.offered: dict[str, SimpleNamespace | None] = {}
        if self.background:
            signals.content_object_init.connect(self.offer_to_background)

    def offer_to_background(self, content) -> None:
        if isinstance(content, Article) and content.status == "published":
            key, copy = content.source_path, speculative_copy(content)
            self.offered[key] = None if key in self.offered else copy
            self.background.offer(key, copy)

    def prepare_background(self, share):
        """In the background process: load the data (and hand it to the build), then annotate
        whatever is offered."""
        self.load_data(persist=False)
        files = self.data_stamp  # made before loading: a file changed meanwhile shows
        share(files, (self.glossary, self.timeline, self.notes, self.build_inputs))
        # The glossary page's order, which needs pypinyin's dictionaries: loaded here for the
        # first heading anyway, and in the process writing that page no more (0.12 s).
        share(files, self.glossary.order(), "order")
        self.paragraph_ids = {}

        def work(document) -> tuple[tuple, Annotation]:
            return self.data_inputs(document), self.annotate_anew(document)

        return work

    @staticmethod
    def glance_at_headings(documents) -> dict[str, str]:
        """In the background process, at the articles the build will annotate itself: their
        heading ids, which the process makes at a glance and the build only with pypinyin
        loaded (0.12 s and 49 MiB of its own, about 0.06 s of a 1000-article build)."""
        ids: dict[str, str] = {}
        for document in documents:
            ids |= heading_ids_of(document._content)
        return ids

    def stop_background(self):
        """No more offers; the background process, for the caller to finish or close."""
        background, self.background = self.background, None
        if background:
            signals.content_object_init.disconnect(self.offer_to_background)
        return background

    def annotate_beside_background(
        self, documents: list, stored: list, restored: set, settle
    ) -> int:
        """Fill `stored` where the background process or, meanwhile, this one annotates;
        returns how many annotations the background process gave. Each is restored on its
        document (positions added to `restored`, then `settle()` called) as it comes in,
        while the other core still works.
        """
        background = self.stop_background()
        if not background:
            return 0
        # Its copies were annotated as if without translations: only those can be of use.
        usable = {
            document.source_path
            for document, annotation in zip(documents, stored, strict=True)
            if not annotation and not document.translations
        }
        never_sent = usable - background.finish(usable)
        position_of = {
            document.source_path: position for position, document in enumerate(documents)
        }
        given = 0

        def put(position: int, annotation: Annotation) -> None:
            stored[position] = annotation
            self.restore(documents[position], annotation)
            restored.add(position)

        glanced = False

        def annotate_here(position: int) -> None:
            """With the heading ids the process made at a glance, asked for (and waited for,
            a few ms) only once this process annotates an article itself."""
            nonlocal glanced
            if not glanced:
                remember_heading_ids(background.glanced() or {})
                glanced = True
            put(position, self.annotate_anew(documents[position]))

        def take(results: dict) -> None:
            nonlocal given
            for key, (data_inputs, annotation) in results.items():
                position = position_of[key]
                # Popped: the copy's strings, the article's own until it is restored, are freed
                # as it is, and the next results are unpickled into their memory.
                document, offered = documents[position], self.offered.pop(key, None)
                # Made from what the article is now: the data as this process has it, and the
                # copy offered as the article stands (mostly the very same strings: cheap).
                if (
                    stored[position] is None
                    and offered is not None
                    and data_inputs == self.data_inputs(document)
                    and self.document_inputs(offered) == self.document_inputs(document)
                ):
                    put(position, annotation)
                    given += 1
            settle()

        for position, document in enumerate(documents):
            if document.source_path in never_sent:  # all of them, where the process is gone
                annotate_here(position)
        background.share_out(take, lambda key: annotate_here(position_of[key]))
        if self.glossary.adopt_order(background.shared(self.data_stamp, "order")):
            log.debug("explainer: glossary order made by the background process")
        take(background.results())
        return given

    def restore(self, document, annotation: Annotation) -> None:
        """Set an annotation and its tooltip cards on its document, in any order."""
        annotation.restore(document, self.timeline)
        document.term_cards = self.cards.terms(
            annotation.entry_ids, self.glossary, document.lang, annotation.glossary_href
        )
        document.date_cards = self.cards.dates(
            annotation.date_tips, document.lang, annotation.timeline_href
        )

    def render_with(self, articles_generator) -> None:
        """Render the cards and pages with the environment Pelican renders the articles with,
        where there is one: Pelican gives each generator its own, and the theme's templates
        were compiled in both, about 30 ms at 1000 articles, most of it in the page writer,
        which inherits what is compiled before it is forked."""
        if articles_generator is not None:
            self.env, self._templates = articles_generator.env, {}
        self.cards = Cards(self.env, self.settings["DEFAULT_LANG"])

    @paused_collection
    def generate_context(self):
        try:
            self.load_data(persist=True)
        except BaseException:
            if background := self.stop_background():
                background.close()
            raise
        self.occurrences: list[PageOccurrences] = []  # in document order
        self.used_entries: set[str] = set()  # ids of the entries some document links to
        self.cards: Cards | None = None  # see render_with
        self.cache = AnnotationCache(self.settings)
        self.annotated: list = []
        originals = self.context.get("articles", [])
        self.documents = [*originals, *(t for a in originals for t in a.translations)]
        default = self.settings["DEFAULT_LANG"]
        self.languages = sorted(
            {d.lang for d in self.documents} | {default}, key=lambda lang: (lang != default, lang)
        )
        self.context["INDEX_URLS"] = {
            lang: "" if lang == default else f"{lang}/" for lang in self.languages
        }
        self.paragraph_ids = {
            id(d): paragraph_ids(d._content) for d in self.documents if d.translations
        }
        self.context["GLOSSARY_URLS"] = self.options["EXPLAINER_GLOSSARY_URL"]
        self.context["TIMELINE_URLS"] = (
            self.options["EXPLAINER_TIMELINE_URL"] if self.timeline else {}
        )

    def data_files(self) -> list:
        """Each data file with its modification time and size: what the loaded data is of."""
        content = Path(self.settings["PATH"])
        paths = [
            str(content / self.options["EXPLAINER_GLOSSARY"]),
            str(content / self.options["EXPLAINER_TIMELINE"]),
            *notes_files(content / self.options["EXPLAINER_NOTES_DIR"]),
        ]
        found = []
        for path in paths:
            with contextlib.suppress(FileNotFoundError):
                stat = os.stat(path)
                found.append((path, stat.st_mtime_ns, stat.st_size))
        return found

    def load_data(self, *, persist: bool) -> None:
        """Glossary, timeline and notes, checked; `persist` saves them in the data cache,
        which, when on, serves them instead of the background process."""
        self.data_stamp = self.data_files()  # stat()s every notes file: made once
        handed = (
            self.background.shared(self.data_stamp)
            if persist and self.background and not self.settings.get("CACHE_CONTENT")
            else None
        )
        if handed:
            self.glossary, self.timeline, self.notes, self.build_inputs = handed
            log.debug("explainer: data handed over by the background process")
            return
        content = Path(self.settings["PATH"])
        stored = DataCache(self.settings)
        glossary_path = content / self.options["EXPLAINER_GLOSSARY"]
        self.glossary = stored.load(glossary_path, Glossary.load)
        timeline_path = content / self.options["EXPLAINER_TIMELINE"]
        self.timeline = (
            stored.load(
                timeline_path,
                lambda path: Timeline.load(path, set(self.glossary.entries)),
                self.glossary.digest,
            )
            if timeline_path.exists()
            else None
        )
        self.notes = load_all(content / self.options["EXPLAINER_NOTES_DIR"], stored.load)
        if persist:
            stored.save()
        # Everything besides the document that every annotation is made from, digested once.
        self.build_inputs = digest(
            self.options,
            [self.settings.get(name) for name in ("SITEURL", "RELATIVE_URLS", "DEFAULT_LANG")],
            self.glossary.digest,
            self.timeline.digest if self.timeline else None,
        )

    def fingerprint(self, document) -> str:
        """Of everything an annotation of `document` is made from, save the plugin's code (the
        background process runs the same code; the cache's key adds it)."""
        return digest(*self.data_inputs(document), *self.document_inputs(document))

    def data_inputs(self, document) -> tuple:
        """What an annotation of `document` is made from besides the document itself, as this
        process loaded it: the build-wide inputs and the document's notes file."""
        notes = self.notes.get(document.slug)
        return self.build_inputs, notes.digest if notes else None

    def document_inputs(self, document) -> tuple:
        """What a document's annotation is made from of the document itself. Its strings are
        mostly the very objects of the copy offered to the background process, so comparing
        the two is far cheaper than digesting them (0.02 s at 1000 articles, in each
        process)."""
        return (
            document._content,
            [getattr(document, name, None) for name in HEADER_FIELDS],
            document.lang,
            article_url(document),
            document.slug,
            document.title,
            publication_date(document),
            [(t.lang, t.url, self.paragraph_ids.get(id(t))) for t in document.translations],
        )

    def annotate(self, documents: list) -> None:
        """Annotate every article and page, in document order: from the cache where nothing it
        is made from changed, else anew (in worker processes when there are enough)."""
        keys = [
            self.cache.key(self.fingerprint(document)) if self.cache.enabled else None
            for document in documents
        ]
        stored = [self.cache.get(key) for key in keys]
        cached = len(documents) - stored.count(None)
        restored: set[int] = set()
        settled = 0  # the documents before it are restored and settled

        def settle() -> None:
            """In document order, as far as documents are restored: what each adds to the
            site (its timeline passages, in the order the timeline page lists them, and its
            occurrences). Mostly while the background process still works, so that little
            is left for when this core works alone."""
            nonlocal settled
            while settled < len(documents) and settled in restored:
                document, annotation = documents[settled], stored[settled]
                self.annotated.append(document)
                annotation.record_passages(document, self.timeline)
                self.cache.put(keys[settled], annotation)
                self.occurrences.append(annotation.occurrences)
                self.used_entries.update(annotation.entry_ids)
                settled += 1

        given = self.annotate_beside_background(documents, stored, restored, settle)
        self.offered = {}  # checked against: no longer needed
        log.debug(
            "explainer: %d documents, %d from the annotation cache, %d from the background "
            "process, %d by this process beside it, %d after it",
            len(documents),
            cached,
            given,
            len(documents) - stored.count(None) - cached - given,
            stored.count(None),
        )
        anew = [
            document
            for document, annotation in zip(documents, stored, strict=True)
            if annotation is None
        ]
        for lang in {document.lang for document in anew}:
            self.glossary.matcher(lang)  # built once, before any worker is forked
        made = iter(
            annotate_in_workers(self.annotate_anew, anew, self.options["EXPLAINER_WORKERS"])
        )
        for position, (document, annotation) in enumerate(zip(documents, stored, strict=True)):
            if position in restored:
                continue
            if annotation is None:
                annotation = next(made)
            if annotation is None:
                annotation = self.annotate_anew(document)
            stored[position] = annotation
            self.restore(document, annotation)
            restored.add(position)
            settle()
        settle()  # the restored ones after the last that was not

    def annotate_anew(self, document) -> Annotation:
        """Apply every layer to one article or page: one parse, one serialisation. The result
        is set on the document by Annotation.restore, as a cached or forked one is."""
        lang, url = document.lang, document.url  # Pelican computes `url` at every look
        page = parse_document(document)
        words = labels(self.settings, lang)
        counterparts = [
            (t.lang, t.url, self.paragraph_ids.get(id(t), [])) for t in document.translations
        ]
        toc = add_ids(
            page,
            words,
            counterparts=[
                (other_lang, href(url, other_url, self.settings), ids)
                for other_lang, other_url, ids in counterparts
            ],
        )
        glossary_href = href(url, page_url(self.settings, "GLOSSARY", lang), self.settings)
        layer = TextLayer(page)
        found = mark_terms(
            page,
            self.glossary,
            lang=lang,
            density=self.options["EXPLAINER_TERM_DENSITY"],
            glossary_href=glossary_href,
            layer=layer,
        )
        # The layer kept up with the new term links, so it now shows the page as the passage
        # layers see it (they look into terms), unless the page came with marked terms.
        if layer.marked:
            layer = TextLayer(page, skip=passes_into_terms)
        notes = self.notes.get(document.slug)
        if notes:
            mark_notes(page, notes, lang, words, layer)
        timeline_url = page_url(self.settings, "TIMELINE", lang)

        def event_href(event_id):
            return href(url, f"{timeline_url}#{event_id}", self.settings)

        events = (
            self.timeline.mark_passages(
                page,
                slug=document.slug,
                lang=lang,
                labels=words,
                event_href=event_href,
                layer=layer,
            )
            if self.timeline
            else []
        )
        date_tips = mark_dates(
            page,
            published=publication_date(document),
            lang=lang,
            timeline=self.timeline,
            events_here=events,
            event_href=event_href,
            layer=layer,
        )
        fields = {}
        for header in [child for child in page.children if getattr(child, "name", None)]:
            if header.has_attr("data-explainer-field"):
                fields[f"{header['data-explainer-field']}_html"] = header.inner_html()
                header.extract()
        content = page.inner_html(release=True)
        return Annotation(
            content=content,
            fields=fields,
            toc=toc,
            glossary_href=glossary_href,
            entry_ids=list(dict.fromkeys(occurrence.entry_id for occurrence in found)),
            key_points=notes.key_points.get(lang[:2], []) if notes else [],
            timeline_href=href(url, timeline_url, self.settings),
            event_ids=[event.id for event in events],
            date_tips=[tuple(tip) for tip in date_tips],
            occurrences=PageOccurrences.of(found, url, document.title, lang),
        )

    def check_anchors(self) -> None:
        """Quotes of events and notes must each have found their article."""
        if self.timeline:
            self.timeline.check_quotes_anchored()
        self.check_notes_have_articles()

    def check_notes_have_articles(self) -> None:
        slugs = {document.slug for document in self.annotated}
        for slug, notes in self.notes.items():
            if slug not in slugs:
                raise DataError(
                    notes.path, f"article: no article has the slug {slug!r}", line=notes.line
                )

    def warn_about_unused_entries(self) -> None:
        unused = [
            entry for entry in self.glossary.entries.values() if entry.id not in self.used_entries
        ]
        if unused and self.options["EXPLAINER_WARN_UNUSED_TERMS"]:
            listing = ", ".join(f"{entry.id} (line {entry.line})" for entry in unused)
            log.warning(
                "%s: %d glossary entries match nothing in any article: %s",
                self.glossary.path,
                len(unused),
                listing,
            )

    def alternates(self, page: str) -> list[dict]:
        return [
            {"lang": lang, "url": page_url(self.settings, page, lang)} for lang in self.languages
        ]

    def write_pages_in_background(self, generators: list) -> None:
        """Start writing the glossary and timeline pages in a forked process, which then
        shares the writing of the articles with Pelican (see article_writing): at 1000
        articles the glossary page takes a third of a second. Only for sites large enough to
        repay the fork."""
        self.page_writer = None
        if self.options["EXPLAINER_WORKERS"] != 1 and (
            len(self.annotated) >= MIN_DOCUMENTS_PER_WORKER
        ):
            self.page_writer = SharedWriting.start(
                self.write_data_pages,
                self.output_path,
                self.settings,
                next((g for g in generators if isinstance(g, ArticlesGenerator)), None),
                next((g for g in generators if isinstance(g, PagesGenerator)), None),
            )

    def write_data_pages(self, writer) -> None:
        self.write_glossary(writer)
        if self.timeline:
            self.write_timeline(writer)

    @paused_collection
    def generate_output(self, writer):
        self.write_indexes(writer)
        if self.page_writer:
            self.page_writer.finish(self.write_data_pages, writer)
        else:
            self.write_data_pages(writer)
        pages = ["GLOSSARY", "TIMELINE"] if self.timeline else ["GLOSSARY"]
        groups = [list(self.context["INDEX_URLS"].items())]
        groups += [[(a["lang"], a["url"]) for a in self.alternates(page)] for page in pages]
        # Each document's url, as its annotation was made for it: Pelican computes `url` at
        # every look (5 µs).
        url_of = {
            id(d): page.page_url for d, page in zip(self.annotated, self.occurrences, strict=True)
        }
        groups += [
            [(d.lang, url_of.get(id(d)) or d.url) for d in (original, *original.translations)]
            for original in self.context.get("articles", [])
        ]
        write_site_files(Path(self.output_path), self.settings, groups)

    def write_indexes(self, writer):
        """Pelican writes the default language's index; this writes the others'."""
        template = self.get_template("index")
        index_alternates = [
            {"lang": lang, "url": url} for lang, url in self.context["INDEX_URLS"].items()
        ]
        for lang, url in self.context["INDEX_URLS"].items():
            if lang == self.settings["DEFAULT_LANG"]:
                continue
            articles = [d for d in self.documents if d.lang == lang]
            self.write_page(writer, template, lang, url, index_alternates, articles=articles)

    def write_page(self, writer, template, lang: str, url: str, alternates, **context) -> None:
        """One generated page in one language, linked to its versions in the others."""
        writer.write_file(
            url + "index.html",
            template,
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=url,
            page_lang=lang,
            page_url=url,
            alternates=alternates,
            **context,
        )

    def write_timeline(self, writer):
        template = self.get_template("timeline")
        for lang in sorted(self.languages):
            url = page_url(self.settings, "TIMELINE", lang)
            in_article = {
                event.id: [
                    href(url, f"{page}#{marker}", self.settings)
                    for passage_lang, page, marker in event.passages
                    if passage_lang == lang
                ]
                for event in self.timeline.events
            }
            self.write_page(
                writer,
                template,
                lang,
                url,
                self.alternates("TIMELINE"),
                timeline=self.timeline,
                in_article=in_article,
                glossary=self.glossary,
                glossary_href=href(url, page_url(self.settings, "GLOSSARY", lang), self.settings),
            )

    def backlinks(self) -> dict[str, dict[str, Backlinks]]:
        """Each language's backlinks, by entry, from one walk over the site's occurrences."""
        shown = self.options["EXPLAINER_GLOSSARY_BACKLINKS"]
        by_lang: dict[str, dict[str, Backlinks]] = {}
        glossary_urls: dict[str, str] = {}
        for page in self.occurrences:
            lang = page.lang
            backlinks = by_lang.get(lang)
            if backlinks is None:
                backlinks = by_lang[lang] = {}
                glossary_urls[lang] = page_url(self.settings, "GLOSSARY", lang)
            # The columns read in place: a context is cut out only for the few listed (a
            # generator and a slice for each of 75,000 occurrences took a fifth of the walk).
            url, contexts, start = page.page_url, page.contexts, 0
            # The link to the page, made once: its backlinks differ by their anchor only.
            link = href(glossary_urls[lang], url, self.settings) + "#"
            columns = zip(page.entry_ids, page.numbers, page.context_ends, strict=True)
            for entry_id, number, end in columns:
                places = backlinks.get(entry_id)
                if places is None:
                    places = backlinks[entry_id] = Backlinks()
                places.total += 1
                places.pages.add(url)
                if len(places.shown) < shown:
                    places.shown.append(
                        Backlink(
                            link + anchor_id(entry_id, number),
                            page.page_title,
                            excerpt(contexts[start:end]),
                        )
                    )
                start = end
        return by_lang

    def write_glossary(self, writer):
        template = self.get_template("glossary")
        backlinks = self.backlinks()
        for lang in sorted(self.languages):
            url = page_url(self.settings, "GLOSSARY", lang)
            self.write_page(
                writer,
                template,
                lang,
                url,
                self.alternates("GLOSSARY"),
                glossary=self.glossary,
                groups=self.glossary.by_kind(),
                backlinks=backlinks.get(lang, {}),
            )
