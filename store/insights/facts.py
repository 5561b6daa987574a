"""One lead's story as the insights read it: its grades, stage and status at
any moment, replayed backwards from what it is now through its history.

Read from stored documents (no lead is built): at 100k leads the figures
must cost about one pass over the records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from store.codec import as_time
from store.grading import quadrant_of
from store.leadstore import LeadStore
from store.model import Stage, Status

from store.insights.figures import TRAY

FIELDS = ("created", "source", "intent", "funding", "stage", "status", "reason",
          "competitor", "history")
DEFAULTS = (None, "other", None, None, Stage.FIND.value, Status.ACTIVE.value, "", "", ())
WATCHED = frozenset({"intent", "funding", "stage", "status"})
CLOSED = (Status.WON.value, Status.LOST.value)
STAGES = tuple(s.value for s in Stage)
STAGE_RANK = {code: rank for rank, code in enumerate(STAGES)}

Change = tuple[datetime, str, object, object]  # at, field, old, new


def _plain(value: object) -> object:
    return getattr(value, "value", value)


def _changes(history: object) -> tuple[Change, ...]:
    """The history entries that move a lead on the figures, in time order
    (stored lists, or entries of a lead already built)."""
    found = []
    for entry in history or ():
        if isinstance(entry, (list, tuple)):
            at, name, old, new = entry
        else:
            at, name, old, new = entry.at, entry.field, entry.old, entry.new
        if name in WATCHED:
            found.append((as_time(at), name, _plain(old), _plain(new)))
    found.sort(key=lambda change: change[0])
    return tuple(found)


@dataclass(slots=True)
class LeadFacts:
    id: int
    created: datetime
    source: str
    now: dict[str, object]  # the watched fields as they are now
    reason: str
    competitor: str
    changes: tuple[Change, ...]

    def value_at(self, name: str, moment: datetime, after: bool = False) -> object:
        """A watched field as it stood just before ``moment`` (just after it,
        with ``after``: with a change made at that moment); its first value
        before the lead had a history."""
        value = self.now[name]
        for at, field, old, _new in reversed(self.changes):
            if at < moment or (after and at == moment):
                break
            if field == name:
                value = old
        return value

    def first(self, name: str) -> object:
        """The value the lead was created with."""
        for _at, field, old, _new in self.changes:
            if field == name:
                return old
        return self.now[name]

    def place_at(self, moment: datetime, threshold: int, after: bool = False) -> int:
        """Quadrant 1-4, or TRAY, just before ``moment`` (or just after)."""
        if not self.changes:
            return self.place_now(threshold)
        q = quadrant_of(self.value_at("intent", moment, after),
                        self.value_at("funding", moment, after), threshold)
        return TRAY if q is None else q

    def place_now(self, threshold: int) -> int:
        q = quadrant_of(self.now["intent"], self.now["funding"], threshold)
        return TRAY if q is None else q

    def closed_by(self, end: datetime) -> tuple[str, datetime] | None:
        """Won or lost as the lead stood at ``end``, and when that was decided:
        the last change to that status before ``end``. A lead that went back
        and forth counts once, by where it ended."""
        status = self.value_at("status", end) if self.changes else self.now["status"]
        if status not in CLOSED:
            return None
        when = self.created  # recorded as closed from the start (an import)
        for at, field, _old, new in self.changes:
            if at >= end:
                break
            if field == "status" and new == status:
                when = at
        return str(status), when

    def stays(self, end: datetime) -> Iterator[tuple[str, datetime, datetime]]:
        """(stage, entered, left) for each stage the lead left before ``end``."""
        stage, entered = self.first("stage"), self.created
        for at, field, _old, new in self.changes:
            if at >= end:
                break
            if field == "stage" and new != stage:
                yield str(stage), entered, at
                stage, entered = new, at

    def furthest(self, end: datetime) -> int:
        """The rank of the furthest stage reached before ``end``; a lead won
        by then has reached closing whatever stage it was left at."""
        ranks = [STAGE_RANK.get(str(self.first("stage")), 0)]
        ranks += [STAGE_RANK.get(str(new), 0) for at, field, _old, new in self.changes
                  if field == "stage" and at < end]
        closed = self.closed_by(end)
        if closed is not None and closed[0] == Status.WON.value:
            ranks.append(STAGE_RANK[Stage.CLOSING.value])
        return max(ranks)


def read_leads(store: LeadStore, wanted: frozenset[int] | None, end: datetime
               ) -> list[LeadFacts]:
    """The facts of every lead in ``wanted`` (all: ``None``) created before ``end``."""
    facts = []
    for lead_id, row in store.lead_rows(FIELDS, DEFAULTS):
        if wanted is not None and lead_id not in wanted:
            continue
        created, source, intent, funding, stage, status, reason, competitor, history = row
        created = as_time(created)
        if created >= end:
            continue
        now = {"intent": intent, "funding": funding, "stage": _plain(stage),
               "status": _plain(status)}
        facts.append(LeadFacts(lead_id, created, str(_plain(source)), now, reason.strip(),
                               competitor.strip(), _changes(history)))
    return facts
