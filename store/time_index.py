"""Contacts in time order, and runs of them handed out as views.

A month's plan at 100k leads is tens of thousands of contacts, of which a
screen shows forty: a run of the index is read where it is shown, not
copied out. A run stays as it was when taken, whatever changes after: the
first change after a run was taken is made to a copy of the index (one
copy per run taken, however many changes follow).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from datetime import datetime

from store.lazy import LazySequence

Key = tuple[datetime, int]  # a contact's time, then its id


class IdRun(LazySequence[int]):
    """The ids of ``keys[start:end]``, read where asked."""

    def __init__(self, keys: list[Key], start: int, end: int) -> None:
        self._keys = keys
        self._start = start
        self._end = max(start, end)

    def __len__(self) -> int:
        return self._end - self._start

    def item(self, index: int) -> int:
        return self._keys[self._start + index][1]

    def key(self, index: int) -> Key:
        return self._keys[self._start + index]

    def up_to(self, key: Key) -> int:
        """How many of the run's keys are at or before ``key``."""
        return bisect_right(self._keys, key, self._start, self._end) - self._start

    def position(self, key: Key) -> int | None:
        """Where ``key`` is in the run, if it is."""
        at = bisect_left(self._keys, key, self._start, self._end)
        return at - self._start if at < self._end and self._keys[at] == key else None


class TimeIndex:
    """(time, id) keys, sorted."""

    def __init__(self, keys: list[Key] | None = None) -> None:
        self._keys = sorted(keys or ())
        self._shared = False  # a run handed out reads the list as it is

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: Key) -> None:
        self._own()
        insort(self._keys, key)

    def discard(self, key: Key) -> None:
        at = bisect_left(self._keys, key)
        if at < len(self._keys) and self._keys[at] == key:
            self._own()
            del self._keys[at]

    def _own(self) -> None:
        if self._shared:
            self._keys = list(self._keys)
            self._shared = False

    def run(self, start: datetime | None, end: datetime | None) -> IdRun:
        """The contacts with ``start <= at < end`` (from the first, to the
        last, where None), as a view."""
        keys = self._keys
        self._shared = True
        first = 0 if start is None else bisect_left(keys, (start, 0))
        last = len(keys) if end is None else bisect_left(keys, (end, 0))
        return IdRun(keys, first, last)

    def ids(self, start: datetime | None, end: datetime | None) -> list[int]:
        """The same, copied out."""
        keys = self._keys
        first = 0 if start is None else bisect_left(keys, (start, 0))
        last = len(keys) if end is None else bisect_left(keys, (end, 0))
        return [i for _at, i in keys[first:last]]
