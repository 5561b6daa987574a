"""The contact cycle in the store: logging with a follow-up as one change, the
never-without-a-next-step rule, plans by period, and exports."""

import csv
import io
import json
from datetime import datetime, timedelta

import icalendar
import jsonschema
import pytest

from store.contacts import (
    Analysis,
    FollowUp,
    LogEntry,
    Made,
    NextStepMissing,
    log_contact,
    propose_follow_up,
    reschedule,
)
from store.errors import Invalid
from store.export import SCHEMA_FILE, Format, gather, render, write_export
from store.leadstore import LeadStore
from store.model import ChecklistItem, ContactStatus, Method, Purpose, Status
from store.plan import Period, period_span, plan_rows
from tests.conftest import NOW

pytestmark = pytest.mark.both_backends


def plan_one(store, lead_id, days=1, hour=9, **fields):
    at = (NOW + timedelta(days=days)).replace(hour=hour)
    return store.schedule_contact(lead_id, at, method=Method.VISIT, purpose=Purpose.SELL,
                                  **fields)


def test_a_new_plan_in_the_past_is_refused_but_a_made_contact_may_be_logged(store, seeded):
    with pytest.raises(Invalid) as refused:
        store.schedule_contact(seeded["张伟"], NOW - timedelta(hours=1), method=Method.PHONE,
                               purpose=Purpose.SELL)
    assert refused.value.rule == "past"
    follow = FollowUp(NOW + timedelta(days=2), Method.PHONE, Purpose.SELL)
    made = Made(NOW - timedelta(days=1), Method.VISIT, Purpose.INFORMATION)
    logged = log_contact(store, LogEntry(seeded["张伟"], Analysis(outcome="ok"), made=made,
                                         follow_up=follow))
    assert logged.status is ContactStatus.DONE and logged.at == made.at


def test_log_with_analysis_regrade_and_follow_up_is_one_undoable_change(store, seeded, clock):
    lead_id = seeded["王强"]
    planned = plan_one(store, lead_id, days=0, hour=11)
    clock.advance(hours=2)
    follow = FollowUp(NOW + timedelta(days=7), Method.PHONE, Purpose.RELATIONSHIP,
                      checklist=(ChecklistItem("报价单"),))
    analysis = Analysis(outcome="谈得不错", went_well="准备充分", went_wrong="没带计算器",
                        customer_thinking="在等工程款", goal_reached=False)
    logged = log_contact(store, LogEntry(lead_id, analysis, contact_id=planned.id,
                                         lead_fields={"intent": 5}, follow_up=follow))
    assert logged.went_wrong == "没带计算器" and logged.follow_up_id is not None
    next_one = store.contacts[logged.follow_up_id]
    assert next_one.status is ContactStatus.PLANNED and next_one.checklist[0].text == "报价单"
    assert store.next_contact(lead_id) == follow.at
    assert store.lead(lead_id).intent == 5
    store.close()
    again = LeadStore.open(store.location, clock=clock)
    assert again.contacts[planned.id].customer_thinking == "在等工程款"
    assert again.undo_label == "log_contact"
    again.undo()
    assert again.contacts[planned.id].status is ContactStatus.PLANNED
    assert logged.follow_up_id not in again.contacts
    assert again.lead(lead_id).intent == 4
    again.close()


def test_never_without_a_next_step(store, seeded):
    lead_id = seeded["李娜"]
    planned = plan_one(store, lead_id)
    entry = LogEntry(lead_id, Analysis(outcome="见到了"), contact_id=planned.id)
    with pytest.raises(NextStepMissing):
        log_contact(store, entry)
    assert store.contacts[planned.id].status is ContactStatus.PLANNED  # nothing saved
    # Won, lost or dormant leads need no next contact.
    won = LogEntry(lead_id, Analysis(goal_reached=True), contact_id=planned.id,
                   lead_fields={"status": Status.WON})
    log_contact(store, won)
    assert store.lead(lead_id).status is Status.WON
    assert lead_id not in store.unplanned


def test_another_planned_contact_counts_as_the_next_step(store, seeded):
    lead_id = seeded["李娜"]
    first, _second = plan_one(store, lead_id, days=1), plan_one(store, lead_id, days=5)
    log_contact(store, LogEntry(lead_id, Analysis(), contact_id=first.id))
    assert store.next_contact(lead_id) == _second.at


