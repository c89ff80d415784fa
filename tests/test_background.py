"""Forked processes: offered work comes back by key, and nothing they do can break the
build (a failing or dead process only means the build does that work itself)."""

import gc
import multiprocessing
import os
import signal
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from plugins.explainer.background import GLANCE_WAIT, OFFER_BATCH, RESULT_BATCH, Background
from plugins.explainer.parallel import fork


def wait_for_lines(path: Path, count: int, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and len(path.read_text().splitlines()) >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"the background process did not work through {count} items")


def doubling(log: Path, fail_on=None):
    """A prepare function for the process: work(n) = 2n, each item logged as it is done."""

    def prepare(share):
        share("stamp", {"loaded": True})

        def work(number):
            if number == fail_on:
                raise ValueError("bad item")
            with log.open("a") as file:
                file.write(f"{number}\n")
            return number * 2

        return work

    return prepare


def test_offered_work_is_done_in_the_background_and_collected_by_key(tmp_path):
    log = tmp_path / "done.txt"
    background = Background(doubling(log))
    keys = [f"item-{number}" for number in range(2 * OFFER_BATCH)]
    for number, key in enumerate(keys):
        background.offer(key, number)
    wait_for_lines(log, 2 * OFFER_BATCH)
    assert background.shared("stamp") == {"loaded": True}
    assert background.shared("another stamp") is None  # data of other files is not handed over
    assert background.finish(keys) == set(keys)
    assert background.results() == {f"item-{n}": 2 * n for n in range(2 * OFFER_BATCH)}


def test_what_is_alive_at_the_fork_is_kept_out_of_the_builds_collections(tmp_path):
    """A collection scanning it would write to pages the build shares with the process, and
    the build would copy each of them while it reads. The next build's thaw returns it."""
    alive_at_the_fork = ["a list the collector tracks"]
    gc.unfreeze()
    try:
        background = Background(doubling(tmp_path / "done.txt"))
        scanned = gc.get_objects()  # what collections scan: not the frozen
        background.close()
        assert not any(thing is alive_at_the_fork for thing in scanned)
    finally:
        gc.unfreeze()
    assert any(thing is alive_at_the_fork for thing in gc.get_objects())


def test_a_process_that_is_done_is_not_waited_for_yet_exits_and_is_reaped(tmp_path):
    """The build takes the last results and goes on while the process gives its memory back."""
    background = Background(doubling(tmp_path / "done.txt"))
    keys = list(range(OFFER_BATCH))
    for key in keys:
        background.offer(key, key)
    background.finish(keys)
    process, joined = background._process, []
    process.join = lambda *args, **kwargs: joined.append(args)  # what waiting would call
    assert background.results() == {n: 2 * n for n in keys}
    assert joined == []
    del process.join
    process.join(timeout=20)
    assert process.exitcode == 0
    assert not background._folder.exists(), "it removes its folder once the build has closed"
    multiprocessing.active_children()  # reaps what has exited, as multiprocessing does
    assert process not in multiprocessing.active_children()


def held_from(first_held: int, log: Path, gate: Path):
    """A prepare function whose work(n) = 2n waits for `gate` from item `first_held` on."""

    def prepare(share):
        def work(number):
            while number >= first_held and not gate.exists():
                time.sleep(0.005)
            with log.open("a") as file:
                file.write(f"{number}\n")
            return number * 2

        return work

    return prepare


def claims(background: Background) -> list:
    claimed = []
    while (key := background.claim()) is not None:
        claimed.append(key)
    return claimed


def test_the_build_claims_from_the_back_what_the_process_has_not_reached(tmp_path):
    log, gate = tmp_path / "done.txt", tmp_path / "gate"
    background = Background(held_from(10, log, gate))
    for number in range(4 * OFFER_BATCH):
        background.offer(number, number)
    wait_for_lines(log, 10)  # items 0-9 are done and the process waits inside item 10
    assert background.finish(range(4 * OFFER_BATCH)) == set(range(4 * OFFER_BATCH))
    assert claims(background) == list(range(4 * OFFER_BATCH - 1, 10, -1))  # all but what it took
    early = background.ready()
    assert set(early) >= set(range(RESULT_BATCH))  # the first batch of results is in already
    gate.touch()
    rest = background.results()
    # It finished the item it was inside and stopped where the build's claims begin; each
    # result came back once.
    assert not set(early) & set(rest)
    assert early | rest == {n: 2 * n for n in range(11)}


