"""The time of day in what a rep types: ``14:30``, ``3pm``, ``10点半``,
``十点一刻``, and the parts of the day (``下午``, ``晚上``, ``morning``) with or
without a time.

Text comes here already normalised (:func:`store.date_words.normalise`).
A time is ``(hour, minute)``; an hour of 24 or more is after midnight, on
the next day (``晚上十二点``, ``midnight``).

How an hour is read next to a part of the day:

- 凌晨: as it is, 12 is 0:00 (凌晨三点 3:00);
- 早上, 上午, morning, am: as it is; 上午十二点 is noon, 12am is 0:00;
- 中午: 1 to 5 are after noon (中午一点 13:00);
- 下午, 傍晚, pm: plus twelve (下午三点 15:00);
- 晚上, midnight: plus twelve; 12 and 1 to 4 are after midnight (晚上十二点
  0:00 the next day).

A bare ``N点`` from 1 to 6 is in the afternoon (``3点`` 15:00): nobody plans
a customer at three in the night, and a Chinese rep says 三点 for 15:00. A
clock face (``3:00``) is taken as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Hour = Callable[[int], "int | None"]


def _morning(hour: int) -> int | None:
    return hour if hour <= 12 else None


def _small_hours(hour: int) -> int | None:
    return 0 if hour == 12 else hour if hour < 12 else None


def _noon(hour: int) -> int | None:
    return hour + 12 if 1 <= hour <= 5 else hour


def _afternoon(hour: int) -> int | None:
    return hour + 12 if hour < 12 else hour


def _night(hour: int) -> int | None:
    if hour in (0, 12):
        return 24
    return hour + 24 if hour <= 4 else hour + 12 if hour < 12 else hour


def _am(hour: int) -> int | None:
    return 0 if hour == 12 else hour if hour < 12 else None


def _pm(hour: int) -> int | None:
    return hour if hour == 12 else hour + 12 if hour < 12 else None


def _bare_dian(hour: int) -> int | None:
    return hour + 12 if 1 <= hour <= 6 else hour


def _as_typed(hour: int) -> int | None:
    return hour


@dataclass(frozen=True)
class PartOfDay:
    """A part of the day: the time it means alone, and how it reads an hour."""

    default: tuple[int, int]
    hour: Hour


PARTS = {
    "凌晨": PartOfDay((6, 0), _small_hours),
    "早上": PartOfDay((8, 0), _morning), "早晨": PartOfDay((8, 0), _morning),
    "清晨": PartOfDay((8, 0), _morning), "早": PartOfDay((8, 0), _morning),
    "上午": PartOfDay((9, 0), _morning), "morning": PartOfDay((9, 0), _morning),
    "中午": PartOfDay((12, 0), _noon),
    "下午": PartOfDay((14, 0), _afternoon), "afternoon": PartOfDay((14, 0), _afternoon),
    "傍晚": PartOfDay((18, 0), _afternoon),
    "晚上": PartOfDay((19, 0), _night), "夜里": PartOfDay((19, 0), _night),
    "晚": PartOfDay((19, 0), _night), "evening": PartOfDay((19, 0), _night),
    "半夜": PartOfDay((24, 0), _night), "午夜": PartOfDay((24, 0), _night),
    "midnight": PartOfDay((24, 0), _night),
}
# Longest first, so that 晚上 is not read as 晚; English words whole.
_PART = re.compile("|".join(
    rf"(?<![a-z]){word}(?![a-z])" if word.isascii() else word
    for word in sorted(PARTS, key=len, reverse=True)))

_CLOCK_FACE = re.compile(r"(?<![\d.])(\d{1,2}):(\d{2})(?!\d)(?:\s*(am|pm)(?![a-z]))?")
_CLOCK_AMPM = re.compile(r"(?<![\d.:])(\d{1,2})\s*(am|pm)(?![a-z])")
_DIAN = re.compile(r"(\d{1,2})\s*[点时時]钟?(?:(半)|(\d)刻|(\d{1,2})分?|整)?")
_MARKERS = {"am": _am, "pm": _pm}


class BadTime(ValueError):
    """An hour or minute that no clock shows."""


def read_part(text: str) -> tuple[PartOfDay | None, str]:
    found = _PART.search(text)
    if found is None:
        return None, text
    return PARTS[found.group()], _strip(text, found)


def read_clock(text: str, part: PartOfDay | None) -> tuple[tuple[int, int] | None, str]:
    """The time typed in ``text`` (read with ``part``), and the rest of it."""
    found = _CLOCK_FACE.search(text)
    if found:
        hour, minute, marker = found.groups()
        read = _MARKERS[marker] if marker else part.hour if part else _as_typed
        return _time(int(hour), int(minute), read), _strip(text, found)
    found = _CLOCK_AMPM.search(text)
    if found:
        hour, marker = found.groups()
        return _time(int(hour), 0, _MARKERS[marker]), _strip(text, found)
    found = _DIAN.search(text)
    if found:
        hour, half, quarters, minutes = found.groups()
        minute = 30 if half else 15 * int(quarters) if quarters else int(minutes or 0)
        return _time(int(hour), minute, part.hour if part else _bare_dian), _strip(text, found)
    return None, text


def _time(hour: int, minute: int, read: Hour) -> tuple[int, int]:
    # 24:00 is the end of the day; nothing later is typed on a clock face.
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise BadTime
    read_hour = read(hour)
    if read_hour is None:
        raise BadTime
    return read_hour, minute


def _strip(text: str, found: re.Match) -> str:
    return text[: found.start()] + " " + text[found.end():]
