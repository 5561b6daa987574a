"""The search bar, live filtering, jumping, saved views and the palette, as a rep uses them."""

import pytest
from textual.command import CommandInput, CommandList

from store.leadstore import LeadStore
from tests.test_search import add_leads
from tui.app import LeadboardApp
from widgets.detail_pane import DetailPane
from widgets.quadrant_board import QuadrantBoard

SIZE = (130, 40)


def names(app, place):
    rows = app.screen.board.lead_list(place).rows
    return [rows[i].name for i in range(len(rows))]


def title(app, place):
    return str(app.screen.board.pane(place).query_one(".place-title").render())


def panel(app):
    return app.screen.query_one("#search")


def message(app):
    return str(panel(app).query_one("#search-message").render())


def matches(app):
    return panel(app).results.lines()


async def settle(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def type_search(app, pilot, text):
    await pilot.press("slash", *text)
    await settle(app, pilot)


async def test_typing_filters_every_quadrant_and_lists_matches(store):
    add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert title(app, 1) == "Q1 Win first · 4"
        await pilot.press("slash")
        assert app.focused.id == "search-input"
        await pilot.press("z")
        await settle(app, pilot)
        assert "张三" in names(app, 1) and "张伟" in names(app, 3)
        await pilot.press("s")
        await settle(app, pilot)
        assert names(app, 1) == ["张三"]
        assert names(app, 3) == [] and names(app, 0) == []
        assert title(app, 1) == "Q1 Win first · 1" and title(app, 3) == "Q3 Court actively · 0"
        assert matches(app)[0].startswith("张三  临沂宏达土石方工程有限公司  临沂")
        assert message(app).startswith("Matches: 1")


async def test_what_the_rep_types_is_on_screen(store):
    add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "zhang")
        bar = panel(app).query_one("#search-input")
        assert bar.region.height == 1
        screen_line = "".join(
            segment.text for segment in app.screen._compositor.render_strips()[bar.region.y]
        )
        assert "zhang" in screen_line


async def test_a_query_longer_than_the_bar_shows_its_end_where_the_cursor_is(store):
    add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=(60, 30)) as pilot:
        typed = "zhang " + "x" * 70 + " end"
        await type_search(app, pilot, typed)
        bar = panel(app).query_one("#search-input")
        assert bar.value == typed and bar.scroll_x > 0
        line = "".join(segment.text for segment in
                       app.screen._compositor.render_strips()[bar.region.y])
        assert "x end" in line and "zhang" not in line
        await pilot.press("home")
        await pilot.pause()
        line = "".join(segment.text for segment in
                       app.screen._compositor.render_strips()[bar.region.y])
        assert bar.scroll_x == 0 and "zhang" in line


async def test_a_typed_letter_repaints_the_bar_without_laying_out_the_screen(store):
    add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "zh")
        bar, asked = panel(app).query_one("#search-input"), []
        refresh = bar.refresh

        def noted(*regions, **kwargs):
            asked.append(kwargs.get("layout", False))
            return refresh(*regions, **kwargs)

        bar.refresh = noted
        await pilot.press("a")
        await settle(app, pilot)
        assert bar.value == "zha" and "张三" in names(app, 1)
        assert asked and not any(asked)  # repainted, never a layout asked for


async def test_a_lead_changed_while_the_bar_is_open_shows_as_it_now_is(store):
    """Rows drawn before the bar opened (Q1's, cached by the list) give way to
    the lead as it is now once it changes."""
    from tests.test_scroll_mark import fill_q1

    fill_q1(store)  # more than Q1 shows
    ids = add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        q1 = app.screen.board.lead_list(1)
        await pilot.press("slash")
        await pilot.pause()
        store.edit_lead(ids["张三"], name="张三丰")
        await pilot.press("z", "s", "f")
        await settle(app, pilot)
        assert names(app, 1) == ["张三丰"]
        line = "".join(s.text for s in q1.render_line(0))
        assert "张三丰" in line


