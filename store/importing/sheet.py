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


class ImportFailed(UnreadableFile):
    """A file that cannot be imported at all; nothing was written.

    An unreadable file like any other (exit code 3), said in words of its
    own. ``reason`` is one of: ``missing``, ``directory``, ``permission``,
    ``empty``, ``binary``, ``encrypted``, ``xls``, ``not_xlsx``, ``no_sheet``,
    ``no_header``, ``no_header_sheet``, ``no_header_book``, ``not_vcard``, ``format``,
    ``damaged``, ``mixed_encoding`` (detail: the line), ``web_page``.
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


def read_head(path: Path, size: int = 4096) -> bytes:
    """The first bytes of a file, to tell what it is."""
    with _reading(path):
        with path.open("rb") as handle:
            return handle.read(size)


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an :class:`ImportFailed` that says why not."""
    with _reading(path):
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
