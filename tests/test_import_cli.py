"""``leadboard import``: the three sources a rep has, the summary, the rejects
file, and a database left byte-for-byte alone when anything is wrong."""

import sys
from pathlib import Path

import pytest

from store.leadstore import LeadStore
from tests.test_cli import run
from tests.test_import_readers import ANDROID, write_xlsx
from tui.cli import EXIT_LOCKED, EXIT_OK, EXIT_SAVE, EXIT_UNREADABLE, main

GBK_CSV = "姓名,电话,公司,意向,资金\n张伟,13812345678,临沂宏达,强,较强\n,,无名公司,,\n李娜,13912345678,,9,\n"


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    """An Excel sheet, a GBK CSV and the phone's contacts, overlapping."""
    xlsx, csv_file, vcf = tmp_path / "表.xlsx", tmp_path / "客户.csv", tmp_path / "手机.vcf"
    write_xlsx(xlsx)
    csv_file.write_bytes(GBK_CSV.encode("gbk"))
    vcf.write_text(ANDROID, encoding="ascii")
    return [xlsx, csv_file, vcf]


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_the_three_sources_come_in_with_every_row_accounted_for(tmp_path, sources, capsys):
    db = tmp_path / "leads.json"
    code = main(["import", *map(str, sources), "--db", str(db), "--lang", "en"])
    assert code == EXIT_OK
    assert capsys.readouterr().out.splitlines() == [
        "表.xlsx, 客户.csv, 手机.vcf: 9 rows read",
        "new 4 · merged 3 · already there 0 · skipped 0 · rejected 2",
        "表.xlsx line 6: '1.38123E+10' is not a phone number; kept under other columns",
        "表.xlsx: columns kept under other columns: 首次接触",
        "手机.vcf: columns kept under other columns: X-QQ",
        "客户.csv line 3 rejected: no name and no phone number",
        "客户.csv line 4 rejected: a grade that is not 1-5 or a grade word (意向=9)",
        f"Rejected rows are in {tmp_path / '表-rejects.csv'}",
    ]
    with LeadStore.open(db, read_only=True) as store:
        leads = {lead.name: lead for lead in store.leads.values()}
        assert store.undo_label == "import" and store.undo_depth == 1
    assert [(x.name, x.phones, x.company, x.intent, x.funding) for x in leads.values()] == [
        ("张伟", ("13812345678", "0539-8123456"), "临沂宏达", 4, 3),
        ("李娜", ("13912345678",), "", None, None),
        ("王强", (), "", 5, 5),
        ("陈静", ("0539-8765432",), "", 3, 2),
    ]
    # Conflicting grades from the CSV are kept beside the Excel ones, not lost.
    assert leads["张伟"].notes == "意向: 强 (客户.csv:2)\n资金: 较强 (客户.csv:2)\n要一台20吨"
    assert leads["李娜"].extra == {"首次接触": "2026-10-02 15:30:00", "X-QQ": "12345"}
    rejects = (tmp_path / "表-rejects.csv").read_bytes()
    assert rejects.startswith(b"\xef\xbb\xbf")  # so that Excel opens it right
    assert rejects.decode("utf-8-sig").splitlines() == [
        "file,line,reason,姓名,电话,公司,意向,资金",
        "客户.csv,3,no name and no phone number,,,无名公司,,",
        "客户.csv,4,a grade that is not 1-5 or a grade word (意向=9),李娜,13912345678,,9,",
    ]
    # The same files again: nothing changes, no new undo step.
    before = db.read_bytes()
    assert main(["import", *map(str, sources), "--db", str(db), "--lang", "en"]) == EXIT_OK
    assert "new 0 · merged 0 · already there 7" in capsys.readouterr().out
    assert db.read_bytes() == before


