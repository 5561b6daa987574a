"""The import dialog as a rep uses it: a wrong path corrected in place, the
command line's dry run and duplicate choice, and a last line that tells what
came of the import, rejected rows counted."""

from store.leadstore import LeadStore
from tests.test_cjk_overlay_fix import screen_text
from tui.app import LeadboardApp
from tui.screens.importing import ImportScreen

SIZE = (100, 40)
CSV = "姓名,手机,意向,资金\n张伟,13812345678,5,5\n李娜,13912345678,,\n"


def summary(app) -> str:
    return str(app.screen.query_one("#import-summary").render())


async def _run(pilot, app) -> str:
    await pilot.pause()
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    return summary(app)


async def test_after_an_error_the_path_stays_in_hand_to_correct(store, tmp_path):
    good = tmp_path / "客户.csv"
    good.write_text(CSV, encoding="utf-8")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.press(*f"{good}x", "enter")  # one letter too many
        said = await _run(pilot, app)
        assert "does not exist" in said
        path = app.screen.query_one("#import-path")
        assert app.focused is path
        await pilot.press("backspace", "enter")  # corrected where it is, at once
        said = await _run(pilot, app)
        assert "new 2 · merged 0" in said and "✓ Imported" in said
    assert sorted(lead.name for lead in store.leads.values()) == ["张伟", "李娜"]


async def test_an_empty_path_says_so_and_keeps_the_focus_on_the_path(store):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.click("#import-start")
        await pilot.pause()
        assert "请输入要导入的文件路径" in summary(app)
        assert app.focused is app.screen.query_one("#import-path")


async def test_a_dry_run_shows_what_would_happen_and_writes_nothing(store, tmp_path):
    path = tmp_path / "客户.csv"
    path.write_text(CSV + ",,\n,,9,\n", encoding="utf-8")  # and a row to reject
    store.add_lead("张伟", phones=("13812345678",))
    before = path.read_bytes()
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.click("#import-dry-run")
        await pilot.click("#import-path")
        await pilot.press(*str(path), "enter")
        said = await _run(pilot, app)
        assert "new 1 · merged 1 · already there 0 · skipped 0 · rejected 1" in said
        assert "Dry run: nothing was saved." in said
        assert "Imported" not in said and "Rejected rows are in" not in said
        await pilot.press("escape")
        assert not isinstance(app.screen, ImportScreen)
        assert store.undo_label == "add_lead"
    assert [lead.name for lead in store.leads.values()] == ["张伟"]
    store.close()
    with LeadStore.open(store.path, read_only=True) as again:
        assert [lead.name for lead in again.leads.values()] == ["张伟"]
    # No rejects file, the file read as it was.
    assert sorted(p.name for p in tmp_path.iterdir() if "leads.json" not in p.name) == ["客户.csv"]
    assert path.read_bytes() == before


async def test_rows_already_on_the_board_can_come_in_as_new_leads_or_be_skipped(store, tmp_path):
    path = tmp_path / "客户.csv"
    path.write_text(CSV, encoding="utf-8")
    store.add_lead("张伟", phones=("13812345678",))
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.click("#import-on-duplicate")  # the list opens
        await pilot.press("down", "down", "enter")  # 合并, 跳过, 另建新客户
        await pilot.click("#import-path")
        await pilot.press(*str(path), "enter")
        said = await _run(pilot, app)
        assert "新增 2 · 合并 0 · 已存在 0 · 跳过 0" in said
    assert sorted(lead.name for lead in store.leads.values()) == ["张伟", "张伟", "李娜"]


async def test_skip_leaves_the_lead_alone(store, tmp_path):
    path = tmp_path / "客户.csv"
    path.write_text(CSV, encoding="utf-8")
    store.add_lead("张伟", phones=("13812345678",))
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.click("#import-on-duplicate")
        await pilot.press("down", "enter")
        await pilot.click("#import-path")
        await pilot.press(*str(path), "enter")
        said = await _run(pilot, app)
        assert "new 1 · merged 0 · already there 0 · skipped 1" in said
    zhang = next(lead for lead in store.leads.values() if lead.name == "张伟")
    assert (zhang.intent, zhang.funding) == (None, None)  # not filled from the file


async def test_nothing_new_is_said_only_when_nothing_was_rejected(store, tmp_path):
    path = tmp_path / "客户.csv"
    path.write_text(CSV, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,手机,意向\n,,较强\n王强,,9\n刘洋,,很多\n", encoding="utf-8")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.press(*str(bad), "enter")
        said = await _run(pilot, app)
        assert "Nothing imported: all 3 rows were rejected" in said
        assert "already on the board" not in said
        await pilot.click("#import-path")
        await pilot.press("end", *(["backspace"] * 200), *f"{path};{bad}", "enter")
        said = await _run(pilot, app)
        assert "✓ Imported" in said
        await pilot.click("#import-start")  # the same two files again
        said = await _run(pilot, app)
        assert "Nothing new: 3 rows were rejected; the other 2 are already on the board." in said
        await pilot.click("#import-path")
        await pilot.press("end", *(["backspace"] * 200), *str(path), "enter")
        said = await _run(pilot, app)
        assert "Nothing new: every row is already on the board." in said
        assert "Nothing new" in screen_text(app)
