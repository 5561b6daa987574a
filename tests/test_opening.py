"""Opening a large file: the board is painted from its preview at once, the
leads load behind it, and nothing typed meanwhile is lost."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from store import preview
from store.board import PLACES
from store.demo import write_demo
from store.errors import UnreadableFile
from store.leadstore import LeadStore
from store.preview import close_with_preview, preview_path, read_preview
from tests.conftest import Clock
from tui.app import LeadboardApp
from tui.cli import board_app
from tui.screens.board import BoardScreen
from tui.screens.opening import OpeningScreen
from widgets.quadrant_board import QuadrantBoard
from widgets.status_line import StatusLine

SIZE = (130, 40)
SHOWN = 15  # rows a quadrant shows at this size, and more


@pytest.fixture(autouse=True)
def small_previews(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview, "PREVIEW_FROM", 50)  # "large" at a size a test can afford


@pytest.fixture
def demo(db_path: Path, clock: Clock) -> Path:
    store = LeadStore.open(db_path, clock=clock)
    write_demo(store, 300, seed=5)
    close_with_preview(store)
    return db_path


@pytest.fixture
def held_load(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The loading waits until the test lets it go, so that keys can be
    typed while the board is still the preview."""
    gate = threading.Event()
    original = LeadStore.open

    def held(cls, *args, **kwargs):
        gate.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(LeadStore, "open", classmethod(held))
    yield gate
    gate.set()


def board(app: LeadboardApp) -> QuadrantBoard:
    return app.screen.query_one(QuadrantBoard)


def names(app: LeadboardApp, place: int) -> list[str]:
    rows = board(app).lead_list(place).rows
    return [rows[i].name for i in range(min(len(rows), SHOWN))]


def titles(app: LeadboardApp) -> list[str]:
    return [str(board(app).pane(p).query_one(".place-title").render()) for p in PLACES]


def status(app: LeadboardApp) -> str:
    return str(app.screen.query_one("#status", StatusLine).render())


async def loaded(app: LeadboardApp, pilot) -> None:
    for _ in range(500):
        if isinstance(app.screen, BoardScreen):
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError("the leads did not load")


async def test_the_preview_shows_the_board_the_file_then_loads_into(demo, clock, held_load):
    app = board_app(demo, "en", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, OpeningScreen)
        previewed = {place: names(app, place) for place in PLACES}
        previewed_titles = titles(app)
        assert "300 leads" in status(app) and "loading the leads" in status(app)
        assert all(previewed.values())
        held_load.set()
        await loaded(app, pilot)
        assert {place: names(app, place) for place in PLACES} == previewed
        assert titles(app) == previewed_titles
        assert "loading" not in status(app)
    app.close_store()


def drawn(app: LeadboardApp) -> list[str]:
    """Every line of the four quadrants and the tray as drawn on the screen."""
    lines = []
    for place in PLACES:
        lead_list = board(app).lead_list(place)
        lines += [lead_list.render_line(y).text for y in range(lead_list.size.height)]
    return lines


async def test_the_preview_draws_the_lines_the_board_draws(demo, clock, held_load):
    app = board_app(demo, "zh", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        previewed = drawn(app)
        assert "正在载入客户" in status(app)
        held_load.set()
        await loaded(app, pilot)
        assert drawn(app) == previewed
    app.close_store()


async def test_keys_typed_while_loading_act_once_the_board_is_there(demo, clock, held_load):
    app = board_app(demo, "en", clock=clock)
    third = read_preview(demo, clock()).rows(1, clock())[2].lead_id
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "4")
        assert app.store is None  # still loading: the keys wait
        held_load.set()
        await loaded(app, pilot)
        await pilot.pause()
        moved = app.store.lead(third)
        assert (moved.intent, moved.funding) == (2, 2)
        q4 = board(app).lead_list(4).rows
        assert third in [q4[i].lead_id for i in range(len(q4))]
        assert "✓ saved" in status(app)
    app.close_store()
    again = LeadStore.open(demo, clock=clock, read_only=True)
    assert (again.lead(third).intent, again.lead(third).funding) == (2, 2)


