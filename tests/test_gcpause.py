"""The collector skips what annotating leaves alive while Pelican writes and as the process
exits; a `pelican -r` session, which builds again and again in one process, thaws it at each
new build, so frozen objects do not pile up."""

import gc
import shutil

from pelican import Pelican, signals
from pelican.settings import read_settings

from tests.support.site import ROOT

TWO_ARTICLES = ROOT / "tests" / "sites" / "two-articles"


def test_objects_are_frozen_from_annotating_on_and_thawed_by_the_next_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TWO_ARTICLES, content)
    frozen = {"at start": [], "while writing": []}

    def at_start(readers):  # sent by each generator: only the first of each build counts
        if len(frozen["at start"]) == len(frozen["while writing"]):
            frozen["at start"].append(gc.get_freeze_count())

    def while_writing(generator, writer):
        frozen["while writing"].append(gc.get_freeze_count())

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
    try:
        pelican = Pelican(settings)
        for _ in range(2):  # as `pelican -r` does: the same instance, run again
            pelican.run()
    finally:
        signals.readers_init.disconnect(at_start)
        signals.article_writer_finalized.disconnect(while_writing)
        gc.unfreeze()
    assert (tmp_path / "output" / "harbor-robots" / "index.html").exists()
    first, second = frozen["while writing"]
    assert first > 10_000
    assert frozen["at start"][1] == 0  # nothing of the first build is still frozen
    assert abs(second - first) < first / 2  # the second froze about as much, no more
