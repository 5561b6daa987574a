"""The words the insights show (headings, names of codes) in the interface
language, and the period a rep asked for, read as the date field reads days."""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text

from store.dates import DateInputError
from store.export import Words
from store.insights import Reach, range_span, reach_span
from store.plan import Span
from tui.i18n import label, t


def report_words() -> Words:
    return Words(label=label, heading=lambda name: t(f"report.{name}"))


def report_span(reach: Reach, now: datetime, first: date | None = None,
                last: date | None = None) -> tuple[Span, str]:
    """The whole week, month, quarter or year around ``first`` (today), or
    ``first`` to ``last`` when a last day is given."""
    if last is None:
        return reach_span(reach, now, first), reach.value
    first = first or now.date()
    if last < first:
        raise DateInputError("order", last.isoformat())
    return range_span(first, last, now), "range"


def insights_help() -> Text:
    """The help screen's page on how the insights count (the README says more)."""
    text = Text(t("help.insights") + "\n", style="bold underline")
    text.append(t("insights.help"))
    return text
