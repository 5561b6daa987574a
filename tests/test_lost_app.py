"""A lead lost, as a rep marks it: every way there asks why and to whom in
one dialog with nothing chosen in advance; the answer lands in the lead's
history and as a lost deal of the market, and one undo takes back both."""

from __future__ import annotations

from datetime import timedelta

import pytest

from store.leadstore import LeadStore
from store.market_model import LostReason
from store.model import Method, Purpose, Status
from tui.app import LeadboardApp
from tui.screens.board import BoardScreen
from tui.screens.cancel_form import CancelForm
from tui.screens.lead_form import LeadForm
from tui.screens.log_form import LogForm
from tui.screens.lost_form import LostForm, ReasonList
from tui.screens.session import SessionScreen, SessionSummary

SIZE = (130, 45)


def error(app) -> str:
    return str(app.screen.query_one("#lost-error").render())


def deals(store: LeadStore) -> list:
    return list(store.records("lost_deals").values())


def fill(app, **values: str) -> None:
    for name, value in values.items():
        app.screen.query_one(f"#lost-{name}").value = value


async def lose_first_in_session(pilot, app) -> int:
    """A session, and ``x`` on its first lead (曾国): the dialog is open."""
    await pilot.press("t", "enter")
    assert isinstance(app.screen, SessionScreen)
    lead_id = app.screen.session.lead_id
    await pilot.press("x")
    assert isinstance(app.screen, LostForm)
    return lead_id


@pytest.mark.parametrize(("lang", "refused", "reason", "summary"), [
    ("en", "Pick a reason first: why was the deal lost?", "financing terms",
     "financing terms: 1"),
    ("zh", "请先选一个原因：这一单为什么丢了？", "付款条件", "付款条件：1"),
])
async def test_session_x_asks_with_nothing_chosen_and_saves_both_as_one(
        store, seeded, db_path, clock, lang, refused, reason, summary):
    store.edit_lead(seeded["曾国"], competitor="卡特")
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        lead_id = await lose_first_in_session(pilot, app)
        form = app.screen
        assert form.query_one(ReasonList).pressed_index == -1  # nothing chosen for the rep
        assert form.query_one("#lost-brand").value == "卡特"  # the lead's competitor, offered
        await pilot.press("ctrl+s")
        assert app.screen is form and error(app) == refused
        assert store.lead(lead_id).status is Status.ACTIVE and not deals(store)
        await pilot.press("2")  # financing terms
        fill(app, brand="caterpillar", model="320 GC", price="54.5万")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SessionScreen)
        lead = store.lead(lead_id)
        assert (lead.status, lead.reason, lead.competitor) == (Status.LOST, reason, "卡特")
        assert {e.field for e in lead.history} >= {"status", "reason"}
        await pilot.press("escape")
        assert isinstance(app.screen, SessionSummary)
        assert summary in str(app.screen.query_one("#summary-text").render())
    store.close()
    with LeadStore.open(db_path, clock=clock) as again:
        [deal] = deals(again)
        assert (deal.lead_id, deal.reason, deal.brand, deal.model, deal.price) == (
            lead_id, LostReason.FINANCING, "卡特", "320 GC", 545_000)
        assert (deal.on, deal.city) == (clock.now.date(), "临沂")
        assert again.lead(lead_id).history[-1].field in ("status", "reason", "competitor")


