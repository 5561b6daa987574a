"""Projects as a rep uses them: the market's section (n adds, enter opens,
delete removes after asking), the project form's inline errors, the flag."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable

from store.market_model import MachineNeed, ProjectStage
from tests.projects_fixture import build_projects
from tests.test_fleet_app import screen_text
from tests.test_insights_app import SIZE, settle, text
from tests.test_search_ui import choose_in_palette, palette_prompts
from tui.app import LeadboardApp
from tui.screens.market import MarketScreen
from tui.screens.link_project import LinkProject
from tui.screens.project_form import ProjectForm, RemoveProject


def rows(app) -> list[tuple[str, ...]]:
    table = app.screen.query_one("#projects-table", DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(r)) for r in range(table.row_count)]


async def open_market(app, pilot) -> None:
    await pilot.press("M")
    await settle(app, pilot)
    assert isinstance(app.screen, MarketScreen)


@pytest.mark.parametrize(("lang", "heading", "stage", "nobody"), [
    ("en", "· 2 ⚑ nobody working", "under way", "nobody"),
    ("zh", "· 2 个 ⚑ 无人跟进", "已开工", "无"),
])
async def test_the_market_lists_the_projects_flagged_first(store, lang, heading, stage, nobody):
    build_projects(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await open_market(app, pilot)
        assert text(app, "#projects-heading").endswith(heading)
        assert rows(app)[:2] == [
            ("⚑", "徐州引水渠", "徐州", stage, "挖掘机 13.5t ×2", "陈静, 曾国"),
            ("⚑", "沂河大道改建", "临沂", stage, "挖掘机 21.5t ×3, 装载机 ×2", "刘洋")]
        assert rows(app)[3][1:] == ("济南绕城高速", "济南", stage, "-", nobody)
        await pilot.press("slash")
        app.screen.query_one("#market-region").value = "临沂"
        await pilot.press("enter")
        await settle(app, pilot)
        assert [r[1] for r in rows(app)] == ["沂河大道改建", "临沭石料矿山剥离", "兰山安置房地基"]


async def test_n_adds_a_project_with_its_needs(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_market(app, pilot)
        assert "还没有记录项目" in text(app, "#projects-note")
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProjectForm)
        await pilot.press(*"沂河大道改建", "tab", *"山东", "tab", *"临沂")
        form.query_one("#project-stage").value = "started"
        form.query_one("#project-start").value = "2026-09-01"
        form.query_one("#project-months").value = "18"
        form.query_one("#project-scale").value = "土方 120万 m³"
        form.query_one("#project-needs").focus()
        await pilot.press(*"挖掘机 21.5t x3, 装载机 x2")
        await pilot.pause()
        assert text(app, "#project-needs-read") == "读作：挖掘机 21.5t ×3 · 装载机 ×2"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MarketScreen)
        (project,) = store.records("projects").values()
        assert (project.name, project.city, project.stage, project.start, project.months,
                project.scale) == ("沂河大道改建", "临沂", ProjectStage.STARTED,
                                   date(2026, 9, 1), 18, "土方 120万 m³")
        assert project.needs == (MachineNeed("挖掘机", 21.5, 3), MachineNeed("装载机", None, 2))
        # Nobody on it yet: a sale nobody is working.
        assert rows(app) == [("⚑", "沂河大道改建", "临沂", "已开工",
                              "挖掘机 21.5t ×3, 装载机 ×2", "无")]
        assert store.undo_label == "add_projects"


@pytest.mark.parametrize(("lang", "typed", "field", "said"), [
    ("en", {"name": ""}, "name", "Name: required."),
    ("en", {"months": "long"}, "months", "Months: “long” is not a number."),
    ("en", {"months": "0"}, "months", "Months: 0 is out of range."),
    ("en", {"start": "someday"}, "start", "Start: “someday” is not a day"),
    ("en", {"needs": "挖掘机 ×3; 12"}, "needs", "Machines needed: “12” is not a need"),
    ("zh", {"needs": "挖掘机 0.1t"}, "needs", "设备需求："),
    ("zh", {"start": "改天"}, "start", "开工日期：“改天”不是日期"),
    ("zh", {"months": "十八"}, "months", "工期（月）：“十八”不是数字。"),
])
async def test_bad_input_is_said_inline_and_nothing_is_saved(store, lang, typed, field, said):
    ids = build_projects(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await open_market(app, pilot)
        await pilot.press("tab")  # to the projects
        assert app.focused is app.screen.query_one("#projects-table")
        await pilot.press("down", "enter")  # 沂河大道改建, the second
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProjectForm)
        assert form.query_one("#project-needs").value == "挖掘机 21.5t ×3; 装载机 ×2"
        for name, value in typed.items():
            form.query_one(f"#project-{name}").value = value
        journal = store.journal_bytes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert said in screen_text(app)
        assert app.focused is form.query_one(f"#project-{field}")
        assert store.journal_bytes == journal
        assert store.record("projects", ids["yihe"]).months == 18


async def test_enter_opens_a_project_and_a_new_name_reaches_its_leads(store):
    ids = build_projects(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_market(app, pilot)
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        app.screen.query_one("#project-name").value = "沂河大道东延"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert rows(app)[1][1] == "沂河大道东延"
        assert store.lead(ids["刘洋"]).project == "沂河大道东延"
        assert app.focused is app.screen.query_one("#projects-table")


async def test_delete_asks_then_removes_and_u_on_the_board_brings_it_back(store):
    ids = build_projects(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_market(app, pilot)
        await pilot.press("tab", "delete")
        await pilot.pause()
        assert isinstance(app.screen, RemoveProject)
        await pilot.press("escape")  # keeps it
        await pilot.pause()
        assert ids["canal"] in store.records("projects")
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert ids["canal"] not in store.records("projects")
        assert "徐州引水渠" not in [r[1] for r in rows(app)]
        await pilot.press("escape")  # the board
        await pilot.press("u")
        await pilot.pause()
        assert ids["canal"] in store.records("projects")
        assert "project removed" in text(app, "#status")


async def test_P_puts_the_lead_on_a_project_typed_and_u_takes_it_back(store):
    ids = build_projects(store)
    zhang = ids["张伟"]  # on 临沭石料矿山剥离 already, first in Q1
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the detail pane
        await pilot.pause()
        assert app.screen.selected_lead_id() == zhang
        assert "参与的项目（1）" in screen_text(app)
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, LinkProject)
        assert "✓ 临沭石料矿山剥离" in screen_text(app)  # its own first
        await pilot.press(*"yihe")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert zhang in store.record("projects", ids["yihe"]).lead_ids
        assert store.lead(zhang).project == "沂河大道改建"
        shown = screen_text(app)
        assert "张伟 已关联 沂河大道改建" in shown
        assert "参与的项目（2）" in shown
        assert "沂河大道改建 · 已开工 · 挖掘机 21.5t ×3," in shown  # the pane wraps it
        await pilot.press("u")
        await pilot.pause()
        assert zhang not in store.record("projects", ids["yihe"]).lead_ids
        assert store.lead(zhang).project == "临沭石料矿山剥离"
        assert "已撤销：客户关联项目" in screen_text(app)


async def test_P_takes_the_lead_off_a_project_it_is_on(store):
    ids = build_projects(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("P")
        await pilot.pause()
        await pilot.press(*"linshu", "enter")
        await pilot.pause()
        assert ids["张伟"] not in store.record("projects", ids["quarry"]).lead_ids
        assert store.lead(ids["张伟"]).project == ""
        assert "张伟 is off 临沭石料矿山剥离" in screen_text(app)
        # Nobody in Q1/Q2 on it now: the market flags it.
        await pilot.press("M")
        await settle(app, pilot)
        assert ("⚑", "临沭石料矿山剥离") in [r[:2] for r in rows(app)]


async def test_a_flagged_project_is_marked_in_the_detail_pane(store):
    ids = build_projects(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.jump_to(ids["刘洋"])
        await pilot.pause()
        pane = app.screen.details.content_region  # the pane wraps the line
        strips = app.screen._compositor.render_strips()[pane.y:pane.bottom]
        shown = " ".join(" ".join(strip.crop(pane.x, pane.right).text for strip in strips).split())
        assert "沂河大道改建 · under way · 挖掘机 21.5t ×3," in shown
        assert "⚑ nobody in Q1/Q2" in shown


async def test_the_palette_opens_a_project_typed_by_its_pinyin(store):
    ids = build_projects(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await choose_in_palette(pilot, "yihedadao")
        assert isinstance(app.screen, ProjectForm)
        assert app.screen.project.id == ids["yihe"]
        app.screen.query_one("#project-months").value = "24"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.record("projects", ids["yihe"]).months == 24


@pytest.mark.parametrize("typed", ["PC360", "komatsu", "小松", "李娜"])
async def test_the_palette_finds_a_machine_and_shows_its_owner(store, typed):
    ids = build_projects(store)
    store.add_machine("三一", "SY215C", owner=ids["张伟"], year=2019)
    store.add_machine("小松", "PC360-8", owner=ids["李娜"], year=2015)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*typed)
        await pilot.pause(0.3)
        assert any("Machine: 小松 PC360-8 of 李娜" in p for p in palette_prompts(app))
        if typed != "李娜":  # a name finds the lead itself first
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.selected_lead_id() == ids["李娜"]
