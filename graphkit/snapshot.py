"""A read-only store that follows its writer: :class:`Snapshot`.

A read-only embedded store is a snapshot of the folder when it was opened (it replays the
writer's WAL, so it sees committed but unflushed transactions) and never sees later
writes. :class:`Snapshot` holds such a handle and reopens it when the folder's
``change_token()`` says that committed data changed, so that a reader running beside
``graphkit build`` (the server's query workers, the workbench's pages) answers from the
current data. It offers the read side of :class:`~graphkit.store.GraphStore`; writes are
refused.

>>> import tempfile
>>> from graphkit.store import Store
>>> folder = tempfile.mkdtemp()
>>> writer = Store(folder); writer.flush()
>>> live = Snapshot(folder)
>>> len(live)
0
>>> x = ox.NamedNode("urn:x")
>>> writer.bulk_load([ox.Quad(x, x, x, ox.NamedNode("urn:g"))]); writer.flush()
>>> len(live)
1
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Hashable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from .store import GraphStore, StoreError, open_store, store_signature

log = logging.getLogger("graphkit.store")


class Snapshot:
    """A read-only store opened with :func:`~graphkit.store.open_store`, reopened when its
    ``change_token()`` says that committed data changed (an embedded store's handle is a
    snapshot of the folder; a remote store's token never changes).

    ``current()`` starts a reopen when the token changed and waits for it up to
    ``fresh_wait_s``; the previous handle is used until the new one is ready.
    """

    read_only = True

    def __init__(self, location: str | Path, fresh_wait_s: float = 2.0) -> None:
        self.location = location
        self.fresh_wait_s = fresh_wait_s
        self._cond = threading.Condition()
        self._opening = False
        self._opened_at = time.monotonic()  # when the current handle's open started
        # The token is read before the handle opens: a write between the two then makes
        # the token older than the data (the next read reopens once more), never newer.
        self.token = change_token(location)
        self.store = self._open()

    def _open(self, attempts: int = 5) -> GraphStore:
        """A new handle; retried because opening can race with the writer's compactions
        (RocksDB then reports a missing .sst file)."""
        for attempt in range(attempts):
            try:
                return open_store(self.location, read_only=True)
            except (StoreError, OSError, RuntimeError) as exc:
                if attempt == attempts - 1:
                    raise StoreError(f"cannot open the store at {self.location}: {exc}") from exc
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def reopen(self) -> None:
        """Open a new handle now and make it current (keeps the old one on failure)."""
        started = time.monotonic()
        token = change_token(self.location)
        try:
            store: GraphStore | None = self._open()
        except StoreError as exc:
            log.warning("keeping the previous snapshot: %s", exc)
            store = None
        with self._cond:
            if store is not None:
                self.store, self.token, self._opened_at = store, token, started
            self._opening = False
            self._cond.notify_all()

    def current(self) -> GraphStore:
        """The freshest handle available within ``fresh_wait_s``."""
        if change_token(self.location) == self.token:
            return self.store
        noticed = time.monotonic()
        deadline = noticed + self.fresh_wait_s
        with self._cond:
            while self._opened_at < noticed:
                if not self._opening:
                    self._opening = True
                    threading.Thread(target=self.reopen, daemon=True).start()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            return self.store

    # -- the read side of GraphStore, on the freshest handle -----------------------------
    def change_token(self) -> Hashable:
        """The token of the data that reads get now (memos keyed on it are never newer
        than the data they were computed from)."""
        self.current()
        return self.token

    def query(self, sparql: str, **dataset: Any) -> Any:
        """``GraphStore.query`` (``union``, ``default_graphs``, ``named_graphs``) on the freshest handle."""
        return self.current().query(sparql, **dataset)

    def select(self, sparql: str, *, union: bool = True) -> list[dict[str, Any]]:
        return self.current().select(sparql, union=union)

    def article_hashes(self) -> dict[str, str]:
        return self.current().article_hashes()

    def articles_by_origin(self) -> dict[str, set[str]]:
        return self.current().articles_by_origin()

    def quads(self) -> Iterator[ox.Quad]:
        return self.current().quads()

    def __len__(self) -> int:
        return len(self.current())

    def export(self, output: str | Path | IO[bytes], fmt: str = "nq") -> None:
        self.current().export(output, fmt)

    def flush(self) -> None:
        """Nothing to write."""

    def _refuse(self, *args: Any) -> None:
        raise StoreError("a snapshot is read-only")

    put_article = put_articles = remove_article = bulk_load = refresh_aggregates = _refuse


def change_token(location: str | Path) -> Hashable:
    """What ``open_store(location).change_token()`` would say, without opening it: the
    folder's signature, the URL of a server (whose answers are always current)."""
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        return location
    return store_signature(Path(location))


__all__ = ["Snapshot", "change_token"]
