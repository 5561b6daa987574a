"""What the insights hold: plain figures, each with the leads behind it.

Every count keeps the ids of its leads (``leads``), so that the screen can
open the board on exactly the leads a number stands for. Rates are ``None``
when nothing was there to count (no division by zero, no made-up 0 %).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from store.plan import Span

TRAY = 0  # the ungraded leads' place, as on the board
PLACES = (1, 2, 3, 4, TRAY)  # rows and columns of the migration table


def rate(part: int, whole: int) -> float | None:
    """A share as a fraction, rounded so that two runs print the same digits."""
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True, slots=True)
class Scope:
    """Which leads over which stretch of time: the period and, when the board
    was filtered, the ids it showed (``None``: every lead)."""

    span: Span
    period: str  # week, month, quarter, year or range
    now: datetime
    lead_ids: frozenset[int] | None = None
    query: str = ""


@dataclass(frozen=True, slots=True)
class SourceFigures:
    source: str
    found: tuple[int, ...]  # created in the period
    strong: tuple[int, ...]  # of those, in Q1 or Q2 at the period's end
    won: tuple[int, ...]  # won in the period
    lost: tuple[int, ...]  # lost in the period
    median_days_to_win: float | None

    @property
    def strong_share(self) -> float | None:
        return rate(len(self.strong), len(self.found))

    @property
    def win_rate(self) -> float | None:
        return rate(len(self.won), len(self.won) + len(self.lost))


@dataclass(frozen=True, slots=True)
class QuadrantFigures:
    """Leads closed in the period by the quadrant they were in when closed."""

    quadrant: int  # 1-4, or TRAY
    won: tuple[int, ...]
    lost: tuple[int, ...]

    @property
    def win_rate(self) -> float | None:
        return rate(len(self.won), len(self.won) + len(self.lost))


@dataclass(frozen=True, slots=True)
class Migration:
    """Leads by their place at the period's start (row) and end (column)."""

    moves: dict[tuple[int, int], tuple[int, ...]] = field(default_factory=dict)

    def leads(self, source: int, target: int) -> tuple[int, ...]:
        return self.moves.get((source, target), ())

    def count(self, source: int, target: int) -> int:
        return len(self.leads(source, target))


@dataclass(frozen=True, slots=True)
class StageFigures:
    stage: str
    at_end: tuple[int, ...]  # leads at this stage at the period's end
    reached: tuple[int, ...]  # leads that got this far by the period's end
    conversion: float | None  # share of ``reached`` that got to the next stage
    median_days: float | None  # stays in this stage that ended in the period


@dataclass(frozen=True, slots=True)
class WeekActivity:
    start: date  # the Monday
    done: int
    missed: int
    cancelled: int
    planned: int
    overdue: int  # of the planned ones, those already past
    overdue_leads: tuple[int, ...] = ()  # the leads of those

    @property
    def total(self) -> int:
        return self.done + self.missed + self.cancelled + self.planned


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """Contacts of one method or purpose in the period, by their status."""

    code: str
    done: int
    missed: int
    cancelled: int
    planned: int
    leads: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.done + self.missed + self.cancelled + self.planned


@dataclass(frozen=True, slots=True)
class Activity:
    weeks: tuple[WeekActivity, ...]
    by_method: tuple[StatusCounts, ...]
    by_purpose: tuple[StatusCounts, ...]
    active: tuple[int, ...]  # active leads now
    without_next: tuple[int, ...]  # of those, with no planned contact

    @property
    def next_step_share(self) -> float | None:
        return rate(len(self.active) - len(self.without_next), len(self.active))


@dataclass(frozen=True, slots=True)
class GoalRate:
    """Made contacts whose result was recorded, and how many reached their goal."""

    code: str  # a method or a purpose
    reached: tuple[int, ...]  # leads, one per contact
    judged: tuple[int, ...]

    @property
    def rate(self) -> float | None:
        return rate(len(self.reached), len(self.judged))


@dataclass(frozen=True, slots=True)
class Goals:
    by_method: tuple[GoalRate, ...]
    by_purpose: tuple[GoalRate, ...]
    # method by quadrant of the lead at the contact's time: {quadrant: rows}
    by_quadrant: dict[int, tuple[GoalRate, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Share:
    """One bar of a Pareto chart: a reason (or competitor) and its leads."""

    name: str  # "" when none was given
    leads: tuple[int, ...]
    share: float | None
    running: float | None  # this bar and every larger one


@dataclass(frozen=True, slots=True)
class LostDeals:
    lost: tuple[int, ...]
    reasons: tuple[Share, ...]  # largest first
    competitors: tuple[Share, ...]  # only where the competitor is known


@dataclass(frozen=True, slots=True)
class Insights:
    scope: Scope
    as_of: datetime | None
    sources: tuple[SourceFigures, ...]
    quadrants: tuple[QuadrantFigures, ...]
    migration: Migration
    funnel: tuple[StageFigures, ...]
    activity: Activity
    goals: Goals
    lost: LostDeals


SECTIONS = ("sources", "quadrants", "funnel", "activity", "goals", "lost")
