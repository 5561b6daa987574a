"""CSV as reps have it: saved by Excel on Chinese Windows (GBK), with a BOM or
without, comma, tab or semicolon separated, notes with line breaks inside."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from typing import Any
from pathlib import Path

from store.importing.headers import find_header
from store.importing.sheet import ImportFailed, Row, Sheet, read_bytes

DELIMITERS = (",", "\t", ";")
HEADER_SEARCH_ROWS = 10
# Control characters other than tab and line breaks: a text file has none.
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\r\n")


def decode(path: Path, data: bytes) -> str:
    """The text of a CSV file: BOM first, then valid UTF-8, else GB18030
    (a superset of GBK and GB2312, what Chinese Windows saves)."""
    if data.startswith(codecs.BOM_UTF8):
        return _checked(path, data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(path, data, "utf-16")  # Excel's "Unicode text"
    if b"\x00" in data[:65536]:
        raise ImportFailed(path, "binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _checked(path, data, "gb18030")


def _checked(path: Path, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportFailed(path, "binary") from None
    sample = text[:65536]
    if sum(1 for ch in sample if ch in _CONTROL) > len(sample) // 100:
        raise ImportFailed(path, "binary")
    return text


def sniff_delimiter(sample: str) -> str:
    """The separator the first lines use most (a comma when none shows)."""
    counts = {d: sample.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path) -> Sheet:
    text = decode(path, read_bytes(path))
    sample = "\n".join(itertools.islice((ln for ln in text[:65536].splitlines() if ln.strip()),
                                        HEADER_SEARCH_ROWS))
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=sniff_delimiter(sample))
    rows = _numbered(path, reader)
    head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    at = find_header([cells for _line, cells in head])
    if at is None:
        raise ImportFailed(path, "no_header")
    total = max(len(text), 1)
    return Sheet(path, [str(c) for c in head[at][1]], itertools.chain(head[at + 1 :], rows),
                 lambda: stream.tell() / total)


def _numbered(path: Path, reader: Any) -> Iterator[Row]:
    """Non-blank rows, each with the line it starts on."""
    last = 0
    try:
        for cells in reader:
            line, last = last + 1, reader.line_num
            if "".join(cells).strip():
                yield line, cells
    except csv.Error as exc:
        raise ImportFailed(path, "damaged", f"line {reader.line_num}: {exc}") from None