def test_follow_up_date_follows_the_quadrants_cadence(store, seeded):
    after = NOW
    assert propose_follow_up(store, seeded["张伟"], after).date() == (NOW + timedelta(7)).date()
    assert propose_follow_up(store, seeded["刘洋"], after).date() == (NOW + timedelta(14)).date()
    assert propose_follow_up(store, seeded["陈静"], after).date() == (NOW + timedelta(30)).date()
    store.update_settings(cadence_days={1: 3, 2: 7, 3: 14, 4: 60})
    assert propose_follow_up(store, seeded["张伟"], after).date() == (NOW + timedelta(3)).date()


def test_plan_rows_put_overdue_first_then_by_time_and_skip_cancelled(store, seeded, clock):
    late = plan_one(store, seeded["张伟"], days=0, hour=11)
    tomorrow = plan_one(store, seeded["王强"], days=1, hour=9)
    early = plan_one(store, seeded["李娜"], days=0, hour=12)
    dropped = plan_one(store, seeded["刘洋"], days=2)
    store.update_contact(dropped.id, status=ContactStatus.CANCELLED)
    next_week = plan_one(store, seeded["陈静"], days=4)  # Monday 30 November
    clock.advance(hours=1, minutes=30)  # 11:30: the 11:00 one is late
    now = clock()
    week = plan_rows(store, period_span(Period.WEEK, now), now)
    assert week.ids == [late.id, early.id, tomorrow.id]
    month = plan_rows(store, period_span(Period.MONTH, now), now)
    assert month.ids == [late.id, early.id, tomorrow.id, next_week.id]
    day = plan_rows(store, period_span(Period.DAY, now), now)
    assert day.ids == [late.id, early.id]
    reschedule(store, late.id, now + timedelta(days=1))
    assert plan_rows(store, period_span(Period.DAY, now), now).ids == [early.id]


def test_unplanned_leads_are_kept_up_to_date(store, seeded):
    assert seeded["张伟"] in store.unplanned
    contact = plan_one(store, seeded["张伟"])
    assert seeded["张伟"] not in store.unplanned
    store.update_contact(contact.id, status=ContactStatus.CANCELLED)
    assert seeded["张伟"] in store.unplanned
    store.edit_lead(seeded["张伟"], status=Status.DORMANT)
    assert seeded["张伟"] not in store.unplanned


@pytest.fixture
def planned_week(store, seeded):
    plan_one(store, seeded["张伟"], days=1, place="临沂工地",
             checklist=(ChecklistItem("产品资料", True), ChecklistItem("报价单")))
    plan_one(store, seeded["王强"], days=2)
    store.edit_lead(seeded["王强"], company="=HYPERLINK(\"http://x\")")
    store.edit_lead(seeded["李娜"], notes="-1+1", company="@SUM(A1)")
    plan_one(store, seeded["李娜"], days=3)
    return period_span(Period.WEEK, NOW)


def test_json_export_validates_and_is_byte_identical(store, planned_week, tmp_path):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = render(store, gather(store, planned_week, "week"), Format.JSON)
    document = json.loads(data)
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["schema"] == "leadboard.plan/1"
    assert [c["lead"]["name"] for c in document["contacts"]] == ["张伟", "王强", "李娜"]
    assert document["counts"] == {"1": 2, "2": 1, "3": 0, "4": 0, "ungraded": 0}
    assert {lead["name"] for lead in document["unplanned"]} == {"刘洋", "陈静", "曾国"}
    assert document["as_of"] == NOW.isoformat()
    assert render(store, gather(store, planned_week, "week"), Format.JSON) == data
    target = tmp_path / "plan.json"
    write_export(target, data)
    assert target.read_bytes() == data


def test_ics_export_parses_and_keeps_uids(store, planned_week, seeded, clock):
    first = icalendar.Calendar.from_ical(render(store, gather(store, planned_week, "week"),
                                                Format.ICS))
    events = first.walk("VEVENT")
    assert len(events) == 3
    assert events[0]["LOCATION"] == "临沂工地"
    assert events[0].decoded("DTSTART") == (NOW + timedelta(days=1)).replace(hour=9)
    assert events[0].decoded("DTSTART").utcoffset() == timedelta(0)  # always UTC (…Z)
    assert not first.walk("VTIMEZONE")
    assert "[x] 产品资料" in str(events[0]["DESCRIPTION"])
    clock.advance(hours=1)
    contact_id = store.contacts_of(seeded["张伟"])[0].id
    store.update_contact(contact_id, place="济南")
    second = icalendar.Calendar.from_ical(render(store, gather(store, planned_week, "week"),
                                                 Format.ICS))
    again = second.walk("VEVENT")
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]
    assert again[0]["LOCATION"] == "济南" and again[0]["SEQUENCE"] > events[0]["SEQUENCE"]


