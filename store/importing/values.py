"""Cell values as reps write them: grades, credit, yes/no, phones, places.

The word tables are documented in the README; they are checked after NFKC,
lower case and with spaces removed, like headers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from store.errors import Invalid
from store.importing import places
from store.importing.headers import header_key
from store.model import Credit, CustomerType, Source
from store.validate import is_unknown, normalize_phone, split_phones

CREDIT_WORDS: dict[str, Credit] = {
    **dict.fromkeys(("好", "良好", "很好", "较好", "优", "优秀", "good", "ok"), Credit.GOOD),
    # 一般 (average) is the middle of three: neither proven good nor poor. The
    # words for "not known" are store.validate's UNKNOWN_WORDS, as for grades.
    **dict.fromkeys(("一般", "中等", "average"), Credit.UNKNOWN),
    **dict.fromkeys(("差", "较差", "很差", "不好", "poor", "bad"), Credit.POOR),
}
YES_WORDS = frozenset(("是", "有", "有工程", "有项目", "yes", "y", "1", "true", "√", "✓", "对"))
NO_WORDS = frozenset(("否", "无", "没有", "不是", "暂无", "无工程", "没有工程", "无项目", "没有项目",
                      "no", "n", "0", "false", "×", "✗"))
# What reps type into a cell to say "nothing here": read as an empty cell.
BLANKS = frozenset(("-", "--", "—", "——", "/", "n/a", "N/A", "#N/A"))
CUSTOMER_TYPE_WORDS: dict[str, CustomerType] = {
    **dict.fromkeys(("个人", "个体", "散户", "机主", "个人机主", "individual", "owner-operator",
                     "owneroperator"), CustomerType.INDIVIDUAL),
    **dict.fromkeys(("施工", "施工单位", "施工队", "工程公司", "土石方", "承包商", "contractor"),
                    CustomerType.CONTRACTOR),
    **dict.fromkeys(("租赁", "租赁公司", "rental"), CustomerType.RENTAL),
    **dict.fromkeys(("国企", "国有", "事业单位", "政府", "state", "public"), CustomerType.STATE),
    **dict.fromkeys(("其他", "other"), CustomerType.OTHER),
}
SOURCE_WORDS: dict[str, Source] = {
    **dict.fromkeys(("自己走访", "走访", "陌拜", "扫街", "walkin", "visit"), Source.WALK_IN),
    **dict.fromkeys(("朋友介绍", "朋友", "friend", "referral"), Source.FRIEND),
    **dict.fromkeys(("老用户介绍", "老客户介绍", "老用户", "老客户", "owner"), Source.OWNER),
    **dict.fromkeys(("机手介绍", "机手", "operator"), Source.OPERATOR),
    **dict.fromkeys(("挖掘机集中地", "设备集中地", "工地", "machinesite", "site"),
                    Source.MACHINE_SITE),
    **dict.fromkeys(("同行", "同行交流", "同行介绍", "peer", "peers"), Source.PEER),
    **dict.fromkeys(("展会", "展示会", "座谈会", "联谊会", "event", "tradeshow", "seminar"),
                    Source.EVENT),
    **dict.fromkeys(("其他", "other"), Source.OTHER),
}
# Provinces by their short names, then how the full name may go on.
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏",
             "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南",
             "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏",
             "宁夏", "新疆", "香港", "澳门")
_PROVINCE = re.compile(
    r"^(%s)(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?\s*(.*)$"
    % "|".join(PROVINCES)
)
_CITY_ENDS = ("市", "地区", "自治州", "盟")
_EXCEL_FLOAT = re.compile(r"^(\d{7,})\.0+$")  # 13812345678.0: a number Excel kept
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?[eE]\+?\d+$")  # 1.38123E+10: digits Excel dropped
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# A landline whose leading 0 a number cell dropped: 5398123456 was 0539-8123456.
_LOST_ZERO = re.compile(r"(?:10|2\d)\d{7,8}|[3-9]\d{9,10}")
# What a totals row at the foot of a sheet has where a name would be: 合计, 总计：5人.
_TOTAL = re.compile(r"(?:合计|总计|小计|共计|total|subtotal|grandtotal|sum)\d*[人户家个条]?")
# A number inside other words: a mobile (perhaps +86, spaced or dashed) or a landline.
_EMBEDDED = re.compile(r"(?<!\d)(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)"
                       r"|(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?:\s*(?:转|分机|-)\s*\d{1,5})?(?!\d)"
                       r"|(?<!\d)[48]00[\s-]?\d{3}[\s-]?\d{4}(?!\d)")
# A mainland service number on a company's card: 95338 (a courier, a bank),
# 12306, 10086. Taken from files only: typed into a form, 12345 is a slip.
_SERVICE = re.compile(r"95[0-9]{3,6}|1[0-2][0-9]{3}")
# 021-58355611/2/3: the numbers after the first give only the digits that differ.
_SHORTHAND = re.compile(r"\d{1,2}")
# A phone's pause before the extension it dials, written right after the
# number: 0539-8123456,801 (also ; p w).
# One or two digits after a comma are shorthand for a sibling number instead.
_PAUSE = re.compile(r"(?<!\d)(0\d{2,3}[\s-]?\d{7,8})(?:[,;]+|[pPwW])(\d{3,5})"
                    r"(?=\s*$|\s*[,;，；/])")
# What an export puts between the numbers of one cell: Google's " ::: ".
_GROUPS = re.compile(r"\s*:::\s*")
# A CRM that exports a list of numbers as JSON: [{"value": "138…", "label": "work"}].
_JSON_VALUE = re.compile(r'"value"\s*:\s*"([^"]*)"')
_LIST_SEPARATORS = re.compile(r"[,，、;；/|]+|\s*:::\s*")


def word(text: str) -> str:
    return header_key(text) or text.strip()


@lru_cache(maxsize=4096)  # a column repeats a handful of words
def credit(text: str) -> Credit:
    if is_unknown(text):
        return Credit.UNKNOWN
    found = CREDIT_WORDS.get(word(text))
    if found is None:
        raise Invalid("credit", "credit", text)
    return found


@lru_cache(maxsize=4096)
def yes_no(text: str) -> bool | None:
    """True or False for a yes/no word, None for anything else."""
    key = word(text)
    return True if key in YES_WORDS else False if key in NO_WORDS else None


@lru_cache(maxsize=4096)
def customer_type(text: str) -> CustomerType | None:
    key = word(text)
    return CUSTOMER_TYPE_WORDS.get(key) or _enum_value(CustomerType, key)


@lru_cache(maxsize=4096)
def source(text: str) -> Source | None:
    key = word(text)
    return SOURCE_WORDS.get(key) or _enum_value(Source, key)


def _enum_value(enum: type, key: str):
    return next((member for member in enum if member.value.replace("_", "") == key), None)


@lru_cache(maxsize=4096)
def region(text: str) -> tuple[str, str, str]:
    """(province, city, the rest) from ``山东省临沂市兰山区``, ``江苏徐州``,
    ``山东 临沂``, ``上海市浦东新区XX路100号`` or just ``临沂``. The rest (a
    district, a street) is for the caller to keep."""
    if header_key(text) in _COUNTRIES:
        return "", "", ""  # the country every lead here is in names no place
    place = places.parse(text)
    if place.province or place.city:
        return place.province, place.city, place.district + place.street
    parts = text.split()
    if len(parts) == 2 and not any(ch.isdigit() for ch in text):
        return parts[0], parts[1], ""  # two words we do not know: as written
    if len(parts) == 1 and _CITY_LIKE.fullmatch(text) and not _NOT_TOWN.search(text):
        return "", text.removesuffix("市"), ""  # a place the table does not have
    return "", "", text.strip()


_COUNTRIES = frozenset(("中国", "中华人民共和国", "中国大陆", "china", "cn", "prc", "prchina"))
# One word that may name a town the table does not have: a short Chinese
# name with no district, street or number in it, or a word in letters.
_CITY_LIKE = re.compile(r"[\u3400-\u9fff]{2,4}市?|[A-Za-z][A-Za-z.'-]{1,30}")
_NOT_TOWN = re.compile(r"[区县镇乡村路街道号]")


def province_name(text: str) -> str:
    """A province cell as a region cell gives it: 山东省 as 山东, 广西壮族自治区
    as 广西, so that a phone's 山东省 is the same place as a sheet's 山东."""
    match = _PROVINCE.match(text)
    return match.group(1) if match and not match.group(2) else text


def city_name(text: str) -> str:
    """A city cell as a region cell gives it: 临沂市 as 临沂; a cell that
    says more (临沂市兰山区) as written."""
    city, rest = _city(text)
    return city if city and not rest else text


def _city(text: str) -> tuple[str, str]:
    """The city at the start of ``text`` (without 市) and what follows it."""
    for end in _CITY_ENDS:
        at = text.find(end)
        if at > 0:
            city, rest = text[:at + len(end)], text[at + len(end):].strip()
            return (city.removesuffix("市") if len(city) > 2 else city), rest
    return text, ""


def is_mobile(text: str) -> bool:
    """Already a plain mainland mobile number: nothing to normalise."""
    return _MOBILE.fullmatch(text) is not None


def phones(text: str) -> tuple[list[str], list[str], list[str]]:
    """(normalised numbers, parts that are no phone number, parts that held
    a number among other words) from one cell.

    Several numbers may share a cell, split by commas, slashes or spaces. A
    number with words around it (``138-1234-5678（微信同号）``, ``手机:139…``,
    an extension) is taken, and its part is handed back to be kept as written.
    """
    good: list[str] = []
    bad: list[str] = []
    worded: list[str] = []
    for part in _parts(_PAUSE.sub(r"\1转\2", text)):
        # Read with full-width digits and dashes made plain; kept as written.
        plain = unicodedata.normalize("NFKC", _EXCEL_FLOAT.sub(r"\1", part))
        if good and _SHORTHAND.fullmatch(plain):
            sibling = good[-1][:-len(plain)] + plain
            good += [sibling] if sibling not in good else []
            continue
        found = _phone(plain)
        if found is None and _LOST_ZERO.fullmatch(plain):
            found = _phone("0" + plain)
        if found is None and not _SCIENTIFIC.match(plain):
            found = _all_or_none(plain.split())
            if found is None:
                found = _embedded(plain)
                if found:
                    worded.append(part)
        if found is None:
            bad.append(part)
        else:
            good += [p for p in found if p not in good]
    return good, bad, worded


def _parts(text: str) -> list[str]:
    """The pieces of a phone cell that each hold one number."""
    if text.startswith(("[", "{")) and _JSON_VALUE.search(text):
        return [value for value in _JSON_VALUE.findall(text) if value.strip()]
    return [p for group in _GROUPS.split(text) for p in split_phones(group)]


# A directory's title names the company everyone in it works for:
# 临沂宏达工程机械有限公司通讯录, 2025年某某集团销售部员工通讯录.
_DIRECTORY = re.compile(
    r"(?:\d{4}年(?:\d{1,2}月)?度?)?\s*(.+?(?:公司|集团|厂|局|院|学校|商行|经营部|办事处))"
    r"\s*\S*?\s*(?:员工|职工|内部|全体)?\s*(?:通讯录|通讯簿|通信录|电话表|电话簿|联系表|花名册|名录)")
# A department's heading over its people in a directory: 销售部, 二、售后服务部（5人）.
_SECTION = re.compile(
    r"(?:[一二三四五六七八九十\d]+[、.．]\s*)?(.{0,20}?(?:部|室|处|中心|车间|分公司|办事处|科室|小组|"
    r"班组|工程队|施工队|department|dept|team|office))\s*(?:[(（][^)）]*[)）])?", re.IGNORECASE)


def directory_company(title: str) -> str:
    """The company a directory's title names, else ''."""
    match = _DIRECTORY.search(title)
    return match.group(1).strip() if match else ""


