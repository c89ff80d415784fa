"""The articles written by two processes from both ends: each once, as Pelican would write them,
and all of them even where the forked process fails."""

import multiprocessing
import os
import time
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Template
from pelican import Pelican, signals
from pelican.settings import read_settings
from pelican.writers import Writer

from plugins.explainer import article_writing, parallel
from plugins.explainer.article_writing import (
    INDEX,
    Ends,
    SharedWriting,
    distinct_outputs,
    heard,
    write_article,
)
from tests.support.site import ROOT

TWO_ARTICLES = ROOT / "tests" / "sites" / "two-articles"

SETTINGS = {"RELATIVE_URLS": False}


@pytest.fixture(autouse=True)
def fork_here(monkeypatch):
    """The suite's own threads (the gates' web server) make the plugin refuse to fork; they
    hold nothing these forked processes need, which never log or print."""
    monkeypatch.setattr(article_writing, "fork_is_safe", lambda: True)


class FakeArticles:
    """What SharedWriting uses of Pelican's ArticlesGenerator, writing each article as
    generate_articles does (write_article: by calling `write` once per article, in one order);
    then, as generate_direct_templates does, the index of them all."""

    settings = {"DIRECT_TEMPLATES": ["index"]}
    context: dict = {}
    env = SimpleNamespace(list_templates=list)  # a theme of no other templates

    def __init__(self, count: int, fail_in_child_after: int | None = None):
        self.articles = [
            SimpleNamespace(
                save_as=f"a{number}/index.html",
                url=f"a{number}/",
                template="article",
                number=number,
            )
            for number in range(count)
        ]
        self.translations, self.hidden_translations, self.hidden_articles = [], [], []
        self.parent = os.getpid()
        self.fail_in_child_after = fail_in_child_after
        self.fail_index_in_child: Path | None = None  # a file to touch, then fail there
        self.compiled = []
        self.rendered = 0

    def get_template(self, name):
        self.compiled.append(name)
        return self

    def render(self, context):
        """A template that fails in the forked process after rendering a few articles."""
        self.rendered += 1
        if os.getpid() != self.parent and self.rendered > (self.fail_in_child_after or 1e9):
            raise RuntimeError("a template error, in the forked process only")
        return Template("article {{ article.number }}").render(context)

    def generate_articles(self, write):
        for article in self.articles:
            write_article(self, write, article)

    def generate_period_archives(self, write):
        """Pelican's other pages after the articles: none for this site's settings."""

    generate_tags = generate_categories = generate_authors = generate_drafts = (
        generate_period_archives
    )

    def generate_direct_templates(self, write):
        if os.getpid() != self.parent and self.fail_index_in_child:
            self.fail_index_in_child.touch()  # it took the index's turn
            raise RuntimeError("a template error in the index, in the forked process only")
        write(
            "index.html",
            Template("index of {{ count }}, by {{ pid }}"),
            {},
            count=len(self.articles),
            pid=os.getpid(),
        )


def write_pages(writer):
    writer.write_file("glossary/index.html", Template("glossary"), {})


def run(tmp_path, articles, wait_for: Path | None = None):
    """As the build does: start, let Pelican write its turns of the articles, finish. The
    build writes slowly, so the forked process surely has turns; given `wait_for`, it starts
    only once that file exists."""
    writing = SharedWriting.start(write_pages, str(tmp_path), SETTINGS, articles)
    writer = Writer(str(tmp_path), settings=SETTINGS)
    deadline = time.monotonic() + 20
    while wait_for and not wait_for.exists() and time.monotonic() < deadline:
        time.sleep(0.005)

    def write_slowly(*args, **kwargs):
        time.sleep(0.002)
        writer.write_file(*args, **kwargs)

    articles.generate_articles(write_slowly)
    articles.generate_direct_templates(write_slowly)  # as Pelican's generate_pages goes on
    writing.finish(write_pages, writer)
    return writing


def written(tmp_path) -> dict[str, str]:
    """Each file's text, the index's without the process that wrote it."""
    return {
        str(path.relative_to(tmp_path)): path.read_text().split(", by")[0]
        for path in sorted(tmp_path.rglob("*.html"))
    }


def index_writer(tmp_path) -> int:
    return int((tmp_path / "index.html").read_text().split("by ")[1])


def expected(count: int) -> dict[str, str]:
    return {
        **{f"a{number}/index.html": f"article {number}" for number in range(count)},
        "glossary/index.html": "glossary",
        "index.html": f"index of {count}",
    }


