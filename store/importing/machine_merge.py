"""Machines from a machine list, and which of them are already on the board.

The same serial number is one machine. Without one, the same owner, brand,
model and year of manufacture is one machine (for a machine nobody is known
to own, in the same province and city too; a year known on one side only
does not tell two apart); each machine on the board
answers one row of an import, so an owner's two alike machines on two rows
stay two, and the same list imported again finds each of them once.

A merge fills what the machine lacks and never overwrites: a value that
differs is kept in the machine's other columns as ``header: value
(file:line)``. The hour meter only goes up: a higher reading replaces the
old one (read today); a lower one refuses the row.
"""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple

from store import codec
from store.errors import Invalid
from store.fleet import check_machine
from store.importing.machine_rows import (
    cached_brand_key,
    cached_model_tonnes,
    model_key,
    serial_key,
    stored_machine,
    surely_right,
)
from store.importing.merge import CREATED, MERGE, MERGED, NEW, SKIP, SKIPPED, UNCHANGED
from store.importing.records import Incoming, RowRejected
from store.leadstore import Change, LeadStore
from store.model import Machine, MachineStatus

MachineKey = tuple[Any, ...]
_FILLED = ("serial", "tonnes", "year", "condition", "province", "city")
_NO_VALUE = (None, "")


def machine_key(owner: int | None, brand: str, model: str, province: str,
                city: str) -> MachineKey:
    """Whose machine and what it is; the year is compared apart (see ``_match``)."""
    if owner is not None:
        return owner, cached_brand_key(brand), model_key(model)
    return None, cached_brand_key(brand), model_key(model), province, city


