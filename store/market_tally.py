"""A region's market, kept as the census changes: its brands' tallies and
the owners with machines due for replacement, in the order the market
lists them.

Counted once from the census's places in the region; from then on each
machine changed moves only what it is part of (its brand's tallies, its
owner's place in the order), so that the figures after a rep's change are
not added up again from tens of thousands of machines. A count from
scratch (:meth:`MarketTally.counted`) and a tally kept through changes give
the same figures: the market's tests hold them to it.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable
from itertools import groupby
from operator import itemgetter

from store.census import BrandTally, Fact, Located, Place, PlaceTally

# A machine due, as its owner's list orders it: oldest first (the year made,
# this year when not known), then most hours, then the first recorded.
Due = tuple[int, int, int]  # year, -hours, machine id
# An owner in the order: most machines due first, then by his oldest one.
Entry = tuple[int, int, int, int]  # -machines due, year, -hours, owner


class MarketTally:
    """One region's figures under one rule for machines due: made in
    ``last_year`` or before, or with ``hours`` or more on the meter."""

    def __init__(self, inside: Callable[[Place], bool], last_year: int, hours: int,
                 this_year: int) -> None:
        self._inside, self._last_year, self._hours = inside, last_year, hours
        self._this_year = this_year
        self.brands: dict[str, BrandTally] = {}
        self._owners: dict[str, frozenset[int]] = {}  # each brand's owners, made when read
        self.due: dict[int, tuple[Due, ...]] = {}  # by owner; tuples, replaced, never changed
        self.order: list[Entry] = []
        self.unowned = 0  # machines due whose owner nobody knows

    @classmethod
    def counted(cls, tallies: list[PlaceTally], inside: Callable[[Place], bool],
                last_year: int, hours: int, this_year: int) -> MarketTally:
        """Counted from scratch from the region's places."""
        tally = cls(inside, last_year, hours, this_year)
        due: list[tuple[int, Due]] = []
        for place in tallies:
            for brand, counted in place.brands.items():
                tally._brand(brand).merge(counted)
            # Written out rather than through _is_due: tens of thousands of machines.
            for fact in place.machines.values():
                year, meter = fact.year, fact.hours
                if (year is not None and year <= last_year) or (meter is not None
                                                                 and meter >= hours):
                    if fact.owner is None:
                        tally.unowned += 1
                    elif fact.owned:
                        due.append((fact.owner, (this_year if year is None else year,
                                                 -(meter or 0), fact.id)))
        # Tuples of ints only: thousands of them, which the collector soon
        # stops watching (lists or records would be walked by each collection).
        due.sort()
        for owner, group in groupby(due, key=itemgetter(0)):
            rows = tally.due[owner] = tuple(map(itemgetter(1), group))
            tally.order.append(_entry(owner, rows))
        tally.order.sort()
        return tally

    def owners_of(self, brand: str) -> frozenset[int]:
        """The leads owning the brand's machines here (made again only after they change)."""
        owners = self._owners.get(brand)
        if owners is None:
            owners = self._owners[brand] = frozenset(self.brands[brand].owners)
        return owners

    # ------------------------------------------------------------ changes
    def moved(self, before: Located | None, after: Located | None) -> None:
        if before is not None and self._inside(before[0]):
            self._less(before[1])
        if after is not None and self._inside(after[0]):
            self._more(after[1])

    def _more(self, fact: Fact) -> None:
        if self._brand(fact.brand).add(fact):
            self._owners.pop(fact.brand, None)
        if self._is_due(fact):
            if fact.owner is None:
                self.unowned += 1
            elif fact.owned:
                self._refile(fact.owner, (*self.due.get(fact.owner, ()), self._due_row(fact)))

    def _less(self, fact: Fact) -> None:
        brand = self.brands[fact.brand]
        if brand.drop(fact):
            self._owners.pop(fact.brand, None)
        if not brand.count:
            del self.brands[fact.brand]
        if self._is_due(fact):
            if fact.owner is None:
                self.unowned -= 1
            elif fact.owned:
                row = self._due_row(fact)
                self._refile(fact.owner, tuple(r for r in self.due[fact.owner] if r != row))

    def _refile(self, owner: int, rows: tuple[Due, ...]) -> None:
        """The owner's machines due are now ``rows``: his place in the order moves."""
        was = self.due.pop(owner, None)
        if was:
            del self.order[bisect_left(self.order, _entry(owner, was))]
        if rows:
            rows = self.due[owner] = tuple(sorted(rows))
            insort(self.order, _entry(owner, rows))

    # ------------------------------------------------------------ helpers
    def _brand(self, brand: str) -> BrandTally:
        tally = self.brands.get(brand)
        if tally is None:
            tally = self.brands[brand] = BrandTally()
        return tally

    def _is_due(self, fact: Fact) -> bool:
        return ((fact.year is not None and fact.year <= self._last_year)
                or (fact.hours is not None and fact.hours >= self._hours))

    def _due_row(self, fact: Fact) -> Due:
        return (fact.year if fact.year is not None else self._this_year,
                -(fact.hours or 0), fact.id)


def _entry(owner: int, rows: tuple[Due, ...]) -> Entry:
    return (-len(rows), rows[0][0], rows[0][1], owner)
