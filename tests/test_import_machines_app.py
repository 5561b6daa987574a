"""Machine lists in the app: the import dialog reads them as the command line
does and says how many machines came in; the machine form keeps a serial."""

from __future__ import annotations

from store.leadstore import LeadStore
from tests.test_cjk_overlay_fix import screen_text
from tests.test_import_dialog import SIZE, _run
from tui.app import LeadboardApp
from tui.screens.machine_form import MachineForm

LIST = ("品牌,型号,出厂编号,出厂年份,小时数,车主,电话\n"
        "三一,SY215C,SY0001,2018,9800,张三,13812345678\n"
        "卡特,320D,,2015,12000,张三,13812345678\n")


async def test_the_dialog_imports_a_machine_list_and_counts_the_machines(store, tmp_path):
    path = tmp_path / "保有量.csv"
    path.write_bytes(LIST.encode("gbk"))
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.press(*str(path), "enter")
        said = await _run(pilot, app)
        assert "设备：新增 2 · 更新 0 · 已存在 0 · 跳过 0" in said
        assert "✓ 导入完成" in said
        await pilot.click("#import-start")  # the same list again
        said = await _run(pilot, app)
        assert "设备：新增 0 · 更新 0 · 已存在 2" in said
        assert "没有新内容" in said
    (owner,) = store.leads.values()
    assert [(m.brand, m.model, m.serial) for m in store.fleet_of(owner.id)] == [
        ("三一", "SY215C", "SY0001"), ("卡特", "320D", "")]
    assert store.undo_label == "import"


async def test_the_rep_says_the_file_is_a_machine_list(store, tmp_path):
    path = tmp_path / "机型.csv"
    path.write_text("电话,品牌,型号\n13712345678,小松,PC200\n", encoding="utf-8")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.click("#import-kind")  # the list opens: by the headers, leads, machines
        await pilot.press("down", "down", "enter")
        await pilot.click("#import-path")
        await pilot.press(*str(path), "enter")
        said = await _run(pilot, app)
        assert "machines: new 1 · updated 0" in said
        assert "机型.csv read as a machine list" in said
    (owner,) = store.leads.values()
    assert [(m.brand, m.model) for m in store.fleet_of(owner.id)] == [("小松", "PC200")]


async def test_the_machine_form_keeps_a_serial(store, seeded, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=(130, 44)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MachineForm)
        await pilot.press(*"sany", "tab", *"SY215C")
        form.query_one("#machine-owner_says").focus()
        await pilot.press("tab")  # the last field, below the owner's words
        await pilot.pause()
        assert app.focused is form.query_one("#machine-serial")
        assert "Serial number" in screen_text(app)
        await pilot.press(*"SY215C-0042", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MachineForm)
    store.close()
    with LeadStore.open(store.path, clock=clock, read_only=True) as again:
        (machine,) = again.fleet_of(seeded["张伟"])
        assert (machine.model, machine.serial) == ("SY215C", "SY215C-0042")
