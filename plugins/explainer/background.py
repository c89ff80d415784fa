"""Articles annotated on a spare core while Pelican is still reading the others.

Pelican reads articles on one core; the plugin used to start annotating only once all were
read. Now a process forked before reading starts loads the data and annotates each article as
Pelican finishes reading it (the build offers it a copy). Once every article is read, the two
share what is still queued: the process works from the front of the queue, the build claims
articles from the back, and they stop where they meet, so both cores work to the end whatever
their speeds. Meanwhile the build takes in the results the process has written so far, work it
would otherwise do after the meeting with one core idle.

What comes back is only a proposal: each result carries the data it was made from as the
process loaded it, and the build uses it only where that data and the article as it stands
now are what it loaded and offered (an article that turned out to have translations, or that
a plugin changed after it was read, is annotated again). A process that fails or dies costs
its results, never the build: the build annotates those articles itself and reports any error
as it always did.

The process is forked only where forking is safe (see parallel.fork_is_safe). Offering must
not slow the build's reading: offers go in batches, through a pipe enlarged to hold a good part
of a large site, and a thread of the process drains it while the rest of the process annotates.

The process also hands the build what it loaded (see `shared`): unpickling the data costs the
build a fraction of parsing and checking it again, and the process has it long before the build
has read its articles. And once every article is read, it can `glance` at those it has not
reached, the ones the build will do, for what the build would otherwise load a library to make
(see `glanced`).
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

from .parallel import acquire_while_alive, fork_is_safe

# Offers per message: each wakes the process's draining thread, which takes the interpreter's
# lock from the annotating one (8 a message: reading took 25 ms longer at 1000 articles).
OFFER_BATCH = 32
RESULT_BATCH = 8  # results per write: the build reads them as they are complete
GLANCE_WAIT = 2.0  # seconds: a process that is working glances within milliseconds
PIPE_BYTES = 1 << 20  # Linux's limit for an unprivileged pipe; the default is 64 KiB
UNLIMITED = 1 << 62


class Background:
    """The build's end: `offer` work while reading, then `finish`, `claim` what the process
    has not reached (taking in what is `ready` meanwhile), and take the remaining `results`."""

    def __init__(self, prepare: Callable[[Callable], Callable], glance: Callable | None = None):
        """`prepare(share)` runs in the forked process and returns `work(item) -> result`;
        it may call `share(stamp, value, name)` to hand the build `value` (see `shared`).
        `glance(items)`, when given, runs there too, once, over the items not done yet when
        the build calls `finish` (see `glanced`)."""
        context = multiprocessing.get_context("fork")
        # Positions in the order of offers: the process takes those below `limit` (the
        # build claimed the rest); `taken` is the one after the last it took. Both change
        # only under `lock`, so no item is ever done by both or by neither. Made first: where
        # the system has no shared semaphores, nothing else has been made yet (see `start`).
        self._lock = context.Lock()
        self._taken = context.RawValue("q", 0)
        self._limit = context.RawValue("q", UNLIMITED)
        self._written = context.RawValue("q", 0)  # batches of results in the file, complete
        self._folder = Path(tempfile.mkdtemp(prefix="explainer-background-"))
        self._results, child_results = context.Pipe(duplex=False)
        child_offers, self._offers = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_serve,
            args=(
                prepare,
                glance,
                self._folder,
                (child_offers, child_results, self._offers, self._results),
                (self._lock, self._taken, self._limit, self._written),
            ),
            daemon=True,
        )
        # Kept out of the build's collections from here (thawed as the next build starts, see
        # gcpause): a collection scanning what the two processes share would write to each of
        # its pages, and the build would copy every one while it reads (4,000 page faults).
        gc.freeze()
        self._process.start()
        child_offers.close()
        child_results.close()
        with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux only; a
            import fcntl  # smaller pipe only makes offering slower

            fcntl.fcntl(self._offers.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self._batch: list = []
        self._sent: list = []  # keys, in the order the process works through them
        self._claimable: list[tuple[int, Hashable]] = []  # (position, key), still queued
        self._orphaned = False  # the process died holding the lock
        self._reader = None  # the results file, read as batches are complete
        self._read = 0  # batches read
        self._done = False  # the process said every result is in the file
        self._glances = glance is not None

    @classmethod
    def start(
        cls, prepare: Callable[[Callable], Callable], glance: Callable | None = None
    ) -> "Background | None":
        """A process started, or None where forking is not safe or the system has no shared
        semaphores (some containers have no /dev/shm): the build then annotates by itself."""
        if not fork_is_safe():
            return None
        try:
            return cls(prepare, glance)
        except (OSError, ImportError):  # ImportError: "lacks a functioning sem_open"
            return None

    def offer(self, key: Hashable, item) -> None:
        """Queue `work(item)`; what the process does not do, the build does."""
        self._batch.append((key, item))
        if len(self._batch) < OFFER_BATCH:
            return
        with contextlib.suppress(OSError):  # the process is gone; the build does the work
            self._offers.send(("work", self._batch))
            self._sent += [key for key, _ in self._batch]
        self._batch = []

    def shared(self, stamp, name: str = "shared"):
        """What the process shared as `name`, if it has by now and under the same `stamp`,
        else None."""
        try:
            with (self._folder / f"{name}.pickle").open("rb") as file:
                their_stamp, value = pickle.load(file)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        return value if their_stamp == stamp else None

    def finish(self, wanted) -> set:
        """No more offers (the unfinished batch is sent); of what is queued, the process does
        only the `wanted` keys (until the build's claims stop it). Returns the keys it may
        have results for: the wanted ones it was sent."""
        wanted = set(wanted)
        try:
            if self._batch:
                self._offers.send(("work", self._batch))
                self._sent += [key for key, _ in self._batch]
            self._offers.send(("finish", wanted))
        except OSError:
            wanted = set()
        self._claimable = [
            (position, key) for position, key in enumerate(self._sent) if key in wanted
        ]
        return {key for _, key in self._claimable}

    def glanced(self):
        """What `glance` made of the items not done yet at `finish`: every item queued then.
        None where the process has not started working (it may be loading still: the build
        does not wait for it), has no `glance`, or failed."""
        if not self._glances or self._taken.value == 0:
            return None
        with contextlib.suppress(OSError, EOFError):
            while not self._done and self._results.poll(GLANCE_WAIT):
                kind, value = self._results.recv()
                if kind == "glance":
                    return value
                self._done = True
        return None

    def share_out(self, take: Callable[[dict], None], do: Callable[[Hashable], None]) -> None:
        """Once `finish`ed: the results as they come in, to `take`, and the keys the process
        has not reached, claimed from the back, to `do`, but only while no result is waiting:
        only the build can take them in, and when the process is through, few should be left
        for it to take in with the other core idle (50-60 were, when it claimed first)."""
        while True:
            if results := self.ready():
                take(results)
            elif (key := self.claim()) is not None:
                do(key)
            else:
                return

    def claim(self) -> Hashable | None:
        """The last wanted key the process has not taken, now the build's to do; None once
        the process has taken them all (or they are all claimed)."""
        locked = self._acquire()
        try:
            if not self._claimable or self._claimable[-1][0] < self._taken.value:
                return None
            position, key = self._claimable.pop()
            self._limit.value = position
            return key
        finally:
            if locked:
                self._lock.release()

    def _acquire(self) -> bool:
        """The lock, unless the process died, maybe holding it (it then takes nothing more)."""
        if not self._orphaned:
            self._orphaned = not acquire_while_alive(self._lock, self._process)
        return not self._orphaned

    def ready(self) -> dict:
        """Results the process has written since the last look, without waiting."""
        results: dict = {}
        with contextlib.suppress(OSError, EOFError, pickle.UnpicklingError):
            if self._reader is None:
                self._reader = (self._folder / "results.pickle").open("rb")
            while self._read < self._written.value:
                results.update(pickle.load(self._reader))
                self._read += 1
        return results

    def results(self) -> dict:
        """The results not yet taken by `ready`, once the process is through; it exits. With
        nothing to expect (a small site: no full batch was sent), the build does not wait."""
        results: dict = {}
        # It will write more only if it was sent work, and took some or may still take some.
        expected = bool(self._sent) and (bool(self._claimable) or self._taken.value > 0)
        if expected:
            with contextlib.suppress(OSError, EOFError):
                while not self._done:  # past the glance, if the build did not take it
                    self._done = self._results.recv()[0] == "done"
            results = self.ready()
        self.close(wait=expected)
        return results

    def close(self, wait: bool = True) -> None:
        """Stop the process, done or not (it stops on its own once its pipes are closed). One
        that said it is done is not waited for: it removes its folder once the build has
        closed its end (with the results file, 26 MB at 1000 articles, whose memory the system
        took 4 ms to take back, with the build waiting and the other core idle), then gives
        its own memory back (7-11 ms). multiprocessing reaps it (at the next process started,
        or at exit)."""
        if self._reader is not None:
            self._reader.close()  # first: the folder's removal frees the file's memory
        self._offers.close()
        self._results.close()
        if not self._done:
            self._process.join(timeout=5 if wait else 0)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
            shutil.rmtree(self._folder, ignore_errors=True)


def _serve(prepare, glance, folder: Path, pipes, shared_state) -> None:
    """The forked process: drain offers on a thread, work through them in order, and write
    results to a file as they come, a batch at a time, each complete before it is counted."""
    offers, results, *the_builds_ends = pipes
    for end in the_builds_ends:  # forked open here: the build's closing them must be seen
        end.close()
    logging.disable(logging.CRITICAL)  # the build reports every error and warning itself
    gc.disable()  # a short life, whose garbage goes with it (see gcpause)
    sys.setswitchinterval(0.0005)  # let the draining thread in promptly: the build may wait
    lock, taken, limit, written = shared_state
    pending: collections.deque = collections.deque()
    arrived = threading.Condition()
    wanted: list = []  # set by "finish": the keys still to do; nothing else will come
    sending = threading.Lock()  # the results pipe's: both threads send on it

    def say(message) -> None:
        with sending, contextlib.suppress(OSError, ValueError):  # the build stopped listening
            results.send(message)

    def glance_at(items: list) -> None:
        """At once, not after the item being worked on: the build waits for it."""
        try:
            seen = glance(items)
        except Exception:  # the build does without
            seen = None
        say(("glance", seen))

    def drain():
        while not wanted:
            try:
                message = offers.recv()
            except (EOFError, OSError):  # the build is gone or stopped us: stop
                message = ("stop", set())
            if message[0] in ("finish", "stop"):
                if glance is not None and message[0] == "finish":
                    with arrived:
                        queued = [item for _, item in pending]
                    glance_at(queued)
                with arrived:
                    wanted.append(message[1])
                    arrived.notify()
            else:
                with arrived:
                    pending.extend(message[1])
                    arrived.notify()

    threading.Thread(target=drain, daemon=True).start()

    def share(stamp, value, name: str = "shared") -> None:
        partial = folder / f"{name}.partial"
        with partial.open("wb") as file:
            pickle.dump((stamp, value), file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(folder / f"{name}.pickle")  # whole or not there at all

    position = -1  # of the last item taken from `pending`, in the order of offers

    def next_item():
        nonlocal position
        with arrived:
            while not pending and not wanted:
                arrived.wait()
            while pending:
                key, item = pending.popleft()
                position += 1
                if wanted and key not in wanted[0]:
                    continue  # no longer needed (cached, or to be annotated again)
                with lock:
                    if position >= limit.value:
                        return None  # the build claimed this one and all after it
                    taken.value = position + 1
                return key, item
            return None

    batch: dict = {}
    try:
        work = prepare(share)
    except Exception:  # bad data: the build meets the same error and reports it
        work = None
    with (folder / "results.pickle").open("wb") as file:

        def write(batch: dict) -> None:
            pickle.dump(batch, file, protocol=pickle.HIGHEST_PROTOCOL)
            file.flush()
            written.value += 1

        while work is not None and (taken_item := next_item()) is not None:
            key, item = taken_item
            with contextlib.suppress(Exception):  # the build annotates it and reports the error
                batch[key] = work(item)
            if len(batch) == RESULT_BATCH:
                write(batch)
                batch = {}
        if batch:
            write(batch)
    say(("done", written.value))
    with contextlib.suppress(EOFError, OSError):  # nothing more comes: EOF once the build
        while True:  # has read the results and closed its end (see Background.close)
            offers.recv()
    shutil.rmtree(folder, ignore_errors=True)
    os._exit(0)  # nothing of the build's (log handlers, atexit hooks) runs here
