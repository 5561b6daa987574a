"""The words an export shows people (calendar titles, CSV headings), in the
interface language; the store's writers take them as plain functions."""

from __future__ import annotations

from datetime import date, datetime

from store.dates import DateInputError, parse_when
from store.export import Words
from store.plan import Period, Span, days_span, period_span
from tui.i18n import label, t


def _label(kind: str, code: str) -> str:
    if kind == "answer":
        return t(code)
    return label(kind, code)


def export_words() -> Words:
    return Words(label=_label, heading=lambda name: t(f"export.column.{name}"))


def read_day(text: str, now: datetime) -> date:
    """A day typed as the date field takes it (``2026-12-01``, ``today``, ``下周一``)."""
    return parse_when(text, now).date()


def export_span(period: Period, now: datetime, first: date | None = None,
                last: date | None = None) -> tuple[Span, str]:
    """The stretch to export and its kind: a whole period around ``first``
    (today), or from ``first`` to ``last`` when a last day is given."""
    if last is None:
        return period_span(period, now, first), period.value
    first = first or now.date()
    if last < first:
        raise DateInputError("order", last.isoformat())
    return days_span(first, last, now), "range"
