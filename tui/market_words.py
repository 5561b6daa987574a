"""The market's figures in words, one way for the screen and for
``leadboard market``: band names, shares, the machines due on one line."""

from __future__ import annotations

from store.fleet import size_class, tonnes_text
from store.market import AGE_BANDS, SIZE_BANDS, UNKNOWN, Candidate, Market
from store.model import Machine
from tui.i18n import t

# A list of thousands (all regions at 100k leads) is read by no one and costs
# seconds to fill: the market lists its first rows and says how many there are.
ROWS_SHOWN = 50


def size_names() -> list[str]:
    return [t("market.size", band=key) for key, _ in SIZE_BANDS] + [t("market.unknown")]


def age_names() -> list[str]:
    return [t("market.age", band=key) for key, _ in AGE_BANDS] + [t("market.unknown")]


def band_keys(bands) -> list[str]:
    return [key for key, _ in bands] + [UNKNOWN]


def share_text(share: float) -> str:
    return f"{share:.0%}" if share >= 0.1 or share == 0 else f"{share:.1%}"


def brand_label(brand: str, own: bool) -> str:
    """The own brand marked with a star, not by colour alone."""
    return (t("fleet.own") if own else "") + brand


def where(market: Market) -> str:
    return market.region or t("market.everywhere")


def title(market: Market) -> str:
    return t("market.title", region=where(market), count=market.total, day=market.today)


def due_rule(market: Market) -> str:
    return t("market.due_rule", years=market.replace_age, hours=f"{market.replace_hours:,}")


def machine_text(machine: Machine) -> str:
    parts = [f"{machine.brand} {machine.model}"]
    tonnes = size_class(machine)
    if tonnes is not None:
        parts.append(t("market.tonnes", tonnes=tonnes_text(tonnes)))
    if machine.year is not None:
        parts.append(str(machine.year))
    if machine.hours is not None:
        parts.append(t("fleet.hours", hours=f"{machine.hours:,}"))
    return " ".join(parts)


def candidate_machines(candidate: Candidate) -> str:
    return t("market.sep").join(machine_text(m) for m in candidate.machines)
