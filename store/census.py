"""The machines in service by place, kept current as the store changes.

The market's figures for a region add up the tallies of the few hundred
places in it, instead of counting every machine again (46k machines at 100k
leads). The store builds the census at the first question about the market
and from then on hands it every change to a machine or to its owner
(``LeadStore._put``): a machine added, edited, removed, undone, imported or
heard from the server, and a lead moved, added or gone, which moves the
machines that take their place from it.

What depends on the day or on the settings (ages, the machines due, the own
brand) is not kept in the census: the market works it out from years and
hours. A region's figures the market keeps (:meth:`Census.keep`) are handed
each machine as it was and as it is, so that a change to one machine moves
only the tallies it is in, instead of all being added up again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

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
KEPT = 8  # regions' figures kept at once: the few a rep walks through


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

    def add(self, fact: Fact) -> bool:
        """Count one more machine; whether its owner is new to the brand here."""
        self.count += 1
        self.sizes[fact.size] += 1
        self.years[fact.year] += 1
        if fact.owner is None:
            return False
        self.owners[fact.owner] += 1
        return self.owners[fact.owner] == 1

    def merge(self, other: BrandTally) -> None:
        """Add another place's tally of the brand to this one."""
        self.count += other.count
        self.sizes = [a + b for a, b in zip(self.sizes, other.sizes, strict=True)]
        self.years.update(other.years)
        _add_counts(self.owners, other.owners)

    def drop(self, fact: Fact) -> bool:
        """Count one machine less; whether its owner has no more of the brand here."""
        self.count -= 1
        self.sizes[fact.size] -= 1
        _less(self.years, fact.year)
        return fact.owner is not None and not _less(self.owners, fact.owner)


@dataclass(slots=True)
class PlaceTally:
    """The machines in service in one place."""

    machines: dict[int, Fact] = field(default_factory=dict)
    brands: dict[str, BrandTally] = field(default_factory=dict)


Located = tuple[Place, Fact]  # a machine in service, and where


class Follower(Protocol):
    """Figures kept from the census (:meth:`Census.keep`)."""

    def moved(self, before: Located | None, after: Located | None) -> None:
        """A machine changed: as it was, and as it is (None: not in service)."""


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
        self._kept: dict[Hashable, Follower] = {}  # oldest asked first
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
        before, after = self._drop(machine_id), None
        if values is not None:
            owner = values[5]
            after = self._add(machine_id, values,
                              None if owner is None else self._owner_place(owner))
        if before is not None or after is not None:
            for follower in self._kept.values():
                follower.moved(before, after)

    def keep(self, key: Hashable, make: Callable[[], Follower]) -> Follower:
        """Figures ``make`` builds from the census, then kept current by each
        change handed to them; the last ``KEPT`` asked for are kept."""
        follower = self._kept.pop(key, None)
        if follower is None:
            follower = make()
        self._kept[key] = follower  # the newest asked last
        while len(self._kept) > KEPT:
            del self._kept[next(iter(self._kept))]
        return follower

    def _add(self, machine_id: int, values: list[Any],
             owner_place: Place | None) -> Located | None:
        brand, model, tonnes, year, hours, owner, province, city, status = values
        if status == SCRAPPED:
            return None
        place = (province or "", city or "")
        if not (province or city) and owner_place is not None:
            place = owner_place
        tally = self.places.get(place)
        if tally is None:
            tally = self.places[place] = PlaceTally()
        size = band(tonnes if tonnes is not None else self._model_tonnes(model), _SIZE_LOWS)
        fact = tally.machines[machine_id] = Fact(machine_id, brand, size, year, hours, owner,
                                                 owner_place is not None)
        brands = tally.brands.get(brand)
        if brands is None:
            brands = tally.brands[brand] = BrandTally()
        brands.add(fact)
        self._where[machine_id] = place
        return place, fact

    def _drop(self, machine_id: int) -> Located | None:
        place = self._where.pop(machine_id, None)
        if place is None:
            return None
        tally = self.places[place]
        fact = tally.machines.pop(machine_id)
        brands = tally.brands[fact.brand]
        brands.drop(fact)
        if not brands.count:
            del tally.brands[fact.brand]
        if not tally.machines:
            del self.places[place]
        return place, fact

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


def _add_counts(counts: Counter, more: Counter) -> None:
    """``counts.update(more)`` in one copy of C: thousands of owners, of
    whom few have machines in two places (the update walks each in Python)."""
    both = {key: counts[key] for key in counts.keys() & more.keys()}
    dict.update(counts, more)
    for key, count in both.items():
        counts[key] += count


def _less(counts: Counter, key: Any) -> int:
    """One less of ``key``; how many are left."""
    left = counts[key] = counts[key] - 1
    if not left:
        del counts[key]
    return left
