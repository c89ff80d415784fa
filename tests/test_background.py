"""Forked processes: offered work comes back by key, and nothing they do can break the
build (a failing or dead process only means the build does that work itself)."""

import os
import signal
import time
from pathlib import Path

from plugins.explainer.background import BATCH, Background
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
    keys = [f"item-{number}" for number in range(2 * BATCH)]
    for number, key in enumerate(keys):
        background.offer(key, number)
    wait_for_lines(log, 2 * BATCH)
    assert background.shared("stamp") == {"loaded": True}
    assert background.shared("another stamp") is None  # data of other files is not handed over
    assert background.finish(keys) == set(keys)
    assert background.results() == {f"item-{n}": 2 * n for n in range(2 * BATCH)}


def test_what_is_still_queued_is_split_and_only_what_is_wanted_is_kept(tmp_path):
    log, gate = tmp_path / "done.txt", tmp_path / "gate"

    def prepare(share):
        def work(number):
            while not gate.exists():  # held until the build has split the queue
                time.sleep(0.005)
            with log.open("a") as file:
                file.write(f"{number}\n")
            return number * 2

        return work

    background = Background(prepare)
    for number in range(4 * BATCH):
        background.offer(number, number)
    wanted = [n for n in range(4 * BATCH) if n % 4]  # a quarter is already in the cache, say
    theirs = background.finish(wanted)
    gate.touch()
    results = background.results()
    # The process kept about half of what was wanted and still queued (an item it had already
    # started is done whatever the split), dropped the rest, and gave back what it kept.
    assert set(wanted[: len(wanted) // 2]) <= theirs <= set(wanted) | {0}
    assert theirs <= set(results) and all(results[n] == 2 * n for n in results)
    assert not set(results) & set(wanted[len(wanted) // 2 + 1 :])


def test_offers_wait_for_a_full_batch_and_the_build_does_the_rest(tmp_path):
    log = tmp_path / "done.txt"
    background = Background(doubling(log))
    for number in range(BATCH + 3):
        background.offer(number, number)
    wait_for_lines(log, BATCH)
    assert background.finish(range(BATCH + 3)) == set(range(BATCH))  # 3 were never sent
    assert background.results() == {n: 2 * n for n in range(BATCH)}


def test_an_item_that_fails_is_left_out_and_the_others_come_back(tmp_path):
    log = tmp_path / "done.txt"
    background = Background(doubling(log, fail_on=3))
    for number in range(BATCH):
        background.offer(number, number)
    wait_for_lines(log, BATCH - 1)
    background.finish(range(BATCH))
    assert background.results() == {n: 2 * n for n in range(BATCH) if n != 3}


def test_a_process_that_cannot_prepare_returns_nothing(tmp_path):
    def prepare(share):
        raise RuntimeError("bad data")

    background = Background(prepare)
    for number in range(BATCH):
        background.offer(number, number)
    background.finish(range(BATCH))
    assert background.results() == {}


def test_a_dead_process_costs_its_results_not_the_build(tmp_path):
    log = tmp_path / "done.txt"
    background = Background(doubling(log))
    os.kill(background._process.pid, signal.SIGKILL)
    background._process.join()
    for number in range(2 * BATCH):
        background.offer(number, number)
    started = time.monotonic()
    background.finish(range(2 * BATCH))
    assert background.results() == {}
    assert time.monotonic() - started < 5
    assert not background._folder.exists()  # its temporary folder is gone too


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
