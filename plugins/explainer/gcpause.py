"""Cyclic garbage collection paused while the plugin loads its data, annotates and writes.

Those phases allocate hundreds of thousands of objects that live on (glossary entries, notes,
occurrences) or die young without cycles (page trees are released once written). Each burst
made Python's collector scan everything Pelican holds, again and again: about a second of full
collections at 1000 articles, for nothing to collect. The collector is paused for the phase and
left as it was found afterwards.
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