async def test_enter_jumps_to_the_match_and_opens_its_details(store):
    ids = add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "zw")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
        assert app.focused.place == 3 and app.focused.lead_id == ids["张伟"]
        pane = app.screen.query_one(DetailPane)
        assert pane.display
        # Board keys act on the lead jumped to.
        await pilot.press("1")
        assert store.lead(ids["张伟"]).intent >= 3


@pytest.mark.parametrize("query", ["zw", "wangfang", "chenjing", "zhali", "lina"])
async def test_esc_after_a_jump_keeps_the_lead_jumped_to(store, query):
    add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, query)
        await pilot.press("enter")
        await pilot.pause()
        jumped = app.focused.lead_id
        await pilot.press("escape")
        await pilot.pause()
        assert not panel(app).display
        assert app.focused.lead_id == jumped  # the whole board again, still on it


async def test_down_picks_another_match_before_enter(store):
    ids = add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "zhang")
        assert [m.split()[0] for m in matches(app)] == ["张三", "张伟"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.focused.lead_id == ids["张伟"]


async def test_up_and_down_move_the_highlight_and_stop_at_the_ends(store):
    ids = add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "zhang")
        results = panel(app).results
        assert results.highlighted == 0
        await pilot.press("up")
        assert results.highlighted == 0
        await pilot.press("down", "down", "down")
        assert results.highlighted == 1 and results.highlighted_id == ids["张伟"]
        # The highlighted match is drawn in the highlight's colours, the other not.
        lit = results.get_component_rich_style("match-list--highlight").bgcolor
        assert {s.style.bgcolor for s in results.render_line(1) if s.text.strip()} == {lit}
        assert lit not in {s.style.bgcolor for s in results.render_line(0)}


async def test_clicking_a_match_jumps_to_it(store):
    ids = add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "zhang")
        assert [m.split()[0] for m in matches(app)] == ["张三", "张伟"]
        await pilot.click("#search-results", offset=(3, 1))
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard) and app.focused.lead_id == ids["张伟"]
        assert app.screen.query_one(DetailPane).display


async def test_escape_clears_and_brings_the_whole_board_back(store):
    add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "zs")
        assert title(app, 1) == "Q1 Win first · 1"
        await pilot.press("escape")
        await settle(app, pilot)
        assert not panel(app).display
        assert panel(app).text == ""
        assert title(app, 1) == "Q1 Win first · 4"
        assert isinstance(app.focused, QuadrantBoard)


async def test_a_malformed_filter_says_so_and_hides_nothing(store):
    add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "q:7")
        assert message(app) == "The filter “q:7” has a value it does not know."
        assert panel(app).query_one("#search-message").has_class("-error")
        assert title(app, 1) == "Q1 Win first · 4"


async def test_fielded_search_in_chinese(store):
    add_leads(store)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "地区:临沂 意向>=4")
        assert names(app, 1) == ["张三", "王芳"]
        assert names(app, 2) == ["李娜"]
        assert message(app).startswith("找到 3 位客户")
        await pilot.press("backspace", "9")
        await settle(app, pilot)
        assert message(app) == "筛选条件“意向>=9”的值无法识别。"


async def test_saving_a_view_and_opening_it_from_the_palette(store, clock):
    add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "q:1 region:临沂")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(*"Linyi Q1", "enter")
        await pilot.pause()
        assert message(app) == "Saved as the view “Linyi Q1”"
        await pilot.press("escape")
        await settle(app, pilot)
        assert title(app, 1) == "Q1 Win first · 4"
        app.screen.board.choose(1)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"View: Lin")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert panel(app).text == "q:1 region:临沂"
        assert names(app, 1) == ["张三", "王芳"]
    store.close()
    again = LeadStore.open(store.path, clock=clock, read_only=True)
    assert [(v.name, v.query) for v in again.views.values()] == [("Linyi Q1", "q:1 region:临沂")]
    again.close()


