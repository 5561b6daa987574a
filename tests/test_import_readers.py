"""Reading what reps really have: CSV in any encoding, Excel, phone contacts."""

from datetime import datetime
from pathlib import Path

import pytest

from store.importing.importer import ImportOptions, apply_plan, plan_import
from store.importing.sheet import ImportFailed
from store.leadstore import LeadStore
from store.model import Credit, CustomerType, Source
from tests.test_import_real_exports import assert_again_changes_nothing

CSV = (
    "客户姓名,手机,公司,地区,客户类型,购买意向,资金实力,信誉,有无工程,客户来源,备注,标签,微信\n"
    "张伟,138 1234 5678,临沂宏达土石方,山东省临沂市,施工,强,4,良好,是,朋友介绍,年后要一台,老客户 大客户,zw888\n"
    "李娜,+86-139-1234-5678 / 0539-8123456,,徐州,个人,,,,临沂北环项目,展会,,,\n"
)


def plan(store, *paths, **options):
    return plan_import(store, [Path(p) for p in paths], ImportOptions(**options))


def leads(result):
    return [after for _table, _id, _before, after in result.changes]


def brief(lead):
    return (lead.name, lead.phones, lead.company, lead.intent, lead.funding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_in_every_encoding_reps_have(store, tmp_path, encoding):
    path = tmp_path / "leads.csv"
    path.write_bytes(CSV.replace("\n", "\r\n").encode(encoding))
    result = plan(store, path)
    zhang, li = leads(result)
    assert zhang.name == "张伟" and zhang.phones == ("13812345678",)
    assert (zhang.province, zhang.city, zhang.company) == ("山东", "临沂", "临沂宏达土石方")
    assert zhang.customer_type is CustomerType.CONTRACTOR and zhang.source is Source.FRIEND
    assert (zhang.intent, zhang.funding, zhang.credit) == (5, 4, Credit.GOOD)
    assert zhang.has_project is True and zhang.project == ""
    assert zhang.notes == "年后要一台" and zhang.tags == ("老客户", "大客户")
    assert zhang.extra == {"微信": "zw888"}
    assert li.phones == ("13912345678", "0539-8123456")
    assert (li.intent, li.funding) == (None, None)  # ungraded, not rejected
    assert (li.has_project, li.project, li.city) == (True, "临沂北环项目", "徐州")
    assert li.customer_type is CustomerType.INDIVIDUAL and li.source is Source.EVENT
    summary = result.summary
    assert (summary.rows, summary.new, summary.rejected) == (2, 2, 0)
    assert summary.unknown_columns == {"leads.csv": ["微信"]}


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_tab_and_semicolon_separated(store, tmp_path, delimiter):
    path = tmp_path / "leads.txt"
    path.write_text(CSV.replace(",", delimiter), encoding="utf-8")
    assert [lead.name for lead in leads(plan(store, path))] == ["张伟", "李娜"]


def test_quoted_note_with_line_breaks_blank_lines_and_line_numbers(store, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text(
        '姓名,电话,备注\n\n张伟,13812345678,"第一次见面\n说年后买, 要带报价"\n\n'
        ",,\n,,只有备注\n李娜,13912345678,\n",
        encoding="utf-8",
    )
    result = plan(store, path)
    assert [(lead.name, lead.notes) for lead in leads(result)] == [
        ("张伟", "第一次见面\n说年后买, 要带报价"), ("李娜", "")]
    [reject] = result.summary.rejects
    assert (reject.line, reject.reason) == (7, "no_name_or_phone")
    assert result.summary.rows == 3


def test_headers_with_full_width_colons_spaces_and_stars(store, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("\ufeff  ＮＡＭＥ ：,Phone *,联系电话（手机）,单位:,,\n张伟,13812345678,,临沂宏达,,\n",
                    encoding="utf-8")
    [lead] = leads(plan(store, path))
    assert brief(lead) == ("张伟", ("13812345678",), "临沂宏达", None, None)


def test_grade_credit_and_project_words(store, tmp_path):
    path = tmp_path / "words.csv"
    rows = ["name,phone,intent,funding,credit,project",
            "a,13800000001,较强,较弱,一般,无", "b,13800000002,high,low,poor,y",
            "c,13800000003,3.0,★★,未知,0", "d,13800000004,medium,1,good,true"]
    path.write_text("\n".join(rows), encoding="utf-8")
    got = [(x.intent, x.funding, x.credit, x.has_project) for x in leads(plan(store, path))]
    assert got == [(4, 2, Credit.UNKNOWN, False), (5, 1, Credit.POOR, True),
                   (3, 2, Credit.UNKNOWN, False), (3, 1, Credit.GOOD, True)]


def test_bad_rows_are_rejected_with_line_and_reason_and_the_rest_comes_in(store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "姓名,电话,公司,意向,信誉\n"
        "张伟,13812345678,,9,\n"        # a grade out of range
        ",,临沂宏达,,\n"                  # no name, no phone
        "李娜,13912345678,,,很讲信用\n"  # credit not in the table
        "王强,1.38123E+10,,,\n"          # Excel ate the digits: flagged, still a lead
        "刘洋,13712345678,,许多,\n",      # a grade word we do not know
        encoding="utf-8",
    )
    result = plan(store, path)
    assert [lead.name for lead in leads(result)] == ["王强"]
    wang = leads(result)[0]
    assert wang.phones == () and wang.extra == {"电话": "1.38123E+10"}
    rejects = [(p.line, p.reason, p.value) for p in result.summary.rejects]
    assert rejects == [(2, "grade", "意向=9"), (3, "no_name_or_phone", ""),
                       (4, "credit", "信誉=很讲信用"), (6, "grade", "意向=许多")]
    assert result.summary.rejects[1].cells == (
        ("姓名", ""), ("电话", ""), ("公司", "临沂宏达"), ("意向", ""), ("信誉", ""))
    assert [(f.line, f.reason, f.value) for f in result.summary.flags] == [
        (5, "phone", "1.38123E+10")]


def write_xlsx(path: Path, title_row: bool = True, sheet: str = "客户") -> None:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "说明"
    first.append(["这一页没有客户"])
    ws = book.create_sheet(sheet, 0)
    if title_row:
        ws.append(["2026年11月 临沂片区客户汇总"])
        ws.merge_cells("A1:F1")
        ws.append([])
    ws.append(["姓名", "手机", "购买意向", "资金实力", "首次接触", "备注"])
    ws.append(["张伟", 13812345678, 4, 3.0, datetime(2026, 10, 1), None])
    ws.append(["李娜", 13912345678.0, None, None, datetime(2026, 10, 2, 15, 30), "回访"])
    ws.append(["王强", "1.38123E+10", 5, 5, None, None])
    ws.append([None, None, None, None, None, None])
    ws.append(["陈静", "0539 8765432", "一般", 2, None, None])
    book.save(path)


def test_xlsx_with_a_title_row_and_numeric_phones(store, tmp_path):
    path = tmp_path / "客户.xlsx"
    write_xlsx(path)
    result = plan(store, path)
    got = [(x.name, x.phones, x.intent, x.funding, x.extra, x.notes) for x in leads(result)]
    assert got == [
        ("张伟", ("13812345678",), 4, 3, {"首次接触": "2026-10-01"}, ""),
        ("李娜", ("13912345678",), None, None, {"首次接触": "2026-10-02 15:30:00"}, "回访"),
        ("王强", (), 5, 5, {"手机": "1.38123E+10"}, ""),
        ("陈静", ("0539-8765432",), 3, 2, {}, ""),
    ]
    assert [(f.line, f.value) for f in result.summary.flags] == [(6, "1.38123E+10")]


def test_xlsx_other_sheet_by_name_and_a_missing_sheet(store, tmp_path):
    path = tmp_path / "book.xlsx"
    write_xlsx(path, title_row=False, sheet="Sheet1")
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["说明"].append(["name", "phone"])
    book["说明"].append(["Zhang Wei", "13800000009"])
    book.save(path)
    assert [x.name for x in leads(plan(store, path, sheet="说明"))] == ["Zhang Wei"]
    with pytest.raises(ImportFailed) as failed:
        plan(store, path, sheet="客户")
    assert failed.value.reason == "no_sheet" and "Sheet1, 说明" in failed.value.params["detail"]


ANDROID = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=BC=9F;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=BC=9F\r\n"
    "TEL;CELL:138-1234-5678\r\nTEL;WORK:0539-8123456\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E8=A6=81=E4=B8=80=E5=8F=B0=32=30=\r\n"
    "=E5=90=A8\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E;=E5=A8=9C;;;\r\n"
    "TEL;CELL;PREF:+8613912345678\r\n"
    "X-QQ:12345\r\n"
    "END:VCARD\r\n"
)
IPHONE = (
    "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\n"
    "N:王;强;;;\nFN:王强\nORG:济南顺通租赁;\n"
    "item1.TEL;type=pref:138 0000 0001\nitem1.X-ABLabel:_$!<Mobile>!$_\n"
    "TEL;type=CELL;type=VOICE:139 0000 0002\n"
    "NOTE:第一行\\n第二行\\, 还有逗号\n"
    "ADR;type=WORK:;;北环路1号;临沂;山东;276000;中国\n"
    "CATEGORIES:老客户,机手\n"
    "END:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nFN:刘洋 \n TEST\n"
    "TEL;VALUE=uri;TYPE=cell:tel:+86-137-1234-5678\nEND:VCARD\n"
)


def test_android_vcard_quoted_printable_folded_and_n_without_fn(store, tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text(ANDROID, encoding="ascii")
    result = plan(store, path)
    zhang, li = leads(result)
    assert (zhang.name, zhang.phones, zhang.notes) == (
        "张伟", ("13812345678", "0539-8123456"), "要一台20吨")
    assert (li.name, li.phones, li.extra) == ("李娜", ("13912345678",), {"X-QQ": "12345"})
    assert [p.line for p in result.summary.rejects] == []


def test_iphone_vcard_items_escapes_address_and_vcard_4(store, tmp_path):
    path = tmp_path / "iphone.vcf"
    path.write_text(IPHONE, encoding="utf-8-sig")  # some exports start with a BOM
    wang, liu = leads(plan(store, path))
    assert wang.name == "王强" and wang.company == "济南顺通租赁"
    assert wang.phones == ("13800000001", "13900000002")
    assert wang.notes == "第一行\n第二行, 还有逗号"
    assert (wang.province, wang.city) == ("山东", "临沂")
    assert wang.tags == ("老客户", "机手")
    assert wang.extra == {"ADR": "山东 临沂 北环路1号"}
    assert (liu.name, liu.phones) == ("刘洋 TEST", ("13712345678",))


def test_gb2312_vcard_from_an_old_phone(store, tmp_path):
    path = tmp_path / "old.vcf"
    card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=GB2312:陈;静\r\nTEL:13612345678\r\nEND:VCARD\r\n"
    path.write_bytes(card.encode("gb2312"))
    assert [(x.name, x.phones) for x in leads(plan(store, path))] == [("陈静", ("13612345678",))]


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the start of an old .xls or an encrypted .xlsx


def _encrypted(path):
    path.write_bytes(OLE + b"\x00" * 500
                     + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500)


@pytest.mark.parametrize(("name", "make", "reason"), [
    ("missing.csv", lambda p: None, "missing"),
    ("folder.csv", lambda p: p.mkdir(), "directory"),
    ("empty.csv", lambda p: p.write_bytes(b""), "empty"),
    ("blank.csv", lambda p: p.write_bytes(b"\xef\xbb\xbf\r\n  \r\n"), "empty"),
    ("garbage.csv", lambda p: p.write_bytes(bytes(range(256)) * 40), "binary"),
    ("photo.vcf", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\xff" * 300), "not_vcard"),
    ("locked.xlsx", _encrypted, "encrypted"),
    ("old.xls", lambda p: p.write_bytes(OLE + b"\x00" * 900), "xls"),
    ("broken.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 100), "not_xlsx"),
    ("noheader.csv", lambda p: p.write_text("a,b\n1,2\n", encoding="utf-8"), "no_header"),
    ("nocards.vcf", lambda p: p.write_text("hello", encoding="utf-8"), "not_vcard"),
    ("names.txt", lambda p: p.write_text("hello\nworld", encoding="utf-8"), "no_header"),
])
def test_files_that_cannot_be_read(store, tmp_path, name, make, reason):
    path = tmp_path / name
    make(path)
    with pytest.raises(ImportFailed) as failed:
        plan(store, path)
    assert failed.value.reason == reason


def test_format_named_on_the_command_line_wins_over_the_name(store, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("no cards here", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        plan(store, path, fmt="vcf")
    assert failed.value.reason == "not_vcard"


def test_csv_title_row_crlf_and_trailing_empty_columns(store, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes("客户汇总表（11月）,,,,\r\n\r\n序号,客户姓名,联系电话,,\r\n1,张伟,13812345678,,\r\n"
                     .encode("gbk"))
    result = plan(store, path)
    [lead] = leads(result)
    assert (lead.name, lead.phones, lead.extra) == ("张伟", ("13812345678",), {"序号": "1"})
    assert result.summary.unknown_columns == {"export.csv": ["序号"]}


def test_progress_moves_through_a_long_file(store, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("姓名,电话\n" + "".join(f"客户{n},138{n:08d}\n" for n in range(5000)),
                    encoding="utf-8")
    seen = []
    plan_import(store, [path], ImportOptions(), lambda rows, part: seen.append((rows, part)))
    assert [rows for rows, _ in seen] == [1000, 2000, 3000, 4000, 5000, 5000]
    fractions = [fraction for _, fraction in seen]
    assert fractions == sorted(fractions) and 0.15 < fractions[0] < 0.25 and fractions[-1] == 1.0


def test_tab_separated_below_a_title_without_tabs(store, tmp_path):
    path = tmp_path / "export.tsv"
    path.write_text("客户名单\n姓名\t电话\t备注\n张伟\t13812345678\t有, 逗号\n", encoding="utf-8")
    assert [(x.name, x.notes) for x in leads(plan(store, path))] == [("张伟", "有, 逗号")]


def with_sheet_xml(source_path, target_path, change) -> None:
    """A copy of a workbook with its first sheet's XML changed by ``change``."""
    import zipfile

    with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(target_path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(item, data)


def test_a_workbook_with_a_damaged_sheet_is_refused_not_a_traceback(store, tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    write_xlsx(good, title_row=False)
    with_sheet_xml(good, bad, lambda data: data[: len(data) // 2])  # cut off mid-row
    with pytest.raises(ImportFailed) as failed:
        plan(store, bad)
    assert failed.value.reason == "damaged"


def test_a_cover_sheet_is_passed_over_for_the_first_sheet_with_leads(store, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "book.xlsx"
    book = Workbook()
    book.active.title = "封面"
    book.active.append(["2026 客户"])
    rows = book.create_sheet("客户")
    rows.append(["姓名", "电话"])
    rows.append(["张伟", "13812345678"])
    book.save(path)
    assert [brief(x) for x in leads(plan(store, path))] == [
        ("张伟", ("13812345678",), "", None, None)]
    with pytest.raises(ImportFailed) as failed:
        plan(store, path, sheet="封面")  # named, it is read or refused, never passed over
    assert failed.value.reason == "no_header_sheet"
    assert failed.value.params["detail"] == "封面 (封面, 客户)"


def test_a_workbook_with_no_sheet_of_leads_names_its_sheets(store, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "book.xlsx"
    book = Workbook()
    book.active.title = "封面"
    book.active.append(["2026 客户"])
    book.create_sheet("统计").append(["月份", "台数"])
    book.save(path)
    with pytest.raises(ImportFailed) as failed:
        plan(store, path)
    assert failed.value.reason == "no_header_book"
    assert failed.value.params["detail"] == "封面, 统计"


def test_a_sheet_as_reps_keep_it(store, tmp_path):
    """客户名称 beside 联系人, numbered phone columns, a district in the
    region, grades written after the field's name, a total row."""
    from datetime import date

    from openpyxl import Workbook

    path = tmp_path / "跟进表.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.merge_cells("A1:H1")
    sheet["A1"] = "临沂区域挖机客户跟进表"
    sheet.append([])
    sheet.append(["序号", "客户名称", "联系人", "手机号码1", "手机号码2", "所在地区", "意向等级",
                  "资金情况", "最后联系时间"])
    sheet.append([1, "临沂宏达土石方", "张三", 13812345678, "0539-8123456", "山东省临沂市兰山区",
                  "意向强", "资金雄厚", date(2026, 11, 20)])
    sheet.append([2, "徐州华建", "李四", "139 0000 1111 / 137-2222-3333", None, "江苏徐州", "C类",
                  "紧张", None])
    sheet.append(["合计", None, None, None, None, None, None, None, None])
    book.save(path)
    result = plan(store, path)
    got = [(x.name, x.company, x.phones, x.province, x.city, x.intent, x.funding)
           for x in leads(result)]
    assert got == [
        ("张三", "临沂宏达土石方", ("13812345678", "0539-8123456"), "山东", "临沂", 5, 5),
        ("李四", "徐州华建", ("13900001111", "13722223333"), "江苏", "徐州", 3, 2),
    ]
    zhang = leads(result)[0]
    assert zhang.extra["所在地区"] == "山东省临沂市兰山区"  # the district is kept as written
    assert zhang.extra["最后联系时间"] == "2026-11-20"
    assert [p.reason for p in result.summary.rejects] == ["no_name_or_phone"]


def test_placeholders_mean_empty_and_unknown_grades_mean_ungraded(store, tmp_path):
    path = tmp_path / "dash.csv"
    path.write_text("姓名,电话,公司,意向,资金,有无工程\n张伟,13812345678,-,待定,?,无工程\n"
                    "李娜,13912345678,/,—,未知,有工程\n", encoding="utf-8")
    got = [(x.company, x.intent, x.funding, x.has_project, x.project, x.extra)
           for x in leads(plan(store, path))]
    assert got == [("", None, None, False, "", {}), ("", None, None, True, "", {})]


def test_letter_grades_and_more_header_words(tmp_path):
    from store.importing.headers import header_key, SYNONYMS
    from store.validate import parse_grade

    assert [parse_grade(v, "intent") for v in ("A", "b", "C类", "D级", "e")] == [5, 4, 3, 2, 1]
    assert header_key("资金情况") in SYNONYMS["funding"]
    assert header_key("客户意向：") in SYNONYMS["intent"]


def test_phones_with_words_around_them_and_extensions(store, tmp_path):
    path = tmp_path / "wps.csv"
    path.write_bytes(
        "客户,电话,公司\n"
        "张总,138-1234-5678（微信同号）,临沂宏达\n"
        "王经理,0539-8123456-801,徐州华建\n"
        "刘,手机:13900001111 座机:0539 8123456转802,\n".encode("gbk"))
    result = plan(store, path)
    got = [(x.name, x.phones) for x in leads(result)]
    assert got == [
        ("张总", ("13812345678",)),
        ("王经理", ("0539-8123456-801",)),
        # Another extension behind the same switchboard: another customer.
        ("刘", ("13900001111", "0539-8123456-802")),
    ]
    zhang = leads(result)[0]
    assert zhang.extra == {"电话": "138-1234-5678（微信同号）"}  # the words stay
    assert result.summary.flags == []  # nothing was set aside as no phone


def test_a_landline_extension_is_part_of_the_number():
    from store.errors import Invalid
    from store.validate import normalize_phone

    assert normalize_phone("0539-8123456-801") == "0539-8123456-801"
    assert normalize_phone("0539 8123456 转 801") == "0539-8123456-801"
    assert normalize_phone("(0539) 8123456") == "0539-8123456"
    with pytest.raises(Invalid):
        normalize_phone("13812345678-12")  # a mobile has no extension


def test_full_width_digits_and_letters_as_a_chinese_input_method_types_them(store, tmp_path):
    path = tmp_path / "ime.csv"
    path.write_text("姓名,手机,意向,资金\n张伟,１３８－１２３４－５６７８,Ａ,３\n"
                    "李娜,（０５３９）８１２３４５６,５,Ｃ类\n", encoding="utf-8")
    got = [(x.name, x.phones, x.intent, x.funding) for x in leads(plan(store, path))]
    assert got == [("张伟", ("13812345678",), 5, 3), ("李娜", ("0539-8123456",), 5, 3)]


def imported(store, *paths, **options):
    """Import for real and read back what the data file holds, by name; the
    same import again must change nothing."""
    result = plan(store, *paths, **options)
    apply_plan(store, result)
    assert_again_changes_nothing(store, paths, options)
    store.close()
    with LeadStore.open(store.path, read_only=True) as saved:
        return {lead.name: lead for lead in saved.leads.values()}, result.summary


def test_a_streamed_export_that_declares_its_sheet_as_a1_is_read_whole(store, tmp_path):
    """Java exports from web systems write ``<dimension ref="A1"/>``: every
    row must still be read, not cut to its first cell."""
    import re

    written, path = tmp_path / "written.xlsx", tmp_path / "export.xlsx"
    write_xlsx(written, title_row=False)
    with_sheet_xml(written, path, lambda data: re.sub(
        rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data))
    saved, summary = imported(store, path)
    assert summary.rows == 4
    assert (saved["张伟"].phones, saved["张伟"].intent) == (("13812345678",), 4)
    assert saved["陈静"].phones == ("0539-8765432",)


def test_a_totals_row_is_no_customer(store, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "汇总.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["客户姓名", "手机", "台数"])
    sheet.append(["张伟", 13812345678, 2])
    sheet.append(["李娜", 13912345678, 1])
    sheet.append(["合 计", None, "=SUM(C2:C3)"])
    sheet.append(["总计：2人", None, None])
    book.save(path)
    saved, summary = imported(store, path)
    assert sorted(saved) == ["张伟", "李娜"]
    assert [(p.line, p.reason, p.value) for p in summary.rejects] == [
        (4, "total", "合 计"), (5, "total", "总计：2人")]


def test_template_headers_with_remarks_alternatives_and_more_phone_words(store, tmp_path):
    """Headers as CRM import templates and address books write them: a
    remark in brackets, two words for one field, 座机 and 移动电话."""
    path = tmp_path / "模板.csv"
    path.write_bytes(
        "姓名（必填）,手机号(必填),联系电话/手机,座机,移动电话,企业名称,省/市,所在城市\r\n"
        "张伟,13812345678,13912345678,0539-8123456,13712345678,临沂宏达,山东省临沂市,\r\n"
        "李娜,,,0516-81234567,,,,徐州市\r\n".encode("gbk"))
    saved, summary = imported(store, path)
    zhang, li = saved["张伟"], saved["李娜"]
    assert zhang.phones == ("13812345678", "13912345678", "0539-8123456", "13712345678")
    assert (zhang.company, zhang.province, zhang.city) == ("临沂宏达", "山东", "临沂")
    assert (li.phones, li.city) == (("0516-81234567",), "徐州")
    assert summary.unknown_columns == {"模板.csv": []}


def test_a_landline_whose_zero_a_number_cell_dropped_and_an_apostrophe(store, tmp_path):
    """A phone column formatted as number turns 0539-8123456 into 5398123456;
    a CSV keeps Excel's ' text mark. Both are the number, nothing else."""
    from openpyxl import Workbook

    book_path, csv_path = tmp_path / "座机.xlsx", tmp_path / "导出.csv"
    book = Workbook()
    book.active.append(["姓名", "电话"])
    book.active.append(["张伟", 5398123456])
    book.active.append(["李娜", 1062345678.0])
    book.save(book_path)
    csv_path.write_text("姓名,电话\n王强,'13712345678\n陈静,'05398765432\n", encoding="utf-8")
    saved, summary = imported(store, book_path, csv_path)
    assert {name: lead.phones for name, lead in saved.items()} == {
        "张伟": ("0539-8123456",), "李娜": ("010-62345678",),
        "王强": ("13712345678",), "陈静": ("0539-8765432",)}
    assert all(lead.extra == {} for lead in saved.values())
    assert summary.flags == []


def test_line_breaks_inside_cells_are_plain_newlines(store, tmp_path):
    """A CRLF inside a quoted CSV cell, and =0D=0A in an Android note."""
    csv_path, vcf_path = tmp_path / "notes.csv", tmp_path / "notes.vcf"
    csv_path.write_bytes(b'\xef\xbb\xbf\xe5\xa7\x93\xe5\x90\x8d,phone,notes\r\n'
                         b'Zhang,13812345678,"first\r\nsecond"\r\nLi,13912345678,x')
    vcf_path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Wang\r\nTEL:13712345678\r\n"
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=AC=AC=E4=B8=80=0D=0A=E7=AC=AC=\r\n"
        "=E4=BA=8C\r\nEND:VCARD\r\n", encoding="ascii")
    saved, _summary = imported(store, csv_path, vcf_path)
    assert saved["Zhang"].notes == "first\nsecond"
    assert saved["Li"].notes == "x"  # the last line had no line break
    assert saved["Wang"].notes == "第一\n第二"


def test_contacts_saved_as_utf16(store, tmp_path):
    path = tmp_path / "windows.vcf"
    path.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nTEL:13812345678\r\n"
                     "ADR:;;北京路1号;临沂市;山东省;;中国\r\nEND:VCARD\r\n".encode("utf-16"))
    saved, _summary = imported(store, path)
    assert (saved["张伟"].phones, saved["张伟"].province, saved["张伟"].city) == (
        ("13812345678",), "山东", "临沂")


def test_a_web_page_named_xls_is_refused_as_one(store, tmp_path):
    path = tmp_path / "crm导出.xls"
    path.write_text("\n<html><head><meta charset='utf-8'></head><body><table>"
                    "<tr><td>姓名</td><td>电话</td></tr><tr><td>张伟</td><td>13812345678</td></tr>"
                    "</table></body></html>", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        plan(store, path)
    assert failed.value.reason == "web_page"


def test_a_csv_that_mixes_encodings_names_the_line(store, tmp_path):
    """Mostly UTF-8 with one cp1252 é: refused with its line, not read as
    GBK nonsense nor called a binary file."""
    path = tmp_path / "mixed.csv"
    path.write_bytes("姓名,电话,备注\n张伟,13812345678,年后要一台\n".encode("utf-8")
                     + b"Li,13912345678,Caf\xe9 owner\n")
    with pytest.raises(ImportFailed) as failed:
        plan(store, path)
    assert (failed.value.reason, failed.value.detail) == ("mixed_encoding", "3")


@pytest.mark.parametrize("group", [["序号", "客户信息", None, "联系方式", None, "意向", "备注"],
                                   ["序号", None, None, "联系方式", None, "意向", "备注"]])
def test_a_header_over_two_rows_with_cells_merged_down(store, tmp_path, group):
    """联系方式 over 手机 | 座机, and 序号, 意向, 备注 merged down over both
    header rows: the names still land as names, every column where it belongs."""
    from openpyxl import Workbook

    path = tmp_path / "两行表头.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["2026年客户明细"])
    sheet.merge_cells("A1:G1")
    sheet.append(group)
    sheet.append([None, "姓名", "公司", "手机", "座机", None, None])
    for column in "AFG":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.append([1, "张伟", "临沂宏达", 13812345678, "0539-8123456", "强", "要一台20吨"])
    sheet.append([2, "李娜", "徐州华建", 13912345678, None, "一般", "回访"])
    book.save(path)
    saved, summary = imported(store, path)
    zhang, li = saved["张伟"], saved["李娜"]
    assert (zhang.company, zhang.phones, zhang.intent, zhang.notes) == (
        "临沂宏达", ("13812345678", "0539-8123456"), 5, "要一台20吨")
    assert (li.company, li.phones, li.intent, li.notes) == ("徐州华建", ("13912345678",), 3, "回访")
    assert (summary.rows, summary.rejected) == (2, 0)
    assert zhang.extra == {"序号": "1"}


def test_a_title_row_above_the_header_names_no_column(store, tmp_path):
    """A title that reads like a header word (客户 with a remark) is no upper
    header row: the blank cell over the row numbers stays blank."""
    from openpyxl import Workbook

    path = tmp_path / "名单.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["客户（11月）"])
    sheet.merge_cells("A1:E1")
    sheet.append([None, "姓名", "电话", "公司", "地区"])
    sheet.append([1, "张三", "13812345678", "临沂宏达", "山东临沂"])
    book.save(path)
    saved, summary = imported(store, path)
    assert saved["张三"].company == "临沂宏达" and saved["张三"].city == "临沂"
    assert (summary.rows, summary.rejected) == (1, 0)


def test_a_first_data_row_is_never_taken_for_a_second_header_row(store, tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("姓名,电话,备注\n客户,13812345678,名字就叫客户\n", encoding="utf-8")
    saved, _summary = imported(store, path)
    assert saved["客户"].phones == ("13812345678",)


@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bell", ["", "\x07"])
def test_line_breaks_in_a_cell_and_control_characters_whatever_the_line_ends(
        store, tmp_path, ends, bell):
    """A file is cleaned as a whole when it can be: a note over several
    lines keeps its breaks as \\n, a control character anywhere is dropped."""
    path = tmp_path / "leads.csv"
    rows = ["姓名,手机,备注", f'张{bell}伟,13812345678,"年后\r\n要一台\r再谈"', "李娜,13912345678,"]
    path.write_text(ends.join(rows) + ends, encoding="utf-8", newline="")
    zhang, li = leads(plan(store, path))
    assert (zhang.name, zhang.notes) == ("张伟", "年后\n要一台\n再谈")
    assert (li.name, li.notes) == ("李娜", "")
