"""Reading the date and time a rep types: ``2026-12-03 09:30``, ``12-03 9:30``,
``today``, ``tomorrow 14:00``, ``+3d``, ``fri``, ``dec 15``, ``in 2 days``,
``周五``, ``星期五``, ``下周一``, ``15号``, ``12月3日 下午3点``, ``明天十点半``,
``今晚``, ``3天后``; full-width forms as an input method types them.

``now`` is always passed in (the store's clock), and the result carries its
time zone: the rep's local time. A date without a year is the nearest such
date to today, so ``01-05`` typed on 30 December is next January and
``12-28`` typed on 2 January is last December; a day of the month alone
(``15号``) is the next such day, today included. A day without a time is
9:00, or for today the next half hour; a part of the day alone has its own
hour (see :mod:`store.date_clock`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from store.date_clock import BadTime, PartOfDay, read_clock, read_part
from store.date_words import normalise
from store.errors import StoreError

DEFAULT_TIME = time(9, 0)

_WEEKDAYS = {
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{name: i for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))},
    **{name: i for i, name in enumerate("1234567")},
    "tues": 1, "thur": 3, "thurs": 3, "日": 6, "天": 6, "末": 5,
}
# Weeks from this one (Monday first) for 下周一, last fri ...; None: the next such day.
_WEEKS_ON = {"下下": 2, "下": 1, "next": 1, "这": 0, "本": 0, "上": -1, "last": -1, "this": None}
_RELATIVE_DAYS = {"大后天": 3, "大前天": -3, "后天": 2, "前天": -2, "今天": 0, "今日": 0,
                  "明天": 1, "明日": 1, "今儿": 0, "明儿": 1, "昨天": -1, "昨日": -1,
                  "today": 0, "tomorrow": 1, "yesterday": -1}
_MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
     ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
     ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], start=1) for name in names}
_NUMBER_WORDS = {word: i for i, word in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"))}
_NUMBER_WORDS.update(a=1, an=1)
_UNITS = {"d": "days", "day": "days", "天": "days", "w": "weeks", "week": "weeks",
          "周": "weeks", "星期": "weeks", "礼拜": "weeks",
          "h": "hours", "hour": "hours", "hr": "hours", "小时": "hours", "钟头": "hours",
          "m": "minutes", "min": "minutes", "minute": "minutes", "分钟": "minutes"}
_BACK = ("-", "前", "以前", "之前", "ago")

_N = r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
_AFTER = r"(?P<sign>以后|之后|后|以前|之前|前)"
_LATER = r"(?:\s+(?P<sign>later|from\s+now|ago))"


def _offsets(units: str, zh_units: str, half: str = "") -> list[re.Pattern]:
    """``+3d``, ``3天后``, ``in 3 days``, ``3 days later`` for these units
    (and ``半小时后``, ``一个半小时后`` with ``half``)."""
    return [re.compile(p) for p in (
        rf"(?P<sign>[+-])\s*(?P<n>\d+)\s*(?P<unit>{units})s?(?![a-z])",
        rf"(?P<n>\d+)?\s*个?\s*{half}\s*个?\s*(?P<unit>{zh_units})\s*{_AFTER}",
        rf"(?<![a-z])in\s+{_N}\s*(?P<unit>{units})s?(?![a-z])",
        rf"(?<![a-z]){_N}\s*(?P<unit>{units})s?{_LATER}(?![a-z])",
    )]


_DAY_OFFSETS = _offsets("day|d|week|w", "天|周|星期|礼拜")
_SHIFTS = _offsets("hour|hr|h|minute|min|m", "小时|钟头|分钟", half="(?P<half>半)?")
_RELATIVE_DAY = re.compile("|".join(
    rf"(?<![a-z]){word}(?![a-z])" for word in sorted(_RELATIVE_DAYS, key=len, reverse=True)))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATES = [re.compile(p) for p in (
    r"(?:(?P<y>\d{4})[-/.])?(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)",
    r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?",
    rf"(?<![a-z])(?P<m>{_MONTH})\.?\s*(?P<d>\d{{1,2}}){_ORDINAL}(?![\d:])"
    rf"(?:\s+(?P<y>\d{{4}})(?![\d:]))?",
    rf"(?<![\d:.])(?P<d>\d{{1,2}}){_ORDINAL}\s*(?P<m>{_MONTH})(?![a-z])\.?"
    rf"(?:\s+(?P<y>\d{{4}})(?![\d:]))?",
)]
_DAY_OF_MONTH = re.compile(r"(?<![\d.:/-])(?P<d>\d{1,2})\s*(?:日|号|st|nd|rd|th)(?![a-z])")
_WEEKDAY = re.compile(
    r"(?:(?P<rel>下下|下|这|本|上)\s*个?\s*|(?<![a-z])(?P<en_rel>next|this|last)\s+)?"
    r"(?:(?:周|星期|礼拜)\s*(?P<zh>[1-7日天末])(?!\d)"
    r"|(?<![a-z])(?P<en>monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|tues|thurs|thur|mon|tue|wed|thu|fri|sat|sun)(?![a-z]))"
)
_WEEK = re.compile(r"(?P<rel>下下|下)\s*个?\s*(?:周|星期|礼拜)")  # 下周 alone: its Monday


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
    try:
        return _parse(normalise(text), now)
    except BadTime:
        raise DateInputError("bad_time", text) from None
    except (ValueError, OverflowError):  # a day no calendar has, or beyond year 9999
        raise DateInputError("bad_date", text) from None
    except _Unread as exc:
        raise DateInputError(exc.reason, text) from None


class _Unread(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


def _parse(text: str, now: datetime) -> datetime:
    if not text:
        raise _Unread("empty")
    if text in ("now", "现在"):
        return now.replace(second=0, microsecond=0)
    shift = _read_offset(_SHIFTS, text)
    if shift:
        delta, rest = shift
        if rest.strip():
            raise _Unread("leftover")
        return (now + delta).replace(second=0, microsecond=0)
    day, rest = _read_day(text, now.date())
    part, rest = read_part(rest)
    clock, rest = read_clock(rest, part)
    if rest.strip():
        raise _Unread("leftover" if day or part or clock else "unreadable")
    if day is None and part is None and clock is None:
        raise _Unread("unreadable")
    return _moment(day, part, clock, now)


def _moment(day: date | None, part: PartOfDay | None, clock: tuple[int, int] | None,
            now: datetime) -> datetime:
    day = day or now.date()
    clock = clock or (part.default if part else None)
    if clock is None:
        return _default_time(day, now)
    hour, minute = clock
    # An hour past 24 (晚上十二点, midnight) is on the next day.
    day += timedelta(days=hour // 24)
    return datetime.combine(day, time(hour % 24, minute), tzinfo=now.tzinfo)


def _read_offset(patterns: list[re.Pattern], text: str) -> tuple[timedelta, str] | None:
    for pattern in patterns:
        found = pattern.search(text)
        if found is None:
            continue
        amount = _amount(found)
        if amount is None:
            continue
        sign = -1 if found.groupdict().get("sign") in _BACK else 1
        delta = timedelta(**{_UNITS[found.group("unit")]: sign * amount})
        return delta, _strip(text, found)
    return None


def _amount(found: re.Match) -> float | None:
    number = found.group("n")
    half = 0.5 if found.groupdict().get("half") else 0
    if number is None:
        return half or None
    return (int(number) if number.isdigit() else _NUMBER_WORDS[number]) + half


def _strip(text: str, found: re.Match) -> str:
    return text[: found.start()] + " " + text[found.end():]


def _read_day(text: str, today: date) -> tuple[date | None, str]:
    found = _RELATIVE_DAY.search(text)
    if found:
        return today + timedelta(days=_RELATIVE_DAYS[found.group()]), _strip(text, found)
    offset = _read_offset(_DAY_OFFSETS, text)
    if offset:
        delta, rest = offset
        return today + delta, rest
    for pattern in _DATES:
        found = pattern.search(text)
        if found:
            return _calendar_day(found, today), _strip(text, found)
    found = _DAY_OF_MONTH.search(text)
    if found:
        return _day_of_month(int(found.group("d")), today), _strip(text, found)
    found = _WEEKDAY.search(text)
    if found:
        return _weekday(found, today), _strip(text, found)
    found = _WEEK.search(text)
    if found:
        return week_start(today) + timedelta(weeks=_WEEKS_ON[found.group("rel")]), \
            _strip(text, found)
    return None, text


def _calendar_day(found: re.Match, today: date) -> date:
    year, month, day = found.group("y"), found.group("m"), int(found.group("d"))
    month = int(month) if month.isdigit() else _MONTHS[month]
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


def _day_of_month(day: int, today: date) -> date:
    """The next ``day``-th from today on (today included), in a month that has one."""
    if not 1 <= day <= 31:
        raise ValueError("no such day")
    year, month = today.year, today.month
    while True:
        try:
            found = date(year, month, day)
        except ValueError:
            found = None  # 31 November
        if found and found >= today:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _weekday(found: re.Match, today: date) -> date:
    target = _WEEKDAYS[found.group("zh") or found.group("en")]
    weeks = _WEEKS_ON[found.group("rel") or found.group("en_rel") or "this"]
    if weeks is None:  # the next such day, today included
        return today + timedelta(days=(target - today.weekday()) % 7)
    return week_start(today) + timedelta(weeks=weeks, days=target)


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
