"""`leadboard market` with the region's projects: their needs, the leads on
them and the flag, under "projects" in the JSON and at the end of the text;
`project:` (`项目:`) on the search bar and with `leadboard search`."""

from __future__ import annotations

import json

import pytest

from store.leadstore import LeadStore
from tests.market_fixture import build_market
from tests.projects_fixture import build_projects
from tests.test_search_ui import SIZE, names, settle
from tui.app import LeadboardApp
from tui.cli import EXIT_NONE, EXIT_OK, EXIT_USAGE, main


@pytest.fixture
def territory(db_path, clock):
    with LeadStore.open(db_path, clock=clock) as store:
        build_market(store)  # machines in 临沂, 济南 and 徐州, for the rest of the report
        ids = build_projects(store)
    return ids


def test_market_json_lists_the_regions_projects(territory, db_path, capsys):
    assert main(["market", "--db", str(db_path), "--json", "--region", "临沂"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document)[:7] == ["region", "day", "in_service", "brands", "sizes", "ages",
                                  "replacement"]
    projects = document["projects"]
    assert [(p["name"], p["flagged"]) for p in projects] == [
        ("沂河大道改建", True), ("临沭石料矿山剥离", False), ("兰山安置房地基", False)]
    assert projects[0] == {
        "id": territory["yihe"], "name": "沂河大道改建", "province": "山东", "city": "临沂",
        "investor": "临沂市交通局", "contractor": "山东路桥集团", "stage": "started",
        "start": "2026-09-01", "months": 18, "scale": "土方 120万 m³",
        "needs": [{"kind": "挖掘机", "tonnes": 21.5, "count": 3},
                  {"kind": "装载机", "tonnes": None, "count": 2}],
        "leads": [{"id": territory["刘洋"], "name": "刘洋", "quadrant": 3, "status": "active"}],
        "flagged": True,
    }


def test_market_text_ends_with_the_projects_flagged_first(territory, db_path, capsys):
    assert main(["market", "--db", str(db_path), "--lang", "zh", "--region", "xuzhou"]) == 0
    out = capsys.readouterr().out
    assert "工程项目\n  ⚑ 徐州引水渠（徐州，已开工）：挖掘机 13.5t ×2；跟进客户：陈静, 曾国\n" in out
    assert "⚑ 没人在跑的单子" in out


def test_a_region_with_nothing_flagged_has_no_flag_note(territory, db_path, capsys):
    assert main(["market", "--db", str(db_path), "--lang", "en", "--region", "jinan"]) == 0
    out = capsys.readouterr().out
    assert "  济南绕城高速 (济南, under way): -; on it: nobody" in out
    assert "sale nobody is working" not in out


@pytest.mark.parametrize(("lang", "typed"), [("en", "project:yihe"), ("zh", "项目:沂河")])
async def test_the_search_bar_narrows_the_board_to_the_leads_on_a_project(store, lang, typed):
    build_projects(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *typed)
        await settle(app, pilot)
        assert names(app, 3) == ["刘洋"]
        assert names(app, 1) == names(app, 2) == names(app, 4) == names(app, 0) == []


def test_leadboard_search_takes_the_project_filter(store, db_path, capsys):
    ids = build_projects(store)
    store.close()
    assert main(["search", "--db", str(db_path), "--json", "project:linshu"]) == EXIT_OK
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [ids["张伟"]]
    assert main(["search", "--db", str(db_path), "--json", "项目:引水渠", "象限:4"]) == EXIT_OK
    assert [r["name"] for r in json.loads(capsys.readouterr().out)] == ["陈静"]
    assert main(["search", "--db", str(db_path), "project:地铁"]) == EXIT_NONE
    assert main(["search", "--db", str(db_path), "--lang", "zh", "项目:"]) == EXIT_USAGE