async def test_the_palette_finds_a_lead_by_pinyin_and_jumps_to_it(store):
    ids = add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zengguoqiang")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
        assert app.focused.lead_id == ids["曾国强"] and app.focused.place == 4


def palette_prompts(app) -> list[str]:
    """What the open command palette lists."""
    shown = app.screen.query_one(CommandList)
    return [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]


async def test_the_palette_lists_actions_with_their_keys(store):
    add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"New lead")
        await pilot.pause(0.3)
        prompts = palette_prompts(app)
        assert any("New lead" in p and "(n)" in p for p in prompts), prompts


async def test_help_lists_the_filters_and_the_saved_views(store):
    add_leads(store)
    store.save_view("逾期客户", "overdue")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(str(s.render()) for s in app.screen.query(".help-section"))
        assert "region:临沂" in text and "intent>=4" in text and "nonext" in text
        assert "逾期客户" in text and "overdue" in text
        assert "Search" in text


async def test_a_lead_changed_while_searching_is_searched_again(store):
    ids = add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "zhang")
        assert names(app, 1) == ["张三"] and names(app, 3) == ["张伟"]
        await pilot.press("enter")  # to 张三, on the board
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        name = form.query_one("#field-name")
        name.value = "李三"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert store.lead(ids["张三"]).name == "李三"
        assert names(app, 1) == [] and names(app, 3) == ["张伟"]


async def choose_in_palette(pilot, text: str) -> None:
    """Open the command palette, type ``text`` and take the first hit."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_view_is_deleted_from_the_palette_and_undo_brings_it_back(store, clock):
    add_leads(store)
    store.save_view("Linyi Q1", "q:1 region:临沂")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.board.choose(1)
        await choose_in_palette(pilot, "Delete view: Lin")
        assert list(store.views.values()) == []
        assert "saved" in str(app.screen.query_one("#status").render())
        await pilot.press("u")
        assert [v.name for v in store.views.values()] == ["Linyi Q1"]
        await choose_in_palette(pilot, "Delete view: Lin")
    store.close()
    with LeadStore.open(store.path, clock=clock, read_only=True) as again:
        assert list(again.views.values()) == []


async def test_the_palette_speaks_chinese_to_the_end(store):
    add_leads(store)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "输入客户、操作或视图…"
        await pilot.press(*"退出")
        await pilot.pause(0.3)
        prompts = palette_prompts(app)
        assert any("关闭客户看板" in p for p in prompts), prompts
        assert not any("Quit" in p or "Screenshot" in p for p in prompts), prompts


def palette_entries(app) -> dict[str, str]:
    """What the open palette lists: each entry's first line, and its help
    below ("" for an entry that has none)."""
    entries = (prompt.partition("\n") for prompt in palette_prompts(app))
    return {line: help_text for line, _, help_text in entries}


def screen_text(app) -> str:
    """Everything on the screen now, as the rep reads it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


@pytest.mark.parametrize(("lang", "opens", "opens_help", "deletes", "deletes_help"), [
    ("en", "View: 临沂重点  (region:临沂)", "Filter the board by this saved view",
     "Delete view: 临沂重点", "Delete this saved view; its leads stay as they are (u undoes)"),
    ("zh", "视图：临沂重点（region:临沂）", "按这个视图筛选看板",
     "删除视图：临沂重点", "删除这个保存的视图，其中的客户不受影响（按 u 可撤销）"),
])
async def test_a_views_delete_entry_says_it_deletes_not_filters(
        store, lang, opens, opens_help, deletes, deletes_help):
    add_leads(store)
    store.save_view("临沂重点", "region:临沂")
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.board.choose(1)
        await pilot.press("ctrl+p")
        await pilot.press(*"临沂重点")
        await pilot.pause(0.3)
        entries = palette_entries(app)
        assert entries[opens] == opens_help and entries[deletes] == deletes_help
        await pilot.press("escape")
        leads = len(store.leads)
        await choose_in_palette(pilot, deletes)
        assert list(store.views.values()) == [] and len(store.leads) == leads


