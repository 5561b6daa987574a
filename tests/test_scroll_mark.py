"""A long quadrant: the scroll mark in its last column, the wheel, a click on the mark."""

from __future__ import annotations

from textual import events

from tui.app import LeadboardApp

SIZE = (130, 40)
MANY = 200


def fill_q1(store) -> None:
    """Many strong leads, all in Q1: more than its pane shows."""
    for n in range(MANY):
        store.add_lead(f"客户{n:03d}", company="临沂宏达", city="临沂", intent=5, funding=5)


def mark_column(lead_list) -> list[str]:
    """Which lines of the mark show the view (thumb) and which the rest (track)."""
    thumb = lead_list._styles()["thumb"]
    return ["thumb" if line._segments[-1].style == thumb else "track"
            for line in (lead_list.render_line(y) for y in range(lead_list.size.height))]


async def test_a_long_list_shows_where_the_view_is(store):
    fill_q1(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        q1 = app.screen.board.lead_list(1)
        marks = mark_column(q1)
        assert marks[0] == "thumb" and marks[-1] == "track"
        await pilot.press("end")
        await pilot.pause()
        marks = mark_column(q1)
        assert marks[0] == "track" and marks[-1] == "thumb"
        # The rows themselves lose one column to the mark and no more.
        assert q1.render_line(0).cell_length == q1.size.width


async def test_a_short_list_has_no_mark(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE):
        q1 = app.screen.board.lead_list(1)
        assert not q1.overflows
        assert q1.render_line(0).cell_length == q1.size.width


async def test_the_wheel_scrolls_a_long_list(store):
    fill_q1(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        q1 = app.screen.board.lead_list(1)
        x, y = q1.region.x + 2, q1.region.y + 2
        # As the terminal reports a turn of the wheel over the list.
        app.post_message(events.MouseScrollDown(None, x, y, 0, 1, 0, False, False, False,
                                                screen_x=x, screen_y=y))
        await pilot.pause()
        await pilot.pause()
        assert q1.top > 0


async def test_a_click_on_the_mark_jumps_there(store):
    fill_q1(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        q1 = app.screen.board.lead_list(1)
        height = q1.size.height
        await pilot.click("#list-1", offset=(q1.size.width - 1, height - 1))
        await pilot.pause()
        assert q1.cursor >= MANY * (height - 1) // height
        assert q1.top > 0
        assert q1.lead_id == q1.rows[q1.cursor].lead_id


async def test_a_list_draws_what_textual_s_styles_would_draw(store, monkeypatch):
    """The list draws its lines itself, past Textual's styles cache: what
    reaches the screen must be the same, with the mark, the cursor, an empty
    list's text and the app's colour filters, whole lines or parts of them."""
    from textual.geometry import Region
    from textual.widget import Widget

    fill_q1(store)
    monkeypatch.setenv("NO_COLOR", "1")  # a filter that changes every colour
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "pagedown")
        await pilot.pause()
        board = app.screen.board
        for lead_list in (board.lead_list(1), board.lead_list(2)):  # long, and empty
            width, height = lead_list.size
            for crop in (Region(0, 0, width, height), Region(3, 2, width - 10, 4)):
                ours = lead_list.render_lines(crop)
                lead_list._styles_cache.clear()
                textual = Widget.render_lines(lead_list, crop)
                assert [list(strip) for strip in ours] == [list(strip) for strip in textual]
        assert lead_list._plain()


async def test_plain_lines_draw_what_textual_s_styles_would_draw(store, monkeypatch):
    """Titles, the status line and the search's matches draw past the styles
    cache too, with the padding at their sides: the same cells reach the screen."""
    from textual.geometry import Region
    from textual.widget import Widget

    from widgets.match_list import MatchList
    from widgets.plain_lines import PlainLines

    fill_q1(store)
    store.add_lead("张三", company="一个名字很长很长很长很长很长的土石方工程有限公司", intent=1,
                   funding=5)
    monkeypatch.setenv("NO_COLOR", "1")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=(80, 24)) as pilot:  # narrow: titles cut short
        await pilot.press("slash", "z", "s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        widgets = list(app.screen.query(PlainLines))
        assert {type(w).__name__ for w in widgets} >= {"StatusLine", "MatchList", "LeadList"}
        assert any(w.styles.padding.left for w in widgets)
        assert all(w._plain() for w in widgets)  # each drawn its own way, not Textual's
        assert app.screen.query_one(MatchList).count == 1
        # What is worked out once (padding, background, styles through the
        # line filters) follows a change of theme, and of the filters with it.
        for theme, ansi in ((None, None), ("textual-light", None), (None, True), (None, False)):
            if theme:
                app.theme = theme
            app.ansi_color = ansi  # True: the colour filter off; False: on
            await pilot.pause()
            for widget in widgets:
                assert widget._background() == widget.background_colors[1]
                width, height = widget.outer_size
                for crop in (Region(0, 0, width, height), Region(2, 0, max(width - 5, 1), 1)):
                    ours = widget.render_lines(crop)
                    widget._styles_cache.clear()
                    textual = Widget.render_lines(widget, crop)
                    assert cells(ours) == cells(textual), (theme, ansi, widget)


def cells(strips) -> list[list[tuple[str, object]]]:
    """Each line as its characters and their styles, however it is cut into segments."""
    return [[(char, seg.style) for seg in strip for char in seg.text] for strip in strips]


async def test_a_list_follows_a_change_of_the_app_s_line_filters(store):
    """A list filters its styles once, not each line: when the app's filters
    change, it draws with them from then on, as Textual would."""
    from textual.filter import Monochrome
    from textual.geometry import Region
    from textual.widget import Widget

    fill_q1(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        lead_list = app.screen.board.lead_list(1)
        crop = Region(0, 0, *lead_list.size)
        coloured = cells(lead_list.render_lines(crop))
        app._filters.append(Monochrome())
        try:
            lead_list.refresh()
            await pilot.pause()
            ours = cells(lead_list.render_lines(crop))
            lead_list._styles_cache.clear()
            assert ours == cells(Widget.render_lines(lead_list, crop)) and ours != coloured
        finally:
            app._filters.pop()