def test_the_two_ends_give_each_position_to_exactly_one_process():
    ends = Ends(2000)
    theirs_end, theirs = multiprocessing.get_context("fork").Pipe(duplex=False)

    def walk():
        theirs.send(list(ends.back()))

    other = multiprocessing.get_context("fork").Process(target=walk)
    other.start()
    mine = list(ends.front())
    other.join()
    taken = theirs_end.recv()
    assert sorted(mine + taken) == list(range(2000))  # each once, none twice or never
    assert mine == list(range(len(mine))), "the build takes from the front, in order"
    assert taken == list(range(1999, len(mine) - 1, -1)), "the other from the back"
    assert not ends.untaken()


def test_a_process_that_died_holding_the_lock_leaves_the_rest_to_the_build(monkeypatch):
    monkeypatch.setattr(parallel, "LOCK_WAIT", 0.05)
    ends = Ends(3)
    ends._lock.acquire()  # as the other process would hold it, a moment before dying
    ends.other = multiprocessing.get_context("fork").Process(target=lambda: None)
    ends.other.start()
    ends.other.join()
    assert list(ends.front()) == []
    assert list(ends.untaken()) == [0, 1, 2], "what neither took, the build writes at finish"


def test_both_processes_write_the_articles_once_and_the_pages(tmp_path):
    articles = FakeArticles(100)
    writing = run(tmp_path, articles)
    assert written(tmp_path) == expected(100)
    assert 0 < writing.articles_written() < 100
    assert "generate_articles" not in vars(articles), "Pelican's own loop is not restored"
    assert articles.compiled[0] == "article", "the template was not compiled before the fork"


def test_the_index_is_written_once_by_the_process_that_took_its_turn(tmp_path):
    articles = FakeArticles(100)
    writing = run(tmp_path, articles)
    assert written(tmp_path) == expected(100)
    builds = INDEX in writing._taken  # the first turn, before the articles'
    assert index_writer(tmp_path) == (os.getpid() if builds else writing.process.pid)
    assert "generate_direct_templates" not in vars(articles), "Pelican's own is not restored"


def test_the_build_writes_the_index_first_when_it_takes_that_turn(tmp_path):
    """Written last, it left the other core idle as long as it took; the first turn is the
    index's, so the turns after it share it out."""
    articles = FakeArticles(3)

    def write_pages_after_the_index(writer):  # so the forked process asks for no turn sooner
        deadline = time.monotonic() + 5
        while not (tmp_path / "index.html").exists() and time.monotonic() < deadline:
            time.sleep(0.005)
        write_pages(writer)

    writing = SharedWriting.start(write_pages_after_the_index, str(tmp_path), SETTINGS, articles)
    order = []
    writer = Writer(str(tmp_path), settings=SETTINGS)

    def write(name, *args, **kwargs):
        order.append(name)
        writer.write_file(name, *args, **kwargs)

    articles.generate_articles(write)
    articles.generate_direct_templates(write)  # as Pelican goes on: written already
    writing.finish(write_pages, writer)
    assert INDEX in writing._taken
    assert order[0] == "index.html" and order.count("index.html") == 1


def test_an_index_a_failed_process_took_is_written_by_the_build(tmp_path):
    articles = FakeArticles(100)
    articles.fail_index_in_child = tmp_path / "took the index"
    writing = run(tmp_path / "site", articles, wait_for=articles.fail_index_in_child)
    assert writing.process.exitcode != 0
    assert written(tmp_path / "site") == expected(100)
    assert index_writer(tmp_path / "site") == os.getpid()


def test_what_a_failed_process_took_is_written_by_the_build(tmp_path):
    articles = FakeArticles(100, fail_in_child_after=10)  # it took an 11th, never written
    writing = run(tmp_path, articles)
    assert writing.process.exitcode != 0
    assert writing.articles_written() > 10
    assert written(tmp_path) == expected(100)


