"""The market in a region: the installed base by brand, split by size class
and by age, and the machines due for replacement, by owner.

A scrapped machine is not part of the installed base. A machine's region is
its own province and city, or its owner's when it has none (as the census
keeps them). A region is matched as the search's ``region:`` matches it: the
text inside the province or the city, or the start of their pinyin.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter

from store.census import SIZE_BANDS, BrandTally, Fact, PlaceTally, band
from store.fleet import brand_key
from store.lazy import LazySequence
from store.leadstore import LeadStore
from store.model import Machine
from store.search.pinyin import reading

# Ages in whole years (this year less the year of manufacture).
AGE_BANDS: tuple[tuple[str, int], ...] = (("0-3", 0), ("4-7", 4), ("8-12", 8), ("13+", 13))
UNKNOWN = "unknown"
_LATIN = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class BrandBase:
    """One brand's machines in service: how many, their share of all, and
    their split by size class and by age (``SIZE_BANDS``/``AGE_BANDS`` order,
    then those whose size or age is not known)."""

    brand: str
    count: int
    share: float
    own: bool
    sizes: tuple[int, ...]
    ages: tuple[int, ...]
    owners: frozenset[int]  # the leads owning them


@dataclass(frozen=True, slots=True)
class Owner:
    """A lead as the market shows it: read from the stored lead, which is
    not built (thousands of owners are counted in one pass)."""

    id: int
    name: str
    region: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """An owner with machines due for replacement (oldest first)."""

    owner: Owner
    machines: tuple[Machine, ...]


@dataclass(frozen=True, slots=True)
class Market:
    region: str  # as typed; empty: everywhere
    today: date
    total: int
    brands: tuple[BrandBase, ...]  # own brand first, then by count
    sizes: tuple[int, ...]  # every brand together
    ages: tuple[int, ...]
    replace_age: int
    replace_hours: int
    candidates: Candidates  # most machines due first
    unowned: int  # machines due whose owner nobody knows

    @property
    def candidate_leads(self) -> list[int]:
        return list(self.candidates.owner_ids)  # without reading every owner


def lead_place(store: LeadStore, lead_id: int) -> tuple[str, str]:
    """A lead's province and city as stored, without building the lead."""
    return (store.leads_field(lead_id, "province", "") or "",
            store.leads_field(lead_id, "city", "") or "")


def places_of(store: LeadStore) -> Callable[[Machine], tuple[str, str]]:
    """Each machine's place, for one pass over many: an owner's place is
    read once, however many machines he has."""
    owners: dict[int, tuple[str, str]] = {}
    leads = store.leads

    def place(machine: Machine) -> tuple[str, str]:
        owner = machine.owner
        if machine.province or machine.city or owner is None or owner not in leads:
            return machine.province, machine.city
        found = owners.get(owner)
        if found is None:
            found = owners[owner] = lead_place(store, owner)
        return found
    return place


def region_test(region: str) -> Callable[[tuple[str, str]], bool]:
    """:func:`in_region` for one region over many places, each place's
    answer worked out once (a region holds few places, seen many times)."""
    answers: dict[tuple[str, str], bool] = {}

    def test(place: tuple[str, str]) -> bool:
        answer = answers.get(place)
        if answer is None:
            answer = answers[place] = in_region(place, region)
        return answer
    return test


def place_name(province: str, city: str) -> str:
    return city or province


def in_region(place: tuple[str, str], region: str) -> bool:
    text = "".join(region.split()).lower()
    if not text:
        return True
    for part in place:
        if text in part.lower():
            return True
        if _LATIN.fullmatch(text) and reading(part).replace(" ", "").startswith(text):
            return True
    return False


_AGE_LOWS = tuple(low for _name, low in AGE_BANDS)


def regions(store: LeadStore) -> list[tuple[str, int]]:
    """Each place machines are in, by how many (most first)."""
    counts: Counter[str] = Counter()
    with store.census() as census:
        for place, count in census.counts():
            counts[place_name(*place)] += count
    counts.pop("", None)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def market(store: LeadStore, region: str = "") -> Market:
    """The figures (:func:`work_out`), worked out once until a machine or an
    owner changes, or the day or the rules do."""
    today, settings = store.now().date(), store.settings
    key = ("market", region, today, _own(settings.own_brand), settings.replace_age,
           settings.replace_hours)
    with store.census() as census:
        return census.figures(key, lambda: work_out(store, region))


