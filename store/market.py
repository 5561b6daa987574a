"""The market in a region: the installed base by brand, split by size class
and by age, and the machines due for replacement, by owner.

A scrapped machine is not part of the installed base. A machine's region is
its own province and city, or its owner's when it has none (as the census
keeps them). A region is matched as the search's ``region:`` matches it: the
text inside the province or the city, or the start of their pinyin.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from store.fleet import brand_key, size_class
from store.leadstore import LeadStore
from store.model import Lead, Machine, MachineStatus
from store.search.pinyin import reading

# Size classes by operating weight (tonnes): each band holds its lower end.
SIZE_BANDS: tuple[tuple[str, float], ...] = (
    ("<6", 0), ("6-15", 6), ("15-25", 15), ("25-40", 25), ("40+", 40))
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
class Candidate:
    """An owner with machines due for replacement (oldest first)."""

    lead: Lead
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
    candidates: tuple[Candidate, ...]  # most machines due first
    unowned: int  # machines due whose owner nobody knows

    @property
    def candidate_leads(self) -> list[int]:
        return [c.lead.id for c in self.candidates]


def machine_place(machine: Machine, owner: Lead | None) -> tuple[str, str]:
    if machine.province or machine.city or owner is None:
        return machine.province, machine.city
    return owner.province, owner.city


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


def _band(value: float | None, bands: Iterable[tuple[str, float]]) -> int:
    """Index of the band ``value`` falls in; the last index for unknown."""
    bands = list(bands)
    if value is None:
        return len(bands)
    return max(i for i, (_, low) in enumerate(bands) if value >= low)


def age_of(machine: Machine, today: date) -> int | None:
    return None if machine.year is None else today.year - machine.year


def due(machine: Machine, today: date, years: int, hours: int) -> bool:
    age = age_of(machine, today)
    return (age is not None and age >= years) or (
        machine.hours is not None and machine.hours >= hours)


def in_service(store: LeadStore, region: str = "") -> list[Machine]:
    leads = store.leads
    return [m for m in store.machines.values()
            if m.status is not MachineStatus.SCRAPPED
            and in_region(machine_place(m, leads.get(m.owner) if m.owner else None), region)]


def regions(store: LeadStore) -> list[tuple[str, int]]:
    """Each place machines are in, by how many (most first)."""
    leads = store.leads
    counts = Counter(
        place_name(*machine_place(m, leads.get(m.owner) if m.owner else None))
        for m in store.machines.values() if m.status is not MachineStatus.SCRAPPED)
    counts.pop("", None)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def market(store: LeadStore, region: str = "") -> Market:
    today = store.now().date()
    settings = store.settings
    machines = in_service(store, region)
    own = brand_key(settings.own_brand) if settings.own_brand else None
    by_brand: dict[str, list[Machine]] = {}
    for machine in machines:
        by_brand.setdefault(machine.brand, []).append(machine)
    total = len(machines)
    bases = [_base(brand, group, total, own, today) for brand, group in by_brand.items()]
    bases.sort(key=lambda b: (not b.own, -b.count, b.brand))
    sizes, ages = _split(machines, today)
    due_now = [m for m in machines
               if due(m, today, settings.replace_age, settings.replace_hours)]
    return Market(
        region=region, today=today, total=total, brands=tuple(bases),
        sizes=sizes, ages=ages,
        replace_age=settings.replace_age, replace_hours=settings.replace_hours,
        candidates=_candidates(store, due_now, today),
        unowned=sum(1 for m in due_now if m.owner is None))


def _split(machines: list[Machine], today: date) -> tuple[tuple[int, ...], tuple[int, ...]]:
    sizes = [0] * (len(SIZE_BANDS) + 1)
    ages = [0] * (len(AGE_BANDS) + 1)
    for machine in machines:
        sizes[_band(size_class(machine), SIZE_BANDS)] += 1
        ages[_band(age_of(machine, today), AGE_BANDS)] += 1
    return tuple(sizes), tuple(ages)


def _base(brand: str, group: list[Machine], total: int, own: str | None,
          today: date) -> BrandBase:
    sizes, ages = _split(group, today)
    return BrandBase(brand=brand, count=len(group), share=len(group) / total,
                     own=own is not None and brand_key(brand) == own,
                     sizes=sizes, ages=ages,
                     owners=frozenset(m.owner for m in group if m.owner is not None))


def _candidates(store: LeadStore, machines: list[Machine], today: date) -> tuple[Candidate, ...]:
    by_owner: dict[int, list[Machine]] = {}
    for machine in machines:
        if machine.owner is not None and machine.owner in store.leads:
            by_owner.setdefault(machine.owner, []).append(machine)
    oldest = lambda m: (m.year if m.year is not None else today.year, -(m.hours or 0))  # noqa: E731
    found = [Candidate(store.lead(owner), tuple(sorted(group, key=oldest)))
             for owner, group in by_owner.items()]
    found.sort(key=lambda c: (-len(c.machines), oldest(c.machines[0]), c.lead.id))
    return tuple(found)
