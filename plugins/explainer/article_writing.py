"""Pelican's writing of the articles, shared with the process that writes the glossary pages.

A forked process writes the glossary and timeline pages while Pelican writes the articles on
the build's core (see ExplainerGenerator.write_pages_in_background). Once its pages are done,
that process writes articles too: the build takes them from the front of Pelican's order, the
other process from the back, each taking the next under a shared lock, until they meet. So each
article is written once, both cores work to the end whatever the glossary page costs, and each
process looks only at the articles it writes (both used to walk every article, computing each
one's output name and url, which Pelican makes anew at every look).
Every article is written as ArticlesGenerator.generate_articles writes it (`write_article`, one
turn of that loop, is held to Pelican's by a test). What Pelican writes after the articles
(AFTER_THE_ARTICLES: its direct templates, the index of all the articles and the 404 page, and
any archives, tag, category, author and draft pages) is the build's first turn, while the other
process is busy with its pages; written after the articles, it left the other core idle.

Where the process fails, the build writes what it had taken, and so reports any error as it
always did. Sharing is only done where no one could tell: when no plugin listens to each article
or file being written (the other process's writes would not be heard), and no two articles or
pages have the same output file (Pelican's check of that is per process).
"""

import logging
import multiprocessing
from collections.abc import Callable, Iterator
from functools import partial
from itertools import chain
from types import CodeType

from pelican import signals
from pelican.writers import Writer

from .parallel import acquire_while_alive, fork, fork_is_safe

log = logging.getLogger(__name__)


INDEX = 0  # the turn of what Pelican writes after the articles; the articles' are the ones after
# What ArticlesGenerator.generate_pages writes after the articles, in its order (Pelican 4.12).
AFTER_THE_ARTICLES = (
    "generate_period_archives",
    "generate_direct_templates",
    "generate_tags",
    "generate_categories",
    "generate_authors",
    "generate_drafts",
)


class Ends:
    """Positions 0 to count - 1 of one sequence, taken by two processes from its two ends
    until they meet: the build from the front, the other from the back; each position by
    exactly one of them."""

    def __init__(self, count: int):
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._front = context.RawValue("q", 0)  # every position below it is the build's
        self._back = context.RawValue("q", count)  # every position from it on is the other's
        self.other = None  # the other process, once forked (the build's end only)

    def front(self) -> Iterator[int]:
        """The build's positions, as it takes them; none more once the other process died
        (maybe holding the lock): the build then writes whatever is left when it finishes."""
        while acquire_while_alive(self._lock, self.other):
            try:
                position = self._front.value
                if position >= self._back.value:
                    return
                self._front.value = position + 1
            finally:
                self._lock.release()
            yield position

    def untaken(self) -> range:
        """The positions neither process took, once the other one is gone."""
        return range(self._front.value, self._back.value)

    def back(self) -> Iterator[int]:
        """The other process's positions, as it takes them, last first."""
        while acquire_while_alive(self._lock, None):
            try:
                position = self._back.value - 1
                if position < self._front.value:
                    return
                self._back.value = position
            finally:
                self._lock.release()
            yield position


def write_article(generator, write, article) -> None:
    """One turn of ArticlesGenerator.generate_articles's loop (Pelican 4.12)."""
    signals.article_generator_write_article.send(generator, content=article)
    write(
        article.save_as,
        generator.get_template(article.template),
        generator.context,
        article=article,
        category=getattr(article, "category", None),
        override_output=hasattr(article, "override_save_as"),
        url=article.url,
        blog=True,
    )


def _write_turn(position: int, write, generator, articles: list, the_rest) -> None:
    """What comes after the articles (INDEX) or an article, by its position after it."""
    if position == INDEX:
        the_rest(write)
    else:
        write_article(generator, write, articles[position - 1])


def _the_rest(generator):
    """Pelican's own writing of what comes after the articles, its methods bound now: the
    build replaces them while it shares the writing (see SharedWriting.start)."""
    methods = [getattr(generator, name) for name in AFTER_THE_ARTICLES]

    def write_the_rest(write) -> None:
        for method in methods:
            method(write)

    return write_the_rest


def heard() -> bool:
    """Whether a plugin listens to each article or file written, which the build would not
    hear of where the other process writes it."""
    return bool(
        signals.content_written.receivers or signals.article_generator_write_article.receivers
    )


def distinct_outputs(articles_generator, pages_generator) -> bool:
    """Whether every article, page and direct template has an output file of its own. Asked
    by the forked process, which takes no turns otherwise: Pelican computes each `save_as`
    anew, 8 ms at 1000 articles that the build's core would spend with the other one idle."""
    contents = [*_articles(articles_generator), *_pages(pages_generator)]
    names = [content.save_as for content in contents] + _direct_outputs(articles_generator)
    return len(set(names)) == len(names) and not any(
        hasattr(content, "override_save_as") for content in contents
    )


def _direct_outputs(generator) -> list[str]:
    """What ArticlesGenerator.generate_direct_templates writes (unpaginated: the names that
    can clash)."""
    settings = generator.settings
    names = [
        settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        for template in settings["DIRECT_TEMPLATES"]
    ]
    return [name for name in names if name]