async def test_one_undo_takes_back_the_lead_and_its_lost_deal(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        lead_id = await lose_first_in_session(pilot, app)
        await pilot.press("1", "ctrl+s")
        assert store.lead(lead_id).status is Status.LOST and len(deals(store)) == 1
        await pilot.press("u")
        assert store.lead(lead_id).status is Status.ACTIVE and store.lead(lead_id).reason == ""
        assert not deals(store) and app.screen.session.lead_id == lead_id


async def test_esc_cancels_and_nothing_changes(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        lead_id = await lose_first_in_session(pilot, app)
        before = store.lead(lead_id)
        await pilot.press("3", "escape")
        assert isinstance(app.screen, SessionScreen) and app.screen.session.lead_id == lead_id
        assert store.lead(lead_id) == before and not deals(store) and store.undo_depth == 6


async def test_other_needs_the_reps_words(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        lead_id = await lose_first_in_session(pilot, app)
        await pilot.press("9", "ctrl+s")
        assert error(app) == "“Other”: say the reason in a few words."
        assert app.screen.focused.id == "lost-why" and not deals(store)
        await pilot.press(*"son took over", "enter")
        assert store.lead(lead_id).reason == "other: son took over"
        [deal] = deals(store)
        assert (deal.reason, deal.why, deal.brand, deal.price) == (
            LostReason.OTHER, "son took over", "", None)


@pytest.mark.parametrize(("typed", "price"), [
    ("54.5万", 545_000), ("545000", 545_000), ("５４５０００", 545_000), ("545,000", 545_000)])
async def test_a_price_as_reps_type_it(store, seeded, typed, price):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await lose_first_in_session(pilot, app)
        await pilot.press("1")
        fill(app, price=typed)
        await pilot.press("ctrl+s")
        assert [d.price for d in deals(store)] == [price]


@pytest.mark.parametrize(("lang", "typed", "said"), [
    ("en", "0", "Price: “0” cannot be a machine's price."),
    ("en", "cheap", "Price: “cheap” is not a price; write 54.5万 or 545000."),
    ("zh", "便宜", "成交价：“便宜”不是价格，请写 54.5万 或 545000。"),
])
async def test_a_price_that_is_not_one_is_refused_inline(store, seeded, lang, typed, said):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        lead_id = await lose_first_in_session(pilot, app)
        await pilot.press("1")
        fill(app, price=typed)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, LostForm) and error(app) == said
        assert app.screen.focused.id == "lost-price"
        assert store.lead(lead_id).status is Status.ACTIVE and not deals(store)


async def test_the_lead_forms_status_asks_and_esc_goes_back_to_the_form(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        lead_id = app.screen.selected_lead_id()
        await pilot.press("e")
        assert isinstance(app.screen, LeadForm)
        app.screen.query_one("#field-status").value = Status.LOST.value
        app.screen.query_one("#field-competitor").value = "sany"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, LostForm)
        assert app.screen.query_one("#lost-brand").value == "sany"
        await pilot.press("escape")  # back to the lead form, nothing saved
        assert isinstance(app.screen, LeadForm)
        assert store.lead(lead_id).status is Status.ACTIVE and not deals(store)
        await pilot.press("ctrl+s")
        await pilot.press("1", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        lead = store.lead(lead_id)
        assert (lead.status, lead.reason, lead.competitor) == (Status.LOST, "price", "三一")
        assert [(d.lead_id, d.brand) for d in deals(store)] == [(lead_id, "三一")]
        await pilot.press("u")
        assert store.lead(lead_id).status is Status.ACTIVE and not deals(store)


async def test_a_new_lead_entered_lost_gets_its_lost_deal(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.screen.query_one("#field-name").value = "赵六"
        app.screen.query_one("#field-status").value = Status.LOST.value
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, LostForm)
        await pilot.press("7", "ctrl+s")
        await pilot.pause()
        [deal] = deals(store)
        assert store.lead(deal.lead_id).name == "赵六"
        assert deal.reason is LostReason.PRODUCT_FIT and store.undo_label == "add_lead"


def plan_call(store, lead_id, clock):
    return store.schedule_contact(lead_id, clock.now + timedelta(hours=2), method=Method.PHONE,
                                  purpose=Purpose.SELL)


async def test_the_log_forms_status_asks_and_one_undo_takes_all_back(store, seeded, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        lead_id = app.screen.selected_lead_id()
        plan_call(store, lead_id, clock)
        await pilot.press("c")
        assert isinstance(app.screen, LogForm)
        app.screen.query_one("#lead-status").value = Status.LOST.value
        app.screen.query_one("#follow-at").value = ""
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, LostForm)
        await pilot.press("escape")
        assert isinstance(app.screen, LogForm) and not deals(store)
        await pilot.press("ctrl+s")
        await pilot.press("4")
        fill(app, brand="xcmg", price="48万")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert store.lead(lead_id).status is Status.LOST
        assert store.lead(lead_id).reason == "relationship"
        assert [(d.brand, d.price) for d in deals(store)] == [("徐工", 480_000)]
        assert store.undo_label == "log_contact"
        await pilot.press("u")
        assert store.lead(lead_id).status is Status.ACTIVE and not deals(store)
        assert [c.status.value for c in store.contacts_of(lead_id)] == ["planned"]


async def test_cancelling_a_contact_and_losing_the_lead_asks_too(store, seeded, clock):
    lead_id = seeded["张伟"]
    call = plan_call(store, lead_id, clock)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CancelForm(store.lead(lead_id), call))
        await pilot.pause()
        app.screen.query_one("#lead-status").value = Status.LOST.value
        app.screen.query_one("#follow-at").value = ""
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, LostForm)
        await pilot.press("8", "ctrl+s")
        await pilot.pause()
        assert store.lead(lead_id).reason == "最终没有预算"
        assert [d.reason for d in deals(store)] == [LostReason.NO_BUDGET]


async def test_a_lead_lost_already_is_not_asked_again(store, seeded):
    lead_id = seeded["张伟"]
    store.edit_lead(lead_id, status=Status.LOST, reason="price")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.jump_to(lead_id)
        await pilot.press("e")
        app.screen.query_one("#field-notes").value = "went with the rental"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and not deals(store)
        assert store.lead(lead_id).notes == "went with the rental"