@pytest.mark.parametrize(("lang", "words"), [("en", "Nothing matches"), ("zh", "没有匹配的结果")])
async def test_the_palette_says_nothing_matches_in_the_reps_language(store, lang, words):
    add_leads(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        for typed in ("daochu", "x"):  # and again once typed on
            await pilot.press(*typed)
            await pilot.pause(1.0)  # Textual waits half a second before saying so
            shown = screen_text(app)
            assert words in shown and "No matches found" not in shown


async def test_namesakes_in_the_palette_read_as_in_the_search_list(store):
    add_leads(store)
    store.add_lead("张帅", company="临沂宏达土石方", province="山东", city="临沂",
                   phones=("13905391111",), intent=5, funding=5)
    store.add_lead("张帅", province="江苏", city="徐州", phones=("13700002222",),
                   intent=5, funding=1)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "张帅")
        listed = sorted(line for line in matches(app) if line.startswith("张帅"))
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"张帅")
        await pilot.pause(0.5)
        entries = palette_entries(app)
        found = sorted(line for line in entries if line.startswith("张帅"))
        assert found == listed and len(found) == 2
        assert any("临沂宏达土石方" in line and "13905391111" in line for line in found)
        assert any("徐州" in line and "13700002222" in line for line in found)
        assert {entries[line] for line in found} == {"跳到这位客户"}


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["New lead  (n)", "Move the lead to Q1 (the smallest regrade)  (1)", "Undo  (u / ^z)"]),
    ("zh", ["新客户  (n)", "把客户移到 Q1（最小幅度调整评级）  (1)", "撤销  (u / ^z)"]),
])
async def test_each_action_is_one_line_saying_what_it_does_and_its_key(store, lang, expected):
    add_leads(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        entries = palette_entries(app)
        assert {line: entries.get(line) for line in expected} == dict.fromkeys(expected, "")
        actions = [line for line, words in entries.items() if line.endswith(")")]
        assert len(actions) > 20
        # Nothing said twice: no help line under an action repeats it.
        assert all(entries[line] == "" for line in actions)
        # Textual's copy key and its nameless ctrl+c are not the rep's actions.
        assert not any("super+c" in line or line.startswith(" ") for line in actions)


@pytest.mark.parametrize(("lang", "typed", "found"), [
    ("zh", "移到", "把客户移到 Q1（最小幅度调整评级）  (1)"),
    ("zh", "→Q2", "把客户移到 Q2（最小幅度调整评级）  (2)"),
    ("en", "move the lead", "Move the lead to Q1 (the smallest regrade)  (1)"),
])
async def test_an_action_is_found_by_what_it_does_or_its_key_bar_words(
        store, lang, typed, found):
    add_leads(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*typed)
        await pilot.pause(0.5)
        assert found in palette_entries(app)


async def test_soon_after_start_up_the_index_and_pinyin_are_ready(store, monkeypatch):
    import tui.search_panel as search_panel
    from store.search import pinyin

    monkeypatch.setattr(search_panel, "WARM_AFTER_S", 0.05)
    add_leads(store)
    pinyin.reading.cache_clear()
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        assert app.search_index.built
        # Pinyin was read in the background: the first save need not wait for it.
        assert pinyin.reading.cache_info().misses >= 1


async def test_enter_typed_before_the_matches_arrive_goes_to_the_best_one(store, monkeypatch):
    import threading

    import tui.search_panel

    ids = add_leads(store)
    gate = threading.Event()
    engine = tui.search_panel.search

    def slow_search(*args, **kwargs):  # as at 100k, or while the index is built
        gate.wait(5)
        return engine(*args, **kwargs)

    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "z")
        gate.set()
        await settle(app, pilot)  # "z" has its matches on screen
        gate.clear()
        monkeypatch.setattr(tui.search_panel, "search", slow_search)
        await pilot.press("s", "enter")
        assert not app.screen.details.display  # not the stale best match of "z"
        gate.set()
        await settle(app, pilot)
        assert app.focused.lead_id == ids["张三"]
        assert app.screen.details.display


