"""A checksum over the whole snapshot, so that damage is found, not read.

The snapshot stays a TinyDB file: the checksum is its last table,
``"checksum": {"1": {"crc32": "<hex>"}}``, taken over the file's bytes as
they are without that table. ``meta.sealed`` (inside what the checksum
covers) says a file carries one, so a damaged checksum table cannot pass
the file off as an old one. Files written before checksums have neither and
are read as they are; the next fold seals them.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

TABLE = "checksum"
_TRAILER = re.compile(rb',?"checksum":\{"1":\{"crc32":"([0-9a-f]{8})"\}\}\}\s*\Z')
_LONGEST = len(b',"checksum":{"1":{"crc32":"00000000"}}}')


class Broken(ValueError):
    """The snapshot's bytes are not the ones its checksum was taken over."""


def seal(data: dict[str, Any]) -> bytes:
    """The snapshot's bytes, ``meta.sealed`` set and the checksum last."""
    meta = data.get("meta", {}).get("1")
    if isinstance(meta, dict):
        meta["sealed"] = True
    body = orjson.dumps({name: table for name, table in data.items() if name != TABLE})
    return b"".join(sealed_pieces([body]))


def sealed_pieces(body: Iterable[bytes]) -> Iterator[bytes]:
    """:func:`seal`'s bytes, given the pieces of ``body`` (the tables as one
    JSON object, ``meta.sealed`` set) in order: the same file, never held
    whole."""
    crc, size, last = 0, 0, b""
    for piece in body:
        if last:
            yield last
            crc, size = zlib.crc32(last, crc), size + len(last)
        last = piece
    assert last.endswith(b"}"), "the body is one JSON object"
    head = last[:-1]
    yield head
    crc, size = zlib.crc32(last, crc), size + len(last)
    comma = b"," if size > 2 else b""
    yield b'%s"checksum":{"1":{"crc32":"%08x"}}}' % (comma, crc)


def unseal(raw: bytes) -> tuple[bytes, bool]:
    """The bytes the checksum covers, and whether there was a checksum.
    Raises :class:`Broken` when the checksum does not match."""
    end = verify(raw)
    return (raw, False) if end is None else (raw[:end] + b"}", True)


def verify(raw: bytes) -> int | None:
    """Where the checksum table starts (the tables before it end there), or
    None without one. Raises :class:`Broken` when it does not match. Reads
    ``raw`` in place: a copy of a 100 MB file is 100 MB more at the peak."""
    found = _trailer(raw)
    if found is None:
        return None
    end = found.start()
    if zlib.crc32(b"}", zlib.crc32(memoryview(raw)[:end])) != int(found[1], 16):
        raise Broken(f"checksum {found[1].decode()} does not match")
    return end


def covered(raw: bytes) -> bytes:
    """The bytes a checksum would cover, whether or not it matches."""
    found = _trailer(raw)
    return raw if found is None else raw[:found.start()] + b"}"


def _trailer(raw: bytes) -> re.Match[bytes] | None:
    """The checksum table at the end of ``raw``, looked for in its last
    bytes only: a search of the whole file costs a second at 100k leads."""
    tail = raw[-4096:]  # not raw.rstrip(): a copy of the whole file
    end = len(raw) - len(tail) + len(tail.rstrip())
    if not tail.strip():  # a long run of white space at the end
        end = len(raw.rstrip())
    return _TRAILER.search(raw, max(0, end - _LONGEST))


def claims_seal(data: dict[str, Any]) -> bool:
    """Whether the file says it was sealed (then it must carry its checksum)."""
    meta = data.get("meta", {}).get("1")
    return isinstance(meta, dict) and meta.get("sealed") is True