# A unit's name no person's name ends with: a heading in a directory's name column.
_UNIT = re.compile(r".+(?:部|办公室|中心|车间|事业部|department)", re.IGNORECASE)


def is_unit(text: str) -> bool:
    return _UNIT.fullmatch(text.strip()) is not None


def section(text: str) -> str:
    """The department a heading row names (销售部), else ''."""
    match = _SECTION.fullmatch(text.strip())
    return match.group(1).strip() if match else ""


def is_total(name: str) -> bool:
    """Whether a name is the label of a totals row, not a customer."""
    return _TOTAL.fullmatch(header_key(name)) is not None


def _embedded(part: str) -> list[str] | None:
    numbers = []
    for match in _EMBEDDED.finditer(part):
        number = _phone(match.group())
        if number:
            numbers += number
    return numbers or None


def _phone(part: str) -> list[str] | None:
    try:
        return [normalize_phone(part.removeprefix("tel:"))]
    except Invalid:
        service = part.removeprefix("tel:").strip()
        return [service] if _SERVICE.fullmatch(service) else None


def _all_or_none(parts: list[str]) -> list[str] | None:
    if len(parts) < 2:
        return None
    found = [_phone(p) for p in parts]
    return None if None in found else [p[0] for p in found]


_CJK = re.compile(r"[\u3400-\u9fff]")
# A Chinese name padded for alignment: 徐  清, 欧阳 小 明.
_PADDED_CJK = re.compile(r"[\u3400-\u9fff·]+(?:\s+[\u3400-\u9fff·]+)+")
# The group every Google contact is in: it says nothing about the customer.
_EVERYONE = frozenset(("mycontacts",))