def test_csv_export_has_a_bom_and_neutralises_formulas(store, planned_week):
    data = render(store, gather(store, planned_week, "week"), Format.CSV)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "at", "duration_min"]
    companies = [row[5] for row in rows[1:]]
    assert companies == ["临沂宏达土石方", "'=HYPERLINK(\"http://x\")", "'@SUM(A1)"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_export_of_an_empty_period(store, seeded):
    span = period_span(Period.DAY, NOW + timedelta(days=40))
    document = json.loads(render(store, gather(store, span, "day"), Format.JSON))
    assert document["contacts"] == [] and document["period"]["kind"] == "day"
    assert datetime.fromisoformat(document["period"]["start"]).day == (NOW + timedelta(40)).day


def test_an_export_of_this_week_holds_what_the_plan_shows_overdue_marked(store, seeded, clock):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    last_week = [plan_one(store, seeded["张伟"], days=0, hour=11),
                 plan_one(store, seeded["王强"], days=1)]
    this_week_late = plan_one(store, seeded["李娜"], days=5)  # Tuesday 1 December
    ahead = plan_one(store, seeded["刘洋"], days=7, hour=14)
    dropped = plan_one(store, seeded["陈静"], days=8)
    store.update_contact(dropped.id, status=ContactStatus.CANCELLED)
    clock.advance(days=7)  # Thursday 3 December, 10:00
    now = clock()
    span = period_span(Period.WEEK, now)
    plan = gather(store, span, "week")
    document = json.loads(render(store, plan, Format.JSON))
    jsonschema.Draft202012Validator(schema).validate(document)
    exported = [c["id"] for c in document["contacts"]]
    late = [c.id for c in last_week] + [this_week_late.id]
    assert exported == [*late, ahead.id, dropped.id]
    assert set(plan_rows(store, span, now).ids) == set(exported) - {dropped.id}
    assert [c["id"] for c in document["contacts"] if c["overdue"]] == late
    assert sum(document["counts"].values()) == 5
    assert render(store, gather(store, span, "week"), Format.JSON) == render(
        store, plan, Format.JSON)
    rows = list(csv.reader(io.StringIO(render(store, plan, Format.CSV).decode("utf-8-sig"))))
    assert [row[12] for row in rows[1:]] == ["overdue"] * 3 + ["planned", "cancelled"]
    events = icalendar.Calendar.from_ical(render(store, plan, Format.ICS)).walk("VEVENT")
    assert [str(e["SUMMARY"]).startswith("[overdue] ") for e in events] == [True] * 3 + [False] * 2


def test_an_export_of_a_past_week_holds_that_week_only(store, seeded, clock):
    first = plan_one(store, seeded["张伟"], days=0, hour=11)
    plan_one(store, seeded["王强"], days=7)  # next week, overdue by then
    clock.advance(days=14)
    past = period_span(Period.WEEK, NOW)
    document = json.loads(render(store, gather(store, past, "week"), Format.JSON))
    assert [(c["id"], c["overdue"]) for c in document["contacts"]] == [(first.id, True)]


def test_a_cancel_is_logged_with_its_next_step_as_one_change(store, seeded):
    lead_id = seeded["张伟"]
    planned = plan_one(store, lead_id)
    cancel = Analysis(ContactStatus.CANCELLED, outcome="客户出差")
    with pytest.raises(NextStepMissing):
        log_contact(store, LogEntry(lead_id, cancel, contact_id=planned.id))
    assert store.contacts[planned.id].status is ContactStatus.PLANNED
    follow = FollowUp(NOW + timedelta(days=3), Method.PHONE, Purpose.SELL)
    cancelled = log_contact(store, LogEntry(lead_id, cancel, contact_id=planned.id,
                                            follow_up=follow))
    assert cancelled.status is ContactStatus.CANCELLED and store.undo_label == "cancel_contact"
    assert store.next_contact(lead_id) == follow.at
    store.undo()
    assert [c.status for c in store.contacts_of(lead_id)] == [ContactStatus.PLANNED]


def test_a_moved_plan_takes_its_new_fields_and_stays_one(store, seeded):
    planned = plan_one(store, seeded["王强"])
    at = NOW + timedelta(days=2)
    moved = reschedule(store, planned.id, at, method=Method.PHONE, place="电话里")
    assert (moved.id, moved.at, moved.method, moved.place) == (planned.id, at, Method.PHONE, "电话里")
    assert len(store.contacts_of(seeded["王强"])) == 1
