"""Exports written here from each layout's public documentation, as the real
apps write them, in tests/fixtures/exports: every person's name, phones and
company, and importing each file a second time changes nothing."""

from pathlib import Path

import pytest

from tests.test_import_real_exports import imported

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


def people(saved) -> dict[str, tuple]:
    """Each lead as (phones, company, province, city)."""
    return {name: (lead.phones, lead.company, lead.province, lead.city)
            for name, lead in saved.items()}


@pytest.mark.parametrize("name", ["outlook-zh-gbk.csv", "outlook-zh-bom.csv"])
def test_outlook_in_chinese_with_every_column(store, name):
    saved, summary = imported(store, EXPORTS / name)
    assert people(saved) == {
        "张伟": (("0539-8123456", "0539-8123457", "13800138000"), "临沂宏达土石方工程有限公司",
                 "山东", "临沂"),
        "李娜": (("0516-83451234", "0516-83450000", "13912345678"), "徐州华建机械有限公司", "", ""),
        "王强": (("13712345678", "0539-8123456-801"), "", "山东", "临沂"),
        "欧阳小明": (("0531-88888888-802", "13505310000"), "济南顺通租赁", "", "济南"),
        "临沂市兰山区鑫源机械租赁站": (("400-830-8300",), "临沂市兰山区鑫源机械租赁站", "", ""),
    }
    zhang = saved["张伟"]
    assert (zhang.notes, zhang.tags) == ("想换一台20吨的", ("老客户",))
    assert zhang.extra["商务地址 街道"] == "北京路1号"  # the street of 临沂, not 北京
    assert saved["欧阳小明"].extra["商务传真"] == "0531-88888889"  # a fax is no phone
    # What Outlook fills every empty contact with is not kept.
    assert not {"生日", "性别", "优先级", "私有", "敏感度"} & set(zhang.extra)
    assert (summary.rejected, summary.flags) == (0, [])


def test_outlook_in_english_with_every_column_mostly_empty(store):
    saved, summary = imported(store, EXPORTS / "outlook-en.csv")
    assert people(saved) == {
        "John Smith": (("021-58355611", "13800138001"), "Acme Mining", "", "Shanghai"),
        "Linyi Hongda Earthmoving": (("0539-8123456",), "Linyi Hongda Earthmoving", "", ""),
        "刘伟": (("0539-8123458-802", "0539-8123459"), "", "", ""),  # China is no city
    }
    assert saved["John Smith"].tags == ("Customers", "VIP")
    assert saved["刘伟"].extra == {"Business Country/Region": "中国"}
    assert (summary.rejected, summary.flags) == (0, [])


def test_google_contacts_with_labels_several_numbers_a_cell_and_a_fax(store):
    saved, summary = imported(store, EXPORTS / "google-contacts.csv")
    assert people(saved) == {
        "张伟": (("13800138000", "13912345678", "0539-8123456"), "临沂宏达", "山东", "临沂"),
        "徐州华建机械": (("0516-83451234",), "徐州华建机械", "", ""),
        "李娜": (("13712345678", "0531-88888888"), "", "", ""),
        "Tom Baker": (("13600001111", "021-58355611"), "Shanghai Heavy", "", "Shanghai"),
        # A pause before the extension; 南京路 is a street, not 南京.
        "王强": (("0539-8123456-801", "13505390000"), "", "", ""),
    }
    assert saved["张伟"].extra["Phone 3 - Value"] == "0539 812 3458"  # labelled Work Fax
    assert saved["李娜"].tags == ("机手",)
    assert (summary.rejected, summary.flags) == (0, [])


def test_iphone_cards_with_items_labels_units_and_a_photo(store):
    saved, summary = imported(store, EXPORTS / "iphone.vcf")
    assert people(saved) == {
        "张伟": (("13800138000", "0539-8123456", "0539-8123457"), "临沂宏达土石方", "山东", "临沂"),
        "徐州华建机械": (("0516-83451234",), "徐州华建机械", "", ""),
        "Tom Baker": (("13600001111", "021-58355611"), "Shanghai Heavy", "", ""),
    }
    assert saved["张伟"].extra["ORG"] == "工程部"  # the unit of the organisation
    assert saved["张伟"].notes == "要一台20吨的\n年底前"
    assert saved["Tom Baker"].extra == {"FAX": "+86 21 5835 5612"}
    assert (summary.rejected, summary.flags) == (0, [])


def test_huawei_and_xiaomi_cards_in_quoted_printable_over_soft_breaks(store):
    saved, summary = imported(store, EXPORTS / "huawei.vcf", EXPORTS / "xiaomi.vcf")
    assert people(saved) == {
        "王强": (("13712345678", "0539-8123456-801", "13800138000"),
                 "临沂市兰山区鑫源机械租赁有限公司第一分公司", "", ""),
        "欧阳小明（挖机老板）": (("13505310000", "0539-8123459"), "", "", ""),
        "刘洋": (("13800138002", "0539-8123460"), "", "山东", "临沂"),
        "济南顺通租赁": (("0531-88888888",), "济南顺通租赁", "", ""),
    }
    assert saved["王强"].extra["phone"] == "13800138000转801"  # a mobile has no extension
    assert (summary.rejected, summary.flags) == (0, [])


