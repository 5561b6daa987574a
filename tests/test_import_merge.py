"""Duplicates merge, nothing is overwritten, the same import twice changes nothing."""

from pathlib import Path

import pytest

from store.importing.importer import ImportOptions, apply_plan, plan_import
from store.leadstore import LeadStore
from store.model import Credit


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(store, *paths, **options):
    result = plan_import(store, list(paths), ImportOptions(**options))
    apply_plan(store, result)
    return result.summary


def counts(summary):
    return (summary.new, summary.merged, summary.unchanged, summary.skipped, summary.rejected)


def by_name(store):
    return {lead.name: lead for lead in store.leads.values()}


def test_duplicates_inside_one_file_become_one_lead(store, tmp_path):
    path = write(tmp_path / "a.csv",
                 "姓名,电话,公司,意向,标签,备注\n"
                 "张伟,13812345678,,4,老客户,\n"
                 "张伟,+86 138 1234 5678 / 13900000001,临沂宏达,,大客户,要报价\n"
                 "张伟,13900000001,徐州华建,2,,\n")
    summary = run(store, path)
    assert counts(summary) == (1, 2, 0, 0, 0)
    [lead] = store.leads.values()
    assert lead.phones == ("13812345678", "13900000001")
    assert lead.company == "临沂宏达" and lead.intent == 4
    assert lead.tags == ("老客户", "大客户")
    assert lead.notes == "要报价\n公司: 徐州华建 (a.csv:4)\n意向: 2 (a.csv:4)"
    assert lead.history == ()  # born in this import: nothing to tell yet


def test_a_lead_already_there_is_filled_not_overwritten(store, seeded, tmp_path, clock):
    clock.advance(days=1)
    path = write(tmp_path / "b.csv",
                 "name,phone,company,intent,funding,credit,region\n"
                 "张伟,13812345678,临沂宏达土石方,2,5,good,临沂\n"
                 "曾国,,,4,4,,\n")
    summary = run(store, path)
    assert counts(summary) == (0, 2, 0, 0, 0)
    zhang, zeng = by_name(store)["张伟"], by_name(store)["曾国"]
    assert (zhang.intent, zhang.funding, zhang.credit) == (5, 5, Credit.GOOD)
    assert zhang.phones == ("13812345678",)
    assert zhang.notes == "intent: 2 (b.csv:2)"
    assert [(h.field, h.old, h.new) for h in zhang.history] == [
        ("phones", [], ["13812345678"]), ("credit", "unknown", "good"),
        ("notes", "", "intent: 2 (b.csv:2)")]
    assert (zeng.intent, zeng.funding) == (4, 4)  # the tray lead is graded now
    assert zhang.updated == clock()


def test_the_same_import_twice_changes_nothing(store, tmp_path):
    a = write(tmp_path / "a.csv", "姓名,电话,公司,意向\n张伟,13812345678,宏达,4\n张伟,13812345678,华建,3\n"
                                  "李娜,,临沂交运,\n")
    first = run(store, a)
    assert counts(first) == (2, 1, 0, 0, 0)
    depth, snapshot = store.undo_depth, {i: lead for i, lead in store.leads.items()}
    second = run(store, a)
    assert counts(second) == (0, 0, 3, 0, 0)
    assert store.undo_depth == depth
    assert dict(store.leads.items()) == snapshot


def test_duplicates_across_files_and_formats(store, tmp_path):
    csv_file = write(tmp_path / "a.csv", "姓名,电话\n张伟,13812345678\n")
    vcf = write(tmp_path / "b.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:张伟\nTEL:138-1234-5678\n"
                                    "TEL:0539-8123456\nORG:宏达\nEND:VCARD\n")
    summary = run(store, csv_file, vcf)
    assert counts(summary) == (1, 1, 0, 0, 0)
    [lead] = store.leads.values()
    assert (lead.phones, lead.company) == (("13812345678", "0539-8123456"), "宏达")


def test_same_name_and_company_is_one_customer_same_name_alone_is_not(store, tmp_path):
    path = write(tmp_path / "c.csv",
                 "姓名,电话,公司\n张伟,13800000001,宏达\n张伟,13800000002,宏达\n"
                 "王强,13800000003,\n王强,13800000004,\n")
    assert counts(run(store, path)) == (3, 1, 0, 0, 0)
    assert sorted(lead.phones for lead in store.leads.values()) == [
        ("13800000001", "13800000002"), ("13800000003",), ("13800000004",)]


@pytest.mark.parametrize(("mode", "expect", "leads"), [
    ("skip", (1, 0, 0, 1, 0), 1), ("new", (2, 0, 0, 0, 0), 2)])
def test_skip_and_new(store, tmp_path, mode, expect, leads):
    path = write(tmp_path / "d.csv", "姓名,电话,公司\n张伟,13800000001,宏达\n张伟,13800000001,华建\n")
    assert counts(run(store, path, on_duplicate=mode)) == expect
    assert len(store.leads) == leads
    assert all(lead.notes == "" for lead in store.leads.values())


def test_an_interrupted_import_leaves_the_database_as_it_was(store, seeded, tmp_path, clock):
    store.close()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    path = tmp_path / "big.csv"
    path.write_text("姓名,电话\n" + "".join(f"客户{n},138{n:08d}\n" for n in range(2500)),
                    encoding="utf-8")
    opened = LeadStore.open(store.path, clock=clock)

    def interrupt(rows, fraction):
        assert 0 < fraction < 1
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        plan_import(opened, [path], ImportOptions(), interrupt)
    opened.close()
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file() and p != path}
    assert after == before


def test_undo_takes_the_whole_import_back(store, seeded, tmp_path):
    path = write(tmp_path / "e.csv", "姓名,电话,公司,意向\n张伟,13812345678,临沂宏达土石方,\n"
                                  "新客户,13700000000,,3\n")
    run(store, path)
    assert store.undo_label == "import" and len(store.leads) == len(seeded) + 1
    store.undo()
    assert len(store.leads) == len(seeded)
    assert by_name(store)["张伟"].phones == ()
    assert store.undo_label == "add_lead"


def test_a_phones_province_and_city_are_the_sheets_place_not_a_conflict(store, tmp_path):
    """A phone writes 山东省 / 临沂市 where a sheet's 地区 gives 山东 / 临沂:
    merged, the same place adds nothing to the notes."""
    sheet = write(tmp_path / "a.csv", "姓名,电话,地区\n张伟,13812345678,山东省临沂市\n")
    contacts = write(tmp_path / "b.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\n"
                     "TEL:13812345678\r\nADR;TYPE=work:;;北京路1号;临沂市;山东省;;中国\r\n"
                     "END:VCARD\r\n")
    assert counts(run(store, sheet, contacts)) == (1, 1, 0, 0, 0)
    store.close()
    with LeadStore.open(store.path, read_only=True) as saved:
        [lead] = saved.leads.values()
    assert (lead.province, lead.city, lead.notes) == ("山东", "临沂", "")
    assert lead.extra == {"ADR": "山东省 临沂市 北京路1号"}
