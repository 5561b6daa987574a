"""Triage sessions: a queue of leads, one decision each, and a summary at the end.

The default queue is taken from the board's order without scanning the whole
database: the tray gives the ungraded leads, and each quadrant's list starts
with its overdue leads and holds its no-next-contact leads in one run, found
by binary search. Only "not reviewed lately" needs a walk, and it stops as
soon as the queue is full; dormant leads whose wake date has come are found
from one stored field per lead.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from store.board import TRAY, BoardIndex
from store.codec import as_time
from store.grading import NO_NEXT, OVERDUE, grades_for_quadrant, quadrant_of, step_grade
from store.leadstore import LeadStore
from store.lost import LostAnswer, mark_lost
from store.model import QUADRANTS, Lead, SessionRecord, Status

QUEUE_LIMIT = 300
KINDS = ("ungraded", "overdue", "woken", "no_next", "not_reviewed")


@dataclass(frozen=True, slots=True)
class Queue:
    lead_ids: list[int]
    makeup: dict[str, int]  # how many of each kind made it into the queue
    # How many of each kind there are, queued or not (the queue is capped at
    # QUEUE_LIMIT); None where the count stopped with the queue full.
    found: dict[str, int | None] = field(default_factory=dict)


def _bucket_run(index: BoardIndex, place: int, bucket: int) -> list[int]:
    ids = index.places[place]
    keys = index.key_of
    start = bisect_left(ids, (bucket,), key=keys)
    end = bisect_left(ids, (bucket + 1,), key=keys)
    return ids[start:end]


def _not_reviewed(index: BoardIndex, store: LeadStore, since: datetime) -> Iterator[int]:
    for place in QUADRANTS:
        for lead_id in index.places[place]:
            reviewed = as_time(store.leads_field(lead_id, "reviewed"))
            if reviewed is None or reviewed < since:
                yield lead_id


def woken(store: LeadStore, now: datetime) -> list[int]:
    """Dormant leads whose wake date has come, the longest waiting first."""
    due = []
    for lead_id, (status, wake) in store.lead_rows(("status", "wake"), (Status.ACTIVE.value, None)):
        if status == Status.DORMANT and wake is not None and (moment := as_time(wake)) <= now:
            due.append((moment, lead_id))
    return [lead_id for _moment, lead_id in sorted(due)]


def default_queue(index: BoardIndex, store: LeadStore, limit: int = QUEUE_LIMIT) -> Queue:
    """Ungraded, then overdue, then dormant leads due to wake, then no next
    contact, then not reviewed lately."""
    now = store.now()
    since = now - timedelta(days=store.settings.review_days)
    # The board's kinds are disjoint runs of its order, counted whole for
    # free; "not reviewed lately" is walked only as far as needed.
    sources: dict[str, Iterable[int] | Callable[[], list[int]]] = {
        "ungraded": index.places[TRAY],
        "overdue": [i for q in QUADRANTS for i in _bucket_run(index, q, OVERDUE)],
        # A walk of every lead: taken only while the queue has room.
        "woken": lambda: woken(store, now),
        "no_next": [i for q in QUADRANTS for i in _bucket_run(index, q, NO_NEXT)],
        "not_reviewed": _not_reviewed(index, store, since),
    }
    queued: dict[int, None] = {}
    makeup = dict.fromkeys(KINDS, 0)
    found: dict[str, int | None] = {}
    for kind, ids in sources.items():
        if callable(ids):
            if len(queued) >= limit:
                found[kind] = None
                continue
            ids = ids()
        full = False
        for lead_id in ids:
            if len(queued) >= limit:
                full = True
                break
            if lead_id not in queued:
                queued[lead_id] = None
                makeup[kind] += 1
        if isinstance(ids, list):
            found[kind] = len(ids)
        else:
            found[kind] = None if full else makeup[kind]
    return Queue(list(queued), makeup, found)


def queue_of(lead_ids: Iterable[int], limit: int = QUEUE_LIMIT) -> Queue:
    """A session over given leads (the current search or view), in board order."""
    ids = list(dict.fromkeys(lead_ids))[:limit]
    return Queue(ids, {"view": len(ids)})


# ------------------------------------------------------------------ decisions
# The fields a triage decision changes (besides the review time).
DECISION_FIELDS = frozenset({"intent", "funding", "status", "wake"})
DECISIONS = ("q1", "q2", "q3", "q4", "scheduled", "dormant", "won", "lost", "skipped")


def _woken_up(lead: Lead) -> dict[str, Any]:
    """A decision that puts a dormant lead back to work makes it active."""
    return {"status": Status.ACTIVE, "wake": None} if lead.status is Status.DORMANT else {}


def decide_quadrant(store: LeadStore, lead: Lead, quadrant: int) -> Lead:
    intent, funding = grades_for_quadrant(lead.intent, lead.funding, quadrant,
                                          store.settings.threshold)
    return store.edit_lead(lead.id, "triage", intent=intent, funding=funding,
                           reviewed=store.now(), **_woken_up(lead))


def decide_status(store: LeadStore, lead: Lead, status: Status, reason: str = "",
                  wake: datetime | None = None) -> Lead:
    """Won, lost or dormant; a dormant lead's ``wake`` puts it back in the
    queue on that day (another status clears it)."""
    fields: dict[str, Any] = {"status": status, "reviewed": store.now(),
                              "wake": wake if status is Status.DORMANT else None}
    if reason:
        fields["reason"] = reason
    return store.edit_lead(lead.id, "triage", **fields)


def decide_lost(store: LeadStore, lead: Lead, answer: LostAnswer) -> Lead:
    """Lost, with the rep's answer: the lead's reason and the market's lost
    deal, as one decision (one undo)."""
    return mark_lost(store, lead.id, answer, "triage", reviewed=store.now(), wake=None)


def decide_step(store: LeadStore, lead: Lead, axis: str, step: int) -> Lead:
    """One grade up or down, as a decision: the lead counts as reviewed, like
    a number key's regrade. Returns ``lead`` itself when the grade cannot move."""
    if axis not in ("intent", "funding"):
        raise ValueError(axis)
    grade = step_grade(getattr(lead, axis), step, store.settings.threshold)
    if grade == getattr(lead, axis):
        return lead
    return store.edit_lead(lead.id, "triage", **{axis: grade}, reviewed=store.now(),
                           **_woken_up(lead))


