"""What every reader hands on: a header row and numbered rows of cells.

Readers differ in how they find the cells (CSV text, an Excel sheet, phone
contacts); everything after them works on a :class:`Sheet` alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from store.errors import UnreadableFile

Cell = object  # str from text files; str, int, float, datetime or None from Excel
Row = tuple[int, list[Cell]]  # the line (or sheet row) number, then the cells

# What one import file may hold (documented in the README). A file past them
# is refused before it can fill the memory or keep the import busy for minutes.
MAX_CELL_CHARS = 131_072  # one cell, in every format: what Python's csv allows
MAX_COLUMNS = 1_000
MAX_TEXT_BYTES = 256 * 1024 * 1024  # a CSV or vCard file
MAX_XLSX_EXPANDED = 256 * 1024 * 1024  # a workbook's parts, unpacked
MAX_XLSX_RATIO = 200  # unpacked / packed, for a part over 1 MiB: real sheets stay under 30


class ImportFailed(UnreadableFile):
    """A file that cannot be imported at all; nothing was written.

    An unreadable file like any other (exit code 3), said in words of its
    own. ``reason`` is one of: ``missing``, ``directory``, ``permission``,
    ``empty``, ``binary``, ``encrypted``, ``protected`` (by a DLP system), ``xls``, ``not_xlsx``, ``no_sheet``,
    ``no_header``, ``no_header_sheet``, ``no_header_book``, ``not_vcard``, ``format``,
    ``damaged``, ``mixed_encoding`` (detail: the line), ``web_page``, ``too_big``
    (detail: the size), ``too_expanded``, ``cell_too_long``, ``too_many_columns`` and
    ``unclosed_quote`` (detail: the line).
    """

    code = "import_failed"


def plain_breaks(text: str) -> str:
    """Line breaks inside a cell as ``\\n``: a ``\\r`` left in a note or a
    name would throw the board's lines out of place."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def cell_text(value: Cell) -> str:
    """A cell as text: ``3.0`` as ``3``, a float phone without its ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


@dataclass
class Sheet:
    """One table read from a file.

    ``rows`` yields the rows below the header; ``done`` tells how much of
    the file has been read (0-1), for a progress bar.
    """

    path: Path
    headers: list[str]
    rows: Iterator[Row]
    done: Callable[[], float]
    title: str = ""  # the rows above the header that hold one cell alone
    # No cell holds a control character: known for a whole text file at
    # once, so that its rows need not be cleaned cell by cell.
    plain: bool = False


def read_head(path: Path, size: int = 4096) -> bytes:
    """The first bytes of a file, to tell what it is."""
    with _reading(path):
        with path.open("rb") as handle:
            return handle.read(size)


def checked_row(path: Path, line: int, cells: list[Cell], sized: bool = False) -> list[Cell]:
    """``cells``, or an :class:`ImportFailed` when the row is past the limits
    (``sized``: its reader has refused a longer cell already)."""
    if len(cells) > MAX_COLUMNS:
        raise ImportFailed(path, "too_many_columns", str(line))
    if sized:
        return cells
    for cell in cells:
        if type(cell) is str and len(cell) > MAX_CELL_CHARS:
            raise ImportFailed(path, "cell_too_long", str(line))
    return cells


def read_bytes(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """A file's bytes, or an :class:`ImportFailed` that says why not."""
    with _reading(path):
        size = path.stat().st_size
        if size > limit:
            raise ImportFailed(path, "too_big", f"{size / 2**20:.0f}")
        data = path.read_bytes()
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportFailed(path, "empty")
    return data


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    try:
        yield
    except FileNotFoundError:
        raise ImportFailed(path, "missing") from None
    except IsADirectoryError:
        raise ImportFailed(path, "directory") from None
    except PermissionError:
        raise ImportFailed(path, "permission") from None
    except OSError as exc:
        raise ImportFailed(path, "damaged", exc.strerror or str(exc)) from None
