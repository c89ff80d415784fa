"""Articles annotated on a spare core while Pelican is still reading the others.

Pelican reads articles on one core; the plugin used to start annotating only once all were
read. Now a process forked before reading starts loads the data and annotates each article as
Pelican finishes reading it (the build offers it a copy), so by the time every article is read
most are annotated. The build then collects what is done and annotates the rest itself.

What comes back is only a proposal: each result carries the fingerprint of what it was made
from, and the build uses it only where the fingerprint of the article as it stands now is the
same (an article that turned out to have translations, for one, is annotated again, because
its paragraphs link to theirs). A process that fails or dies costs its results, never the build:
the build annotates those articles itself and reports any error as it always did.

The process is forked only where forking is safe (see parallel.fork_is_safe). Offering must
not slow the build's reading: offers go in batches, through a pipe enlarged to hold a good part
of a large site, and a thread of the process drains it while the rest of the process annotates.

The process also hands the build what it loaded (see `shared`): unpickling the data costs the
build a fraction of parsing and checking it again, and the process has it long before the build
has read its articles.
"""

import collections
import contextlib
import logging
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Hashable
from pathlib import Path

from .parallel import fork_is_safe

BATCH = 8  # offers per message
PIPE_BYTES = 1 << 20  # Linux's limit for an unprivileged pipe; the default is 64 KiB


class Background:
    """The build's end: offer work while reading, collect results once."""

    def __init__(self, prepare: Callable[[Callable], Callable]):
        """`prepare(share)` runs in the forked process and returns `work(item) -> result`;
        it may call `share(stamp, value)` to hand the build `value` (see `shared`)."""
        self._folder = Path(tempfile.mkdtemp(prefix="explainer-background-"))
        context = multiprocessing.get_context("fork")
        self._results, child_results = context.Pipe(duplex=False)
        child_offers, self._offers = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_serve,
            args=(prepare, self._folder / "shared.pickle", child_offers, child_results),
            daemon=True,
        )
        self._process.start()
        child_offers.close()
        child_results.close()
        with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux only; a
            import fcntl  # smaller pipe only makes offering slower

            fcntl.fcntl(self._offers.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self._batch: list = []

    @classmethod
    def start(cls, prepare: Callable[[Callable], Callable]) -> "Background | None":
        return cls(prepare) if fork_is_safe() else None

    def offer(self, key: Hashable, item) -> None:
        """Queue `work(item)`; what is not done when the build collects, the build does."""
        self._batch.append((key, item))
        if len(self._batch) < BATCH:
            return
        with contextlib.suppress(OSError):  # the process is gone; the build does the work
            self._offers.send(("work", self._batch))
        self._batch = []

    def shared(self, stamp):
        """What the process shared, if it has by now and under the same `stamp`, else None."""
        try:
            with (self._folder / "shared.pickle").open("rb") as file:
                their_stamp, value = pickle.load(file)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        return value if their_stamp == stamp else None

    def collect(self) -> dict:
        """Results by key, of whatever the process finished; it stops and exits."""
        try:
            self._offers.send(("collect",))
            results = self._results.recv()
        except (OSError, EOFError):
            results = {}
        self.close()
        return results

    def close(self) -> None:
        self._offers.close()
        self._results.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        shutil.rmtree(self._folder, ignore_errors=True)


def _serve(prepare, shared: Path, offers, results) -> None:
    """The forked process: drain offers on a thread, work through them in order."""
    logging.disable(logging.CRITICAL)  # the build reports every error and warning itself
    sys.setswitchinterval(0.0005)  # let the draining thread in promptly: the build may wait
    pending: collections.deque = collections.deque()
    arrived = threading.Condition()
    collecting = threading.Event()

    def drain():
        while not collecting.is_set():
            try:
                message = offers.recv()
            except (EOFError, OSError):
                message = ("collect",)
            with arrived:
                if message[0] == "collect":
                    collecting.set()
                else:
                    pending.extend(message[1])
                arrived.notify()

    threading.Thread(target=drain, daemon=True).start()

    def share(stamp, value) -> None:
        partial = shared.with_suffix(".partial")
        with partial.open("wb") as file:
            pickle.dump((stamp, value), file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(shared)  # whole or not there at all

    done: dict = {}
    try:
        work = prepare(share)
    except Exception:  # bad data: the build meets the same error and reports it
        work = None
    while work is not None:
        with arrived:
            while not pending and not collecting.is_set():
                arrived.wait()
            if collecting.is_set():
                break
            key, item = pending.popleft()
        try:
            done[key] = work(item)
        except Exception:  # the build annotates this one itself, and reports the error
            continue
    with contextlib.suppress(OSError, ValueError):  # the build stopped waiting
        results.send(done)
    os._exit(0)  # nothing of the build's (log handlers, atexit hooks) runs here
