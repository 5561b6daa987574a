"""The texts search runs its patterns over, by kind: many short texts
joined into one string, each distinct text once with the slots of the leads
that hold it, kept in a few strings and arrays of numbers rather than in an
object per text or per lead (those held several times what the file takes
on disk).

A kind is joined from a :class:`Pile` of lines gathered as the leads are
read, a part at a time; the kinds drawn from others (names' whole pinyin,
initials) are made from those once joined. Leads changed since are searched
beside them (:class:`LayeredLines`) until enough have changed to merge them
in (:func:`rejoined_kind`).
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from itertools import chain, groupby, islice
from operator import itemgetter, methodcaller
from typing import TYPE_CHECKING, Any

from store.collector import collector_paused
from store.search.pinyin import COMPANY, NAME, REGION

if TYPE_CHECKING:
    from store.search.index import Entry

_LATIN_LINE = re.compile(r"\n([^\n]*[a-z0-9][^\n]*)")
_MATCH_START = methodcaller("start", 1)
# The kind of lines that hold names' readings from a later syllable on.
LATER_NAME = "later names"
_LAST_CHAR = chr(0x10FFFF)  # sorts after any character a line may go on with
# Lines joined into the text a batch at a time, rather than all held apart.
BATCH = 4096
# Lines piled up as leads are read, then joined, this many at a time (see Pile).
PART = 8192


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
    of the line an offset falls in. Where each line starts and its first
    slot are arrays of numbers; the lines held by more than one lead keep
    the others in ``rest``, one line after another. Matches are turned into
    slots by ``map`` rather than a Python loop: a letter or two may match
    thousands of lines.
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


def with_unions(builders: dict[str, Callable[[], Any]]) -> Kinds:
    """Kinds of these builders, and the kinds read as one of them (:data:`UNIONS`)."""
    kinds: Kinds

    def union(parts: tuple[str, ...]) -> Union:
        return Union(*map(kinds.__getitem__, parts))

    kinds = Kinds({**builders, **{kind: partial(union, parts) for kind, parts in UNIONS.items()}})
    return kinds


def _given(value: Any) -> Any:
    return value


def layered_kind(base: Kinds, kind: str, stale: set[int], fresh: Kinds) -> LayeredLines:
    return LayeredLines(base[kind], stale, fresh[kind])


def rejoined_kind(base: Callable[[], Lines], stale: set[int], fresh: Kinds, kind: str) -> Lines:
    return _merged(base(), stale, fresh[kind])


class Pile:
    """Lines and their slots as leads are read, in any order; then :class:`Lines`.

    ``in_parts``: joined a part at a time as they come, the parts then
    merged: the lines of 100,000 leads held apart, each a string of its own,
    took as much room again as the index itself while it was built. (A
    one-off search joins them whole, and only the kinds it asks for.)"""

    def __init__(self, in_parts: bool = False) -> None:
        self.lines: list[str] = []
        self.slots: list[Any] = []  # a slot, or a list of them
        self.parts: list[Lines] = []
        self.in_parts = in_parts

    def add(self, line: str, slots: int | list[int]) -> None:
        self.lines.append(line)
        self.slots.append(slots)
        if self.in_parts and len(self.lines) == PART:
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

    def __init__(self, in_parts: bool = False) -> None:
        """``in_parts``: see :class:`Pile`."""
        self.text, self.names, self.phone, self.name_readings = (
            Pile(in_parts), Pile(in_parts), Pile(in_parts), Pile(in_parts))
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

        def drawn(draw: Callable[[str], Iterable[str]], source: str) -> Callable[[], Lines]:
            def join() -> Lines:
                pile = Pile()
                for line, slots in kinds[source].grouped():
                    for key in draw(line):
                        pile.add(key, slots)
                return pile.joined()
            return join

        kinds = with_unions({
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
