"""A machine list's owner runs, planned in a path of their own, come in just
as the ordinary way brings them: the same leads and machines stored to the
byte, the same counts, rejects and flags, fleets, census and undo step, on
an empty board and on one that already holds the list's owners and machines."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.importing import importer, machine_merge
from store.importing.importer import ImportOptions, apply_plan, plan_import
from store.importing.machine_runs import OwnerRuns
from store.leadstore import LeadStore
from store.market import market
from tests.conftest import Clock

HEADER = "品牌,型号,出厂编号,出厂年份,工作小时,吨位,车主,电话,地区,状态,车况\n"
LIST = HEADER + (
    "三一,SY215C,SY-0001,2018,\"9,800\",21.5,张三,13812345678,山东临沂,在用,好\n"
    "CAT,320D,C-9,2015,12000h,18,张三,13812345678,山东临沂,待售,旧\n"  # his run
    "小松,PC200-8,pc200 8,2019,,22,张三,13812345678,山东临沂,闲置,一般\n"
    "小松,PC200-8,PC2008,2019,500,,张三,13812345678,山东临沂,,\n"  # his serial again: merged
    "徐工,XE215,,2099,100,,张三,13812345678,山东临沂,,\n"  # refused in his run
    "徐工,XE215,,2016,很多,,张三,13812345678,山东临沂,,\n"  # refused: hours
    "日立,ZX200,,2017,5000,,张三,13812345678,山东临沂,在用,\n"  # his run again
    "柳工,922F,LG-1,2020,,,李四,13900000000,江苏徐州,报废,\n"
    "柳工,922F,LG-2,2020,,,李四,13900000000,江苏徐州,正常,\n"
    "柳工,922F,,2020,,,李四,13900000000,郑州,,\n"  # the same owner elsewhere: noted
    "临工,E6210F,,2016,,,王五,,郑州,,\n"  # named with no phone
    "临工,E6210F,,2016,,,王五,,郑州,,\n"  # two alike machines on two rows stay two
    "合计,,,,,,,,,,\n"
    "日立,ZX200,,2017,5000,,,,河南郑州,闲置,\n"  # nobody's
    "日立,ZX200,,2017,5000,,,,河南郑州,闲置,\n"
    "三一,SY75C,SY-0001,2020,,,赵六,13700000000,,,\n"  # another's serial: his row merges
    "三一,SY75C,,2021,,,赵六,13700000000,,,\n"
    "三一,合计,,,,,赵六,13700000000,,,\n"
    "三一,SY75C,,1900,,,赵六,13700000000,,,\n"
    "三一,SY75C,,2020,,0,赵六,13700000000,,,\n"
    "三一,SY75C,,,,,钱七,13600000000/传真,,,\n"  # a flag: his cells said more
    "三一,SY75C,,,,,钱七,13600000000/传真,,,\n"
    "三一,SY75C,,,,,孙八,13500000000,,,\n"
    ",,,,,,孙八,13500000000,,,\n"  # his lead alone
    "三一,SY75C,,,,,孙八,13500000000,,,\n"
)
# A later list: the same owners and machines, some read anew, one owner new.
LATER = HEADER + (
    "三一,SY215C,SY-0001,2018,10000,,张三,13812345678,山东临沂,,\n"
    "日立,ZX200,,2017,6000,,张三,13812345678,山东临沂,,\n"
    "日立,ZX200,,2017,6000,,张三,13812345678,山东临沂,,\n"  # a second one of his
    "柳工,922F,LG-2,2020,,,李四,13900000000,江苏徐州,,\n"
    "临工,E6210F,,2016,,,王五,,郑州,,\n"
    "徐工,XE215,,2020,,,周九,13400000000,江苏徐州,,\n"
    "徐工,XE215,,2021,,,周九,13400000000,江苏徐州,,\n"
)
REGIONS = ("", "山东", "临沂", "江苏", "徐州", "河南", "郑州")


def import_list(store: LeadStore, path: Path):
    plan = plan_import(store, [path], ImportOptions())
    apply_plan(store, plan)
    return plan.summary


def seen(store: LeadStore) -> tuple:
    """What the rep can find after an import: every lead and machine, each
    owner's fleet, the market's figures in each region."""
    figures = [(region, market(store, region)) for region in REGIONS]
    return (dict(store.leads.items()), dict(store.machines.items()),
            {i: [m.id for m in store.fleet_of(i)] for i in store.leads},
            [(region, f.total, sorted((b.brand, b.count, b.sizes, b.ages, tuple(sorted(b.owners)))
                                      for b in f.brands), f.unowned) for region, f in figures])


def counts(summary) -> tuple:
    return (summary.rows, summary.new, summary.merged, summary.unchanged, summary.skipped,
            list(summary.machines.items()), [(p.line, p.reasons, p.cells) for p in summary.rejects],
            [(p.line, p.reason, p.value) for p in summary.flags], summary.unknown_columns)


def ordinary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row the ordinary way, as before the runs had a path of their own,
    and every new machine drafted, checked and encoded as any other."""
    monkeypatch.setattr(importer.OwnerRuns, "of", classmethod(lambda cls, *args: None))
    monkeypatch.setattr(machine_merge, "surely_right", lambda machine, today: False)