def work_out(store: LeadStore, region: str = "") -> Market:
    """The figures, added up from the census's places in the region."""
    today, settings = store.now().date(), store.settings
    with store.census() as census:
        tallies = census.within(region_test(region))
        bases = _bases(tallies, _own(settings.own_brand), today)
        due_now = _due(tallies, today.year - settings.replace_age, settings.replace_hours)
    total = sum(b.count for b in bases)
    bases = [dataclasses.replace(b, share=b.count / total) for b in bases]
    bases.sort(key=lambda b: (not b.own, -b.count, b.brand))
    # Every brand together: the brands' splits added up, not counted again.
    sizes = tuple(map(sum, zip(*(b.sizes for b in bases)))) or (0,) * (len(SIZE_BANDS) + 1)
    ages = tuple(map(sum, zip(*(b.ages for b in bases)))) or (0,) * (len(AGE_BANDS) + 1)
    return Market(
        region=region, today=today, total=total, brands=tuple(bases),
        sizes=sizes, ages=ages,
        replace_age=settings.replace_age, replace_hours=settings.replace_hours,
        candidates=_candidates(store, due_now, today),
        unowned=sum(1 for fact in due_now if fact.owner is None))


def _own(own_brand: str) -> str | None:
    return brand_key(own_brand) if own_brand else None


def _bases(tallies: list[PlaceTally], own: str | None, today: date) -> list[BrandBase]:
    """Each brand's figures over the places (shares left to the caller)."""
    by_brand: dict[str, list[BrandTally]] = {}
    for tally in tallies:
        for brand, counted in tally.brands.items():
            by_brand.setdefault(brand, []).append(counted)
    bases = []
    for brand, parts in by_brand.items():
        ages = [0] * (len(AGE_BANDS) + 1)
        years: Counter[int | None] = Counter()
        owners: set[int] = set()
        for part in parts:
            years.update(part.years)
            owners.update(part.owners)
        for year, count in years.items():
            ages[band(None if year is None else today.year - year, _AGE_LOWS)] += count
        bases.append(BrandBase(
            brand=brand, count=sum(p.count for p in parts), share=0.0,
            own=own is not None and brand_key(brand) == own,
            sizes=tuple(map(sum, zip(*(p.sizes for p in parts)))), ages=tuple(ages),
            owners=frozenset(owners)))
    return bases


def _due(tallies: list[PlaceTally], last_year: int, hours: int) -> list[Fact]:
    """The machines due for replacement: made in ``last_year`` or before, or
    with ``hours`` or more on the meter."""
    return [fact for tally in tallies for fact in tally.machines.values()
            if (fact.year is not None and fact.year <= last_year)
            or (fact.hours is not None and fact.hours >= hours)]


def _candidates(store: LeadStore, due_now: list[Fact], today: date) -> Candidates:
    """Owners by machines due (most first), then by their oldest machine,
    each owner's machines oldest first (by year, then hours)."""
    # Tuples of ints only: thousands of them, which the collector soon stops
    # watching (lists or records would be walked by each full collection).
    due = sorted((fact.owner, fact.year if fact.year is not None else today.year,
                  -(fact.hours or 0), fact.id) for fact in due_now if fact.owned)
    order, machines = [], {}
    for owner, group in groupby(due, key=itemgetter(0)):
        rows = tuple(group)
        machines[owner] = tuple(row[3] for row in rows)
        order.append((-len(rows), rows[0][1], rows[0][2], owner))
    order.sort()
    return Candidates(store, [entry[3] for entry in order],
                      [machines[entry[3]] for entry in order])


class Candidates(LazySequence[Candidate]):
    """The owners due, in order; each owner and his machines are read when
    shown (the screen lists a few of thousands)."""

    def __init__(self, store: LeadStore, owners: list[int],
                 machines: list[tuple[int, ...]]) -> None:
        self._store, self.owner_ids, self._machines = store, owners, machines

    def __len__(self) -> int:
        return len(self.owner_ids)

    def item(self, index: int) -> Candidate:
        machines = self._store.machines
        return Candidate(owner_of(self._store, self.owner_ids[index]),
                         tuple(machines[m] for m in self._machines[index] if m in machines))


def owner_of(store: LeadStore, lead_id: int) -> Owner:
    return Owner(lead_id, store.leads_field(lead_id, "name", ""),
                 place_name(*lead_place(store, lead_id)))
