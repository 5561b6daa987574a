"""The stretches of time the insights look at: this week, month, quarter or
year (Monday first, as the plan), or from one day to another."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum

from store.dates import week_start
from store.plan import Span, days_span


class Reach(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def _midnight(day: date, now: datetime) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=now.tzinfo)


def _month_after(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def reach_span(reach: Reach, now: datetime, day: date | None = None) -> Span:
    """The week, month, quarter or year that holds ``day`` (today)."""
    day = day or now.date()
    if reach is Reach.WEEK:
        first = week_start(day)
        last = first + timedelta(weeks=1)
    elif reach is Reach.MONTH:
        first = day.replace(day=1)
        last = _month_after(first, 1)
    elif reach is Reach.QUARTER:
        first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        last = _month_after(first, 3)
    else:
        first, last = date(day.year, 1, 1), date(day.year + 1, 1, 1)
    return Span(_midnight(first, now), _midnight(last, now))


def range_span(first: date, last: date, now: datetime) -> Span:
    """From the start of ``first`` to the end of ``last``, both included."""
    return days_span(first, last, now)
