"""Column headers as reps write them, in English and Chinese.

A header is compared after NFKC (full-width letters and colons become plain),
lower case, and with spaces, colons, asterisks and brackets removed, so
``客户姓名：``, ``Phone *`` and ``ＮＡＭＥ`` all count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Field -> the headers that mean it. The README lists the same table.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "contact", "customer", "customername", "姓名", "客户姓名",
             "联系人", "客户", "客户名称", "名字", "联系人姓名", "客户联系人", "名称", "联系人名称"),
    # A name in parts, as address books keep it; joined when there is no name.
    "display_name": ("displayname", "显示名称", "显示名"),
    "given_name": ("firstname", "givenname", "名"),
    "middle_name": ("middlename", "additionalname", "中间名"),
    "family_name": ("lastname", "familyname", "surname", "姓氏", "姓"),
    "phones": ("phone", "phones", "tel", "telephone", "mobile", "cell", "phonenumber",
               "mobilephone", "cellphone", "电话", "手机", "联系电话", "手机号", "手机号码",
               "电话号码", "联系方式", "移动电话", "座机", "固定电话", "固话", "办公电话",
               "联系手机", "联系人手机", "联系人电话", "客户手机", "客户电话",
               # Google (Phone 1 - Value), Outlook, Thunderbird, Odoo, Krayin
               "phonevalue", "businessphone", "homephone", "primaryphone", "companymainphone",
               "otherphone", "carphone", "workphone", "mobilenumber", "contactnumbers",
               "contactnumber", "工作电话", "家庭电话", "移动电话号码", "住宅电话", "办公室电话",
               "单位电话", "公司电话", "其他电话",
               # Outlook in Chinese: 商务电话, 单位主要电话, 车载电话, 主要电话
               "商务电话", "单位主要电话", "车载电话", "主要电话",
               # a company directory: the direct line, the switchboard
               "直拨", "直拨电话", "直线", "直线电话", "总机", "总机电话"),
    # The extension of the phone column before it (总机 | 分机).
    "extension": ("extension", "ext", "分机", "分机号", "分机号码"),
    "company": ("company", "companyname", "organization", "org", "employer", "公司", "单位",
                "客户单位", "公司名称", "单位名称", "企业名称", "公司全称", "单位全称",
                "organizationname", "relatedcompany", "parentcompany", "所属公司", "所属单位"),
    "region": ("region", "area", "location", "address", "地区", "区域", "所在地", "地址",
               "所在地区", "所属地区", "所属区域", "详细地址", "联系地址", "省市",
               "addressformatted", "businessaddress", "workaddress", "homeaddress",
               "工作地址", "家庭住址", "家庭地址", "公司地址", "单位地址", "办公地址",
               "adr"),  # a vCard's address, as the contacts reader names it
    "province": ("province", "省", "省份", "所在省份", "state", "addressregion", "businessstate",
                 "workstate", "homestate", "otherstate", "工作所在省州", "家庭所在省州",
                 # Outlook in Chinese: 商务地址 省/市/自治区
                 "省市自治区", "商务地址省市自治区", "住宅地址省市自治区", "其他地址省市自治区"),
    "city": ("city", "市", "城市", "所在城市", "地市", "addresscity", "businesscity", "workcity",
             "homecity", "othercity", "工作所在城市", "家庭所在城市",
             "市县", "商务地址市县", "住宅地址市县", "其他地址市县"),  # Outlook in Chinese
    "customer_type": ("type", "customertype", "客户类型", "类型", "客户类别"),
    "intent": ("intent", "purchaseintent", "意向", "购买意向", "意向程度", "购买意愿",
               "客户意向", "意向等级", "意向级别"),
    "funding": ("funding", "funds", "financialstrength", "资金", "资金实力", "经济实力",
                "资金情况", "资金状况", "经济状况", "付款能力"),
    "credit": ("credit", "信誉", "信用", "信誉度"),
    "has_project": ("project", "hasproject", "工程", "有无工程", "是否有工程", "项目", "有无项目",
                    "工程项目"),
    "source": ("source", "leadsource", "来源", "客户来源", "信息来源"),
    "notes": ("notes", "note", "remarks", "comment", "comments", "备注", "说明", "备注信息",
              "附注"),  # Outlook in Chinese
    "tags": ("tags", "tag", "labels", "categories", "标签", "分类", "groupmembership",
             "类别"),  # Outlook in Chinese
    "models": ("model", "models", "机型", "意向机型", "型号"),
    "brands": ("brand", "brands", "品牌", "意向品牌"),
    "competitor": ("competitor", "竞品", "竞争对手", "对比品牌"),
}
NAME_PARTS = ("display_name", "given_name", "middle_name", "family_name")

# A machine list's own columns (保有量 sheets). Its brand and model are the
# lead table's brand and model columns, read as the machine's on such a list.
MACHINE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "owner": ("owner", "machineowner", "车主", "机主", "车主姓名", "机主姓名", "设备所有人",
              "所有人"),
    "tonnes": ("tonnes", "tonne", "tons", "tonnage", "size", "sizeclass", "吨位", "吨级", "吨数"),
    "year": ("year", "yearmade", "manufactureyear", "出厂年份", "年份", "出厂年", "生产年份",
             "出厂日期", "生产日期"),
    "hours": ("hours", "hourmeter", "workinghours", "enginehours", "小时数", "工作小时",
              "工作小时数", "小时表", "小时表读数", "累计小时", "累计工作小时", "工时"),
    "machine_status": ("status", "machinestatus", "状态", "设备状态", "机器状态", "使用状态"),
    "serial": ("serial", "serialnumber", "serialno", "sn", "pin", "序列号", "出厂编号",
               "整机编号", "整机序列号", "机号", "车架号"),
    "condition": ("condition", "车况", "机况"),
}
# Columns only a machine list has: with a brand or model column beside one
# of them, the sheet is a machine list (状态 and 车况 alone say too little).
MACHINE_SIGNS = frozenset(("owner", "tonnes", "year", "hours", "serial"))
MACHINE_FIELDS = frozenset(MACHINE_SYNONYMS)
# Brand and model columns that always speak of the lead's wishes.
INTENT_HEADERS = frozenset(("意向机型", "意向品牌"))
KINDS = ("auto", "leads", "machines")

_BY_KEY = {key: field for field, keys in (*SYNONYMS.items(), *MACHINE_SYNONYMS.items())
           for key in keys}
_NOISE = re.compile(r"[\s:*#()\[\]<>_\-.。·/\\]+")
# A remark a template adds to a header: 姓名（必填）, 电话(手机), 手机号【11位】.
_REMARK = re.compile(r"[(（\[【].*?[)）\]】]")
_ALTERNATIVES = re.compile(r"[/／、|]")
_COUNTRY = re.compile(r"国家|country")


def header_key(header: object) -> str:
    text = unicodedata.normalize("NFKC", str(header or "")).lower().lstrip("\ufeff")
    return _NOISE.sub("", text.replace("（", "(").replace("）", ")"))


def field_for(header: object) -> str | None:
    """The lead field a header names, or None for a column we keep as it is.

    A number after a known header counts too: ``手机号码2``, ``电话1``, ``备注2``;
    so does one with a remark in brackets (``姓名（必填）``, ``电话(手机)``) and
    one that names a field twice (``联系电话/手机``, ``省/市``).
    """
    text = str(header or "")
    return (_known(header_key(text)) or _known(header_key(_REMARK.sub("", text)))
            or _either(text))


def _known(key: str) -> str | None:
    """Also with a number after it (电话2) or, in English, inside it (Google's
    phone1value; a title such as 2026 客户 names no column)."""
    return (_BY_KEY.get(key) or _BY_KEY.get(key.rstrip("0123456789"))
            or (_BY_KEY.get(_DIGITS.sub("", key)) if key.isascii() else None))


_DIGITS = re.compile(r"\d+")


def _either(text: str) -> str | None:
    """The field of ``电话/手机``: every known part names the same one
    (a province and a city together make a region)."""
    parts = _ALTERNATIVES.split(text)
    if len(parts) < 2 or _COUNTRY.search(header_key(text)):
        return None  # 国家/地区, Country/Region: a country, not a region of it
    found = {_known(header_key(part)) for part in parts} - {None}
    if found == {"province", "city"}:
        return "region"
    return found.pop() if len(found) == 1 else None


# Headers that name the customer, which is the company when the sheet also
# has a column for the person (客户名称 beside 联系人).
CUSTOMER_HEADERS = frozenset(("customer", "customername", "客户", "客户名称", "名称"))
# Given names, where a family name has a column of its own (名字 beside 姓氏).
GIVEN_HEADERS = frozenset(("名字",))
# The company of the contact where the system's own company has a column too
# (Odoo's Related Company beside Company).
PARENT_HEADERS = frozenset(("relatedcompany", "parentcompany"))


def sheet_kind(headers: Sequence[object]) -> str:
    """``machines`` for a machine list (a brand or model column beside a
    year, hours, owner, size or serial column), else ``leads``."""
    fields = {field_for(h) for h in headers if header_key(h) not in INTENT_HEADERS}
    if fields & MACHINE_SIGNS and fields & {"brands", "models"}:
        return "machines"
    return "leads"


def fields_for(headers: Sequence[object], kind: str = "leads") -> list[str | None]:
    """The field of each column, read in the light of the others: 客户名称
    is the company when a person has a column of his own and the company has
    none; 名字 is the given name beside 姓氏; Company is the system's own
    beside Related Company, and kept as it is.

    On a machine list (``kind``) brand and model are the machine's; on a
    lead list a machine's columns are kept as they are. The owner (车主) is
    the row's lead on both."""
    keys = [header_key(h) for h in headers]
    fields = [_for_kind(field_for(h), k, kind) for h, k in zip(headers, keys)]
    if "family_name" in fields:
        fields = ["given_name" if k in GIVEN_HEADERS else f for f, k in zip(fields, keys)]
    customers = [at for at, k in enumerate(keys) if fields[at] == "name" and k in CUSTOMER_HEADERS]
    people = [at for at, f in enumerate(fields)
              if (f == "name" and at not in customers) or f in NAME_PARTS]
    if customers and people and "company" not in fields:
        fields[customers[0]] = "company"
    if any(k in PARENT_HEADERS for k in keys):
        fields = [None if f == "company" and k == "company" else f for f, k in zip(fields, keys)]
    return fields


