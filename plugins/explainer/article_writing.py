"""Pelican's writing of the articles, shared with the process that writes the glossary pages.

A forked process writes the glossary and timeline pages while Pelican writes the articles on
the build's core (see ExplainerGenerator.write_pages_in_background). Once its pages are done,
that process runs Pelican's own loop over the articles too, and the two take turns: each asks of
every article, in the loop's order, whether it is still free, and writes it only if so. So each
article is written once, by whichever process reaches it first, both cores work to the end
whatever the glossary page costs, and every article is rendered by the very code and arguments
Pelican uses (ArticlesGenerator.generate_articles). What Pelican writes right after the articles,
its direct templates (the index of all the articles, the 404 page), is the first turn, taken by
the build as it starts writing (the other process is busy with its pages then): written last, by
either process, they left the other core idle for as long as they took (20 ms at 1000
articles), where the turns that follow share them out.

Where the process fails, the build writes what it had taken, and so reports any error as it
always did. Sharing is only done where no one could tell: when no plugin listens to each article
or file being written (the other process's writes would not be heard), and no two articles or
pages have the same output file (Pelican's check of that is per process).
"""

import logging
import multiprocessing
from collections.abc import Callable
from functools import partial
from itertools import chain

from pelican import signals
from pelican.writers import Writer

from .parallel import acquire_while_alive, fork, fork_is_safe

log = logging.getLogger(__name__)


INDEX = 0  # the turn of Pelican's direct templates; the articles' are the ones after


class Turns:
    """Positions in one sequence that two processes both walk in order, each taken by exactly
    one of them: the first to ask."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._next = context.RawValue("q", 0)  # every position below it is taken
        self.other = None  # the other process, once forked (the build's end only)

    def take(self, position: int) -> bool:
        """Whether `position` is the caller's: it must ask of every position, in order."""
        if not acquire_while_alive(self._lock, self.other):
            return True  # it died, maybe holding the lock: everything left is ours
        try:
            if self._next.value > position:
                return False
            self._next.value = position + 1
            return True
        finally:
            self._lock.release()


def _writing_where(write, wanted):
    """`write` for the calls, counted from 0 in the order made, whose position is `wanted`;
    the others write nothing."""
    position = -1

    def write_if_wanted(*args, **kwargs):
        nonlocal position
        position += 1
        if wanted(position):
            write(*args, **kwargs)

    return write_if_wanted


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
    """The articles' templates, compiled (and kept by the generator) before the process that
    shares their writing is forked: best while the other core still annotates (8 ms)."""
    for template in {article.template for article in _articles(articles_generator)}:
        articles_generator.get_template(template)


class SharedWriting:
    """The forked process that writes the plugin's pages, then its turns of the articles."""

    def __init__(self, process, turns: Turns | None, articles_generator, taken: set):
        self.process = process
        self._turns = turns
        self._generator = articles_generator
        self._taken = taken  # positions of the articles the build wrote

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
        turns = None
        if articles_generator is not None and not heard():
            try:
                turns = Turns()
            except (OSError, ImportError):  # no shared semaphores here: pages only
                turns = None
            compile_templates(articles_generator)  # once, before the fork
        relative = settings["RELATIVE_URLS"]

        def task():
            writer = Writer(output_path, settings=settings)
            write_pages(writer)
            if turns is not None and distinct_outputs(articles_generator, pages_generator):
                write = partial(writer.write_file, relative_urls=relative)
                if turns.take(INDEX):
                    articles_generator.generate_direct_templates(write)
                articles_generator.generate_articles(
                    _writing_where(write, lambda position: turns.take(position + 1))
                )

        process = fork(task)
        taken: set[int] = set()
        if turns is not None:
            turns.other = process
            generator = articles_generator  # this build's only: Pelican's own again at finish
            generator.generate_articles = _beside(generator, turns, taken)
            generator.generate_direct_templates = _written_before_the_articles
        return cls(process, turns, articles_generator, taken)

    def finish(self, write_pages: Callable[[Writer], None], writer: Writer) -> None:
        """Wait for the process; where it failed, write its pages and the articles it took."""
        self.process.join()
        if self._turns is not None:
            del self._generator.generate_articles  # Pelican's own again
            del self._generator.generate_direct_templates
        if self.process.exitcode == 0:
            log.debug(
                "explainer: glossary and timeline pages written by a forked process%s",
                f", with {self.articles_written()} articles" if self._turns else "",
            )
            return
        write_pages(writer)  # here, where any error is reported
        if self._turns is not None:
            write = partial(writer.write_file, relative_urls=writer.settings["RELATIVE_URLS"])
            if INDEX not in self._taken:
                self._generator.generate_direct_templates(write)
            self._generator.generate_articles(
                _writing_where(write, lambda position: position + 1 not in self._taken)
            )

    def articles_written(self) -> int:
        """How many articles the forked process took (and wrote, unless it failed)."""
        if self._turns is None:
            return 0
        return sum(1 for _ in _articles(self._generator)) - len(self._taken - {INDEX})


def _written_before_the_articles(write) -> None:
    """Pelican's direct templates, in their place after the articles: written by then (see
    `_beside`)."""


def _beside(generator, turns: Turns, taken: set):
    """Pelican's article loop, writing the turns `turns` gives the build (into `taken`): the
    direct templates first, then articles."""
    generate_articles, generate_direct_templates = (
        generator.generate_articles,
        generator.generate_direct_templates,
    )

    def ours(turn: int) -> bool:
        if turns.take(turn):
            taken.add(turn)
            return True
        return False

    def generate_articles_beside(write):
        if ours(INDEX):
            generate_direct_templates(write)
        generate_articles(_writing_where(write, lambda position: ours(position + 1)))

    return generate_articles_beside
