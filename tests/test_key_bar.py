"""The key bar at the bottom of the board: what it shows, and clicks on it."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from store.leadstore import LeadStore
from store.model import Status
from tests.test_board import shown
from tui.app import LeadboardApp
from tui.screens.help import HelpScreen
from widgets.key_bar import KeyBar

SIZE = (130, 40)


def bar_text(app: LeadboardApp) -> str:
    bar = app.screen.query_one(KeyBar)
    return "\n".join("".join(segment.text for segment in bar.render_line(y))
                     for y in range(bar.size.height))


async def test_the_bar_shows_the_board_keys_in_the_users_language(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert "撤销" in text and "帮助" in text
        assert text.rstrip().endswith("命令")  # the palette's key sits at the right end
        assert cell_len(text) == SIZE[0]


async def test_clicking_a_key_does_what_the_key_does(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        bar_text(app)
        start = next(start for start, _end, hint in bar._spans if hint.key == "question_mark")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_narrow_bar_keeps_help_and_search_and_the_sessions_way_out(store, seeded):
    # At 80 columns not every key fits: the rest wait in the help screen,
    # and the keys to reach it (and search) stay; in a session, skip, undo, end.
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert "? 帮助" in text and "/ 搜索" in text and "1 →Q1" in text
        assert cell_len(text) == 80
        bar = app.screen.query_one(KeyBar)
        start = next(start for start, _end, hint in bar._spans if hint.key == "question_mark")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "t", "enter")
        await pilot.pause()
        text = bar_text(app)
        assert "跳过" in text and "撤销" in text and "esc 结束" in text


async def test_clicking_a_key_moves_the_lead_and_saves_it(store, seeded, db_path, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lead_id = app.screen.selected_lead_id()
        bar_text(app)
        bar = app.screen.query_one(KeyBar)
        start = next(start for start, _end, hint in bar._spans if hint.key == "4")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert app.screen.index.place_of(lead_id) == 4
    store.close()
    reopened = LeadStore.open(db_path, clock=clock)
    lead = reopened.lead(lead_id)
    assert lead.intent < 3 and lead.funding < 3
    reopened.close()


async def test_the_bar_follows_the_focus_into_the_search_bar(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "→Q1" in bar_text(app)
        await pilot.press("slash")
        await pilot.pause()
        text = bar_text(app)
        assert "Clear and close" in text and "→Q1" not in text


async def test_a_dialog_shows_its_own_keys_not_the_boards(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        for key in ("s", "c"):  # schedule a contact, log one
            await pilot.press(key)
            await pilot.pause()
            text = bar_text(app)
            assert "^s 保存" in text and "esc 取消" in text and "→Q1" not in text
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
@pytest.mark.parametrize(("lang", "decisions"), [
    ("zh", ["1 Q1", "4 Q4", "s 安排接触", "d 暂停", "w 成交", "x 流失", "← 上一个",
            "space 跳过", "u 撤销", "esc 结束", "? 帮助"]),
    ("en", ["1 Q1", "4 Q4", "s Schedule", "d Dormant", "w Won", "x Lost", "← Back",
            "space Skip", "u Undo", "esc End", "? Help"]),
])
async def test_a_session_shows_every_decision_key_at_every_width(store, seeded, size, lang,
                                                                 decisions):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("t", "enter")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        lines = shown(app, bar)
        assert len(lines) == (2 if size[0] < 120 else 1)
        for key in decisions:
            assert any(key in line for line in lines), (key, lines)
        # A key on the second line is clicked like any other.
        y, start = next((y, start) for y in range(len(lines))
                        for start, _end, hint in bar._line_spans[y] if hint.key == "w")
        lead_id = app.screen.session.lead_id
        await pilot.click(KeyBar, offset=(start + 1, y))
        await pilot.pause()
        assert store.lead(lead_id).status == Status.WON