def record_frames(app, monkeypatch) -> list[tuple[str, int, bool]]:
    """Each frame: the text in the bar, how many leads Q1 listed, and whether
    the frame drew Q1's list (all of its lines)."""
    from textual._compositor import Compositor

    frames: list[tuple[str, int, bool]] = []
    render_update = Compositor.render_update

    def recorded(compositor, *args, **kwargs):
        update = render_update(compositor, *args, **kwargs)
        if update is not None:
            q1 = app.screen.board.lead_list(1).region
            spans = getattr(update, "spans", None)  # None: the whole screen
            drawn = spans is None or set(q1.line_range) <= {y for y, *_x in spans}
            frames.append((panel(app).text, len(app.screen.board.lead_list(1).rows), drawn))
        return update

    monkeypatch.setattr(Compositor, "render_update", recorded)
    return frames


def slow_search(monkeypatch, seconds: float) -> None:
    import time

    import tui.search_panel as search_panel

    search = search_panel.search

    def slowed(*args, **kwargs):
        time.sleep(seconds)
        return search(*args, **kwargs)

    monkeypatch.setattr(search_panel, "search", slowed)


async def frames_of_z(store, monkeypatch, search_seconds: float) -> tuple[list, int]:
    """The frames painted from typing `z` in the open search bar to its
    matches, with a search that takes ``search_seconds``; and how many leads
    Q1 listed before."""
    add_leads(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(app, pilot)
        app.search_index.ready()
        full = len(app.screen.board.lead_list(1).rows)
        slow_search(monkeypatch, search_seconds)
        frames = record_frames(app, monkeypatch)
        await pilot.press("z")
        await settle(app, pilot)
    return frames, full


async def test_the_typed_letter_is_painted_with_its_matches(store, monkeypatch):
    # A frame for the letter alone would hold the matches back a tick: the
    # screen waits for them (up to HOLD_S), then paints both at once.
    frames, _full = await frames_of_z(store, monkeypatch, 0.02)
    assert frames and frames[0] == ("z", 1, True)  # in Q1, 张三 alone
    assert all(text == "z" for text, _count, _drawn in frames)


async def test_a_fast_search_paints_the_letter_and_the_narrowed_board_in_one_frame(
        store, monkeypatch):
    # The board's lists tell the screen in turns of their own: the frame
    # waits for them, not only for the matches under the bar.
    frames, _full = await frames_of_z(store, monkeypatch, 0.0)
    assert frames == [("z", 1, True)]


async def test_a_slow_search_shows_the_letter_first(store, monkeypatch):
    from tui.search_panel import HOLD_S

    frames, full = await frames_of_z(store, monkeypatch, HOLD_S * 4)
    assert frames[0][:2] == ("z", full)  # the letter, before its matches
    assert [frame for frame in frames if frame[1] < full][0][2]


def listed_values(help_text: str, names: tuple[str, str]) -> list[str]:
    """The values the help lists for the filter of these two names (English
    and Chinese): the words after its ")" and on the lines that go on with it."""
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if all(f"{n}:" in line for n in names))
    words = lines[start].split(")", 1)[1].split()
    for line in lines[start + 1:]:
        if ":" in line or not line.startswith(" " * 20):
            break
        words += line.split()
    return words


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_help_lists_filter_words_a_rep_can_type_not_codes(store, lang):
    from store.search import parse_query

    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(str(s.render()) for s in app.screen.query(".help-section"))
    assert "walk_in" not in text and "machine_site" not in text
    for field, names in (("source", ("source", "来源")), ("stage", ("stage", "阶段"))):
        words = listed_values(text, names)
        assert len(words) == 8, words  # every source, every stage
        for word in words:
            assert "_" not in word
            parse_query(f"{field}:{word}")  # each word listed works as a filter
