"""The board's order of every lead, for ranking many matches fast: each
lead's rank packed into one number (an array of them, not a tuple per lead),
and the leads sorted by it."""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterable
from itertools import filterfalse, islice

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
        ranks = self.ranks
        if slot >= len(ranks):
            empty = [0 if self.packed else ()] * (slot + 1 - len(ranks))
            ranks.extend(empty)
            self.commons.extend(empty)
        packed = _packed(rank, commonness) if self.packed else None
        if packed is not None:
            self.ranks[slot], self.commons[slot] = packed
            return
        if self.packed:
            self._as_tuples()
        self.ranks[slot], self.commons[slot] = rank, (commonness, *rank)

    @property
    def packed(self) -> bool:
        return isinstance(self.ranks, array)

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
