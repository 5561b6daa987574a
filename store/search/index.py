"""The search index: what search reads of each lead, kept compact in memory.

Every lead has a *slot*, an index into the per-slot lists: its id, unless
ids run far apart (``store/ids.py``, :meth:`SearchIndex.lead_id`), so that what a search finds
is the set of leads with no look-up per lead. Texts that are searched with a
pattern are joined, one line per slot (or per reading), into one big string
per kind, so that a key press scans 100,000 leads inside the regular-expression
engine instead of in a Python loop. Fields that filters ask about are kept as
inverted sets (value -> slots). The index reads raw stored fields (most leads
are never built), follows every change the store makes, and catches up at the
next search: the changed leads' old lines are set aside and their new ones
searched beside the rest (:class:`LayeredLines`), so a change costs a search
its own leads.
"""

from __future__ import annotations

import heapq
import re
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, chain, filterfalse, islice
from operator import methodcaller
from typing import TYPE_CHECKING, Any

from store.collector import collector_paused
from store.foreground import stepping
from store.grading import bucket, priority, quadrant_of
from store.ids import near_enough
from store.search.pinyin import COMPANY, NAME, REGION, search_keys, surname_rank

if TYPE_CHECKING:  # the store imports search's pinyin keys: no cycle at run time
    from store.leadstore import LeadStore

_NOT_DIGIT = re.compile(r"\D")
_LATIN = re.compile(r"[a-z0-9]")
# The stored fields an entry is made of, and their defaults.
_FIELDS = ("name", "company", "province", "city", "search_keys", "tags", "notes", "intent",
           "funding", "credit", "has_project", "phones", "source", "stage", "status")
_DEFAULTS = ("", "", "", "", (), (), "", None, None, "unknown", False, (), "other", "find",
             "active")
# Board order of places: Q1..Q4, then the tray of ungraded leads.
_PLACE_ORDER = {1: 0, 2: 1, 3: 2, 4: 3, 0: 4}
_MATCH_START = methodcaller("start", 1)
# The kind of lines that hold names' readings from a later syllable on.
LATER_NAME = "later names"
_LAST_CHAR = chr(0x10FFFF)  # sorts after any character a line may go on with
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
    ranks: list[tuple]  # board order
    commons: list[tuple]  # surname commonness, then board order


