"""Reading the date and time a rep types: ``2026-12-03 09:30``, ``12-03 9:30``,
``today``, ``tomorrow 14:00``, ``+3d``, ``fri``, ``周五``, ``星期五``, ``下周一``,
``12月3日 下午3点``.

``now`` is always passed in (the store's clock), and the result carries its
time zone: the rep's local time. A date without a year is the nearest such
date to today, so ``01-05`` typed on 30 December is next January and
``12-28`` typed on 2 January is last December. A day without a time is
9:00, or for today the next half hour.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from store.errors import StoreError

DEFAULT_TIME = time(9, 0)

_WEEKDAYS = {
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{name: i for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))},
    **{name: i for i, name in enumerate("一二三四五六日")},
    "天": 6,
}
_RELATIVE_DAYS = {"today": 0, "今天": 0, "今日": 0, "tomorrow": 1, "明天": 1, "明日": 1,
                  "后天": 2, "yesterday": -1, "昨天": -1}
_UNITS = {"d": "days", "天": "days", "w": "weeks", "周": "weeks", "h": "hours", "小时": "hours"}

_ISO_DATE = re.compile(r"(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})")
_ZH_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?")
_WEEKDAY = re.compile(
    r"(next\s+|下(?:个)?)?(?:(?:周|星期|礼拜)([一二三四五六日天])|"
    r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*)"
)
_OFFSET = re.compile(r"([+-])\s*(\d+)\s*(d|w|h|天|周|小时)|(\d+)\s*(天|周|小时)(后|前)")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})\s*(am|pm)?|(\d{1,2})\s*(am|pm)")
_ZH_CLOCK = re.compile(r"(上午|早上|中午|下午|晚上)?\s*(\d{1,2})[点時时](半|(\d{1,2})分?)?")
_AFTERNOON = ("下午", "晚上", "pm")


class DateInputError(StoreError):
    """What the rep typed is not a date we can read; ``reason`` says why.

    Reasons: ``empty``, ``unreadable``, ``bad_date``, ``bad_time``, ``leftover``.
    """

    code = "date_input"

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(f"{reason}: {text!r}", reason=reason, text=text)
        self.reason = reason


def parse_when(text: str, now: datetime) -> datetime:
    """The moment ``text`` means, seen from ``now``; raises :class:`DateInputError`."""
    raw = text
    text = " ".join(text.strip().lower().replace("，", " ").replace("　", " ").split())
    if not text:
        raise DateInputError("empty", raw)
    if text in ("now", "现在"):
        return now.replace(second=0, microsecond=0)
    offset = _OFFSET.search(text)
    if offset and offset.group(3) in ("h", "小时") or offset and offset.group(5) == "小时":
        return _hours_from(offset, text, raw, now)
    day, rest = _read_day(text, raw, now)
    clock, rest = _read_clock(rest, raw)
    if rest.strip():
        raise DateInputError("leftover" if day or clock else "unreadable", raw)
    if day is None and clock is None:
        raise DateInputError("unreadable", raw)
    day = day or now.date()
    if clock is None:
        return _default_time(day, now)
    return datetime.combine(day, clock, tzinfo=now.tzinfo)


def _hours_from(match: re.Match, text: str, raw: str, now: datetime) -> datetime:
    if _strip(text, match).strip():
        raise DateInputError("leftover", raw)
    sign, amount = _signed(match)
    return (now + timedelta(hours=sign * amount)).replace(second=0, microsecond=0)


def _signed(match: re.Match) -> tuple[int, int]:
    if match.group(2):
        return (-1 if match.group(1) == "-" else 1), int(match.group(2))
    return (-1 if match.group(6) == "前" else 1), int(match.group(4))


def _strip(text: str, match: re.Match) -> str:
    return text[: match.start()] + " " + text[match.end():]


def _read_day(text: str, raw: str, now: datetime) -> tuple[date | None, str]:
    today = now.date()
    for word, days in _RELATIVE_DAYS.items():
        if re.search(rf"(?<![a-z]){word}(?![a-z])", text):
            return today + timedelta(days=days), text.replace(word, " ", 1)
    offset = _OFFSET.search(text)
    if offset:
        sign, amount = _signed(offset)
        unit = _UNITS[offset.group(3) or offset.group(5)]
        return today + timedelta(**{unit: sign * amount}), _strip(text, offset)
    for pattern in (_ISO_DATE, _ZH_DATE):
        found = pattern.search(text)
        if found:
            return _calendar_day(found, raw, today), _strip(text, found)
    weekday = _WEEKDAY.search(text)
    if weekday:
        return _weekday(weekday, today), _strip(text, weekday)
    return None, text


def _calendar_day(found: re.Match, raw: str, today: date) -> date:
    year, month, day = found.group(1), int(found.group(2)), int(found.group(3))
    try:
        if year:
            return date(int(year), month, day)
        # The nearest such date: this year, or next/last year around new year.
        candidates = []
        for y in (today.year - 1, today.year, today.year + 1):
            try:
                candidates.append(date(y, month, day))
            except ValueError:
                continue  # 29 February in a year without one
        if not candidates:
            raise ValueError("no such day")
        return min(candidates, key=lambda d: (abs((d - today).days), d < today))
    except ValueError:
        raise DateInputError("bad_date", raw) from None


def _weekday(found: re.Match, today: date) -> date:
    name = found.group(2) or found.group(3)
    target = _WEEKDAYS[name]
    if found.group(1):  # next week's day, as 下周一 means in Chinese
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
        return monday + timedelta(days=target)
    return today + timedelta(days=(target - today.weekday()) % 7)


def _read_clock(text: str, raw: str) -> tuple[time | None, str]:
    found = _CLOCK.search(text)
    if found:
        hour = int(found.group(1) or found.group(4))
        minute = int(found.group(2) or 0)
        suffix = found.group(3) or found.group(5)
        return _clock(hour, minute, suffix, raw), _strip(text, found)
    found = _ZH_CLOCK.search(text)
    if found:
        minute = 30 if found.group(3) == "半" else int(found.group(4) or 0)
        return _clock(int(found.group(2)), minute, found.group(1), raw), _strip(text, found)
    for word in ("上午", "下午", "晚上", "早上", "中午"):
        if word in text:
            raise DateInputError("bad_time", raw)
    return None, text


def _clock(hour: int, minute: int, marker: str | None, raw: str) -> time:
    if marker in _AFTERNOON and hour < 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise DateInputError("bad_time", raw)
    return time(hour, minute)


def _default_time(day: date, now: datetime) -> datetime:
    if day != now.date():
        return datetime.combine(day, DEFAULT_TIME, tzinfo=now.tzinfo)
    # Today without a time: the next half hour from now.
    start = now.replace(second=0, microsecond=0)
    return start + timedelta(minutes=30 - start.minute % 30)


def local_zone(now: datetime) -> tzinfo | None:
    """The zone a rep whose clock reads ``now`` sees times in, for :func:`to_local`.

    ``None`` when ``now`` is the system's local time (the store's usual
    clock): each time then takes the offset of its own date, summer time
    included. Otherwise ``now``'s own zone (a fixed clock, as in tests).
    """
    if now.tzinfo is None or now.utcoffset() == now.astimezone().utcoffset():
        return None
    return now.tzinfo


def to_local(moment: datetime, zone: tzinfo | None) -> datetime:
    """``moment`` as the rep's clock shows it (``zone`` from :func:`local_zone`)."""
    return moment.astimezone(zone)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())
