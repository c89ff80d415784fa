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
cyclic garbage until it exits.
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


def freeze_survivors() -> None:
    gc.freeze()


def thaw(pelican=None) -> None:
    """As a build starts (Pelican's `get_generators` signal; `initialized` is sent only once in
    a `pelican -r` session): what the last build froze is collected again. Returns no
    generator."""
    gc.unfreeze()
