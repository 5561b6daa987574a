"""The fleet census: size classes read from model names, brands by any of
their names, and the checks a machine record must pass, one rule for the
forms, the store and ``leadboard check``."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from store.errors import Invalid
from store.model import Machine

# Brands the reps meet, under the name the board shows, with the other names
# they are written by (maker's name in full, Latin names, the old name).
BRANDS: dict[str, tuple[str, ...]] = {
    "三一": ("三一重工", "sany"),
    "徐工": ("徐州工程", "xcmg"),
    "柳工": ("广西柳工", "liugong"),
    "临工": ("山东临工", "sdlg"),
    "卡特": ("卡特彼勒", "cat", "caterpillar"),
    "小松": ("komatsu",),
    "日立": ("日立建机", "hitachi"),
    "斗山": ("迪万伦", "doosan", "develon"),
    "沃尔沃": ("volvo",),
    "现代": ("现代重工", "hyundai"),
    "神钢": ("kobelco",),
    "住友": ("sumitomo",),
    "山河智能": ("山河", "sunward"),
    "中联": ("中联重科", "zoomlion"),
    "龙工": ("lonking",),
}
_BRAND_OF = {alias: name for name, aliases in BRANDS.items() for alias in (name, *aliases)}


def _folded(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def brand_name(text: str) -> str:
    """The name a brand is kept under: 卡特彼勒 and CAT are 卡特; a brand not
    in the table keeps its own spelling."""
    return _BRAND_OF.get(_folded(text), " ".join(text.split()))


def brand_key(text: str) -> str:
    """What two spellings of one brand have in common (for comparing)."""
    return _folded(brand_name(text))


def same_brand(a: str, b: str) -> bool:
    return brand_key(a) == brand_key(b)


# How each maker's model names say the operating weight. Most write tenths
# of a tonne after their letters (SY215C, XE215, PC200, ZX200, DX225, EC210,
# R215, SK200); Caterpillar writes 3 and the tonnes (320, 305.5); LiuGong 9
# and the tonnes, or 90 and tenths for the small ones (922F, 9035E); SDLG
# and Lonking 6 and tenths (E6210, LG6225).
_NUMBER_END = r"(?!\d)"
_SIZE_RULES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(?:SY|SWE|XE|PC|ZX|DX|EC|SK|SH|ZE|SE|R)(\d{2,3})" + _NUMBER_END), 10),
    (re.compile(r"(?:E|LG|CDM)6(\d{2,3})" + _NUMBER_END), 10),
    (re.compile(r"(?:CLG)?90(\d{2})" + _NUMBER_END), 10),
    (re.compile(r"(?:CLG)?9(\d{2})" + _NUMBER_END), 1),
    (re.compile(r"(?:CAT)?3(\d{2}(?:\.\d)?)" + _NUMBER_END), 1),
)


def model_tonnes(model: str) -> float | None:
    """The size class (tonnes) a model's name says, or None when it says none."""
    text = "".join(unicodedata.normalize("NFKC", model).split()).upper()
    for pattern, divisor in _SIZE_RULES:
        found = pattern.match(text)
        if found:
            tonnes = float(found[1]) / divisor
            return tonnes if tonnes > 0 else None
    return None


def size_class(machine: Machine) -> float | None:
    """The rep's size class if set, else the one the model names."""
    return machine.tonnes if machine.tonnes is not None else model_tonnes(machine.model)


def tonnes_text(tonnes: float | None) -> str:
    return "" if tonnes is None else f"{tonnes:g}"


# ------------------------------------------------------------ typed values
FIRST_YEAR = 1950  # older than any excavator still at work
MAX_HOURS = 200_000
MAX_TONNES = 1000.0


def _number(text: str, field: str) -> float | None:
    text = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise Invalid(field, "number", text) from None


def parse_whole(text: str, field: str) -> int | None:
    """A whole number typed in a form (``12,500`` and full-width digits too);
    None when blank."""
    number = _number(text, field)
    if number is None:
        return None
    if not number.is_integer():
        raise Invalid(field, "whole", text)
    return int(number)


def parse_tonnes(text: str) -> float | None:
    number = _number(text, "tonnes")
    return None if number is None else round(number, 1)


# ------------------------------------------------------------ checks
def check_machine(machine: Machine, today: date, before: Machine | None = None) -> None:
    """Raise :class:`Invalid` for the first value that cannot be right.

    ``before`` is the record as it was: a later reading of fewer hours than
    an earlier one is a typing error (meters do not run backwards).
    """
    if not machine.brand.strip():
        raise Invalid("brand", "required")
    if not machine.model.strip():
        raise Invalid("model", "required")
    if machine.year is not None and not FIRST_YEAR <= machine.year <= today.year:
        raise Invalid("year", "year_future" if machine.year > today.year else "year_old",
                      machine.year)
    if machine.hours is not None and not 0 <= machine.hours <= MAX_HOURS:
        raise Invalid("hours", "hours_range", machine.hours)
    if machine.tonnes is not None and not 0 < machine.tonnes <= MAX_TONNES:
        raise Invalid("tonnes", "tonnes_range", machine.tonnes)
    for name in ("hours_read", "first_seen", "last_seen"):
        day = getattr(machine, name)
        if day is not None and day > today:
            raise Invalid(name, "day_future", day.isoformat())
    if machine.last_seen < machine.first_seen:
        raise Invalid("last_seen", "seen_order", machine.last_seen.isoformat())
    if before is not None and _hours_went_down(before, machine):
        raise Invalid("hours", "hours_down", before.hours)


def _hours_went_down(before: Machine, after: Machine) -> bool:
    if before.hours is None or after.hours is None or after.hours >= before.hours:
        return False
    # A reading of an earlier day may be lower: the rep is entering old notes.
    earlier = (after.hours_read is not None and before.hours_read is not None
               and after.hours_read < before.hours_read)
    return not earlier
