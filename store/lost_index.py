"""The lost deals in each region the market asked about, oldest first,
kept as the store changes.

Built at the first question; from then on the store hands it each lost
deal put and each lead put (a lead gone hides its deals, and a deal with
no place of its own is where its lead is). A change moves the one deal in
the regions kept, instead of every deal being read and sorted again
(thousands at 100k leads).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Mapping
from datetime import date

from store.census import Place
from store.market_model import LostDeal

KEPT = 8  # regions kept at once: the few a rep walks through
Row = tuple[date, int, LostDeal]  # in order by the day lost, then as recorded


class LostIndex:
    """``lead_place(lead_id)``: the lead's province and city, None when the
    file holds no such lead."""

    def __init__(self, deals: Mapping[int, LostDeal],
                 lead_place: Callable[[int], Place | None]) -> None:
        self._deals, self._lead_place = deals, lead_place
        self._shown: dict[int, tuple[Place, Row]] = {}  # deals whose lead is in the file
        self._lead_of: dict[int, int] = {}
        self._by_lead: dict[int, set[int]] = {}  # every deal, shown or not
        # Each region kept: its test and its rows in order.
        self._regions: dict[str, tuple[Callable[[Place], bool], list[Row]]] = {}
        for deal in deals.values():
            self._enter(deal)

    def within(self, region: str, inside: Callable[[Place], bool]) -> list[Row]:
        """The region's rows, oldest first: a copy that later changes do not reach."""
        kept = self._regions.pop(region, None)
        if kept is None:
            kept = (inside, sorted(row for place, row in self._shown.values() if inside(place)))
        self._regions[region] = kept  # the newest asked last
        while len(self._regions) > KEPT:
            del self._regions[next(iter(self._regions))]
        return list(kept[1])

    def put_deal(self, deal_id: int) -> None:
        """The deal as it is now (gone when not in the table)."""
        self._leave(deal_id)
        if deal_id in self._deals:
            self._enter(self._deals[deal_id])

    def put_lead(self, lead_id: int) -> None:
        """A lead added, moved or gone: its deals as they are now."""
        for deal_id in list(self._by_lead.get(lead_id, ())):
            self.put_deal(deal_id)

    def _enter(self, deal: LostDeal) -> None:
        self._lead_of[deal.id] = deal.lead_id
        self._by_lead.setdefault(deal.lead_id, set()).add(deal.id)
        lead_place = self._lead_place(deal.lead_id)
        if lead_place is None:
            return
        place = (deal.province, deal.city) if deal.province or deal.city else lead_place
        row = (deal.on, deal.id, deal)
        self._shown[deal.id] = (place, row)
        for inside, rows in self._regions.values():
            if inside(place):
                insort(rows, row)

    def _leave(self, deal_id: int) -> None:
        lead_id = self._lead_of.pop(deal_id, None)
        if lead_id is None:
            return
        deals = self._by_lead[lead_id]
        deals.discard(deal_id)
        if not deals:
            del self._by_lead[lead_id]
        shown = self._shown.pop(deal_id, None)
        if shown is None:
            return
        place, row = shown
        for inside, rows in self._regions.values():
            if inside(place):
                del rows[bisect_left(rows, row[:2])]
