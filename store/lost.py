"""A lead lost, and the deal it went to.

The rep's answer (why, to which brand, which model, at what price) lands on
the lead, its status, reason and competitor each in its history, and as a
lost deal of the market: one change, which one undo takes back whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from store import intel
from store.errors import Invalid
from store.fleet import brand_name
from store.lazy import LazySequence
from store.leadstore import Change, LeadStore
from store.lost_index import Row
from store.market import Owner, owner_of, region_test
from store.market_checks import MAX_PRICE, check_lost_deal
from store.market_model import LostDeal, LostReason
from store.model import Lead, Status

REASON_CODES = frozenset(r.value for r in LostReason)
# 54.5万, 54.5w, 545000, ¥545,000, 545000元: whole yuan or ten-thousands.


@dataclass(frozen=True, slots=True)
class LostAnswer:
    """What the rep said when the lead was lost."""

    reason: LostReason
    reason_text: str  # the reason as the lead keeps it, in the rep's words
    why: str = ""  # the rep's own words; required for OTHER
    brand: str = ""  # the brand that won, when known
    model: str = ""
    price: int | None = None  # yuan


def parse_price(text: str) -> int | None:
    """A price as reps type it (as intel reads it: ``54.5万``, ``545000``,
    ``545,000``, full-width digits) in whole yuan; None when blank."""
    try:
        yuan = intel.parse_price(text)
    except Invalid:
        raise Invalid("price", "price_text", text) from None
    if yuan is not None and not 0 < yuan <= MAX_PRICE:
        raise Invalid("price", "price_range", text)
    return yuan


def lost_fields(answer: LostAnswer) -> dict[str, Any]:
    """The lead's fields the answer changes; a brand named is its competitor."""
    fields: dict[str, Any] = {"status": Status.LOST, "reason": answer.reason_text}
    if answer.brand.strip():
        fields["competitor"] = brand_name(answer.brand)
    return fields


def new_deal(store: LeadStore, lead: Lead, answer: LostAnswer) -> LostDeal:
    """The lost deal of ``lead`` (as it is after the change), checked, not saved."""
    today = store.now().date()
    deal = LostDeal(
        id=store.next_id("lost_deals"), lead_id=lead.id, on=today, reason=answer.reason,
        brand=brand_name(answer.brand) if answer.brand.strip() else "",
        model=" ".join(answer.model.split()), price=answer.price, why=answer.why.strip(),
        province=lead.province, city=lead.city)
    check_lost_deal(deal, today, {lead.id})
    return deal


def deal_change(store: LeadStore, lead: Lead, answer: LostAnswer) -> Change:
    deal = new_deal(store, lead, answer)
    return ("lost_deals", deal.id, None, deal)


def mark_lost(store: LeadStore, lead_id: int, answer: LostAnswer, label: str = "mark_lost",
              **fields: Any) -> Lead:
    """Mark a lead lost with the rep's answer, and any other of its fields
    changed on the way (a form's), as one change."""
    before = store.lead(lead_id)
    after = store.edited(before, **{**fields, **lost_fields(answer)})
    changes: list[Change] = [] if after is before else [("leads", lead_id, before, after)]
    store.commit(label, [*changes, deal_change(store, after, answer)])
    return after


def add_lost_lead(store: LeadStore, name: str, answer: LostAnswer, **fields: Any) -> Lead:
    """A new lead that is already lost (recorded for the market's sake)."""
    lead = store.new_lead(name, **{**fields, **lost_fields(answer)})
    store.commit("add_lead", [("leads", lead.id, None, lead), deal_change(store, lead, answer)])
    return lead


# ------------------------------------------------------------------ reading
@dataclass(frozen=True, slots=True)
class LostInRegion:
    """A lost deal with the lead it was lost with."""

    deal: LostDeal
    lead: Owner

    @property
    def on(self) -> date:
        return self.deal.on


def lost_deals_in(store: LeadStore, region: str = "") -> LostRows:
    """The deals lost in ``region`` (matched as the market matches it), newest
    first; the store keeps each region's asked for as deals and leads change."""
    with store.lost_index() as index:
        return LostRows(store, index.within(region, region_test(region)))


class LostRows(LazySequence[LostInRegion]):
    """Lost deals newest first; each one's lead is read when shown (all
    regions at 100k leads hold thousands, the screen lists a few)."""

    def __init__(self, store: LeadStore, rows: list[Row]) -> None:
        self._store, self._rows = store, rows  # oldest first, as kept: read from the end

    def __len__(self) -> int:
        return len(self._rows)

    def item(self, index: int) -> LostInRegion:
        deal = self._rows[-1 - index][2]
        return LostInRegion(deal, owner_of(self._store, deal.lead_id))


def latest_deals(store: LeadStore) -> dict[int, LostDeal]:
    """Each lead's latest lost deal (a lead lost twice keeps the last answer)."""
    latest: dict[int, LostDeal] = {}
    for deal in store.records("lost_deals").values():
        kept = latest.get(deal.lead_id)
        if kept is None or (deal.on, deal.id) > (kept.on, kept.id):
            latest[deal.lead_id] = deal
    return latest


def reason_name(name: str, label) -> str:
    """A reason as the figures keep it, in words: a code of the list by its
    name (``label(kind, code)``), a reason typed before the list as typed."""
    return label("lost_reason", name) if name in REASON_CODES else name
