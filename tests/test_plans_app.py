"""Planning and working through contacts as a rep does, by keyboard."""

from datetime import timedelta

from store.contacts import Analysis, LogEntry, Made, log_contact
from store.grading import priority, quadrant_of
from store.leadstore import LeadStore
from store.model import ChecklistItem, ContactStatus, Credit, Method, Purpose, Status
from store.plan import Period, period_span
from tests.conftest import NOW
from tui.app import LeadboardApp
from tui.screens.contact_form import ContactForm
from tui.screens.log_form import LogForm
from tui.screens.plan import PlanScreen
from widgets.quadrant_board import QuadrantBoard
from widgets.plan_list import PlanList
from widgets.tab_line import TabLine

SIZE = (130, 44)


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def plan_texts(app) -> list[str]:
    rows = app.screen.query_one(PlanList).rows
    return [" ".join(rows[i].cells) for i in range(len(rows))]


async def test_schedule_shows_the_resolved_time_refuses_the_past_and_saves(store, seeded, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")  # 张伟, Q1: weekly cadence proposed
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#when").value == "2026-12-03 09:00"
        assert "Thu 2026-12-03 09:00" in text(app, "#when-said")
        app.screen.query_one("#when").value = "banana"
        await pilot.pause()
        assert "Cannot read “banana”" in text(app, "#when-said")
        app.screen.query_one("#when").value = "-1d"
        await pilot.press("ctrl+s")
        assert "a new plan must lie ahead" in text(app, "#schedule-error")
        assert store.contacts_of(seeded["张伟"]) == []
        app.screen.query_one("#when").value = "fri 14:30"
        await pilot.pause()
        assert "Fri 2026-11-27 14:30" in text(app, "#when-said")
        app.screen.query_one("#place").value = "临沂工地"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
        [contact] = store.contacts_of(seeded["张伟"])
        assert contact.at == NOW.replace(day=27, hour=14, minute=30)
        assert contact.method is Method.PHONE and contact.place == "临沂工地"
        assert [item.text for item in contact.checklist] == [
            "notes from the last contact", "what to ask"]
        rows = app.screen.board.lead_list(1).rows
        assert [(r.name, r.when) for r in rows[:]] == [("王强", ""), ("张伟", "11-27")]
    store.close()
    again = LeadStore.open(store.path, clock=clock)
    assert again.next_contact(seeded["张伟"]) == NOW.replace(day=27, hour=14, minute=30)
    again.close()


def overdue_contact(store, clock, lead_id: int, method: Method,
                    purpose: Purpose = Purpose.SELL):
    """A contact planned an hour after NOW, and the clock moved on past it."""
    contact = store.schedule_contact(lead_id, NOW + timedelta(hours=1), method=method,
                                     purpose=purpose)
    clock.advance(hours=2)
    return contact


async def test_log_with_analysis_insists_on_a_follow_up(store, seeded, clock):
    lead_id = seeded["王强"]
    planned = overdue_contact(store, clock, lead_id, Method.VISIT)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # 王强: his overdue visit puts him first in Q1
        form = app.screen
        assert isinstance(form, LogForm)
        assert form.query_one("#which").value == planned.id
        await pilot.press(*"liked it")
        form.query_one("#went_well").value = "带了竞品对比"
        form.query_one("#went_wrong").value = "没带计算器"
        form.query_one("#customer_thinking").value = "在等工程款"
        form.query_one("#intent").value = "5"
        form.query_one("#follow-at").value = ""
        await pilot.press("ctrl+s")
        assert "needs a next step" in text(app, "#log-error")
        assert store.contacts[planned.id].status is ContactStatus.PLANNED
        form.query_one("#follow-at").value = "+7d 10:00"
        await pilot.pause()
        assert "Thu 2026-12-03 10:00" in text(app, "#follow-said")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
        logged = store.contacts[planned.id]
        assert (logged.status, logged.outcome, logged.customer_thinking) == (
            ContactStatus.DONE, "liked it", "在等工程款")
        follow = store.contacts[logged.follow_up_id]
        assert follow.at == NOW.replace(day=3, month=12, hour=10)
        assert store.lead(lead_id).intent == 5
        await pilot.press("enter")
        body = text(app, "#detail-body")
        assert "Went wrong: 没带计算器" in body and "follow-up planned for 2026-12-03 10:00" in body
        assert body.index("visit · sell · done") < body.index("phone call · sell · planned")
        await pilot.press("u")  # one undo takes back log, regrade and follow-up
        assert store.contacts[planned.id].status is ContactStatus.PLANNED
        assert logged.follow_up_id not in store.contacts
        assert store.lead(lead_id).intent == 4


async def test_marking_the_lead_won_needs_no_follow_up(store, seeded):
    lead_id = seeded["张伟"]
    store.schedule_contact(lead_id, NOW + timedelta(hours=1), method=Method.VISIT,
                           purpose=Purpose.SELL)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        form = app.screen
        form.query_one("#follow-at").value = ""
        form.query_one("#lead-status").value = Status.WON.value
        form.query_one("#goal").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.lead(lead_id).status is Status.WON
        assert "张伟" not in [r.name for r in app.screen.board.lead_list(1).rows[:]]


async def test_plan_tabs_overdue_first_and_reschedule(store, seeded, clock):
    late = store.schedule_contact(seeded["李娜"], NOW + timedelta(minutes=30),
                                  method=Method.PHONE, purpose=Purpose.SELL)
    store.schedule_contact(seeded["王强"], NOW + timedelta(hours=4), method=Method.VISIT,
                           purpose=Purpose.ADVISING,
                           checklist=(ChecklistItem("报价单", True), ChecklistItem("计算器")))
    store.schedule_contact(seeded["刘洋"], NOW + timedelta(days=2), method=Method.MEAL,
                           purpose=Purpose.RELATIONSHIP)
    store.schedule_contact(seeded["陈静"], NOW + timedelta(days=4), method=Method.LETTER,
                           purpose=Purpose.INFORMATION)
    clock.advance(hours=1)  # 11:00: the 10:30 call is overdue
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PlanScreen)
        rows = plan_texts(app)
        assert rows[0].startswith("11-26 10:30 李娜 Q2 phone call sell")
        assert rows[1].startswith("11-26 14:00 王强 Q1 visit advising 1/2")
        assert len(rows) == 2
        assert app.screen.query_one(PlanList).rows[0].state == "overdue"
        assert "1 overdue" in text(app, "#plan-heading")
        await pilot.press("w")
        assert [r.split()[2] for r in plan_texts(app)] == ["李娜", "王强", "刘洋"]
        await pilot.press("m")
        assert [r.split()[2] for r in plan_texts(app)] == ["李娜", "王强", "刘洋", "陈静"]
        await pilot.press("n")
        assert [r.split()[0] for r in plan_texts(app)] == ["张伟", "曾国"]  # ungraded last
        await pilot.press("d")
        await pilot.press("r")  # reschedule the overdue call
        app.screen.query_one("#when").value = "tomorrow 9:30"
        await pilot.press("enter")
        await pilot.pause()
        assert store.contacts[late.id].at == NOW.replace(day=27, hour=9, minute=30)
        assert [r.split()[2] for r in plan_texts(app)] == ["王强"]
        await pilot.press("delete", "ctrl+s")  # cancel 王强's visit, the follow-up proposed
        await pilot.pause()
        assert store.contacts_of(seeded["王强"])[0].status is ContactStatus.CANCELLED
        assert plan_texts(app) == []
        await pilot.press("u")
        assert len(plan_texts(app)) == 1
        await pilot.press("o")
        await pilot.pause()
        assert app.focused.lead_id == seeded["王强"]
        assert "王强" in text(app, "#detail-heading")


