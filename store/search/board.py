"""The board narrowed to what a search found, fast enough for every key press.

Rebuilding the board's order for a new filter reads every lead (seconds at
100k). A search only ever narrows the board, so the narrowed order is the
full order with the other leads left out. A few matches are sorted by their
place in it; many are picked out of it only as far as the lists are read
(:class:`NarrowedIds`): the board shows a screenful, not ten thousand rows.
Leads the full board does not show (won or lost, found with ``status:``)
need the slow way, through :meth:`BoardIndex.set_filter`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from store.board import BoardIndex, LeadFilter
from store.lazy import LazySequence


# Matches picked out of a place's full order this many ids at a time.
CHUNK = 512
# Fewer matches than one in this many leads are sorted by their place instead.
SORT_BELOW = 64


class NarrowedIds(LazySequence[int]):
    """One place's ids in the board's order with only ``only`` kept, picked
    out of ``full`` as far as they are read. ``count`` is known beforehand."""

    def __init__(self, full: list[int], only: frozenset[int], count: int) -> None:
        self._full, self._only, self._count = full, only, count
        self._picked: list[int] = []
        self._read = 0  # how far into ``full`` the picking has gone

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[int]:
        return (self.item(i) for i in range(self._count))

    def __contains__(self, lead_id: object) -> bool:
        try:
            self.index(lead_id)  # type: ignore[arg-type]
        except ValueError:
            return False
        return True

    def index(self, lead_id: int, start: int = 0, stop: int | None = None) -> int:
        if lead_id in self._only and lead_id not in self._picked:
            picked = len(self._picked)
            while self._more() and lead_id not in self._picked[picked:]:
                picked = len(self._picked)
        return self._picked.index(lead_id, start, self._count if stop is None else stop)

    def item(self, index: int) -> int:
        while index >= len(self._picked):
            self._more()
        return self._picked[index]

    def _more(self) -> bool:
        """Pick out the next chunk; False once the whole order is read."""
        if self._read >= len(self._full):
            return False
        chunk = self._full[self._read:self._read + CHUNK]
        self._picked += filter(self._only.__contains__, chunk)
        self._read += CHUNK
        return True


class NarrowedBoard:
    """A :class:`BoardIndex` with the same reading API, plus :meth:`show_only`."""

    def __init__(self, board: BoardIndex) -> None:
        self.board = board
        self.only: frozenset[int] | None = None
        self._widened = False  # the board itself was filtered to reach hidden leads
        self._usual: frozenset[int] | None = None  # the leads of the unfiltered board
        self._position: dict[int, int] | None = None  # lead -> its index in its place
        self.places: dict[int, Sequence[int]] = board.places

    def prepare(self) -> None:
        """Do now what the first narrowing needs, before the rep starts typing."""
        self.board.prepare_counts()
        self._usual_leads()
        self._positions()

    def _usual_leads(self) -> frozenset[int]:
        """The leads of the board as it usually is (kept while it is widened)."""
        if self._usual is None and not self._widened:
            self._usual = frozenset().union(*self.board.places.values())
        return self._usual or frozenset()

    def _positions(self) -> dict[int, int]:
        if self._position is None:
            self._position = {i: at for ids in self.board.places.values()
                              for at, i in enumerate(ids)}
        return self._position

    def show_only(self, lead_ids: frozenset[int] | None, active_only: bool = False) -> None:
        """Show just these leads (None: the whole board), in the board's order.
        ``active_only``: none of them is won, lost or set aside, so the board
        as it usually is holds them all, without looking each one up (or
        listing the board's leads again after a move)."""
        board = self.board
        board.prepare_counts()
        if lead_ids is not None and not active_only and not lead_ids <= self._usual_leads():
            board.set_filter(lead_ids.__contains__)  # the slow way, for won or lost leads
            self._widened, self.only = True, None
        else:
            if self._widened:
                board.set_filter(None)
                self._widened = False
            self.only = lead_ids
        self._narrow()

    def _narrow(self, moved: bool = False) -> None:
        if moved:
            self._usual = self._position = None
        only, full = self.only, self.board.places
        if only is None:
            self.places = full
        elif len(only) * SORT_BELOW < sum(map(len, full.values())):
            self.places = self._sorted_by_position(only)
        else:
            counts = self.board.counts_of(only)
            self.places = {place: NarrowedIds(ids, only, counts[place])
                           for place, ids in full.items()}

    def _sorted_by_position(self, only: frozenset[int]) -> dict[int, list[int]]:
        """A few matches: put each in its place and sort by its position there,
        rather than walk the whole board."""
        position = self._positions()
        places: dict[int, list[int]] = {place: [] for place in self.board.places}
        for lead_id in only:
            place = self.board.place_of(lead_id)
            if place is not None:
                places[place].append(lead_id)
        for ids in places.values():
            ids.sort(key=position.__getitem__)
        return places

    def place_of(self, lead_id: int) -> int | None:
        if self.only is not None and lead_id not in self.only:
            return None
        return self.board.place_of(lead_id)

    def count(self, place: int) -> int:
        return len(self.places[place])

    def refresh(self, lead_ids: Iterable[int]) -> None:
        self.board.refresh(lead_ids)
        self._narrow(moved=True)

    def rebuild(self, now: datetime | None = None) -> None:
        self.board.rebuild(now)
        self._narrow(moved=True)

    def set_filter(self, shown: LeadFilter | None) -> None:
        self.only, self._widened = None, False
        self.board.set_filter(shown)
        self._narrow(moved=True)

    def tick(self, now: datetime) -> bool:
        moved = self.board.tick(now)
        if moved:
            self._narrow(moved=True)
        return moved
