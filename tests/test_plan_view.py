"""The plan as the screen reads it: a view of the store's time indexes that
lists what plan_rows lists, row for row, without copying a month out."""

import random
from datetime import timedelta

from store.contacts import reschedule
from store.model import ContactStatus, Method, Purpose
from store.plan import Period, period_span, plan_rows, plan_view
from tests.conftest import NOW

STATUSES = (ContactStatus.PLANNED, ContactStatus.PLANNED, ContactStatus.DONE,
            ContactStatus.MISSED, ContactStatus.CANCELLED)


def many_contacts(store, seeded, count: int = 150) -> list[int]:
    rng = random.Random(5)
    leads, ids = list(seeded.values()), []
    for _ in range(count):
        contact = store.schedule_contact(rng.choice(leads),
                                         NOW + timedelta(minutes=30 * rng.randrange(1, 2400)),
                                         method=Method.VISIT, purpose=Purpose.SELL)
        status = rng.choice(STATUSES)
        if status is not ContactStatus.PLANNED:
            store.update_contact(contact.id, status=status)
        ids.append(contact.id)
    return ids


def test_the_view_lists_what_plan_rows_lists(store, seeded, clock):
    many_contacts(store, seeded)
    clock.advance(days=20)  # some plans are overdue now, some periods wholly past
    now = clock()
    for period in Period:
        for days in (-25, 0, 10, 40):
            span = period_span(period, now, (now + timedelta(days=days)).date())
            view, listed = plan_view(store, span, now), plan_rows(store, span, now)
            assert list(view) == listed.ids and len(view) == len(listed.ids)
            assert len(view.overdue) == len(listed.overdue)
            assert [view.row_of(i) for i in listed.ids] == list(range(len(listed.ids)))


def test_a_view_stays_as_it_was_taken(store, seeded, clock):
    ids = many_contacts(store, seeded, 60)
    clock.advance(days=3)
    now = clock()
    span = period_span(Period.MONTH, now, (now + timedelta(days=15)).date())  # December
    view = plan_view(store, span, now)
    taken = list(view)
    planned = [i for i in ids if store.contacts[i].status is ContactStatus.PLANNED]
    store.update_contact(planned[0], status=ContactStatus.CANCELLED)
    reschedule(store, planned[1], span.start + timedelta(hours=10))
    store.schedule_contact(seeded["张伟"], span.start + timedelta(hours=9), method=Method.PHONE,
                           purpose=Purpose.SELL)
    assert list(view) == taken
    assert list(plan_view(store, span, now)) == plan_rows(store, span, now).ids != taken
