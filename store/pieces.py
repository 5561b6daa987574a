"""Reading a sealed snapshot a piece at a time.

Parsed whole, a 100k-lead file takes eight times its size at the peak: the
parser's own tree of the text beside every record as a dict. Read a quarter
of a megabyte of records at a time, each piece is handed on (to be checked and
packed) and its dicts dropped before the next piece is parsed.

The snapshot is the one a fold writes: ``{"leads":{"1":{...},...},...}``.
Inside a JSON string every quote has a backslash before it, so ``},"12":{``
can only be a seam between two objects, and ``,"contacts":{`` only a key
and its object: a seam inside a record, or a key named like a table, leaves
a piece that does not parse alone, and then the file is read whole, as any
file that does not read this way is.

A table the board does without at first (the contacts) is read for a few
fields only; where its pieces lie is kept, with a checksum of each, and they
are read again from the same open file once the board is painted.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO

import orjson

from store.foreground import stepping

Docs = dict[str, Any]
Take = Callable[[str, Docs], Docs]

PIECE = 1 << 18  # bytes of records parsed at once
Span = tuple[int, int, int]  # where a piece's records start and stop, and its checksum


class Changed(ValueError):
    """A file read again is not the one read before."""
_SEAM = re.compile(rb'\},"\d+":\{')


def read(raw: bytes, end: int, names: Iterable[str], take: Take, schema: int,
         kept: dict[str, list[Span]] | None = None) -> dict[str, Docs] | None:
    """The tables of the snapshot ``raw[:end] + b"}"``, each piece passed
    through ``take(table, docs)``; None when the file does not read this way
    (then nothing was taken but its ``meta``). ``meta`` comes first, and only
    a file of the current ``schema`` is read in pieces (others migrate).
    Where the pieces of a table named in ``kept`` lie is added to its list
    there, with their checksums, to read them again later (see ``again``)."""
    spans = _tables(raw, end, names)
    if spans is None or "meta" not in spans:
        return None
    try:
        meta = orjson.loads(_piece(raw, *spans.pop("meta")))
        if not isinstance(meta.get("1"), dict) or meta["1"].get("schema") != schema:
            return None
        tables = {"meta": take("meta", meta)}
        for name, (start, stop) in spans.items():
            tables[name] = table = {}
            keep = kept[name].append if kept and name in kept else None
            for span in _pieces(raw, start, stop):
                piece = _piece(raw, *span)
                table.update(take(name, orjson.loads(piece)))
                if keep is not None:
                    keep((*span, zlib.crc32(piece)))
    except orjson.JSONDecodeError:
        return None
    return tables


def again(file: BinaryIO, spans: list[Span], take: Take, name: str) -> Docs:
    """A table's records read again from ``file`` where :func:`read` found
    them, through ``take``. Raises :class:`Changed` when its bytes are no
    longer the ones read then."""
    table: Docs = {}
    for start, stop, crc in stepping(spans, 1):  # a piece: some milliseconds of work
        file.seek(start - 1)
        piece = bytearray(file.read(stop - start + 2))  # with the bytes around: replaced below
        if len(piece) != stop - start + 2:
            raise Changed(f"{name}: the file is shorter than when it was read")
        piece[0], piece[-1] = ord("{"), ord("}")
        if zlib.crc32(piece) != crc:
            raise Changed(f"{name}: the file changed since it was read")
        table.update(take(name, orjson.loads(piece)))
    return table


def _tables(raw: bytes, end: int, names: Iterable[str]) -> dict[str, tuple[int, int]] | None:
    """Where each table's records lie, as (start, stop) inside its braces,
    in the order of the file; None unless they tile it."""
    heads = []  # (where the table's name starts, where its records start, name)
    after = 0  # a fold writes the tables in the order given: each is looked for past the last
    for name in names:
        key = b'"%s":{' % name.encode()
        if raw.startswith(b"{" + key):
            heads.append((1, 1 + len(key), name))
            continue
        found = raw.find(b"}," + key, after, end)
        if found < 0:
            found = raw.find(b"}," + key, 0, after)
        if found >= 0:
            heads.append((found + 2, found + 2 + len(key), name))
            after = found
    heads.sort()
    if not heads or heads[0][0] != 1 or raw[end - 1:end] != b"}":
        return None
    # Each table's records end before its closing brace: "},", or the last one's.
    stops = [at - 2 for at, _start, _name in heads[1:]] + [end - 1]
    spans = {name: (start, stop) for (_at, start, name), stop in zip(heads, stops)}
    return spans if all(start <= stop for start, stop in spans.values()) else None


def _pieces(raw: bytes, start: int, stop: int) -> Iterable[tuple[int, int]]:
    """Where the records in ``raw[start:stop]`` lie, some ``PIECE`` bytes at
    a time, each piece a JSON object of its own once in braces."""
    while stop - start > PIECE:
        seam = _SEAM.search(raw, start + PIECE, stop)
        if seam is None:
            break
        yield start, seam.start() + 1
        start = seam.start() + 2
    yield start, stop


def _piece(raw: bytes, start: int, stop: int) -> bytes:
    return b"{" + memoryview(raw)[start:stop] + b"}"
