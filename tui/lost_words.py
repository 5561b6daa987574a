"""The lost deals in words, one way for the market screen and for
``leadboard market``: prices as intel says them, reasons by the list's names."""

from __future__ import annotations

from collections.abc import Sequence

from store.lost import LostInRegion
from store.market_model import LostDeal, LostReason
from tui.i18n import label, t
from tui.intel_words import price_text


def reason_words(deal: LostDeal) -> str:
    if deal.reason is LostReason.OTHER and deal.why:
        return t("lost.other_text", text=deal.why)
    return label("lost_reason", deal.reason)


def cells(row: LostInRegion) -> tuple[str, ...]:
    """Day, brand, model, price, reason, lead: the section's columns."""
    deal = row.deal
    return (deal.on.isoformat(), deal.brand or t("market.lost.unknown"), deal.model,
            price_text(deal.price), reason_words(deal), row.lead.name)


def headings() -> list[str]:
    return [t(f"market.lost.col.{name}")
            for name in ("on", "brand", "model", "price", "reason", "lead")]


def text_lines(rows: Sequence[LostInRegion]) -> list[str]:
    lines = [t("market.lost.title")]
    for row in rows:
        on, brand, model, _price, reason, lead = cells(row)
        price = price_text(row.deal.price) if row.deal.price is not None else ""
        lines.append("  " + " ".join(t("market.lost.line", on=on, lead=lead, brand=brand,
                                             model=model, price=price, reason=reason).split()))
    if not rows:
        lines.append("  " + t("market.lost.none"))
    return lines


def to_documents(rows: Sequence[LostInRegion]) -> list[dict]:
    """Stable keys, as the rest of ``leadboard market --json``."""
    return [{"id": r.deal.id, "day": r.deal.on.isoformat(), "lead_id": r.lead.id,
             "lead": r.lead.name, "brand": r.deal.brand, "model": r.deal.model,
             "price": r.deal.price, "reason": r.deal.reason.value, "why": r.deal.why,
             "province": r.deal.province, "city": r.deal.city} for r in rows]
