"""Excel ``.xlsx``: the first sheet with a header (or a named one), the header
found even below a title row, cells read as values (dates, numbers), not as
shown. A summary sheet in front of the data is passed over."""

from __future__ import annotations

import itertools
import warnings
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

from store.importing.headers import read_header, title_of
from store.importing.sheet import (
    MAX_XLSX_EXPANDED,
    MAX_XLSX_RATIO,
    Cell,
    ImportFailed,
    Row,
    Sheet,
    cell_text,
    checked_row,
    plain_breaks,
    read_bytes,
)

HEADER_SEARCH_ROWS = 20
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and encrypted .xlsx


def refuse_ole(path: Path, data: bytes) -> None:
    """An OLE file is either an encrypted workbook or the old .xls format;
    say which, since the fix differs (remove the password / save as .xlsx)."""
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ImportFailed(path, "encrypted")
        raise ImportFailed(path, "xls")


def read_xlsx(path: Path, sheet: str | None = None) -> Sheet:
    data = read_bytes(path)
    refuse_ole(path, data)
    refuse_expanding(path)
    from openpyxl import load_workbook  # only an Excel import pays for loading it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it skips
            book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile) as exc:
        raise ImportFailed(path, "not_xlsx", str(exc)) from None
    except Exception as exc:  # a damaged workbook fails deep inside openpyxl, in many ways
        raise ImportFailed(path, "damaged", f"{type(exc).__name__}: {exc}") from None
    names = ", ".join(book.sheetnames)
    try:
        if sheet is None:
            found = next(filter(None, (_sheet(path, book, w) for w in book.worksheets)), None)
            if found is None:
                raise ImportFailed(path, "no_header_book", names)
            return found
        if sheet not in book.sheetnames:
            raise ImportFailed(path, "no_sheet", names)
        found = _sheet(path, book, book[sheet])
        if found is None:
            raise ImportFailed(path, "no_header_sheet", f"{sheet} ({names})")
        return found
    except BaseException:
        book.close()
        raise


def refuse_expanding(path: Path) -> None:
    """A workbook is a zip: refuse one whose parts would unpack to more than
    the memory a real sheet needs, before a byte of it is unpacked. The
    sizes the zip declares bound what is unpacked (more is never read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # said by the workbook reader, in its words
    expanded = sum(part.file_size for part in parts)
    packed_tight = any(part.file_size > 2**20
                       and part.file_size > MAX_XLSX_RATIO * max(part.compress_size, 1)
                       for part in parts)
    if expanded > MAX_XLSX_EXPANDED or packed_tight:
        raise ImportFailed(path, "too_expanded", f"{expanded / 2**20:.0f}")


def _sheet(path: Path, book, worksheet) -> Sheet | None:
    """The sheet's rows below its header; None (the book left open) without one."""
    total = max(worksheet.max_row or 0, 1)
    # Streaming writers (Java exports from web systems) declare the sheet as
    # just A1; read that way, every row would be cut to its first cell.
    worksheet.reset_dimensions()
    state = {"row": 0, "probing": True}
    rows = _rows(path, book, worksheet, state)
    head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    found = read_header([cells for _n, cells in head])
    if found is None:
        rows.close()
        return None
    state["probing"] = False  # from here the rows close the book when done
    header, below = found
    return Sheet(path, [cell_text(c) for c in header], itertools.chain(head[below:], rows),
                 lambda: min(state["row"] / total, 1.0),
                 title_of([cells for _n, cells in head[:below]]))


def _rows(path: Path, book, worksheet, state: dict) -> Iterator[Row]:
    try:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            state["row"] = number
            cells = [_value(v) for v in values]
            if any(c not in (None, "") for c in cells):
                yield number, checked_row(path, number, cells)
    except ImportFailed:
        raise
    except Exception as exc:  # damaged sheet XML surfaces only as the rows are read
        raise ImportFailed(path, "damaged", f"row {state['row']}: {exc}") from None
    finally:
        if not state["probing"]:
            book.close()


def _value(value: object) -> Cell:
    if isinstance(value, str):
        return plain_breaks(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return value  # numbers stay numbers: a phone needs the digits, not the display
