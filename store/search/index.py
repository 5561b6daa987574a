"""The search index: what search reads of each lead, kept compact in memory.

Every lead has a *slot*: its id, unless ids run far apart (``store/ids.py``,
:meth:`SearchIndex.lead_id`), so that what a search finds is the set of
leads with no look-up per lead. Texts that are searched with a pattern are
joined, one line per distinct text, into one big string per kind, so that a
key press scans 100,000 leads inside the regular-expression engine instead
of in a Python loop; the joined texts are also where the texts are kept, as
the index holds no object per lead (a hundred thousand of them held several
times what the file takes on disk). Fields that filters ask about are kept
as value -> slots, in arrays of numbers. The index reads raw stored fields
(most leads are never built), follows every change the store makes, and
catches up at the next search: the changed leads' old lines are set aside
and their new ones searched beside the rest (:class:`LayeredLines`), so a
change costs a search its own leads.
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
from itertools import chain, filterfalse, groupby, islice
from operator import itemgetter, methodcaller
from typing import TYPE_CHECKING, Any

from store.collector import collector_paused, give_back_memory
from store.grading import bucket, priority, quadrant_of
from store.ids import near_enough
from store.search.pinyin import COMPANY, NAME, REGION, search_keys, surname_rank

if TYPE_CHECKING:  # the store imports search's pinyin keys: no cycle at run time
    from store.leadstore import LeadStore

_NOT_DIGIT = re.compile(r"\D")
_LATIN = re.compile(r"[a-z0-9]")
_LATIN_LINE = re.compile(r"\n([^\n]*[a-z0-9][^\n]*)")
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
# Filter values' slots kept as sets between searches (a rep types on with the
# same filter): the last few asked for.
KEPT_SETS = 8
# Lines joined into the text a batch at a time, rather than all held apart.
BATCH = 4096
# Lines piled up as leads are read, then joined, this many at a time (see Pile).
PART = 8192


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


class Lines:
    """Many short texts joined into one string, each distinct text once, with
    the slots that hold it.

    Leads share texts (a city, a common name, a company met twice): each is
    searched once, however many leads hold it. Every line starts after a
    newline, so a pattern may begin with ``\n`` to match at line starts only;
    a pattern's group 1 is where the match begins.

    The lines are in sorted order, so the lines that start with a given text
    are side by side: a look-up by binary search, and a pattern that must
    start with that text need only be run over them.

    Lines are numbered from 1: ``bisect_right(starts, offset)`` is the number
    of the line an offset falls in. Where each starts is an array of numbers
    and each line's first slot are arrays of numbers too: the
    lines held by more than one lead keep the others in ``rest``, one line
    after another.
    Matches are turned into slots by ``map`` rather than a Python loop: a
    letter or two may match thousands of lines.
    """

    __slots__ = ("text", "starts", "first", "rest", "rest_ends", "shared", "has_rest", "_keys")

    def __init__(self, grouped: Iterable[tuple[str, list[int]]]) -> None:
        """From each distinct line, in sorted order, and its slots (one or more)."""
        pieces: list[str] = []
        batch: list[str] = []
        self.starts = array("i")
        self.first = array("i", [-1])
        # The other slots of every line, one line after another: line k's
        # from rest_ends[k - 1] to rest_ends[k]; the lines that have any, in
        # order and as a flag per line.
        self.rest = array("i")
        self.rest_ends = array("i", [0])
        self.shared = array("i")
        self.has_rest = bytearray(1)
        at = 1
        for number, (line, slots) in enumerate(grouped, 1):
            self.starts.append(at)
            at += len(line) + 1
            batch.append(line)
            if len(batch) == BATCH:
                pieces.append("\n".join(batch) + "\n")
                batch = []
            self.first.append(slots[0])
            self.has_rest.append(len(slots) > 1)
            if len(slots) > 1:
                self.rest.extend(islice(slots, 1, None))
                self.shared.append(number)
            self.rest_ends.append(len(self.rest))
        if batch:
            pieces.append("\n".join(batch) + "\n")
        self.starts.append(at)  # one past the last line, for its end
        self.text = "\n" + "".join(pieces) if pieces else "\n\n"
        self._keys: list[str] | None = None

    def __len__(self) -> int:
        return len(self.starts) - 1

    def _line(self, at: int) -> str:
        """Line ``at``, counted from 0."""
        return self.text[self.starts[at]:self.starts[at + 1] - 1]

    def keys(self) -> list[str]:
        """Every line; each a string of its own, kept once asked for: near
        misses are looked for among them at many key presses (rarely: only
        the whole pinyin of names and places is asked)."""
        if self._keys is None:
            self._keys = self.text[1:-1].split("\n") if len(self) else []
        return self._keys

    def _find(self, text: str) -> int:
        """Where ``text`` is or would go among the lines (counted from 0)."""
        if self._keys is not None:  # at hand: the look-up runs in C
            return bisect_left(self._keys, text)
        return bisect_left(range(len(self)), text, key=self._line)

    def __contains__(self, text: str) -> bool:
        at = self._find(text)
        return at < len(self) and self._line(at) == text

    def _slots_of(self, number: int) -> list[int]:
        return [self.first[number],
                *self.rest[self.rest_ends[number - 1]:self.rest_ends[number]]]

    def grouped(self, leaving: set[int] | frozenset[int] = frozenset()
                ) -> Iterator[tuple[str, list[int]]]:
        """Each line and its slots, but for those ``leaving``, in order (a
        line at a time: the lines are not all held apart at once)."""
        for number in range(1, len(self) + 1):
            slots = self._slots_of(number)
            if leaving:
                slots = [slot for slot in slots if slot not in leaving]
            if slots:
                yield self._line(number - 1), slots

    def picked(self, pattern: re.Pattern[str]) -> Lines:
        """The lines ``pattern`` is found in (its group 1 the whole line), with their slots."""
        line_of = partial(bisect_right, self.starts)

        def found() -> Iterator[tuple[str, list[int]]]:
            for match in pattern.finditer(self.text):
                yield match[1], self._slots_of(line_of(match.start(1)))
        return Lines(found())

    def _owners_of(self, numbers: set[int]) -> set[int]:
        """The slots of these lines."""
        found = set(map(self.first.__getitem__, numbers))
        if not self.shared:
            return found
        # The lines with other slots too: each way round as it is cheaper, in C.
        if len(self.shared) < len(numbers):
            shared: Iterable[int] = numbers.intersection(self.shared)
        else:
            shared = filter(self.has_rest.__getitem__, numbers)
        rest, ends = self.rest, self.rest_ends
        for number in shared:
            found.update(rest[ends[number - 1]:ends[number]])
        return found

    def _owners_in(self, lo: int, hi: int) -> set[int]:
        """The slots of lines lo to hi - 1 (counted from 0)."""
        found = set(self.first[lo + 1:hi + 1])
        found.update(self.rest[self.rest_ends[lo]:self.rest_ends[hi]])
        return found

    def _range(self, start: str) -> tuple[int, int]:
        """The lines that start with ``start``: from the first to one past the last."""
        return self._find(start), self._find(start + _LAST_CHAR)

    def slots_starting(self, text: str) -> set[int]:
        """The slots of lines that start with ``text``."""
        return self._owners_in(*self._range(text))

    def slots_equal(self, text: str) -> set[int]:
        at = self._find(text)
        if at < len(self) and self._line(at) == text:
            return self._owners_in(at, at + 1)
        return set()

    def get(self, text: str, default: Iterable[int] = ()) -> set[int]:
        """The slots of the line that is ``text``, as a mapping would give them."""
        return self.slots_equal(text)

    def slots(self, pattern: re.Pattern[str]) -> set[int]:
        line_of = partial(bisect_right, self.starts)
        return self._owners_of(set(map(line_of, map(_MATCH_START, pattern.finditer(self.text)))))

    def slots_at_start(self, pattern: re.Pattern[str], start: str = "", sure: str = "",
                       known: bool = False) -> set[int]:
        """Like :meth:`slots` for a pattern that only matches at line starts:
        a look-up instead of a search for the line, many times faster. When
        every match starts with ``start``, only the lines that do are searched.
        Lines that start with ``sure`` (which starts with ``start``) match
        whatever follows: they are taken whole, side by side as they are (or
        left out when ``known``: the caller has them already), and the
        pattern is run over the others alone."""
        lo, hi = self._range(start) if start else (0, len(self))
        if lo == hi:
            return set()
        if not sure:
            return self._matched(pattern, lo, hi)
        sure_lo, sure_hi = self._range(sure)
        found = set() if known else self._owners_in(sure_lo, sure_hi)
        for first, past in ((lo, sure_lo), (sure_hi, hi)):
            if first < past:
                found |= self._matched(pattern, first, past)
        return found

    def _matched(self, pattern: re.Pattern[str], lo: int, hi: int) -> set[int]:
        """The slots of lines lo to hi - 1 that ``pattern`` matches from their start."""
        # From the newline before line lo to the one after line hi - 1.
        found = map(_MATCH_START, pattern.finditer(self.text, self.starts[lo] - 1,
                                                   self.starts[hi]))
        return self._owners_of(set(map(partial(bisect_right, self.starts), found)))

    def slots_and_starts(self, pattern: re.Pattern[str]) -> tuple[set[int], set[int]]:
        """In one pass: the slots of lines the pattern is found in, and of
        those it is found in from the line's start."""
        text, line_of = self.text, partial(bisect_right, self.starts)
        starts = list(map(_MATCH_START, pattern.finditer(text)))
        at_start = [at for at in starts if text[at - 1] == "\n"]
        return (self._owners_of(set(map(line_of, starts))),
                self._owners_of(set(map(line_of, at_start))))


