"""Turning plan contacts and leads into the plan table's rows, on demand."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from store.grading import quadrant_of
from store.leadstore import LeadStore
from store.model import ContactStatus
from store.plan import checklist_progress
from store.text import visible
from tui.i18n import label, t
from widgets.plan_list import PlanRow

CONTACT_WIDTHS = (11, 10, 4, 10, 12, 5, 8)
LEAD_WIDTHS = (10, 4, 24, 8, 11)


def quadrant_tag(store: LeadStore, lead_id: int, threshold: int | None = None) -> str:
    threshold = store.settings.threshold if threshold is None else threshold
    q = quadrant_of(store.leads_field(lead_id, "intent"), store.leads_field(lead_id, "funding"),
                    threshold)
    return "—" if q is None else f"Q{q}"


def contact_row(store: LeadStore, contact_id: int, now: datetime) -> PlanRow:
    contact = store.contacts[contact_id]
    lead = store.lead(contact.lead_id)
    ticked, total = checklist_progress(store, contact_id)
    if contact.status is not ContactStatus.PLANNED:
        state = "done"
    elif contact.at < now:
        state = "overdue"
    else:
        state = "today" if contact.at.date() == now.date() else ""
    # An overdue plan is named as such, as the export names it (not "planned").
    status = "overdue" if state == "overdue" else contact.status
    cells = (
        contact.at.strftime("%m-%d %H:%M"), lead.name, quadrant_tag(store, lead.id),
        label("method", contact.method), label("purpose", contact.purpose),
        f"{ticked}/{total}" if total else "—", label("contact_status", status),
        lead.company,
    )
    return PlanRow(contact_id, tuple(map(visible, cells)), state)


def lead_row(store: LeadStore, lead_id: int) -> PlanRow:
    lead = store.lead(lead_id)
    cells = (lead.name, quadrant_tag(store, lead_id), lead.company, lead.region,
             ", ".join(lead.phones[:1]), t("plan.no_next"))
    return PlanRow(lead_id, tuple(map(visible, cells)))


class LazyRows(Sequence[PlanRow]):
    """Rows built only when the table draws them, each once: a repaint or a
    cursor step draws them again from what was built."""

    def __init__(self, ids: Sequence[int], build) -> None:
        self._ids = ids
        self._build = build
        self._built: dict[int, PlanRow] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        row = self._built.get(index)
        if row is None:
            row = self._built[index] = self._build(self._ids[index])
        return row
