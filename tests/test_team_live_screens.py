"""Every open screen follows a team's base, on a real PostgreSQL server: the
plan shows the contacts another rep schedules, makes or cancels, the market
counts the machines another rep adds, and the rep's place on each stays."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import DataTable, Input

from store.contacts import Analysis, FollowUp, LogEntry, log_contact
from store.leadstore import LeadStore
from store.model import ContactStatus, Method, Purpose, Source
from tests.conftest import NOW
from tests.intel_fixture import build_intel
from tests.test_cjk_overlay_fix import screen_text
from tests.test_insights_app import settle
from tests.test_team_clash import as_rep
from tests.test_team_live import pilot_wait
from tui.app import LeadboardApp
from tui.screens.competitor import CompetitorScreen
from tui.screens.fleet import FleetDialog
from tui.screens.insights import InsightsScreen
from tui.screens.lead_form import LeadForm
from tui.screens.market import MarketScreen
from tui.screens.plan import PlanScreen, nearest
from widgets.bar_chart import BarChart
from widgets.detail_pane import DetailPane
from widgets.plan_list import PlanList

SIZE = (130, 40)
SOON = 1.5  # seconds: another rep's change is on screen within this


@pytest.fixture
def team(pg_server, pg_base, clock):
    """Zhang, whose screens are open, and how Wang opens the base on his own
    machine (once Zhang's leads are in it)."""
    opened = [LeadStore.open(as_rep(pg_server, pg_base, "zhang"), clock=clock)]

    def wang() -> LeadStore:
        opened.append(LeadStore.open(as_rep(pg_server, pg_base, "wang"), clock=clock))
        return opened[-1]

    yield opened[0], wang
    for store in opened:
        store.close()


async def listening(app: LeadboardApp, pilot) -> None:
    await pilot_wait(pilot, lambda: app.listener is not None and app.listener.reached.is_set())


def plan_names(app) -> list[str]:
    rows = app.screen.query_one(PlanList).rows
    return [rows[i].cells[1] for i in range(len(rows))]


def plan_row(app, name: str) -> str:
    rows = app.screen.query_one(PlanList).rows
    return next(" ".join(rows[i].cells) for i in range(len(rows)) if rows[i].cells[1] == name)


def follow_up_next_week() -> FollowUp:
    return FollowUp(NOW + timedelta(days=7), Method.PHONE, Purpose.SELL)


async def test_the_plan_shows_the_contacts_another_rep_schedules_makes_and_cancels(team):
    zhang, open_wang = team
    leads = {name: zhang.add_lead(name, intent=4, funding=4).id
             for name in ("张伟", "王强", "李娜", "刘洋", "陈静")}
    planned = {name: zhang.schedule_contact(leads[name], NOW + timedelta(hours=hours),
                                            method=Method.PHONE, purpose=Purpose.SELL).id
               for name, hours in (("张伟", 1), ("王强", 3), ("李娜", 5), ("刘洋", 7))}
    wang = open_wang()
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE) as pilot:
        await listening(app, pilot)
        await pilot.press("p", "down", "down")
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        assert plan_names(app) == ["张伟", "王强", "李娜", "刘洋"]
        assert plan.plan_list.key == planned["李娜"]

        # Wang plans a call with 陈静 before any of Zhang's: it comes in on top.
        wang.schedule_contact(leads["陈静"], NOW + timedelta(minutes=30), method=Method.VISIT,
                              purpose=Purpose.SELL)
        await pilot_wait(pilot, lambda: "陈静" in screen_text(app), within_s=SOON)
        assert plan_names(app) == ["陈静", "张伟", "王强", "李娜", "刘洋"]
        assert "5 contacts" in str(plan.query_one("#plan-heading").render())
        assert plan.plan_list.key == planned["李娜"]  # the cursor stayed on Zhang's row
        assert app.focused is plan.plan_list

        # Wang makes his call to 王强: the row says so, the cursor stays.
        log_contact(wang, LogEntry(leads["王强"], Analysis(outcome="报价了"),
                                   contact_id=planned["王强"], follow_up=follow_up_next_week()))
        await pilot_wait(pilot, lambda: "done" in plan_row(app, "王强"), within_s=SOON)
        assert plan.plan_list.key == planned["李娜"]

        # Wang cancels the call under Zhang's cursor: it goes, the cursor to the next one.
        log_contact(wang, LogEntry(leads["李娜"], Analysis(status=ContactStatus.CANCELLED),
                                   contact_id=planned["李娜"], follow_up=follow_up_next_week()))
        await pilot_wait(pilot, lambda: "李娜" not in screen_text(app), within_s=SOON)
        assert "李娜" not in plan_names(app) and "刘洋" in screen_text(app)
        assert plan.plan_list.key == planned["刘洋"]
        assert app.screen is plan and app.focused is plan.plan_list


