"""Saying a typed date back to the rep: what it resolved to, or why it could not."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static

from store.dates import DateInputError, parse_when
from store.errors import Invalid, StoreError
from tui.i18n import error_text, t


def show_when(moment: datetime) -> str:
    """``Fri 2026-11-27 09:00`` / ``2026-11-27 周五 09:00``."""
    return t("when.format", weekday=t(f"weekday.{moment.weekday()}"),
             date=moment.strftime("%Y-%m-%d"), time=moment.strftime("%H:%M"))


def resolve(text: str, now: datetime) -> tuple[datetime | None, str]:
    """The moment typed and a line that says it, or None and what went wrong."""
    try:
        moment = parse_when(text, now)
    except DateInputError as exc:
        return None, error_text(exc)
    return moment, t("when.resolved", when=show_when(moment))


def say_plan_time(line: Static, text: str, now: datetime) -> None:
    """Show on ``line`` what a plan's date field resolves to, and say at once
    when that time has passed: the store refuses a new plan in the past."""
    moment, said = resolve(text, now)
    past = moment is not None and moment < now.replace(second=0, microsecond=0)
    line.update(t("when.past", when=show_when(moment)) if past else said)
    line.set_class(past, "-past")


def input_text(moment: datetime) -> str:
    """A moment as the date field shows it, ready to edit."""
    return moment.strftime("%Y-%m-%d %H:%M")


def plan_error(exc: StoreError) -> str:
    """A store error as the plan's forms say it."""
    if isinstance(exc, Invalid) and exc.rule == "past":
        return t("plan.error.past")
    return error_text(exc)
