"""Chinese text in a box drawn over the board's panes (the welcome, a toast)
keeps every character where the panes beneath meet; and Textual's own
compositor still cuts them (issue 6357), or tui/cjk_overlay_fix.py could go."""

from __future__ import annotations

import textual
from textual._compositor import Compositor

from tui.app import LeadboardApp
from tui.cjk_overlay_fix import FOR_VERSIONS, textual_render_chops, textual_version

WIDE = (110, 30)  # the welcome box crosses the edges of Q1, Q2 and the tray
WELCOME = ("看板还是空的。按 n 添加第一个客户。", "请按 q 退出，然后运行：",
           "（在源码目录中：make demo）", "它会把演示客户写进单独的文件并打开。")
TOAST = "未评级的客户放在待评级栏里，先给它评级再移动到象限中去吧"


def screen_text(app: LeadboardApp) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def welcome_shown(store) -> str:
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        return screen_text(app)


async def toast_shown(store) -> str:
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        app.notify(TOAST, timeout=30)
        await pilot.pause(0.5)
        # The toast wraps its text: read its characters in screen order.
        return "".join(char for char in screen_text(app) if char in TOAST)


async def test_the_welcome_keeps_every_chinese_character(store):
    shown = await welcome_shown(store)
    for line in WELCOME:
        assert line in shown


async def test_a_toast_keeps_every_chinese_character(store, seeded):
    assert TOAST in await toast_shown(store)


def test_the_fix_is_in_place_for_this_textual():
    from tui.cjk_overlay_fix import _render_chops

    assert textual.__version__.startswith(FOR_VERSIONS), (
        f"Textual {textual.__version__}: see whether it still cuts Chinese characters "
        "(the tests below, with FOR_VERSIONS widened), then widen it or remove the fix")
    assert Compositor._render_chops is _render_chops


def test_the_version_read_at_start_is_textuals_own():
    assert textual_version() == textual.__version__


async def test_textual_alone_still_cuts_them(store, seeded, monkeypatch):
    monkeypatch.setattr(Compositor, "_render_chops", textual_render_chops)
    welcome = await welcome_shown(store)
    toast = await toast_shown(store)
    whole = all(line in welcome for line in WELCOME) and TOAST in toast
    assert not whole, ("Textual now keeps Chinese characters whole over the edges of "
                       "widgets beneath: remove tui/cjk_overlay_fix.py")
