"""What the board's rows keep at every terminal size: the next contact whole,
the marks, and a name; the company gives way first."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from store.model import Credit, Method, Purpose
from tests.conftest import CHINA
from tests.test_board import shown
from tui.app import LeadboardApp
from widgets.quadrant_board import PLACES_IN_ORDER

CALL = {"method": Method.VISIT, "purpose": Purpose.SELL}
SIZES = [(120, 40), (80, 24), (200, 60)]
NEXT_YEAR = [datetime(2027, 1, 6, 9, 0, tzinfo=CHINA), datetime(2027, 1, 1, 9, 0, tzinfo=CHINA),
             datetime(2027, 1, 4, 9, 0, tzinfo=CHINA)]
COMPANY = "临沂宏达土石方工程有限公司"  # longer than any pane
SURNAMES = "张王李刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"


def fill(store, clock) -> None:
    """Long lists in every place (each shows its scroll mark), with a next
    contact late, today, later this year, next year, or none."""
    grades = {1: (5, 5), 2: (5, 1), 3: (1, 5), 4: (1, 1), 0: (None, None)}
    leads = [store.add_lead(f"{surname}{'伟强娜洋静'[place]}", company=COMPANY, city="临沂",
                            intent=intent, funding=funding,
                            credit=(Credit.GOOD, Credit.POOR, Credit.UNKNOWN)[n % 3],
                            has_project=n % 2 == 0).id
             for place, (intent, funding) in grades.items()
             for n, surname in enumerate(SURNAMES * 3)]
    for lead_id in leads[::6]:
        store.schedule_contact(lead_id, clock.now + timedelta(hours=1), **CALL)
    clock.advance(days=2)  # those are late now
    whens = [clock.now + timedelta(hours=2), clock.now + timedelta(days=3), *NEXT_YEAR]
    for n, lead_id in enumerate(leads):
        if n % 6 and n % 7:
            store.schedule_contact(lead_id, whens[n % len(whens)], **CALL)


def shown_rows(app: LeadboardApp, place: int) -> list[tuple[str, object]]:
    """Each visible line of a place's list, with the row it shows."""
    lead_list = app.screen.board.lead_list(place)
    lines = shown(app, lead_list)
    return [(line, lead_list.rows[lead_list.top + y]) for y, line in enumerate(lines)
            if lead_list.top + y < len(lead_list.rows)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("keys", [[], ["enter"], ["enter", "slash"]],
                         ids=["board", "details", "details-and-search"])
async def test_every_row_keeps_its_next_contact_marks_and_name(store, clock, size, keys):
    fill(store, clock)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        for place in PLACES_IN_ORDER:
            assert app.screen.board.lead_list(place).overflows
            rows = shown_rows(app, place)
            assert rows
            for line, row in rows:
                body = line[:-1].rstrip()  # the last column is the scroll mark
                when = row.when_narrow if row.when_narrow and row.when not in body else row.when
                assert body.endswith(when) if when else True, (size, keys, line)
                assert row.name in line, (size, keys, line)
                for badge in row.badges:
                    assert badge.text in line, (size, keys, line)
                # A company too narrow to show a character is left out, not
                # drawn as a lone ellipsis.
                assert " … " not in line, (size, keys, line)


async def test_a_date_in_another_year_shows_its_month_and_day(store, clock):
    fill(store, clock)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        wide = [(line, row) for place in (1, 2, 3, 4) for line, row in shown_rows(app, place)]
        next_year = {row.when for line, row in wide if row.when.startswith("27-")}
        assert {"27-01-06", "27-01-01"} <= next_year  # no longer both "27-01"
        for line, row in wide:
            assert line[:-1].rstrip().endswith(row.when), line  # the mark last
        await pilot.press("enter")  # the detail pane narrows the board
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        seen = 0
        for place in PLACES_IN_ORDER:
            lead_list = app.screen.board.lead_list(place)
            for y, (line, row) in enumerate(shown_rows(app, place)):
                underlined = [seg.text.strip() for seg in lead_list.render_line(y)
                              if seg.style and seg.style.underline]
                if row.when.startswith("27-"):
                    # Month and day, marked as another year's (the help says how).
                    assert line[:-1].endswith(row.when[3:]) and underlined == [row.when[3:]], line
                    seen += 1
                else:
                    assert not underlined, line
        assert seen


@pytest.mark.parametrize(("lang", "no_lead", "all_graded", "no_match"), [
    ("zh", "这里还没有客户", "客户都已评级", "没有符合条件的客户"),
    ("en", "no leads here", "all leads graded", "no lead here matches"),
])
async def test_an_empty_place_under_a_search_says_nothing_matches(store, seeded, lang, no_lead,
                                                                   all_graded, no_match):
    store.delete_lead(seeded["曾国"])  # the tray is empty, and so is Q2
    store.delete_lead(seeded["李娜"])
    app = LeadboardApp(store, lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen.board

        def first_line(place: int) -> str:
            return shown(app, board.lead_list(place))[0].strip()

        assert (first_line(2), first_line(0)) == (no_lead, all_graded)
        for query in ("zhangwei", "q:1"):
            await pilot.press("slash", *query)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "张伟" in first_line(1)
            for place in (2, 3, 4, 0):
                assert first_line(place) == no_match, query
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert (first_line(2), first_line(0)) == (no_lead, all_graded)
            assert "陈静" in first_line(4)
