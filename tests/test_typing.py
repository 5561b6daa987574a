"""Typing at full speed: every key lands in the field that had the focus
when it was typed, in order, none lost. An input method commits a word as one
burst of keys; a rep then types the next field key by key, a little faster
than the app settles. Keys here come the way the terminal delivers them:
posted to the app as they arrive, without waiting for the one before."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest
from textual import events
from textual.widget import Widget
from textual.widgets import Input

from tests.conftest import seed
from tui.app import LeadboardApp
from tui.screens.board import BoardScreen

SIZE = (130, 40)
IME_WORD = "临沂宏远土石方"
PHONE = "13681245789"
# Gaps between keys seen in a real terminal: 50-80 ms, sometimes less.
GAPS = (0.05, 0.08, 0.02, 0.06)


def key(app: LeadboardApp, name: str) -> None:
    name = "space" if name == " " else name
    character = {"tab": "\t", "enter": "\r", "slash": "/", "escape": "\x1b",
                 "space": " "}.get(name)
    app.post_message(events.Key(name, character or (name if len(name) == 1 else None)))


def burst(app: LeadboardApp, keys: Sequence[str]) -> None:
    """Keys that arrive together: a word committed by an input method."""
    for name in keys:
        key(app, name)


async def spaced(app: LeadboardApp, keys: Sequence[str]) -> None:
    """Keys typed one by one, faster than the app may settle between them."""
    for n, name in enumerate(keys):
        await asyncio.sleep(GAPS[n % len(GAPS)])
        key(app, name)


async def until(pilot, done, timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if done():
            return
        await pilot.pause(0.02)


def inputs_ahead(app: LeadboardApp, count: int) -> list[tuple[Input, int]]:
    """The first ``count`` text fields from the focus on, each with the
    number of tabs that reach it from the field before."""
    chain = app.screen.focus_chain
    start = chain.index(app.focused)
    found, last = [], start
    for place, widget in enumerate(chain[start:], start):
        if isinstance(widget, Input) and not widget.disabled:
            found.append((widget, place - last))
            last = place
            if len(found) == count:
                break
    return found


def values(widgets: Sequence[Widget]) -> list[str]:
    return [w.value for w in widgets]  # type: ignore[attr-defined]


async def fill_three(app: LeadboardApp, pilot, texts: Sequence[str]) -> None:
    """Three fields filled as a rep does: the first word committed at once,
    tabs, the second typed key by key, tab, the third as a burst again, and
    the fields hold exactly what was typed into them."""
    await until(pilot, lambda: isinstance(app.focused, Input))
    fields = inputs_ahead(app, 3)
    assert len(fields) == 3, [type(w).__name__ for w in app.screen.focus_chain]
    before = [w.value for w, _ in fields]
    (first, _), (second, tabs_2), (third, tabs_3) = fields
    burst(app, [*texts[0], *["tab"] * tabs_2])
    await spaced(app, [*texts[1], *["tab"] * tabs_3])
    burst(app, texts[2])
    # A field that selects its text on focus is typed over, as in any editor.
    expected = [text if w.select_on_focus and b else b + text
                for (w, _), b, text in zip(fields, before, texts)]
    await until(pilot, lambda: values([first, second, third]) == expected)
    assert values([first, second, third]) == expected
    assert app.focused is third


@pytest.fixture
def app(store) -> LeadboardApp:
    seed(store)
    return LeadboardApp(store, "zh")


async def test_the_new_lead_form_gets_each_word_in_its_field(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await fill_three(app, pilot, ["王伟", IME_WORD, PHONE])


@pytest.mark.parametrize("round_", range(3))
async def test_the_form_opening_key_and_the_words_after_it_come_together(app, round_):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, ["n", *"王伟", "tab", *IME_WORD, "tab"])
        await spaced(app, PHONE)
        await until(pilot, lambda: values(app.screen.query(Input))[:3]
                    == ["王伟", IME_WORD, PHONE])
        assert values(app.screen.query(Input))[:3] == ["王伟", IME_WORD, PHONE]


async def test_the_edit_form_takes_each_word_in_its_field(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await fill_three(app, pilot, ["伟", "土方", "13800000000"])


async def test_the_schedule_form_gets_each_word_in_its_field(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await fill_three(app, pilot, ["明天 9:30", "北城工地", "90"])


async def test_the_log_form_gets_each_part_of_the_analysis_in_its_field(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await until(pilot, lambda: type(app.screen).__name__ == "LogForm")
        # On to the analysis: the first empty text field.
        while not (isinstance(app.focused, Input) and not app.focused.value):
            await pilot.press("tab")
        await fill_three(app, pilot, ["介绍了新机型", "价格谈不拢", "想等年底再买"])


async def test_the_import_dialog_path_takes_a_burst_then_keys(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        burst(app, ["i", *"/tmp/客户"])
        await spaced(app, "名单.csv")
        path = "/tmp/客户名单.csv"
        await until(pilot, lambda: isinstance(app.focused, Input) and app.focused.value == path)
        assert app.focused.value == path


async def test_search_gets_every_letter_in_order_and_enter_jumps(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, ["slash", *"zh"])
        await spaced(app, "angw")
        await until(pilot, lambda: app.screen.query_one("#search-input").value == "zhangw")
        assert app.screen.query_one("#search-input").value == "zhangw"
        key(app, "enter")
        await until(pilot, lambda: getattr(app.focused, "lead_id", None) is not None)
        assert store.leads[app.focused.lead_id].name == "张伟"
        assert isinstance(app.screen, BoardScreen)  # no form opened by a letter


async def test_keys_typed_as_a_form_closes_go_to_the_board(app, store):
    """Esc and y throw the typing away and close the form; the keys right
    after them are the board's again."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.focused, Input))
        burst(app, [*"abc", "escape", "y"])
        await until(pilot, lambda: app.focused is not None and not isinstance(app.focused, Input)
                    or type(app.screen).__name__ != "LeadForm")
        await spaced(app, ["slash", *"wq"])
        await until(pilot, lambda: isinstance(app.screen, BoardScreen)
                    and app.screen.query_one("#search-input").value == "wq")
        assert app.screen.query_one("#search-input").value == "wq"


async def test_a_search_saved_as_a_view_gets_its_name_whole(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zh", "ctrl+s")
        await until(pilot, lambda: getattr(app.focused, "id", "") == "view-name-input")
        burst(app, "临沂大客户")
        await spaced(app, "一组")
        await until(pilot, lambda: app.focused.value == "临沂大客户一组")
        assert app.focused.value == "临沂大客户一组"


async def test_the_command_palette_gets_a_word_typed_with_its_opening_key(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, ["ctrl+p", *"zhang"])
        await spaced(app, "wei")
        await until(pilot, lambda: isinstance(app.focused, Input) and app.focused.value == "zhangwei")
        assert app.focused.value == "zhangwei"