class Lines:
    """Many short texts joined into one string, each distinct text once, with
    the slots that hold it.

    Leads share texts (a city, a common name, a company met twice): each is
    searched once, however many leads hold it. Every line starts after a
    newline, so a pattern may begin with ``\n`` to match at line starts only;
    a pattern's group 1 is where the match begins. Matches are turned into
    slots by ``map`` rather than a Python loop: a letter or two may match
    thousands of lines.

    The lines are in sorted order, so the lines that start with a given text
    are side by side: a look-up by binary search, and a pattern that must
    start with that text need only be run over them.
    """

    def __init__(self, per_slot: Iterable[tuple[int, Iterable[str]]]) -> None:
        holders: dict[str, list[int]] = {}
        for slot, lines in per_slot:
            for line in lines:
                holders.setdefault(line, []).append(slot)
        self.lines = sorted(holders)
        # Most lines belong to one lead: a tuple holds its slot in less room.
        owners = [tuple(holders.pop(line)) for line in self.lines]
        lengths = (len(line) + 1 for line in self.lines[:-1])
        self.starts = list(accumulate(lengths, initial=1))[:len(self.lines)]
        self.text = "\n" + "\n".join(self.lines) + "\n"
        self._owners_at = dict(zip(self.starts, owners))
        # bisect_right(starts, offset) is one past the line's index.
        self._owners_after = [(), *owners]
        # Every line's slots one after another; line i's from _ends[i - 1] to _ends[i]
        # (numbers in an array: a list would hold an object for each).
        self._slots = list(chain.from_iterable(owners))
        self._ends = array("q", [0, *accumulate(map(len, owners))])

    def slots_starting(self, text: str) -> set[int]:
        """The slots of lines that start with ``text``."""
        lo, hi = self._range(text)
        return set(self._slots[self._ends[lo]:self._ends[hi]])

    def slots_equal(self, text: str) -> set[int]:
        at = bisect_left(self.lines, text)
        if at < len(self.lines) and self.lines[at] == text:
            return set(self._slots[self._ends[at]:self._ends[at + 1]])
        return set()

    def _range(self, start: str) -> tuple[int, int]:
        """The lines that start with ``start``: from the first to one past the last."""
        return bisect_left(self.lines, start), bisect_left(self.lines, start + _LAST_CHAR)

    def slots(self, pattern: re.Pattern[str]) -> set[int]:
        line_after = partial(bisect_right, self.starts)
        found = set(map(line_after, map(_MATCH_START, pattern.finditer(self.text))))
        return set().union(*map(self._owners_after.__getitem__, found))

    def slots_at_start(self, pattern: re.Pattern[str], start: str = "", sure: str = "",
                       known: bool = False) -> set[int]:
        """Like :meth:`slots` for a pattern that only matches at line starts:
        a look-up instead of a search for the line, many times faster. When
        every match starts with ``start``, only the lines that do are searched.
        Lines that start with ``sure`` (which starts with ``start``) match
        whatever follows: they are taken whole, side by side as they are (or
        left out when ``known``: the caller has them already), and the
        pattern is run over the others alone."""
        lo, hi = self._range(start) if start else (0, len(self.lines))
        if lo == hi:
            return set()
        if not sure:
            return self._matched(pattern, lo, hi)
        sure_lo, sure_hi = self._range(sure)
        found = set() if known else set(self._slots[self._ends[sure_lo]:self._ends[sure_hi]])
        for first, past in ((lo, sure_lo), (sure_hi, hi)):
            if first < past:
                found |= self._matched(pattern, first, past)
        return found

    def _matched(self, pattern: re.Pattern[str], lo: int, hi: int) -> set[int]:
        """The slots of lines lo to hi - 1 that ``pattern`` matches from their start."""
        # From the newline before line lo to the one after line hi - 1.
        end = self.starts[hi] if hi < len(self.starts) else len(self.text)
        found = map(_MATCH_START, pattern.finditer(self.text, self.starts[lo] - 1, end))
        return set().union(*map(self._owners_at.__getitem__, found))

    def slots_and_starts(self, pattern: re.Pattern[str]) -> tuple[set[int], set[int]]:
        """In one pass: the slots of lines the pattern is found in, and of
        those it is found in from the line's start."""
        starts = list(map(_MATCH_START, pattern.finditer(self.text)))
        found = set(map(partial(bisect_right, self.starts), starts))
        at_start = filter(self._owners_at.__contains__, starts)
        return (set().union(*map(self._owners_after.__getitem__, found)),
                set().union(*map(self._owners_at.__getitem__, at_start)))


class LayeredLines:
    """Lines joined once for every lead, and the lines of the leads changed
    since, joined anew: a change costs a search its own lead, not all of them."""

    def __init__(self, base: Lines, stale: set[int], fresh: Lines) -> None:
        self.base, self.stale, self.fresh = base, stale, fresh

    def slots(self, pattern: re.Pattern[str]) -> set[int]:
        return self._merged(self.base.slots(pattern), self.fresh.slots(pattern))

    def slots_at_start(self, pattern: re.Pattern[str], start: str = "", sure: str = "",
                       known: bool = False) -> set[int]:
        return self._merged(self.base.slots_at_start(pattern, start, sure, known),
                            self.fresh.slots_at_start(pattern, start, sure, known))

    def slots_starting(self, text: str) -> set[int]:
        return self._merged(self.base.slots_starting(text), self.fresh.slots_starting(text))

    def slots_equal(self, text: str) -> set[int]:
        return self._merged(self.base.slots_equal(text), self.fresh.slots_equal(text))

    def slots_and_starts(self, pattern: re.Pattern[str]) -> tuple[set[int], set[int]]:
        (old, old_start), (new, new_start) = (self.base.slots_and_starts(pattern),
                                              self.fresh.slots_and_starts(pattern))
        return self._merged(old, new), self._merged(old_start, new_start)

    def _merged(self, old: set[int], new: set[int]) -> set[int]:
        old -= self.stale
        old |= new
        return old


class Owners:
    """Keys (a whole pinyin, initials) and their slots, layered as :class:`LayeredLines`."""

    def __init__(self, base: dict[str, list[int]], stale: set[int],
                 fresh: dict[str, list[int]]) -> None:
        self.base, self.stale, self.fresh = base, stale, fresh

    def get(self, key: str, default: Iterable[int] = ()) -> list[int]:
        old = self.base.get(key, [])
        if self.stale:
            old = [slot for slot in old if slot not in self.stale]
        return old + self.fresh.get(key, [])

    def keys(self) -> Iterable[str]:
        if not self.fresh:
            return self.base.keys()
        return [*self.base, *(key for key in self.fresh if key not in self.base)]