class Union:
    """Kinds of lines read as one for look-ups by the whole line: a name's
    whole pinyin is also one of its exact keys and of its whole readings,
    held once for all three."""

    def __init__(self, *parts: Lines | LayeredLines) -> None:
        self.parts = parts
        self._keys: list[str] | None = None

    def slots_equal(self, text: str) -> set[int]:
        return set().union(*(part.slots_equal(text) for part in self.parts))

    def get(self, text: str, default: Iterable[int] = ()) -> set[int]:
        return self.slots_equal(text)

    def keys(self) -> list[str]:
        """Every line of each part (a line in two parts is there twice)."""
        if self._keys is None:
            self._keys = list(chain.from_iterable(part.keys() for part in self.parts))
        return self._keys


# Kinds that are others read as one (see Union).
UNIONS = {"whole_readings": ("whole", "region whole"), "exact_names": ("whole", "initials")}


def _merged(base: Lines, leaving: set[int], fresh: Lines) -> Lines:
    """``base`` without the slots ``leaving``, and ``fresh`` beside it."""
    return _combined([base.grouped(leaving), fresh.grouped()])


def _combined(parts: list[Iterator[tuple[str, list[int]]]]) -> Lines:
    """Lines of several parts, each in order, as one."""
    pairs = heapq.merge(*parts, key=itemgetter(0))
    return Lines((line, [slot for _line, slots in same for slot in slots])
                 for line, same in groupby(pairs, key=itemgetter(0)))


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

    def get(self, text: str, default: Iterable[int] = ()) -> set[int]:
        return self.slots_equal(text)

    def keys(self) -> list[str]:
        base = self.base
        return [*base.keys(), *(key for key in self.fresh.keys() if key not in base)]

    def slots_and_starts(self, pattern: re.Pattern[str]) -> tuple[set[int], set[int]]:
        (old, old_start), (new, new_start) = (self.base.slots_and_starts(pattern),
                                              self.fresh.slots_and_starts(pattern))
        return self._merged(old, new), self._merged(old_start, new_start)

    def _merged(self, old: set[int], new: set[int]) -> set[int]:
        old -= self.stale
        old |= new
        return old


