"""A TinyDB storage that parses the file once and replaces it atomically.

TinyDB's own JSONStorage re-reads the file on every query and rewrites it in
place, so a crash mid-write can leave half a file. This one keeps the parsed
data in memory, refuses a file it cannot read (and then never writes it), and
writes a whole new file beside the old one before swapping it in.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from store.errors import UnreadableFile
from store.files import write_atomic
from store.migrations import migrate

Tables = dict[str, dict[str, Any]]


class SnapshotStorage(Storage):
    """The snapshot half of the database; the journal holds what came since."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._data: Tables | None = None
        self._loaded = False
        self._batch_depth = 0
        self._dirty = False

    def read(self) -> Tables | None:
        if not self._loaded:
            self._data = self._load()
            self._loaded = True
        return self._data

    def write(self, data: Tables) -> None:
        self._data = data
        self._loaded = True
        if self._batch_depth:
            self._dirty = True
            return
        write_atomic(self.path, orjson.dumps(data))

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Collect the writes made inside into one atomic write at the end."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
        if not self._batch_depth and self._dirty:
            self._dirty = False
            write_atomic(self.path, orjson.dumps(self._data))

    def forget(self) -> None:
        """Drop the parsed copy once the store has built its objects from it.

        The store is the source of truth from then on and hands the whole
        state back at the next snapshot.
        """
        self._data = {}
        self._loaded = True

    def _load(self) -> Tables | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise UnreadableFile(self.path, "directory") from None
        except PermissionError:
            raise UnreadableFile(self.path, "permission") from None
        if not raw.strip():
            raise UnreadableFile(self.path, "empty")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise UnreadableFile(self.path, "syntax", str(exc)) from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise UnreadableFile(self.path, "not_tinydb")
        return migrate(self.path, data)

