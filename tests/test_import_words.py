"""What rows say in words: "not known" in every everyday form, and a rejected
row that names every problem it has."""

import pytest

from store.model import Credit
from tests.test_import_readers import imported

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