# A rank packed into one number, which sorts as the tuple would: place,
# bucket and 32 - priority in 3, 3 and 6 bits above the lead's id; the
# surname's commonness above all of them for the other order.
_ID_BITS, _RANK_BITS, _COMMON_BITS = 40, 52, 11


def _packed(rank: tuple, commonness: int) -> tuple[int, int] | None:
    """(rank, commonness then rank) as numbers; None if a part does not fit."""
    place, due, less, lead_id = rank
    if not (0 <= place < 8 and 0 <= due < 8 and 0 <= 32 + less < 64
            and 0 <= lead_id < 1 << _ID_BITS and 0 <= commonness < 1 << _COMMON_BITS):
        return None
    packed = (((place << 3 | due) << 6 | 32 + less) << _ID_BITS) | lead_id
    return packed, commonness << _RANK_BITS | packed


def _unpacked(packed: int) -> tuple:
    """A rank as its tuple again (0, never given, for an empty slot)."""
    if not packed:
        return ()
    lead_id = packed & ((1 << _ID_BITS) - 1)
    parts = packed >> _ID_BITS
    return (parts >> 9 & 7, parts >> 6 & 7, (parts & 63) - 32, lead_id)


class Columns:
    """Per slot: the lead's two sort keys, for ranking many matches fast;
    packed into numbers, or as tuples once a lead's rank does not fit."""

    def __init__(self) -> None:
        self.ranks: array | list = array("q")
        self.commons: array | list = array("q")

    def put(self, slot: int, rank: tuple, commonness: int) -> None:
        if slot >= len(self.ranks):
            grow = slot + 1 - len(self.ranks)
            empty = [()] * grow if isinstance(self.ranks, list) else [0] * grow
            self.ranks.extend(empty)
            self.commons.extend(empty)
        packed = _packed(rank, commonness) if isinstance(self.ranks, array) else None
        if packed is None and isinstance(self.ranks, array):
            self._as_tuples()
        if packed is None:
            self.ranks[slot], self.commons[slot] = rank, (commonness, *rank)
        else:
            self.ranks[slot], self.commons[slot] = packed

    def _as_tuples(self) -> None:
        ranks = [_unpacked(packed) for packed in self.ranks]
        self.commons = [(common >> _RANK_BITS, *rank) if rank else ()
                        for common, rank in zip(self.commons, ranks)]
        self.ranks = ranks


