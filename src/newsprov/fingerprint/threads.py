"""Threads for the numpy stages: how many to run, an ordered map over them, batches.

Part of :mod:`newsprov.fingerprint` (which re-exports the public names); the
candidate stage and the command line use them too.

Example:
    >>> list(thread_map(len, ["a", "bb", "ccc"], 2))
    [1, 2, 3]
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

__all__ = ["available_cores", "batched", "thread_map", "usable_workers"]

T = TypeVar("T")
R = TypeVar("R")


def thread_map(fn: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``map(fn, items)`` run in ``workers`` threads (0: one per available core), in order.

    For numpy-heavy work, which releases the GIL; at most two items per thread
    are in flight, so ``items`` may be a long lazy iterator. One thread (or
    ``workers=1``) runs in the caller's thread, with no pool.

    Example:
        >>> list(thread_map(lambda x: x * x, range(5), 2))
        [0, 1, 4, 9, 16]
    """
    # More threads than cores only add numpy temporaries (tens of MB each) in
    # flight, never speed: the count is capped at the cores this process may use.
    workers = usable_workers(workers)
    if workers <= 1:
        yield from map(fn, items)
        return
    with ThreadPoolExecutor(workers, thread_name_prefix="newsprov") as pool:
        running: deque[Future[R]] = deque()
        for item in items:
            running.append(pool.submit(fn, item))
            if len(running) >= 2 * workers:
                yield running.popleft().result()
        while running:
            yield running.popleft().result()


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily, so that a
    long iterator feeds :func:`thread_map` or an executor a batch at a time.

    Example:
        >>> list(batched(range(5), 2))
        [[0, 1], [2, 3], [4]]
    """
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def usable_workers(workers: int) -> int:
    """The number of threads or processes to run for a ``workers`` setting:
    0 means one per available core, and more than the available cores are not used.

    Example:
        >>> usable_workers(1), usable_workers(0) == usable_workers(10_000) == available_cores()
        (1, True)
    """
    cores = available_cores()
    return cores if workers == 0 else min(workers, cores)


def available_cores() -> int:
    """CPU cores this process may run on (its affinity mask where the OS has one).

    Example:
        >>> available_cores() >= 1
        True
    """
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
