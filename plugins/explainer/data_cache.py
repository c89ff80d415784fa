"""Data files, loaded and checked, kept in Pelican's cache folder by the digest of their bytes.

Parsing a 2000-entry glossary takes a tenth of a second of every rebuild, most of it in
libyaml; a file whose bytes (and whose dependencies, such as the glossary ids a timeline
checks against) are unchanged is taken from the cache instead, as it was right after loading.
Used, like the annotation cache, only with Pelican's content cache on.
"""

import pickle
from pathlib import Path

from .annotation_cache import code_digest, file_digest

FILE_NAME = "explainer-data.pickle"


class DataCache:
    def __init__(self, settings: dict):
        self.enabled = bool(settings.get("CACHE_CONTENT"))
        self.path = Path(settings["CACHE_PATH"]) / FILE_NAME
        self.stored: dict = {}
        self.used: dict = {}
        self.code = code_digest() if self.enabled else None  # objects are the plugin's classes
        if self.enabled and settings.get("LOAD_CONTENT_CACHE") and self.path.exists():
            try:
                with self.path.open("rb") as file:
                    self.stored = pickle.load(file)
            except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
                self.stored = {}

    def load(self, path: Path, loader, *depends):
        """`loader(path)`, or what it returned for the same bytes and dependencies before."""
        if not self.enabled:
            return loader(path)
        key = (self.code, str(path), file_digest(path), depends)
        if key not in self.stored:
            self.stored[key] = loader(path)
        self.used[key] = self.stored[key]
        return self.used[key]

    def save(self) -> None:
        """Call before the build changes what was loaded (note numbers, event passages)."""
        if self.enabled:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("wb") as file:
                pickle.dump(self.used, file, protocol=pickle.HIGHEST_PROTOCOL)
