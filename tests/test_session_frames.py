"""A triage session as the rep starts it: the first lead is in the first
frame of the session, not blank there and filled in a frame later."""

from tui.app import LeadboardApp
from tui.screens.session import SessionScreen
from widgets.lead_sheet import LeadSheet

SIZE = (130, 40)


async def test_the_first_lead_is_in_the_sessions_first_frame(store, seeded, monkeypatch):
    drawn: list[str] = []
    draw = LeadSheet.render_lines

    def noting(sheet: LeadSheet, crop):
        strips = draw(sheet, crop)
        if crop.y == 0 and strips:
            drawn.append(strips[0].text.strip())
        return strips

    monkeypatch.setattr(LeadSheet, "render_lines", noting)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SessionScreen)
        name = store.lead(app.screen.session.lead_id).name
        assert drawn and drawn[0] == name, drawn