def _articles(generator):
    """In the order of ArticlesGenerator.generate_articles."""
    return chain(
        generator.translations,
        generator.articles,
        generator.hidden_translations,
        generator.hidden_articles,
    )


def _pages(generator):
    if generator is None:
        return []
    return chain(
        generator.translations,
        generator.pages,
        generator.hidden_translations,
        generator.hidden_pages,
    )


def compile_templates(articles_generator) -> None:
    """The articles' templates, and those they extend or import, compiled (and kept by the
    generator's environment) before the process that shares their writing is forked: best
    while the other core still annotates, and that process's own pages extend and import the
    same ones, which it compiled again (13 ms at 1000 articles)."""
    names = {article.template for article in _articles(articles_generator)}
    pending = [articles_generator.get_template(name) for name in names]
    env = articles_generator.env
    try:
        known = set(env.list_templates())
    except TypeError:  # a loader that cannot list its templates: each compiled where needed
        return
    seen: set[str] = set()
    while pending and known:
        for name in _named_in(pending.pop()) & known - seen:
            seen.add(name)
            pending.append(env.get_template(name))


def _named_in(template) -> set[str]:
    """The strings of a compiled template's code, among them the names of the templates it
    extends, imports or includes by name (Jinja writes each as a constant)."""
    strings, codes = set(), [template.root_render_func.__code__]
    codes += [block.__code__ for block in template.blocks.values()]
    while codes:
        for constant in codes.pop().co_consts:
            if isinstance(constant, str):
                strings.add(constant)
            elif isinstance(constant, CodeType):
                codes.append(constant)
    return strings


class SharedWriting:
    """The forked process that writes the plugin's pages, then its turns of the articles."""

    def __init__(self, process, ends: Ends | None, articles_generator, articles: list, taken):
        self.process = process
        self._ends = ends
        self._generator = articles_generator
        self._articles = articles  # in Pelican's order, positions 1 on
        self._taken = taken  # positions the build wrote

    @classmethod
    def start(
        cls,
        write_pages: Callable[[Writer], None],
        output_path: str,
        settings: dict,
        articles_generator=None,
        pages_generator=None,
    ) -> "SharedWriting | None":
        """The process started, sharing the articles unless `heard`; None where forking is not
        safe."""
        if not fork_is_safe():
            return None
        ends, articles = None, []
        if articles_generator is not None and not heard():
            articles = list(_articles(articles_generator))
            try:
                ends = Ends(len(articles) + 1)
            except (OSError, ImportError):  # no shared semaphores here: pages only
                ends = None
            compile_templates(articles_generator)  # once, before the fork
        relative = settings["RELATIVE_URLS"]

        def task():
            writer = Writer(output_path, settings=settings)
            write_pages(writer)
            if ends is not None and distinct_outputs(articles_generator, pages_generator):
                write = partial(writer.write_file, relative_urls=relative)
                the_rest = _the_rest(articles_generator)
                for position in ends.back():
                    _write_turn(position, write, articles_generator, articles, the_rest)

        process = fork(task)
        taken: set[int] = set()
        if ends is not None:
            ends.other = process
            generator = articles_generator  # this build's only: Pelican's own again at finish
            generator.generate_articles = _beside(generator, ends, articles, taken)
            for name in AFTER_THE_ARTICLES:
                setattr(generator, name, _written_before_the_articles)
        return cls(process, ends, articles_generator, articles, taken)

    def finish(self, write_pages: Callable[[Writer], None], writer: Writer) -> None:
        """Wait for the process; where it failed, write its pages and the articles it took.
        Any article neither took (the build stops taking where the process died) is written
        here too."""
        self.process.join()
        failed = self.process.exitcode != 0
        if self._ends is not None:
            del self._generator.generate_articles  # Pelican's own again
            for name in AFTER_THE_ARTICLES:
                delattr(self._generator, name)
        if failed:
            write_pages(writer)  # here, where any error is reported
        else:
            log.debug(
                "explainer: glossary and timeline pages written by a forked process%s",
                f", with {self.articles_written()} articles" if self._ends else "",
            )
        if self._ends is None:
            return
        left = (
            [position for position in range(len(self._articles) + 1) if position not in self._taken]
            if failed
            else self._ends.untaken()
        )
        write = partial(writer.write_file, relative_urls=writer.settings["RELATIVE_URLS"])
        the_rest = _the_rest(self._generator)
        for position in left:
            _write_turn(position, write, self._generator, self._articles, the_rest)

    def articles_written(self) -> int:
        """How many articles the forked process took (and wrote, unless it failed)."""
        return len(self._articles) - len(self._taken - {INDEX}) if self._ends else 0


def _written_before_the_articles(write) -> None:
    """What Pelican writes after the articles, in its place: written by then (see
    `_beside`)."""


def _beside(generator, ends: Ends, articles: list, taken: set):
    """Pelican's article loop, writing the build's turns from the front (into `taken`): what
    comes after the articles first, then articles."""
    the_rest = _the_rest(generator)

    def generate_articles_beside(write):
        for position in ends.front():
            taken.add(position)
            _write_turn(position, write, generator, articles, the_rest)

    return generate_articles_beside