def test_summary_in_chinese_and_rejects_where_asked(tmp_path, sources, capsys):
    db, rejects = tmp_path / "leads.json", tmp_path / "out" / "没导入的.csv"
    rejects.parent.mkdir()
    assert main(["import", str(sources[1]), "--db", str(db), "--rejects", str(rejects),
                 "--lang", "zh"]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["客户.csv：共读取 3 行", "新增 1 · 合并 0 · 已存在 0 · 跳过 0 · 未导入 2"]
    assert out[-1] == f"未导入的行已写入 {rejects}"
    assert rejects.read_text(encoding="utf-8-sig").splitlines()[1] == (
        "客户.csv,3,没有姓名也没有电话,,,无名公司,,")


def db_with_leads(tmp_path: Path) -> Path:
    db = tmp_path / "db" / "leads.json"
    db.parent.mkdir()
    with LeadStore.open(db) as store:
        store.add_lead("张伟", phones=("13812345678",))
    with LeadStore.open(db) as store:  # leave a journal beside the snapshot too
        store.add_lead("李娜")
        store._journal.close()
        store._journal = None
        store._release()
    return db


def test_dry_run_prints_the_summary_and_writes_nothing(tmp_path, sources, capsys):
    db = db_with_leads(tmp_path)
    before = files_in(db.parent)
    sources_before = files_in(tmp_path)
    code = main(["import", *map(str, sources), "--db", str(db), "--dry-run", "--lang", "en"])
    assert code == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "new 2 · merged 5 · already there 0 · skipped 0 · rejected 2"
    assert out[-1] == "Dry run: nothing was saved."
    assert files_in(db.parent) == before
    assert files_in(tmp_path) == sources_before  # no rejects file either


@pytest.mark.parametrize("bad", ["missing.csv", "folder", "empty.csv", "old.xls", "garbage.csv"])
def test_a_file_that_cannot_be_read_stops_all_and_leaves_the_database(tmp_path, sources, bad):
    db = db_with_leads(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 900)
    (tmp_path / "garbage.csv").write_bytes(bytes(range(256)) * 40)
    before = files_in(db.parent)
    result = run("import", str(sources[0]), str(tmp_path / bad), "--db", str(db))
    assert result.returncode == EXIT_UNREADABLE
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(tmp_path / bad) in result.stderr and "othing was imported" in result.stderr
    assert files_in(db.parent) == before


def test_old_excel_says_save_as_xlsx_in_chinese(tmp_path):
    path = tmp_path / "客户.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 900)
    result = run("import", str(path), "--db", str(tmp_path / "leads.json"), lang="zh")
    assert result.returncode == EXIT_UNREADABLE
    assert "另存为 .xlsx" in result.stderr
    assert not (tmp_path / "leads.json").exists()


def test_a_rejects_file_that_cannot_be_written_imports_nothing(tmp_path, sources, capsys):
    db = db_with_leads(tmp_path)
    before = files_in(db.parent)
    code = main(["import", str(sources[1]), "--db", str(db), "--rejects",
                 str(tmp_path / "no" / "such" / "dir.csv"), "--lang", "en"])
    assert code == EXIT_SAVE
    assert "Cannot write the rejects file" in capsys.readouterr().err
    assert files_in(db.parent) == before


def test_a_database_in_use_refuses_the_import(tmp_path, sources):
    db = tmp_path / "leads.json"
    with LeadStore.open(db):
        result = run("import", str(sources[1]), "--db", str(db))
    assert result.returncode == EXIT_LOCKED
    assert "another Leadboard" in result.stderr


def test_a_progress_line_on_a_terminal(tmp_path, capsys, monkeypatch):
    path = tmp_path / "long.csv"
    path.write_text("姓名,电话\n" + "".join(f"客户{n},138{n:08d}\n" for n in range(2000)),
                    encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["import", str(path), "--db", str(tmp_path / "leads.json"), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "\rImporting… 48% (1000 rows)\rImporting… 100% (2000 rows)" in err
    assert err.endswith("\r\033[K")  # the line is gone before the summary


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("web page", "save as .xlsx", "line 3", "neither UTF-8 nor GBK")),
    ("zh", ("网页", "另存为 .xlsx", "第 3 行", "既不是 UTF-8 也不是 GBK")),
])
def test_a_web_page_and_a_mixed_encoding_say_what_they_are(tmp_path, lang, words):
    db = db_with_leads(tmp_path)
    before = files_in(db.parent)
    page, mixed = tmp_path / "导出.xls", tmp_path / "mixed.csv"
    page.write_text("<html><body><table><tr><td>姓名</td><td>电话</td></tr></table></body></html>",
                    encoding="utf-8")
    mixed.write_bytes("姓名,电话\n张伟,13812345678\n".encode("utf-8") + b"Caf\xe9,13912345678\n")
    said = []
    for path in (page, mixed):
        result = run("import", str(path), "--db", str(db), lang=lang)
        assert result.returncode == EXIT_UNREADABLE
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        said.append(result.stderr)
    assert words[0] in said[0] and words[1] in said[0]
    assert words[2] in said[1] and words[3] in said[1]
    assert files_in(db.parent) == before


@pytest.mark.parametrize(("lang", "words"), [("en", "document protection"), ("zh", "防泄密")])
def test_a_workbook_a_dlp_system_encrypted_says_so(tmp_path, lang, words):
    """Such a system writes its own header and scrambled bytes under the
    workbook's name: no zip, no OLE file, no text."""
    path = tmp_path / "客户名录.xlsx"
    path.write_bytes(b"%DLP-Header%\x00\x01\x02" + bytes(range(256)) * 20)
    result = run("import", str(path), "--db", str(tmp_path / "leads.json"), lang=lang)
    assert result.returncode == EXIT_UNREADABLE
    assert words in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "leads.json").exists()
