"""What the filters ask of every lead (quadrant, source, credit ...): a byte
per lead and field, each value of a field a code, rather than a set of leads
per value (the sets held a hundred thousand numbers per field); the leads of
a value are gathered into a set when a filter first asks for it, in C, and
that set is kept up to date while filters ask again (a rep types on)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress
from typing import Any

# Sets of leads kept between searches: the last few values asked for.
KEPT_SETS = 8


class Choices:
    """Per slot, the code of its lead's value of each field (0: no lead)."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        self.fields = fields
        self._codes = {field: bytearray() for field in fields}
        self._code_of: dict[str, dict[Any, int]] = {field: {} for field in fields}
        self._values: dict[str, list[Any]] = {field: [None] for field in fields}
        self._sets: dict[tuple[str, Any], set[int]] = {}  # the newest last
        # Per field, side by side (read for every lead as the index is built).
        self._columns = [(field, self._codes[field], self._code_of[field]) for field in fields]

    def __len__(self) -> int:
        return len(self._codes[self.fields[0]])

    def grow(self, size: int) -> None:
        """Room for slots up to ``size`` - 1."""
        more = size - len(self)
        for codes in self._codes.values():
            if more == 1:  # the usual case: the next lead's slot
                codes.append(0)
            else:
                codes.extend(bytes(more))

    def held(self, slot: int) -> bool:
        """Whether a lead is in ``slot``."""
        return slot < len(self) and self._codes[self.fields[0]][slot] != 0

    def values(self, field: str) -> list[Any]:
        """Every value ``field`` has had."""
        return self._values[field][1:]

    def put(self, slot: int, values: tuple | None) -> None:
        """The lead in ``slot`` has these values, one per field (None: no lead)."""
        if slot >= len(self):
            self.grow(slot + 1)
        for (field, codes, code_of), value in zip(self._columns,
                                                  values or (None,) * len(self.fields)):
            # Codes start at 1: 0 is no lead.
            new = 0 if values is None else code_of.get(value) or self._code(field, value)
            old = codes[slot]
            if old != new:
                codes[slot] = new
                if self._sets:
                    self._follow(field, slot, old, new)

    def _code(self, field: str, value: Any) -> int:
        code = self._code_of[field].get(value)
        if code is None:  # a field has a handful of values: grades, kinds, yes or no
            code = self._code_of[field][value] = len(self._values[field])
            self._values[field].append(value)
        return code

    def _follow(self, field: str, slot: int, old: int, new: int) -> None:
        """Keep the sets at hand up to date with a slot's new value."""
        values = self._values[field]
        if old and (before := self._sets.get((field, values[old]))) is not None:
            before.discard(slot)
        if new and (after := self._sets.get((field, values[new]))) is not None:
            after.add(slot)

    def slots(self, field: str, value: Any) -> set[int]:
        """The slots whose ``field`` is ``value``; do not change the set."""
        kept = self._sets.pop((field, value), None)
        if kept is None:
            kept = self._gathered(field, self._code_of[field].get(value))
        self._sets[field, value] = kept
        while len(self._sets) > KEPT_SETS:
            del self._sets[next(iter(self._sets))]
        return kept

    def _gathered(self, field: str, code: int | None) -> set[int]:
        if code is None:
            return set()
        wanted = bytearray(256)
        wanted[code] = 1
        codes = self._codes[field]
        return set(compress(range(len(codes)), codes.translate(wanted)))

    def slots_where(self, field: str, values: Iterable[Any]) -> set[int]:
        """The slots whose ``field`` is one of ``values``; do not change the set."""
        sets = [self.slots(field, getattr(v, "value", v)) for v in values]
        return sets[0] if len(sets) == 1 else set().union(*sets)
