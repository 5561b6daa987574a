"""The change journal: one durable line per change, beside the snapshot.

A save appends one line and fsyncs it, so it costs the size of the change,
not of the database. Each line is ``<crc32 hex> <json>\\n``. A last line
without its newline is a write torn by a crash and is dropped (it was never
acknowledged); any other line that fails its checksum means the file was
damaged, and the database is refused rather than guessed at, until
``leadboard restore`` keeps what can be read.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from store.errors import UnreadableFile
from store.files import fsync_dir
from store.safe_files import open_private, read_private, replace

Entry = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Replay:
    entries: list[Entry]
    good_bytes: int  # length of the intact prefix
    torn_tail: bool


def encode(entry: Entry) -> bytes:
    body = orjson.dumps(entry)
    return b"%08x %s\n" % (zlib.crc32(body), body)


def _decode(line: bytes) -> Entry | None:
    if len(line) < 10 or line[8:9] != b" " or not line.endswith(b"\n"):
        return None
    body = line[9:-1]
    try:
        # The checksum as written, to the byte: read as a number, a flipped
        # letter's case would pass.
        if line[:8] != b"%08x" % zlib.crc32(body):
            return None
        entry = orjson.loads(body)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) and isinstance(entry.get("seq"), int) else None


def lines(raw: bytes) -> list[bytes]:
    """The journal's lines, each with its newline but perhaps the last: only
    a newline ends one (``splitlines`` would end one at a carriage return,
    and take a damaged first byte for a torn last line)."""
    parts = raw.split(b"\n")
    return [part + b"\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _whole_but_its_end(line: bytes) -> Entry | None:
    """The entry of a line whose every byte but the newline that ends it is
    whole: a write cut short leaves the start of a line, never a whole line
    with another byte where its newline belongs, so that is damage."""
    return _decode(line[:-1] + b"\n") if line else None


def read(path: Path) -> Replay:
    return parse(path, fetch(path))


def fetch(path: Path) -> bytes:
    """The journal's bytes (none when there is no journal yet)."""
    try:
        return read_private(path)
    except FileNotFoundError:
        return b""
    except OSError as exc:
        raise UnreadableFile(path, "journal", exc.strerror or str(exc)) from None


def parse(path: Path, raw: bytes) -> Replay:
    """The entries of the journal ``path`` whose bytes are ``raw``."""
    entries: list[Entry] = []
    offset = 0
    for line in lines(raw):
        entry = _decode(line)
        if entry is None:
            if not line.endswith(b"\n") and _whole_but_its_end(line) is None:
                return Replay(entries, offset, True)  # the last line, torn
            raise UnreadableFile(path, "journal", f"damaged at byte {offset}")
        entries.append(entry)
        offset += len(line)
    return Replay(entries, offset, False)


def salvage(path: Path, after: int) -> list[Entry]:
    """The entries of a damaged journal that can still be replayed on a
    snapshot of change ``after``: every whole line from the next change on,
    up to the first change missing from the chain."""
    try:
        found = lines(read_private(path))
    except FileNotFoundError:
        return []
    kept: list[Entry] = []
    for entry in filter(None, (_decode(line) or _whole_but_its_end(line) for line in found)):
        if entry["seq"] <= after:
            continue  # already in the snapshot
        if entry["seq"] != after + len(kept) + 1:
            break
        kept.append(entry)
    return kept


def read_quietly(path: Path) -> Replay | None:
    """Like :func:`read`, but None for a journal too damaged to read."""
    try:
        return read(path)
    except UnreadableFile:
        return None


class Journal:
    """Appends entries durably. Opened only by the one writer."""

    def __init__(self, path: Path, good_bytes: int) -> None:
        self.path = path
        existed = path.exists()
        self._fd = open_private(path, os.O_RDWR | os.O_CREAT)
        os.truncate(self._fd, good_bytes)  # drop a torn tail before appending
        os.lseek(self._fd, good_bytes, os.SEEK_SET)
        self.size = good_bytes
        if not existed:
            fsync_dir(path.parent)

    def append(self, *entries: Entry) -> None:
        """Write ``entries`` durably, in one write and one fsync. If the disk
        refuses, none of them is left behind for the next append to follow."""
        data = b"".join(map(encode, entries))
        written = 0
        try:
            while written < len(data):
                written += os.write(self._fd, data[written:])
            os.fsync(self._fd)
        except OSError:
            self._cut(self.size)
            raise
        self.size += len(data)

    def _cut(self, size: int) -> None:
        os.ftruncate(self._fd, size)
        os.lseek(self._fd, size, os.SEEK_SET)
        self.size = size

    def keep_after(self, offset: int) -> None:
        """Keep only what was appended after ``offset``: the snapshot holds the rest.

        The shorter journal is written beside the old one and swapped in, so a
        crash leaves one or the other, and both replay to the same state.
        """
        tail = os.pread(self._fd, self.size - offset, offset)
        replace(self.path, tail)
        os.close(self._fd)
        self._fd = open_private(self.path, os.O_RDWR)
        os.lseek(self._fd, len(tail), os.SEEK_SET)
        self.size = self.synced = len(tail)

    def close(self) -> None:
        os.close(self._fd)