def test_a_vanished_row_leaves_the_cursor_on_its_nearest_neighbour_left():
    assert nearest([1, 2, 3, 4], 2, [9, 1, 2, 3, 4]) == 3  # same key, one row down
    assert nearest([1, 2, 3, 4], 2, [1, 2, 4]) == 2  # the one below
    assert nearest([1, 2, 3, 4], 3, [1, 2]) == 1  # the last gone: the one above
    assert nearest([1, 2, 3], 1, [7, 8]) == 1  # none left: where it was, as far as it goes
    assert nearest([1, 2], 0, []) == 0


async def test_the_market_counts_the_machine_another_rep_adds_and_keeps_the_rep_in_place(team):
    zhang, open_wang = team
    owners = {name: zhang.add_lead(name, province="山东", city=city).id
              for name, city in (("张伟", "临沂"), ("李强", "济南"), ("王芳", "临沂"))}
    for name, year in (("张伟", 2012), ("李强", 2010), ("王芳", 2011)):  # all due
        zhang.add_machine("卡特", "320", owner=owners[name], year=year)
    wang = open_wang()
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE) as pilot:
        await listening(app, pilot)
        await pilot.press("M")
        await settle(app, pilot)
        market = app.screen
        assert isinstance(market, MarketScreen)
        title = market.query_one("#market-title")
        assert "3 machines in service" in str(title.render())
        candidates = market.query_one("#market-candidates", DataTable)
        await pilot.press("down")
        on = candidates.coordinate_to_cell_key(candidates.cursor_coordinate).row_key.value

        wang.add_machine("小松", "PC200", owner=owners["王芳"], year=2024)
        await pilot_wait(pilot, lambda: "4 machines in service" in screen_text(app)
                         and "小松" in screen_text(app), within_s=SOON)
        assert candidates.coordinate_to_cell_key(candidates.cursor_coordinate).row_key.value == on
        assert app.screen is market and app.focused is candidates
        for year in (2020, 2021, 2022):  # one after the other: none is left uncounted
            wang.add_machine("小松", "PC200", owner=owners["李强"], year=year)
        await pilot_wait(pilot, lambda: "7 machines in service" in screen_text(app),
                         within_s=SOON * 2)


async def test_insights_count_the_lead_another_rep_finds_with_the_rep_on_the_same_bar(team):
    zhang, open_wang = team
    found = (("张伟", Source.FRIEND), ("李强", Source.FRIEND), ("王芳", Source.EVENT))
    for name, source in found:
        zhang.add_lead(name, source=source)
    wang = open_wang()
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE) as pilot:
        await listening(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, InsightsScreen)
        app.screen.query_one("#section-sources BarChart", BarChart).focus()
        await pilot.press("down")  # onto the second bar: trade shows

        def bars() -> list[str]:
            return [bar.text for bar in app.screen.query_one(
                "#section-sources BarChart", BarChart).bars]

        assert bars() == ["0 won · 2 new · —", "0 won · 1 new · —"]
        drawn = app.screen.query_one("#section-sources BarChart", BarChart)
        wang.add_lead("刘洋", source=Source.EVENT)
        await pilot_wait(pilot, lambda: bars()[1] == "0 won · 2 new · —", within_s=SOON)
        await settle(app, pilot)
        chart = app.screen.query_one("#section-sources BarChart", BarChart)
        assert app.focused is chart and chart.cursor == 1
        # The chart the rep is in took the new figures: never taken away
        # and drawn again, the section empty between.
        assert chart is drawn


