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


async def test_the_session_is_put_together_while_its_start_is_read(store, seeded, clock):
    # Its key then only shows it; the clock starts at the key, and the screen
    # goes once the session is over, or when the rep does not start it.
    from tui.screens.session import SessionStart

    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        for start_key in ("escape", "enter"):
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, SessionStart)
            ahead = next(screen for screen in app._installed_screens.values()
                         if isinstance(screen, SessionScreen))
            assert ahead.is_mounted and ahead not in app.screen_stack
            clock.advance(minutes=5)  # the rep reads what the queue holds
            await pilot.press(start_key)
            await pilot.pause()
            if start_key == "escape":
                assert not app.is_screen_installed(ahead) and not ahead.is_attached
                continue
            assert app.screen is ahead
            assert "00:00" in str(ahead.query_one("#session-progress").render())
            await pilot.press("escape")  # the summary
            await pilot.press("escape")
            await pilot.pause(0.2)
            assert not app.is_screen_installed(ahead) and not ahead.is_attached
