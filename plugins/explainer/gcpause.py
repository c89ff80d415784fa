"""Cyclic garbage collection paused while the plugin loads its data, annotates and writes.

Those phases allocate hundreds of thousands of objects that live on (glossary entries, notes,
occurrences) or die young without cycles (page trees are released once written). Each burst
made Python's collector scan everything Pelican holds, again and again: about a second of full
collections at 1000 articles, for nothing to collect. The collector is paused for the phase and
left as it was found afterwards.

What is alive once annotating is done lives until the process ends, yet the collector would
scan it while Pelican writes, first as young objects (a 35 ms collection), then in full (100 ms
at 1000 articles), and once more as the interpreter exits (0.22 s). It is frozen (gc.freeze:
kept out of every collection) once annotating is done, and thawed when the next build starts,
so a `pelican -r` session, which builds again and again in one process, still collects what
each build leaves. A program that builds once and goes on running keeps the last build's
cyclic garbage until it exits, and the plugin's generator with it (see freeze_survivors).
"""

import gc
from functools import wraps


def paused_collection(function):
    @wraps(function)
    def wrapper(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper


_KEPT: list = []  # see freeze_survivors


def freeze_survivors(*kept) -> None:
    """Freeze what is alive. Each of `kept` is also kept from being freed when Pelican drops
    it as the build ends (the plugin's generator: freeing what it holds took 11 ms at 1000
    articles, of memory the process is about to give back), and when the interpreter exits:
    it refers to itself, and a cycle is freed by the collector only. The next build's `thaw`
    frees it."""
    for survivor in kept:
        survivor.kept_until_the_next_build = survivor
    _KEPT.extend(kept)
    gc.freeze()


def thaw(pelican=None) -> None:
    """As a build starts (Pelican's `get_generators` signal; `initialized` is sent only once in
    a `pelican -r` session): what the last build froze is collected again. Returns no
    generator."""
    gc.unfreeze()
    for survivor in _KEPT:
        del survivor.kept_until_the_next_build
    _KEPT.clear()
