"""A machine list's owner runs: the path of its own for most of its rows.

A dealer's list writes an owner's name and phone again on each of his
machines' rows, one after another, and the run is taken as one unit. At its
head his cells alone are read and his lead is made; each of his machines,
the first too, is read from its own cells and checked in one pass and
becomes its stored document at once, with no row, draft or machine object
between. His next rows read no cell of his again and find his lead without
a look.

A row this path cannot settle alone goes the ordinary way, which says why or
merges it: a cell that does not read, a value out of range, a serial seen
before, a machine or an owner already on the board or earlier in the import,
owner cells that say more than his fields, a heading. So does every row of
a list that needs more than one pass can tell (a machine field in two
columns, cells to clean, a directory's company); the ordinary way then
stores a new machine of its owner straight from the row's fields as well.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from store.importing.machine_merge import MachinePlan
from store.importing.machine_rows import MACHINE_CELLS, serial_key, surely_right
from store.importing.merge import CREATED, MERGE, MergePlan
from store.importing.records import Incoming, RowReader, RowRejected, total_word
from store.importing.sheet import Cell
from store.importing.summary import ImportSummary
from store.importing.values import BLANKS

# Each machine column: its place in the row, its field, how its cell is read,
# and the values of the cells read so far, for a column that repeats a few.
Column = tuple[int, str, Callable[[str], Any], dict[str, Any] | None]
_REPEATED = frozenset(("machine_brand", "machine_model", "machine_status", "year", "tonnes",
                       "condition"))
_MEMO_SIZE = 4096


class OwnerRuns:
    """Plans the rows that go on an owner's run (see the module's words)."""

    def __init__(self, reader: RowReader, merge: MergePlan, machines: MachinePlan,
                 summary: ImportSummary, owner_of: Callable[[list[Cell]], Any], width: int,
                 columns: list[Column]) -> None:
        self._reader, self._merge, self._machines = reader, merge, machines
        self._summary, self._counts = summary, summary.machines
        self._owner_of, self._width = owner_of, width
        self._columns = columns
        places = {name: at for at, name, _read, _memo in columns}
        self._brand_at, self._model_at = places.get("brand"), places.get("model")
        self._today: date = machines.today
        self._owner: Any = None  # the owner cells of the run going on, None between runs
        self._lead: int | None = None  # his lead

    @classmethod
    def of(cls, reader: RowReader, merge: MergePlan, machines: MachinePlan,
           summary: ImportSummary) -> OwnerRuns | None:
        """The runs of the sheet ``reader`` reads; None when its rows all go
        the ordinary way."""
        shape = reader.owner_runs()
        if shape is None or merge.on_duplicate != MERGE or machines.on_duplicate != MERGE:
            return None
        owner_of, width, kinds = shape
        columns = [(at, *MACHINE_CELLS[kind][:2], {} if kind in _REPEATED else None)
                   for at, kind in kinds]
        names = {column[1] for column in columns}
        if not {"brand", "model"} <= names:
            return None  # each row would be refused for the one missing
        return cls(reader, merge, machines, summary, owner_of, width, columns)

    def follow(self, cells: list[Cell], row: Incoming | None) -> None:
        """After the ordinary way planned a row (None: refused or a heading):
        whether the rows after it that repeat its owner's cells are his next
        machines, as the ordinary way would find, and so go on his run."""
        self._owner = None
        if row is None or not row.owned or row.extra or not row.is_machine \
                or len(cells) != self._width or self._reader.in_section:
            return
        owner = self._owner_of(cells)
        # The reader keeps his cells as read (nothing set aside or flagged),
        # and the merge finds his next row's lead without a look: so the row
        # after, read the ordinary way, would come to the same lead unchanged.
        if self._reader.keeps_owner(owner) and self._merge.repeats(row):
            self._owner, self._lead = owner, self._merge.last_id

    def plan(self, line: int, cells: list[Cell]) -> bool:
        """Plan a row at the head of an owner's run or on it; False, nothing
        planned, for a row that must go the ordinary way."""
        if len(cells) != self._width or not cells[1].strip():
            return False
        found = self._machine(cells)
        if found is None:
            return False
        serial = found.get("serial")
        key = serial_key(serial) if serial else ""
        brand, model = found["brand"], found["model"]
        owner = self._owner_of(cells)
        if owner == self._owner:  # his next machine: his lead unchanged
            if not self._machines.is_new(key, self._lead, brand, model):
                return False
            self._summary.unchanged += 1
        elif not (self._machines.is_new(key, None, brand, model) and self._head(line, cells, owner)):
            return False
        self._machines.add_new(found, self._lead, key)
        self._counts[CREATED] = self._counts.get(CREATED, 0) + 1
        return True

    def _machine(self, cells: list[Cell]) -> dict[str, Any] | None:
        """The row's machine as its fields, read and checked, or None for a
        row the ordinary way must read: a cell that does not read, a value
        ``check_machine`` may refuse, a brand or model that is a total."""
        found: dict[str, Any] = {}
        for at, name, read, memo in self._columns:
            text = cells[at].strip()
            if not text:
                continue
            if memo is not None:  # a text read before (never a blank: none is kept)
                value = memo.get(text)
                if value is not None:
                    found[name] = value
                    continue
            if text in BLANKS:
                continue
            value = read(text)
            if value is None:
                return None  # the ordinary way names the cell
            if memo is not None and len(memo) < _MEMO_SIZE:
                memo[text] = value
            found[name] = value
        if not surely_right(found, self._today) \
                or total_word(cells[self._brand_at].strip()) \
                or total_word(cells[self._model_at].strip()):
            return None
        return found

    def _head(self, line: int, cells: list[Cell], owner: Any) -> bool:
        """Plan the lead of a new owner's run (his cells ``owner``), when he is
        new to the board and the import; False, nothing planned, otherwise."""
        self._owner = None
        if self._reader.in_section:
            return False
        row = self._reader.read_owner(line, cells, owner)
        if row is None or self._merge.repeats(row):
            return False
        try:
            if self._merge.owner(row) is not None:
                return False  # on the board or earlier in the import: merged the ordinary way
        except RowRejected:
            return False  # several leads of his name: the ordinary way says so
        self._summary.count(self._merge.add(row, None))
        self._owner, self._lead = owner, self._merge.last_id
        return True
