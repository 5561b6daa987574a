"""Leaving a form: nothing typed closes at once; typing is never lost to one Esc."""

import pytest

from store.leadstore import LeadStore
from tests.conftest import SEED
from tests.test_cjk_overlay_fix import screen_text
from tui.app import LeadboardApp
from tui.screens.contact_form import ContactForm
from tui.screens.form import DiscardTyping
from tui.screens.lead_form import LeadForm
from tui.screens.log_form import LogForm
from widgets.quadrant_board import QuadrantBoard

SIZE = (130, 44)


async def test_an_analysis_survives_a_stray_escape_and_goes_only_when_confirmed(
        store, seeded, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, LogForm)
        await pilot.press(*"went to the site")
        await pilot.press("tab", "tab")
        await pilot.press(*"price sheet out of date")
        await pilot.press("escape")
        assert isinstance(app.screen, DiscardTyping)
        assert "Throw away what you typed?" in screen_text(app)
        await pilot.press("escape")  # back to the form, the typing as it was
        assert app.screen is form
        assert form.query_one("#outcome").value == "went to the site"
        assert form.query_one("#went_wrong").value == "price sheet out of date"
        await pilot.press("escape", "enter")  # enter keeps the typing too
        assert app.screen is form
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
    assert store.contacts_of(seeded["张伟"]) == []
    store.close()
    again = LeadStore.open(store.path, clock=clock, read_only=True)
    assert again.contacts_of(seeded["张伟"]) == []
    again.close()


@pytest.mark.parametrize(("key", "form_type"), [
    ("n", LeadForm), ("e", LeadForm), ("c", LogForm), ("s", ContactForm)])
async def test_a_form_with_nothing_typed_closes_at_once(store, seeded, key, form_type):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, form_type)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)


@pytest.mark.parametrize(("key", "field"), [
    ("n", "#field-company"), ("e", "#field-company"), ("s", "#place"), ("c", "#went_well")])
async def test_each_form_asks_before_throwing_typing_away(store, seeded, key, field):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        form = app.screen
        await pilot.click(field)
        await pilot.press(*"临沂")
        form.query_one("#cancel").scroll_visible(animate=False)  # below the lead form's fold
        await pilot.pause()
        await pilot.click("#cancel")
        assert isinstance(app.screen, DiscardTyping)
        assert "放弃刚才填写的内容？" in screen_text(app)
        assert "y 放弃" in screen_text(app).splitlines()[-1]
        await pilot.click("#discard-keep")
        assert app.screen is form
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
    assert [(lead.name, lead.company) for lead in store.leads.values()] == [
        (name, company) for name, company, _, _ in SEED]
    assert not store.contacts


async def test_changing_only_a_choice_counts_as_typing(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        app.screen.query_one("#field-has_project").value = True
        await pilot.press("escape")
        assert isinstance(app.screen, DiscardTyping)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
    assert store.lead(seeded["张伟"]).has_project is False
