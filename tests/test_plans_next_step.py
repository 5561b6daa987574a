"""The plan screen as a rep works it: overdue rows named so, a reschedule
that says what it moves, cancelling with the next step, and `s` that moves
an open plan instead of adding a second one."""

from datetime import timedelta

from store.model import ContactStatus, Method, Purpose, Status
from tests.conftest import NOW
from tests.test_plans_app import SIZE, overdue_contact, plan_texts, text
from tui.app import LeadboardApp
from tui.screens.cancel_form import CancelForm
from tui.screens.contact_form import ContactForm
from tui.screens.export import ExportForm
from tui.screens.plan import PlanScreen
from tui.screens.reschedule import RescheduleForm


def shown(form, selector: str) -> str:
    """What a drop-down shows the rep."""
    return str(form.query_one(selector).query_one("SelectCurrent #label").render())


async def test_an_overdue_row_says_overdue_not_planned(store, seeded, clock):
    overdue_contact(store, clock, seeded["刘洋"], Method.VISIT)
    store.schedule_contact(seeded["王强"], NOW + timedelta(hours=5), method=Method.PHONE,
                           purpose=Purpose.SELL)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        late, ahead = plan_texts(app)
        assert "刘洋" in late and "逾期" in late and "计划中" not in late
        assert "王强" in ahead and "计划中" in ahead and "逾期" not in ahead


async def test_the_reschedule_dialog_names_the_lead_and_the_contact(store, seeded, clock):
    overdue_contact(store, clock, seeded["刘洋"], Method.VISIT)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "r")
        assert isinstance(app.screen, RescheduleForm)
        title = text(app, ".dialog-title")
        assert "刘洋" in title and "11-26 11:00" in title and "拜访" in title


async def test_s_on_a_lead_with_an_overdue_plan_moves_that_plan(store, seeded, clock):
    lead_id = seeded["王强"]
    late = overdue_contact(store, clock, lead_id, Method.VISIT, Purpose.ADVISING)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")  # 王强: his overdue visit puts him first in Q1
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#which").value == late.id
        assert shown(form, "#which") == "move 11-26 11:00 visit (overdue)"
        assert form.query_one("#method").value == "visit"
        assert form.query_one("#purpose").value == "advising"
        form.query_one("#when").value = "tomorrow 10:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [moved] = store.contacts_of(lead_id)
        assert moved.id == late.id and moved.status is ContactStatus.PLANNED
        assert moved.at == NOW.replace(day=27, hour=10)
        assert (moved.method, moved.purpose) == (Method.VISIT, Purpose.ADVISING)
        await pilot.press("u")  # one step back: the plan is overdue again, still one
        assert [c.at for c in store.contacts_of(lead_id)] == [late.at]


async def test_cancelling_asks_for_the_next_step_as_logging_does(store, seeded, clock):
    lead_id = seeded["刘洋"]
    late = overdue_contact(store, clock, lead_id, Method.VISIT)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "delete")
        form = app.screen
        assert isinstance(form, CancelForm)
        assert text(app, ".dialog-title") == "Cancel the contact with 刘洋 (11-26 11:00 visit)?"
        assert form.query_one("#follow-at").value == "2026-12-10 09:00"  # Q3: two weeks
        await pilot.press("escape")  # kept: nothing changes without the confirmation
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert store.contacts[late.id].status is ContactStatus.PLANNED
        await pilot.press("delete")
        form = app.screen
        await pilot.press(*"customer away")
        form.query_one("#follow-at").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a next step" in text(app, "#cancel-error")
        assert app.focused is form.query_one("#follow-at")
        assert store.contacts[late.id].status is ContactStatus.PLANNED
        form.query_one("#follow-at").value = "fri 15:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        cancelled = store.contacts[late.id]
        assert (cancelled.status, cancelled.outcome) == (ContactStatus.CANCELLED, "customer away")
        follow = store.contacts[cancelled.follow_up_id]
        assert follow.status is ContactStatus.PLANNED and follow.at == NOW.replace(
            day=27, hour=15)
        assert lead_id not in store.unplanned
        assert plan_texts(app) == []  # the day's plan: the call is on Friday
        await pilot.press("u")  # the cancel and the new plan go back together
        await pilot.pause()
        assert store.contacts[late.id].status is ContactStatus.PLANNED
        assert cancelled.follow_up_id not in store.contacts
        assert "刘洋" in plan_texts(app)[0]


async def test_a_contact_of_a_lead_gone_dormant_is_cancelled_without_a_next_step(
        store, seeded, clock):
    lead_id = seeded["陈静"]
    late = overdue_contact(store, clock, lead_id, Method.PHONE)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "delete")
        form = app.screen
        assert isinstance(form, CancelForm)
        assert "陈静" in text(app, ".dialog-title") and "电话" in text(app, ".dialog-title")
        form.query_one("#follow-at").value = ""
        form.query_one("#lead-status").value = Status.DORMANT.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.contacts[late.id].status is ContactStatus.CANCELLED
        assert store.lead(lead_id).status is Status.DORMANT
        assert len(store.contacts_of(lead_id)) == 1


async def test_x_exports_in_the_plan_as_on_the_board_and_cancels_nothing(store, seeded, clock):
    late = overdue_contact(store, clock, seeded["刘洋"], Method.VISIT)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "m", "x")
        await pilot.pause()
        assert isinstance(app.screen, ExportForm)
        assert app.screen.query_one("#period").value == "month"
        assert app.screen.query_one("#path").value.endswith("leadboard-month.json")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert store.contacts[late.id].status is ContactStatus.PLANNED
        await pilot.press("question_mark")
        shown_keys = " ".join(str(s.render()) for s in app.screen.query(".help-section"))
        assert "Cancel contact" in shown_keys and "Export" in shown_keys