def person_name(text: str) -> str:
    """A name with its spaces made single, none inside a Chinese name."""
    text = " ".join(text.split())
    if " " in text and _PADDED_CJK.fullmatch(text) and len(text.replace(" ", "")) <= 4:
        return text.replace(" ", "")
    return text


def joined_name(family: str, middle: str, given: str) -> str:
    """张 + 伟 as 张伟; Tom, Baker as Tom Baker."""
    if _CJK.search(family + middle + given):
        return family + middle + given
    return " ".join(part for part in (given, middle, family) if part)


@lru_cache(maxsize=4096)  # a tag column repeats a handful of words
def tags(text: str) -> tuple[str, ...]:
    """Tags from a cell: split on spaces only among Chinese words (老客户 大客户),
    so that ``VIP Customers`` stays one; Google's ``* myContacts`` is dropped
    and its ``* `` mark taken off the others."""
    found: list[str] = []
    for group in _GROUPS.split(text):
        group = group.strip().removeprefix("* ")
        if header_key(group) in _EVERYONE:
            continue
        for piece in text_list(group):
            words = piece.split() if _CJK.search(piece) else [piece]
            found += [tag for tag in words if tag not in found]
    return tuple(found)


def text_list(text: str, spaces: bool = False) -> tuple[str, ...]:
    parts = _LIST_SEPARATORS.split(text)
    if spaces:
        parts = [p for part in parts for p in part.split()]
    out: list[str] = []
    for part in (p.strip() for p in parts):
        if part and part not in out:
            out.append(part)
    return tuple(out)
