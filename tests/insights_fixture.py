"""A small history whose insights are worked out by hand (tests/test_insights.py).

Seven leads over the fourth quarter of 2026, made with the store's own
operations on a clock moved by hand, so that their history is the real one.
"""

from __future__ import annotations

from datetime import datetime

from store.leadstore import LeadStore
from store.model import ContactStatus, Method, Purpose, Source, Stage, Status
from store.plan import Span
from tests.conftest import CHINA, Clock

QUARTER = Span(datetime(2026, 10, 1, tzinfo=CHINA), datetime(2027, 1, 1, tzinfo=CHINA))


def day(month: int, dom: int, hour: int = 10) -> datetime:
    return datetime(2026, month, dom, hour, tzinfo=CHINA)


def _made(store: LeadStore, lead_id: int, at: datetime, method: Method, purpose: Purpose,
          status: ContactStatus = ContactStatus.DONE, goal: bool | None = None) -> None:
    contact = store.new_contact(lead_id, at, method=method, purpose=purpose, status=status,
                                goal_reached=goal)
    store.commit("log_contact", [("contacts", contact.id, None, contact)])


def build(store: LeadStore, clock: Clock) -> dict[str, int]:
    """The fixture's leads by letter: A … G (ids 1 … 7)."""
    ids: dict[str, int] = {}

    def add(letter: str, when: datetime, name: str, **fields) -> None:
        clock.now = when
        ids[letter] = store.add_lead(name, **fields).id

    def edit(when: datetime, letter: str, **fields) -> None:
        clock.now = when
        store.edit_lead(ids[letter], **fields)

    add("E", day(8, 1), "陈静", source=Source.OWNER, intent=1, funding=5)
    add("A", day(9, 1), "张伟", source=Source.FRIEND, intent=2, funding=4)
    add("B", day(10, 2), "王强", source=Source.FRIEND, intent=4, funding=4, competitor="三一")
    add("C", day(10, 3), "李娜", source=Source.WALK_IN, intent=4, funding=1, competitor="徐工")
    add("D", day(10, 4), "刘洋", source=Source.WALK_IN)
    add("F", day(10, 20), "曾国", source=Source.WALK_IN, intent=1, funding=1)
    add("G", day(11, 1), "孙丽", source=Source.EVENT, intent=5, funding=2)

    # Planned contacts are made while they still lie ahead.
    clock.now = day(10, 20, 9)
    call = store.schedule_contact(ids["B"], day(10, 20), method=Method.PHONE,
                                  purpose=Purpose.RELATIONSHIP)
    store.update_contact(call.id, status=ContactStatus.CANCELLED)
    clock.now = day(10, 21)
    store.schedule_contact(ids["F"], day(11, 20), method=Method.PHONE, purpose=Purpose.SELL)
    store.schedule_contact(ids["F"], day(12, 1), method=Method.VISIT, purpose=Purpose.SELL)

    clock.now = day(11, 25)
    _made(store, ids["E"], day(9, 15), Method.PHONE, Purpose.SELL, goal=False)
    _made(store, ids["A"], day(10, 5), Method.VISIT, Purpose.SELL, goal=True)
    _made(store, ids["E"], day(10, 8), Method.PHONE, Purpose.INFORMATION, goal=False)
    _made(store, ids["F"], day(11, 2, 14), Method.PHONE, Purpose.INFORMATION,
          status=ContactStatus.MISSED)
    _made(store, ids["E"], day(11, 3), Method.VISIT, Purpose.SELL, goal=True)

    edit(day(10, 10), "A", intent=4, stage=Stage.PROBE)  # Q3 -> Q1
    edit(day(10, 20), "A", stage=Stage.CLOSING)
    edit(day(11, 1), "A", status=Status.WON)
    edit(day(10, 12), "B", stage=Stage.PRESENT)
    edit(day(11, 5), "B", status=Status.LOST, reason="价格高")
    edit(day(11, 6), "C", status=Status.LOST, reason="价格高")
    edit(day(10, 15), "D", intent=2, funding=4)  # the tray -> Q3
    edit(day(11, 7), "D", status=Status.LOST, reason="资金不足")
    edit(day(10, 12), "E", intent=4, stage=Stage.APPROACH)  # Q3 -> Q1 ...
    edit(day(10, 20), "E", intent=2)  # ... and back to Q3
    edit(day(11, 10), "E", status=Status.WON)
    clock.now = day(11, 26)
    return ids
