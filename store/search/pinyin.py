"""Pinyin readings of names, companies and places, computed when a lead is saved.

A reading is the syllables of a text joined by single spaces (``"zhang wei"``);
letters and digits that are not Chinese stay as one lower-case syllable each run.
Surnames with a special reading (曾 zeng, 单 shan, 尉迟 yuchi ...) get that
reading *and* the everyday one, because reps type either.
"""

from __future__ import annotations

from functools import lru_cache

from store.collector import collector_paused

# Surnames read differently from the character's everyday reading. Two-character
# surnames come first so that 单于 is not taken for 单.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"), "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"), "令狐": ("ling", "hu"), "宇文": ("yu", "wen"),
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "仇": ("qiu",), "区": ("ou",),
    "朴": ("piao",), "查": ("zha",), "乐": ("yue",), "缪": ("miao",), "覃": ("qin",),
    "翟": ("zhai",), "盖": ("ge",), "种": ("chong",), "召": ("shao",), "秘": ("bi",),
    "繁": ("po",), "员": ("yun",), "句": ("gou",), "薄": ("bo",), "纪": ("ji",),
    "过": ("guo",), "宿": ("su",), "冼": ("xian",), "洗": ("xian",), "隗": ("wei",),
    "逄": ("pang",), "牟": ("mu",), "黑": ("he",), "褚": ("chu",), "阚": ("kan",),
    "能": ("nai",), "祭": ("zhai",), "折": ("she",), "谌": ("chen",), "都": ("du",),
    "华": ("hua",), "任": ("ren",), "沈": ("shen",), "燕": ("yan",), "应": ("ying",),
}

NAME, COMPANY, REGION = "n", "c", "r"  # the kind of each stored key

# The most common surnames, most common first: when pinyin fits many names
# (``zs``), the rep more likely means 张 than 邹.
COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
)
_SURNAME_RANK = {surname: rank for rank, surname in enumerate(COMMON_SURNAMES)}


def surname_rank(name: str) -> int:
    """0 for 王, 1 for 李 ...; after all of them for a rarer or foreign name."""
    return _SURNAME_RANK.get(name[:1], len(COMMON_SURNAMES))


def warm() -> None:
    """Load pypinyin's dictionaries now (a background thread calls this soon
    after start-up), so that the first save does not wait for them.

    They live as long as the app: loaded out of the collector's sight, or
    each of its full collections would walk their 300k lists again (a
    quarter of a second each at 100k leads, whenever a screen such as the
    market's happens to set one off)."""
    with collector_paused():
        reading("\u4e00")


@lru_cache(maxsize=65536)
def reading(text: str) -> str:
    """The everyday reading of ``text``; empty for text with nothing to read."""
    # pypinyin loads its dictionaries on import (over 0.1 s): only the first
    # save or search pays that, never the start-up of the board.
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text.strip(), style=Style.NORMAL, errors="default")
    words = " ".join(s.lower() for s in syllables).split()
    return " ".join(w for w in words if w.isalnum())


def name_reading(name: str) -> str:
    """A person's name read character by character, from a per-character cache.

    Names are not phrases, so the phrase dictionary adds nothing but time:
    this keeps saving 100k imported leads fast. Runs of Latin letters or
    digits stay whole (``Wang Li`` -> ``wang li``).
    """
    return " ".join(name.lower().translate(_NAME_CHARS).split())


class _NameChars(dict):
    """What each character of a name becomes, found on first sight: a Han
    character its syllable between spaces, a letter or digit itself, anything
    else a space. ``str.translate`` then reads a whole name in one call."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if is_han(char):
            value = f" {reading(char)} "
        else:
            value = char if char.isalnum() else " "
        self[code] = value
        return value


_NAME_CHARS = _NameChars()


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def name_readings(name: str) -> tuple[str, ...]:
    """The everyday reading, then the surname's special one when it differs."""
    everyday = name_reading(name)
    # Two-character surnames first, so that 单于 is not taken for 单.
    surname = name[:2] if name[:2] in SURNAME_READINGS else name[:1]
    syllables = SURNAME_READINGS.get(surname)
    if syllables is None:  # most names: one reading
        return (everyday,) if everyday else ()
    rest = name_reading(name[len(surname):])
    readings = (
        everyday,
        # Each character on its own: 尉迟 as wei chi, whatever the phrase dictionary says.
        " ".join((*(reading(c) for c in surname), rest)).strip(),
        " ".join((*syllables, rest)).strip(),
    )
    return tuple(dict.fromkeys(r for r in readings if r))


def search_keys(name: str, company: str, province: str, city: str) -> tuple[str, ...]:
    """What a lead keeps for search: ``"<kind>:<reading>"`` per reading."""
    names = tuple([f"{NAME}:{r}" for r in name_readings(name)])
    return names + _place_keys(company, province, city)


@lru_cache(maxsize=65536)  # many leads share a company and a place
def _place_keys(company: str, province: str, city: str) -> tuple[str, ...]:
    readings = ((COMPANY, reading(company)), (REGION, reading(city)), (REGION, reading(province)))
    return tuple(f"{kind}:{text}" for kind, text in readings if text)
