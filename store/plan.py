"""Day, week and month plans: which contacts, in what order.

A plan reads the store's time index (contacts sorted by time), so its cost
follows the number of contacts in the period, never the number of leads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from store.dates import week_start
from store.leadstore import LeadStore
from store.model import ContactStatus


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open stretch of time: ``start <= at < end``."""

    start: datetime
    end: datetime


def _midnight(day: date, now: datetime) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=now.tzinfo)


def period_span(period: Period, now: datetime, day: date | None = None) -> Span:
    """The day, the week (Monday first) or the month that holds ``day`` (today)."""
    day = day or now.date()
    if period is Period.DAY:
        first, last = day, day + timedelta(days=1)
    elif period is Period.WEEK:
        first = week_start(day)
        last = first + timedelta(weeks=1)
    else:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1)
    return Span(_midnight(first, now), _midnight(last, now))


def days_span(first: date, last: date, now: datetime) -> Span:
    """From the start of ``first`` to the end of ``last``, both included."""
    return Span(_midnight(first, now), _midnight(last + timedelta(days=1), now))


def period_contacts(store: LeadStore, span: Span) -> list[int]:
    """Every contact in the span, in time order (then by id)."""
    return store.contacts_between(span.start, span.end)


@dataclass(frozen=True, slots=True)
class PlanRows:
    overdue: list[int]  # planned contacts already past, oldest first
    ahead: list[int]  # the period's other contacts, by time

    @property
    def ids(self) -> list[int]:
        return self.overdue + self.ahead


def plan_rows(store: LeadStore, span: Span, now: datetime) -> PlanRows:
    """What the plan screen lists: overdue contacts on top, then the period's
    contacts by time; cancelled ones are left out."""
    overdue = store.planned_before(now)
    late = set(overdue)
    status = store.contact_field
    ahead = [
        i for i in period_contacts(store, span)
        if i not in late and status(i, "status", "planned") != ContactStatus.CANCELLED
    ]
    return PlanRows(overdue, ahead)


def checklist_progress(store: LeadStore, contact_id: int) -> tuple[int, int]:
    """How many preparation items are ticked, of how many."""
    items = store.contacts[contact_id].checklist
    return sum(item.done for item in items), len(items)
