"""`leadboard market` and the replacement settings on the command line."""

from __future__ import annotations

import json

import pytest

from store.leadstore import LeadStore
from tests.market_fixture import build_market
from tui.cli import EXIT_NONE, EXIT_USAGE, main


@pytest.fixture
def territory(db_path, clock):
    with LeadStore.open(db_path, clock=clock) as store:
        ids = build_market(store)
    return ids


def test_market_json_has_stable_keys_and_the_right_numbers(territory, db_path, capsys):
    assert main(["market", "--db", str(db_path), "--json", "--region", "临沂"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["region", "day", "in_service", "brands", "sizes", "ages",
                              "replacement", "outlets", "intel",
                              "lost_deals", "projects"]
    assert document["region"] == "临沂" and document["in_service"] == 4
    assert document["brands"][0] == {
        "brand": "三一", "own": True, "count": 2, "share": 0.5,
        "sizes": {"<6": 0, "6-15": 1, "15-25": 1, "25-40": 0, "40+": 0, "unknown": 0},
        "ages": {"0-3": 1, "4-7": 0, "8-12": 1, "13+": 0, "unknown": 0}}
    assert document["sizes"] == {"<6": 0, "6-15": 1, "15-25": 1, "25-40": 0, "40+": 1,
                                 "unknown": 1}
    replacement = document["replacement"]
    assert (replacement["age"], replacement["hours"], replacement["unowned"]) == (8, 10000, 1)
    assert [(o["id"], o["name"], [m["model"] for m in o["machines"]])
            for o in replacement["owners"]] == [(territory["a"], "张伟", ["SY215C"])]


def test_market_text_in_chinese_lines_up_the_brands(territory, db_path, capsys):
    assert main(["market", "--db", str(db_path), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "市场 · 全部地区 · 在用设备 8 台 · " in out
    assert "  ★ 三一      2     25%" in out and "  柳工        1     12%" in out
    assert "按吨位：<6 吨 2 · 6-15 吨 1 · 15-25 吨 2 · 25-40 吨 1 · 40+ 吨 1 · 不详 1" in out
    assert "换机候选：机龄 8 年以上或 10,000 小时以上" in out
    assert "  李强（济南）：卡特 305.5 5.5吨 2012；卡特 320 20吨 2020 12,000 小时" in out
    assert "另有 1 台到期设备，机主不详" in out


def test_a_region_without_machines_says_so_in_one_line(territory, db_path, capsys):
    assert main(["market", "--db", str(db_path), "--region", "广东", "--lang", "en"]) == EXIT_NONE
    err = capsys.readouterr().err
    assert err.strip() == "No machines in service in 广东."


def test_the_replacement_line_is_a_setting(territory, db_path, capsys):
    assert main(["settings", "--db", str(db_path), "--replace-age", "13",
                 "--replace-hours", "20000", "--lang", "en"]) == 0
    assert "due for replacement: 13 years old or 20,000 hours" in capsys.readouterr().out
    main(["market", "--db", str(db_path), "--json"])
    owners = json.loads(capsys.readouterr().out)["replacement"]["owners"]
    assert [o["id"] for o in owners] == [territory["b"]]


@pytest.mark.parametrize(("flag", "value", "said"), [
    ("--replace-age", "0", "Give the age in whole years"),
    ("--replace-hours", "-5", "Give the hours as a whole number"),
])
def test_a_bad_replacement_line_is_refused_in_one_line(territory, db_path, capsys, flag, value,
                                                        said):
    assert main(["settings", "--db", str(db_path), flag, value, "--lang", "en"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    with LeadStore.open(db_path, read_only=True) as store:
        assert (store.settings.replace_age, store.settings.replace_hours) == (8, 10_000)
