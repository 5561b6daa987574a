"""Machine lists (保有量) through ``leadboard import``: machines linked to
their owners' leads, one machine per serial or per owner, brand, model and
year, bad values refused row by row, and the same list twice changing nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from store.leadstore import LeadStore
from store.model import MachineStatus
from tui.cli import EXIT_NONE, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, main

LIST = (
    "品牌,型号,出厂编号,出厂年份,工作小时,车主,电话,地区,状态\n"
    "三一,SY215C,SY-0001,2018,\"9,800\",张三,13812345678,山东临沂,在用\n"
    "CAT,320D,,2015,12000h,张三,13812345678,山东临沂,待售\n"
    "小松,PC200,,2019,很多,李四,,江苏徐州,\n"
    "徐工,XE215,,2099,100,王五,13900000000,,\n"
    "日立,ZX200,,2017,5000,,,河南郑州,闲置\n"
    ",,,,,,,,\n"
    ",,,,,,,郑州,\n"
)


def machines_of(db: Path) -> list[tuple]:
    with LeadStore.open(db, read_only=True) as store:
        names = {i: lead.name for i, lead in store.leads.items()}
        return [(m.brand, m.model, m.serial, m.year, m.hours, names.get(m.owner), m.province,
                 m.city, m.status.value) for _i, m in sorted(store.machines.items())]


@pytest.fixture
def gbk_list(tmp_path: Path) -> Path:
    path = tmp_path / "保有量.csv"
    path.write_bytes(LIST.encode("gbk"))
    return path


def test_a_gbk_machine_list_comes_in_linked_to_its_owners(tmp_path, gbk_list, capsys):
    db = tmp_path / "leads.json"
    assert main(["import", str(gbk_list), "--db", str(db), "--lang", "en"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == [
        "保有量.csv: 6 rows read",
        "new 1 · merged 0 · already there 1 · skipped 0 · rejected 3",
        "machines: new 3 · updated 0 · already there 0 · skipped 0",
        "保有量.csv read as a machine list (brand and model are the machine's; the owner is a lead)",
        "保有量.csv line 4 rejected: not a number (工作小时=很多)",
        "保有量.csv line 5 rejected: a year of manufacture that has not come yet (出厂年份=2099)",
        "保有量.csv line 8 rejected: neither a lead (no name or phone) nor a machine "
        "(no brand or model)",
        f"Rejected rows are in {tmp_path / '保有量-rejects.csv'}",
    ]
    assert machines_of(db) == [
        ("三一", "SY215C", "SY-0001", 2018, 9800, "张三", "", "", "working"),
        ("卡特", "320D", "", 2015, 12000, "张三", "", "", "for_sale"),
        ("日立", "ZX200", "", 2017, 5000, None, "河南", "郑州", "idle"),
    ]
    with LeadStore.open(db, read_only=True) as store:
        (zhang,) = store.leads.values()
        assert (zhang.phones, zhang.province, zhang.city) == (("13812345678",), "山东", "临沂")
        assert len(store.fleet_of(zhang.id)) == 2
        assert store.undo_label == "import" and store.undo_depth == 1
    rejects = (tmp_path / "保有量-rejects.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rejects[0] == "file,line,reason,品牌,型号,出厂编号,出厂年份,工作小时,车主,电话,地区,状态"
    assert rejects[1] == "保有量.csv,4,not a number (工作小时=很多),小松,PC200,,2019,很多,李四,,江苏徐州,"


def test_the_same_list_again_changes_nothing(tmp_path, gbk_list, capsys):
    db = tmp_path / "leads.json"
    main(["import", str(gbk_list), "--db", str(db), "--lang", "en"])
    capsys.readouterr()
    before = db.read_bytes()
    assert main(["import", str(gbk_list), "--db", str(db), "--lang", "en"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "new 0 · merged 0 · already there 2" in out
    assert "machines: new 0 · updated 0 · already there 3" in out
    assert db.read_bytes() == before


def test_a_later_list_raises_the_hours_and_never_lowers_them(tmp_path, gbk_list, capsys):
    db = tmp_path / "leads.json"
    main(["import", str(gbk_list), "--db", str(db), "--lang", "en"])
    later = tmp_path / "十二月.csv"
    later.write_text("车主,电话,品牌,型号,出厂编号,小时数\n"
                     "张三,13812345678,sany,SY 215C,sy0001,10500\n"  # the serial, spelt otherwise
                     "张三,13812345678,卡特彼勒,320D,,11000\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(later), "--db", str(db), "--lang", "en"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "machines: new 0 · updated 1 · already there 0" in out
    assert ("十二月.csv line 3 rejected: fewer hours than the machine's last reading; "
            "a meter does not run back (小时数=11000 < 12000)") in out
    assert [(m[1], m[4]) for m in machines_of(db)[:2]] == [("SY215C", 10500), ("320D", 12000)]


def test_an_xlsx_machine_list_written_by_excel(tmp_path, capsys):
    from openpyxl import Workbook

    path = tmp_path / "保有量.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["2026年 临沂片区保有量"])
    sheet.append(["Brand", "Model", "Size", "Year", "Hours", "Owner", "Phone", "Region", "Serial"])
    sheet.append(["SANY", "SY365H", 36.5, 2020, 4321.0, "赵六", 13700000000, "山东省临沂市", "S365"])
    sheet.append(["XCMG", "XE60", None, datetime(2016, 5, 1), 15000, "赵六", 13700000000.0, None,
                  None])
    book.save(path)
    db = tmp_path / "leads.json"
    assert main(["import", str(path), "--db", str(db), "--lang", "zh"]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["保有量.xlsx：共读取 2 行", "新增 1 · 合并 0 · 已存在 1 · 跳过 0 · 未导入 0",
                       "设备：新增 2 · 更新 0 · 已存在 0 · 跳过 0"]
    assert machines_of(db) == [
        ("三一", "SY365H", "S365", 2020, 4321, "赵六", "", "", "working"),
        ("徐工", "XE60", "", 2016, 15000, "赵六", "", "", "working"),
    ]
    with LeadStore.open(db, read_only=True) as store:
        first = store.machines[1]
        assert first.tonnes is None  # the model says 36.5 t: left to the model


def test_a_sheet_of_customers_and_their_machines_fills_both(tmp_path, capsys):
    path = tmp_path / "客户机队.csv"
    path.write_text(
        "姓名,手机,公司,购买意向,资金实力,品牌,型号,出厂年份,小时数,备注\n"
        "张伟,13812345678,临沂宏达,强,较强,三一,SY215C,2017,9800,想换大的\n"
        "张伟,13812345678,临沂宏达,,,柳工,922F,2019,3000,\n"
        "李娜,13912345678,,一般,,,,,,还没有机器\n", encoding="utf-8")
    db = tmp_path / "leads.json"
    assert main(["import", str(path), "--db", str(db), "--lang", "en"]) == EXIT_OK
    assert "machines: new 2" in capsys.readouterr().out
    with LeadStore.open(db, read_only=True) as store:
        leads = {lead.name: lead for lead in store.leads.values()}
        zhang = leads["张伟"]
        assert (zhang.company, zhang.intent, zhang.funding, zhang.notes) == (
            "临沂宏达", 5, 4, "想换大的")
        assert zhang.brands == () and zhang.models == ()  # the machine's, not his wishes
        assert [(m.brand, m.model) for m in store.fleet_of(zhang.id)] == [
            ("三一", "SY215C"), ("柳工", "922F")]
        assert leads["李娜"].intent == 3 and store.fleet_of(leads["李娜"].id) == []


def test_kind_overrides_the_guess_either_way(tmp_path, capsys):
    path = tmp_path / "表.csv"
    path.write_text("姓名,手机,品牌,型号,年份\n张伟,13812345678,三一,SY215C,2018\n",
                    encoding="utf-8")
    db = tmp_path / "leads.json"
    assert main(["import", str(path), "--db", str(db), "--kind", "leads", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "machines:" not in out and "machine list" not in out
    with LeadStore.open(db, read_only=True) as store:
        (lead,) = store.leads.values()
        assert (lead.brands, lead.models, lead.extra) == (("三一",), ("SY215C",), {"年份": "2018"})
        assert not store.machines
    # Brand and model with nothing else of a machine's read as a lead list …
    plain = tmp_path / "机型.csv"
    plain.write_text("电话,品牌,型号\n13912345678,小松,PC200\n", encoding="utf-8")
    assert main(["import", str(plain), "--db", str(db), "--lang", "en"]) == EXIT_OK
    assert "machines:" not in capsys.readouterr().out
    # … unless the rep says it is a machine list.
    other = tmp_path / "机型2.csv"
    other.write_text("电话,品牌,型号\n13712345678,小松,PC200\n", encoding="utf-8")
    assert main(["import", str(other), "--db", str(db), "--kind", "machines",
                 "--lang", "en"]) == EXIT_OK
    assert "machines: new 1" in capsys.readouterr().out
    with LeadStore.open(db, read_only=True) as store:
        owner = next(lead for lead in store.leads.values() if lead.phones == ("13712345678",))
        assert [(m.brand, m.model) for m in store.fleet_of(owner.id)] == [("小松", "PC200")]


def test_an_owner_named_without_phone(store, tmp_path, capsys):
    """The one lead of that name; a new lead for a name not on the board; a
    row refused when two leads bear the name."""
    store.add_lead("张三", phones=("13812345678",), company="宏达")
    store.add_lead("王五", phones=("13900000001",))
    store.add_lead("王五", phones=("13900000002",))
    store.close()
    path = tmp_path / "车.csv"
    path.write_text("车主,品牌,型号,年份\n张三,三一,SY75C,2020\n赵六,徐工,XE60,2021\n"
                    "王五,临工,E6210,2019\n", encoding="utf-8")
    assert main(["import", str(path), "--db", str(store.path), "--lang", "en"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "new 1 · merged 0 · already there 1 · skipped 0 · rejected 1" in out
    assert ("车.csv line 4 rejected: several leads on the board are named '王五' and the row "
            "cannot tell which; add the owner's phone or company") in out
    assert [m[5] for m in machines_of(store.path)] == ["张三", "赵六"]


def test_a_dry_run_says_what_the_import_does_and_writes_nothing(tmp_path, gbk_list, capsys):
    db = tmp_path / "leads.json"
    LeadStore.open(db).close()
    before = db.read_bytes()
    assert main(["import", str(gbk_list), "--db", str(db), "--dry-run", "--lang", "en"]) == 0
    dry = capsys.readouterr().out.splitlines()
    assert dry[-1] == "Dry run: nothing was saved."
    assert db.read_bytes() == before and not (tmp_path / "保有量-rejects.csv").exists()
    assert main(["import", str(gbk_list), "--db", str(db), "--lang", "en"]) == EXIT_OK
    real = capsys.readouterr().out.splitlines()
    assert dry[:-1] == real[:-1]  # the same summary; only the last line differs
    assert len(machines_of(db)) == 3


def test_exit_codes(tmp_path, capsys):
    db = tmp_path / "leads.json"
    empty = tmp_path / "空.csv"
    empty.write_text("品牌,型号,出厂年份\n", encoding="utf-8")
    assert main(["import", str(empty), "--db", str(db), "--lang", "en"]) == EXIT_NONE
    assert main(["import", str(tmp_path / "没有.csv"), "--db", str(db),
                 "--lang", "en"]) == EXIT_UNREADABLE
    assert main(["import", str(empty), "--kind", "trucks", "--db", str(db),
                 "--lang", "en"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "Traceback" not in err and "trucks" in err


def test_machine_values_as_reps_write_them(store, tmp_path):
    from store.importing.importer import ImportOptions, plan_import

    path = tmp_path / "值.csv"
    path.write_text("品牌,型号,吨位,出厂年份,小时数,状态,序列号\n"
                    "三一,SY215C,21.5吨,2018年5月,约12000小时,正常,A 1\n"
                    "三一,SY215C,22,2018,\"12,500\",待售,A-2\n"
                    "三一,SY215C,,2018,,坏了,\n"
                    "三一,SY215C,,1900,,,\n"
                    "三一,SY215C,,,300000,,\n"
                    "三一,SY215C,0,,,,\n"
                    ",SY215C,,2018,,,\n", encoding="utf-8")
    plan = plan_import(store, [path], ImportOptions())
    got = [(m.tonnes, m.year, m.hours, m.status, m.serial)
           for table, _i, _b, m in plan.changes if table == "machines"]
    assert got == [(None, 2018, 12000, MachineStatus.WORKING, "A 1"),
                   (22.0, 2018, 12500, MachineStatus.FOR_SALE, "A-2")]
    assert [p.reasons for p in plan.summary.rejects] == [
        (("machine_status", "状态=坏了"),),
        (("machine_year_old", "出厂年份=1900"),),
        (("machine_hours_range", "小时数=300000"),),
        (("machine_tonnes_range", "吨位=0"),),
        (("no_brand", ""),),
    ]


RUNS = (
    "品牌,型号,出厂编号,出厂年份,车主,电话,地区,状态\n"
    "三一,SY215C,A1,2018,张三,13812345678/传真,山东临沂,在用\n"  # a flag on each of his rows
    "徐工,XE215,A2,2019,张三,13812345678/传真,山东临沂,闲置\n"
    "卡特,320D,A3,2020,李四,13900000000,山东临沂,\n"
    "卡特,320D,A4,2099,李四,13900000000,山东临沂,\n"  # refused: his lead stays as it was
    "柳工,922F,A5,2020,李四,13900000000,江苏徐州,\n"  # the same owner elsewhere: noted
    "柳工,922F,A6,2021,李四,13900000000,江苏徐州,\n"
    "临工,E6210,,2016,王五,,郑州,\n"
    "临工,E6210,,2016,王五,,郑州,\n"  # two alike machines on two rows stay two
)


@pytest.mark.parametrize("duplicates, leads, counts", [
    ("merge", [("张三", "临沂"), ("李四", "临沂"), ("王五", "郑州")],
     "new 3 · merged 2 · already there 2 · skipped 0 · rejected 1"),
    ("skip", [("张三", "临沂"), ("李四", "临沂"), ("王五", "郑州")],
     "new 3 · merged 0 · already there 0 · skipped 4 · rejected 1"),
    ("new", [("张三", "临沂"), ("张三", "临沂"), ("李四", "临沂"), ("李四", "徐州"),
             ("李四", "徐州"), ("王五", "郑州"), ("王五", "郑州")],
     "new 7 · merged 0 · already there 0 · skipped 0 · rejected 1"),
])
def test_an_owners_consecutive_rows_are_each_his(tmp_path, capsys, duplicates, leads, counts):
    """Each of an owner's rows on a list is read and counted as its own:
    its flags, its refusal, a place that differs from his row before."""
    path = tmp_path / "车.csv"
    path.write_text(RUNS, encoding="utf-8")
    db = tmp_path / "leads.json"
    assert main(["import", str(path), "--db", str(db), "--lang", "en",
                 "--on-duplicate", duplicates]) == EXIT_OK
    out = capsys.readouterr().out
    assert counts in out
    assert "machines: new 7 · updated 0 · already there 0 · skipped 0" in out
    assert [line for line in out.splitlines() if "line" in line] == [
        "车.csv line 2: '传真' is not a phone number; kept under other columns",
        "车.csv line 3: '传真' is not a phone number; kept under other columns",
        "车.csv line 5 rejected: a year of manufacture that has not come yet (出厂年份=2099)"]
    with LeadStore.open(db, read_only=True) as store:
        found = [lead for _i, lead in sorted(store.leads.items())]
        assert [(lead.name, lead.city) for lead in found] == leads
        assert found[0].extra == {"电话": "传真"}
        if duplicates == "merge":
            assert found[1].notes == "地区: 江苏徐州 (车.csv:6)\n地区: 江苏徐州 (车.csv:7)"
            assert [m[5] for m in machines_of(db)] == ["张三", "张三", "李四", "李四", "李四",
                                                      "王五", "王五"]