def both_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lists: list[str],
              census: bool = False) -> list[tuple]:
    """Import ``lists`` one after another, into a file of its own per way."""
    results = []
    for way in ("runs", "ordinary"):
        if way == "ordinary":
            ordinary(monkeypatch)
        folder = tmp_path / way
        folder.mkdir()
        db = folder / "leads.json"
        with LeadStore.open(db, clock=Clock()) as store:
            if census:
                with store.census():
                    pass  # built now: each import keeps it
            said = []
            for n, text in enumerate(lists):
                path = folder / f"保有量{n}.csv"
                path.write_bytes(text.encode("gbk"))
                said.append(counts(import_list(store, path)))
        saved = db.read_bytes()  # before anything is built from its documents
        with LeadStore.open(db, clock=Clock()) as store:
            after = seen(store)
            undone = store.undo()
            after_undo = seen(store)
        results.append((said, after, undone, after_undo, saved, db.read_bytes()))
    return results


def test_the_list_takes_the_path_of_its_own(tmp_path, monkeypatch):
    """Most of the list's rows are planned on their owners' runs (the test
    below would pass with none)."""
    path = tmp_path / "保有量.csv"
    path.write_bytes(LIST.encode("gbk"))
    on_runs = []
    plan = OwnerRuns.plan

    def counted(runs, line, cells):
        planned = plan(runs, line, cells)
        if planned:
            on_runs.append(line)
        return planned

    monkeypatch.setattr(OwnerRuns, "plan", counted)
    with LeadStore.open(tmp_path / "leads.json", clock=Clock()) as store:
        import_list(store, path)
    # Not: a serial seen before (5, 17), a refused value (6, 7, 14, 19 to 21),
    # the row after a refused one (8: his run begins again after it), an
    # owner with a second place (11), nobody's machines (15, 16), a flag
    # (22, 23), a lead alone and the row after it (25, 26).
    assert on_runs == [2, 3, 4, 9, 10, 12, 13, 18, 24]


@pytest.mark.parametrize("lists", [[LIST], [LIST, LIST], [LIST, LATER], [LATER, LIST]],
                         ids=["new", "again", "later", "before"])
def test_the_runs_come_in_as_the_ordinary_way_brings_them(tmp_path, monkeypatch, lists):
    runs, plain = both_ways(tmp_path, monkeypatch, lists)
    assert runs[0] == plain[0]  # counts, rejects with their cells, flags, unknown columns
    assert runs[1:4] == plain[1:4]  # leads, machines, fleets, the market; the undo step
    assert runs[4:] == plain[4:]  # the file, document by document, before the undo and after


def test_a_census_built_before_is_kept_current_the_same(tmp_path, monkeypatch):
    runs, plain = both_ways(tmp_path, monkeypatch, [LIST, LATER], census=True)
    assert runs == plain


def test_the_counts_of_the_list(tmp_path):
    """What the list says, row by row, whichever way it came in."""
    path = tmp_path / "保有量.csv"
    path.write_bytes(LIST.encode("gbk"))
    with LeadStore.open(tmp_path / "leads.json", clock=Clock()) as store:
        summary = import_list(store, path)
        assert (summary.rows, summary.new, summary.merged, summary.unchanged) == (25, 6, 1, 10)
        assert summary.machines == {"new": 16, "merged": 2}
        assert [(p.line, p.reason) for p in summary.rejects] == [
            (6, "machine_year_future"), (7, "machine_number"), (14, "total"),
            (19, "total"), (20, "machine_year_old"), (21, "machine_tonnes_range")]
        assert [p.line for p in summary.flags] == [22, 23]
        zhang = next(lead for lead in store.leads.values() if lead.name == "张三")
        assert [(m.brand, m.serial, m.hours) for m in store.fleet_of(zhang.id)] == [
            ("三一", "SY-0001", 9800), ("卡特", "C-9", 12000), ("小松", "pc200 8", 500),
            ("日立", "", 5000)]
        li = next(lead for lead in store.leads.values() if lead.name == "李四")
        assert li.notes == "地区: 郑州 (保有量.csv:11)"
        assert len(store.fleet_of(li.id)) == 3
