"""``leadboard report``: the insights as text and JSON, valid and reproducible."""

from __future__ import annotations

import json

import jsonschema
import pytest

from store.insights.document import SCHEMA_FILE
from store.leadstore import LeadStore
from tests.conftest import Clock
from tests.insights_fixture import build
from tui.cli import EXIT_UNREADABLE, EXIT_USAGE, main

QUARTER = ["--from", "2026-10-01", "--to", "2026-12-31"]


@pytest.fixture
def history(tmp_path):
    path = tmp_path / "leads.json"
    clock = Clock()
    with LeadStore.open(path, clock=clock) as store:
        build(store, clock)
    return path


def report(path, *args: str) -> list[str]:
    return ["report", "--db", str(path), *QUARTER, *args]


def test_json_validates_and_is_byte_identical(history, tmp_path):
    target = tmp_path / "report.json"
    assert main(report(history, "--format", "json", "-o", str(target))) == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text())).validate(document)
    assert document["schema"] == "leadboard.report/1"
    assert document["period"]["kind"] == "range"
    assert [(s["source"], s["won"], s["win_rate"]) for s in document["sources"]] == [
        ("friend", 1, 0.5), ("owner", 1, 1.0), ("walk_in", 0, 0.0), ("event", 0, None)]
    assert document["migration"]["places"] == [1, 2, 3, 4, None]
    assert document["migration"]["counts"][2] == [1, 0, 1, 0, 0]  # Q3: one to Q1, one stayed
    assert [r["reason"] for r in document["lost"]["reasons"]] == ["价格高", "资金不足"]
    assert (target.stat().st_mode & 0o777) == 0o600
    first = target.read_bytes()
    assert main(report(history, "--format", "json", "-o", str(target))) == 0
    assert target.read_bytes() == first


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["## Lead sources", "friend", "## Lost deals", "价格高"]),
    ("zh", ["## 客户来源", "朋友介绍", "## 流失原因", "价格高"]),
])
def test_text_has_every_section_in_the_language(history, capsys, lang, lines):
    assert main(report(history, "--lang", lang)) == 0
    out = capsys.readouterr().out
    for line in lines:
        assert line in out
    assert out.count("## ") == 7


def test_chinese_columns_line_up_by_cells(history, capsys):
    assert main(report(history, "--lang", "zh")) == 0
    out = capsys.readouterr().out.splitlines()
    top = out.index("## 客户来源")
    rows = out[top + 1:top + 6]
    # Each row ends at the same cell: the numbers are right-aligned under their heading.
    from store.insights.text import cells
    assert len({cells(row) for row in rows}) == 1


def test_a_query_counts_only_its_leads_of_any_status(history):
    out = history.parent / "q.json"
    assert main(report(history, "--format", "json", "--query", "source:friend",
                       "-o", str(out))) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [(s["source"], s["won"], s["lost"]) for s in document["sources"]] == [
        ("friend", 1, 1)]


@pytest.mark.parametrize("args", [
    ["--from", "banana"], ["--query", "q:9"], ["--period", "decade"], ["--format", "pdf"],
])
def test_bad_input_is_one_line_and_exit_2(history, capsys, args):
    assert main(["report", "--db", str(history), *args]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_missing_file_is_said_and_not_created(tmp_path, capsys):
    path = tmp_path / "none.json"
    assert main(["report", "--db", str(path)]) == EXIT_UNREADABLE
    assert not path.exists()
