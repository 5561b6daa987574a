"""Triage on the board as a rep does it: keys, clicks, drags, undo, details."""

import pytest
from textual.geometry import Region
from textual.selection import Selection

from store.leadstore import LeadStore
from store.model import Credit
from tests.test_cjk_overlay_fix import screen_text
from tui.app import LeadboardApp
from widgets.detail_pane import DetailPane
from widgets.quadrant_board import QuadrantBoard

SIZE = (130, 40)


def names(app: LeadboardApp, place: int) -> list[str]:
    rows = app.screen.board.lead_list(place).rows
    return [rows[i].name for i in range(len(rows))]


def title(app: LeadboardApp, place: int) -> str:
    return str(app.screen.board.pane(place).query_one(".place-title").render())


def shown(app: LeadboardApp, widget) -> list[str]:
    """What the screen shows where ``widget`` stands, line by line."""
    strips = app.screen._compositor.render_strips()
    region = widget.region
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


def drawn(app: LeadboardApp, widget) -> str:
    """What the screen shows of ``widget``'s first line of content."""
    region = widget.content_region
    return app.screen._compositor.render_strips()[region.y].crop(region.x, region.right).text


async def test_each_lead_sits_in_its_quadrant(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE):
        assert names(app, 1) == ["张伟", "王强"]
        assert names(app, 2) == ["李娜"]
        assert names(app, 3) == ["刘洋"]
        assert names(app, 4) == ["陈静"]
        assert names(app, 0) == ["曾国"]
        assert title(app, 1) == "Q1 Win first · 2"
        assert title(app, 0) == "Ungraded · 1"


