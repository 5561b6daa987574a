"""The contacts by lead and by time: a lead's history and the plans read them.

The board's order needs only each lead's next planned contact, found as the
file is read; these wait for their first question, or are built behind the
board once it is painted (``LeadStore.warm_contacts``): at 100k leads they
were a tenth of a first start.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from store import codec
from store.model import Contact, ContactStatus
from store.time_index import TimeIndex

FIELDS = ("lead_id", "status", "at")  # the stored fields an index is built from
DEFAULTS = (None, ContactStatus.PLANNED.value, None)


class ContactIndex:
    __slots__ = ("by_lead", "by_time", "planned_by_time", "cancelled_by_time")

    def __init__(self, rows: Iterable[tuple[int, Sequence[Any]]]) -> None:
        """From (contact id, its ``FIELDS``) for every contact, in one pass."""
        by_lead: dict[int, set[int]] = {}
        by_time: list[tuple[datetime, int]] = []
        planned: list[tuple[datetime, int]] = []
        cancelled: list[tuple[datetime, int]] = []  # a plan counts them too
        times: dict[Any, datetime | None] = {}  # many contacts share a time: parsed once
        for contact_id, (lead_id, status, at) in rows:
            by_lead.setdefault(lead_id, set()).add(contact_id)
            when = times.get(at)
            if when is None:
                when = times[at] = codec.as_time(at)
            key = (when, contact_id)
            by_time.append(key)
            if status == ContactStatus.PLANNED:
                planned.append(key)
            elif status == ContactStatus.CANCELLED:
                cancelled.append(key)
        self.by_lead = by_lead
        self.by_time = TimeIndex(by_time)
        self.planned_by_time = TimeIndex(planned)
        self.cancelled_by_time = TimeIndex(cancelled)

    def put(self, contact_id: int, old: Contact | None, new: Contact | None) -> None:
        """Keep the index as a contact is added, changed or removed."""
        for contact in (old, new):
            if contact is None:
                continue
            key = (contact.at, contact_id)
            for times, member in ((self.by_time, True),
                                  (self.planned_by_time, contact.status is ContactStatus.PLANNED),
                                  (self.cancelled_by_time,
                                   contact.status is ContactStatus.CANCELLED)):
                if not member:
                    continue
                if contact is new:
                    times.add(key)
                else:
                    times.discard(key)
            ids = self.by_lead.setdefault(contact.lead_id, set())
            if contact is new:
                ids.add(contact_id)
            else:
                ids.discard(contact_id)
