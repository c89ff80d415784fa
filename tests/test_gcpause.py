"""The collector skips what annotating leaves alive while Pelican writes and as the process
exits; a `pelican -r` session, which builds again and again in one process, thaws it at each
new build, so frozen objects do not pile up."""

import gc
import shutil
import weakref

from pelican import Pelican, signals
from pelican.settings import read_settings

from tests.support.site import ROOT

TWO_ARTICLES = ROOT / "tests" / "sites" / "two-articles"


def test_objects_are_frozen_from_annotating_on_and_thawed_by_the_next_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TWO_ARTICLES, content)
    frozen = {"at start": [], "while writing": []}
    generators = []  # weak references to each build's ExplainerGenerator

    def at_start(readers):  # sent by each generator: only the first of each build counts
        if len(frozen["at start"]) == len(frozen["while writing"]):
            frozen["at start"].append(gc.get_freeze_count())

    def while_writing(generator, writer):
        frozen["while writing"].append(gc.get_freeze_count())

    def annotated(all_generators):
        generators.extend(
            weakref.ref(g) for g in all_generators if type(g).__name__ == "ExplainerGenerator"
        )

    settings = read_settings(
        str(ROOT / "pelican.conf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "EXPLAINER_WORKERS": 1,
        },
    )
    signals.readers_init.connect(at_start)  # sent once the build has started
    signals.article_writer_finalized.connect(while_writing)
    signals.all_generators_finalized.connect(annotated)
    try:
        pelican = Pelican(settings)
        pelican.run()
        # Pelican dropped it; it lives on, to be freed with the process or after the next build.
        assert generators[0]() is not None
        pelican.run()  # as `pelican -r` does: the same instance, run again
        assert generators[0]() is None and generators[1]() is not None
    finally:
        signals.readers_init.disconnect(at_start)
        signals.article_writer_finalized.disconnect(while_writing)
        signals.all_generators_finalized.disconnect(annotated)
        gc.unfreeze()
    assert (tmp_path / "output" / "harbor-robots" / "index.html").exists()
    first, second = frozen["while writing"]
    assert first > 10_000
    assert frozen["at start"][1] == 0  # nothing of the first build is still frozen
    assert abs(second - first) < first / 2  # the second froze about as much, no more


def test_objects_are_frozen_before_the_page_writer_is_forked(tmp_path, monkeypatch):
    """The forked page writer inherits the freeze: its collections do not scan, and so copy,
    the pages it shares with the build."""
    content = tmp_path / "content"
    shutil.copytree(TWO_ARTICLES, content)
    settings = read_settings(
        str(ROOT / "pelican.conf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output")},
    )
    pelican = Pelican(settings)  # loads the plugin, as Pelican names it
    generator = next(
        cls
        for _, cls in signals.get_generators.send(pelican)
        if getattr(cls, "__name__", "") == "ExplainerGenerator"  # thaw sends None
    )
    scanned_at_the_fork = []
    write_pages_in_background = generator.write_pages_in_background

    def recording(self, generators):
        scanned_at_the_fork.append(len(gc.get_objects()))  # what collections still scan
        return write_pages_in_background(self, generators)

    monkeypatch.setattr(generator, "write_pages_in_background", recording)
    try:
        pelican.run()
    finally:
        gc.unfreeze()
    assert scanned_at_the_fork and scanned_at_the_fork[0] < 1_000  # 196,000 if frozen after