def noting_marks(monkeypatch, app) -> list[tuple[str, tuple[int, int], list[str]]]:
    """Each drawing of the tabs' bar: the tab it marks, where the mark is
    (from the half lines either side of it) and the plan's rows then."""
    seen = []
    draw = TabLine.render_line

    def noting(tab_line: TabLine, y: int):
        strip = draw(tab_line, y)
        if y == 1:
            bar = strip.text
            seen.append((tab_line.active, (bar.index("╸") + 1, bar.index("╺")), plan_texts(app)))
        return strip

    monkeypatch.setattr(TabLine, "render_line", noting)
    return seen


async def test_a_tab_key_has_its_rows_ready_when_its_highlight_moves(store, seeded, clock,
                                                                   monkeypatch):
    # The mark and the rows then go out in one frame: the rows are never a
    # frame behind the tab that names them.
    store.schedule_contact(seeded["刘洋"], NOW + timedelta(days=2), method=Method.MEAL,
                           purpose=Purpose.RELATIONSHIP)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        seen = noting_marks(monkeypatch, app)
        for key in "wnd":
            await pilot.press(key)
            await pilot.pause()
        firsts = [drawn for at, drawn in enumerate(seen) if not at or seen[at - 1][0] != drawn[0]]
        assert [name for name, _mark, _rows in firsts] == ["week", "unplanned", "day"]
        assert "刘洋" in " ".join(firsts[0][2])  # the week's rows, not the day's
        assert firsts[1][2][0].startswith("张伟")  # the leads with no next step
        assert not any("刘洋" in row for row in firsts[2][2])
        await pilot.click("#plan-tabs", offset=(8, 0))  # a click on a tab shows its rows too
        await pilot.pause()
        assert app.screen.query_one(TabLine).active == "week"
        assert "刘洋" in " ".join(plan_texts(app))


