"""Day, week and month plans: which contacts, in what order.

A plan reads the store's time index (contacts sorted by time), so its cost
follows the number of contacts in the period, never the number of leads.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from store.board import TRAY, BoardIndex
from store.dates import week_start
from store.grading import NO_NEXT, priority, quadrant_of
from store.lazy import LazySequence
from store.leadstore import LeadStore
from store.model import QUADRANTS, ContactStatus
from store.time_index import IdRun


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


def export_contacts(store: LeadStore, span: Span, now: datetime) -> list[int]:
    """What an export of the span holds, in time order: the span's contacts
    (cancelled ones too, so a calendar drops them) and, when the span holds
    ``now``, every overdue contact from before it, as the plan screen lists them."""
    earlier = store.planned_before(span.start) if span.start <= now < span.end else []
    return earlier + period_contacts(store, span)


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
    # The planned contacts are told apart by the store's index of them, so
    # only the others' status is read: a month holds tens of thousands.
    cut = min(max(now, span.start), span.end)
    late = set(store.planned_between(span.start, cut))
    kept = set(store.planned_between(cut, span.end))
    status = store.contact_field
    ahead = [
        i for i in period_contacts(store, span)
        if i in kept or (i not in late
                         and status(i, "status", "planned") != ContactStatus.CANCELLED)
    ]
    return PlanRows(overdue, ahead)


class PlanView(LazySequence[int]):
    """What :func:`plan_rows` lists, read where it is shown: the overdue
    contacts, then the period's others but the cancelled ones and the
    overdue ones (listed on top). A row is found by bisection in the store's
    time indexes, so a month of 30k contacts costs what the screen shows."""

    def __init__(self, overdue: IdRun, period: IdRun, left_out: tuple[IdRun, ...],
                 time_of: Callable[[int], datetime | None]) -> None:
        self.overdue = overdue
        self._period = period
        self._left_out = left_out
        self._skipped = sum(map(len, left_out))  # the left-out runs lie within the period's
        self._time_of = time_of

    def __len__(self) -> int:
        return len(self.overdue) + len(self._period) - self._skipped

    def item(self, index: int) -> int:
        if index < len(self.overdue):
            return self.overdue.item(index)
        return self._period.item(self._nth_kept(index - len(self.overdue)))

    def _kept_up_to(self, key: tuple[datetime, int], position: int) -> int:
        """How many of the period's contacts up to ``position`` (``key``'s) are listed."""
        return position + 1 - sum(run.up_to(key) for run in self._left_out)

    def _nth_kept(self, n: int) -> int:
        """Where in the period's run its ``n``-th listed contact is: the first
        position with ``n + 1`` listed up to it."""
        period = self._period
        low, high = n, min(n + self._skipped, len(period) - 1)
        while low < high:
            middle = (low + high) // 2
            if self._kept_up_to(period.key(middle), middle) > n:
                high = middle
            else:
                low = middle + 1
        return low

    def row_of(self, contact_id: int) -> int | None:
        """The row of a contact, if listed: a few bisections, no walk."""
        at = self._time_of(contact_id)
        if at is None:
            return None
        key = (at, contact_id)
        row = self.overdue.position(key)
        if row is not None:
            return row
        position = self._period.position(key)
        if position is None or any(run.position(key) is not None for run in self._left_out):
            return None
        return len(self.overdue) + self._kept_up_to(key, position) - 1


def plan_view(store: LeadStore, span: Span, now: datetime) -> PlanView:
    """:func:`plan_rows`, as a view read where shown (see :class:`PlanView`)."""
    cut = min(max(now, span.start), span.end)

    def time_of(contact_id: int) -> datetime | None:
        contact = store.contacts.get(contact_id)
        return None if contact is None else contact.at

    return PlanView(
        store.contacts_run(None, now, ContactStatus.PLANNED),
        store.contacts_run(span.start, span.end),
        (store.contacts_run(span.start, span.end, ContactStatus.CANCELLED),
         store.contacts_run(span.start, cut, ContactStatus.PLANNED)),
        time_of)


def unplanned_key(store: LeadStore, lead_id: int, threshold: int) -> tuple[int, int, int]:
    """Where a lead with no next step sorts: strongest quadrant first (the
    ungraded last), then by priority, then the oldest lead first."""
    field = store.leads_field
    intent, funding = field(lead_id, "intent"), field(lead_id, "funding")
    score = priority(intent, funding, field(lead_id, "credit", "unknown"),
                     field(lead_id, "has_project", False))
    return (quadrant_of(intent, funding, threshold) or len(QUADRANTS) + 1, -score, lead_id)


class UnplannedLeads(LazySequence[int]):
    """The graded leads in order, then the ungraded ones, sorted only once the
    list reads that far: a rep seldom scrolls past thousands of graded leads."""

    def __init__(self, graded: list[int], ungraded: list[int],
                 key: Callable[[int], tuple]) -> None:
        self._graded = graded
        self._ungraded = ungraded
        self._key = key
        self._sorted = False

    def __len__(self) -> int:
        return len(self._graded) + len(self._ungraded)

    def item(self, index: int) -> int:
        if index < len(self._graded):
            return self._graded[index]
        if not self._sorted:
            self._ungraded.sort(key=self._key)
            self._sorted = True
        return self._ungraded[index - len(self._graded)]


def unplanned_leads(store: LeadStore, order: BoardIndex | None,
                    stale: AbstractSet[int] = frozenset()) -> Sequence[int]:
    """The active leads with no next step, in :func:`unplanned_key` order.

    ``order`` is the board's (of every active lead), if at hand: each of its
    quadrants holds these leads in one run, already by priority, so a tab of
    50k leads reads no lead at all. ``stale`` are leads changed since the
    board last placed them; they are placed here anew. Without the board's
    order, or out of step with the store, every lead is read and sorted.
    """
    threshold = store.settings.threshold

    def key(lead_id: int) -> tuple:
        return unplanned_key(store, lead_id, threshold)

    unplanned = store.unplanned
    if order is None or order.shown is not None or order.threshold != threshold:
        return sorted(unplanned, key=key)
    fresh = {i: key(i) for i in stale if i in unplanned}
    graded = [i for q in QUADRANTS for i in _no_next_run(order, q, stale, fresh)]
    ungraded = [i for i in order.places[TRAY] if i in unplanned and i not in stale]
    ungraded += [i for i, k in fresh.items() if k[0] not in QUADRANTS]
    if len(graded) + len(ungraded) != len(unplanned):
        return sorted(unplanned, key=key)
    return UnplannedLeads(graded, ungraded, key)


def _no_next_run(order: BoardIndex, quadrant: int, stale: AbstractSet[int],
                 fresh: dict[int, tuple]) -> list[int]:
    """A quadrant's leads with no next contact, by the board's order (its
    keys run bucket, then minus priority, then id); ``fresh`` leads put in
    by their current key, the ``stale`` ones' old places left out."""
    ids, keys = order.places[quadrant], order.key_of
    run = ids[bisect_left(ids, (NO_NEXT,), key=keys):bisect_left(ids, (NO_NEXT + 1,), key=keys)]
    if stale:
        run = [i for i in run if i not in stale]
    for lead_id, fresh_key in fresh.items():
        if fresh_key[0] == quadrant:
            insort(run, lead_id, key=lambda i: fresh[i][1:] if i in fresh else keys(i)[1:])
    return run


def checklist_progress(store: LeadStore, contact_id: int) -> tuple[int, int]:
    """How many preparation items are ticked, of how many."""
    items = store.contacts[contact_id].checklist
    return sum(item.done for item in items), len(items)