def test_results_come_in_while_the_process_works_and_only_once(tmp_path):
    log, gate = tmp_path / "done.txt", tmp_path / "gate"
    background = Background(held_from(2 * OFFER_BATCH, log, gate))
    for number in range(3 * OFFER_BATCH):
        background.offer(number, number)
    wait_for_lines(log, 2 * OFFER_BATCH)
    early = {}
    deadline = time.monotonic() + 20
    while len(early) < 2 * OFFER_BATCH and time.monotonic() < deadline:  # two complete batches
        early |= background.ready()
    assert early == {n: 2 * n for n in range(2 * OFFER_BATCH)}
    background.finish(range(3 * OFFER_BATCH))
    gate.touch()
    assert background.results() == {n: 2 * n for n in range(2 * OFFER_BATCH, 3 * OFFER_BATCH)}


def test_the_build_gets_a_glance_at_what_the_process_has_not_done(tmp_path):
    """Every item still queued at `finish`, and the build's unfinished batch, which it does
    itself; the glance changes nothing of the work."""
    log, gate = tmp_path / "done.txt", tmp_path / "gate"
    background = Background(held_from(10, log, gate), glance=sorted)
    total = 4 * OFFER_BATCH + 3  # the last 3 are an unfinished batch: never sent to work on
    for number in range(total):
        background.offer(number, number)
    wait_for_lines(log, 10)  # the process is inside item 10
    background.finish(range(total))
    assert background.glanced() == list(range(11, total))
    claimed = claims(background)
    gate.touch()
    assert background.results() == {n: 2 * n for n in range(4 * OFFER_BATCH) if n not in claimed}


def test_the_build_does_not_wait_for_a_glance_from_a_process_not_yet_working(tmp_path):
    gate = tmp_path / "gate"

    def prepare(share):
        while not gate.exists():  # still loading the data, say
            time.sleep(0.005)
        return lambda number: 2 * number

    background = Background(prepare, glance=sorted)
    for number in range(OFFER_BATCH):
        background.offer(number, number)
    background.finish(range(OFFER_BATCH))
    started = time.monotonic()
    assert background.glanced() is None
    assert time.monotonic() - started < GLANCE_WAIT / 4
    assert claims(background) == list(range(OFFER_BATCH - 1, -1, -1))
    gate.touch()
    assert background.results() == {}


def test_a_glance_that_fails_gives_nothing_and_costs_nothing(tmp_path):
    log, gate = tmp_path / "done.txt", tmp_path / "gate"

    def broken(items):
        raise ValueError("cannot glance")

    background = Background(held_from(1, log, gate), glance=broken)
    for number in range(2 * OFFER_BATCH):
        background.offer(number, number)
    wait_for_lines(log, 1)
    background.finish(range(2 * OFFER_BATCH))
    started = time.monotonic()
    assert background.glanced() is None
    assert time.monotonic() - started < GLANCE_WAIT / 4
    gate.touch()
    assert background.results() == {n: 2 * n for n in range(2 * OFFER_BATCH)}


def test_what_is_no_longer_wanted_is_dropped(tmp_path):
    log, gate = tmp_path / "done.txt", tmp_path / "gate"
    background = Background(held_from(0, log, gate))
    for number in range(4 * OFFER_BATCH):
        background.offer(number, number)
    wanted = [n for n in range(4 * OFFER_BATCH) if n % 4]  # a quarter is already in the cache, say
    assert background.finish(wanted) == set(wanted)
    gate.touch()
    results = background.results()
    # Item 0 may have been started before the process heard; nothing else unwanted is done.
    assert set(results) - {0} == set(wanted) and all(results[n] == 2 * n for n in results)


