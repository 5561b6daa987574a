"""What rows say in words: "not known" in every everyday form, and a rejected
row that names every problem it has."""

import csv
import io

import pytest

from store.model import Credit
from tests.test_import_readers import imported
from tui.cli import EXIT_OK, main

UNKNOWN = ["不知道", "不清楚", "未知", "待定", "不详", "没问", "?", "？", "不确定", "不明", "无",
           "-", "n/a", "N/A", "unknown", "TBD", "not sure", "资金不知道", "意向：待定"]


@pytest.mark.parametrize("said", UNKNOWN)
def test_every_way_of_saying_unknown_is_an_ungraded_lead(store, tmp_path, said):
    path = tmp_path / "客户.csv"
    path.write_text(f"姓名,电话,意向,资金,信誉,有无工程\n张伟,13812345678,{said},{said},{said},"
                    f"{said}\n", encoding="utf-8")
    saved, summary = imported(store, path)
    assert summary.rejects == []
    zhang = saved["张伟"]
    assert (zhang.intent, zhang.funding, zhang.credit) == (None, None, Credit.UNKNOWN)
    assert (zhang.has_project, zhang.project) == (False, "")  # 不知道 names no project


BAD_ROWS = ("姓名,电话,公司,意向,资金,信誉\n"
            ",,临沂宏达,9,许多,很讲信用\n"    # four problems in one row
            "李娜,13912345678,,强,2.5,\n"     # one
            "合计,,,9,,\n")                   # a totals row: nothing else matters


def test_a_rejected_row_names_every_problem_it_has(store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_ROWS, encoding="utf-8")
    _saved, summary = imported(store, path)
    assert [(p.line, p.reasons) for p in summary.rejects] == [
        (2, (("no_name_or_phone", ""), ("grade", "意向=9"), ("grade", "资金=许多"),
             ("credit", "信誉=很讲信用"))),
        (3, (("grade", "资金=2.5"),)),
        (4, (("total", "合计"),)),
    ]


def test_the_summary_and_the_rejects_file_list_them_all(tmp_path, capsys):
    path, db = tmp_path / "bad.csv", tmp_path / "leads.json"
    path.write_text(BAD_ROWS, encoding="utf-8")
    assert main(["import", str(path), "--db", str(db), "--lang", "en"]) == EXIT_OK
    both = ("no name and no phone number; a grade that is not 1-5 or a grade word (意向=9); "
            "a grade that is not 1-5 or a grade word (资金=许多); "
            "credit that is not good / unknown / poor (信誉=很讲信用)")
    assert f"bad.csv line 2 rejected: {both}" in capsys.readouterr().out.splitlines()
    rows = list(csv.reader(io.StringIO((tmp_path / "bad-rejects.csv").read_text("utf-8-sig"))))
    assert rows[1] == ["bad.csv", "2", both, "", "", "临沂宏达", "9", "许多", "很讲信用"]
    assert main(["import", str(path), "--db", str(db), "--lang", "zh"]) == EXIT_OK
    assert ("bad.csv 第 2 行未导入：没有姓名也没有电话；评级看不懂，应为 1-5 或强/较强/一般/较弱/弱（意向=9）；"
            in capsys.readouterr().out)
