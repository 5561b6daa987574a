"""The intel figures without the UI: the latest price per model, a region's
outlets and entries, prices typed the ways reps type them; and
``leadboard market`` with the region's outlets and intel."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.errors import Invalid
from store.intel import latest_prices, model_lines, parse_models, parse_price, region_intel
from store.leadstore import LeadStore
from store.market_model import ModelPrice
from tests.intel_fixture import build_intel
from tui.cli import main


@pytest.mark.parametrize(("typed", "yuan"), [
    ("54.5万", 545_000), ("54.5w", 545_000), ("545000", 545_000), ("545,000", 545_000),
    ("５４.５万", 545_000), ("￥545000元", 545_000), ("54.3万", 543_000), ("", None),
])
def test_a_price_is_read_as_reps_type_it(typed, yuan):
    assert parse_price(typed) == yuan


@pytest.mark.parametrize(("typed", "rule"), [("cheap", "number"), ("54.55555万", "whole"),
                                             ("1.5", "whole"), ("54万5千", "number")])
def test_a_price_that_cannot_be_read_names_its_field(typed, rule):
    with pytest.raises(Invalid) as caught:
        parse_price(typed)
    assert (caught.value.field, caught.value.rule) == ("price", rule)


def test_models_are_read_with_their_ranges():
    assert parse_models("XE215DA 52-58万，XE60DA 22万; SY75C 300000~330000、PC200") == (
        ModelPrice("XE215DA", 520_000, 580_000), ModelPrice("XE60DA", 220_000, 220_000),
        ModelPrice("SY75C", 300_000, 330_000), ModelPrice("PC200", None, None))


def test_the_newest_price_by_day_wins_and_of_one_day_the_last_written(store):
    build_intel(store)
    latest = latest_prices(store.records("intel").values(), "xcmg")
    assert {model: e.price for model, e in latest.items()} == {
        "XE215DA": 545_000, "XE370DK": 980_000}
    store.add_record("intel", on=date(2026, 10, 15), brand="徐工", model="XE215DA",
                     price=538_000, text="")
    assert latest_prices(store.records("intel").values(), "徐工")["XE215DA"].price == 538_000
    lines = model_lines(store, "徐工")
    assert [(line.model, line.low, line.latest.price if line.latest else None)
            for line in lines] == [("XE215DA", 520_000, 538_000), ("XE60DA", 200_000, None),
                                   ("XE370DK", None, 980_000)]
    assert len(store.records("intel")) == 6  # every price is kept


def test_a_regions_outlets_and_entries(store):
    build_intel(store)
    here = region_intel(store, "linyi")  # pinyin, as the market's regions
    assert [o.name for o in here.outlets] == ["临沂卡特代理", "临沂徐工专营店"]
    assert [e.on for e in here.entries] == [date(2026, 11, 20), date(2026, 10, 15),
                                            date(2026, 6, 1)]
    assert [(b.brand, b.outlets, b.staff) for b in here.brands] == [("徐工", 1, 12), ("卡特", 1, 6)]
    everywhere = region_intel(store)
    assert len(everywhere.outlets) == 3 and len(everywhere.entries) == 5


@pytest.fixture
def territory(db_path, clock):
    with LeadStore.open(db_path, clock=clock) as store:
        return build_intel(store)


def test_market_json_adds_outlets_and_intel_after_the_old_keys(territory, db_path, capsys):
    assert main(["market", "--db", str(db_path), "--json", "--region", "济南"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["region", "day", "in_service", "brands", "sizes", "ages",
                              "replacement", "outlets", "intel", "lost_deals", "projects"]
    assert document["outlets"] == [{
        "id": territory["济南小松"], "brand": "小松", "name": "济南小松", "province": "山东",
        "city": "济南", "address": "", "staff": 4, "service": "repair", "opened": None}]
    assert [(e["day"], e["model"], e["price"]) for e in document["intel"]] == [
        ("2026-11-01", "XE370DK", 980_000), ("2026-09-01", "xe215da", 530_000)]
    assert set(document["intel"][0]) == {"id", "day", "brand", "model", "price", "terms",
                                         "text", "province", "city", "source", "lead_id"}


@pytest.mark.parametrize(("lang", "lines"), [
    ("zh", ["竞品网点：2 个，销售 18 人",
            "  徐工 临沂徐工专营店（临沂） · 销售 12 人 · 配件和维修 · 2019-05-01 开业",
            "最新市场信息：3 条", "  2026-10-15 徐工 XE215DA · 54.5万 · 首付两成（临沂）"]),
    ("en", ["Competitor outlets: 2, 18 sales staff",
            "  卡特 临沂卡特代理 (临沂) · 6 sales staff · parts",
            "Latest intel: 3", "  2026-11-20 卡特 320GC · 降价三万 (临沂)"]),
])
def test_market_text_lists_the_outlets_and_intel(territory, db_path, capsys, lang, lines):
    assert main(["market", "--db", str(db_path), "--region", "临沂", "--lang", lang]) == 0
    out = capsys.readouterr().out.splitlines()
    for line in lines:
        assert line in out
