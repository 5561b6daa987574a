"""The plan leaves the tool: JSON (``leadboard.plan/1``), iCalendar and CSV.

Every writer is a pure function of the data: no clock, stable order, so two
exports of the same data are byte-identical. Stored times may carry any
offset (UTC, +08:00 …); every time leaves in the rep's local zone, read once
from the store's clock by :func:`gather` and turned into text only by
:func:`local_iso` (JSON), :func:`local_cell` (CSV) and :func:`utc` (iCalendar).
The JSON format is described by ``store/schemas/plan-1.schema.json``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any

import orjson

from store.codec import time_to_str
from store.dates import local_zone, to_local
from store.safe_files import replace
from store.grading import quadrant_of
from store.collector import collector_paused
from store.leadstore import LeadStore
from store.model import Contact, ContactStatus
from store.plan import Span, export_contacts

SCHEMA = "leadboard.plan/1"
SCHEMA_FILE = Path(__file__).with_name("schemas") / "plan-1.schema.json"
DEFAULT_MINUTES = 60  # a contact's length in a calendar when none was given
PRODID = "-//Leadboard//Contact plan//EN"
OVERDUE = "overdue"  # how CSV and calendar titles name a planned contact already past


class Format(StrEnum):
    JSON = "json"
    ICS = "ics"
    CSV = "csv"


# Names shown to people (calendar titles, CSV headings): the UI's words.
# ``label(kind, code)`` names an enum value, ``heading(name)`` a column.
@dataclass(frozen=True, slots=True)
class Words:
    label: Callable[[str, str], str] = lambda kind, code: code
    heading: Callable[[str], str] = lambda name: name


@dataclass(frozen=True, slots=True)
class PlanExport:
    """What one export holds, gathered once and written in any format."""

    span: Span
    period: str  # day, week, month or range
    as_of: datetime | None
    contacts: list[Contact]
    unplanned: list[int]
    zone: tzinfo | None = None  # the rep's zone; None: the system's (see dates.local_zone)
    overdue: frozenset[int] = frozenset()  # ids of the planned contacts already past

    def is_overdue(self, contact: Contact) -> bool:
        return contact.id in self.overdue


def gather(store: LeadStore, span: Span, period: str) -> PlanExport:
    """The span's contacts and, as the plan shows them, the overdue ones.
    Being overdue is the only thing read from the clock: the same data gives
    the same bytes until another contact falls due."""
    now = store.now()
    contacts = [store.contacts[i] for i in export_contacts(store, span, now)]
    overdue = frozenset(c.id for c in contacts
                        if c.status is ContactStatus.PLANNED and c.at < now)
    return PlanExport(span, period, store.last_change, contacts, sorted(store.unplanned),
                      local_zone(now), overdue)


# ------------------------------------------------------------------ times
def local_iso(moment: datetime | None, zone: tzinfo | None) -> str | None:
    """ISO 8601 with the rep's offset: ``2026-12-05T09:00:00+08:00``."""
    return None if moment is None else time_to_str(to_local(moment, zone))


def local_cell(moment: datetime, zone: tzinfo | None) -> str:
    """The rep's wall time without a zone, which Excel reads as a date and
    time: ``2026-12-05 09:00``."""
    return to_local(moment, zone).strftime("%Y-%m-%d %H:%M")


def utc(moment: datetime) -> datetime:
    """A calendar time in UTC (``…Z``): valid everywhere, no VTIMEZONE needed."""
    return moment.astimezone(timezone.utc)


# ------------------------------------------------------------------ JSON
def lead_summary(store: LeadStore, lead_id: int, threshold: int | None = None) -> dict[str, Any]:
    """A lead as exports show it, read from its stored document (fast for 100k)."""
    doc = store.lead_doc(lead_id)
    get = doc.get
    intent, funding = get("intent"), get("funding")
    if threshold is None:
        threshold = store.settings.threshold
    return {
        "id": lead_id,
        "name": doc["name"],
        "company": get("company", ""),
        "phones": list(get("phones", ())),
        "region": get("city", "") or get("province", ""),
        "quadrant": quadrant_of(intent, funding, threshold),
        "intent": intent,
        "funding": funding,
        "credit": get("credit", "unknown"),
    }


def contact_record(contact: Contact, lead: dict[str, Any], zone: tzinfo | None = None,
                   overdue: bool = False) -> dict[str, Any]:
    return {
        "id": contact.id,
        "lead": lead,
        "at": local_iso(contact.at, zone),
        "duration_min": contact.duration_min,
        "method": contact.method.value,
        "purpose": contact.purpose.value,
        "place": contact.place,
        "status": contact.status.value,
        "overdue": overdue,
        "checklist": [{"text": item.text, "done": item.done} for item in contact.checklist],
        "outcome": contact.outcome,
        "went_well": contact.went_well,
        "went_wrong": contact.went_wrong,
        "customer_thinking": contact.customer_thinking,
        "goal_reached": contact.goal_reached,
        "follow_up_id": contact.follow_up_id,
    }


def plan_document(store: LeadStore, plan: PlanExport) -> dict[str, Any]:
    summaries: dict[int, dict[str, Any]] = {}
    threshold = store.settings.threshold

    def summary(lead_id: int) -> dict[str, Any]:
        if lead_id not in summaries:
            summaries[lead_id] = lead_summary(store, lead_id, threshold)
        return summaries[lead_id]

    contacts = [contact_record(c, summary(c.lead_id), plan.zone, plan.is_overdue(c))
                for c in plan.contacts]
    counts = {"1": 0, "2": 0, "3": 0, "4": 0, "ungraded": 0}
    for record in contacts:
        q = record["lead"]["quadrant"]
        counts["ungraded" if q is None else str(q)] += 1
    return {
        "schema": SCHEMA,
        "period": {"kind": plan.period, "start": local_iso(plan.span.start, plan.zone),
                   "end": local_iso(plan.span.end, plan.zone)},
        "as_of": local_iso(plan.as_of, plan.zone),
        "counts": counts,
        "contacts": contacts,
        "unplanned": [lead_summary(store, lead_id, threshold) for lead_id in plan.unplanned],
    }


