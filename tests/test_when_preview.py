"""The line under a plan's date field says at once, as the rep types, when the
time typed has already passed: saving it would be refused."""

from datetime import timedelta

from store.model import Method, Purpose
from tests.conftest import NOW
from tui.app import LeadboardApp
from tui.screens.contact_form import ContactForm
from tui.screens.log_form import LogForm
from tui.screens.reschedule import RescheduleForm

SIZE = (130, 44)


def said(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def retype(pilot, text: str) -> None:
    """Empty the focused field and type ``text`` key by key, as a rep does."""
    await pilot.press("ctrl+a", "ctrl+k", *text)
    await pilot.pause()


async def test_scheduling_says_at_once_that_the_time_has_passed_in_chinese(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")  # 张伟; the clock says Thursday 10:00
        assert isinstance(app.screen, ContactForm)
        assert "已经过去" not in said(app, "#when-said")
        await retype(pilot, "今天上午")  # 9:00: an hour ago
        assert "2026-11-26 周四 09:00" in said(app, "#when-said")
        assert "已经过去" in said(app, "#when-said")
        assert app.screen.query_one("#when-said").has_class("-past")
        assert store.contacts_of(seeded["张伟"]) == []
        await pilot.press(*"十一点")  # 今天上午十一点: still ahead
        await pilot.pause()
        assert "2026-11-26 周四 11:00" in said(app, "#when-said")
        assert "已经过去" not in said(app, "#when-said")
        assert not app.screen.query_one("#when-said").has_class("-past")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [contact] = store.contacts_of(seeded["张伟"])
        assert contact.at == NOW.replace(hour=11)


async def test_the_follow_up_says_at_once_that_the_time_has_passed(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # 张伟
        assert isinstance(app.screen, LogForm)
        app.screen.query_one("#follow-at").focus()
        await retype(pilot, "yesterday 3pm")
        assert "Wed 2026-11-25 15:00" in said(app, "#follow-said")
        assert "already passed" in said(app, "#follow-said")
        await retype(pilot, "tmrw 3pm")
        assert "Fri 2026-11-27 15:00" in said(app, "#follow-said")
        assert "already passed" not in said(app, "#follow-said")


async def test_moving_an_overdue_contact_says_its_time_has_passed_until_a_new_one_is_typed(
        store, seeded, clock):
    store.schedule_contact(seeded["李娜"], NOW + timedelta(minutes=30), method=Method.PHONE,
                           purpose=Purpose.SELL)
    clock.advance(hours=1)  # 11:00: the 10:30 call is overdue
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "d", "r")
        assert isinstance(app.screen, RescheduleForm)
        assert "Thu 2026-11-26 10:30" in said(app, "#when-said")
        assert "already passed" in said(app, "#when-said")
        await retype(pilot, "noon")
        assert "Thu 2026-11-26 12:00" in said(app, "#when-said")
        assert "already passed" not in said(app, "#when-said")