async def test_a_lead_changed_under_an_open_form_is_said_and_both_changes_are_kept(team):
    zhang, open_wang = team
    lead = zhang.add_lead("李娜", intent=5, funding=5, company="临沂宏达", city="临沂")
    wang = open_wang()
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE) as pilot:
        await listening(app, pilot)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, LeadForm)
        await pilot.click("#field-company")
        await pilot.press("end", *"土石方")
        wang.edit_lead(lead.id, city="济南", phones=("13805310000",))
        await pilot_wait(pilot, lambda: "wang changed this lead" in screen_text(app),
                         within_s=SOON)
        assert app.screen is form
        assert form.query_one("#field-company", Input).value == "临沂宏达土石方"  # as typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = zhang.lead(lead.id)
        assert (saved.company, saved.city, saved.phones) == ("临沂宏达土石方", "济南",
                                                             ("13805310000",))
    with LeadStore.open(zhang.location, clock=zhang.clock) as again:  # so on the server
        kept = again.lead(lead.id)
        assert (kept.company, kept.city) == ("临沂宏达土石方", "济南")


async def test_the_details_shown_follow_another_rep_and_stay_where_they_were_read(team):
    zhang, open_wang = team
    shown = zhang.add_lead("张伟", intent=5, funding=5)
    other = zhang.add_lead("王强", intent=2, funding=2)
    for year in range(2000, 2030):  # a long history: the pane scrolls
        zhang.edit_lead(shown.id, company=f"临沂土石方{year}")
    wang = open_wang()
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE) as pilot:
        await listening(app, pilot)
        await pilot.press("enter")  # the details of 张伟
        pane = app.screen.query_one(DetailPane)
        await pilot.pause()
        assert pane.max_scroll_y > 8
        pane.scroll_to(y=8, animate=False, immediate=True)
        wang.edit_lead(other.id, city="徐州")
        await pilot_wait(pilot, lambda: zhang.lead(other.id).city == "徐州", within_s=SOON)
        await pilot.pause()
        assert pane.scroll_y == 8
        wang.edit_lead(shown.id, company="徐州华建")
        await pilot_wait(pilot, lambda: "徐州华建" in str(
            pane.query_one("#detail-body").render()), within_s=SOON)
        await pilot.pause()
        assert pane.scroll_y == 8 and app.focused.lead_id == shown.id


async def test_an_open_fleet_lists_the_machine_another_rep_adds_the_cursor_on_its_machine(team):
    zhang, open_wang = team
    owner = zhang.add_lead("张伟", intent=5, funding=5).id
    for model in ("SY215C", "SY75C"):
        zhang.add_machine("三一", model, owner=owner, year=2018)
    wang = open_wang()
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE) as pilot:
        await listening(app, pilot)
        await pilot.press("f", "down")
        fleet = app.screen
        assert isinstance(fleet, FleetDialog)
        on = fleet.chosen().id
        wang.add_machine("卡特", "320", owner=owner, year=2012)
        await pilot_wait(pilot, lambda: "卡特" in screen_text(app), within_s=SOON)
        assert fleet.chosen().id == on and len(fleet.fleet) == 3


async def test_an_open_profile_shows_the_price_another_rep_heard(team):
    zhang, open_wang = team
    build_intel(zhang)
    wang = open_wang()
    app = LeadboardApp(zhang, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await listening(app, pilot)
        await pilot.press("M")
        await settle(app, pilot)
        await pilot.press("tab", "enter")  # 徐工's profile
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, CompetitorScreen)
        table = profile.query_one("#profile-models", DataTable)
        await pilot.press("down")
        on = table.get_row_at(table.cursor_row)[0]
        wang.add_record("intel", on=NOW.date(), brand="徐工", model="XE60DA", price=218_000,
                        province="山东", city="临沂", text="")
        await pilot_wait(pilot, lambda: "21.8万" in screen_text(app), within_s=SOON)
        assert table.get_row_at(table.cursor_row)[0] == on and app.focused is table
