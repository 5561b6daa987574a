"""Turning leads into what the board's lists show, one visible row at a time."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from store.board import row_fields
from store.lazy import LazySequence
from store.preview import BoardPreview, PreviewLead
from store.text import visible
from tui.i18n import t
from widgets.lead_row import Badge, LeadRow

if TYPE_CHECKING:  # the preview's rows are drawn without the store
    from store.leadstore import LeadStore


def when_text(moment: datetime | None, now: datetime) -> tuple[str, str, str]:
    """A next contact as the board shows it, whether it is late or today,
    and, for a date in another year, the same without the year for a
    narrow row (which marks it)."""
    if moment is None:
        return "", "", ""
    if moment.date() == now.date():
        return moment.strftime("%H:%M"), "overdue" if moment < now else "today", ""
    state = "overdue" if moment < now else ""
    if moment.year != now.year:  # 27-01-06: month and day, the year before them
        return moment.strftime("%y-%m-%d"), state, moment.strftime("%m-%d")
    return moment.strftime("%m-%d"), state, ""


def badges(credit: str, has_project: bool) -> tuple[Badge, ...]:
    credit = credit if credit in ("good", "poor") else "unknown"
    out = [Badge(t(f"badge.credit.{credit}"), credit)]
    if has_project:
        out.append(Badge(t("badge.project"), "project"))
    return tuple(out)


def _wake(store: LeadStore, lead_id: int) -> datetime | None:
    """A dormant lead's day back in the queue (such a lead shows on the
    board only when a search asks for it)."""
    from store.codec import as_time  # loaded with the store; the preview's rows do without

    if store.leads_field(lead_id, "status") != "dormant":
        return None
    return as_time(store.leads_field(lead_id, "wake"))


def lead_row(store: LeadStore, lead_id: int, now: datetime) -> LeadRow:
    name, company, region, credit, has_project = row_fields(store, lead_id)
    when, state, narrow = when_text(store.next_contact(lead_id) or _wake(store, lead_id), now)
    return LeadRow(lead_id, visible(name), visible(company), visible(region), when, state,
                   badges(credit, has_project), narrow)


def preview_row(lead: PreviewLead, now: datetime) -> LeadRow:
    """A row from the board's preview, the same as :func:`lead_row` draws."""
    when, state, narrow = when_text(lead.next_contact, now)
    return LeadRow(lead.lead_id, visible(lead.name), visible(lead.company), visible(lead.region),
                   when, state, badges(lead.credit, lead.has_project), narrow)


class Rows(LazySequence[LeadRow]):
    """Rows a lead list shows, built one at a time as they come on screen."""


class RowCache:
    """The board's rows, kept from one refresh of its lists to the next: a
    move changes one lead's row, not the thirty others on screen.

    A row goes when the store tells of a change to its lead or the lead's
    contacts, and is built anew once the time it shows may read otherwise:
    its next contact falls due, or the day turns."""

    LIMIT = 20_000  # rows the rep has scrolled past; cleared whole when full

    def __init__(self, store: LeadStore) -> None:
        self._store = store
        self._rows: dict[int, tuple[LeadRow, date, datetime | None]] = {}
        store.watch(self._changed)

    def _changed(self, _table: str, _obj_id: int, lead_id: int | None) -> None:
        self._rows.pop(lead_id, None)

    def row(self, lead_id: int) -> LeadRow:
        now = self._store.now()
        kept = self._rows.get(lead_id)
        if kept is not None:
            row, day, due = kept
            if day == now.date() and (due is None or now <= due):
                return row
        row = lead_row(self._store, lead_id, now)
        if len(self._rows) >= self.LIMIT:
            self._rows.clear()
        due = self._store.next_contact(lead_id)
        self._rows[lead_id] = (row, now.date(), due if due is not None and due >= now else None)
        return row


class PlaceRows(Rows):
    """A view over one place's ordered ids, its rows taken from ``rows``
    (see :class:`RowCache`) as they come on screen."""

    def __init__(self, rows: RowCache, ids: list[int]) -> None:
        self._cache = rows
        self._ids = ids

    def __len__(self) -> int:
        return len(self._ids)

    def item(self, index: int) -> LeadRow:
        return self._cache.row(self._ids[index])


class PreviewRows(Rows):
    """A place's rows from the board's preview: as many as the place holds,
    the first ones drawn from the preview, any further ones left blank."""

    def __init__(self, preview: BoardPreview, place: int, now: datetime) -> None:
        self._count = preview.counts.get(place, 0)
        self._rows = [preview_row(lead, now) for lead in preview.rows(place, now)]

    def __len__(self) -> int:
        return self._count

    def item(self, index: int) -> LeadRow:
        return self._rows[index] if index < len(self._rows) else LeadRow(0, "…", "", "")
