"""The search language: free words plus fielded filters, in English or Chinese.

``q:1,2 region:临沂 intent>=4 overdue wang`` keeps the leads of Q1 or Q2 in
临沂 with purchase intent 4 or more whose next contact is overdue, and ranks
them by how well they match ``wang``. ``brand:小松 age>=8`` keeps the owners
of a Komatsu and of a machine eight years old or more (the fleet census);
``project:沂河`` the leads on a project of that name. Field names and values have English and
Chinese spellings (``象限:1 地区:临沂 意向>=4 逾期``); full-width ``：`` and
``＞`` are accepted as typed by a Chinese input method. Every filter must hold.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from store.errors import StoreError
from store.fleet import brand_key
from store.model import Credit, Source, Stage, Status


class BadQuery(StoreError):
    """A filter that cannot be understood; ``reason`` says how, ``token`` where.

    Reasons: ``unknown_field``, ``empty_value``, ``bad_value``, ``bad_operator``.
    """

    code = "bad_query"

    def __init__(self, reason: str, token: str) -> None:
        super().__init__(f"{reason}: {token}", reason=reason, token=token)


@dataclass(frozen=True, slots=True)
class Choice:
    """The field's value must be one of ``allowed`` (quadrant 0 is the tray)."""

    field: str  # quadrant | source | credit | project | stage | status
    allowed: frozenset


@dataclass(frozen=True, slots=True)
class Compare:
    """A grade compared with a number: ``intent >= 4``."""

    field: str  # intent | funding
    op: str  # one of < <= = >= >
    value: int


@dataclass(frozen=True, slots=True)
class Region:
    text: str  # a piece of the province or city, or its pinyin


@dataclass(frozen=True, slots=True)
class Flag:
    name: str  # overdue | no_next


@dataclass(frozen=True, slots=True)
class Fleet:
    """Owners by their machines still in service: of one of ``brands``, or
    compared: ``fleet>=3`` machines, ``age>=8`` years, ``hours>=10000``."""

    field: str  # brand | fleet | age | hours
    op: str = "="
    value: int = 0
    brands: frozenset[str] = frozenset()  # as store.fleet.brand_key gives them


@dataclass(frozen=True, slots=True)
class ProjectName:
    """Leads on a project whose name holds ``text`` (or its pinyin), or whose
    own project text holds it: ``project:沂河`` (``项目:沂河``). ``project:yes``
    and ``project:no`` keep asking whether a lead holds a project at all."""

    text: str


Filter = Choice | Compare | Region | Flag | Fleet | ProjectName


