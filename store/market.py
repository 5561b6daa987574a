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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from store.census import SIZE_BANDS, Census, band
from store.fleet import brand_key
from store.lazy import LazySequence
from store.leadstore import LeadStore
from store.market_tally import MarketTally
from store.model import Machine
from store.settings import Settings
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
    """The figures (as :func:`work_out` gives them), read from the region's
    tally the census keeps current; read once until a machine or an owner
    changes, or the day or the rules do."""
    today, settings = store.now().date(), store.settings
    key = ("market", region, today, _own(settings.own_brand), settings.replace_age,
           settings.replace_hours)
    with store.census() as census:
        tally = census.keep(("market", region, today.year, settings.replace_age,
                             settings.replace_hours),
                            lambda: _count(census, region, today, settings))
        return census.figures(key, lambda: _figures(store, tally, region, today))


def work_out(store: LeadStore, region: str = "") -> Market:
    """The figures, added up anew from the census's places in the region."""
    today, settings = store.now().date(), store.settings
    with store.census() as census:
        return _figures(store, _count(census, region, today, settings), region, today)


def _count(census: Census, region: str, today: date, settings: Settings) -> MarketTally:
    inside = region_test(region)
    return MarketTally.counted(census.within(inside), inside, today.year - settings.replace_age,
                               settings.replace_hours, today.year)


def _figures(store: LeadStore, tally: MarketTally, region: str, today: date) -> Market:
    settings = store.settings
    own = _own(settings.own_brand)
    total = sum(b.count for b in tally.brands.values())
    bases = [BrandBase(brand=brand, count=counted.count, share=counted.count / total,
                       own=own is not None and brand_key(brand) == own,
                       sizes=tuple(counted.sizes), ages=_ages(counted.years, today),
                       owners=tally.owners_of(brand))
             for brand, counted in tally.brands.items()]
    bases.sort(key=lambda b: (not b.own, -b.count, b.brand))
    # Every brand together: the brands' splits added up, not counted again.
    sizes = tuple(map(sum, zip(*(b.sizes for b in bases)))) or (0,) * (len(SIZE_BANDS) + 1)
    ages = tuple(map(sum, zip(*(b.ages for b in bases)))) or (0,) * (len(AGE_BANDS) + 1)
    return Market(
        region=region, today=today, total=total, brands=tuple(bases),
        sizes=sizes, ages=ages,
        replace_age=settings.replace_age, replace_hours=settings.replace_hours,
        candidates=Candidates(store, [entry[3] for entry in tally.order], dict(tally.due)),
        unowned=tally.unowned)


def _own(own_brand: str) -> str | None:
    return brand_key(own_brand) if own_brand else None


def _ages(years: Counter[int | None], today: date) -> tuple[int, ...]:
    ages = [0] * (len(AGE_BANDS) + 1)
    for year, count in years.items():
        ages[band(None if year is None else today.year - year, _AGE_LOWS)] += count
    return tuple(ages)


class Candidates(LazySequence[Candidate]):
    """The owners due, in order; each owner and his machines are read when
    shown (the screen lists a few of thousands)."""

    def __init__(self, store: LeadStore, owners: list[int],
                 due: dict[int, tuple[tuple[int, int, int], ...]]) -> None:
        self._store, self.owner_ids, self._due = store, owners, due

    def __len__(self) -> int:
        return len(self.owner_ids)

    def item(self, index: int) -> Candidate:
        machines, owner = self._store.machines, self.owner_ids[index]
        return Candidate(owner_of(self._store, owner),
                         tuple(machines[row[2]] for row in self._due[owner]
                               if row[2] in machines))


def owner_of(store: LeadStore, lead_id: int) -> Owner:
    return Owner(lead_id, store.leads_field(lead_id, "name", ""),
                 place_name(*lead_place(store, lead_id)))
