"""The market intelligence leaves the tool: JSON (``leadboard.intel/1``).

The fleet census (every machine, of any brand, with its owner), the
competitors' profiles, their outlets, the construction projects, the dated
intel log and the lost deals, in one document for a spreadsheet, a map or a
colleague's tool. Like the plan's export it is a pure function of the data:
records by id, keys in a fixed order, no clock (``as_of`` is the newest
change), so the same data gives the same bytes.

A region keeps the records placed in it (a machine by its own place, else its
owner's, as the market screen counts it); competitors' profiles are not tied
to a place and are always all there. The format is described by
``store/schemas/intel-1.schema.json``.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import orjson

from store.collector import collector_paused
from store.fleet import size_class
from store.leadstore import LeadStore
from store.market import in_region, places_of, region_test

SCHEMA = "leadboard.intel/1"
SCHEMA_FILE = Path(__file__).with_name("schemas") / "intel-1.schema.json"
# The document's lists, in the order they are written.
SECTIONS = ("machines", "competitors", "outlets", "projects", "intel", "lost_deals")


def plain(value: Any) -> Any:
    """A record's value as JSON holds it: days as ISO dates, codes as their
    English code, nested records as objects, tuples as lists."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return value


class _Leads:
    """A lead as the intel names it, ``{"id", "name"}``, read once per lead."""

    def __init__(self, store: LeadStore) -> None:
        self._store = store
        self._seen: dict[int, dict[str, Any]] = {}

    def __call__(self, lead_id: int | None) -> dict[str, Any] | None:
        if lead_id is None:
            return None
        found = self._seen.get(lead_id)
        if found is None:
            found = self._seen[lead_id] = {"id": lead_id,
                                           "name": self._store.lead_doc(lead_id)["name"]}
        return found


def _record(record: Any, lead: _Leads, refs: dict[str, str] | None = None) -> dict[str, Any]:
    """The record's fields in their order; a field of ``refs`` (a lead's id,
    or a tuple of them) becomes the lead(s) it names, under the key given."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        key = refs.get(f.name) if refs else None
        if key is None:
            out[f.name] = plain(value)
        elif isinstance(value, tuple):
            out[key] = [lead(i) for i in value]
        else:
            out[key] = lead(value)
    return out


def _machines(store: LeadStore, region: str, lead: _Leads) -> list[dict[str, Any]]:
    place, inside = places_of(store), region_test(region)
    out = []
    for machine_id in sorted(store.machines):
        machine = store.machines[machine_id]
        province, city = place(machine)
        if not inside((province, city)):
            continue
        record = _record(machine, lead, {"owner": "owner"})
        # Where the machine is and how big, as the market screen counts it.
        record.update(province=province, city=city, size_class=size_class(machine))
        out.append(record)
    return out


def _placed(store: LeadStore, table: str, region: str, lead: _Leads,
            refs: dict[str, str] | None = None) -> list[dict[str, Any]]:
    records = store.records(table)
    out = []
    for record_id in sorted(records):
        record = records[record_id]
        if region and not in_region((record.province, record.city), region):
            continue
        out.append(_record(record, lead, refs))
    return out


def intel_document(store: LeadStore, region: str = "") -> dict[str, Any]:
    lead = _Leads(store)
    competitors = store.records("competitors")
    document: dict[str, Any] = {"schema": SCHEMA, "as_of": None, "region": region}
    document.update(
        machines=_machines(store, region, lead),
        competitors=[_record(competitors[i], lead) for i in sorted(competitors)],
        outlets=_placed(store, "outlets", region, lead),
        projects=_placed(store, "projects", region, lead, {"lead_ids": "leads"}),
        intel=_placed(store, "intel", region, lead, {"lead_id": "lead"}),
        lost_deals=_placed(store, "lost_deals", region, lead, {"lead_id": "lead"}),
    )
    document["as_of"] = _newest_day(document)
    return document


def _newest_day(document: dict[str, Any]) -> str | None:
    """The newest day a machine was seen or a piece of intel or a lost deal
    was heard of: how fresh the intel is, read from the data, not the clock
    (ISO days sort as text)."""
    days = [m["last_seen"] for m in document["machines"]]
    days += [r["on"] for name in ("intel", "lost_deals") for r in document[name]]
    return max(days, default=None)


def to_json(store: LeadStore, region: str = "") -> tuple[bytes, dict[str, int]]:
    """The document's bytes, and how many records each section holds."""
    with collector_paused():
        document = intel_document(store, region)
    counts = {name: len(document[name]) for name in SECTIONS}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n", counts
