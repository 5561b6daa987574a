"""Chinese text in a box drawn over the board's panes (the welcome, a toast)
keeps every character where the panes beneath meet."""

from __future__ import annotations

import re

from rich.cells import cell_len

from tui.app import LeadboardApp

WIDE = (110, 30)  # the welcome box crosses the edges of Q1, Q2 and the tray


def screen_text(app: LeadboardApp) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def test_the_welcome_keeps_every_chinese_character(store):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        for line in ("看板还是空的。按 n 添加第一个客户。", "请按 q 退出，然后运行：",
                     "（在源码目录中：make demo）", "它会把演示客户写进单独的文件并打开。"):
            assert line in shown


async def test_a_toast_keeps_every_chinese_character(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        text = "未评级的客户放在待评级栏里，先给它评级再移动到象限中去吧"
        app.notify(text, timeout=30)
        await pilot.pause(0.5)
        # The toast wraps its text: read its characters in screen order.
        shown = "".join(char for char in screen_text(app) if char in text)
        assert text in shown


def lines_of(chops, crop, rendered):
    """Each drawn line of a chops structure: column -> (character, style)."""
    out = {}
    for y in crop.line_range:
        if not rendered(y):
            continue
        cells = {}
        for x, strip in chops[y].items():
            for segment in strip or ():
                for char in segment.text:
                    cells[x] = (char, segment.style)
                    x += 1
        out[y] = cells
    return out


async def test_what_is_drawn_is_what_textual_draws_where_no_wide_character_is_cut(store, seeded):
    from textual.geometry import Region

    from tui.compositor import _render_chops, textual_render_chops

    app = LeadboardApp(store, "en")  # English: no wide character to cut
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("enter", "down")  # the details open, beside the board
        compositor = app.screen._compositor
        crops = [
            compositor.size.region,  # the whole screen
            Region(1, 4, 45, 2),  # two lines of Q1's list, as a cursor move
            Region(0, 3, 130, 16),  # across the panes, the tray and the details
        ]
        for crop in crops:
            def rendered(y):
                return crop.y <= y < crop.bottom
            ours = lines_of(_render_chops(compositor, crop, rendered), crop, rendered)
            textual = lines_of(textual_render_chops(compositor, crop, rendered), crop, rendered)
            assert ours.keys() == textual.keys()
            for y in ours:
                for x in range(crop.x, crop.right):
                    assert ours[y].get(x) == textual[y].get(x), (crop, x, y)


TERMINAL_CODE = re.compile(r"\x1b\[(\d+);(\d+)H|\x1b\[([0-9;]*)m|\n|(.)", re.S)


def on_terminal(output: str, screen: dict | None = None) -> dict[tuple[int, int], tuple]:
    """The cells a terminal shows after ``output`` (on top of ``screen``):
    (column, row) -> (character, the colour codes in force). Enough of a
    terminal for what Textual writes: cursor moves, colours and text."""
    cells = dict(screen or {})
    x = y = 0
    codes: tuple[str, ...] = ()
    for match in TERMINAL_CODE.finditer(output):
        row, column, sgr, char = match.groups()
        if row is not None:
            x, y = int(column) - 1, int(row) - 1
        elif sgr is not None:
            codes = () if sgr in ("", "0") else codes + (sgr,)
        elif char is not None:
            cells[x, y] = (char, codes)
            if cell_len(char) == 2:  # a wide character takes the next cell too
                x += 1
                cells[x, y] = ("", codes)
            x += 1
    return cells


def partial_updates_match(app, compositor, changes, monkeypatch, changed=None) -> None:
    """Ours and Textual's partial update leave the terminal showing the same,
    and what the screen now is. Before each, the terminal shows the screen with
    the cells in the changed regions wiped, except those of widgets in front
    that did not change (``changed``: the widgets that did; None: all)."""
    from textual._compositor import Compositor

    from tui.compositor import (_render_partial_update, textual_render_chops,
                                textual_render_partial_update)

    now = on_terminal(compositor.render_full_update().render_segments(app.console))
    for regions in changes:
        before = dict(now)
        for region in regions:
            for y in region.line_range:
                for x in range(region.x, region.right):
                    if changed is None or compositor.get_widget_at(x, y)[0] in changed:
                        before[x, y] = ("?", ())
        compositor._dirty_regions = set(regions)
        ours = on_terminal(_render_partial_update(compositor).render_segments(app.console),
                           before)
        with monkeypatch.context() as patch:
            patch.setattr(Compositor, "_render_chops", textual_render_chops)
            compositor._dirty_regions = set(regions)
            textual = on_terminal(
                textual_render_partial_update(compositor).render_segments(app.console), before)
        assert ours == textual, regions
        assert ours == now, regions


async def test_a_partial_update_writes_what_textual_writes(store, seeded, monkeypatch):
    from textual.geometry import Region

    app = LeadboardApp(store, "en")
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("enter", "down")
        partial_updates_match(app, app.screen._compositor, [
            [Region(1, 4, 45, 1), Region(1, 5, 45, 1)],  # a cursor move in Q1
            [Region(1, 3, 45, 16), Region(48, 22, 45, 16), Region(0, 0, 130, 1)],  # a move
            [Region(0, 2, 130, 3)],  # across every pane
            [Region(0, 4, 47, 1), Region(40, 6, 60, 2), Region(46, 9, 1, 3)],  # over edges
        ], monkeypatch)


async def test_a_sheet_beside_its_scroll_bar_is_drawn_as_textual_draws_it(store, seeded,
                                                                         monkeypatch):
    """The session's lead is drawn in lines narrower than its region (its
    scroll bar takes the rest): the bar, and what is behind, still show."""
    from textual.geometry import Region

    app = LeadboardApp(store, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t", "enter")
        compositor = app.screen._compositor
        width = compositor.size.width
        partial_updates_match(app, compositor, [
            [Region(1, 3, width - 4, 2)],  # lines of the lead, not the bar
            [Region(0, 1, width, 6)],  # the lead and its bar
            [Region(width - 3, 2, 3, 10)],  # the bar alone
        ], monkeypatch)
        whole = compositor.size.region

        def every(_y):
            return True
        from tui.compositor import _render_chops, textual_render_chops
        ours = lines_of(_render_chops(compositor, whole, every), whole, every)
        textual = lines_of(textual_render_chops(compositor, whole, every), whole, every)
        assert ours == textual


async def test_a_partial_update_under_a_toast_writes_what_textual_writes(store, seeded,
                                                                         monkeypatch):
    """A toast over the board's panes while the lists beneath it change
    (in English: no wide character for Textual to cut at the panes' edges)."""
    from textual.geometry import Region

    app = LeadboardApp(store, "en")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        app.notify("Ungraded leads wait in the tray: grade them before moving them "
                   "to a quadrant of the board", timeout=30)
        await pilot.pause(0.5)
        await pilot.press("down")
        compositor = app.screen._compositor
        width = compositor.size.width
        board = app.screen.board
        lists = {board.lead_list(place) for place in (0, 1, 2, 3, 4)}
        partial_updates_match(app, compositor, [
            [Region(1, 22, 45, 3), Region(48, 22, 45, 3)],  # lists under the toast
            [Region(width - 26, 20, 26, 8)],  # the tray, with the toast over part of it
            [Region(60, 24, 30, 1)],  # a part of a line, across the toast's edge
        ], monkeypatch, changed=lists)
        partial_updates_match(app, compositor, [[Region(0, 0, width, 30)]], monkeypatch)
