"""The cells of a machine list (保有量): brand, model, size, year, hours,
status and serial, each read into the row's ``machine`` as the store keeps it.

A value that cannot be read (text in the hours, a year that is no year, a
status not in the table) is a fault of the row, named with its header and
cell, so the row goes to the rejects file instead of coming in half read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from store.fleet import FIRST_YEAR, MAX_HOURS, MAX_TONNES, brand_key, brand_name, model_tonnes
from store.model import MachineStatus

# The row as the lead reader builds it (records.Incoming): its ``machine``
# fields and its ``faults``. Typed loosely to keep this module below it.
Row = Any
Reader = Callable[[Row, str, str], None]

# Fields that make a row a machine: a status or condition alone does not.
MACHINE_PARTS = frozenset(("brand", "model", "serial", "year", "hours", "tonnes"))

# 2018, 2018年, 2018年5月, 2018-05, 2018/5/1 and Excel's 2018-05-01 00:00:00.
_YEAR = re.compile(r"(\d{4})(?:年.*|[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?:\s+[\d:]+)?)?")
# Words around a number: 约12000小时, 9800h, 21.5吨, 20T, 12,500 左右.
_AROUND = re.compile(r"^(?:约|大约|about|~)|(?:小时|hours?|hrs?|h|吨|tonnes?|tons?|t|左右)$")

STATUS_WORDS: dict[MachineStatus, tuple[str, ...]] = {
    MachineStatus.WORKING: ("在用", "正常", "工作", "在工作", "使用中", "施工", "在干活", "working",
                            "inuse", "active"),
    MachineStatus.IDLE: ("闲置", "停工", "停用", "空闲", "停放", "idle", "parked"),
    MachineStatus.FOR_SALE: ("待售", "出售", "在售", "要卖", "想卖", "forsale", "selling"),
    MachineStatus.TRADE_IN: ("可置换", "置换", "以旧换新", "想换", "tradein"),
    MachineStatus.SCRAPPED: ("报废", "已报废", "scrapped", "scrap"),
}
_STATUS_OF = {word: status for status, words in STATUS_WORDS.items()
              for word in (*words, status.value.replace("_", ""))}


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def year_of(text: str) -> int | None:
    if len(text) == 4 and text.isascii() and text.isdigit():  # the common case, first
        return int(text)
    found = _YEAR.fullmatch(_plain(text))
    return int(found[1]) if found else None


def number_of(text: str) -> float | None:
    """A number written as reps write it, or None when it is none."""
    if text.isascii() and text.isdigit():  # the common case, first
        return float(text)
    plain = _plain(text).replace(",", "").replace("，", "").replace(" ", "")
    for _ in range(2):  # a word before and a unit after
        plain = _AROUND.sub("", plain.lower()).strip()
    try:
        return float(plain)
    except ValueError:
        return None


_SEPARATORS = re.compile(r"[\s\-_./]+")


@lru_cache(maxsize=256)  # a list says the same few words over and over
def status_of(text: str) -> MachineStatus | None:
    return _STATUS_OF.get(_SEPARATORS.sub("", _plain(text).lower()))


def serial_key(serial: str) -> str:
    """What two spellings of one serial have in common: no spaces or dashes,
    upper case (SY215C-12345 and sy215c 12345 are one machine)."""
    if serial.isascii() and serial.isalnum():  # the common case, first
        return serial.upper()
    return _SEPARATORS.sub("", _plain(serial)).upper()


@lru_cache(maxsize=1024)
def model_key(model: str) -> str:
    return _SEPARATORS.sub("", _plain(model)).upper()


# A list names a few brands and models many times over.
cached_brand_name = lru_cache(maxsize=256)(brand_name)
cached_brand_key = lru_cache(maxsize=256)(brand_key)
cached_model_tonnes = lru_cache(maxsize=1024)(model_tonnes)


def _put(row: Row, name: str, label: str, value: Any, text: str) -> None:
    """The first column that fills a field wins; another is kept as written."""
    machine = row.machine
    if name in machine and machine[name] != value:
        row.extra[label] = text
        return
    machine[name] = value
    row.machine_cells[name] = (label, text)  # for a value refused later, as written


def _fault(row: Row, reason: str, label: str, text: str) -> None:
    row.faults.append((reason, f"{label}={text}"))


def _spaced(text: str) -> str:
    if text.isprintable() and " " not in text:  # no space of any kind: the common case
        return text
    return " ".join(text.split())


def _hours_of(text: str) -> int | None:
    if text.isascii() and text.isdigit() and len(text) < 16:  # the common case, first
        return int(text)
    hours = number_of(text)
    return None if hours is None else round(hours)  # a meter's tenths count for nothing


def _tonnes_of(text: str) -> float | None:
    tonnes = number_of(text)
    return None if tonnes is None else round(tonnes, 1)


# Each kind of column: the machine field it fills, how its cell is read,
# and the fault of a cell that cannot be read (None: every cell can).
MACHINE_CELLS: dict[str, tuple[str, Callable[[str], Any], str | None]] = {
    "machine_brand": ("brand", cached_brand_name, None),
    "machine_model": ("model", _spaced, None),
    "serial": ("serial", _spaced, None),
    "year": ("year", year_of, "machine_year"),
    "hours": ("hours", _hours_of, "machine_number"),
    "tonnes": ("tonnes", _tonnes_of, "machine_number"),
    "machine_status": ("status", status_of, "machine_status"),
    "condition": ("condition", _spaced, None),
}


def _reader(name: str, read_cell: Callable[[str], Any], fault: str | None,
            sole: bool = False) -> Reader:
    """Reads one column's cell into the row's machine. The ``sole`` column
    of its field (the common case) fills it at once: no other column can
    have filled it first."""
    def read(row: Row, label: str, text: str) -> None:
        value = read_cell(text)
        if value is None:
            _fault(row, fault, label, text)
        elif sole:
            row.machine[name] = value
            row.machine_cells[name] = (label, text)
        else:
            _put(row, name, label, value, text)
    return read


MACHINE_READERS: dict[str, Reader] = {kind: _reader(*spec) for kind, spec in MACHINE_CELLS.items()}
SOLE_READERS: dict[str, Reader] = {kind: _reader(*spec, sole=True)
                                   for kind, spec in MACHINE_CELLS.items()}


# ------------------------------------------------------------ new machines
_WORKING = MachineStatus.WORKING


def surely_right(machine: dict[str, Any], today: date) -> bool:
    """Whether ``check_machine`` passes a new machine of a row's fields (as
    ``machine`` holds them, see ``MACHINE_CELLS``), seen today: the checks
    a row's cells can fail, kept in step with it. False when it may not:
    the row then goes the ordinary way, which says why."""
    brand, model = machine.get("brand", ""), machine.get("model", "")
    if not brand.strip() or not model.strip():
        return False
    year, hours, tonnes = machine.get("year"), machine.get("hours"), machine.get("tonnes")
    return ((year is None or FIRST_YEAR <= year <= today.year)
            and (hours is None or 0 <= hours <= MAX_HOURS)
            and (tonnes is None or 0 < tonnes <= MAX_TONNES
                 or tonnes == cached_model_tonnes(model)))  # left to the model, unchecked


def stored_machine(machine: dict[str, Any], owner: int | None, day: str) -> dict[str, Any]:
    """A new machine's document as the store keeps it, straight from a row's
    fields (``machine``): the fields in the order of ``codec.MACHINES``,
    defaults left out, the model's own size left to the model, ``day``
    (today, as stored) its first and last sighting and its meter's reading."""
    doc: dict[str, Any] = {"brand": machine["brand"], "model": machine["model"],
                           "first_seen": day, "last_seen": day}
    if owner is not None:
        doc["owner"] = owner
    get = machine.get
    tonnes = get("tonnes")
    if tonnes is not None and tonnes != cached_model_tonnes(doc["model"]):
        doc["tonnes"] = tonnes
    year, hours, status = get("year"), get("hours"), get("status")
    if year is not None:
        doc["year"] = year
    if hours is not None:
        doc["hours"], doc["hours_read"] = hours, day
    if status is not None and status is not _WORKING:
        doc["status"] = status
    for name in ("condition", "serial"):
        if get(name):
            doc[name] = machine[name]
    return doc