async def test_a_search_typed_while_loading_lands_in_the_search_bar(demo, clock, held_load):
    app = board_app(demo, "en", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "w", "s", "escape", "slash", "z", "s")
        held_load.set()
        await loaded(app, pilot)
        for _ in range(100):
            await pilot.pause(0.01)
        # Each key went where the one before had moved the focus: "s" typed
        # into the bar is not the board's "schedule".
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.query_one("#search-input").value == "zs"
        assert app.focused is app.screen.query_one("#search-input")
    app.close_store()


async def test_quitting_while_loading_leaves_every_file_as_it_was(demo, clock, held_load):
    before = {name: (demo.parent / name).read_bytes() for name in os.listdir(demo.parent)}
    app = board_app(demo, "en", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
    app.close_store()
    assert {name: (demo.parent / name).read_bytes() for name in os.listdir(demo.parent)} == before


async def test_a_file_damaged_behind_its_preview_is_refused_untouched(demo, clock):
    info = demo.stat()
    with open(demo, "r+b") as handle:  # in place, same size: the preview still matches
        handle.write(b"#" * 64)
    os.utime(demo, ns=(info.st_atime_ns, info.st_mtime_ns))
    damaged = demo.read_bytes()
    app = board_app(demo, "en", clock=clock)
    assert isinstance(app.get_default_screen(), OpeningScreen)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(500):
            if app.load_error is not None:
                break
            await pilot.pause(0.01)
    assert isinstance(app.load_error, UnreadableFile)
    app.close_store()
    assert demo.read_bytes() == damaged


async def test_closing_the_app_keeps_a_preview_of_the_board_as_left(demo, clock):
    store = LeadStore.open(demo, clock=clock)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        first = board(app).lead_list(1).lead_id
        await pilot.press("4")
    app.close_store()
    kept = read_preview(demo, clock())
    assert kept is not None
    assert first not in [lead.lead_id for lead in kept.rows(1, clock())]
    assert first in [lead.lead_id for lead in kept.rows(4, clock())]
    assert preview_path(demo).stat().st_mode & 0o077 == 0


def burst(app: LeadboardApp, *keys: str) -> None:
    """Keys arriving all at once, as keys typed ahead while a file loads do."""
    from textual import events

    characters = {"slash": "/", "enter": "\r", "ctrl+j": "\n"}
    for key in keys:
        character = characters.get(key, key if len(key) == 1 else None)
        app._driver.send_message(events.Key(key, character))


async def test_a_burst_of_keys_typed_ahead_goes_where_each_one_leads(store, seeded):
    app = LeadboardApp(store, "en", hold_keys=True)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "slash", "z", "s")
        for _ in range(50):
            await pilot.pause(0.01)
        assert app.screen.query_one("#search-input").value == "zs"
        assert isinstance(app.screen, BoardScreen)  # no schedule form from the "s"


async def test_enter_typed_ahead_as_a_line_feed_still_jumps(store, seeded):
    app = LeadboardApp(store, "en", hold_keys=True)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "slash", "z", "w", "ctrl+j")  # the terminal was not raw yet
        for _ in range(50):
            await pilot.pause(0.01)
        assert app.focused.lead_id == seeded["张伟"]
        assert app.screen.details.display


async def test_a_form_opened_by_a_key_typed_ahead_gets_the_keys_after_it(store, seeded):
    app = LeadboardApp(store, "en", hold_keys=True)
    before = {i: (lead.intent, lead.funding) for i, lead in store.leads.items()}
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "n", "1", "3", "4")
        for _ in range(50):
            await pilot.pause(0.01)
        assert type(app.screen).__name__ == "LeadForm"
        assert app.focused.value == "134"
    assert {i: (lead.intent, lead.funding) for i, lead in store.leads.items()} == before


