"""The board's order: which leads sit in which quadrant, in what order.

Built once (O(n log n)) from a few stored fields per lead, without building
the leads themselves, and then kept up to date one lead at a time with
binary search, so a key press costs the same at 100 leads as at 100,000.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from store.grading import DUE_TODAY, bucket, priority, quadrant_of
from store.ids import near_enough
from store.grades import QUADRANTS, Status

if TYPE_CHECKING:  # the board's preview is read without the store
    from store.leadstore import LeadStore

TRAY = 0  # the ungraded leads' place, beside quadrants 1-4
PLACES = (*QUADRANTS, TRAY)

# Which leads the board shows; None shows the active ones.
LeadFilter = Callable[[int], bool]

_OFF_BOARD = 255  # the place byte of a lead not on the board (see counts_of)

# The stored fields that place a lead, and their defaults.
_FACTS = ("status", "intent", "funding", "credit", "has_project")
_DEFAULTS = (Status.ACTIVE.value, None, None, "unknown", False)


def row_fields(store: LeadStore, lead_id: int) -> tuple[str, str, str, str, bool]:
    """What a board row shows of a lead: name, company, region, credit and
    whether it holds a project; read from its stored fields, since building
    the whole lead for each row on screen costs more than drawing it."""
    field = store.leads_field
    return (field(lead_id, "name", ""), field(lead_id, "company", ""),
            field(lead_id, "city", "") or field(lead_id, "province", ""),
            field(lead_id, "credit", "unknown"), bool(field(lead_id, "has_project")))


def order_key(place: int, lead_id: int, next_contact: datetime | None, score: int,
              now: datetime) -> tuple:
    """Where a lead sorts in its place: the tray newest first (just typed in
    or imported); a quadrant by bucket, then priority, then age."""
    if place == TRAY:
        return (-lead_id,)
    return (bucket(next_contact, now), -score, lead_id)


class BoardIndex:
    def __init__(self, store: LeadStore, now: datetime, shown: LeadFilter | None = None) -> None:
        self.store = store
        self.shown = shown
        self.now = now
        self.places: dict[int, list[int]] = {}
        self._keys: dict[int, tuple] = {}
        self._place_of: dict[int, int] = {}
        # Once a search asks, each lead's place is also kept as a byte at its
        # id (store/ids.py), so that a search's thousands of matches are
        # counted by place in one pass (see counts_of); None until then.
        self._codes: bytearray | None = None
        self.rebuild(now)

    def rebuild(self, now: datetime | None = None) -> None:
        self.now = now or self.now
        self.threshold = self.store.settings.threshold
        self._keys.clear()
        self._place_of.clear()
        self._codes = None
        lists: dict[int, list[tuple[tuple, int]]] = {place: [] for place in PLACES}
        # As _placed_from places one lead, with what it looks up taken once:
        # at 100k leads the lookups were a sixth of a first start's board.
        shown, threshold, now = self.shown, self.threshold, self.now
        next_contact, keys, place_of = self.store.next_contact, self._keys, self._place_of
        for lead_id, (status, intent, funding, credit, has_project) in self.store.lead_rows(
                _FACTS, _DEFAULTS):
            if shown is None:
                if status != Status.ACTIVE:
                    continue
            elif not shown(lead_id):
                continue
            place = quadrant_of(intent, funding, threshold) or TRAY
            score = priority(intent, funding, credit, has_project)
            key = order_key(place, lead_id, next_contact(lead_id), score, now)
            keys[lead_id] = key
            place_of[lead_id] = place
            lists[place].append((key, lead_id))
        for items in lists.values():
            items.sort()
        self.places = {place: [lead_id for _key, lead_id in items] for place, items in lists.items()}

    def set_filter(self, shown: LeadFilter | None) -> None:
        self.shown = shown
        self.rebuild()

    def _placed(self, lead_id: int) -> tuple[int, tuple] | None:
        """Where a lead goes and its sort key there; None when not shown."""
        field = self.store.leads_field
        facts = [field(lead_id, name, default) for name, default in zip(_FACTS, _DEFAULTS)]
        return self._placed_from(lead_id, *facts)

    def _placed_from(self, lead_id: int, status: str, intent: int | None, funding: int | None,
                     credit: str, has_project: bool) -> tuple[int, tuple] | None:
        if self.shown is None:
            if status != Status.ACTIVE:
                return None
        elif not self.shown(lead_id):
            return None
        place = quadrant_of(intent, funding, self.threshold) or TRAY
        score = priority(intent, funding, credit, has_project)
        return place, order_key(place, lead_id, self.store.next_contact(lead_id), score, self.now)

    def key_of(self, lead_id: int) -> tuple:
        """A shown lead's sort key in its place."""
        return self._keys[lead_id]

    def place_of(self, lead_id: int) -> int | None:
        return self._place_of.get(lead_id)

    def refresh(self, lead_ids: Iterable[int]) -> None:
        """Put the given leads where they now belong (or off the board)."""
        for lead_id in lead_ids:
            self._remove(lead_id)
            placed = self._placed(lead_id) if lead_id in self.store.leads else None
            if placed is None:
                continue
            place, key = placed
            self._keys[lead_id] = key
            self._place(lead_id, place)
            insort(self.places[place], lead_id, key=self._keys.__getitem__)

    def _place(self, lead_id: int, place: int) -> None:
        self._place_of[lead_id] = place
        codes = self._codes
        if codes is None:
            return
        if lead_id >= len(codes):
            if not near_enough(lead_id, len(self._place_of)):
                self._codes = None  # an id far beyond the rest: counted one by one
                return
            codes.extend(b"\xff" * (lead_id + 1 - len(codes)))
        codes[lead_id] = place

    def prepare_counts(self) -> None:
        """Keep each lead's place as a byte at its id from now on, for
        :meth:`counts_of`; not where ids run far apart (a long list for a few)."""
        if self._codes is not None or not self._place_of:
            return
        top = max(self._place_of)
        if not near_enough(top, len(self._place_of)):
            return
        codes = bytearray(b"\xff") * (top + 1)
        for lead_id, place in self._place_of.items():
            codes[lead_id] = place
        self._codes = codes

    def _remove(self, lead_id: int) -> None:
        place = self._place_of.pop(lead_id, None)
        if place is None:
            return
        if self._codes is not None:
            self._codes[lead_id] = _OFF_BOARD
        ids = self.places[place]
        at = bisect_left(ids, self._keys[lead_id], key=self._keys.__getitem__)
        if at >= len(ids) or ids[at] != lead_id:
            at = ids.index(lead_id)  # a key went stale; still correct, just slower
        del ids[at]
        del self._keys[lead_id]

    def tick(self, now: datetime) -> bool:
        """Keep buckets true as time passes; True when anything moved."""
        if now.date() != self.now.date():
            self.rebuild(now)
            return True
        self.now = now
        passed = [
            lead_id
            for lead_id, key in self._keys.items()
            if len(key) > 1 and key[0] == DUE_TODAY
            and bucket(self.store.next_contact(lead_id), now) != DUE_TODAY
        ]
        self.refresh(passed)
        return bool(passed)

    def count(self, place: int) -> int:
        return len(self.places[place])

    def counts_of(self, lead_ids: Collection[int]) -> dict[int | None, int]:
        """How many of ``lead_ids`` each place holds (None: not on the board)."""
        codes = self._codes
        if codes is not None:
            try:
                placed = bytes(map(codes.__getitem__, lead_ids))
            except IndexError:  # a lead newer than the board: one by one below
                pass
            else:
                counts: dict[int | None, int] = {place: placed.count(place) for place in PLACES}
                counts[None] = len(placed) - sum(counts.values())
                return counts
        return Counter(map(self._place_of.get, lead_ids))