class Draft:
    """A row's machine as the checks and the matching read it: the fields the
    row fills, a machine's defaults for the others (class attributes, below).
    A frozen :class:`Machine` for each of 100k rows would cost more than the
    checks; a row that merges makes one from the machine on the board instead."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.__dict__ = fields  # the row's fields themselves, not a copy


for _field in dataclasses.fields(Machine):
    if _field.default is not dataclasses.MISSING:
        setattr(Draft, _field.name, _field.default)
Draft.id, Draft.extra = -1, {}  # never written to: a row's own extra is in its fields


class Pending(NamedTuple):
    """A row's machine, checked and matched, waiting for its owner's id."""

    machine_id: int | None  # None: a new machine
    # The new machine's draft, or the matched one after the row's values;
    # None for a new machine stored straight from the row's fields.
    machine: Machine | Draft | None
    outcome: str
    fields: dict[str, Any]  # a new machine's, as the row fills them (or as the row has them)
    serial: str  # its serial as matched (see serial_key)


class MachinePlan:
    """Plans the machines an import adds or updates; nothing is saved here."""

    def __init__(self, store: LeadStore, on_duplicate: str = MERGE) -> None:
        self.store = store
        self.on_duplicate = on_duplicate
        self.today = store.now().date()
        self._day = codec.day_to_str(self.today)  # as a new machine stores it
        self._next_id = store.next_id("machines")
        self._before: dict[int, Machine | None] = {}
        # A machine new in this import is kept as its document, as the store
        # takes it: most are never merged into, and need no second object.
        self._after: dict[int, Machine | codec.Doc] = {}
        self._by_serial: dict[str, int] = {}
        self._by_key: dict[MachineKey, list[tuple[int, int | None]]] = {}  # (id, year)
        self._claimed: set[int] = set()  # answered a row of this import already
        if on_duplicate != NEW:
            self._index_store()

    def _index_store(self) -> None:
        names = ("serial", "owner", "brand", "model", "year", "province", "city")
        rows = self.store.machine_rows(names, ("", None, "", "", None, "", ""))
        for machine_id, (serial, owner, brand, model, year, province, city) in rows:
            if serial:
                self._by_serial.setdefault(serial_key(serial), machine_id)
            key = machine_key(owner, brand, model, province, city)
            self._by_key.setdefault(key, []).append((machine_id, year))

    def changes(self) -> list[Change]:
        return [("machines", i, self._before.get(i), after) for i, after in self._after.items()]

    # ------------------------------------------------------------ one row
    def prepare(self, row: Incoming, owner: int | None) -> Pending:
        """The row's machine checked and matched; :class:`RowRejected` for a
        value that cannot be right. ``owner`` is the row's lead when it is
        already on the board."""
        machine = row.machine
        if row.owned and surely_right(machine, self.today):
            # The common case, a new machine of its owner's: kept as the
            # row's fields until its owner has an id, then stored as they are.
            serial = serial_key(machine.get("serial", ""))
            if self.is_new(serial, owner, machine["brand"], machine["model"]):
                return Pending(None, None, CREATED, machine, serial)
        fields = self._draft(row, owner)
        draft = Draft(fields)
        try:
            check_machine(draft, self.today)
        except Invalid as exc:
            label, text = row.machine_cells.get(exc.field, (exc.field, ""))
            raise RowRejected(f"machine_{exc.rule}", f"{label}={text}" if text else label) from None
        serial = serial_key(draft.serial)
        machine_id = self._match(row, draft, serial)
        if machine_id is None:
            return Pending(None, draft, CREATED, fields, serial)
        current = self._current(machine_id)
        if self.on_duplicate == SKIP:
            return Pending(machine_id, current, SKIPPED, fields, serial)
        return Pending(machine_id, self._merged(current, draft, row), MERGED, fields, serial)

    def apply(self, pending: Pending, owner: int | None) -> str:
        """Plan the row's machine, owned by ``owner`` (the row's lead, now
        that it has an id); returns what became of it."""
        machine = pending.machine
        if machine is None:  # a new machine, as the row's fields have it
            self.add_new(pending.fields, owner, pending.serial)
            return CREATED
        if pending.machine_id is None:
            machine_id, self._next_id = self._next_id, self._next_id + 1
            fields = pending.fields
            if owner is not None:
                fields["owner"] = owner
            # Its document straight from the fields the row fills: a list of
            # 100k machines is encoded once, not built and encoded again.
            # A new machine is no key's candidate (see _match): no claim to note.
            self._after[machine_id] = codec.MACHINES.fields_to_doc(fields)
            if pending.serial:
                self._by_serial.setdefault(pending.serial, machine_id)
            return CREATED
        self._claimed.add(pending.machine_id)
        if pending.outcome == SKIPPED:
            return SKIPPED
        if machine.owner is None and owner is not None:
            machine = dataclasses.replace(machine, owner=owner)
        current = self._current(pending.machine_id)
        if machine == current:
            return UNCHANGED
        self._put(machine.id, machine, machine.serial)
        return MERGED

    def is_new(self, serial: str, owner: int | None, brand: str, model: str) -> bool:
        """Whether a row's machine, of the lead ``owner`` (None: a lead not
        planned yet), matches none (see ``_match``): its serial (as
        ``serial_key`` has it) unseen, and no machine on the board of the
        same owner, brand and model. False when it may."""
        if serial and serial in self._by_serial:
            return False
        return (owner is None or not self._by_key
                or machine_key(owner, brand, model, "", "") not in self._by_key)

    def add_new(self, machine: dict[str, Any], owner: int | None, serial: str) -> None:
        """Plan a new machine of the fields ``machine`` (a row's, see ``is_new``),
        stored as they are: a list of 100k machines is encoded once, not
        built and encoded again."""
        machine_id, self._next_id = self._next_id, self._next_id + 1
        self._after[machine_id] = stored_machine(machine, owner, self._day)
        if serial:
            self._by_serial.setdefault(serial, machine_id)

    def _put(self, machine_id: int, after: Machine | codec.Doc, serial: str) -> None:
        self._after[machine_id] = after
        self._claimed.add(machine_id)
        if serial:
            self._by_serial.setdefault(serial_key(serial), machine_id)

    def _current(self, machine_id: int) -> Machine:
        if machine_id in self._after:
            after = self._after[machine_id]
            return codec.machine_from_doc(machine_id, after) if isinstance(after, dict) else after
        machine = self.store.machine(machine_id)
        self._before[machine_id] = machine
        return machine

    def _draft(self, row: Incoming, owner: int | None) -> dict[str, Any]:
        """The fields the row gives its machine (the others keep their defaults)."""
        values, today = row.machine, self.today
        # The row's machine fields are the machine's own (see machine_rows), as they are.
        fields = {"brand": "", "model": "", **values, "first_seen": today, "last_seen": today}
        if "tonnes" in values and values["tonnes"] == cached_model_tonnes(fields["model"]):
            del fields["tonnes"]  # the model's own size is left to the model, as in the form
        if "hours" in values:
            fields["hours_read"] = today
        if not row.owned:  # an owner's machine is where he is
            for name in ("province", "city"):
                if row.fields.get(name):
                    fields[name] = row.fields[name]
            if row.extra:
                fields["extra"] = dict(row.extra)
        if owner is not None:
            fields["owner"] = owner
        return fields

    def _match(self, row: Incoming, draft: Draft, serial: str) -> int | None:
        if self.on_duplicate == NEW:
            return None
        if serial and serial in self._by_serial:
            return self._by_serial[serial]
        if row.owned and draft.owner is None:
            return None  # a new owner: none of his machines is on the board yet
        if not self._by_key:
            return None  # an empty board: only serials tell (a new machine keeps no key)
        key = machine_key(draft.owner, draft.brand, draft.model, draft.province, draft.city)
        candidates = [(i, year) for i, year in self._by_key.get(key, ())
                      if i not in self._claimed and not (
                          serial and serial_key(self._current(i).serial) not in ("", serial))]
        # The same year first; else a year on one side only (a list that does
        # not say it, a machine whose year was not known), never two years.
        for machine_id, year in candidates:
            if year == draft.year:
                return machine_id
        for machine_id, year in candidates:
            if year is None or draft.year is None:
                return machine_id
        return None

    # ------------------------------------------------------------ merging
    def _merged(self, current: Machine, draft: Draft, row: Incoming) -> Machine:
        updates: dict[str, Any] = {}
        conflicts: list[tuple[str, str]] = []
        for name in _FILLED:
            new, old = getattr(draft, name), getattr(current, name)
            if new in _NO_VALUE or new == old or (name == "serial"
                                                  and serial_key(new) == serial_key(old)):
                continue
            if old in _NO_VALUE:
                updates[name] = new
            else:
                conflicts.append(row.machine_cells.get(name, (name, str(new))))
        for name in ("brand", "model"):
            if getattr(draft, name) != getattr(current, name):
                conflicts.append(row.machine_cells[name])
        updates.update(self._hours(current, draft, row))
        if current.status is MachineStatus.WORKING and draft.status is not current.status:
            updates["status"] = draft.status  # the list's news; a rep's own call stays
        if (current.owner is not None and draft.owner is not None
                and draft.owner != current.owner):
            conflicts.append((row.label("name"), row.written("name") or ""))
        extra = _merged_extra(current.extra, draft.extra, conflicts, row)
        if extra != current.extra:
            updates["extra"] = extra
        return dataclasses.replace(current, **updates) if updates else current

    def _hours(self, current: Machine, draft: Draft, row: Incoming) -> dict[str, Any]:
        """A higher reading replaces the old one; a lower one is a mistake."""
        if draft.hours is None or draft.hours == current.hours:
            return {}
        if current.hours is not None and draft.hours < current.hours:
            label, text = row.machine_cells["hours"]
            raise RowRejected("machine_hours_down", f"{label}={text} < {current.hours}")
        return {"hours": draft.hours, "hours_read": self.today,
                "last_seen": max(current.last_seen, self.today)}


def _merged_extra(old: dict[str, str], new: dict[str, str], conflicts: list[tuple[str, str]],
                  row: Incoming) -> dict[str, str]:
    """The row's other columns added, and each differing value as one line
    ``value (file:line)`` under its header, found there the next time."""
    extra = dict(old)
    for label, text in new.items():
        if label not in extra:
            extra[label] = text
        elif text != extra[label] and text not in extra[label].split("\n"):
            conflicts.append((label, text))
    for label, text in conflicts:
        line = f"{' '.join(text.split())} ({row.file}:{row.line})"
        lines = extra.get(label, "").split("\n") if extra.get(label) else []
        if line not in lines:
            extra[label] = "\n".join([*lines, line])
    return extra
