"""A rep searching, jumping, moving and undoing at random on a demo board:
after every step the board shows exactly what a fresh search finds, and each
quadrant's title counts what its list holds."""

import random

from store.demo import write_demo
from store.search import BadQuery, SearchIndex, parse_query, search
from tests.test_search_ui import SIZE, panel, settle, title
from tui.app import LeadboardApp
from widgets.quadrant_board import PLACES_IN_ORDER

WORDS = ["z", "zh", "zhang", "w", "wang", "l", "ly", "临", "临沂", "138", "q:2", "q:1 w", "sy"]
STEPS = 50


def shown(app) -> set[int]:
    board = app.screen.board
    ids: set[int] = set()
    for place in PLACES_IN_ORDER:
        rows = board.lead_list(place).rows
        assert title(app, place).endswith(f"· {len(rows)}")
        ids |= {rows[i].lead_id for i in range(len(rows))}
    return ids


def expected(store, text: str, everyone: set[int]) -> set[int]:
    """What a fresh search finds; the whole board for no text or a bad filter."""
    try:
        query = parse_query(text)
    except BadQuery:
        return everyone
    return set(search(SearchIndex(store), query, None).lead_ids) if text.strip() else everyone


async def test_the_board_always_shows_what_the_search_finds(store):
    write_demo(store, 400, seed=5)
    app = LeadboardApp(store, "en")
    dice = random.Random(11)
    changed_while_narrowed = 0
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        everyone = shown(app)
        for _step in range(STEPS):
            in_bar = app.focused is not None and app.focused.id == "search-input"
            roll = dice.random()
            if roll < 0.2 or (not in_bar and not panel(app).text):
                await pilot.press("escape", "slash", *dice.choice(WORDS))
            elif in_bar:  # jump to the best match, take a letter back, or type one on
                await pilot.press(dice.choice(["enter", "enter", "backspace", "a", "n"]))
            else:  # on the board, still narrowed: regrade, undo, move about
                key = dice.choice(["1", "2", "3", "4", "u", "down", "tab"])
                changed_while_narrowed += key in "1234u"
                await pilot.press(key)
            await settle(app, pilot)
            assert shown(app) == expected(store, panel(app).text, everyone)
    assert changed_while_narrowed >= 8
