"""The search index: what search reads of each lead, kept compact in memory.

Every lead has a *slot*. Texts that are searched with a pattern are joined,
one line per slot (or per reading), into one big string per kind, so that a
key press scans 100,000 leads inside the regular-expression engine instead
of in a Python loop. Fields that filters ask about are kept as inverted
sets (value -> slots). The index reads raw stored fields (most leads are never
built), follows every change the store makes, and catches up at the next search.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.grading import bucket, priority, quadrant_of
from store.search.pinyin import COMPANY, NAME, REGION, search_keys, surname_rank

if TYPE_CHECKING:  # the store imports search's pinyin keys: no cycle at run time
    from store.leadstore import LeadStore

_NOT_DIGIT = re.compile(r"\D")
# Board order of places: Q1..Q4, then the tray of ungraded leads.
_PLACE_ORDER = {1: 0, 2: 1, 3: 2, 4: 3, 0: 4}
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
    """One lead as search sees it."""

    lead_id: int
    name: str  # lower-case
    text: str  # name, company, region, notes and tags, lower-case, on one line
    place: str  # province and city, lower-case
    readings: dict[str, tuple[str, ...]]  # kind -> pinyin readings
    phones: tuple[str, ...]  # digits only
    choices: dict[str, Any]  # field -> value, for the filters
    rank: tuple  # board order: place, bucket, priority, id
    commonness: int  # of the surname, 0 for the most common
    whole_names: tuple[str, ...]  # each pinyin of the name without spaces


@dataclass(frozen=True, slots=True)
class Columns:
    lead_ids: list[int]
    ranks: list[tuple]  # board order
    commons: list[tuple]  # surname commonness, then board order


class Lines:
    """Many short texts joined into one string, each distinct text once, with
    the slots that hold it.

    Leads share texts (a city, a common name, a company met twice): each is
    searched once, however many leads hold it. Every line starts after a
    newline, so a pattern may begin with ``\n`` to match at line starts only;
    a pattern's group 1 is where the match begins.
    """

    def __init__(self, per_slot: Iterable[tuple[int, Iterable[str]]]) -> None:
        holders: dict[str, list[int]] = {}
        for slot, lines in per_slot:
            for line in lines:
                holders.setdefault(line, []).append(slot)
        self.starts: list[int] = []
        self.owners: list[list[int]] = list(holders.values())
        at = 1
        for line in holders:
            self.starts.append(at)
            at += len(line) + 1
        self.text = "\n" + "\n".join(holders) + "\n"
        self._owners_at = dict(zip(self.starts, self.owners))

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
        """(slot, offset in the line) of each match."""
        starts, owners = self.starts, self.owners
        for found in pattern.finditer(self.text):
            at = found.start(1)
            line = bisect_right(starts, at) - 1
            offset = at - starts[line]
            for slot in owners[line]:
                yield slot, offset

    def slots(self, pattern: re.Pattern[str]) -> set[int]:
        starts, owners = self.starts, self.owners
        found = {bisect_right(starts, m.start(1)) - 1 for m in pattern.finditer(self.text)}
        return set().union(*map(owners.__getitem__, found))

    def slots_at_start(self, pattern: re.Pattern[str]) -> set[int]:
        """Like :meth:`slots` for a pattern that only matches at line starts:
        a look-up instead of a search for the line, many times faster."""
        owners_at = self._owners_at
        return set().union(*(owners_at[m.start(1)] for m in pattern.finditer(self.text)))


class SearchIndex:
    """Build with :meth:`build` (slow at 100k: do it in a worker)."""

    def __init__(self, store: LeadStore) -> None:
        self.store = store
        self.entries: list[Entry | None] = []
        self.slot_of: dict[int, int] = {}
        self.by_value: dict[str, dict[Any, set[int]]] = {f: {} for f in CHOICE_FIELDS}
        self._lines: dict[str, Lines] | None = None
        self._whole: dict[str, list[int]] | None = None
        self._columns: Columns | None = None
        self._exact: dict[str, list[int]] | None = None
        self._changed: set[int] = set()
        self._lock = threading.Lock()
        # Held while building or searching: one search at a time reads the index.
        self.guard = threading.RLock()
        self.built = False
        store.watch(self._note_change)

    # ------------------------------------------------------------ building
    def build(self) -> SearchIndex:
        now = self.store.now()
        # Twice: a lead built by the app while we iterate may slip past the first pass.
        for lead_id in [*self.store.leads, *self.store.leads]:
            if lead_id in self.slot_of:
                continue
            try:
                self._put(lead_id, self._entry(lead_id, now))
            except KeyError:  # changed by the app while we read: catch up later
                self._note_change("leads", lead_id, lead_id)
        self.warm()
        self.built = True
        return self

    def ready(self) -> SearchIndex:
        """The index, built first if need be; safe to call from several threads."""
        with self.guard:
            if not self.built:
                self.build()
        return self

    def warm(self) -> None:
        """Join the texts now, so that the first search does not pay for it."""
        self.lines(NAME)
        self.columns()
        self.exact_names()
        self.whole_readings()

    def _entry(self, lead_id: int, now: Any) -> Entry:
        field = self.store.leads_field
        name, company = field(lead_id, "name", ""), field(lead_id, "company", "")
        province, city = field(lead_id, "province", ""), field(lead_id, "city", "")
        keys = field(lead_id, "search_keys") or search_keys(name, company, province, city)
        readings: dict[str, list[str]] = {NAME: [], COMPANY: [], REGION: []}
        for key in keys:
            readings.setdefault(key[0], []).append(" " + key[2:])
        tags = field(lead_id, "tags", ())
        text = "\x1f".join((name, company, province, city, field(lead_id, "notes", ""), *tags))
        intent, funding = field(lead_id, "intent"), field(lead_id, "funding")
        credit = field(lead_id, "credit", "unknown")
        has_project = field(lead_id, "has_project", False)
        quadrant = quadrant_of(intent, funding, self.store.settings.threshold) or 0
        rank = (_PLACE_ORDER[quadrant], bucket(self.store.next_contact(lead_id), now),
                -priority(intent, funding, credit, has_project), lead_id)
        return Entry(
            lead_id=lead_id,
            name=name.lower(),
            text=text.lower(),
            place=f"{province}\x1f{city}".lower(),
            readings={kind: tuple(lines) for kind, lines in readings.items()},
            phones=tuple(phone_digits(p) for p in field(lead_id, "phones", ())),
            choices={
                "quadrant": quadrant, "source": field(lead_id, "source", "other"),
                "credit": credit, "project": bool(has_project),
                "stage": field(lead_id, "stage", "find"),
                "status": field(lead_id, "status", "active"),
                "intent": intent, "funding": funding,
            },
            rank=rank,
            commonness=surname_rank(name),
            whole_names=tuple(r.replace(" ", "") for r in readings[NAME]),
        )

    def _put(self, lead_id: int, entry: Entry | None) -> None:
        slot = self.slot_of.get(lead_id)
        if slot is not None:
            old = self.entries[slot]
            if old is not None:
                for name, value in old.choices.items():
                    self.by_value[name].get(value, set()).discard(slot)
        elif entry is None:
            return
        else:
            slot = self.slot_of[lead_id] = len(self.entries)
            self.entries.append(None)
        self.entries[slot] = entry
        self._whole = self._exact = self._columns = None
        if entry is not None:
            for name, value in entry.choices.items():
                self.by_value[name].setdefault(value, set()).add(slot)
        self._lines = None

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
    def lines(self, kind: str) -> Lines:
        """The joined texts of one kind: ``text``, ``phone`` or a reading kind."""
        if self._lines is None:
            self._lines = self._join()
        return self._lines[kind]

    def _join(self) -> dict[str, Lines]:
        live = [(slot, e) for slot, e in enumerate(self.entries) if e is not None]
        joined = {
            "text": Lines((slot, (e.text,)) for slot, e in live),
            "phone": Lines((slot, e.phones) for slot, e in live),
            "place": Lines((slot, (e.place,)) for slot, e in live),
            "whole": Lines((slot, e.whole_names) for slot, e in live),
        }
        for kind in (NAME, COMPANY, REGION):
            joined[kind] = Lines((slot, e.readings.get(kind, ())) for slot, e in live)
        return joined

    def whole_readings(self) -> dict[str, list[int]]:
        """Each distinct pinyin of a name or a place without spaces, and its slots."""
        if self._whole is None:
            whole: dict[str, list[int]] = {}
            for slot, e in enumerate(self.entries):
                if e is None:
                    continue
                for line in (*e.readings.get(NAME, ()), *e.readings.get(REGION, ())):
                    whole.setdefault(line.replace(" ", ""), []).append(slot)
            self._whole = whole
        return self._whole

    def exact_names(self) -> dict[str, list[int]]:
        """Each name's whole pinyin and its initials (``zhangsan``, ``zs``), and its slots."""
        if self._exact is None:
            exact: dict[str, list[int]] = {}
            for slot, e in enumerate(self.entries):
                for line in e.readings.get(NAME, ()) if e is not None else ():
                    syllables = line.split()
                    for key in {"".join(syllables), "".join(s[0] for s in syllables)}:
                        exact.setdefault(key, []).append(slot)
            self._exact = exact
        return self._exact

    def columns(self) -> Columns:
        """Per slot: the lead id and its two sort keys, for ranking many matches fast."""
        if self._columns is None:
            live = [e for e in self.entries if e is not None]
            lead_ids: list[int] = [0] * len(self.entries)
            ranks: list[tuple] = [()] * len(self.entries)
            commons: list[tuple] = [()] * len(self.entries)
            for e in live:
                slot = self.slot_of[e.lead_id]
                lead_ids[slot], ranks[slot] = e.lead_id, e.rank
                commons[slot] = (e.commonness, *e.rank)
            self._columns = Columns(lead_ids, ranks, commons)
        return self._columns

    def live_slots(self) -> set[int]:
        return {slot for slot, e in enumerate(self.entries) if e is not None}

    def slots_where(self, field: str, values: Iterable[Any]) -> set[int]:
        """The slots whose ``field`` is one of ``values``; do not change the set."""
        sets = [self.by_value[field].get(getattr(v, "value", v), set()) for v in values]
        return sets[0] if len(sets) == 1 else set().union(*sets)
