"""The board's rows, kept from one refresh of its lists to the next, and
built anew whenever what they show may read otherwise."""

from __future__ import annotations

from datetime import timedelta

from store.model import Method, Purpose
from tui.rows import RowCache

CALL = {"method": Method.VISIT, "purpose": Purpose.SELL}


def test_a_row_is_kept_until_its_lead_changes(store, seeded):
    rows = RowCache(store)
    lead_id = seeded["张伟"]
    first = rows.row(lead_id)
    assert rows.row(lead_id) is first
    store.edit_lead(lead_id, company="临沂新宏达")
    assert rows.row(lead_id).company == "临沂新宏达"
    assert rows.row(seeded["王强"]).name == "王强"


def test_a_contact_planned_or_falling_due_shows_at_once(store, seeded, clock):
    rows = RowCache(store)
    lead_id = seeded["张伟"]
    assert rows.row(lead_id).when == ""
    store.schedule_contact(lead_id, clock.now + timedelta(hours=2), **CALL)
    row = rows.row(lead_id)
    assert (row.when, row.when_state) == ("12:00", "today")
    clock.advance(hours=2)  # due now, not yet late
    assert rows.row(lead_id) is row
    clock.advance(seconds=1)
    assert rows.row(lead_id).when_state == "overdue"


def test_the_day_turning_rebuilds_the_rows(store, seeded, clock):
    rows = RowCache(store)
    lead_id = seeded["张伟"]
    store.schedule_contact(lead_id, clock.now + timedelta(days=1), **CALL)
    assert (rows.row(lead_id).when, rows.row(lead_id).when_state) == ("11-27", "")
    clock.advance(hours=15)  # past midnight: tomorrow's contact is today's
    assert (rows.row(lead_id).when, rows.row(lead_id).when_state) == ("10:00", "today")


def test_a_lead_deleted_and_a_full_cache_are_no_trouble(store, seeded):
    rows = RowCache(store)
    rows.LIMIT = 3
    kept = [rows.row(lead_id).name for lead_id in seeded.values()]
    assert kept == list(seeded)
    store.delete_lead(seeded["陈静"])
    assert rows.row(seeded["张伟"]).name == "张伟"
