"""Importing in the app: i, a path, a progress bar, the summary; u undoes it."""

import pytest

from store.leadstore import LeadStore
from tests.test_cjk_overlay_fix import screen_text
from tui.app import LeadboardApp
from tui.screens.importing import ImportScreen

SIZE = (130, 40)
CSV = "姓名,手机,公司,购买意向,资金实力\n张伟,13812345678,临沂宏达,5,5\n李娜,13912345678,,,\n王强,,,很强,\n"


def names(app, place):
    rows = app.screen.board.lead_list(place).rows
    return [rows[i].name for i in range(len(rows))]


async def _import(pilot, app, path):
    await pilot.press("i")
    assert isinstance(app.screen, ImportScreen)
    await pilot.press(*str(path), "enter")  # typed, as a rep would
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    return str(app.screen.query_one("#import-summary").render())


async def test_import_from_the_board_lands_whole_and_undoes_in_one_step(store, tmp_path, clock):
    path = tmp_path / "客户.csv"
    path.write_text(CSV, encoding="gbk")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        summary = await _import(pilot, app, path)
        assert "客户.csv: 3 rows read" in summary
        assert "new 3 · merged 0 · already there 0 · skipped 0 · rejected 0" in summary
        assert "u undoes the whole import" in summary
        assert app.screen.query_one("#import-progress").percentage == 1.0
        await pilot.press("escape")
        assert names(app, 1) == ["张伟"]
        assert names(app, 0) == ["王强", "李娜"]  # ungraded, newest first
        await pilot.press("u")
        assert names(app, 1) == [] and names(app, 0) == []
        assert len(store.leads) == 0
        await pilot.press("ctrl+z")  # nothing left to undo: the import was one step
        assert len(store.leads) == 0
    store.close()
    again = LeadStore.open(store.path, clock=clock)
    assert len(again.leads) == 0
    again.close()


async def test_an_unreadable_file_says_why_in_chinese_and_changes_nothing(store, seeded, tmp_path):
    path = tmp_path / "旧表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        summary = await _import(pilot, app, path)
        assert "旧版 Excel" in summary and "另存为 .xlsx" in summary
        await pilot.press("escape")
        assert not isinstance(app.screen, ImportScreen)
    assert len(store.leads) == len(seeded)
    assert store.undo_label == "add_lead"


@pytest.mark.parametrize("key", ["i", "n", "e", "s", "c", "t"])
async def test_a_read_only_board_says_so_before_a_form_is_filled_in(db_path, clock, key):
    # Import, new lead, edit, schedule, log and a triage session: refused at
    # once, not after the rep has typed a form that cannot be saved.
    with LeadStore.open(db_path, clock=clock) as writer:
        writer.add_lead(name="张伟", intent=4, funding=4)
    with LeadStore.open(db_path, clock=clock):  # another Leadboard writes the file
        store = LeadStore.open(db_path, clock=clock, fallback_read_only=True)
        app = LeadboardApp(store, "zh")
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            board = app.screen
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is board
            assert "此文件以只读方式打开，改动无法保存。" in screen_text(app)
        store.close()
