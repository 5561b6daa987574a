"""A TinyDB storage that parses the file once and replaces it atomically.

TinyDB's own JSONStorage re-reads the file on every query and rewrites it in
place, so a crash mid-write can leave half a file. This one keeps the parsed
data in memory, refuses a file it cannot read (and then never writes it), and
writes a whole new file beside the old one before swapping it in.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import orjson
from tinydb.storages import Storage

from store import pieces, seal
from store.errors import UnreadableFile
from store.migrations import SCHEMA_VERSION, migrate
from store.safe_files import open_private, replace

Tables = dict[str, dict[str, Any]]


class SnapshotStorage(Storage):
    """The snapshot half of the database; the journal holds what came since."""

    def __init__(self, path: str | Path, take: pieces.Take | None = None,
                 tables: tuple[str, ...] = (), later: tuple[str, ...] = ()) -> None:
        """``take(table, docs)`` is handed a sealed file's records a piece
        at a time as they are read (see ``pieces``; ``tables``: the names to
        look for), and what it gives back is kept; ``taken`` says whether it
        was (else the file was read whole). Where the pieces of the tables
        named in ``later`` lie is kept too, in ``kept``, when they were
        taken, and the file is then held open in ``kept_in`` to read them
        again: a fold's new file takes the path, not this one's bytes."""
        self.path = Path(path)
        self._take = take
        self._tables = tables
        self._later = later
        self.kept: dict[str, list[pieces.Span]] = {}
        self.kept_in: BinaryIO | None = None
        self._file: BinaryIO | None = None  # fetched from, until decoded
        self.taken = False
        self._data: Tables | None = None
        self._loaded = False
        self._batch_depth = 0
        self._dirty = False
        self.sealed = False  # whether the file read carried its checksum
        self.stamp: tuple[int, int, int] | None = None  # of the file read (see same_file)
        self._raw: bytes | None = None  # fetched, not yet decoded

    def read(self) -> Tables | None:
        if not self._loaded:
            raw = self.fetch() if self._raw is None else self._raw
            self._raw = None
            self._data = None if raw is None else self._decode(raw)
            self._loaded = True
        return self._data

    def write(self, data: Tables) -> None:
        self._data = data
        self._loaded = True
        if self._batch_depth:
            self._dirty = True
            return
        replace(self.path, seal.seal(data))

    @contextmanager
    def batch(self, before_replace: Callable[[], None] | None = None) -> Iterator[None]:
        """Collect the writes made inside into one atomic write at the end.
        ``before_replace`` runs once the new file is whole, before it takes
        the old one's place."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
        if not self._batch_depth and self._dirty:
            self._dirty = False
            replace(self.path, seal.seal(self._data), before_replace)

    def forget(self) -> None:
        """Drop the parsed copy once the store has built its objects from it.

        The store is the source of truth from then on and hands the whole
        state back at the next snapshot.
        """
        self._data = {}
        self._loaded = True

    def same_file(self) -> bool:
        """Whether the file at the path is still the one read: a fold by
        another process replaces it before it trims the journal."""
        return _stamp(self.path) == self.stamp

    def fetch(self) -> bytes | None:
        """The file's bytes (None: no file), read before they are decoded,
        so that a reader can take the journal's right after them."""
        self._let_go()
        try:
            handle = os.fdopen(open_private(self.path, os.O_RDONLY), "rb")
            try:
                self.stamp = _info(os.fstat(handle.fileno()))
                self._raw = handle.read()
            except BaseException:
                handle.close()
                raise
            self._file = handle
        except FileNotFoundError:
            self.stamp = None
            return None
        except IsADirectoryError:
            raise UnreadableFile(self.path, "directory") from None
        except PermissionError:
            raise UnreadableFile(self.path, "permission") from None
        return self._raw

    def _let_go(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _decode(self, raw: bytes) -> Tables:
        take, self._take = self._take, None  # once: it holds the read's texts
        try:
            return self._decoded(raw, take)
        finally:
            self._let_go()

    def _decoded(self, raw: bytes, take: pieces.Take | None) -> Tables:
        if take is not None and not _blank(raw):
            kept: dict[str, list[pieces.Span]] = {name: [] for name in self._later}
            data = _in_pieces(self.path, raw, take, self._tables, kept)
            if data is not None:
                self.sealed = self.taken = True
                if self._later:
                    self.kept, self.kept_in, self._file = kept, self._file, None
                return data
        data, self.sealed = decode(self.path, raw)
        return data


def _in_pieces(path: Path, raw: bytes, take: pieces.Take, tables: tuple[str, ...],
               kept: dict[str, list[pieces.Span]]) -> Tables | None:
    try:
        end = seal.verify(raw)
    except seal.Broken as exc:
        raise UnreadableFile(path, "checksum", str(exc)) from None
    if end is None:  # not sealed: read whole and checked record by record
        return None
    return pieces.read(raw, end, (*tables, "meta"), take, SCHEMA_VERSION, kept)


def _blank(raw: bytes) -> bool:
    return not raw or raw.isspace()  # not raw.strip(): a copy of the whole file


def decode(path: Path, raw: bytes) -> tuple[Tables, bool]:
    """A snapshot's tables, migrated in memory, and whether its checksum
    vouched for them; :class:`UnreadableFile` for anything else."""
    if _blank(raw):
        raise UnreadableFile(path, "empty")
    try:
        body, sealed = seal.unseal(raw)
    except seal.Broken as exc:
        raise UnreadableFile(path, "checksum", str(exc)) from None
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise UnreadableFile(path, "syntax", str(exc)) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise UnreadableFile(path, "not_tinydb")
    if not sealed and seal.claims_seal(data):
        raise UnreadableFile(path, "checksum", "its checksum is missing")
    return migrate(path, data), sealed


def _info(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_ino, info.st_size, info.st_mtime_ns


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        return _info(os.stat(path))
    except FileNotFoundError:
        return None
