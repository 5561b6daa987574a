"""The fleet census's filters: leads by the machines they own.

A scrapped machine is no longer part of anyone's fleet: it counts for none
of them. Read from the stored fields of every machine at each search (a few
milliseconds for tens of thousands), so no index has to follow the changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from store.fleet import brand_key
from store.leadstore import LeadStore
from store.model import MachineStatus
from store.search.query import Fleet

_FIELDS = ("owner", "brand", "year", "hours", "status")
_DEFAULTS = (None, "", None, None, MachineStatus.WORKING.value)
_SCRAPPED = MachineStatus.SCRAPPED.value


def _in_service(store: LeadStore):
    for _id, (owner, brand, year, hours, status) in store.machine_rows(_FIELDS, _DEFAULTS):
        if owner is not None and status != _SCRAPPED:
            yield owner, brand, year, hours


def fleet_sizes(store: LeadStore) -> dict[int, int]:
    """Machines in service per owner (owners of none are not listed)."""
    sizes: dict[int, int] = {}
    for owner, *_rest in _in_service(store):
        sizes[owner] = sizes.get(owner, 0) + 1
    return sizes


def owners(store: LeadStore, f: Fleet, test: Callable[[int, int], bool],
           today: date) -> tuple[set[int], bool]:
    """The leads ``f`` keeps, and whether a lead owning no machine at all is
    kept too (``fleet<2`` keeps it; it is then every lead but those named)."""
    if f.field == "fleet":
        sizes = fleet_sizes(store)
        if test(0, f.value):
            return {lead for lead, size in sizes.items() if not test(size, f.value)}, True
        return {lead for lead, size in sizes.items() if test(size, f.value)}, False
    found: set[int] = set()
    for owner, brand, year, hours in _in_service(store):
        if owner in found:
            continue
        if f.field == "brand":
            hit = brand_key(brand) in f.brands
        elif f.field == "age":
            hit = year is not None and test(today.year - year, f.value)
        else:
            hit = hours is not None and test(hours, f.value)
        if hit:
            found.add(owner)
    return found, False