async def test_work_through_the_day_from_the_plan(store, seeded, clock):
    lead_id = seeded["刘洋"]
    overdue_contact(store, clock, lead_id, Method.VISIT)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert "逾期 1" in text(app, "#plan-heading")
        await pilot.press("enter")  # log it
        form = app.screen
        assert isinstance(form, LogForm)
        # Q3: every two weeks.
        assert form.query_one("#follow-at").value == "2026-12-10 09:00"
        assert "2026-12-10 周四 09:00" in text(app, "#follow-said")
        form.query_one("#outcome").value = "见到了老板"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "已完成" in plan_texts(app)[0]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.board.lead_list(3).rows[0].when == "12-10"


async def test_preparation_is_ticked_one_by_one(store, seeded):
    contact = store.schedule_contact(seeded["张伟"], NOW + timedelta(hours=3),
                                     method=Method.VISIT, purpose=Purpose.SELL,
                                     checklist=(ChecklistItem("报价单"), ChecklistItem("计算器")))
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "t")
        await pilot.press("space", "escape")
        await pilot.pause()
        assert [i.done for i in store.contacts[contact.id].checklist] == [True, False]
        assert "1/2" in plan_texts(app)[0]


async def test_export_from_the_app(store, seeded, tmp_path):
    store.schedule_contact(seeded["张伟"], NOW + timedelta(hours=3), method=Method.VISIT,
                           purpose=Purpose.SELL)
    target = tmp_path / "out" / "week.ics"
    target.parent.mkdir()
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        app.screen.query_one("#format").value = "ics"
        await pilot.pause()
        app.screen.query_one("#path").value = str(target)
        await pilot.press("ctrl+s")
        for _ in range(50):
            await pilot.pause(0.05)
            if target.exists():
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert b"BEGIN:VEVENT" in target.read_bytes()
        assert "Plan exported" in text(app, "#status")


async def test_logged_contacts_show_in_the_timeline_oldest_first(store, seeded, clock):
    lead_id = seeded["陈静"]
    first = overdue_contact(store, clock, lead_id, Method.PHONE, Purpose.INFORMATION)
    log_contact(store, LogEntry(lead_id, Analysis(outcome="第一次", went_well="聊得来"),
                                contact_id=first.id, lead_fields={"status": Status.DORMANT}))
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE):
        lines = [line.strip() for line in
                 __import__("tui.details", fromlist=["x"]).contact_lines(store, lead_id)]
        assert lines[0].startswith("2026-11-26 11:00  电话 · 信息收集 · 已完成")
        assert "做得好的地方" not in lines[2] and "聊得来" in lines[2]


