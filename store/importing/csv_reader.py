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

from store.importing.headers import read_header, title_of
from store.importing.sheet import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    ImportFailed,
    Row,
    Sheet,
    checked_row,
    plain_breaks,
    read_bytes,
)
from store.text import CONTROL

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
    except UnicodeDecodeError as not_utf8:
        if _utf8_lines_before(data, not_utf8.start):
            # Whole lines of Chinese in UTF-8, then bytes that are not: read as
            # GBK, the lines before would all turn into nonsense.
            raise _undecodable(path, data, not_utf8) from None
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as not_gbk:
            # Neither: the encoding that read further is the file's own.
            raise _undecodable(path, data, max(not_utf8, not_gbk, key=lambda e: e.start)) from None
    return _text(path, text)


def _utf8_lines_before(data: bytes, bad: int) -> bool:
    """Whether a line before the one holding byte ``bad`` has characters
    beyond ASCII: valid UTF-8 that far is no GBK file by chance."""
    line_start = data.rfind(b"\n", 0, bad) + 1
    return not data[:line_start].isascii()


def _checked(path: Path, data: bytes, encoding: str) -> str:
    try:
        return _text(path, data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise _undecodable(path, data, exc) from None


def _text(path: Path, text: str) -> str:
    if _looks_binary(text[:65536]):
        raise ImportFailed(path, "binary")
    return text


def _looks_binary(sample: str) -> bool:
    return sum(1 for ch in sample if ch in _CONTROL) > len(sample) // 100


def _undecodable(path: Path, data: bytes, exc: UnicodeDecodeError) -> ImportFailed:
    """Not text at all, or text with a stretch in another encoding (two
    exports pasted together, a name typed on another system): say on which
    line, rather than guess and turn every Chinese character into nonsense."""
    if _looks_binary(data[:65536].decode(exc.encoding, "replace")):
        return ImportFailed(path, "binary")
    return ImportFailed(path, "mixed_encoding", str(data.count(b"\n", 0, exc.start) + 1))


def web_page(text: str) -> bool:
    """An HTML table (what many web systems save as ``.xls``) or an Excel
    2003 XML sheet: neither is CSV, and no header would be found in it."""
    head = text[:4096].lstrip().lower()
    return head.startswith("<") and any(
        mark in head for mark in ("<html", "<table", "urn:schemas-microsoft-com:office"))


def sniff_delimiter(sample: str) -> str:
    """The separator the first lines use most (a comma when none shows)."""
    counts = {d: sample.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path) -> Sheet:
    text = decode(path, read_bytes(path))
    if web_page(text):
        raise ImportFailed(path, "web_page")
    sample = "\n".join(itertools.islice((ln for ln in text[:65536].splitlines() if ln.strip()),
                                        HEADER_SEARCH_ROWS))
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=sniff_delimiter(sample))
    rows = _numbered(path, reader, text)
    head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    found = read_header([cells for _line, cells in head])
    if found is None:
        raise ImportFailed(path, "no_header")
    header, below = found
    total = max(len(text), 1)
    return Sheet(path, [str(c) for c in header], itertools.chain(head[below:], rows),
                 lambda: stream.tell() / total, title_of([cells for _n, cells in head[:below]]),
                 plain=_plain(text))


def _plain(text: str) -> bool:
    """Whether no cell can hold a control character (line ends aside, which
    the rows turn into line breaks): one look at the whole file."""
    return CONTROL.search(text.replace("\r", "")) is None


def _numbered(path: Path, reader: Any, text: str) -> Iterator[Row]:
    """Non-blank rows, each with the line it starts on.

    A cell can only hold a line break when its row runs over several lines;
    ``csv`` itself refuses a cell past ``MAX_CELL_CHARS`` (its own limit
    unless changed), so the cells need no second look.
    """
    sized = csv.field_size_limit() <= MAX_CELL_CHARS
    last = line = 0
    try:
        for cells in reader:
            line, last = last + 1, reader.line_num
            # A first cell with text (the common case) is no blank row: no join.
            if (cells and cells[0].strip()) or "".join(cells).strip():
                if last > line:
                    cells = [plain_breaks(cell) for cell in cells]
                if not sized or len(cells) > MAX_COLUMNS:  # the look checked_row makes
                    cells = checked_row(path, line, cells, sized)
                yield line, cells
        if last > line and _open_quote(text, line, reader.dialect):
            raise ImportFailed(path, "unclosed_quote", str(line))
    except csv.Error as exc:
        if "field limit" in str(exc):  # csv's own cell limit, the one every format keeps
            raise ImportFailed(path, "cell_too_long", str(last + 1)) from None
        raise ImportFailed(path, "damaged", f"line {reader.line_num}: {exc}") from None


def _open_quote(text: str, line: int, dialect: Any) -> bool:
    """Whether the last record, from ``line`` on, opens a quote it never
    closes: read leniently, it would swallow every row after it into one
    cell. Only a record over several lines can, so it alone is read again,
    strictly."""
    rest = "".join(itertools.islice(io.StringIO(text, newline=""), line - 1, None))
    try:
        for _cells in csv.reader(io.StringIO(rest, newline=""), dialect, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False