class Ordering:
    """Live slots sorted by one of the :class:`Columns` keys, for taking the
    first few of a large set of matches without sorting it. Slots changed
    since the sort are set aside and merged in by their current key."""

    def __init__(self, key: list[tuple], slots: list[int]) -> None:
        self.key = key
        self.slots = sorted(slots, key=key.__getitem__)
        self.unsorted: set[int] = set()
        # Each sorted slot's place in the order, to compare as one number
        # rather than as a tuple of five (see smallest).
        self.position = array("l", [0]) * len(key)
        for at, slot in enumerate(self.slots):
            self.position[slot] = at

    def smallest(self, group: set[int], wanted: int) -> list[int]:
        """The first ``wanted`` of ``group``, for a group too small to walk the order for."""
        position = self.position.__getitem__
        if not self.unsorted:
            return heapq.nsmallest(wanted, group, key=position)
        settled = heapq.nsmallest(wanted, group - self.unsorted, key=position)
        late = sorted(group & self.unsorted, key=self.key.__getitem__)
        return list(islice(heapq.merge(settled, late, key=self.key.__getitem__), wanted))

    def first(self, group: set[int], wanted: int) -> list[int]:
        walked: Iterable[int] = filter(group.__contains__, self.slots)
        if not self.unsorted:
            return list(islice(walked, wanted))
        late = sorted(group & self.unsorted, key=self.key.__getitem__)
        walked = filterfalse(self.unsorted.__contains__, walked)
        return list(islice(heapq.merge(walked, late, key=self.key.__getitem__), wanted))