def _for_kind(field: str | None, key: str, kind: str) -> str | None:
    if field == "owner":
        return "name"
    if kind == "machines" and field in ("brands", "models") and key not in INTENT_HEADERS:
        return "machine_brand" if field == "brands" else "machine_model"
    if kind != "machines" and field in MACHINE_FIELDS:
        return None
    return field


def header_score(cells: Sequence[object]) -> int:
    """How much a row looks like a header: known columns, and a name or phone
    (or, on a machine list, a brand or model beside a machine's own column)."""
    fields = {field_for(cell) for cell in cells} - {None}
    if not fields & {"name", "phones", "owner", *NAME_PARTS} and not (
            fields & MACHINE_SIGNS and fields & {"brands", "models"}):
        return 0
    return len(fields)


def find_header(rows: Sequence[Sequence[object]]) -> int | None:
    """Which of the first rows is the header: the first that names a name or
    phone column and most other known columns (title rows above it name none)."""
    best, best_at = 0, None
    for at, cells in enumerate(rows):
        score = header_score(cells)
        if score > best:
            best, best_at = score, at
    return best_at


# Digits as a data row has them (a phone, an amount); sub-headers have none.
_DATA_DIGITS = re.compile(r"\d{5,}")


def read_header(rows: Sequence[Sequence[object]]) -> tuple[list[object], int] | None:
    """The header's cells and the index of the first row below it.

    A header over two rows, as sheets with merged header cells have it
    (联系方式 over 手机 | 座机, 序号 and 备注 merged down over both), is read
    as one: each column named by its lower cell, else by its upper one.
    """
    at = find_header(rows)
    if at is None:
        return None
    if at + 1 < len(rows) and _sub_header(rows[at + 1]):
        return _stacked(rows[at], rows[at + 1]), at + 2
    if at > 0 and header_score(rows[at - 1]) >= 2:  # a title (客户（11月）) names one at most
        return _stacked(rows[at - 1], rows[at]), at + 1
    return list(rows[at]), at + 1


def title_of(rows: Sequence[Sequence[object]]) -> str:
    """The title above a header: the rows that hold one cell of text alone
    (a workbook's merged title, 某某公司通讯录, then its date)."""
    lines = []
    for cells in rows:
        filled = [str(c).strip() for c in cells if str(c if c is not None else "").strip()]
        if len(filled) == 1 and not header_score(cells):
            lines.append(filled[0])
    return " ".join(lines)


def _sub_header(cells: Sequence[object]) -> bool:
    """Header words and no data: a first data row always has a number in it."""
    return header_score(cells) > 0 and not any(
        isinstance(cell, (int, float)) or _DATA_DIGITS.search(str(cell or "")) for cell in cells)


def _stacked(upper: Sequence[object], lower: Sequence[object]) -> list[object]:
    width = max(len(upper), len(lower))
    upper, lower = [*upper, *[None] * width][:width], [*lower, *[None] * width][:width]
    return [low if str(low or "").strip() else up for up, low in zip(upper, lower)]