async def test_number_key_moves_regrades_and_moves_selection_on(store, seeded, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert app.focused.place == 1 and app.focused.lead_id == seeded["张伟"]
        await pilot.press("4")
        assert names(app, 1) == ["王强"]
        assert "张伟" in names(app, 4)
        assert app.focused.place == 1 and app.focused.lead_id == seeded["王强"]
        lead = store.lead(seeded["张伟"])
        assert (lead.intent, lead.funding) == (2, 2)
        assert [(h.field, h.old, h.new) for h in lead.history] == [
            ("intent", 5, 2), ("funding", 5, 2)]
        assert title(app, 4) == "Q4 Keep in touch · 2"
    # What the board showed as saved is on disk.
    store.close()
    again = LeadStore.open(store.path, clock=clock)
    assert (again.lead(seeded["张伟"]).intent, again.lead(seeded["张伟"]).funding) == (2, 2)
    again.close()


async def test_grading_a_tray_lead_with_a_number(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+tab")
        assert app.focused.place == 0
        await pilot.press("2")
        assert names(app, 0) == []
        assert "曾国" in names(app, 2)
        assert (store.lead(seeded["曾国"]).intent, store.lead(seeded["曾国"]).funding) == (3, 2)


async def test_keys_move_between_and_within_quadrants(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert app.focused.lead_id == seeded["王强"]
        await pilot.press("k")
        assert app.focused.lead_id == seeded["张伟"]
        await pilot.press("l")
        assert app.focused.place == 2
        await pilot.press("h")
        assert app.focused.place == 1
        await pilot.press("tab", "tab")
        assert app.focused.place == 3  # reading order: Q1 Q2 / Q3 Q4, then the tray
        await pilot.press("tab", "tab")
        assert app.focused.place == 0
        await pilot.press("tab")
        assert app.focused.place == 1


async def test_raise_and_lower_grades_by_one(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")  # 王强 4/3
        await pilot.press("comma")
        assert store.lead(seeded["王强"]).funding == 2
        assert "王强" in names(app, 2)
        assert app.focused.place == 2 and app.focused.lead_id == seeded["王强"]
        await pilot.press("plus")
        assert store.lead(seeded["王强"]).intent == 5


async def test_drag_moves_a_lead_to_another_quadrant(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        board = app.screen.board
        await pilot.mouse_down(board.lead_list(1), offset=(3, 1))  # second row: 王强
        await pilot.hover(board.lead_list(3), offset=(5, 2))
        assert board.pane(3).has_class("-drop-target")
        # The pane dragged from fades, its list with it, as Textual draws it.
        await pilot.pause()
        source = board.lead_list(1)
        assert board.pane(1).has_class("-drag-source") and source.opacity < 1
        assert source._sides() is None  # drawn the way Textual draws a faded widget
        assert shown(app, source)[1].startswith(" 王强")
        await pilot.mouse_up(board.lead_list(3), offset=(5, 2))
        assert not board.pane(3).has_class("-drop-target")
        assert "王强" in names(app, 3)
        lead = store.lead(seeded["王强"])
        assert (lead.intent, lead.funding) == (2, 3)


async def test_click_selects_and_double_click_opens_details(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(app.screen.board.lead_list(3), offset=(3, 0))
        assert app.focused.place == 3 and app.focused.lead_id == seeded["刘洋"]
        pane = app.screen.query_one(DetailPane)
        assert not pane.display
        await pilot.double_click(app.screen.board.lead_list(3), offset=(3, 0))
        assert pane.display
        assert "刘洋" in str(pane.query_one("#detail-heading").render())


async def test_undo_restores_also_after_reopening(store, seeded, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "3")  # 张伟 then 王强 to Q3
        assert names(app, 1) == []
        await pilot.press("u")
        assert names(app, 1) == ["王强"]
    store.close()
    store = LeadStore.open(store.path, clock=clock)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert names(app, 1) == ["王强"]
        await pilot.press("ctrl+z")
        assert names(app, 1) == ["张伟", "王强"]
        assert store.lead(seeded["张伟"]).history == ()
    store.close()


async def test_undoing_a_threshold_change_places_every_lead_anew(store, seeded):
    def places(app):
        return [names(app, place) for place in (1, 2, 3, 4, 0)]

    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE):
        at_three = places(app)
    store.update_settings(threshold=4)  # as `leadboard settings --threshold 4` does
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert places(app) != at_three
        await pilot.press("u")
        await pilot.pause()
        assert places(app) == at_three
        assert title(app, 1).endswith(f"· {len(at_three[0])}")


async def test_detail_pane_shows_fields_advice_and_history(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")  # Q2: 李娜 4/1
        await pilot.press("minus")
        await pilot.press("enter")
        pane = app.screen.query_one(DetailPane)
        body = str(pane.query_one("#detail-body").render())
        assert "Purchase intent" in body and "3/5" in body
        assert "Credit is unknown" in body
        assert "Purchase intent: 4 → 3" in body
        await pilot.press("enter")
        assert not pane.display


async def test_a_move_with_the_details_open_shows_the_next_lead_on_screen(store, seeded):
    """The details change size with the lead they show: a move then needs a
    new layout, and the frame still shows the board and the details as they are."""
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the details of 张伟, Q1's first lead
        await pilot.press("4")
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        heading = shown(app, pane.query_one("#detail-heading"))
        assert any("王强" in line for line in heading)
        assert shown(app, app.screen.board.lead_list(1))[0].startswith(" 王强")
        assert any(line.startswith(" 张伟") for line in shown(app, app.screen.board.lead_list(4)))
        assert app.screen.query_one("#status").text.endswith("✓ saved")


async def test_the_form_rejects_bad_input_and_saves_good_input(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        count = len(store.leads)
        await pilot.press("n")
        await pilot.click("#field-phones")
        await pilot.press(*"12345")
        await pilot.click("#field-intent")
        await pilot.press("7")
        await pilot.press("ctrl+s")
        form = app.screen
        assert str(form.query_one("#error-name").render()) == "A name is required."
        assert "11-digit mobile" in str(form.query_one("#error-phones").render())
        assert "1 to 5" in str(form.query_one("#error-intent").render())
        assert len(store.leads) == count
        await pilot.click("#field-name")
        await pilot.press(*"Zhou")
        phones = form.query_one("#field-phones")
        phones.value = "+86 138 1234 5678"
        form.query_one("#field-intent").value = "4"
        form.query_one("#field-funding").value = "2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(store.leads) == count + 1
        lead = max(store.leads.values(), key=lambda lead: lead.id)
        assert (lead.name, lead.phones, lead.intent, lead.funding) == (
            "Zhou", ("13812345678",), 4, 2)
        assert "Zhou" in names(app, 2)
        assert app.focused.lead_id == lead.id


async def test_n_then_the_name_typed_straight_away(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Sun", "ctrl+s")
        await pilot.pause()
        assert "Sun" in [lead.name for lead in store.leads.values()]


async def test_escape_leaves_the_form_without_a_change(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        app.screen.query_one("#field-name").value = "改掉"
        await pilot.press("escape", "y")  # the typing is thrown away only when confirmed
        assert store.lead(seeded["张伟"]).name == "张伟"
        assert isinstance(app.focused, QuadrantBoard)


async def test_chinese_interface(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        assert title(app, 1) == "Q1 优先成交 · 2"
        assert title(app, 0) == "待评级 · 1"
        await pilot.press("enter")
        body = str(app.screen.query_one("#detail-body").render())
        assert "购买意向" in body and "信誉" in body


async def test_empty_database_shows_the_welcome(store):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE):
        welcome = app.screen.query_one("#welcome")
        assert not welcome.has_class("-hidden")
        assert "leadboard demo" in str(welcome.render())


async def help_text(app, pilot) -> str:
    """Open the help screen and read it."""
    await pilot.press("question_mark")
    return " ".join(str(s.render()) for s in app.screen.query(".help-section"))


async def test_help_lists_every_board_key(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        text = await help_text(app, pilot)
        for words in ("Move the lead to Q1", "Undo", "Details", "Intent +1", "Funds −1", "Next lead", "Quit"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.focused, QuadrantBoard)


async def test_the_cursor_shows_which_quadrant_has_focus(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        q1 = app.screen.board.lead_list(1)

        def cursor_style():
            return q1.render_line(0)._segments[0].style

        focused = cursor_style()
        await pilot.press("tab")
        assert cursor_style() != focused
        await pilot.press("shift+tab")
        assert cursor_style() == focused


async def test_the_active_place_has_its_title_drawn_as_a_chip(store, seeded):
    # Its colours swapped: seen without colour too (a monochrome terminal).
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        board = app.screen.board

        def chips():
            return [bool(board.pane(place).title_line.render_line(0)._segments[0].style.reverse)
                    for place in (1, 2, 3, 4, 0)]

        assert chips() == [True, False, False, False, False]
        await pilot.press("tab", "tab", "tab")
        assert chips() == [False, False, False, True, False]
        await pilot.press("slash")  # the search takes the keys: no place is active
        assert not any(chips())
        await pilot.press("escape")
        assert chips() == [place == board.place for place in (1, 2, 3, 4, 0)]


async def test_tab_repaints_the_two_places_it_concerns_not_the_whole_screen(
        store, seeded, monkeypatch):
    # The focus stays on the board: a widget focused anew made Textual
    # repaint the whole screen, a frame the rep waited for at every tab.
    from textual._compositor import Compositor

    updates = []  # each frame's lines (None: the whole screen)
    render_update = Compositor.render_update

    def recorded(compositor, *args, **kwargs):
        update = render_update(compositor, *args, **kwargs)
        if update is not None:
            spans = getattr(update, "spans", None)
            updates.append(None if spans is None else spans)
        return update

    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board = app.screen.board
        monkeypatch.setattr(Compositor, "render_update", recorded)
        await pilot.press("tab")
        await pilot.pause()
        monkeypatch.undo()
        assert app.focused is board and board.place == 2
        assert updates and None not in updates
        # Only the two titles and the two cursor lines are drawn: a border of
        # another colour had the whole pane drawn again, its list and all.
        lines = {y for spans in updates for y, _x0, _x1 in spans}
        titles = {board.pane(place).title_line.region.y for place in (1, 2)}
        cursors = {board.lead_list(place).region.y for place in (1, 2)}  # the first rows
        assert lines <= titles | cursors
        right = board.pane(2).region.right
        assert all(x1 <= right for spans in updates for _y, _x0, x1 in spans)

        def marked():
            return [board.pane(place).title_line.marked for place in (1, 2)]

        assert marked() == [False, True]
        await pilot.press("shift+tab")
        assert marked() == [True, False]


async def test_tab_draws_no_row_anew_but_the_two_cursors(store, seeded):
    # A border's new look is worked out for the pane alone: the lists inside
    # keep the lines they drew (working out their styles again threw them away).
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        q1 = app.screen.board.lead_list(1)
        cursor, other = q1.render_line(0), q1.render_line(1)
        await pilot.press("tab")
        await pilot.pause()
        assert q1.render_line(1) is other and q1.render_line(0) is not cursor


@pytest.mark.parametrize(("lang", "mark"), [("zh", "信?"), ("en", "C?")])
async def test_a_narrow_terminal_keeps_the_board_readable_beside_the_details(
        store, seeded, lang, mark):
    # At 80 columns the detail pane and a slimmer tray leave each quadrant a
    # row's name and marks; a title cut short keeps its count.
    app = LeadboardApp(store, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the detail pane opens beside the board
        await pilot.pause()
        board = app.screen.board
        assert "张伟" in shown(app, app.screen.details)[0]
        for place, count in {1: 2, 2: 1, 3: 1, 4: 1, 0: 1}.items():
            heading = shown(app, board.pane(place).query_one(".place-title"))[0]
            assert heading.rstrip().endswith(f"· {count}"), heading
        if lang == "zh":
            assert shown(app, board.pane(1).query_one(".place-title")) == [" Q1 优先成交 · 2 "]
        for place, name in ((1, "张伟"), (3, "刘洋"), (0, "曾国")):
            row = shown(app, board.lead_list(place))[0]
            assert name in row and mark in row, row


@pytest.mark.parametrize(("key", "box"), [
    ("n", "#form"), ("s", "#contact-form"), ("c", "#log-form"), ("question_mark", "#help")])
async def test_dialogs_fit_an_80_column_terminal(store, seeded, key, box):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        dialog = app.screen.query_one(box)
        assert dialog.region.right <= 80
        lines = shown(app, dialog)
        # The thick border's right edge, at the top and halfway down.
        assert lines[0].endswith("█") and lines[len(lines) // 2].endswith("█")


@pytest.mark.parametrize(("key", "size"), [("n", (80, 24)), ("e", (130, 40))])
async def test_the_form_says_how_to_save_and_shows_its_own_keys(store, seeded, key, size):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await pilot.pause()
        text = screen_text(app)
        assert "Ctrl+S 保存" in text  # at the top, before any scrolling
        key_bar = text.splitlines()[-1]
        assert "^s 保存" in key_bar and "esc 取消" in key_bar
        assert "→Q1" not in key_bar  # the board's keys do nothing here
        checkbox = app.screen.query_one("#field-has_project")
        checkbox.scroll_visible(animate=False)
        await pilot.pause()
        drawn = "".join(shown(app, checkbox))
        assert "▐ ▌" in drawn and "…" not in drawn


async def test_help_in_chinese_has_no_english_left_from_textual(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        text = await help_text(app, pilot)
        assert "退出" in text
        assert "Quit" not in text and "Copy selected text" not in text


async def test_help_leaves_out_textuals_copy_key_and_ctrl_c_still_copies(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        text = await help_text(app, pilot)
        assert "复制" not in text and "super+c" not in text and "^c" not in text
        title = app.screen.query_one("#help-title")
        app.screen.selections = {title: Selection(None, None)}  # as a mouse drag leaves it
        await pilot.press("ctrl+c")
        assert app.clipboard == "客户看板按键"


@pytest.mark.parametrize(("lang", "rows"), [
    ("en", ["Marks on the board",
            "C+ C? C- credit: good / unknown / poor",
            "P has a project on hand",
            "12-03 / 09:30 next contact (today's: its time): red if overdue, highlighted if today",
            "27-01-06 a next contact in another year (year-month-day); a narrow pane shows 01-06, underlined",
            "Ungraded the tray on the right: intent or funds not graded yet",
            "Q1 the place the keys act on: its title in reverse, its cursor lit"]),
    ("zh", ["看板上的标记",
            "信+ 信? 信- 信誉：好 / 未知 / 差",
            "工 手上有工程",
            "12-03 / 09:30 下次接触（当天的只显示时间）：红色为已逾期，醒目显示为今天",
            "27-01-06 不在今年的下次接触（年-月-日）；窄栏只显示 01-06，加下划线",
            "待评级 右侧的待评区：意向或资金还没评级的客户",
            "Q1 按键作用的位置：标题反色显示，光标行高亮"]),
])
async def test_help_explains_the_marks_on_the_board(store, seeded, lang, rows):
    store.edit_lead(seeded["张伟"], credit=Credit.GOOD, has_project=True)  # heads Q1
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        board = " ".join(app.screen.board.lead_list(1).render_line(0).text.split())
        await help_text(app, pilot)
        sections = [str(s.render()) for s in app.screen.query(".help-section")]
        legend = next(text for text in sections if text.startswith(rows[0]))
        assert [" ".join(line.split()) for line in legend.splitlines()] == rows
        # The marks read as the board draws them.
        credit_good, project = rows[1].split()[0], rows[2].split()[0]
        assert credit_good in board and project in board


@pytest.mark.parametrize(("lang", "said"), [
    ("zh", "刘洋 已在 Q3，没有改动"), ("en", "刘洋 is already in Q3: nothing changed")])
async def test_a_number_key_on_a_lead_already_there_says_so(store, seeded, lang, said):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.board.choose(3)
        await pilot.press("3")
        await pilot.pause()
        assert said in app.screen.status.text
        assert names(app, 3) == ["刘洋"] and store.lead(seeded["刘洋"]).history == ()
        assert store.undo_label == "add_lead"  # no change made


@pytest.mark.parametrize(("lang", "said", "not_said"), [
    ("zh", "有工程但信誉差", "信誉未证实"),
    ("en", "Has a project but poor credit", "not proven"),
])
async def test_poor_credit_with_a_project_is_not_called_unproven(store, lang, said, not_said):
    store.add_lead("赵刚", intent=4, funding=2, credit=Credit.POOR, has_project=True)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.board.choose(2)
        await pilot.press("enter")  # its one lead's details
        await pilot.pause()
        body = str(app.screen.query_one("#detail-body").render())
        assert said in body and not_said not in body


@pytest.mark.parametrize(("lang", "holds", "no"), [("zh", "有工程", "否"), ("en", "Holds a project", "no")])
async def test_a_project_named_in_the_form_without_the_tick_holds_one(store, lang, holds, no):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Zhou")
        app.screen.query_one("#field-intent").value = "4"
        app.screen.query_one("#field-funding").value = "4"
        app.screen.query_one("#field-project").value = "临沂北城新区道路土方"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        body = str(app.screen.query_one("#detail-body").render()).splitlines()
        line = next(line for line in body if line.strip().startswith(holds))
        assert "临沂北城新区道路土方" in line and f" {no} " not in f" {line} "
        row = shown(app, app.screen.board.lead_list(1))[0]
        assert "Zhou" in row and ("工" if lang == "zh" else "P") in row
    lead = next(lead for lead in store.leads.values() if lead.name == "Zhou")
    assert lead.has_project


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_project_box_shows_its_state_by_its_mark(store, seeded, lang):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        box = app.screen.query_one("#field-has_project")
        box.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        assert drawn(app, box).startswith("▐ ▌")
        await pilot.click(box)
        await pilot.pause()
        assert box.value and drawn(app, box).startswith("▐✓▌")


async def test_english_labels_read_as_english(store, seeded):
    from store.model import Stage

    store.edit_lead(seeded["张伟"], stage=Stage.ANALYSE, competitor="Sany")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # 张伟's details
        await pilot.pause()
        body = str(app.screen.query_one("#detail-body").render())
        assert "analysis" in body and "analyse" not in body
        assert "Competing brand" in body and "weighed" not in body


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(80, 24), (130, 40)])
async def test_a_phone_error_leaves_the_form_where_it_was(store, seeded, lang, size):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", *"Zhou")
        form = app.screen
        form.query_one("#field-phones").value = "12345"
        below = form.query_one("#field-province")
        where = below.region
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#error-phones")
        assert str(error.render()).strip()  # it says what is wrong
        assert below.region == where  # and nothing below it moves
        # The whole of it is on the screen, beside the field.
        shown_lines = [line.strip() for line in shown(app, error) if line.strip()]
        words = "".join(shown_lines).replace(" ", "")
        assert words == str(error.render()).replace(" ", "").replace("\n", "")


def starts_with_closing(line: str) -> bool:
    """A line of Chinese text starting with its closing punctuation (a key
    such as ? is not punctuation)."""
    return line.strip()[:1] in set("，。、；：？！）」』】》")


@pytest.mark.parametrize("size", [(130, 40), (80, 24)])
async def test_no_line_of_the_details_starts_with_a_comma_or_a_full_stop(store, seeded, size):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")  # 张伟's details
        await pilot.pause()
        body = app.screen.query_one("#detail-body")
        width = body.content_region.width
        # A note that fills its first line to the last cell, a comma after it.
        note = "挖" * (width // 2) + "，" + "机" * (width // 2 - 1) + "。" + "好"
        store.edit_lead(seeded["张伟"], notes=note)
        app.screen.refresh_details()
        await pilot.pause()
        lines = [strip.text for strip in body.render_lines(Region(0, 0, *body.size))]
        at = next(i for i, line in enumerate(lines) if "挖挖" in line)
        assert not any(starts_with_closing(line) for line in lines), lines[at:at + 3]
        # The character before each mark went down with it; nothing is lost.
        said = "".join(line.strip() for line in lines[at:at + 3])
        assert said.startswith(note)


@pytest.mark.parametrize("width", [43, 52, 64, 70, 79, 100])  # each cut a line wrongly once
async def test_no_line_of_the_help_starts_with_a_comma_or_a_full_stop(store, seeded, width):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = [strip.text for section in app.screen.query(".help-section")
                 for strip in section.render_lines(Region(0, 0, *section.size))]
        assert len(lines) > 40
        assert not [line for line in lines if starts_with_closing(line)]


async def test_no_line_of_a_triage_lead_starts_with_a_comma_or_a_full_stop(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("t", "enter")  # the session, on 曾国 (the tray comes first)
        await pilot.pause()
        sheet = app.screen.query_one("#session-lead")
        width = sheet.scrollable_content_region.width
        note = "挖" * (width // 2) + "，" + "机" * (width // 2 - 1) + "。" + "好"
        store.edit_lead(seeded["曾国"], notes=note)
        await pilot.press("space", "left")  # on to the next lead and back to 曾国
        await pilot.pause()
        lines = [strip.text for strip in sheet.render_lines(Region(0, 0, *sheet.size))]
        at = next(i for i, line in enumerate(lines) if "挖挖" in line)
        assert not any(starts_with_closing(line) for line in lines), lines[at:at + 3]
        assert "".join(line.strip() for line in lines[at:at + 3]).startswith(note)


async def test_work_behind_the_board_hands_the_interpreter_over_within_a_millisecond(store):
    # The search's index is built in a thread for seconds at 100k leads; at
    # Python's 5 ms a key waited that long at each hand-over, several a key.
    import sys

    before = sys.getswitchinterval()
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE):
        assert sys.getswitchinterval() <= 0.001
    assert sys.getswitchinterval() == before
