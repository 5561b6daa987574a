"""The contact cycle's rules: what to prepare, when to follow up, and logging a
contact together with its analysis and the next step, as one undoable change
(cancelling a planned contact is logged the same way, with its next step).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from store.errors import Invalid, StoreError
from store.grading import quadrant_of
from store.leadstore import Change, LeadStore
from store.lost import LostAnswer, deal_change, lost_fields
from store.model import ChecklistItem, Contact, ContactStatus, Method, Purpose, Status

FOLLOW_UP_TIME = time(9, 0)

# Preparation items per method, as codes the UI names in the rep's language.
_COMMON = ("brochure", "price_sheet")
DEFAULT_PREP: dict[Method, tuple[str, ...]] = {
    Method.PHONE: ("last_notes", "talking_points"),
    Method.SMS: ("greeting",),
    Method.LETTER: ("brochure", "greeting"),
    Method.VISIT: (*_COMMON, "competitor_comparison", "calculator", "notebook", "gift"),
    Method.MEAL: ("gift", "icebreaker", "notebook"),
    Method.LEISURE: ("gift", "icebreaker"),
    Method.SEMINAR: (*_COMMON, "competitor_comparison", "forms"),
    Method.TRADE_SHOW: (*_COMMON, "forms", "demo_material"),
    Method.MEET_UP: ("brochure", "gift", "icebreaker"),
    Method.TRIP: ("brochure", "transport", "forms", "gift"),
}


class NextStepMissing(StoreError):
    """An active lead may not be left without a next contact."""

    code = "next_step_missing"

    def __init__(self, lead_id: int) -> None:
        super().__init__(f"lead {lead_id} has no next contact", lead_id=lead_id)


@dataclass(frozen=True, slots=True)
class Analysis:
    """What a made contact taught: the three-part analysis and the result."""

    status: ContactStatus = ContactStatus.DONE
    outcome: str = ""
    went_well: str = ""
    went_wrong: str = ""
    customer_thinking: str = ""
    goal_reached: bool | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    at: datetime
    method: Method
    purpose: Purpose
    place: str = ""
    checklist: tuple[ChecklistItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Made:
    """A contact that was not planned, recorded when it is logged."""

    at: datetime
    method: Method
    purpose: Purpose
    place: str = ""


@dataclass(frozen=True, slots=True)
class LogEntry:
    """Everything the log form gathers. ``contact_id`` is the planned contact
    being logged, or None with ``made`` for one that was not planned;
    ``lead_fields`` regrade the lead (intent, funding, stage, status)."""

    lead_id: int
    analysis: Analysis
    contact_id: int | None = None
    made: Made | None = None
    lead_fields: dict[str, Any] = field(default_factory=dict)
    follow_up: FollowUp | None = None
    lost: LostAnswer | None = None  # the lead marked lost: why, and to whom


def cadence_days(store: LeadStore, lead_id: int, grades: tuple[int | None, int | None] | None = None
                 ) -> int:
    """Days to the next contact for the lead's quadrant (ungraded: as Q1).
    ``grades`` (intent, funding) override the stored ones, for a regrade in progress."""
    settings = store.settings
    if grades is None:
        grades = store.leads_field(lead_id, "intent"), store.leads_field(lead_id, "funding")
    q = quadrant_of(*grades, settings.threshold)
    return settings.cadence_days.get(q or 1, 7)


def propose_follow_up(store: LeadStore, lead_id: int, after: datetime,
                      grades: tuple[int | None, int | None] | None = None) -> datetime:
    """The day the quadrant's cadence gives after ``after``, at the usual hour."""
    day = after.date() + timedelta(days=cadence_days(store, lead_id, grades))
    return datetime.combine(day, FOLLOW_UP_TIME, tzinfo=after.tzinfo)


def log_contact(store: LeadStore, entry: LogEntry) -> Contact:
    """Save a made contact, its analysis, the regrade and the follow-up as ONE
    change, so undo takes all of it back. Returns the logged contact.

    Raises :class:`NextStepMissing` when the lead stays active with no
    planned contact left and no follow-up given.
    """
    changes: list[Change] = []
    lead_fields = {**entry.lead_fields, **(lost_fields(entry.lost) if entry.lost else {})}
    before, lead = store.edited_lead(entry.lead_id, **lead_fields)
    logged = _logged(store, entry)
    follow = None
    if entry.follow_up is not None:
        follow = store.new_contact(entry.lead_id, **_fields(entry.follow_up))
        logged = dataclasses.replace(logged, follow_up_id=follow.id)
    elif lead.status is Status.ACTIVE and not _other_plans(store, entry.lead_id, logged.id):
        raise NextStepMissing(entry.lead_id)
    old = store.contacts.get(logged.id)
    changes.append(("contacts", logged.id, old, logged))
    if follow is not None:
        changes.append(("contacts", follow.id, None, follow))
    if lead is not before:
        changes.append(("leads", lead.id, before, lead))
    if entry.lost is not None:
        changes.append(deal_change(store, lead, entry.lost))
    # A cancel goes through here too (the same rule, one change), named as such.
    cancelled = entry.analysis.status is ContactStatus.CANCELLED
    store.commit("cancel_contact" if cancelled else "log_contact", changes)
    return logged


def _logged(store: LeadStore, entry: LogEntry) -> Contact:
    fields = _fields(entry.analysis)
    if entry.contact_id is not None:
        planned = store.contacts[entry.contact_id]
        return dataclasses.replace(planned, **fields, updated=store.now())
    assert entry.made is not None, "an unplanned contact needs its time, method and purpose"
    return store.new_contact(entry.lead_id, **_fields(entry.made), **fields)


def _fields(obj: Any) -> dict[str, Any]:
    """A dataclass's fields, shallow (``asdict`` would turn items into dicts)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def _other_plans(store: LeadStore, lead_id: int, contact_id: int) -> bool:
    return any(c.status is ContactStatus.PLANNED and c.id != contact_id
               for c in store.contacts_of(lead_id))


def reschedule(store: LeadStore, contact_id: int, at: datetime, **fields: Any) -> Contact:
    """Move a planned contact to ``at`` (ahead), with any other of its fields
    changed on the way (method, purpose, place …): still one plan, not two."""
    now = store.now().replace(second=0, microsecond=0)
    if at < now:
        raise Invalid("at", "past", at.isoformat(timespec="minutes"))
    return store.update_contact(contact_id, "reschedule", at=at, **fields)
