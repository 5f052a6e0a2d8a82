"""Doing one job behind another: a single worker thread behind a short queue.

A build extracts an article, then writes it. Oxigraph lets go of the GIL while it commits a
transaction, so the writes (a third of a build's time with its store on disk) can run in a
thread while the next articles are extracted: the build then costs about the larger of the
two, not their sum. One thread keeps the writes in input order, and the queue's depth bounds
how many extracted articles wait in memory. ``job`` is given everything queued when it is free
(at most ``group`` items, in order), so that the writer can commit several articles at once
when it has fallen behind, and one at a time when it keeps up.

>>> done = []
>>> with Behind(done.extend) as behind:
...     for n in range(5):
...         behind.put(n)
>>> done
[0, 1, 2, 3, 4]

An exception that escapes ``job`` stops the work: the items still queued are dropped, and it
is raised again in the caller's thread (by the next :meth:`Behind.put`, or on leaving the
``with`` block), so nothing fails silently.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
_END = object()


class Behind(Generic[T]):
    """Runs ``job(items)`` on every item :meth:`put`, in order and in lists of at most ``group``
    items (what was queued when the thread was free), in one thread of its own."""

    def __init__(self, job: Callable[[list[T]], None], depth: int = 8, group: int = 1) -> None:
        self._job = job
        self._group = group
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="graphkit-writer", daemon=True)

    def __enter__(self) -> Behind[T]:
        self._thread.start()
        return self

    def put(self, item: T) -> None:
        """Queue one item (waits while the queue is full)."""
        self._raise()
        self._queue.put(item)

    def __exit__(self, *exc_info: object) -> None:
        # Also after an error in the caller's thread: what was queued is still done (each item
        # is whole or absent, as without the thread), then the thread ends.
        self._queue.put(_END)
        self._thread.join()
        if exc_info[0] is None:
            self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        failed = False
        while True:
            items, ended = self._take()
            if items and not failed:  # after a failure: drain, so that put() never blocks
                try:
                    self._job(items)
                except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                    self._error, failed = exc, True
            if ended:
                return

    def _take(self) -> tuple[list[T], bool]:
        """What is queued, in order (waiting for the first item, at most ``group``), and
        whether the end came."""
        items: list[T] = []
        item = self._queue.get()
        while item is not _END:
            items.append(item)
            if len(items) >= self._group:
                return items, False
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return items, False
        return items, True


__all__ = ["Behind"]
