"""Search by fleet: brand:, fleet>=, age>=, hours>= and their Chinese names,
in the store's engine, on the board's search bar and with `leadboard search`."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.model import MachineStatus
from store.search import BadQuery, SearchIndex, parse_query, search
from tests.conftest import seed
from tests.test_search_ui import SIZE, names, settle
from tui.app import LeadboardApp
from tui.cli import EXIT_NONE, EXIT_OK, EXIT_USAGE, main


def fleets(store) -> dict[str, int]:
    """张伟 three machines (a Komatsu of 2012 with 15,000 h); 王强 one SANY of
    2023; 李娜 a scrapped old XCMG only; the others none; and one machine
    nobody is known to own."""
    ids = seed(store)
    zhang, wang, li = ids["张伟"], ids["王强"], ids["李娜"]
    store.add_machine("小松", "PC200-8", owner=zhang, year=2012, hours=15000,
                      hours_read=date(2026, 10, 1))
    store.add_machine("三一", "SY215C", owner=zhang, year=2019, hours=6000)
    store.add_machine("卡特", "320", owner=zhang, year=2016)
    store.add_machine("SANY", "SY75C", owner=wang, year=2023, hours=900)
    store.add_machine("徐工", "XE60", owner=li, year=2005, hours=30000,
                      status=MachineStatus.SCRAPPED)
    store.add_machine("小松", "PC56", year=2010)  # seen on a site, owner not known
    return ids


def found(store, text: str) -> set[str]:
    result = search(SearchIndex(store), parse_query(text), None)
    return {store.lead(hit.lead_id).name for hit in result.hits}


@pytest.mark.parametrize(("english", "chinese", "expected"), [
    ("brand:小松", "品牌:小松", {"张伟"}),
    ("brand:sany", "品牌：三一重工", {"张伟", "王强"}),
    ("brand:cat,xcmg", "品牌:卡特彼勒,徐工", {"张伟"}),  # the scrapped XCMG counts for nobody
    ("fleet>=3", "机队>=3", {"张伟"}),
    ("fleet>=1", "机队>=1", {"张伟", "王强"}),
    ("fleet=1", "机队=1", {"王强"}),
    ("fleet<1", "机队<1", {"李娜", "刘洋", "陈静", "曾国"}),
    ("age>=8", "机龄>=8", {"张伟"}),
    ("age<5", "机龄<5", {"王强"}),
    ("hours>=10000", "小时>=10000", {"张伟"}),
    ("hours<1000", "小时<1000", {"王强"}),
    ("brand:三一 hours<1000", "品牌:三一 小时<1000", {"王强"}),
    ("q:1 brand:小松", "象限:1 品牌:小松", {"张伟"}),
])
def test_fleet_filters_in_both_languages(store, english, chinese, expected):
    fleets(store)
    assert found(store, english) == expected
    assert found(store, chinese) == expected


def test_fleet_filters_follow_changes_to_the_fleet(store):
    ids = fleets(store)
    index = SearchIndex(store)
    assert {h.lead_id for h in search(index, parse_query("brand:日立"), None).hits} == set()
    store.add_machine("日立", "ZX200", owner=ids["陈静"])
    assert {h.lead_id for h in search(index, parse_query("brand:日立"), None).hits} == {ids["陈静"]}
    store.undo()
    assert search(index, parse_query("brand:日立"), None).hits == []


@pytest.mark.parametrize(("text", "reason"), [
    ("fleet>=many", "bad_value"), ("机龄>=八", "bad_value"), ("hours>=", "empty_value"),
    ("brand>三一", "bad_operator"), ("品牌:", "empty_value"),
])
def test_a_fleet_filter_that_cannot_be_read_is_named(text, reason):
    with pytest.raises(BadQuery) as bad:
        parse_query(text)
    assert bad.value.params["reason"] == reason


@pytest.mark.parametrize(("lang", "typed"), [("en", "brand:komatsu"), ("zh", "品牌:小松")])
async def test_the_search_bar_narrows_the_board_to_owners(store, lang, typed):
    fleets(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *typed)
        await settle(app, pilot)
        assert names(app, 1) == ["张伟"]
        assert names(app, 2) == names(app, 3) == names(app, 4) == names(app, 0) == []


async def test_the_search_bar_takes_a_chinese_comparison(store):
    fleets(store)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"机队<1")
        await settle(app, pilot)
        assert names(app, 1) == [] and names(app, 0) == ["曾国"]
        assert set(names(app, 2)) == {"李娜"} and set(names(app, 4)) == {"陈静"}


def test_leadboard_search_takes_the_fleet_filters(store, db_path, capsys):
    ids = fleets(store)
    store.close()
    assert main(["search", "--db", str(db_path), "--json", "age>=8"]) == EXIT_OK
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [ids["张伟"]]
    assert main(["search", "--db", str(db_path), "--json", "品牌:三一", "小时<1000"]) == EXIT_OK
    assert [r["name"] for r in json.loads(capsys.readouterr().out)] == ["王强"]
    assert main(["search", "--db", str(db_path), "brand:日立"]) == EXIT_NONE
    assert main(["search", "--db", str(db_path), "--lang", "zh", "机队>=很多"]) == EXIT_USAGE
    assert "机队>=很多" in capsys.readouterr().err
