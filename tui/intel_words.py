"""Market intelligence in words, one way for the screens and for
``leadboard market``: prices, terms, outlets and intel entries on one line."""

from __future__ import annotations

from decimal import Decimal

from store.intel import WAN
from store.market_model import Competitor, IntelEntry, ModelPrice, Outlet
from tui.i18n import label, t


def wan(yuan: int) -> str:
    """545000 as ``54.5``: the figure reps say, in 万."""
    return format((Decimal(yuan) / WAN).normalize(), "f")


def price_text(yuan: int | None) -> str:
    if yuan is None:
        return "-"
    if t("intel.price_unit") == "wan":
        return t("intel.price.wan", wan=wan(yuan))
    return t("intel.price.yuan", yuan=f"{yuan:,}")


def range_text(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "-"
    if low is None or high is None or low == high:
        return price_text(low if high is None else high)
    return t("intel.range", low=price_text(low), high=price_text(high))


def models_input(models: tuple[ModelPrice, ...]) -> str:
    """The models as the profile form takes them back: ``XE215DA 52-58万``."""
    parts = []
    for price in models:
        low, high = price.low, price.high if price.high is not None else price.low
        if low is None and high is None:
            parts.append(price.model)
        elif low is None or low == high:
            parts.append(f"{price.model} {wan(high)}万")
        else:
            parts.append(f"{price.model} {wan(low)}-{wan(high)}万")
    return ", ".join(parts)


def terms_text(profile: Competitor | None) -> str:
    """Down payment, months, interest: what the brand's finance offers."""
    if profile is None:
        return "-"
    parts = []
    if profile.down_payment_pct is not None:
        parts.append(t("intel.terms.down", pct=profile.down_payment_pct))
    if profile.instalment_months is not None:
        parts.append(t("intel.terms.months", months=profile.instalment_months))
    if profile.interest_pct is not None:
        parts.append(t("intel.terms.interest", pct=f"{profile.interest_pct:g}"))
    return " · ".join(parts) or "-"


def place_text(province: str, city: str) -> str:
    return city or province or "-"


def staff_text(staff: int | None) -> str:
    return "-" if staff is None else t("intel.staff", count=staff)


def outlet_line(outlet: Outlet) -> str:
    parts = [t("intel.outlet.line", brand=outlet.brand, name=outlet.name,
               place=place_text(outlet.province, outlet.city)),
             staff_text(outlet.staff), label("service", outlet.service)]
    if outlet.opened is not None:
        parts.append(t("intel.outlet.opened", day=outlet.opened.isoformat()))
    return " · ".join(parts)


def entry_line(entry: IntelEntry) -> str:
    what = " ".join(part for part in (entry.brand, entry.model) if part)
    parts = [f"{entry.on.isoformat()} {what}"]
    if entry.price is not None:
        parts.append(price_text(entry.price))
    parts += [text for text in (entry.terms, entry.text) if text]
    return " · ".join(parts) + t("intel.entry.where", place=place_text(entry.province, entry.city))
