"""Documents annotated on every core the build may use.

Annotating is most of the plugin's work, and each document's annotation depends on that
document and the build's data only. Forked workers start with the data already loaded, each
annotates a share of the documents and sends back their records (see annotation_cache); the
build sets them on the documents in document order, exactly as annotating them in turn would.
A document whose worker met any error comes back empty and the build annotates it itself, so
errors surface as in a sequential build.

Forking is only done where it is safe and worth it: on Linux and the BSDs (macOS frameworks
do not survive a fork), with no other thread running but the `pelican` command's status display,
and with enough documents to repay starting the workers.
"""

import logging
import multiprocessing
import os
import sys
import threading

MIN_DOCUMENTS_PER_WORKER = 16
LOCK_WAIT = 1.0  # seconds, between checks that the process a lock is shared with still lives

_job = None  # (annotate, documents), read by forked workers


def available_workers() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def fork_is_safe() -> bool:
    """No thread may hold a lock a forked process would need. The one thread the `pelican`
    command runs (rich's status display redrawing the console) is allowed: forked processes
    never log, print or touch the console, and return their results through pipes."""
    return (
        sys.platform != "darwin"
        and "fork" in multiprocessing.get_all_start_methods()
        and all(
            thread is threading.main_thread() or type(thread).__name__ == "_RefreshThread"
            for thread in threading.enumerate()
        )
    )


def _annotate(index: int):
    annotate, documents = _job
    try:
        return annotate(documents[index])
    except Exception:  # annotated again by the build, which reports the error
        return None


def annotate_in_workers(annotate, documents: list, workers: int | None) -> list:
    """`annotate(document)` of each document, from forked workers; None where a document is
    left to the caller (all of them when working in parallel is not worth it or not safe)."""
    workers = min(workers or available_workers(), len(documents) // MIN_DOCUMENTS_PER_WORKER)
    if workers < 2 or not fork_is_safe():
        return [None] * len(documents)
    global _job
    _job = (annotate, documents)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = max(1, len(documents) // (workers * 4))
            return pool.map(_annotate, range(len(documents)), chunksize=chunk)
    except (OSError, ImportError):  # no shared semaphores here (no /dev/shm): the caller's
        return [None] * len(documents)
    finally:
        _job = None


def acquire_while_alive(lock, process) -> bool:
    """Take `lock` (shared with `process`, or with whoever forked this one where None), waiting
    while the process lives: False once it has died, maybe holding it."""
    while not lock.acquire(timeout=LOCK_WAIT):
        if process is not None and not process.is_alive():
            return False
    return True


def fork(task) -> multiprocessing.Process:
    """`task()` in a forked process that exits with 0 only if the task returned; it never
    logs (the build reports errors itself)."""
    process = multiprocessing.get_context("fork").Process(
        target=_run_quietly, args=(task,), daemon=True
    )
    process.start()
    return process


def _run_quietly(task) -> None:
    logging.disable(logging.CRITICAL)
    try:
        task()
    except BaseException:  # noqa: BLE001 - the build does the task itself and reports
        os._exit(1)
    os._exit(0)