def test_crm_customer_exports_with_a_region_picker_and_a_street(store):
    saved, summary = imported(store, EXPORTS / "cordys-customers.csv",
                              EXPORTS / "fxiaoke-customers.csv")
    hongda = "临沂宏达土石方工程有限公司"
    assert people(saved) == {
        # Both exports know 张伟 and 李娜 by their mobiles: one lead each.
        "张伟": (("13800138000", "0539-8123456", "0539-8123456-8012"), hongda, "山东", "临沂"),
        "李娜": (("13912345678", "0539-8123456", "0539-8123456-8013"), hongda, "山东", "临沂"),
        "王强": (("13712345678",), "徐州华建机械有限公司", "江苏", "徐州"),
        "济南顺通租赁": (("0531-88888888",), "济南顺通租赁", "山东", "济南"),
        "刘洋": (("13600001111",), "南京路桥工程有限公司", "", ""),
        "陈刚": (("13505350000",), "烟台港通机械", "山东", "烟台"),
    }
    assert saved["张伟"].extra["地址"] == "山东省/临沂市/兰山区/北京路1号"
    assert saved["刘洋"].extra["详细地址"] == "南京路100号"
    assert (summary.rejected, summary.flags) == (0, [])


def test_a_company_directory_with_its_title_departments_and_number_cells(store):
    saved, summary = imported(store, EXPORTS / "directory.xlsx")
    company = "临沂宏达工程机械有限公司"  # from the title above the header
    assert people(saved) == {
        "张伟": (("0539-8123456", "13800138000"), company, "", ""),
        "李娜": (("0539-8123456", "13912345678"), company, "", ""),
        "王强": (("0539-8123457-801", "13712345678"), company, "", ""),
        "刘洋": (("0539-8123457", "13600001111"), company, "", ""),
        "陈刚": (("0539-8123458", "13505350000"), company, "", ""),
    }
    departments = {name: lead.extra["部门"] for name, lead in saved.items()}
    assert departments == {"张伟": "总经理办公室", "李娜": "总经理办公室", "王强": "销售部",
                           "刘洋": "销售部", "陈刚": "售后服务部"}
    # The headings are no customers; the note at the foot is kept in the rejects.
    assert summary.rows == 6 and [p.line for p in summary.rejects] == [14]


def test_the_directory_as_excel_saves_it_to_csv(store):
    saved, summary = imported(store, EXPORTS / "directory-excel.csv")
    company = "临沂宏达工程机械有限公司"
    assert people(saved) == {
        "张伟": (("0539-8123456", "13800138000"), company, "", ""),
        # 1.39123E+10 lost its digits in Excel: kept as written, the line named.
        "李娜": (("0539-8123456",), company, "", ""),
        "王强": (("0539-8123457-801", "13712345678"), company, "", ""),
        "刘洋": (("0539-8123457",), company, "", ""),
    }
    assert saved["李娜"].extra["手机"] == "1.39123E+10"
    assert [(p.line, p.value) for p in summary.flags] == [(7, "1.39123E+10"), (10, "1.36E+10")]
    assert summary.rejected == 0


def test_streets_named_after_places_and_districts_that_look_like_streets():
    from store.importing.values import region

    assert region("上海路8号") == ("", "", "上海路8号")
    assert region("山东东路12号") == ("", "", "山东东路12号")
    assert region("天津大街5号") == ("", "", "天津大街5号")
    assert region("唐山路南区") == ("", "唐山", "路南区")  # 路南区 is a district
    assert region("黑龙江哈尔滨市道外区") == ("黑龙江", "哈尔滨", "道外区")
    assert region("江苏 / 徐州") == ("江苏", "徐州", "")


def test_a_pause_keeps_its_extension_a_short_number_after_a_space_does_not(store, tmp_path):
    from tests.test_import_real_exports import write

    path = write(tmp_path / "a.csv", "姓名,电话\n张伟,\"0539-8123456;801\"\n李娜,\"0539-8123457, 8012\"\n")
    saved, summary = imported(store, path)
    assert saved["张伟"].phones == ("0539-8123456-801",)
    assert saved["李娜"].phones == ("0539-8123457",)  # 8012 is no phone: named, kept
    assert [p.value for p in summary.flags] == ["8012"]


def test_a_lone_name_is_a_customer_and_a_lone_department_a_heading(store, tmp_path):
    from tests.test_import_real_exports import workbook

    path = workbook(tmp_path / "a.xlsx", ("姓名", "手机", "职务"), ("张伟",), ("销售部",),
                    ("李娜", 13912345678, "经理"))
    saved, summary = imported(store, path)
    assert set(saved) == {"张伟", "李娜"}
    assert saved["李娜"].extra == {"职务": "经理", "部门": "销售部"}
    assert summary.rows == 2


def test_a_number_two_leads_hold_lands_on_the_same_lead_every_time(store, tmp_path):
    """张伟's card has 李娜's mobile by a slip: importing the files again must
    not move 李娜's extension to 张伟, the lead found first by the number."""
    from tests.test_import_real_exports import write

    a = write(tmp_path / "a.csv", "姓名,手机\n张伟,13800138000\n李娜,13912345678\n")
    b = write(tmp_path / "b.csv", "姓名,手机\n张伟,13800138000/13912345678\n")
    c = write(tmp_path / "c.csv", "姓名,手机,电话\n李娜,13912345678,0539-8123456-8013\n")
    saved, _summary = imported(store, a, b, c)  # imported twice: see imported()
    assert saved["张伟"].phones == ("13800138000", "13912345678")
    assert saved["李娜"].phones == ("13912345678", "0539-8123456-8013")


def test_every_sample_at_once_and_again_changes_nothing(store):
    """The same people in several exports, numbers shared and slipped: the
    second import finds every row already there."""
    saved, summary = imported(store, *sorted(EXPORTS.iterdir()))
    assert summary.rejected == 1  # the directory's footnote
    assert saved["张伟"].phones[0] == "13800138000"