@dataclass(frozen=True, slots=True)
class Query:
    words: tuple[str, ...] = ()  # free text, lower-case, in the order typed
    filters: tuple[Filter, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def statuses_given(self) -> bool:
        """Without a status filter only active leads match, as on the board."""
        return any(isinstance(f, Choice) and f.field == "status" for f in self.filters)


# Every spelling of each field name.
FIELDS = {
    "q": "quadrant", "quadrant": "quadrant", "象限": "quadrant",
    "region": "region", "地区": "region", "区域": "region",
    "source": "source", "来源": "source",
    "credit": "credit", "信誉": "credit",
    "project": "project", "工程": "project", "项目": "project",
    "stage": "stage", "阶段": "stage",
    "status": "status", "状态": "status",
    "intent": "intent", "意向": "intent",
    "funding": "funding", "funds": "funding", "资金": "funding", "实力": "funding",
    "brand": "brand", "品牌": "brand",
    "fleet": "fleet", "机队": "fleet", "台数": "fleet",
    "age": "age", "机龄": "age",
    "hours": "hours", "小时": "hours", "小时数": "hours",
}
FLEET_NUMBERS = ("fleet", "age", "hours")
FLAGS = {"overdue": "overdue", "逾期": "overdue", "nonext": "no_next", "无计划": "no_next"}

_REFERRALS = frozenset({Source.FRIEND, Source.OWNER, Source.OPERATOR})
# Words a rep may use for a value, beside the stored code itself.
VALUES: dict[str, dict[str, frozenset]] = {
    "source": {
        "referral": _REFERRALS, "介绍": _REFERRALS, "转介绍": _REFERRALS,
        "walkin": frozenset({Source.WALK_IN}), "visit": frozenset({Source.WALK_IN}),
        "走访": frozenset({Source.WALK_IN}),
        "朋友": frozenset({Source.FRIEND}), "朋友介绍": frozenset({Source.FRIEND}),
        "老用户": frozenset({Source.OWNER}), "老用户介绍": frozenset({Source.OWNER}),
        "机手": frozenset({Source.OPERATOR}), "机手介绍": frozenset({Source.OPERATOR}),
        "site": frozenset({Source.MACHINE_SITE}), "集中地": frozenset({Source.MACHINE_SITE}),
        "同行": frozenset({Source.PEER}), "展会": frozenset({Source.EVENT}),
        "活动": frozenset({Source.EVENT}), "其他": frozenset({Source.OTHER}),
    },
    "credit": {
        "好": frozenset({Credit.GOOD}), "良好": frozenset({Credit.GOOD}),
        "未知": frozenset({Credit.UNKNOWN}), "bad": frozenset({Credit.POOR}),
        "差": frozenset({Credit.POOR}),
    },
    "project": {
        **dict.fromkeys(("yes", "y", "有", "是"), frozenset({True})),
        **dict.fromkeys(("no", "n", "无", "没有", "否"), frozenset({False})),
    },
    "stage": {
        # The English labels, nouns, beside the codes.
        "finding": frozenset({Stage.FIND}), "analysis": frozenset({Stage.ANALYSE}),
        "probing": frozenset({Stage.PROBE}), "presentation": frozenset({Stage.PRESENT}),
        "after-sales": frozenset({Stage.AFTER_SALES}),
        "寻找": frozenset({Stage.FIND}), "analyze": frozenset({Stage.ANALYSE}),
        "分析": frozenset({Stage.ANALYSE}), "接触": frozenset({Stage.APPROACH}),
        "探询": frozenset({Stage.PROBE}), "推介": frozenset({Stage.PRESENT}),
        "演示": frozenset({Stage.PRESENT}), "异议": frozenset({Stage.OBJECTIONS}),
        "成交": frozenset({Stage.CLOSING}), "售后": frozenset({Stage.AFTER_SALES}),
    },
    "status": {
        "跟进": frozenset({Status.ACTIVE}), "跟进中": frozenset({Status.ACTIVE}),
        "成交": frozenset({Status.WON}), "已成交": frozenset({Status.WON}),
        # The board's own words first; the others are what reps also say.
        "已流失": frozenset({Status.LOST}), "流失": frozenset({Status.LOST}),
        "丢单": frozenset({Status.LOST}), "暂停": frozenset({Status.DORMANT}),
        "休眠": frozenset({Status.DORMANT}),
        "all": frozenset(Status), "全部": frozenset(Status),
    },
}
_ENUMS = {"source": Source, "credit": Credit, "stage": Stage, "status": Status}

_TOKEN = re.compile(r"(?P<field>[^\W\d_]+)(?P<op>>=|<=|:|>|<|=)(?P<value>.*)")
_PHONE_PART = re.compile(r"\+?[\d\-]+")
_OPS = {"=": "=", ":": "=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}


def parse_query(text: str) -> Query:
    """Split what the rep typed into words and filters; :class:`BadQuery` if a
    filter is malformed (so nothing is filtered away without a word)."""
    words: list[str] = []
    filters: list[Filter] = []
    # NFKC: what a Chinese input method types full-width (：＞，１３８Ａ) made plain.
    for token in unicodedata.normalize("NFKC", text).split():
        lowered = token.lower()
        if lowered in FLAGS:
            filters.append(Flag(FLAGS[lowered]))
            continue
        fielded = _TOKEN.fullmatch(lowered)
        if fielded is None:
            words.append(lowered)
            continue
        field = FIELDS.get(fielded["field"])
        if field is None:
            raise BadQuery("unknown_field", token)
        filters.append(_filter(field, fielded["op"], fielded["value"].strip(), token))
    return Query(_phones_joined(words), tuple(filters))


def _phones_joined(words: list[str]) -> tuple[str, ...]:
    """``+86 138 0539`` is one phone number typed with spaces."""
    joined: list[str] = []
    for word in words:
        if joined and _PHONE_PART.fullmatch(word) and _PHONE_PART.fullmatch(joined[-1]):
            joined[-1] += word
        else:
            joined.append(word)
    return tuple(joined)


def _filter(field: str, op: str, value: str, token: str) -> Filter:
    if not value:
        raise BadQuery("empty_value", token)
    if field in ("intent", "funding"):
        if not value.isdigit() or not 1 <= int(value) <= 5:
            raise BadQuery("bad_value", token)
        return Compare(field, _OPS[op], int(value))
    if field in FLEET_NUMBERS:
        if not value.isdigit():
            raise BadQuery("bad_value", token)
        return Fleet(field, _OPS[op], int(value))
    if op != ":" and op != "=":
        raise BadQuery("bad_operator", token)
    if field == "brand":
        brands = frozenset(brand_key(part) for part in value.split(",") if part.strip())
        if not brands:
            raise BadQuery("empty_value", token)
        return Fleet("brand", brands=brands)
    if field == "region":
        return Region(value)
    if field == "project" and not all(part in VALUES["project"] for part in value.split(",")):
        return ProjectName(value)
    allowed: set = set()
    for part in filter(None, value.split(",")):
        allowed |= _choice(field, part, token)
    if not allowed:
        raise BadQuery("empty_value", token)
    return Choice(field, frozenset(allowed))


def _choice(field: str, value: str, token: str) -> frozenset:
    if field == "quadrant":
        if value not in ("0", "1", "2", "3", "4"):
            raise BadQuery("bad_value", token)
        return frozenset({int(value)})
    known = VALUES.get(field, {}).get(value)
    if known is not None:
        return known
    enum = _ENUMS.get(field)
    if enum is not None and value in enum._value2member_map_:
        return frozenset({enum(value)})
    raise BadQuery("bad_value", token)
