"""The plan screen as a rep works it: overdue rows named so, a reschedule
that says what it moves, cancelling with the next step, and `s` that moves
an open plan instead of adding a second one."""

from datetime import timedelta

from store.model import Method, Purpose
from tests.conftest import NOW
from tests.test_plans_app import SIZE, overdue_contact, plan_texts, text
from tui.app import LeadboardApp
from tui.screens.reschedule import RescheduleForm


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
