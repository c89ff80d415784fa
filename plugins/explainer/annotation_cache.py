"""Each document's annotation kept in Pelican's cache folder, so a rebuild redoes only what changed.

With Pelican's content cache on (CACHE_CONTENT, LOAD_CONTENT_CACHE), a rebuild after editing one
article re-read only that article but still annotated them all. Now what annotating a document
produced is stored as data, keyed by everything it was made from: the document's HTML and
metadata, its translations' paragraph ids, the glossary, the timeline, its notes file, the
plugin's settings and the plugin's own code. A document whose key is unchanged gets its stored
annotation back; the output is the same as a cold build's (tests/test_cache.py checks it).

The file is an uncompressed pickle, as Pelican's own caches are pickles: compressing some 40 KB
of annotated HTML per article would cost more than it saves.
"""

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

PLUGIN = Path(__file__).resolve().parent
FILE_NAME = "explainer-annotations.pickle"


@dataclass
class Annotation:
    """What annotating one document set on it and on the shared timeline."""

    content: str
    fields: dict  # "<field>_html" -> HTML of a header field
    toc: list
    glossary_href: str
    entry_ids: list  # the glossary entries used, in page order
    key_points: list
    timeline_href: str
    event_ids: list  # of the timeline events marked, in date order
    date_tips: list  # datemarks.DateTip's fields, as plain tuples: pickled in a third of the time
    occurrences: tuple  # glossary.PageOccurrences: columns, which pickle fastest

    def restore(self, document, timeline) -> None:
        """Set the annotation on the document: for every document, made here, in another
        process or taken from the cache, in any order (see `record_passages`)."""
        document._content = self.content
        for name, html in self.fields.items():
            setattr(document, name, html)
        document.toc = self.toc
        document.key_points = self.key_points
        document.timeline_href = self.timeline_href
        document.timeline_events = (
            [timeline.by_id[event_id] for event_id in self.event_ids] if timeline else []
        )

    def record_passages(self, document, timeline) -> None:
        """Record the document's events' passages on the timeline, in document order (the
        order the timeline page lists them in), once the document is restored. At the url the
        annotation was made for, which is the document's (an annotation is used only then),
        and which Pelican would compute again."""
        if timeline:
            page = self.occurrences
            timeline.record_passages(document.timeline_events, page.lang, page.page_url)


def digest(*parts) -> str:
    """A short hash of `parts`: strings by their own bytes, anything else by its repr (the repr
    of a page's HTML cost three times its encoding: 0.05 of a 1000-article build's 0.07 s of
    fingerprints), each part tagged and its length given, so that no other parts hash alike."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        text, kind = (part, b"s") if isinstance(part, str) else (repr(part), b"r")
        data = text.encode("utf-8", "surrogatepass")
        hasher.update(kind + len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def file_digest(path: Path | None) -> str | None:
    return bytes_digest(path.read_bytes()) if path else None


def code_digest() -> str:
    """The plugin's own source and the libraries whose output ends up in the annotation."""
    from importlib.metadata import version  # pypinyin itself takes 0.14 s to import

    sources = [path.read_bytes() for path in sorted(PLUGIN.glob("*.py"))]
    return digest(sources, *(version(name) for name in ("markdown", "nh3", "pypinyin")))


class AnnotationCache:
    """Annotations by key: loaded when LOAD_CONTENT_CACHE is on, saved when CACHE_CONTENT is."""

    def __init__(self, settings: dict):
        self.enabled = bool(settings.get("CACHE_CONTENT"))
        self.path = Path(settings["CACHE_PATH"]) / FILE_NAME
        self.stored: dict[str, Annotation] = {}
        self.used: dict[str, Annotation] = {}
        if not self.enabled:
            return
        self.code = code_digest()
        if settings.get("LOAD_CONTENT_CACHE") and self.path.exists():
            try:
                with self.path.open("rb") as file:
                    self.stored = pickle.load(file)
            except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
                self.stored = {}  # unreadable or from an older plugin: annotate anew

    def key(self, fingerprint: str) -> str | None:
        """The key of a document's annotation: its fingerprint (everything it is made from,
        the generator's `fingerprint`) and the plugin's own code."""
        return digest(self.code, fingerprint) if self.enabled else None

    def get(self, key: str | None) -> Annotation | None:
        return self.stored.get(key) if key else None

    def put(self, key: str | None, annotation: Annotation) -> None:
        if key:
            self.used[key] = annotation

    def save(self) -> None:
        """Keep the annotations of this build only, so stale ones do not pile up."""
        if not self.enabled:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("wb") as file:
            pickle.dump(self.used, file, protocol=pickle.HIGHEST_PROTOCOL)
