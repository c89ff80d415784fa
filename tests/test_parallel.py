"""Annotating in other processes (the background process while Pelican reads, then workers)
builds the same site as annotating everything in the build's own process."""

import multiprocessing
import random
import re

from plugins.explainer.parallel import annotate_in_workers
from tests.support.gates_repro import diff_trees
from tests.support.site import ROOT, build_site
from tools.bench import write_corpus

COUNTS = re.compile(
    r"explainer: (\d+) documents, (\d+) from the annotation cache, (\d+) from the background "
    r"process, (\d+) by this process beside it, (\d+) after it"
)


def test_other_processes_build_the_same_site_byte_for_byte(tmp_path):
    content = tmp_path / "content"
    write_corpus(content, 300, 200, random.Random(7))
    for number in range(0, 300, 15):  # twenty of them translated: annotated by the build
        slug = f"a{number:05d}"
        (content / "articles" / f"{slug}.en.md").write_text(
            f"Title: Article {number}\nSlug: {slug}\nLang: en\nDate: 2024-09-01\n"
            "Published: 2024-09\n\nLast year the company opened its models to developers.\n",
            encoding="utf-8",
        )
    counts, handed, forked_pages, ordered, sharing = {}, {}, {}, {}, {}
    for workers in (1, 2):
        result = build_site(
            tmp_path / f"workers-{workers}",
            content=content,
            pelican_args=("-D", "-e", f"EXPLAINER_WORKERS={workers}"),
        )
        assert result.returncode == 0, result.stderr
        log = result.stdout + result.stderr
        found = COUNTS.search(log)
        assert found, "the build did not report how its documents were annotated"
        counts[workers] = [int(number) for number in found.groups()]
        handed[workers] = "data handed over by the background process" in log
        forked_pages[workers] = "pages written by a forked process" in log
        ordered[workers] = "glossary order made by the background process" in log
        sharing[workers] = "pages written by a forked process, with" in log  # and articles
    assert counts[1] == [320, 0, 0, 0, 320]  # one process: no background, no workers
    total, cached, background, beside, after = counts[2]
    assert (total, cached) == (320, 0) and background + beside + after == 320
    assert after == 40  # the translated pairs: the background's copies had no translations
    assert background > 0, "the background process gave no annotation"
    assert handed == {1: False, 2: True}  # the build unpickled the data instead of loading it
    assert forked_pages == {1: False, 2: True}
    assert ordered == {1: False, 2: True}  # the page writer needed no pypinyin of its own
    assert sharing == {1: False, 2: True}  # it took turns at the articles, translations too
    assert diff_trees(tmp_path / "workers-1", tmp_path / "workers-2") == []


def test_without_shared_semaphores_the_documents_are_left_to_the_build(monkeypatch):
    """A worker pool needs shared semaphores, which some containers lack (no /dev/shm)."""

    def no_semaphores(*args, **kwargs):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(type(multiprocessing.get_context("fork")), "Pool", no_semaphores)
    assert annotate_in_workers(lambda number: number * 2, list(range(64)), 2) == [None] * 64


MUTATE = '''
from pelican import signals


def change_after_reading(generator):
    """As a plugin may: articles changed once all are read, after the background process was
    offered them as they were."""
    for article in generator.articles:
        number = int(article.slug[1:])
        if number % 7 == 3:
            article._content += "<p>后来加上的一段，提到阿里云。</p>"
        if number % 11 == 5:
            article.title += "（修订）"


def register():
    signals.article_generator_finalized.connect(change_after_reading)
'''


def test_articles_changed_after_they_were_offered_are_annotated_as_they_are_now(tmp_path):
    """The background process annotates each article as Pelican has just read it; what the
    build takes from it must be what annotating the article as it stands at the end gives."""
    content = tmp_path / "content"
    write_corpus(content, 300, 200, random.Random(3))
    (tmp_path / "mutate").mkdir()
    (tmp_path / "mutate" / "mutate.py").write_text(MUTATE, encoding="utf-8")
    plugins = (
        "-e",
        f'PLUGIN_PATHS=["{ROOT / "plugins"}", "{tmp_path / "mutate"}"]',
        'PLUGINS=["explainer", "mutate"]',
    )
    counts = {}
    for workers in (1, 2):
        result = build_site(
            tmp_path / f"workers-{workers}",
            content=content,
            pelican_args=("-D", *plugins, f"EXPLAINER_WORKERS={workers}"),
        )
        assert result.returncode == 0, result.stderr
        counts[workers] = [int(n) for n in COUNTS.search(result.stdout + result.stderr).groups()]
    changed = (tmp_path / "workers-2" / "a00003" / "index.html").read_text(encoding="utf-8")
    assert "后来加上的一段，提到" in changed and "（修订）" not in changed
    assert "（修订）" in (tmp_path / "workers-2" / "a00005" / "index.html").read_text("utf-8")
    total, cached, background, beside, after = counts[2]
    assert background > 0 and after > 0  # what it made of the changed ones was not taken
    assert diff_trees(tmp_path / "workers-1", tmp_path / "workers-2") == []
