"""The machines in service by place, kept current as the store changes.

The market's figures for a region add up the tallies of the few hundred
places in it, instead of counting every machine again (46k machines at 100k
leads). The store builds the census at the first question about the market
and from then on hands it every change to a machine or to its owner
(``LeadStore._put``): a machine added, edited, removed, undone, imported or
heard from the server, and a lead moved, added or gone, which moves the
machines that take their place from it.

What depends on the day or on the settings (ages, the machines due, the own
brand) is not kept: the market works it out from years and hours at reading.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from store.fleet import model_tonnes

T = TypeVar("T")
Place = tuple[str, str]  # province, city
# Size classes by operating weight (tonnes): each band holds its lower end.
SIZE_BANDS: tuple[tuple[str, float], ...] = (
    ("<6", 0), ("6-15", 6), ("15-25", 15), ("25-40", 25), ("40+", 40))
_SIZE_LOWS = tuple(low for _name, low in SIZE_BANDS)
# The machine fields the census reads, as stored (``LazyTable.rows``).
FIELDS = ("brand", "model", "tonnes", "year", "hours", "owner", "province", "city", "status")
DEFAULTS = ("", "", None, None, None, None, "", "", "working")
SCRAPPED = "scrapped"


def band(value: float | None, lows: tuple[float, ...]) -> int:
    """Index of the band ``value`` falls in (``lows``: each band's lower end,
    rising); the last index for unknown."""
    if value is None:
        return len(lows)
    return max(bisect_right(lows, value) - 1, 0)


@dataclass(frozen=True, slots=True)
class Fact:
    """One machine in service, as the market counts it."""

    id: int
    brand: str
    size: int  # its size band (``SIZE_BANDS`` order, then unknown)
    year: int | None
    hours: int | None
    owner: int | None
    owned: bool  # its owner is a lead of the file (a candidate's owner)


@dataclass(slots=True)
class BrandTally:
    """One brand's machines in one place."""

    count: int = 0
    sizes: list[int] = field(default_factory=lambda: [0] * (len(SIZE_BANDS) + 1))
    years: Counter[int | None] = field(default_factory=Counter)
    owners: Counter[int] = field(default_factory=Counter)  # leads, by machines owned


@dataclass(slots=True)
class PlaceTally:
    """The machines in service in one place."""

    machines: dict[int, Fact] = field(default_factory=dict)
    brands: dict[str, BrandTally] = field(default_factory=dict)


class Census:
    """Built from every machine's stored fields; then :meth:`put` one at a time.

    ``owner_place(lead_id)``: the lead's province and city, None when the
    file holds no such lead.
    """

    def __init__(self, rows: Iterable[tuple[int, list[Any]]],
                 owner_place: Callable[[int], Place | None]) -> None:
        self.places: dict[Place, PlaceTally] = {}
        self._where: dict[int, Place] = {}
        self._owner_place = owner_place
        self._tonnes: dict[str, float | None] = {}  # by model: a few hundred names
        # Figures worked out from the census as it stands (the market of a
        # region, under today's rules), dropped at the next change.
        self._figures: dict[Hashable, Any] = {}
        known: dict[int, Place | None] = {}  # each owner's place, read once
        for machine_id, values in rows:
            owner = values[5]
            if owner is not None and owner not in known:
                known[owner] = owner_place(owner)
            if machine_id in self._where:  # changed as it was read: met again at the end
                self._drop(machine_id)
            self._add(machine_id, values, known.get(owner) if owner is not None else None)

    def put(self, machine_id: int, values: list[Any] | None) -> None:
        """A machine as it is now (its ``FIELDS``; None: gone)."""
        self._figures.clear()
        self._drop(machine_id)
        if values is not None:
            owner = values[5]
            self._add(machine_id, values, None if owner is None else self._owner_place(owner))

    def _add(self, machine_id: int, values: list[Any], owner_place: Place | None) -> None:
        brand, model, tonnes, year, hours, owner, province, city, status = values
        if status == SCRAPPED:
            return
        place = (province or "", city or "")
        if not (province or city) and owner_place is not None:
            place = owner_place
        tally = self.places.get(place)
        if tally is None:
            tally = self.places[place] = PlaceTally()
        size = band(tonnes if tonnes is not None else self._model_tonnes(model), _SIZE_LOWS)
        tally.machines[machine_id] = Fact(machine_id, brand, size, year, hours, owner,
                                          owner_place is not None)
        brands = tally.brands.get(brand)
        if brands is None:
            brands = tally.brands[brand] = BrandTally()
        brands.count += 1
        brands.sizes[size] += 1
        brands.years[year] += 1
        if owner is not None:
            brands.owners[owner] += 1
        self._where[machine_id] = place

    def _drop(self, machine_id: int) -> None:
        place = self._where.pop(machine_id, None)
        if place is None:
            return
        tally = self.places[place]
        fact = tally.machines.pop(machine_id)
        brands = tally.brands[fact.brand]
        brands.count -= 1
        brands.sizes[fact.size] -= 1
        _less(brands.years, fact.year)
        if fact.owner is not None:
            _less(brands.owners, fact.owner)
        if not brands.count:
            del tally.brands[fact.brand]
        if not tally.machines:
            del self.places[place]

    def _model_tonnes(self, model: str) -> float | None:
        if model not in self._tonnes:
            self._tonnes[model] = model_tonnes(model)
        return self._tonnes[model]

    def figures(self, key: Hashable, work: Callable[[], T]) -> T:
        """What ``work`` makes of the census, made once until the census
        changes (``key`` names all else it depends on)."""
        if key not in self._figures:
            self._figures[key] = work()
        return self._figures[key]

    def within(self, inside: Callable[[Place], bool]) -> list[PlaceTally]:
        return [tally for place, tally in self.places.items() if inside(place)]

    def counts(self) -> list[tuple[Place, int]]:
        """Each place and the machines in service there."""
        return [(place, len(tally.machines)) for place, tally in self.places.items()]


def _less(counts: Counter, key: Any) -> None:
    counts[key] -= 1
    if not counts[key]:
        del counts[key]
