"""Opening the detail pane and the search bar: the screen shows them whole in
their first frame, and the board keeps the lines it has drawn."""

from tests.test_board import SIZE
from tui.app import LeadboardApp
from widgets.detail_pane import DetailPane
from widgets.lead_list import LeadList


def record_screens(app, monkeypatch) -> list[list[str]]:
    """The whole screen's text after each frame the compositor paints."""
    from textual._compositor import Compositor

    screens: list[list[str]] = []
    render_update = Compositor.render_update

    def recorded(compositor, *args, **kwargs):
        update = render_update(compositor, *args, **kwargs)
        if update is not None:
            screens.append([strip.text for strip in compositor.render_strips()])
        return update

    monkeypatch.setattr(Compositor, "render_update", recorded)
    return screens


async def test_the_detail_pane_is_whole_in_its_first_frame(store, seeded, monkeypatch):
    # Details longer than the pane: its scroll bar came a frame after the
    # pane, with the text cut anew one cell narrower.
    app = LeadboardApp(store, "en")
    async with app.run_test(size=(SIZE[0], 16)) as pilot:
        await pilot.pause()
        screens = record_screens(app, monkeypatch)
        await pilot.press("enter")
        await pilot.pause(0.2)
        monkeypatch.undo()
        pane = app.screen.query_one(DetailPane)
        assert pane.virtual_size.height > pane.scrollable_content_region.height
        assert screens and all(screen == screens[-1] for screen in screens)


async def test_opening_and_closing_the_search_keeps_the_lines_the_lists_drew(store, seeded):
    # The board losing the focus worked out the styles of every place's title
    # and list again, and a list then draws all its lines anew.
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lists = list(app.screen.query(LeadList))
        before = [(lead_list, lead_list.render_line(1)) for lead_list in lists
                  if len(lead_list.rows) > 1]
        assert before
        await pilot.press("slash")
        await pilot.pause()
        assert all(lead_list.render_line(1) is line for lead_list, line in before)
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert app.focused is app.screen.board
        assert all(lead_list.render_line(1) is line for lead_list, line in before)


async def test_opening_the_detail_pane_matches_no_styles_again(store, seeded, monkeypatch):
    # A class toggled on the pane had Textual match every rule again for the
    # pane and what is in it, which took longer than drawing its text.
    restyled: list[object] = []
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        for node in (pane, *pane.query("*")):
            monkeypatch.setattr(node, "notify_style_update", lambda node=node: restyled.append(node))
        await pilot.press("enter")
        await pilot.pause()
        assert pane.display and pane.region.width > 0
        name = app.store.lead(app.screen.selected_lead_id()).name
        assert name in str(pane.query_one("#detail-heading").render())
        await pilot.press("enter")
        await pilot.pause()
        assert not pane.display and pane.region.width == 0
    assert restyled == []


async def test_the_detail_pane_opens_and_closes_in_one_layout(store, seeded):
    """Each list, pane and the board changes size: Textual laid the whole
    screen out a second time, a frame later, because their virtual size
    changed too (a size only a scrolling widget needs a layout for). The
    pane's first opening still takes two: Textual's scroll bar, laid out
    for the first time, asks for one of its own."""
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        layouts: list[object] = []
        app.screen.screen_layout_refresh_signal.subscribe(app.screen, layouts.append)
        for opening, shown in enumerate((True, False, True, False)):
            layouts.clear()
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert app.screen.query_one(DetailPane).display is shown
            assert len(layouts) == (2 if opening == 0 else 1), layouts


async def test_the_search_bar_opens_and_closes_in_one_layout(store, seeded):
    """The bar takes room from the board's row: its own virtual size and the
    row's changed with it, and Textual laid the screen out a second time."""
    from widgets.search_bar import SearchBar

    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        layouts: list[object] = []
        app.screen.screen_layout_refresh_signal.subscribe(app.screen, layouts.append)
        for key, shown in (("slash", True), ("escape", False), ("slash", True)):
            layouts.clear()
            await pilot.press(key)
            await pilot.pause(0.3)
            assert app.screen.query_one(SearchBar).display is shown
            assert len(layouts) == 1, layouts
