"""The market screen's intelligence: the region's competitors, outlets with
their staff and latest intel on a known territory; outlets added, edited and
removed there (with a question first, and u to take it back)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable

from store.leadstore import LeadStore
from store.market_model import Service
from tests.intel_fixture import build_intel
from tests.test_cjk_overlay_fix import screen_text
from tests.test_insights_app import settle, text
from tui.app import LeadboardApp
from tui.screens.form import DiscardTyping
from tui.screens.confirm import ConfirmRemove
from tui.screens.outlet_form import OutletForm

SIZE = (130, 50)


def rows(app, name: str) -> list[tuple[str, ...]]:
    table = app.screen.query_one(f"#market-{name}-table", DataTable)
    return [tuple(str(c) for c in table.get_row_at(r)) for r in range(table.row_count)]


async def _market(pilot, app, region: str = "") -> None:
    await pilot.press("M")
    await settle(app, pilot)
    if region:
        await pilot.press("slash")
        app.screen.query_one("#market-region").value = region
        await pilot.press("enter")
        await settle(app, pilot)


@pytest.mark.parametrize(("lang", "headings", "outlet", "entry"), [
    ("en", ("Competitors · 临沂",
            "Competitor outlets and staff · 临沂 · 2 outlets, 18 sales staff",
            "Latest intel · 临沂"),
     ("徐工", "临沂徐工专营店", "临沂", "12 sales staff", "parts and repair", "2019-05-01"),
     ("2026-10-15", "徐工", "XE215DA", "¥545,000", "-", "首付两成", "临沂")),
    ("zh", ("竞争品牌 · 临沂", "竞品网点和销售人员 · 临沂 · 网点 2 个，销售 18 人",
            "最新市场信息 · 临沂"),
     ("徐工", "临沂徐工专营店", "临沂", "销售 12 人", "配件和维修", "2019-05-01"),
     ("2026-10-15", "徐工", "XE215DA", "54.5万", "-", "首付两成", "临沂")),
])
async def test_the_sections_show_the_regions_outlets_and_newest_intel(store, lang, headings,
                                                                       outlet, entry):
    build_intel(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await _market(pilot, app, "临沂")
        assert (text(app, "#market-competitors-heading"), text(app, "#market-outlets-heading"),
                text(app, "#market-intel-heading")) == headings
        assert [(r[0], r[1], r[2]) for r in rows(app, "competitors")] == [
            ("徐工", "1", "12"), ("卡特", "1", "6")]
        assert rows(app, "outlets")[1] == outlet
        assert [r[0] for r in rows(app, "intel")] == ["2026-11-20", "2026-10-15", "2026-06-01"]
        assert rows(app, "intel")[1] == entry
        await pilot.press("r")  # the next region, 济南: its own outlet and intel
        await settle(app, pilot)
        assert [r[1] for r in rows(app, "outlets")] == ["济南小松"]
        assert [r[2] for r in rows(app, "intel")] == ["XE370DK", "xe215da"]


async def test_an_empty_region_says_which_key_adds(store):
    build_intel(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _market(pilot, app, "徐州")
        assert text(app, "#market-outlets-note") == "No competitor outlet known here: o adds one."
        assert text(app, "#market-intel-note") == "No intel heard here yet: I writes some down."


async def test_o_adds_an_outlet_in_the_region_shown(store, clock):
    build_intel(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _market(pilot, app, "临沂")
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OutletForm)
        assert form.query_one("#outlet-province").value == "山东"
        assert form.query_one("#outlet-city").value == "临沂"
        await pilot.press(*"Komatsu", "tab", *"临沂小松服务站")
        form.query_one("#outlet-staff").value = "５"
        form.query_one("#outlet-opened").value = "2021-03-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, OutletForm)
        assert ("小松", "临沂小松服务站", "临沂", "5 sales staff", "parts and repair",
                "2021-03-01") in rows(app, "outlets")
        assert "3 outlets, 23 sales staff" in text(app, "#market-outlets-heading")
    store.close()
    with LeadStore.open(store.path, clock=clock, read_only=True) as again:
        added = [o for o in again.records("outlets").values() if o.name == "临沂小松服务站"]
        assert [(o.brand, o.staff, o.opened, o.service) for o in added] == [
            ("小松", 5, date(2021, 3, 1), Service.PARTS_AND_REPAIR)]


@pytest.mark.parametrize(("lang", "typed", "field", "said"), [
    ("en", {"staff": "many"}, "staff", "Sales staff: “many” is not a number"),
    ("en", {"opened": "2027-01-01"}, "opened", "Opened: 2027-01-01 has not come yet."),
    ("zh", {"name": ""}, "name", "名称：必填。"),
    ("zh", {"staff": "2.5"}, "staff", "销售人数：“2.5”不是整数金额"),
])
async def test_a_bad_outlet_is_refused_where_it_was_typed(store, lang, typed, field, said):
    build_intel(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await _market(pilot, app)
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        for name, value in {"brand": "日立", "name": "日立服务站", **typed}.items():
            form.query_one(f"#outlet-{name}").value = value
        journal = store.journal_bytes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and said in screen_text(app)
        assert app.focused is form.query_one(f"#outlet-{field}")
        assert store.journal_bytes == journal and len(store.records("outlets")) == 3


async def test_an_outlet_is_edited_and_removed_after_a_question(store):
    ids = build_intel(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _market(pilot, app, "临沂")
        await pilot.press("tab", "tab", "down")  # the outlets; 临沂徐工专营店
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OutletForm)
        assert form.query_one("#outlet-staff").value == "12"
        form.query_one("#outlet-staff").value = "15"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.record("outlets", ids["临沂徐工专营店"]).staff == 15
        assert rows(app, "outlets")[1][3] == "15 sales staff"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmRemove)
        assert "Remove 徐工's outlet 临沂徐工专营店?" in screen_text(app)
        await pilot.press("escape")  # kept
        await pilot.pause()
        assert ids["临沂徐工专营店"] in store.records("outlets")
        await pilot.press("d", "y")
        await pilot.pause()
        assert ids["临沂徐工专营店"] not in store.records("outlets")
        assert [r[1] for r in rows(app, "outlets")] == ["临沂卡特代理"]
        await pilot.press("u")
        await pilot.pause()
        assert ids["临沂徐工专营店"] in store.records("outlets")
        assert len(rows(app, "outlets")) == 2


async def test_undo_here_leaves_a_change_made_on_the_board_alone(store):
    build_intel(store)
    lead = store.add_lead("赵六")
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _market(pilot, app)
        await pilot.press("u")
        await pilot.pause()
        assert "最近一次改动是在看板上做的：请回看板撤销。" in screen_text(app)
        assert lead.id in store.leads


async def test_b_writes_a_profile_and_a_brand_has_only_one(store):
    build_intel(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _market(pilot, app)
        await pilot.press("b")
        await pilot.pause()
        form = app.screen
        form.query_one("#competitor-brand").value = "徐工"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Brand: 徐工 already has a profile; edit that one." in screen_text(app)
        form.query_one("#competitor-brand").value = "komatsu"
        form.query_one("#competitor-models").value = "PC200-8 60-66万, PC56-7 ３０万"
        form.query_one("#competitor-down_payment_pct").value = "30%"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not form.is_attached
        assert ("小松", "1", "4", "30% down", "-") in [r[:5] for r in rows(app, "competitors")]
        await pilot.press("escape")
        await pilot.pause()
        assert "u undoes: new competitor profile" in screen_text(app)  # the board's status line
    profile = next(c for c in store.records("competitors").values() if c.brand == "小松")
    assert [(m.model, m.low, m.high) for m in profile.models] == [
        ("PC200-8", 600_000, 660_000), ("PC56-7", 300_000, 300_000)]


async def test_a_price_range_upside_down_is_refused(store):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await _market(pilot, app)
        await pilot.press("b")
        await pilot.pause()
        form = app.screen
        form.query_one("#competitor-brand").value = "日立"
        form.query_one("#competitor-models").value = "ZX200 70-60万"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "型号：ZX200 的最高价低于最低价。" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardTyping)
    assert not store.records("competitors")