class SearchIndex:
    """Build with :meth:`build` (slow at 100k: do it in a worker)."""

    def __init__(self, store: LeadStore) -> None:
        self.store = store
        self.entries: list[Entry | None] = []
        self.slot_of: dict[int, int] = {}
        self._lead_of: dict[int, int] = {}  # slot -> lead id, where they differ
        self.slots_are_ids = True  # every slot is its lead's id
        self.by_value: dict[str, dict[Any, set[int]]] = {f: {} for f in CHOICE_FIELDS}
        # The texts of every lead, joined once; the slots changed since, and
        # their texts joined anew at the next search (see LayeredLines).
        self._base: Kinds | None = None
        self._stale: set[int] = set()
        self._layers: Kinds | None = None
        self._columns: Columns | None = None
        self._orders: dict[str, Ordering] = {}
        self._changed: set[int] = set()
        self._lock = threading.Lock()
        # Held while building or searching: one search at a time reads the index.
        self.guard = threading.RLock()
        self.built = False
        # While every lead is read: what many entries hold alike (_entry_of).
        self._alike: dict[Any, Any] | None = None
        store.watch(self._note_change)

    # ------------------------------------------------------------ building
    def build(self, warm: bool = True) -> SearchIndex:
        """Read every lead's entry; with ``warm``, join and sort them all now
        (the app, ahead of the first key). Without, each kind of text is
        joined when a search first asks for it: a one-off search joins
        only the few it needs."""
        now = self.store.now()
        with collector_paused():
            # One pass over the stored fields, the fast way to read every lead;
            # then, one at a time, any the app changed meanwhile (twice: a lead
            # built by the app while we iterate may slip past the first look).
            threshold = self.store.settings.threshold
            self._alike = {}
            try:
                for lead_id, stored in stepping(self.store.lead_rows(_FIELDS, _DEFAULTS)):
                    values = dict(zip(_FIELDS, stored))
                    self._put(lead_id, self._entry_of(lead_id, values, now, threshold))
            except RuntimeError:  # the app added or built a lead as we read
                pass
            finally:
                self._alike = None
            for lead_id in [*self.store.leads, *self.store.leads]:
                if lead_id in self.slot_of:
                    continue
                try:
                    self._put(lead_id, self._entry(lead_id, now))
                except KeyError:  # changed by the app while we read: catch up later
                    self._note_change("leads", lead_id, lead_id)
            if warm:
                self.warm()
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
        choices = (quadrant, values["source"], credit, bool(has_project), values["stage"],
                   values["status"], intent, funding)
        # What many leads hold alike (a place, its pinyin, the filter values),
        # held once: entries are replaced, never changed in place.
        alike = {} if self._alike is None else self._alike
        shared = alike.get(choices)
        if shared is None:
            shared = alike[choices] = dict(zip(CHOICE_FIELDS, choices))
        place = f"{province}\x1f{city}".lower()
        lines = {kind: tuple(lines) for kind, lines in readings.items()}
        lines[REGION] = alike.setdefault(lines[REGION], lines[REGION])
        return Entry(
            lead_id=lead_id,
            name=name.lower(),
            text=text.lower(),
            place=alike.setdefault(place, place),
            readings=lines,
            phones=tuple(phone_digits(p) for p in values["phones"] or ()),
            choices=shared,
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
            slot = self.slot_of[lead_id] = self._new_slot(lead_id)
        self.entries[slot] = entry
        if entry is not None:
            for name, value in entry.choices.items():
                self.by_value[name].setdefault(value, set()).add(slot)
        if self._base is not None:
            self._stale.add(slot)
            self._layers = None
            if len(self._stale) > REJOIN_AFTER:
                self._base = None
        self._put_columns(slot, entry)

    def _new_slot(self, lead_id: int) -> int:
        entries = self.entries
        if lead_id >= len(entries) and near_enough(lead_id, len(self.slot_of)):
            entries.extend([None] * (lead_id + 1 - len(entries)))
        if 0 <= lead_id < len(entries) and entries[lead_id] is None \
                and lead_id not in self._lead_of:
            return lead_id
        # An id far beyond the others, or whose slot is taken: the next free one.
        self.slots_are_ids = False
        slot = len(entries)
        entries.append(None)
        self._lead_of[slot] = lead_id
        return slot

    def lead_id(self, slot: int) -> int:
        """The lead in ``slot``."""
        return self._lead_of.get(slot, slot)

    def _put_columns(self, slot: int, entry: Entry | None) -> None:
        columns = self._columns
        if columns is None:
            return
        if slot >= len(columns.ranks):
            grow = slot + 1 - len(columns.ranks)
            columns.ranks.extend([()] * grow)
            columns.commons.extend([()] * grow)
        if entry is not None:
            columns.ranks[slot] = entry.rank
            columns.commons[slot] = (entry.commonness, *entry.rank)
        for by, order in list(self._orders.items()):
            order.unsorted.add(slot)
            if len(order.unsorted) > REJOIN_AFTER:
                del self._orders[by]

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
        ``whole`` (each pinyin of a name without spaces), a reading kind, or
        :data:`LATER_NAME`."""
        return self._layered()[kind]

    def whole_readings(self) -> dict[str, list[int]] | Owners:
        """Each distinct pinyin of a name or a place without spaces, and its slots."""
        return self._layered()["whole_readings"]

    def exact_names(self) -> dict[str, list[int]] | Owners:
        """Each name's whole pinyin and its initials (``zhangsan``, ``zs``), and its slots."""
        return self._layered()["exact_names"]

    def _layered(self) -> Kinds:
        if self._layers is None:
            if self._base is None:
                with collector_paused():
                    self._base, self._stale = _join(self._live()), set()
            if not self._stale:
                self._layers = self._base
            else:
                stale = set(self._stale)
                fresh = _join((slot, self.entries[slot]) for slot in sorted(stale))
                self._layers = Kinds({kind: partial(_layer, self._base, kind, stale, fresh)
                                      for kind in self._base})
        return self._layers

    def _live(self) -> list[tuple[int, Entry]]:
        # Each slot as the one int object kept for it (the store's own id, where
        # the slot is the id), not one counted out afresh: many matches are
        # then the same objects as the board's keys, packed close in memory,
        # and each look-up of one is faster.
        slot_of = self.slot_of
        return [(slot_of[e.lead_id], e) for e in self.entries if e is not None]

    def columns(self) -> Columns:
        """Per slot: the lead's two sort keys, for ranking many matches fast."""
        if self._columns is None:
            size = len(self.entries)
            self._columns = Columns([()] * size, [()] * size)
            self._orders = {}
            for slot, e in stepping(self._live()):
                self._put_columns(slot, e)
        return self._columns

    def ordering(self, by: str) -> Ordering:
        """The live slots sorted by ``by`` (``ranks`` or ``commons``)."""
        if by not in self._orders:
            key = getattr(self.columns(), by)
            self._orders[by] = Ordering(key, [slot for slot, _e in self._live()])
        return self._orders[by]

    def first(self, by: str, group: set[int], wanted: int | None) -> list[int]:
        """The first ``wanted`` slots of ``group`` (all when None) in ``by`` order."""
        key = getattr(self.columns(), by).__getitem__
        if wanted is None or len(group) <= wanted:
            return sorted(group, key=key)
        if len(group) * WALK_FROM < len(self.slot_of):
            return self.ordering(by).smallest(group, wanted)
        return self.ordering(by).first(group, wanted)

    def live_slots(self) -> set[int]:
        return {slot for slot, _e in self._live()}

    def inactive_slots(self) -> set[int]:
        """The slots of leads that are not active (won, lost, set aside):
        few beside the active ones; do not change the set."""
        values = [v for v in self.by_value["status"] if v != "active"]
        return self.slots_where("status", values) if values else set()

    def slots_where(self, field: str, values: Iterable[Any]) -> set[int]:
        """The slots whose ``field`` is one of ``values``; do not change the set."""
        sets = [self.by_value[field].get(getattr(v, "value", v), set()) for v in values]
        return sets[0] if len(sets) == 1 else set().union(*sets)


def _later_syllables(readings: Iterable[str]) -> list[str]:
    """Each reading from its second syllable on, from its third, and so on:
    `` zhang san feng`` gives `` san feng`` and `` feng``."""
    out = []
    for line in readings:
        at = line.find(" ", 1)
        while at > 0:
            out.append(line[at:])
            at = line.find(" ", at + 1)
    return out


class Kinds(Mapping[str, Any]):
    """The joined texts by kind, each joined when first asked for."""

    def __init__(self, builders: dict[str, Callable[[], Any]]) -> None:
        self._kinds = tuple(builders)
        # Each builder is let go once used: the last one lets go of the
        # entries they were given.
        self._builders = builders
        self._built: dict[str, Any] = {}

    def __getitem__(self, kind: str) -> Any:
        if kind not in self._built:
            with collector_paused():
                self._built[kind] = self._builders.pop(kind)()
        return self._built[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)


def _layer(base: Kinds, kind: str, stale: set[int], fresh: Kinds) -> Owners | LayeredLines:
    joined = base[kind]
    return (Owners if isinstance(joined, dict) else LayeredLines)(joined, stale, fresh[kind])


def _join(live: Iterable[tuple[int, Entry | None]]) -> Kinds:
    """Every searched text of these slots, by kind, and the pinyin keys."""
    live = [(slot, e) for slot, e in live if e is not None]

    def lines(text_of: Callable[[Entry], Iterable[str]], only=None) -> Callable[[], Lines]:
        return lambda: Lines((slot, text_of(e)) for slot, e in stepping(live)
                             if only is None or only(e))

    builders: dict[str, Callable[[], Any]] = {
        "text": lines(lambda e: (e.text,)),
        # Most texts are Chinese alone: a word with a Latin letter or a digit
        # is looked for only in those that have one.
        "latin text": lines(lambda e: (e.text,), lambda e: _LATIN.search(e.text)),
        "names": lines(lambda e: (e.name,)),
        "phone": lines(lambda e: e.phones),
        "place": lines(lambda e: (e.place,)),
        "whole": lines(lambda e: e.whole_names),
        LATER_NAME: lines(lambda e: _later_syllables(e.readings.get(NAME, ()))),
        "whole_readings": partial(_whole_readings, live),
        "exact_names": partial(_exact_names, live),
    }
    for kind in (NAME, COMPANY, REGION):
        builders[kind] = lines(partial(_readings_of, kind))
    return Kinds(builders)


def _readings_of(kind: str, entry: Entry) -> tuple[str, ...]:
    return entry.readings.get(kind, ())


def _whole_readings(live: list[tuple[int, Entry]]) -> dict[str, list[int]]:
    """Each name's and place's pinyin without spaces, and its slots."""
    whole: dict[str, list[int]] = {}
    for slot, e in stepping(live):
        for line in (*e.readings.get(NAME, ()), *e.readings.get(REGION, ())):
            whole.setdefault(line.replace(" ", ""), []).append(slot)
    return whole


def _exact_names(live: list[tuple[int, Entry]]) -> dict[str, list[int]]:
    """Each name's whole pinyin and its initials, and their slots."""
    exact: dict[str, list[int]] = {}
    for slot, e in stepping(live):
        for line in e.readings.get(NAME, ()):
            syllables = line.split()
            for key in {"".join(syllables), "".join(s[0] for s in syllables)}:
                exact.setdefault(key, []).append(slot)
    return exact