async def test_keys_typed_ahead_still_come_when_a_widget_never_takes_its_turn(store, seeded):
    # Each key waits for the app to be done with the one before; a widget
    # that never is (one being closed, say) holds them up half a second at
    # most, never for good.
    from textual.widget import Widget

    class NeverDone(Widget):
        @property
        def message_queue_size(self) -> int:
            return 1

        def call_later(self, callback, *args, **kwargs) -> bool:
            return True  # taken, and never called

    app = LeadboardApp(store, "en", hold_keys=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.mount(NeverDone())
        burst(app, "slash", "z", "s")
        for _ in range(400):
            await asyncio.sleep(0.01)  # (the pilot's pause waits for every widget's turn too)
            if app.screen.query_one("#search-input").value == "zs":
                break
        assert app.screen.query_one("#search-input").value == "zs"


async def keys_together(app: LeadboardApp, pilot, *keys: str) -> None:
    """Keys arriving together on a loaded board (pasted, or typed while the
    app was busy), then time for each to do what it does."""
    await pilot.pause()
    burst(app, *keys)
    for _ in range(50):
        await pilot.pause(0.01)


async def test_keys_typed_together_on_a_loaded_board_reach_the_search(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await keys_together(app, pilot, "slash", "z", "w", "enter")
        assert isinstance(app.screen, BoardScreen)  # no form from a letter
        assert app.focused.lead_id == seeded["张伟"]
        assert app.screen.details.display


async def test_keys_typed_together_on_a_loaded_board_reach_the_form(store, seeded):
    app = LeadboardApp(store, "en")
    before = {i: (lead.intent, lead.funding) for i, lead in store.leads.items()}
    async with app.run_test(size=SIZE) as pilot:
        await keys_together(app, pilot, "n", "1", "3", "4")
        assert type(app.screen).__name__ == "LeadForm"
        assert app.focused.value == "134"
    assert {i: (lead.intent, lead.funding) for i, lead in store.leads.items()} == before


async def test_keys_typed_together_on_a_loaded_board_start_a_session(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await keys_together(app, pilot, "t", "enter")
        assert type(app.screen).__name__ == "SessionScreen"


async def test_q_typed_while_loading_quits_once_loaded(demo, clock, held_load):
    app = board_app(demo, "en", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "j", "j")
        held_load.set()
        for _ in range(300):
            if not app.is_running:
                break
            await pilot.pause(0.01)
        assert not app.is_running
    assert app.return_code == 0 and app.load_error is None
    app.close_store()
    assert read_preview(demo, clock()) is not None  # left as it was found


def damage_preview(path: Path, damage) -> None:
    data = orjson.loads(preview_path(path).read_bytes())
    damage(data)
    preview_path(path).write_bytes(orjson.dumps(data))


PREVIEW_DAMAGE = {
    "name": lambda d: d["rows"]["1"][0].__setitem__(1, 5),
    "score": lambda d: d["rows"]["1"][0].__setitem__(7, "x"),
    "planned": lambda d: d["rows"]["1"][0].__setitem__(4, 7),
    "id": lambda d: d["rows"]["1"][0].__setitem__(0, None),
    "row": lambda d: d["rows"]["1"].__setitem__(0, "x"),
    "count": lambda d: d["counts"].__setitem__("1", "many"),
    "lead_count": lambda d: d.__setitem__("lead_count", [1]),
    "place": lambda d: d["rows"].__setitem__("9", d["rows"]["1"]),
    "rows": lambda d: d.__setitem__("rows", []),
}


@pytest.mark.parametrize("damage", PREVIEW_DAMAGE)
async def test_a_preview_of_the_right_stamps_and_wrong_values_is_set_aside(demo, clock, damage):
    damage_preview(demo, PREVIEW_DAMAGE[damage])
    app = board_app(demo, "en", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        assert "300 leads" in status(app)
        assert all(names(app, place) for place in (1, 2))
    assert app.return_code in (None, 0) and app.load_error is None
    app.close_store()
    assert read_preview(demo, clock()) is not None  # written again, whole
