"""Hostile or runaway import files are refused in a moment, with one line,
before they can fill the memory: a zip bomb of a workbook, a giant cell in any
format, a vCard value folded over millions of lines, a million columns."""

import csv
import time
import zipfile

from tests.test_import_readers import write_xlsx
from tui.cli import EXIT_UNREADABLE, main
MAX_CELL_CHARS = 131_072  # the limit the README gives


def refused(capsys, path, db) -> str:
    """The one line an import of ``path`` is refused with, in well under a second
    (the file is far from the limits' worst case: their work is bounded)."""
    started = time.perf_counter()
    assert main(["import", str(path), "--db", str(db)]) == EXIT_UNREADABLE
    assert time.perf_counter() - started < 3
    out = capsys.readouterr()
    assert out.out == "" and len(out.err.splitlines()) == 1 and len(out.err) < 300
    assert not db.exists()
    return out.err


def test_a_workbook_that_unpacks_a_thousandfold_is_refused_unread(tmp_path, capsys):
    path = tmp_path / "bomb.xlsx"
    write_xlsx(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings2.xml", b"<si><t>A</t></si>" * 2_000_000)
    assert "packed far tighter" in refused(capsys, path, tmp_path / "t.json")


def test_one_giant_cell_is_refused_in_every_format(tmp_path, capsys):
    from openpyxl import Workbook

    big = "备" * (MAX_CELL_CHARS + 1)
    book = Workbook()
    book.active.append(["姓名", "手机", "备注"])
    book.active.append(["张伟", "13800000001", "ok"])
    book.active.append(["李娜", "13800000002", "HUGE"])
    book.save(tmp_path / "small.xlsx")
    # Excel and openpyxl write at most 32,767 characters a cell: a hand-made file.
    with zipfile.ZipFile(tmp_path / "small.xlsx") as small, \
            zipfile.ZipFile(tmp_path / "big.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
        for part in small.infolist():
            out.writestr(part.filename, small.read(part).replace(b"HUGE", b"A" * 4_000_000))
    assert "packed far tighter" in refused(capsys, tmp_path / "big.xlsx", tmp_path / "t.json")
    (tmp_path / "big.csv").write_text(f"姓名,手机,备注\n张伟,13800000001,ok\n李娜,13800000002,{big}\n")
    (tmp_path / "big.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nEND:VCARD\r\n"
                                      f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nNOTE:{big}\r\n"
                                      "END:VCARD\r\n")
    assert csv.field_size_limit() == MAX_CELL_CHARS  # the CSV reader's own limit: the same
    for name, line in (("big.csv", 3), ("big.vcf", 8)):
        said = refused(capsys, tmp_path / name, tmp_path / "t.json")
        assert f"{name} line {line} has a cell longer than 131,072 characters" in said


def test_a_folded_vcard_note_is_read_in_time_linear_in_its_length(tmp_path, capsys):
    note = "NOTE:" + "\r\n ".join(["x" * 74] * 120_000)  # 9 MB in 120,000 folded lines
    path = tmp_path / "folded.vcf"
    path.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\n{note}\r\nEND:VCARD\r\n")
    assert "line 4 has a cell longer" in refused(capsys, path, tmp_path / "t.json")
    quoted = "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + "=\r\n".join(["=E5=BC=A0" * 8] * 90_000)
    path.write_text(f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:张伟\r\n{quoted}\r\nEND:VCARD\r\n")
    assert "line 4 has a cell longer" in refused(capsys, path, tmp_path / "t.json")
    # Just under the limit: in, and quickly.
    note = "NOTE:" + "\r\n ".join(["x" * 74] * 1_700)
    path.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\n{note}\r\nEND:VCARD\r\n")
    started = time.perf_counter()
    assert main(["import", str(path), "--db", str(tmp_path / "t.json")]) == 0
    assert time.perf_counter() - started < 3


def test_a_million_columns_are_refused_with_a_short_line(tmp_path, capsys):
    path = tmp_path / "wide.csv"
    path.write_text("姓名,手机," + ",".join(f"c{i}" for i in range(1_000_000)) + "\n张伟,13800000001\n")
    said = refused(capsys, path, tmp_path / "t.json")
    assert "wide.csv line 1 has more than 1,000 columns" in said


def test_a_text_file_past_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # a sparse file: no disk is spent on it
        handle.write("姓名,手机\n".encode())
        handle.truncate(257 * 1024 * 1024)
    assert "huge.csv is 257 MB" in refused(capsys, path, tmp_path / "t.json")


def test_utf8_rows_then_a_gbk_row_are_refused_naming_the_line(tmp_path, capsys):
    path = tmp_path / "mixed.csv"
    rows = "".join(f"张三{i},138000000{i:02d}\n" for i in range(1, 21))
    path.write_bytes(f"姓名,手机\n{rows}".encode() + "张三21,13800000021\n".encode("gbk"))
    said = refused(capsys, path, tmp_path / "t.json")
    assert "mixed.csv line 22 has characters that are neither UTF-8 nor GBK" in said


def test_a_gbk_file_is_still_read_as_gbk(tmp_path, capsys):
    path = tmp_path / "gbk.csv"
    path.write_bytes("name,phone\n张三,13800000001\n李四,13800000002\n".encode("gbk"))
    assert main(["import", str(path), "--db", str(tmp_path / "t.json")]) == 0
    assert capsys.readouterr().out.startswith("gbk.csv: 2 rows read")


def test_an_unclosed_quote_is_refused_naming_its_line(tmp_path, capsys):
    path = tmp_path / "quote.csv"
    rows = "".join(f"李{i},1390000{i:04d},公司{i}\n" for i in range(1000))
    path.write_text(f"姓名,手机,公司\n张伟,13800000001,\"宏达\n{rows}")
    said = refused(capsys, path, tmp_path / "t.json")
    assert "quote.csv line 2 opens a quote" in said
    # A note over several lines, closed, in the last row: read as it is.
    path.write_text("姓名,手机,备注\n张伟,13800000001,\"一\n二\",\n")
    assert main(["import", str(path), "--db", str(tmp_path / "t.json")]) == 0
    assert capsys.readouterr().out.startswith("quote.csv: 1 rows read")
