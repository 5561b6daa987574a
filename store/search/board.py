"""The board narrowed to what a search found, fast enough for every key press.

Rebuilding the board's order for a new filter reads every lead (seconds at
100k). A search only ever narrows the board, so the narrowed order is the
full order with the other leads left out: one pass over a list of ids.
Leads the full board does not show (won or lost, found with ``status:``)
need the slow way, through :meth:`BoardIndex.set_filter`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from store.board import BoardIndex, LeadFilter


class NarrowedBoard:
    """A :class:`BoardIndex` with the same reading API, plus :meth:`show_only`."""

    def __init__(self, board: BoardIndex) -> None:
        self.board = board
        self.only: frozenset[int] | None = None
        self._widened = False  # the board itself was filtered to reach hidden leads
        self._usual: frozenset[int] | None = None  # the leads of the unfiltered board
        self.places = board.places

    def show_only(self, lead_ids: frozenset[int] | None) -> None:
        """Show just these leads (None: the whole board), in the board's order."""
        board = self.board
        if self._usual is None and not self._widened:
            self._usual = frozenset().union(*board.places.values())
        usual = self._usual or frozenset()
        if lead_ids is not None and not lead_ids <= usual:
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
            self._usual = None
        only, full = self.only, self.board.places
        self.places = full if only is None else {
            place: [i for i in ids if i in only] for place, ids in full.items()
        }

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