class Ordering:
    """Live slots sorted by one of the :class:`Columns` keys, for taking the
    first few of a large set of matches without sorting it. Slots changed
    since the sort are set aside and merged in by their current key."""

    def __init__(self, key: array | list, slots: list[int]) -> None:
        self.key = key
        self.slots = array("i", sorted(slots, key=key.__getitem__))
        self.unsorted: set[int] = set()
        # Each sorted slot's place in the order, to compare as one number
        # rather than as a tuple of five (see smallest).
        self.position = array("i", [0]) * len(key)
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


def _insert(slots: array, slot: int) -> None:
    at = bisect_left(slots, slot)
    if at == len(slots) or slots[at] != slot:
        slots.insert(at, slot)


def _remove(slots: array, slot: int) -> None:
    at = bisect_left(slots, slot)
    if at < len(slots) and slots[at] == slot:
        del slots[at]


class SearchIndex:
    """Build with :meth:`build` (slow at 100k: do it in a worker)."""

    def __init__(self, store: LeadStore) -> None:
        self.store = store
        self.slot_of: dict[int, int] = {}
        self._lead_of: dict[int, int] = {}  # slot -> lead id, where they differ
        self.slots_are_ids = True  # every slot is its lead's id
        # Per slot, which of the choice tuples its lead has (-1: no lead); the
        # choice tuples; and for each field, value -> its slots in order.
        self._choice_of = array("i")
        self._choices: list[tuple] = []
        self._choice_number: dict[tuple, int] = {}
        self.by_value: dict[str, dict[Any, array]] = {f: {} for f in CHOICE_FIELDS}
        self._sets: dict[tuple[str, Any], set[int]] = {}  # some by_value as sets
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
    def build(self, warm: bool = True) -> SearchIndex:
        """Read every lead, joining their texts as they come; with ``warm``,
        join and sort them all now (the app, ahead of the first key).
        Without, each kind of text is joined when a search first asks for it:
        a one-off search joins only the few it needs."""
        now = self.store.now()
        piles = Piles()
        give_back_memory()
        with collector_paused():
            # One pass over the stored fields, the fast way to read every lead;
            # then, one at a time, any the app changed meanwhile (twice: a lead
            # built by the app while we iterate may slip past the first look).
            threshold = self.store.settings.threshold
            try:
                for lead_id, stored in self.store.lead_rows(_FIELDS, _DEFAULTS):
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
        self._put_choices(slot, entry)
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

    def _put_choices(self, slot: int, entry: Entry | None) -> None:
        old = self._choice_of[slot]
        new = -1 if entry is None else self._choice_number.setdefault(entry.choices,
                                                                      len(self._choices))
        if new == len(self._choices):
            self._choices.append(entry.choices)  # type: ignore[union-attr]
        if old == new:
            return
        self._sets.clear()
        if old >= 0:
            for name, value in zip(CHOICE_FIELDS, self._choices[old]):
                _remove(self.by_value[name][value], slot)
        if new >= 0:
            for name, value in zip(CHOICE_FIELDS, self._choices[new]):
                _insert(self.by_value[name].setdefault(value, array("i")), slot)
        self._choice_of[slot] = new

    def _new_slot(self, lead_id: int) -> int:
        taken = self._choice_of
        if lead_id >= len(taken) and near_enough(lead_id, len(self.slot_of)):
            taken.extend([-1] * (lead_id + 1 - len(taken)))
        if 0 <= lead_id < len(taken) and taken[lead_id] < 0 \
                and lead_id not in self._lead_of and lead_id not in self._gone:
            return lead_id
        # An id far beyond the others, or whose slot is taken: the next free one.
        self.slots_are_ids = False
        slot = len(taken)
        taken.append(-1)
        self._lead_of[slot] = lead_id
        return slot

    def lead_id(self, slot: int) -> int:
        """The lead in ``slot``."""
        return self._lead_of.get(slot, slot)

    def texts(self) -> list[str]:
        """Each lead's searched text (name, company, region, notes, tags),
        as one line, for measuring against a plain scan."""
        assert self._base is not None, "built before it is read"
        texts = [line for line, slots in self._base["text"].grouped(self._stale)
                 for _slot in slots]
        return texts + [entry.text for entry in self._fresh.values() if entry is not None]

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
                self._base = _with_unions({kind: partial(_merged_later, base.later(kind),
                                                         stale, fresh, kind)
                                           for kind in base if kind not in UNIONS})
                self._stale, self._fresh = set(), {}
                self._layers = self._base
            else:
                self._layers = _with_unions({kind: partial(_layer, self._base, kind, stale,
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
        values = [v for v in self.by_value["status"] if v != "active"]
        return self.slots_where("status", values) if values else set()

    def slots_where(self, field: str, values: Iterable[Any]) -> set[int]:
        """The slots whose ``field`` is one of ``values``; do not change the set."""
        sets = [self._slots_of(field, getattr(v, "value", v)) for v in values]
        return sets[0] if len(sets) == 1 else set().union(*sets)

    def _slots_of(self, field: str, value: Any) -> set[int]:
        kept = self._sets.pop((field, value), None)
        if kept is None:
            kept = set(self.by_value[field].get(value, ()))
        self._sets[field, value] = kept  # the newest last
        while len(self._sets) > KEPT_SETS:
            del self._sets[next(iter(self._sets))]
        return kept


class Kinds(Mapping[str, Any]):
    """The joined texts by kind, each joined when first asked for."""

    def __init__(self, builders: dict[str, Callable[[], Any]]) -> None:
        self._kinds = tuple(builders)
        # Each builder is let go once used: the last one lets go of the
        # piles they were given.
        self._builders = builders
        self._built: dict[str, Any] = {}

    def __getitem__(self, kind: str) -> Any:
        if kind not in self._built:
            with collector_paused():
                self._built[kind] = self._builders.pop(kind)()
        return self._built[kind]

    def later(self, kind: str) -> Callable[[], Any]:
        """What ``self[kind]`` will give, without joining it now (nor holding
        on to the other kinds, once joined)."""
        if kind in self._built:
            return partial(_given, self._built[kind])
        return partial(self.__getitem__, kind)

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)


def _with_unions(builders: dict[str, Callable[[], Any]]) -> Kinds:
    """Kinds of these builders, and the kinds read as one of them (:data:`UNIONS`)."""
    kinds: Kinds

    def union(parts: tuple[str, ...]) -> Union:
        return Union(*map(kinds.__getitem__, parts))

    kinds = Kinds({**builders, **{kind: partial(union, parts) for kind, parts in UNIONS.items()}})
    return kinds


def _given(value: Any) -> Any:
    return value


def _layer(base: Kinds, kind: str, stale: set[int], fresh: Kinds) -> LayeredLines:
    return LayeredLines(base[kind], stale, fresh[kind])


def _merged_later(base: Callable[[], Lines], stale: set[int], fresh: Kinds, kind: str) -> Lines:
    return _merged(base(), stale, fresh[kind])


class Pile:
    """Lines and their slots as leads are read, in any order; then :class:`Lines`.

    Joined a part at a time as they come, the parts then merged: the lines
    of 100,000 leads held apart, each a string of its own, took as much
    room again as the index itself while it was built."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.slots: list[Any] = []  # a slot, or a list of them
        self.parts: list[Lines] = []

    def add(self, line: str, slots: int | list[int]) -> None:
        self.lines.append(line)
        self.slots.append(slots)
        if len(self.lines) == PART:
            self._join_part()

    def _join_part(self) -> None:
        lines, held = self.lines, self.slots
        self.lines, self.slots = [], []
        order = sorted(range(len(lines)), key=lines.__getitem__)
        self.parts.append(Lines((line, _flat(map(held.__getitem__, same)))
                                for line, same in groupby(order, key=lines.__getitem__)))

    def joined(self) -> Lines:
        if self.lines or not self.parts:
            self._join_part()
        parts, self.parts = self.parts, []
        return parts[0] if len(parts) == 1 else _combined([part.grouped() for part in parts])


def _flat(held: Iterable[int | list[int]]) -> list[int]:
    slots: list[int] = []
    for one in held:
        if isinstance(one, list):
            slots += one
        else:
            slots.append(one)
    return slots


def _by_line(held: dict[str, list[int]]) -> Lines:
    return Lines(sorted(held.items()))


class Piles:
    """Every searched text of the leads read, by kind: the texts each lead
    has of its own are piled up as read; the kinds made of a few texts many
    leads share (a place, a company's pinyin) gathered by text; the kinds
    drawn from others (names' whole pinyin, initials) made from those once
    joined, a text at a time rather than a lead at a time."""

    def __init__(self) -> None:
        self.text, self.names, self.phone, self.name_readings = Pile(), Pile(), Pile(), Pile()
        self.place: dict[str, list[int]] = {}
        self.company: dict[str, list[int]] = {}
        self.region: dict[str, list[int]] = {}

    def add(self, slot: int | None, entry: Entry) -> None:
        if slot is None:
            return
        self.text.add(entry.text, slot)
        self.names.add(entry.name, slot)
        for phone in entry.phones:
            self.phone.add(phone, slot)
        self.place.setdefault(entry.place, []).append(slot)
        for line in entry.readings.get(NAME, ()):
            self.name_readings.add(line, slot)
        for line in entry.readings.get(COMPANY, ()):
            self.company.setdefault(line, []).append(slot)
        for line in entry.readings.get(REGION, ()):
            self.region.setdefault(line, []).append(slot)

    def kinds(self) -> Kinds:
        kinds: Kinds

        def drawn(draw: Callable[[str], Iterable[str]], *sources: str) -> Callable[[], Lines]:
            def join() -> Lines:
                pile = Pile()
                for source in sources:
                    for line, slots in kinds[source].grouped():
                        for key in draw(line):
                            pile.add(key, slots)
                return pile.joined()
            return join

        kinds = _with_unions({
            "text": self.text.joined,
            # Most texts are Chinese alone: a word with a Latin letter or a digit
            # is looked for only in those that have one.
            "latin text": lambda: kinds["text"].picked(_LATIN_LINE),
            "names": self.names.joined,
            "phone": self.phone.joined,
            "place": partial(_by_line, self.place),
            NAME: self.name_readings.joined,
            COMPANY: partial(_by_line, self.company),
            REGION: partial(_by_line, self.region),
            "whole": drawn(_without_spaces, NAME),
            LATER_NAME: drawn(_later_syllables, NAME),
            "region whole": drawn(_without_spaces, REGION),
            "initials": drawn(_initials, NAME),
        })
        return kinds


def _without_spaces(line: str) -> tuple[str]:
    return (line.replace(" ", ""),)


def _initials(line: str) -> tuple[str]:
    return ("".join(syllable[0] for syllable in line.split()),)


def _later_syllables(line: str) -> list[str]:
    """A reading from its second syllable on, from its third, and so on:
    `` zhang san feng`` gives `` san feng`` and `` feng``."""
    out = []
    at = line.find(" ", 1)
    while at > 0:
        out.append(line[at:])
        at = line.find(" ", at + 1)
    return out