async def test_a_regrade_in_the_log_form_moves_the_proposed_follow_up(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # 张伟, Q1: weekly
        form = app.screen
        assert form.query_one("#follow-at").value == "2026-12-03 09:00"
        form.query_one("#intent").value = "1"
        form.query_one("#funding").value = "1"  # now Q4: monthly
        await pilot.pause()
        assert form.query_one("#follow-at").value == "2026-12-26 09:00"
        form.query_one("#follow-at").value = "fri 15:00"
        form.query_one("#intent").value = "5"
        await pilot.pause()
        assert form.query_one("#follow-at").value == "fri 15:00"  # the rep's own date stays


async def on_the_first_lead_without_a_next_step(app, pilot) -> None:
    await pilot.press("p", "n")
    assert plan_texts(app)[0].startswith("张伟")


async def test_schedule_from_the_list_of_leads_without_a_next_step(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await on_the_first_lead_without_a_next_step(app, pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, ContactForm)
        app.screen.query_one("#when").value = "tomorrow 10:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert seeded["张伟"] not in store.unplanned
        assert not any(r.startswith("张伟") for r in plan_texts(app))
        await pilot.press("escape")
        await pilot.pause()
        rows = app.screen.board.lead_list(1).rows
        assert ("张伟", "11-27") in [(r.name, r.when) for r in rows[:]]


async def test_log_a_contact_with_a_lead_that_has_no_next_step(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await on_the_first_lead_without_a_next_step(app, pilot)
        await pilot.press("c")
        assert isinstance(app.screen, LogForm)
        assert "张伟" in str(app.screen.query_one(".dialog-title").render())


async def test_help_on_the_plan_lists_its_keys_in_chinese(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "question_mark")
        shown = " ".join(str(s.render()) for s in app.screen.query(".help-section"))
        for words in ("日计划", "记录", "改期", "取消接触", "准备事项", "打开客户", "下一行"):
            assert words in shown
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)


# ------------------------------------------------------------ tabs as before
def unplanned_as_before(store) -> list[int]:
    """The no-next-step tab's order as it was worked out before the board's
    order was read: every lead sorted, strongest quadrant first, the ungraded last."""
    def key(lead_id):
        lead = store.lead(lead_id)
        q = quadrant_of(lead.intent, lead.funding, store.settings.threshold)
        return (q is None, q or 0, -priority(lead.intent, lead.funding, lead.credit,
                                             lead.has_project), lead_id)
    return sorted(store.unplanned, key=key)


def contacts_as_before(store, tab: str) -> list[int]:
    now = store.now()
    span = period_span(Period(tab), now)
    overdue = store.planned_before(now)
    cancelled = ContactStatus.CANCELLED
    return overdue + [i for i in store.contacts_between(span.start, span.end)
                      if i not in overdue and store.contacts[i].status is not cancelled]


def shown_keys(app) -> list[int]:
    rows = app.screen.query_one(PlanList).rows
    return [rows[i].key for i in range(len(rows))]


def mixed_plans(store, seeded, clock) -> dict[str, int]:
    """Leads of like grades told apart by credit and project, ungraded ones with a
    score, and plans overdue, ahead, made and cancelled."""
    ids = dict(seeded)
    for name, intent, funding, credit, project in [
            ("周一", 5, 5, Credit.POOR, False), ("周二", 5, 5, Credit.GOOD, True),
            ("吴三", 2, 1, Credit.GOOD, False), ("郑四", 4, None, Credit.UNKNOWN, True),
            ("孙五", None, 2, Credit.GOOD, False), ("钱六", 3, 4, Credit.POOR, True)]:
        ids[name] = store.add_lead(name, intent=intent, funding=funding, credit=credit,
                                   has_project=project).id
    plan = {"late": ("王强", 1), "soon": ("周二", 3), "week": ("刘洋", 30),
            "month": ("钱六", 24 * 9)}
    for label, (name, hours) in plan.items():
        ids[label] = store.schedule_contact(ids[name], NOW + timedelta(hours=hours),
                                            method=Method.PHONE, purpose=Purpose.SELL).id
    dropped = store.schedule_contact(ids["吴三"], NOW + timedelta(hours=5), method=Method.VISIT,
                                     purpose=Purpose.SELL)
    store.update_contact(dropped.id, status=ContactStatus.CANCELLED)
    log_contact(store, LogEntry(ids["陈静"], Analysis(), made=Made(
        NOW - timedelta(hours=2), Method.PHONE, Purpose.SELL), lead_fields={"status": Status.WON}))
    store.edit_lead(ids["孙五"], status=Status.DORMANT)
    clock.advance(hours=2)  # the first plan is overdue
    return ids


async def test_every_tab_shows_the_rows_it_showed_before_in_the_same_order(store, seeded, clock):
    ids = mixed_plans(store, seeded, clock)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        for key, tab in [("w", "week"), ("m", "month"), ("n", None), ("d", "day")]:
            await pilot.press(key)
            await pilot.pause()
            expected = unplanned_as_before(store) if tab is None else contacts_as_before(store, tab)
            assert shown_keys(app) == expected, tab
        assert shown_keys(app)[0] == ids["late"]
        # Cancelling 周二's only plan asks for her next step, so she stays off
        # the tab of leads without one.
        await pilot.press("w")
        await pilot.press(*["down"] * shown_keys(app).index(ids["soon"]), "delete", "ctrl+s")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert store.contacts[ids["soon"]].status is ContactStatus.CANCELLED
        assert ids["周二"] not in store.unplanned
        assert shown_keys(app) == unplanned_as_before(store)
        # A plan made here and undone leaves 张伟 without a next step again:
        # the tab finds him among the board's order, in his place by priority.
        assert shown_keys(app)[0] == ids["张伟"]
        await pilot.press("s", "ctrl+s")
        await pilot.pause()
        assert ids["张伟"] not in shown_keys(app)
        await pilot.press("u")
        await pilot.pause()
        assert ids["张伟"] in store.unplanned
        assert shown_keys(app) == unplanned_as_before(store)
        assert shown_keys(app)[0] == ids["张伟"]


def in_view(app, selector: str) -> bool:
    """Whether the rep sees all of the widget, within its dialog's window."""
    widget = app.screen.query_one(selector)
    window = app.screen.query_one(".dialog").scrollable_content_region
    return widget.region.height > 0 and window.contains_region(widget.region)


async def test_a_refused_log_shows_why_at_once_and_focuses_the_field(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # 张伟
        form = app.screen
        assert isinstance(form, LogForm)
        assert not in_view(app, "#log-error")  # the dialog is taller than the screen
        form.query_one("#funding").value = "9"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LogForm)
        assert "评分是 1 到 5 的整数" in text(app, "#log-error")
        assert in_view(app, "#log-error") and in_view(app, "#funding")
        assert app.focused is form.query_one("#funding")
        form.query_one("#funding").value = "3"
        form.query_one("#follow-at").value = "banana"
        form.query_one("#outcome").focus()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert in_view(app, "#log-error") and app.focused is form.query_one("#follow-at")


async def test_a_refused_schedule_shows_why_at_once_and_focuses_the_field(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")  # 张伟
        form = app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#duration").value = "半小时"
        form.query_one("#when").focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm) and store.contacts_of(seeded["张伟"]) == []
        assert text(app, "#schedule-error") != "" and in_view(app, "#schedule-error")
        assert app.focused is form.query_one("#duration")
        form.query_one("#duration").value = ""
        form.query_one("#when").value = "-1d"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert in_view(app, "#schedule-error") and app.focused is form.query_one("#when")


async def test_the_purpose_achieved_box_is_drawn_whole(store, seeded):
    for size in (SIZE, (80, 24)):
        app = LeadboardApp(store, "zh")
        async with app.run_test(size=size) as pilot:
            await pilot.press("c")
            goal = app.screen.query_one("#goal")
            goal.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            strip = app.screen._compositor.render_strips()[goal.content_region.y]
            row = "".join(segment.text for segment in strip)  # as drawn on the screen
            assert "▐ ▌" in row and "…" not in row, row


async def test_scheduling_says_the_lead_already_has_an_open_plan(store, seeded, clock):
    lead_id = seeded["王强"]
    overdue_contact(store, clock, lead_id, Method.PHONE)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")  # 王强: his overdue call puts him first in Q1
        form = app.screen
        assert isinstance(form, ContactForm) and form.lead.id == lead_id
        assert text(app, "#already-planned").startswith("已有计划：11-26 11:00 电话（已逾期）")
        assert form.query_one("#already-planned").display and in_view(app, "#already-planned")
        form.query_one("#which").value = "new"  # the rep means it: a second one
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [c.status for c in store.contacts_of(lead_id)] == [ContactStatus.PLANNED] * 2


async def test_scheduling_says_so_in_english_too_and_not_when_there_is_no_plan(store, seeded):
    store.schedule_contact(seeded["张伟"], NOW + timedelta(days=1), method=Method.VISIT,
                           purpose=Purpose.SELL)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ContactForm(store.lead(seeded["张伟"]), NOW + timedelta(days=7)))
        await pilot.pause()
        said = text(app, "#already-planned")
        assert said.startswith("Already planned: 11-27 10:00 visit.") and "overdue" not in said
        app.screen.dismiss(None)
        await pilot.pause()
        await app.push_screen(ContactForm(store.lead(seeded["王强"]), NOW + timedelta(days=7)))
        await pilot.pause()
        assert not app.screen.query_one("#already-planned").display



def drawn_row(app, widget) -> str:
    """The screen's line where ``widget``'s content starts, as drawn."""
    strip = app.screen._compositor.render_strips()[widget.content_region.y]
    return "".join(segment.text for segment in strip)


async def test_the_purpose_achieved_box_shows_a_tick_not_only_a_colour(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        goal = app.screen.query_one("#goal")
        goal.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        assert "▐ ▌" in drawn_row(app, goal)
        await pilot.click(goal)
        await pilot.pause()
        assert goal.value and "▐✓▌" in drawn_row(app, goal)


async def test_preparation_items_show_which_are_ticked_by_their_mark(store, seeded):
    store.schedule_contact(seeded["张伟"], NOW + timedelta(hours=3), method=Method.VISIT,
                           purpose=Purpose.SELL,
                           checklist=(ChecklistItem("报价单", done=True), ChecklistItem("计算器")))
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "t")
        await pilot.pause()
        box = app.screen.query_one("#prep-items")
        lines = [line.text for line in app.screen._compositor.render_strips()
                 [box.content_region.y:box.content_region.y + 2]]
        assert "▐✓▌ 报价单" in lines[0] and "▐ ▌ 计算器" in lines[1], lines
        await pilot.press("down", "space")
        await pilot.pause()
        lines = [line.text for line in app.screen._compositor.render_strips()
                 [box.content_region.y:box.content_region.y + 2]]
        assert "▐✓▌ 计算器" in lines[1], lines


async def test_the_status_line_keeps_the_exported_files_path(store, seeded, tmp_path):
    """The news of an export is the path: the line's usual parts give way to
    it, and a path longer than the line keeps its start and its file name."""
    target = tmp_path / "exports" / "for the week" / "leadboard-week.json"
    target.parent.mkdir(parents=True)
    for size in ((130, 40), (80, 24)):
        app = LeadboardApp(store, "en")
        async with app.run_test(size=size) as pilot:
            await pilot.press("x")
            app.screen.query_one("#path").value = str(target)
            await pilot.press("ctrl+s")
            for _ in range(50):
                await pilot.pause(0.05)
                if isinstance(app.focused, QuadrantBoard):
                    break
            await pilot.pause()
            status = app.screen.query_one("#status")
            line = app.screen._compositor.render_strips()[status.region.y].text.strip()
            assert line.endswith("leadboard-week.json"), line
            if size[0] == 130:
                assert f"Plan exported to {target}" in line, line
            else:
                assert "Plan exported to /" in line and "…" in line, line
        target.unlink()


async def test_the_schedule_forms_checklist_shows_which_items_are_ticked_by_their_mark(
        store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        box = app.screen.query_one("#checklist")
        box.focus()
        box.scroll_visible(animate=False, immediate=True)
        await pilot.pause()

        def lines() -> list[str]:
            top = box.content_region.y
            return [line.text for line in app.screen._compositor.render_strips()[top:top + 2]]

        assert all("▐ ▌" in line for line in lines()), lines()
        await pilot.click(box, offset=(4, 1))  # the first item, inside the border
        await pilot.pause()
        first, second = lines()
        assert "▐✓▌" in first and "▐ ▌" in second, (first, second)


async def test_a_plan_tab_is_marked_at_once_not_slid_into_place(store, seeded, monkeypatch):
    """The line under the active tab goes straight to the tab: the rep waits
    for a key's change to be over, not for an animation to end."""
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        seen = noting_marks(monkeypatch, app)
        await pilot.press("m")
        await pilot.pause(0.5)
        tab_line = app.screen.query_one(TabLine)
        [month] = [(start, end) for start, end, name in tab_line.spans() if name == "month"]
        assert seen and {mark for _name, mark, _rows in seen} == {month}  # no stops on the way
