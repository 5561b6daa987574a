"""Market intelligence as the rep reads it: a competitor's models with the
latest price heard for each, and a region's competitor outlets and intel
log. Every price heard stays in the log; the newest by day is the one that
counts (of one day, the one written last).

Also how a price is typed: reps write 54.5万 as often as 545000.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from store.errors import Invalid
from store.fleet import brand_key
from store.leadstore import LeadStore
from store.market import in_region
from store.market_model import Competitor, IntelEntry, ModelPrice, Outlet

WAN = 10_000  # 万


@dataclass(frozen=True, slots=True)
class ModelLine:
    """A model of a competitor's: its price range as profiled, and the
    newest price heard for it (None when the log has none)."""

    model: str
    low: int | None
    high: int | None
    latest: IntelEntry | None


@dataclass(frozen=True, slots=True)
class BrandPresence:
    """A competing brand in a region: its profile if written, its outlets
    and sales staff there, and the day intel was last heard there."""

    brand: str
    profile: Competitor | None
    outlets: int
    staff: int
    last_heard: date | None


@dataclass(frozen=True, slots=True)
class RegionIntel:
    region: str  # as typed; empty: everywhere
    brands: tuple[BrandPresence, ...]  # most sales staff first
    outlets: tuple[Outlet, ...]  # by brand, then city and name
    entries: tuple[IntelEntry, ...]  # newest first


def model_key(model: str) -> str:
    """What two spellings of one model name share: ``xe215da`` is ``XE215DA``."""
    return "".join(unicodedata.normalize("NFKC", model).split()).upper()


def newest_first(entries: Iterable[IntelEntry]) -> list[IntelEntry]:
    return sorted(entries, key=lambda e: (e.on, e.id), reverse=True)


def latest_prices(entries: Iterable[IntelEntry], brand: str) -> dict[str, IntelEntry]:
    """The newest entry with a price for each of ``brand``'s models, by model key."""
    brand = brand_key(brand)
    found: dict[str, IntelEntry] = {}
    for entry in entries:
        if entry.price is None or not entry.model or brand_key(entry.brand) != brand:
            continue
        key = model_key(entry.model)
        held = found.get(key)
        if held is None or (entry.on, entry.id) > (held.on, held.id):
            found[key] = entry
    return found


def profile_of(store: LeadStore, brand: str) -> Competitor | None:
    key = brand_key(brand)
    return next((c for c in store.records("competitors").values()
                 if brand_key(c.brand) == key), None)


def model_lines(store: LeadStore, brand: str) -> tuple[ModelLine, ...]:
    """The profile's models in its order, then models only the log names."""
    latest = latest_prices(store.records("intel").values(), brand)
    profile = profile_of(store, brand)
    lines = [ModelLine(p.model, p.low, p.high, latest.pop(model_key(p.model), None))
             for p in (profile.models if profile else ())]
    lines += [ModelLine(e.model, None, None, e)
              for _key, e in sorted(latest.items())]
    return tuple(lines)


def _at(record: Outlet | IntelEntry, region: str) -> bool:
    return in_region((record.province, record.city), region)


def region_intel(store: LeadStore, region: str = "") -> RegionIntel:
    outlets = sorted((o for o in store.records("outlets").values() if _at(o, region)),
                     key=lambda o: (brand_key(o.brand), o.city, o.name, o.id))
    entries = newest_first(e for e in store.records("intel").values() if _at(e, region))
    return RegionIntel(region, _presence(store, outlets, entries), tuple(outlets),
                       tuple(entries))


def _presence(store: LeadStore, outlets: list[Outlet],
              entries: list[IntelEntry]) -> tuple[BrandPresence, ...]:
    """Every profiled brand, and every other brand with an outlet or intel here."""
    names: dict[str, str] = {}
    for record in (*store.records("competitors").values(), *outlets, *entries):
        names.setdefault(brand_key(record.brand), record.brand)
    profiles = {brand_key(c.brand): c for c in store.records("competitors").values()}
    heard: dict[str, date] = {}
    for entry in entries:  # newest first: the first seen is the last heard
        heard.setdefault(brand_key(entry.brand), entry.on)
    found = []
    for key, brand in names.items():
        here = [o for o in outlets if brand_key(o.brand) == key]
        found.append(BrandPresence(brand, profiles.get(key), len(here),
                                   sum(o.staff or 0 for o in here), heard.get(key)))
    found.sort(key=lambda b: (-b.staff, -b.outlets, b.brand))
    return tuple(found)


def place_of_region(store: LeadStore, region: str) -> tuple[str, str]:
    """A region as typed, as province and city for a new record: a city
    the leads know comes with its province."""
    region = region.strip()
    if not region:
        return "", ""
    for lead in store.leads.values():
        if lead.city == region:
            return lead.province, region
        if lead.province == region:
            return region, ""
    return "", region


# ------------------------------------------------------------ typed values
_PRICE = re.compile(r"(\d+(?:\.\d+)?)(万|w)?")
_RANGE = re.compile(r"\s*(?:-|~|–|—|至|到)\s*")
_MODELS = re.compile(r"[,;，；、\n]")


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().lower()
    for mark in (",", " ", "¥", "￥", "元", "rmb"):
        text = text.replace(mark, "")
    return text


def parse_price(text: str, field: str = "price", wan: bool = False) -> int | None:
    """Whole yuan from ``54.5万``, ``54.5w``, ``545,000``, ``￥545000元`` or
    full-width digits; None when blank. ``wan``: a bare number is in 万 (the
    low end of ``52-58万``)."""
    plain = _plain(text)
    if not plain:
        return None
    found = _PRICE.fullmatch(plain)
    if found is None:
        raise Invalid(field, "number", text.strip())
    amount = Decimal(found[1]) * (WAN if found[2] or wan else 1)  # 54.3万 exactly
    if amount != amount.to_integral_value():
        raise Invalid(field, "whole", text.strip())
    return int(amount)


def parse_models(text: str) -> tuple[ModelPrice, ...]:
    """``XE215DA 52-58万, XE60DA 22万`` as models with their price ranges."""
    models = []
    for part in _MODELS.split(unicodedata.normalize("NFKC", text)):
        if not part.strip():
            continue
        model, _, prices = part.strip().partition(" ")
        low_text, _, high_text = _split_range(prices)
        in_wan = _plain(high_text).endswith(("万", "w"))
        low = parse_price(low_text, "models", wan=in_wan)
        high = parse_price(high_text, "models") if high_text else low
        models.append(ModelPrice(model, low, high))
    return tuple(models)


def _split_range(prices: str) -> tuple[str, str, str]:
    parts = _RANGE.split(prices.strip(), maxsplit=1)
    return (parts[0], "-", parts[1]) if len(parts) == 2 else (parts[0], "", "")


def parse_number(text: str, field: str) -> float | None:
    """A percentage or a count typed in a form (full-width digits, a % sign)."""
    plain = _plain(text).rstrip("%").removesuffix("期").removesuffix("个月")
    if not plain:
        return None
    try:
        return float(plain)
    except ValueError:
        raise Invalid(field, "number", text.strip()) from None


def parse_count(text: str, field: str) -> int | None:
    number = parse_number(text, field)
    if number is None:
        return None
    if not number.is_integer():
        raise Invalid(field, "whole", text.strip())
    return int(number)
