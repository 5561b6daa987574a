"""The market in a region: the installed base by brand, split by size class
and by age, and the machines due for replacement, by owner.

A scrapped machine is not part of the installed base. A machine's region is
its own province and city, or its owner's when it has none (as the census
keeps them). A region is matched as the search's ``region:`` matches it: the
text inside the province or the city, or the start of their pinyin.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from store.fleet import brand_key, size_class
from store.leadstore import LeadStore
from store.model import Machine, MachineStatus
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
    candidates: tuple[Candidate, ...]  # most machines due first
    unowned: int  # machines due whose owner nobody knows

    @property
    def candidate_leads(self) -> list[int]:
        return [c.owner.id for c in self.candidates]


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


def _band(value: float | None, lows: tuple[float, ...]) -> int:
    """Index of the band ``value`` falls in (``lows``: each band's lower end,
    rising); the last index for unknown."""
    if value is None:
        return len(lows)
    return max(bisect_right(lows, value) - 1, 0)


_SIZE_LOWS = tuple(low for _name, low in SIZE_BANDS)
_AGE_LOWS = tuple(low for _name, low in AGE_BANDS)


def age_of(machine: Machine, today: date) -> int | None:
    return None if machine.year is None else today.year - machine.year


def due(machine: Machine, today: date, years: int, hours: int) -> bool:
    age = age_of(machine, today)
    return (age is not None and age >= years) or (
        machine.hours is not None and machine.hours >= hours)


def in_service(store: LeadStore, region: str = "") -> list[Machine]:
    place, inside = places_of(store), region_test(region)
    return [m for m in store.machines.values()
            if m.status is not MachineStatus.SCRAPPED and inside(place(m))]


def regions(store: LeadStore) -> list[tuple[str, int]]:
    """Each place machines are in, by how many (most first)."""
    place = places_of(store)
    counts = Counter(place_name(*place(m)) for m in store.machines.values()
                     if m.status is not MachineStatus.SCRAPPED)
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
    # Every brand together: the brands' splits added up, not counted again.
    sizes = tuple(map(sum, zip(*(b.sizes for b in bases)))) or (0,) * (len(SIZE_BANDS) + 1)
    ages = tuple(map(sum, zip(*(b.ages for b in bases)))) or (0,) * (len(AGE_BANDS) + 1)
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
        sizes[_band(size_class(machine), _SIZE_LOWS)] += 1
        ages[_band(age_of(machine, today), _AGE_LOWS)] += 1
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
    found = [Candidate(owner_of(store, owner), tuple(sorted(group, key=oldest)))
             for owner, group in by_owner.items()]
    found.sort(key=lambda c: (-len(c.machines), oldest(c.machines[0]), c.owner.id))
    return tuple(found)


def owner_of(store: LeadStore, lead_id: int) -> Owner:
    return Owner(lead_id, store.leads_field(lead_id, "name", ""),
                 place_name(*lead_place(store, lead_id)))
