"""Articles annotated on a spare core while Pelican is still reading the others.

Pelican reads articles on one core; the plugin used to start annotating only once all were
read. Now a process forked before reading starts loads the data and annotates each article as
Pelican finishes reading it (the build offers it a copy). Once every article is read, the two
split what is still queued: the process finishes the first half while the build annotates the
second itself, so both cores work to the end.

What comes back is only a proposal: each result carries the fingerprint of what it was made
from, and the build uses it only where the fingerprint of the article as it stands now is the
same (an article that turned out to have translations, for one, is annotated again, because
its paragraphs link to theirs). A process that fails or dies costs its results, never the
build: the build annotates those articles itself and reports any error as it always did.

The process is forked only where forking is safe (see parallel.fork_is_safe). Offering must
not slow the build's reading: offers go in batches, through a pipe enlarged to hold a good part
of a large site, and a thread of the process drains it while the rest of the process annotates.

The process also hands the build what it loaded (see `shared`): unpickling the data costs the
build a fraction of parsing and checking it again, and the process has it long before the build
has read its articles.
"""

import collections
import contextlib
import gc
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
    """The build's end: offer work while reading, then `finish` and take the `results`."""

    def __init__(self, prepare: Callable[[Callable], Callable]):
        """`prepare(share)` runs in the forked process and returns `work(item) -> result`;
        it may call `share(stamp, value)` to hand the build `value` (see `shared`)."""
        self._folder = Path(tempfile.mkdtemp(prefix="explainer-background-"))
        context = multiprocessing.get_context("fork")
        self._results, child_results = context.Pipe(duplex=False)
        child_offers, self._offers = context.Pipe(duplex=False)
        self._processed = context.RawValue("l", 0)  # items the process is through, in order
        self._process = context.Process(
            target=_serve,
            args=(
                prepare,
                self._folder,
                child_offers,
                child_results,
                self._processed,
            ),
            daemon=True,
        )
        self._process.start()
        child_offers.close()
        child_results.close()
        with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux only; a
            import fcntl  # smaller pipe only makes offering slower

            fcntl.fcntl(self._offers.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self._batch: list = []
        self._sent: list = []  # keys, in the order the process works through them
        self._expected: set = set()

    @classmethod
    def start(cls, prepare: Callable[[Callable], Callable]) -> "Background | None":
        return cls(prepare) if fork_is_safe() else None

    def offer(self, key: Hashable, item) -> None:
        """Queue `work(item)`; what the process does not do, the build does."""
        self._batch.append((key, item))
        if len(self._batch) < BATCH:
            return
        with contextlib.suppress(OSError):  # the process is gone; the build does the work
            self._offers.send(("work", self._batch))
            self._sent += [key for key, _ in self._batch]
        self._batch = []

    def shared(self, stamp):
        """What the process shared, if it has by now and under the same `stamp`, else None."""
        try:
            with (self._folder / "shared.pickle").open("rb") as file:
                their_stamp, value = pickle.load(file)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        return value if their_stamp == stamp else None

    def finish(self, wanted) -> set:
        """No more offers. Of the `wanted` keys still queued, the process keeps the first half
        and drops the rest; returns the keys it will have results for (done or kept)."""
        wanted = set(wanted)
        through = self._processed.value
        queued = [key for key in self._sent[through:] if key in wanted]
        kept = set(queued[: len(queued) // 2])
        try:
            self._offers.send(("finish", kept))
        except OSError:
            kept, through = set(), 0
        self._expected = {key for key in self._sent[:through] if key in wanted} | kept
        return self._expected

    def results(self) -> dict:
        """Results by key, once the process is through what it kept; it exits. With nothing
        to expect (a small site: no full batch was sent), the build does not wait for it."""
        results = {}
        if self._expected:
            with contextlib.suppress(OSError, EOFError, pickle.UnpicklingError):
                written = self._results.recv()  # sent once every result is in the file
                with (self._folder / "results.pickle").open("rb") as file:
                    while len(results) < written:
                        results.update(pickle.load(file))
        self.close(wait=bool(self._expected))
        return results

    def close(self, wait: bool = True) -> None:
        """Stop the process, done or not (it stops on its own once its pipes are closed)."""
        self._offers.close()
        self._results.close()
        self._process.join(timeout=5 if wait else 0)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        shutil.rmtree(self._folder, ignore_errors=True)


def _serve(prepare, folder: Path, offers, results, processed) -> None:
    """The forked process: drain offers on a thread, work through them in order, and write
    results to a file as they come, a batch at a time: pickling them all at the end kept the
    build waiting (0.17 s at 750 articles)."""
    logging.disable(logging.CRITICAL)  # the build reports every error and warning itself
    gc.disable()  # a short life, whose garbage goes with it (see gcpause)
    sys.setswitchinterval(0.0005)  # let the draining thread in promptly: the build may wait
    pending: collections.deque = collections.deque()
    arrived = threading.Condition()
    kept: list = []  # set by "finish": the keys still to do; nothing else will come

    def drain():
        while not kept:
            try:
                message = offers.recv()
            except (EOFError, OSError):  # the build is gone or stopped us: stop
                message = ("finish", set())
            with arrived:
                if message[0] == "finish":
                    kept.append(message[1])
                else:
                    pending.extend(message[1])
                arrived.notify()

    threading.Thread(target=drain, daemon=True).start()

    def share(stamp, value) -> None:
        partial = folder / "shared.partial"
        with partial.open("wb") as file:
            pickle.dump((stamp, value), file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(folder / "shared.pickle")  # whole or not there at all

    def next_item():
        with arrived:
            while not pending and not kept:
                arrived.wait()
            while pending:
                key, item = pending.popleft()
                if not kept or key in kept[0]:
                    return key, item
                processed.value += 1  # dropped: the build does it
            return None

    batch: dict = {}
    written = 0
    try:
        work = prepare(share)
    except Exception:  # bad data: the build meets the same error and reports it
        work = None
    with (folder / "results.pickle").open("wb") as file:
        while work is not None and (taken := next_item()) is not None:
            key, item = taken
            with contextlib.suppress(Exception):  # the build annotates it and reports the error
                batch[key] = work(item)
            processed.value += 1
            if len(batch) == BATCH:
                pickle.dump(batch, file, protocol=pickle.HIGHEST_PROTOCOL)
                written, batch = written + len(batch), {}
        if batch:
            pickle.dump(batch, file, protocol=pickle.HIGHEST_PROTOCOL)
            written += len(batch)
    with contextlib.suppress(OSError, ValueError):  # the build stopped waiting
        results.send(written)
    os._exit(0)  # nothing of the build's (log handlers, atexit hooks) runs here