def to_json(store: LeadStore, plan: PlanExport) -> bytes:
    with collector_paused():
        document = plan_document(store, plan)
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


# ------------------------------------------------------------------ iCalendar
def contact_uid(contact: Contact) -> str:
    """The same contact keeps its UID, so a calendar updates it on re-import."""
    return f"leadboard-contact-{contact.id}-lead-{contact.lead_id}@leadboard"


def _description(contact: Contact, words: Words, lead: dict[str, Any]) -> str:
    lines = [f"{words.heading('purpose')}: {words.label('purpose', contact.purpose.value)}"]
    phones = ", ".join(lead["phones"])
    if phones:
        lines.append(f"{words.heading('phones')}: {phones}")
    if contact.checklist:
        lines.append(f"{words.heading('checklist')}:")
        lines += [f"[{'x' if item.done else ' '}] {item.text}" for item in contact.checklist]
    if contact.outcome:
        lines.append(f"{words.heading('outcome')}: {contact.outcome}")
    return "\n".join(lines)


_ICS_STATUS = {ContactStatus.CANCELLED: "CANCELLED", ContactStatus.PLANNED: "TENTATIVE"}


def to_ics(store: LeadStore, plan: PlanExport, words: Words = Words()) -> bytes:
    import icalendar  # only here: it costs start-up time for every other use

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    stamp = utc(plan.as_of or plan.span.start)  # not the clock: same data, same bytes
    for contact in plan.contacts:
        lead = lead_summary(store, contact.lead_id)
        minutes = contact.duration_min or DEFAULT_MINUTES
        event = icalendar.Event()
        event.add("uid", contact_uid(contact))
        event.add("dtstamp", stamp)
        event.add("dtstart", utc(contact.at))
        event.add("dtend", utc(contact.at) + timedelta(minutes=minutes))
        title = f"{words.label('method', contact.method.value)}: {lead['name']}"
        if plan.is_overdue(contact):
            title = f"[{words.label('contact_status', OVERDUE)}] {title}"
        event.add("summary", f"{title} ({lead['company']})" if lead["company"] else title)
        event.add("description", _description(contact, words, lead))
        if contact.place:
            event.add("location", contact.place)
        event.add("status", _ICS_STATUS.get(contact.status, "CONFIRMED"))
        event.add("sequence", _sequence(contact))
        calendar.add_component(event)
    return calendar.to_ical()


def _sequence(contact: Contact) -> int:
    # A later change must carry a higher SEQUENCE for calendars to take it.
    return int((contact.updated - contact.created).total_seconds() // 60)


# ------------------------------------------------------------------ CSV
CSV_COLUMNS = ("id", "at", "duration_min", "lead_id", "name", "company", "phones", "region",
               "quadrant", "method", "purpose", "place", "status", "checklist", "outcome",
               "went_well", "went_wrong", "customer_thinking", "goal_reached")
_PHONES_AT = CSV_COLUMNS.index("phones")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def phone_cell(phones: Iterable[str]) -> str:
    """Phones that Excel and WPS keep as text: a bare 13812345678 would be read
    as a number and shown as 1.38E+10. A leading tab, unseen in the cell, makes
    it text there; unlike ="…" it is no formula, and an import trims it."""
    text = ", ".join(phones)
    return "\t" + text if text[:1].isdigit() else safe_cell(text)


def _csv_row(contact: Contact, lead: dict[str, Any], words: Words,
             zone: tzinfo | None = None, overdue: bool = False) -> list[str]:
    checklist = "; ".join(f"[{'x' if i.done else ' '}] {i.text}" for i in contact.checklist)
    reached = {True: words.label("answer", "yes"), False: words.label("answer", "no"), None: ""}
    status = OVERDUE if overdue else contact.status.value
    values = (
        contact.id, local_cell(contact.at, zone), contact.duration_min, lead["id"], lead["name"],
        lead["company"], None, lead["region"], lead["quadrant"],  # None: phone_cell's below
        words.label("method", contact.method.value), words.label("purpose", contact.purpose.value),
        contact.place, words.label("contact_status", status), checklist,
        contact.outcome, contact.went_well, contact.went_wrong, contact.customer_thinking,
        reached[contact.goal_reached],
    )
    cells = [safe_cell(v) for v in values]
    cells[_PHONES_AT] = phone_cell(lead["phones"])
    return cells


def to_csv(store: LeadStore, plan: PlanExport, words: Words = Words()) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([safe_cell(words.heading(name)) for name in CSV_COLUMNS])
    for contact in plan.contacts:
        lead = lead_summary(store, contact.lead_id)
        writer.writerow(_csv_row(contact, lead, words, plan.zone, plan.is_overdue(contact)))
    # The byte-order mark makes Excel read the file as UTF-8 (Chinese names).
    return out.getvalue().encode("utf-8-sig")


# ------------------------------------------------------------------ writing
def render(store: LeadStore, plan: PlanExport, fmt: Format, words: Words = Words()) -> bytes:
    if fmt is Format.JSON:
        return to_json(store, plan)
    if fmt is Format.ICS:
        return to_ics(store, plan, words)
    return to_csv(store, plan, words)


def write_export(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: never half an export, never into a
    link, a device or a FIFO (:class:`store.errors.UnsafeFile`)."""
    replace(path, data)
