"""The search index: what search reads of each lead, kept compact in memory.

Every lead has a *slot*: its id, unless ids run far apart (``store/ids.py``,
:meth:`SearchIndex.lead_id`), so that what a search finds is the set of
leads with no look-up per lead. Texts that are searched with a pattern are
joined, one line per distinct text, into one big string per kind, so that a
key press scans 100,000 leads inside the regular-expression engine instead
of in a Python loop; the joined texts are also where the texts are kept, as
the index holds no object per lead (a hundred thousand of them held several
times what the file takes on disk). Fields that filters ask about are kept
as a byte per lead and field (``store/search/choices.py``). The index reads
raw stored fields (most leads are never built), follows every change the
store makes, and catches up at the next search: the changed leads' old
lines are set aside and their new ones searched beside the rest
(:class:`LayeredLines`), so a change costs a search its own leads.

The joined texts are in ``store/search/lines.py``, the board's order of
every lead in ``store/search/ranks.py``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from store.collector import collector_paused, give_back_memory
from store.foreground import stepping
from store.grading import bucket, priority, quadrant_of
from store.ids import near_enough
from store.search.lines import (
    LATER_NAME, UNIONS, Kinds, LayeredLines, Lines, Piles, Union, layered_kind, rejoined_kind,
    with_unions,
)
from store.search.choices import Choices
from store.search.pinyin import COMPANY, NAME, REGION, search_keys, surname_rank
from store.search.ranks import Columns, Ordering

if TYPE_CHECKING:  # the store imports search's pinyin keys: no cycle at run time
    from store.leadstore import LeadStore

_NOT_DIGIT = re.compile(r"\D")
# The stored fields an entry is made of, and their defaults.
_FIELDS = ("name", "company", "province", "city", "search_keys", "tags", "notes", "intent",
           "funding", "credit", "has_project", "phones", "source", "stage", "status")
_DEFAULTS = ("", "", "", "", (), (), "", None, None, "unknown", False, (), "other", "find",
             "active")
# Board order of places: Q1..Q4, then the tray of ungraded leads.
_PLACE_ORDER = {1: 0, 2: 1, 3: 2, 4: 3, 0: 4}
# Past this many leads changed since the texts were joined, join them all anew.
REJOIN_AFTER = 2000
# Past one match in this many leads, take the first few by walking the leads in
# order rather than sorting the matches.
WALK_FROM = 16
# Fields kept as value -> slots for the filters.
CHOICE_FIELDS = ("quadrant", "source", "credit", "project", "stage", "status", "intent", "funding")


def phone_digits(text: str) -> str:
    """A phone as bare digits, without the country code."""
    digits = _NOT_DIGIT.sub("", text)
    if text.lstrip().startswith(("+86", "0086")) or (digits.startswith("86") and len(digits) == 13):
        digits = digits[2:] if digits.startswith("86") else digits[4:]
    return digits


@dataclass(slots=True)
class Entry:
    """One lead as search sees it: made as the lead is read, and kept only
    for the leads changed since the texts were joined."""

    lead_id: int
    name: str  # lower-case
    text: str  # name, company, region, notes and tags, lower-case, on one line
    place: str  # province and city, lower-case
    readings: dict[str, tuple[str, ...]]  # kind -> pinyin readings
    phones: tuple[str, ...]  # digits only
    choices: tuple  # the values of CHOICE_FIELDS, for the filters
    rank: tuple  # board order: place, bucket, -priority, id
    commonness: int  # of the surname, 0 for the most common




class SearchIndex:
    """Build with :meth:`build` (slow at 100k: do it in a worker)."""

    def __init__(self, store: LeadStore) -> None:
        self.store = store
        self.slot_of: dict[int, int] = {}
        self._lead_of: dict[int, int] = {}  # slot -> lead id, where they differ
        self.slots_are_ids = True  # every slot is its lead's id
        self.choices = Choices(CHOICE_FIELDS)  # what the filters ask of each slot's lead
        self._gone: set[int] = set()  # slots of deleted leads
        # The texts of every lead, joined once; the slots changed since, their
        # entries, and their texts joined anew at the next search (see LayeredLines).
        self._base: Kinds | None = None
        self._stale: set[int] = set()
        self._fresh: dict[int, Entry | None] = {}
        self._layers: Kinds | None = None
        self._columns = Columns()
        self._orders: dict[str, Ordering] = {}
        self._changed: set[int] = set()
        self._lock = threading.Lock()
        # Held while building or searching: one search at a time reads the index.
        self.guard = threading.RLock()
        self.built = False
        store.watch(self._note_change)

    # ------------------------------------------------------------ building
    def build(self, warm: bool = True, in_parts: bool | None = None) -> SearchIndex:
        """Read every lead; with ``warm``, join their texts and sort them all
        now (the app, ahead of the first key), a part at a time as they come
        (``in_parts``, with ``warm`` unless told). Without, each kind of text
        is joined when a search first asks for it: a one-off search joins
        only the few it needs."""
        now = self.store.now()
        piles = Piles(warm if in_parts is None else in_parts)
        # Not beside the contacts' packing and index (the board has them
        # built behind it): the two at once would hold more than either.
        self.store.index_contacts()
        give_back_memory()
        with collector_paused():
            # One pass over the stored fields, the fast way to read every lead;
            # then, one at a time, any the app changed meanwhile (twice: a lead
            # built by the app while we iterate may slip past the first look).
            threshold = self.store.settings.threshold
            try:
                for lead_id, stored in stepping(self.store.lead_rows(_FIELDS, _DEFAULTS)):
                    entry = self._entry_of(lead_id, dict(zip(_FIELDS, stored)), now, threshold)
                    piles.add(self._put(lead_id, entry), entry)
            except RuntimeError:  # the app added or built a lead as we read
                pass
            for lead_id in [*self.store.leads, *self.store.leads]:
                if lead_id in self.slot_of:
                    continue
                try:
                    entry = self._entry(lead_id, now)
                except KeyError:  # changed by the app while we read: catch up later
                    self._note_change("leads", lead_id, lead_id)
                    continue
                piles.add(self._put(lead_id, entry), entry)
            self._base, self._stale, self._fresh = piles.kinds(), set(), {}
            if warm:
                self.warm()
        give_back_memory()  # what the leads' texts took while they were joined
        self.built = True
        return self

    def ready(self, warm: bool = True) -> SearchIndex:
        """The index, built first if need be; safe to call from several threads."""
        with self.guard:
            if not self.built:
                self.build(warm)
        return self

    def warm(self) -> None:
        """Join the texts of every kind and sort the leads now, so that the
        first search does not pay for it."""
        layers = self._layered()
        for kind in layers:
            layers[kind]
        self.ordering("ranks")
        self.ordering("commons")

    def _entry(self, lead_id: int, now: Any) -> Entry:
        field = self.store.leads_field
        values = {name: field(lead_id, name, default) for name, default in zip(_FIELDS, _DEFAULTS)}
        return self._entry_of(lead_id, values, now, self.store.settings.threshold)

    def _entry_of(self, lead_id: int, values: dict[str, Any], now: Any, threshold: int) -> Entry:
        """A lead's entry from its stored ``values`` (of :data:`_FIELDS`)."""
        name, company = values["name"] or "", values["company"] or ""
        province, city = values["province"] or "", values["city"] or ""
        keys = values["search_keys"] or search_keys(name, company, province, city)
        readings: dict[str, list[str]] = {NAME: [], COMPANY: [], REGION: []}
        for key in keys:
            readings.setdefault(key[0], []).append(" " + key[2:])
        tags = values["tags"] or ()
        text = "\x1f".join((name, company, province, city, values["notes"] or "", *tags))
        intent, funding = values["intent"], values["funding"]
        credit, has_project = values["credit"], values["has_project"]
        quadrant = quadrant_of(intent, funding, threshold) or 0
        rank = (_PLACE_ORDER[quadrant], bucket(self.store.next_contact(lead_id), now),
                -priority(intent, funding, credit, has_project), lead_id)
        return Entry(
            lead_id=lead_id,
            name=name.lower(),
            text=text.lower(),
            place=f"{province}\x1f{city}".lower(),
            readings={kind: tuple(lines) for kind, lines in readings.items()},
            phones=tuple(phone_digits(p) for p in values["phones"] or ()),
            choices=(quadrant, values["source"], credit, bool(has_project), values["stage"],
                     values["status"], intent, funding),
            rank=rank,
            commonness=surname_rank(name),
        )

    def _put(self, lead_id: int, entry: Entry | None) -> int | None:
        """Take in a lead's entry (None: the lead is gone); its slot."""
        slot = self.slot_of.get(lead_id)
        if slot is None:
            if entry is None:
                return None
            slot = self.slot_of[lead_id] = self._new_slot(lead_id)
        self.choices.put(slot, None if entry is None else entry.choices)
        if entry is None:
            self._gone.add(slot)
        else:
            self._gone.discard(slot)
            self._columns.put(slot, entry.rank, entry.commonness)
            for by, order in list(self._orders.items()):
                order.unsorted.add(slot)
                if len(order.unsorted) > REJOIN_AFTER:
                    del self._orders[by]
        if self._base is not None:
            self._stale.add(slot)
            self._fresh[slot] = entry
            self._layers = None
        return slot

    def _new_slot(self, lead_id: int) -> int:
        taken = self.choices
        if lead_id == len(taken) and near_enough(lead_id, len(self.slot_of)):
            taken.grow(lead_id + 1)  # the usual case: the next id, the next slot
            return lead_id
        if lead_id >= len(taken) and near_enough(lead_id, len(self.slot_of)):
            taken.grow(lead_id + 1)
        if 0 <= lead_id < len(taken) and not taken.held(lead_id) \
                and lead_id not in self._lead_of and lead_id not in self._gone:
            return lead_id
        # An id far beyond the others, or whose slot is taken: the next free one.
        self.slots_are_ids = False
        slot = len(taken)
        taken.grow(slot + 1)
        self._lead_of[slot] = lead_id
        return slot

    def lead_id(self, slot: int) -> int:
        """The lead in ``slot``."""
        return self._lead_of.get(slot, slot)

    def texts(self) -> list[str]:
        """Each lead's searched text (name, company, region, notes, tags),
        as one line, for measuring against a plain scan."""
        assert self._base is not None, "built before it is read"
        text_of = {slot: entry.text for slot, entry in self._fresh.items() if entry is not None}
        for line, slots in self._base["text"].grouped(self._stale):
            text_of.update(dict.fromkeys(slots, line))
        return [text_of[slot] for slot in sorted(text_of)]  # in the leads' order

    # ------------------------------------------------------------ changes
    def _note_change(self, table: str, obj_id: int, lead_id: int | None) -> None:
        # Called by the store on the thread that writes; applied at the next search.
        if lead_id is not None:
            with self._lock:
                self._changed.add(lead_id)

    def catch_up(self) -> None:
        """Apply the changes the store made since the last search."""
        with self._lock:
            changed, self._changed = self._changed, set()
        now = self.store.now()
        for lead_id in changed:
            present = lead_id in self.store.leads
            try:
                self._put(lead_id, self._entry(lead_id, now) if present else None)
            except KeyError:
                self._note_change("leads", lead_id, lead_id)

    # ------------------------------------------------------------ reading
    def lines(self, kind: str) -> Lines | LayeredLines:
        """The joined texts of one kind: ``text`` (``latin text``: those with a
        Latin letter or a digit), ``names``, ``phone``, ``place``,
        ``whole`` (each pinyin of a name without spaces), a reading kind,
        :data:`LATER_NAME`, ``whole_readings`` or ``exact_names``."""
        return self._layered()[kind]

    def whole_readings(self) -> Union:
        """Each distinct pinyin of a name or a place without spaces, and its slots."""
        return self._layered()["whole_readings"]

    def exact_names(self) -> Union:
        """Each name's whole pinyin and its initials (``zhangsan``, ``zs``), and its slots."""
        return self._layered()["exact_names"]

    def _layered(self) -> Kinds:
        if self._layers is None:
            assert self._base is not None, "built before it is read"
            stale = set(self._stale)
            piles = Piles()
            for slot in sorted(stale):
                entry = self._fresh[slot]
                if entry is not None:
                    piles.add(slot, entry)
            fresh = piles.kinds()
            if not stale:
                self._layers = self._base
            elif len(stale) > REJOIN_AFTER:
                # Joined anew, kind by kind as each is asked for.
                base = self._base
                self._base = with_unions({kind: partial(rejoined_kind, base.later(kind),
                                                         stale, fresh, kind)
                                           for kind in base if kind not in UNIONS})
                self._stale, self._fresh = set(), {}
                self._layers = self._base
            else:
                self._layers = with_unions({kind: partial(layered_kind, self._base, kind, stale,
                                                           fresh)
                                             for kind in self._base if kind not in UNIONS})
        return self._layers

    def _live(self) -> list[int]:
        # Each slot as the one int object kept for it (the store's own id, where
        # the slot is the id), not one counted out afresh: many matches are
        # then the same objects as the board's keys, packed close in memory,
        # and each look-up of one is faster.
        gone = self._gone
        return [slot for slot in self.slot_of.values() if slot not in gone]

    def columns(self) -> Columns:
        """Per slot: the lead's two sort keys, for ranking many matches fast."""
        return self._columns

    def ordering(self, by: str) -> Ordering:
        """The live slots sorted by ``by`` (``ranks`` or ``commons``)."""
        if by not in self._orders:
            self._orders[by] = Ordering(getattr(self._columns, by), self._live())
        return self._orders[by]

    def first(self, by: str, group: set[int], wanted: int | None) -> list[int]:
        """The first ``wanted`` slots of ``group`` (all when None) in ``by`` order."""
        key = getattr(self._columns, by).__getitem__
        if wanted is None or len(group) <= wanted:
            return sorted(group, key=key)
        if len(group) * WALK_FROM < len(self.slot_of):
            return self.ordering(by).smallest(group, wanted)
        return self.ordering(by).first(group, wanted)

    def live_slots(self) -> set[int]:
        return set(self._live())

    def inactive_slots(self) -> set[int]:
        """The slots of leads that are not active (won, lost, set aside):
        few beside the active ones; do not change the set."""
        values = [v for v in self.choices.values("status") if v != "active"]
        return self.slots_where("status", values) if values else set()

    def slots_where(self, field: str, values: Iterable[Any]) -> set[int]:
        """The slots whose ``field`` is one of ``values``; do not change the set."""
        return self.choices.slots_where(field, values)
