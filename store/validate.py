"""Checks and normal forms for what a rep types or imports."""

from __future__ import annotations

import re
import unicodedata

from store.errors import Invalid
from store.model import GRADES

_SEPARATORS = re.compile(r"[\s\-()（）.]")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# Area codes are 010, 02x, or 0 plus three digits; local numbers 7 or 8 digits.
_LANDLINE = re.compile(r"(0(?:10|2[0-9]|[3-9][0-9]{2}))([0-9]{7,8})")
# A company's nationwide hotline: 400-830-8300, 800-830-8300.
_HOTLINE = re.compile(r"([48]00)([0-9]{3})([0-9]{4})")
# A number abroad, with its country code: +1 415 555 0100, 0044 20 7946 0958.
_ABROAD = re.compile(r"(?:\+|00)([1-9][0-9]{6,14})")
_TRUNK_ZERO = re.compile(r"\(0\)")  # +44 (0)20 …: the 0 is dialled at home only


# An extension after a landline: 0539-8123456-801, 0539 8123456转801, ext. 801.
_EXTENSION = re.compile(r"^(.*\d)\s*(?:转|分机|ext\.?|x|-)\s*(\d{1,5})$", re.IGNORECASE)


def normalize_phone(text: str) -> str:
    """A number as it can be dialled, in one form per kind:

    - a mainland mobile as 11 digits;
    - a landline as ``area-local``, with ``-ext`` when it has an extension
      (people behind one switchboard are different customers);
    - a 400/800 hotline as ``400-830-8300``;
    - a number abroad as E.164 (``+14155550100``).

    ``+86``/``0086``, spaces, dashes and brackets are accepted, and so are
    full-width digits, as a Chinese input method types them.
    """
    text = unicodedata.normalize("NFKC", text)
    try:
        return _normal_number(text)
    except Invalid:
        extension = _EXTENSION.match(text.strip())
        if extension is None:
            raise
        number = _normal_number(extension.group(1))
        if not is_landline(number):  # only a landline has extensions
            raise
        return f"{number}-{extension.group(2)}"


def is_landline(phone: str) -> bool:
    """A normalised number that is a mainland landline (with or without extension)."""
    return phone.startswith("0") and "-" in phone


def _normal_number(text: str) -> str:
    digits = _SEPARATORS.sub("", _TRUNK_ZERO.sub("", text.strip()))
    home = _mainland(digits)
    if home is not None:
        return _mainland_number(home, text)
    abroad = _ABROAD.fullmatch(digits)
    if abroad:
        return "+" + abroad.group(1)
    return _mainland_number(digits, text)


def _mainland(digits: str) -> str | None:
    """The national number of one written with the country code, else None."""
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            national = digits[len(prefix):]
            break
    else:
        if not (digits.startswith("86") and len(digits) == 13):
            return None
        national = digits[2:]
    # Abroad a landline's area code loses its 0: +86 21 5835 5611.
    if not national.startswith("0") and not _MOBILE.fullmatch(national) \
            and not _HOTLINE.fullmatch(national):
        national = "0" + national
    return national


def _mainland_number(digits: str, text: str) -> str:
    if _MOBILE.fullmatch(digits):
        return digits
    landline = _LANDLINE.fullmatch(digits)
    if landline:
        return f"{landline.group(1)}-{landline.group(2)}"
    hotline = _HOTLINE.fullmatch(digits)
    if hotline:
        return "-".join(hotline.groups())
    raise Invalid("phones", "phone", text)


def split_phones(text: str) -> list[str]:
    """Several numbers in one cell, split on commas, slashes or semicolons."""
    parts = re.split(r"[,，;；/、]+", text)
    return [part.strip() for part in parts if part.strip()]


def normalize_phones(text: str) -> tuple[str, ...]:
    phones: list[str] = []
    for part in split_phones(text):
        phone = normalize_phone(part)
        if phone not in phones:
            phones.append(phone)
    return tuple(phones)


def check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise Invalid("name", "required")
    return name


# Grades as reps write them in words; documented in the README.
GRADE_WORDS: dict[str, int] = {
    **dict.fromkeys(("强", "很强", "非常强", "高", "很高", "雄厚", "high", "strong", "very high"),
                    5),
    **dict.fromkeys(("较强", "比较强", "较高", "比较高", "充足", "medium high"), 4),
    **dict.fromkeys(("一般", "中", "中等", "普通", "medium", "average", "normal"), 3),
    **dict.fromkeys(("较弱", "比较弱", "较低", "比较低", "紧张", "medium low"), 2),
    **dict.fromkeys(("弱", "很弱", "低", "很低", "不足", "low", "weak", "very low"), 1),
}

# What a rep may write before the grade word: 意向强, 资金一般, 实力较弱.
GRADE_PREFIXES = ("购买意向", "意向", "资金实力", "资金", "经济实力", "实力")


# Letter grades as many CRMs keep them (A best); "A类" and "a" alike.
GRADE_LETTERS: dict[str, int] = {"a": 5, "b": 4, "c": 3, "d": 2, "e": 1}


# Every everyday way of saying "not known (yet)", for a grade, credit or a
# project alike: an ungraded lead, not an error. Compared after NFKC (so ？ is
# ?), in lower case, without spaces; the README lists them.
UNKNOWN_WORDS = frozenset((
    "未知", "不知道", "不知", "不清楚", "不详", "不明", "不确定", "待定", "未定", "待确认", "待了解",
    "没问", "没问过", "还没问", "未问", "不好说", "说不好", "说不准", "无", "暂无",
    "?", "??", "???", "-", "--", "—", "/", "n/a", "na", "unknown", "tbd", "notsure", "unsure",
    "dontknow", "don'tknow",
))
_SPACES = re.compile(r"\s+")


def is_unknown(text: str) -> bool:
    """Whether ``text`` says the value is not known: 不知道, 待定, ？, N/A …;
    also after a field's name (资金不知道, 意向：待定)."""
    word = _SPACES.sub("", unicodedata.normalize("NFKC", text).lower())
    if word in UNKNOWN_WORDS:
        return True
    for prefix in GRADE_PREFIXES:
        if word.startswith(prefix) and word[len(prefix):].lstrip(":=") in UNKNOWN_WORDS:
            return True
    return False


def parse_grade(text: str | int | float | None, field: str) -> int | None:
    """A grade 1-5, or None for blank (an ungraded lead).

    Besides digits it takes the words of :data:`GRADE_WORDS`, stars
    (``★★★``) and the ``3.0`` that Excel makes of a number.
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, str) and is_unknown(text):
        return None
    grade = _grade_value(text)
    if grade not in GRADES:
        raise Invalid(field, "grade", text)
    return grade


def _grade_value(text: str | int | float) -> int | None:
    if isinstance(text, bool):
        return None
    if isinstance(text, float):
        return int(text) if text.is_integer() else None
    if isinstance(text, int):
        return text
    word = " ".join(unicodedata.normalize("NFKC", text).strip().lower().split())
    if word in GRADE_WORDS:
        return GRADE_WORDS[word]
    for prefix in GRADE_PREFIXES:
        if word.startswith(prefix) and word[len(prefix):].strip() in GRADE_WORDS:
            return GRADE_WORDS[word[len(prefix):].strip()]
    letter = word.removesuffix("类").removesuffix("级").strip()
    if letter in GRADE_LETTERS:
        return GRADE_LETTERS[letter]
    if word and set(word) <= {"★", "☆"}:
        return word.count("★")
    try:
        number = float(word)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None