def quadrant_decision(store: LeadStore, lead: Lead) -> str | None:
    """The decision a regrade amounts to: the quadrant the lead is in now, or
    None while a grade is still unknown."""
    quadrant = quadrant_of(lead.intent, lead.funding, store.settings.threshold)
    return None if quadrant is None else f"q{quadrant}"


def mark_reviewed(store: LeadStore, lead: Lead) -> Lead:
    return store.edit_lead(lead.id, "triage", reviewed=store.now(), **_woken_up(lead))


def decided_elsewhere(store: LeadStore, lead_id: int, since: datetime) -> bool:
    """Whether another rep took a lead of the queue off it since ``since``
    (for a lead this session has not changed): gone from the rep's reach
    (removed, or handed to someone else), won, lost, put to sleep, or
    regraded or reviewed since."""
    if lead_id not in store.leads:
        return True
    lead = store.lead(lead_id)
    if lead.status in (Status.WON, Status.LOST):
        return True
    if lead.status is Status.DORMANT and (lead.wake is None or lead.wake > store.now()):
        return True
    if lead.reviewed is not None and lead.reviewed >= since:
        return True
    return any(entry.at >= since and entry.field in DECISION_FIELDS and entry.rep != store.author
               for entry in lead.history)


@dataclass
class TriageSession:
    """Where a rep is in the queue and what each decision was."""

    queue: Queue
    started: datetime
    position: int = 0
    decisions: dict[int, str] = field(default_factory=dict)  # lead id -> decision
    # Every step of the session that the store holds, oldest first: (lead id,
    # the lead's decision before the step, how many store changes it took),
    # so that undo and the store stay in step.
    changes: list[tuple[int, str | None, int]] = field(default_factory=list)

    @property
    def lead_id(self) -> int | None:
        ids = self.queue.lead_ids
        return ids[self.position] if self.position < len(ids) else None

    @property
    def done(self) -> bool:
        return self.position >= len(self.queue.lead_ids)

    def record(self, decision: str, store_changes: int = 1) -> None:
        """A decision on the current lead; the queue moves on. Moving on
        without a change (a skip) keeps a decision the lead already has."""
        lead_id = self.lead_id
        assert lead_id is not None
        if store_changes:
            self.changes.append((lead_id, self.decisions.get(lead_id), store_changes))
            self.decisions[lead_id] = decision
        else:
            self.decisions.setdefault(lead_id, decision)
        self.position += 1

    def refined(self, decision: str | None) -> None:
        """A grade of the current lead changed; the queue stays. A regrade
        that puts the lead in a quadrant is a decision (``q1``-``q4``)."""
        lead_id = self.lead_id
        assert lead_id is not None
        self.changes.append((lead_id, self.decisions.get(lead_id), 1))
        if decision is not None:
            self.decisions[lead_id] = decision

    def drop(self, lead_ids: Iterable[int]) -> list[int]:
        """Take leads out of the queue ahead of the rep (another rep decided
        them); the lead shown, those behind and those this session changed
        stay, and so does the rep's place. Returns those taken out."""
        ids = self.queue.lead_ids
        gone = {i for i in lead_ids if i not in self.decisions}
        gone &= set(ids[self.position + 1:])
        if gone:
            ids[self.position + 1:] = [i for i in ids[self.position + 1:] if i not in gone]
        return [i for i in lead_ids if i in gone]

    def step_over_gone(self, present: Callable[[int], bool]) -> None:
        """The lead at the rep's place is out of their reach (removed, or
        handed to another rep): out of the queue, or passed over if this
        session changed it (its steps stay for undo to refuse with why)."""
        ids = self.queue.lead_ids
        while self.position < len(ids) and not present(ids[self.position]):
            if ids[self.position] in self.decisions:
                self.position += 1
            else:
                del ids[self.position]

    def back(self) -> None:
        self.position = max(self.position - 1, 0)

    def undo(self) -> tuple[int, int] | None:
        """Forget the last stored step; returns its lead (now current again)
        and how many store changes to take back."""
        if not self.changes:
            return None
        lead_id, before, store_changes = self.changes.pop()
        if before is None:
            self.decisions.pop(lead_id, None)
        else:
            self.decisions[lead_id] = before
        self.position = self.queue.lead_ids.index(lead_id)
        return lead_id, store_changes

    def counts(self) -> dict[str, int]:
        counted = Counter(self.decisions.values())
        return {decision: counted.get(decision, 0) for decision in DECISIONS}


def lost_reasons(store: LeadStore, session: TriageSession) -> dict[str, int]:
    """Why the session's lost leads were lost, most often first (the store
    keeps each lead's reason, and undo takes it back with the decision)."""
    lost = [store.lead(i).reason for i, decision in session.decisions.items() if decision == "lost"]
    return dict(Counter(lost).most_common())


def save_record(store: LeadStore, session: TriageSession) -> SessionRecord | None:
    """Keep a session's record in the file; one that decided nothing (ended
    at once, or only skipped) is not worth listing, and is not kept."""
    if not any(decision != "skipped" for decision in session.decisions.values()):
        return None
    record = SessionRecord(
        id=max(store.sessions, default=0) + 1, started=session.started, ended=store.now(),
        queued=len(session.queue.lead_ids), counts=session.counts(),
        lost_reasons=lost_reasons(store, session),
    )
    store.commit("session", [("sessions", record.id, None, record)], undoable=False)
    return record
