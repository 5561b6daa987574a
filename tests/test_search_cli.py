"""``leadboard search``: the same engine and filters, text or JSON, and exit codes."""

import json

from store.leadstore import LeadStore
from tests.test_search import add_leads
from tui.cli import EXIT_NONE, EXIT_OK, EXIT_USAGE, main


def filled(db_path, clock):
    store = LeadStore.open(db_path, clock=clock)
    ids = add_leads(store)
    store.close()
    return ids


def test_text_output_ranks_the_matches(db_path, clock, capsys):
    ids = filled(db_path, clock)
    assert main(["search", "--db", str(db_path), "q:1 region:临沂 wang"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{ids['王芳']}\t王芳\t\t\t临沂\tQ1\t75"]


def test_json_output_has_every_key(db_path, clock, capsys):
    ids = filled(db_path, clock)
    assert main(["search", "--db", str(db_path), "--json", "zhang"]) == EXIT_OK
    records = json.loads(capsys.readouterr().out)
    assert records[0] == {
        "id": ids["张三"], "name": "张三", "company": "临沂宏达土石方工程有限公司",
        "phones": ["138 0539 1234"], "region": "临沂", "quadrant": 1, "score": 75,
    }
    assert [r["name"] for r in records] == ["张三", "张伟"]
    assert main(["search", "--db", str(db_path), "--json", "解放"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)[0]["quadrant"] is None


def test_empty_query_lists_the_board_and_limit_cuts(db_path, clock, capsys):
    filled(db_path, clock)
    assert main(["search", "--db", str(db_path), "--json"]) == EXIT_OK
    records = json.loads(capsys.readouterr().out)
    assert records[0]["quadrant"] == 1 and records[-1]["quadrant"] is None
    assert main(["search", "--db", str(db_path), "--limit", "2", ""]) == EXIT_OK
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_no_match_exits_1_and_a_bad_query_exits_2(db_path, clock, capsys):
    filled(db_path, clock)
    assert main(["search", "--db", str(db_path), "nobodyxyz"]) == EXIT_NONE
    out = capsys.readouterr()
    assert out.out == "" and out.err == "No lead matches.\n"
    assert main(["search", "--db", str(db_path), "--json", "nobodyxyz"]) == EXIT_NONE
    assert json.loads(capsys.readouterr().out) == []
    assert main(["search", "--db", str(db_path), "intent>=7"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "intent>=7" in err
    assert main(["search", "--db", str(db_path), "--lang", "zh", "颜色:红"]) == EXIT_USAGE
    assert "没有“颜色:红”这种筛选条件" in capsys.readouterr().err
    assert main(["search", "--db", str(db_path), "--limit", "0", "wang"]) == EXIT_USAGE


def test_search_works_while_the_board_holds_the_file(db_path, clock, capsys):
    filled(db_path, clock)
    writer = LeadStore.open(db_path, clock=clock)  # the app, running
    try:
        assert main(["search", "--db", str(db_path), "zs"]) == EXIT_OK
        assert "张三" in capsys.readouterr().out
    finally:
        writer.close()


def test_words_need_no_quotes(db_path, clock, capsys):
    ids = filled(db_path, clock)
    assert main(["search", "--db", str(db_path), "--json", "q:1", "zhang", "san"]) == EXIT_OK
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [ids["张三"]]