def test_offers_wait_for_a_full_batch_and_finish_sends_the_rest(tmp_path):
    log = tmp_path / "done.txt"
    background = Background(doubling(log))
    for number in range(OFFER_BATCH + 3):
        background.offer(number, number)
    wait_for_lines(log, OFFER_BATCH)
    time.sleep(0.1)
    assert len(log.read_text().split()) == OFFER_BATCH, "3 offers went before a full batch"
    assert background.finish(range(OFFER_BATCH + 3)) == set(range(OFFER_BATCH + 3))
    assert background.results() == {n: 2 * n for n in range(OFFER_BATCH + 3)}


def test_an_item_that_fails_is_left_out_and_the_others_come_back(tmp_path):
    log = tmp_path / "done.txt"
    background = Background(doubling(log, fail_on=3))
    for number in range(OFFER_BATCH):
        background.offer(number, number)
    wait_for_lines(log, OFFER_BATCH - 1)
    background.finish(range(OFFER_BATCH))
    assert background.results() == {n: 2 * n for n in range(OFFER_BATCH) if n != 3}


def test_a_process_that_cannot_prepare_returns_nothing(tmp_path):
    def prepare(share):
        raise RuntimeError("bad data")

    background = Background(prepare)
    for number in range(OFFER_BATCH):
        background.offer(number, number)
    background.finish(range(OFFER_BATCH))
    assert background.results() == {}


def test_a_dead_process_costs_its_results_not_the_build(tmp_path):
    log = tmp_path / "done.txt"
    background = Background(doubling(log))
    os.kill(background._process.pid, signal.SIGKILL)
    background._process.join()
    for number in range(2 * OFFER_BATCH):
        background.offer(number, number)
    started = time.monotonic()
    assert background.finish(range(2 * OFFER_BATCH)) == set()  # nothing reached it: the build
    assert claims(background) == []  # annotates it all as never sent
    assert background.results() == {}
    assert time.monotonic() - started < 5
    assert not background._folder.exists()  # its temporary folder is gone too


def test_a_process_that_dies_holding_the_lock_leaves_the_claims_to_the_build(tmp_path):
    log, gate = tmp_path / "done.txt", tmp_path / "gate"
    background = Background(held_from(0, log, gate))
    for number in range(2 * OFFER_BATCH):
        background.offer(number, number)
    background.finish(range(2 * OFFER_BATCH))
    holder = fork(lambda: background._lock.acquire())  # exits without releasing it,
    holder.join()  # as a process killed inside its two-line critical section would
    os.kill(background._process.pid, signal.SIGKILL)
    background._process.join()
    claimed = claims(background)
    assert claimed and claimed == list(
        range(2 * OFFER_BATCH - 1, 2 * OFFER_BATCH - 1 - len(claimed), -1)
    )
    assert background.results() == {}


def test_without_shared_semaphores_there_is_no_process_and_nothing_left(tmp_path, monkeypatch):
    """Some containers have no /dev/shm: the build then annotates by itself, as when forking
    is not safe, and leaves no temporary folder behind."""

    def no_semaphores(*args, **kwargs):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(type(multiprocessing.get_context("fork")), "Lock", no_semaphores)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert Background.start(doubling(tmp_path / "done.txt")) is None
    assert not list(tmp_path.glob("explainer-background-*"))


def test_a_forked_task_reports_success_or_failure_by_its_exit_code(tmp_path):
    marker = tmp_path / "written"
    succeeded = fork(lambda: marker.write_text("yes"))
    succeeded.join()
    assert succeeded.exitcode == 0 and marker.read_text() == "yes"

    def fail():
        raise ValueError("a template error, say")

    failed = fork(fail)
    failed.join()
    assert failed.exitcode == 1  # the build then writes the pages itself and reports the error


def test_the_build_takes_results_in_first_and_claims_only_while_none_wait():
    """Only the build takes results in: claiming an article while some waited left it 50-60
    to take in alone once the process was through."""
    waiting = iter([{"a": 2}, {}, {"b": 4}, {"c": 6}, {}, {}])
    unclaimed = iter(["z", None])
    done = []
    stub = SimpleNamespace(ready=lambda: next(waiting), claim=lambda: next(unclaimed))
    Background.share_out(stub, lambda results: done.append(results), done.append)
    assert done == [{"a": 2}, "z", {"b": 4}, {"c": 6}]
