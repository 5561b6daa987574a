"""The domain: leads, the grades that place them, and what happened to them.

Everything here is plain data. Values that the UI shows are stored as short
English codes (``Credit.GOOD`` is ``"good"``); the UI translates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from store.grades import DEFAULT_THRESHOLD, GRADES, QUADRANTS, Credit, Status  # noqa: F401


class Source(StrEnum):
    """Where a lead came from, as the method lists the channels."""

    WALK_IN = "walk_in"  # own walk-ins and site visits
    FRIEND = "friend"  # a friend's referral
    OWNER = "owner"  # an existing owner's referral
    OPERATOR = "operator"  # a machine operator's referral
    MACHINE_SITE = "machine_site"  # where excavators gather
    PEER = "peer"  # peers in the trade
    EVENT = "event"  # trade show, seminar, meet-up
    OTHER = "other"


class CustomerType(StrEnum):
    INDIVIDUAL = "individual"  # owner-operator buying for own work
    CONTRACTOR = "contractor"  # earthworks or construction firm
    RENTAL = "rental"  # machine rental business
    STATE = "state"  # state-owned or public works unit
    OTHER = "other"


class Stage(StrEnum):
    """The sales visit, in order; the last three are the usual close."""

    FIND = "find"
    ANALYSE = "analyse"
    APPROACH = "approach"
    PROBE = "probe"
    PRESENT = "present"
    OBJECTIONS = "objections"
    CLOSING = "closing"
    AFTER_SALES = "after_sales"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One field changed on a lead: when, which, from what to what, and on
    a team's base who (their database role; empty on a rep's own file)."""

    at: datetime
    field: str
    old: object
    new: object
    rep: str = ""


@dataclass(frozen=True, slots=True)
class Lead:
    """A customer the rep is working on.

    ``intent`` and ``funding`` are 1-5, or ``None`` while the lead is
    ungraded. Leads are immutable: the store replaces them on every change.
    """

    id: int
    name: str
    created: datetime
    updated: datetime
    company: str = ""
    phones: tuple[str, ...] = ()
    province: str = ""
    city: str = ""
    customer_type: CustomerType = CustomerType.OTHER
    source: Source = Source.OTHER
    intent: int | None = None
    funding: int | None = None
    credit: Credit = Credit.UNKNOWN
    has_project: bool = False
    project: str = ""
    models: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    competitor: str = ""
    stage: Stage = Stage.FIND
    status: Status = Status.ACTIVE
    tags: tuple[str, ...] = ()
    notes: str = ""
    reviewed: datetime | None = None
    reason: str = ""  # why it was won, lost or made dormant
    wake: datetime | None = None  # when a dormant lead comes back into the triage queue
    # On a team's base: the rep (database role) whose lead it is; empty for
    # the team's shared pool, and always on a rep's own file.
    owner: str = ""
    history: tuple[HistoryEntry, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)
    # Pinyin readings for search, kept by the store (see store.search.pinyin).
    search_keys: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.has_project and holds_project(self.has_project, self.project):
            object.__setattr__(self, "has_project", True)

    @property
    def graded(self) -> bool:
        return self.intent is not None and self.funding is not None

    @property
    def region(self) -> str:
        """The most specific place we know, as reps name it."""
        return self.city or self.province


def holds_project(has_project: object, project: object) -> bool:
    """A lead holds a project when it is marked so or when the project has a
    name: a rep who names one and leaves the box unticked means it has one."""
    return bool(has_project) or (isinstance(project, str) and bool(project.strip()))


# Fields a user may edit directly; everything else is kept by the store.
EDITABLE_FIELDS = (
    "name",
    "company",
    "phones",
    "province",
    "city",
    "customer_type",
    "source",
    "intent",
    "funding",
    "credit",
    "has_project",
    "project",
    "models",
    "brands",
    "competitor",
    "stage",
    "status",
    "tags",
    "notes",
    "reviewed",
    "reason",
    "wake",
    "extra",
)


class Method(StrEnum):
    """How a contact is made, from light to close."""

    PHONE = "phone"
    SMS = "sms"
    LETTER = "letter"
    VISIT = "visit"
    MEAL = "meal"
    LEISURE = "leisure"
    SEMINAR = "seminar"
    TRADE_SHOW = "trade_show"
    MEET_UP = "meet_up"
    TRIP = "trip"


class Purpose(StrEnum):
    SELL = "sell"
    UPKEEP = "upkeep"  # market upkeep: disputes, orderly channels
    RELATIONSHIP = "relationship"
    INFORMATION = "information"
    ADVISING = "advising"
    AFTER_SALES = "after_sales"


class ContactStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    text: str
    done: bool = False


@dataclass(frozen=True, slots=True)
class Contact:
    """One planned or made contact with a lead, and what it taught."""

    id: int
    lead_id: int
    at: datetime
    method: Method
    purpose: Purpose
    created: datetime
    updated: datetime
    duration_min: int | None = None
    place: str = ""
    checklist: tuple[ChecklistItem, ...] = ()
    status: ContactStatus = ContactStatus.PLANNED
    outcome: str = ""
    went_well: str = ""
    went_wrong: str = ""
    customer_thinking: str = ""
    goal_reached: bool | None = None
    follow_up_id: int | None = None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """What one triage session did, kept for later review."""

    id: int
    started: datetime
    ended: datetime
    queued: int
    counts: dict[str, int] = field(default_factory=dict)
    lost_reasons: dict[str, int] = field(default_factory=dict)  # reason -> leads lost for it


@dataclass(frozen=True, slots=True)
class SavedView:
    """A search the rep named, to filter the board the same way again."""

    id: int
    name: str
    query: str


class MachineStatus(StrEnum):
    WORKING = "working"
    IDLE = "idle"
    FOR_SALE = "for_sale"
    TRADE_IN = "trade_in"  # a candidate for trading in against a new machine
    SCRAPPED = "scrapped"


@dataclass(frozen=True, slots=True)
class Machine:
    """One excavator in the territory, of any brand: the fleet census's record.

    ``owner`` is a lead's id, or None while nobody is known to own it.
    ``tonnes`` is the size class when the rep set it; None means the one the
    model names (see ``store.fleet.size_class``). An empty province and city
    mean the owner's region. Days, not times: a rep knows the day a meter
    was read or a machine seen, and no more.
    """

    id: int
    brand: str
    model: str
    first_seen: date
    last_seen: date
    owner: int | None = None
    tonnes: float | None = None
    year: int | None = None  # of manufacture
    hours: int | None = None  # the hour meter's reading …
    hours_read: date | None = None  # … and the day it was read
    province: str = ""
    city: str = ""
    status: MachineStatus = MachineStatus.WORKING
    condition: str = ""
    owner_says: str = ""  # what the owner says of it
    sources: tuple[Source, ...] = ()  # where we heard of it
    serial: str = ""  # the maker's serial (出厂编号): one number, one machine
    # A machine list's columns we have no field for, under the list's own
    # headers (an import keeps them here when the row names no owner).
    extra: dict[str, str] = field(default_factory=dict)