def test_what_neither_process_took_is_written_by_the_build(tmp_path, monkeypatch):
    """The build stops taking where the other process is gone holding the lock; here it ended
    cleanly, so no failure sends the build back over every position: those left are written
    because neither took them."""
    monkeypatch.setattr(parallel, "LOCK_WAIT", 0.05)
    made = []
    monkeypatch.setattr(article_writing, "Ends", lambda count: made.append(Ends(count)) or made[0])

    def write_pages_holding_the_lock(writer):
        write_pages(writer)
        made[0]._lock.acquire()
        os._exit(0)  # holding it

    writing = SharedWriting.start(
        write_pages_holding_the_lock, str(tmp_path), SETTINGS, FakeArticles(5)
    )
    writing.process.join()
    writer = Writer(str(tmp_path), settings=SETTINGS)
    writing._generator.generate_articles(writer.write_file)
    assert writing._taken == set() and writing.process.exitcode == 0
    writing.finish(write_pages, writer)
    assert written(tmp_path) == expected(5)


def test_no_sharing_where_a_plugin_listens_to_each_file_written(tmp_path):
    paths = []

    def listen(path, context):
        paths.append(path)

    signals.content_written.connect(listen)
    try:
        assert heard()
        writing = run(tmp_path, FakeArticles(40))
    finally:
        signals.content_written.disconnect(listen)
    assert writing.articles_written() == 0  # pages only: the build heard every article
    assert len([path for path in paths if "/a" in path]) == 40
    assert written(tmp_path) == expected(40)


@pytest.mark.parametrize("clash", ["articles", "override", "direct template"])
def test_no_sharing_where_output_files_could_clash(clash):
    articles = FakeArticles(3)
    if clash == "articles":
        articles.articles[2].save_as = articles.articles[0].save_as
    elif clash == "override":
        articles.articles[1].override_save_as = "index.html"
    else:  # the index page, written by whichever process takes its turn
        articles.articles[1].save_as = "index.html"
    assert distinct_outputs(FakeArticles(3), None)
    assert not distinct_outputs(articles, None)


def test_the_forked_process_takes_no_turns_where_outputs_could_clash(tmp_path):
    articles = FakeArticles(40)
    articles.articles[1].override_save_as = "index.html"
    writing = run(tmp_path, articles)
    assert writing.articles_written() == 0
    assert written(tmp_path) == expected(40)


def with_pelicans_articles(tmp_path, inspect) -> None:
    """Build the two-articles site without the plugin, handing `inspect` Pelican's
    ArticlesGenerator once every article is read and nothing is written yet."""

    def finalized(generators):
        inspect(next(g for g in generators if type(g).__name__ == "ArticlesGenerator"))

    settings = read_settings(
        str(ROOT / "pelican.conf.py"),
        override={"PATH": str(TWO_ARTICLES), "OUTPUT_PATH": str(tmp_path), "PLUGINS": []},
    )
    signals.all_generators_finalized.connect(finalized)
    try:
        Pelican(settings).run()
    finally:
        signals.all_generators_finalized.disconnect(finalized)


def test_write_article_is_one_turn_of_pelicans_own_loop(tmp_path):
    """Each process writes its articles by `write_article`, a copy of the body of Pelican's
    ArticlesGenerator.generate_articles: held here to the very calls Pelican's loop makes."""
    calls = {"pelican": [], "ours": []}

    def compare(articles):
        def recorder(name):
            return lambda *args, **kwargs: calls[name].append((args, kwargs))

        articles.generate_articles(recorder("pelican"))
        for article in article_writing._articles(articles):
            write_article(articles, recorder("ours"), article)

    with_pelicans_articles(tmp_path, compare)
    assert len(calls["pelican"]) == 2
    assert calls["ours"] == calls["pelican"]


def test_the_first_turn_writes_what_pelican_writes_after_the_articles(tmp_path):
    """AFTER_THE_ARTICLES, written as the build's first turn, is what Pelican's generate_pages
    writes besides the articles, in its order: the same calls, the index and 404 page among
    them."""
    calls = {"pelican": [], "ours": []}

    def compare(articles):
        writer = SimpleNamespace(
            settings=articles.settings,
            write_file=lambda *args, **kwargs: calls["pelican"].append((args, kwargs)),
        )
        articles.generate_articles = lambda write: None
        articles.generate_pages(writer)
        del articles.generate_articles
        article_writing._the_rest(articles)(
            partial(
                lambda *args, **kwargs: calls["ours"].append((args, kwargs)),
                relative_urls=articles.settings["RELATIVE_URLS"],
            )
        )

    with_pelicans_articles(tmp_path, compare)
    assert {args[0] for args, _ in calls["pelican"]} >= {"index.html", "404.html"}
    assert calls["ours"] == calls["pelican"]
