"""The market around the leads, beside the fleet census: competitors'
profiles, the dated intel log, competitors' outlets, construction projects
and lost deals. Each is a table of the store, with undo and history like a
lead's.

Prices are whole yuan; a lead's region is kept as province and city, the
way leads keep it. Days, not times, as for machines: a rep knows the day he
heard a price, not the minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from store.model import Source


@dataclass(frozen=True, slots=True)
class ModelPrice:
    """A competitor's model with the price range it sells at."""

    model: str
    low: int | None = None  # yuan
    high: int | None = None


@dataclass(frozen=True, slots=True)
class Competitor:
    """What we know of one competing brand (kept under ``brand_name``)."""

    id: int
    brand: str
    models: tuple[ModelPrice, ...] = ()
    down_payment_pct: int | None = None  # share paid at once, in per cent
    instalment_months: int | None = None
    interest_pct: float | None = None  # yearly
    channels: str = ""  # how it sells: dealers, direct, online …
    strategy: str = ""
    strengths: str = ""
    weaknesses: str = ""


@dataclass(frozen=True, slots=True)
class IntelEntry:
    """One dated piece of market intelligence: a price, terms, a rumour."""

    id: int
    on: date
    brand: str
    text: str
    province: str = ""
    city: str = ""
    model: str = ""
    price: int | None = None  # yuan
    terms: str = ""  # down payment, months, interest, as heard
    source: Source = Source.OTHER
    lead_id: int | None = None  # the lead it was heard from, if any


class Service(StrEnum):
    """What an outlet can do for a machine after the sale."""

    PARTS_AND_REPAIR = "parts_and_repair"
    PARTS = "parts"
    REPAIR = "repair"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Outlet:
    """A competitor's outlet (dealer, branch, service point) in a region."""

    id: int
    brand: str
    name: str
    province: str = ""
    city: str = ""
    address: str = ""
    staff: int | None = None  # sales staff
    service: Service = Service.NONE
    opened: date | None = None


class ProjectStage(StrEnum):
    PLANNED = "planned"
    BIDDING = "bidding"
    STARTED = "started"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class MachineNeed:
    """Machines a project needs: a type, a size class and how many."""

    kind: str  # 挖掘机, 装载机 … as the rep writes it
    tonnes: float | None = None
    count: int = 1


@dataclass(frozen=True, slots=True)
class Project:
    """An investment or construction project in the territory."""

    id: int
    name: str
    province: str = ""
    city: str = ""
    investor: str = ""  # investor or owner
    contractor: str = ""  # main contractor
    stage: ProjectStage = ProjectStage.PLANNED
    start: date | None = None
    months: int | None = None  # expected duration
    scale: str = ""  # e.g. 土方 120万 m³
    needs: tuple[MachineNeed, ...] = ()
    lead_ids: tuple[int, ...] = ()  # leads working on it: contractors, operators


class LostReason(StrEnum):
    """Why a deal went to someone else; the list the lost-deal dialog offers."""

    PRICE = "price"
    FINANCING = "financing"
    BRAND_PREFERENCE = "brand_preference"
    RELATIONSHIP = "relationship"
    DELIVERY = "delivery"
    SERVICE_NETWORK = "service_network"
    PRODUCT_FIT = "product_fit"
    NO_BUDGET = "no_budget"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class LostDeal:
    """A deal lost: to which brand, which model, at what price, and why."""

    id: int
    lead_id: int
    on: date
    reason: LostReason
    brand: str = ""  # the brand that won, when known
    model: str = ""
    price: int | None = None  # yuan
    why: str = ""  # the rep's words; required when the reason is OTHER
    province: str = ""  # the lead's region when it was lost
    city: str = ""
