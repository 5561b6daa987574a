"""The date field reads what reps type, in both languages, from a given now."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from store.dates import DateInputError, parse_when

CHINA = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=CHINA)  # a Thursday


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CHINA)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03 09:30", at(2026, 12, 3, 9, 30)),
        ("2026/12/3 9:30", at(2026, 12, 3, 9, 30)),
        ("12-03 9:30", at(2026, 12, 3, 9, 30)),
        ("12-03", at(2026, 12, 3, 9, 0)),
        ("today", at(2026, 11, 26, 10, 30)),
        ("today 15:00", at(2026, 11, 26, 15, 0)),
        ("  Tomorrow 14:00 ", at(2026, 11, 27, 14, 0)),
        ("tomorrow", at(2026, 11, 27, 9, 0)),
        ("+3d", at(2026, 11, 29, 9, 0)),
        ("+2w 8:00", at(2026, 12, 10, 8, 0)),
        ("+3h", at(2026, 11, 26, 13, 0)),
        ("-2d 16:00", at(2026, 11, 24, 16, 0)),
        ("fri", at(2026, 11, 27, 9, 0)),
        ("friday 3pm", at(2026, 11, 27, 15, 0)),
        ("thu 17:00", at(2026, 11, 26, 17, 0)),  # today is Thursday
        ("wed", at(2026, 12, 2, 9, 0)),
        ("next mon", at(2026, 11, 30, 9, 0)),
        ("今天 下午3点", at(2026, 11, 26, 15, 0)),
        ("明天", at(2026, 11, 27, 9, 0)),
        ("后天 9点半", at(2026, 11, 28, 9, 30)),
        ("周五", at(2026, 11, 27, 9, 0)),
        ("星期五 14:00", at(2026, 11, 27, 14, 0)),
        ("礼拜天", at(2026, 11, 29, 9, 0)),
        ("下周一", at(2026, 11, 30, 9, 0)),
        ("下周五 上午10点", at(2026, 12, 4, 10, 0)),
        ("3天后", at(2026, 11, 29, 9, 0)),
        ("12月3日 晚上8点", at(2026, 12, 3, 20, 0)),
        ("2027年1月5号", at(2027, 1, 5, 9, 0)),
    ],
)
def test_reads_what_reps_type(text, expected):
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        # Year end: a January date typed in late December is next year's.
        (at(2026, 12, 30, 10, 0), "01-05", at(2027, 1, 5, 9, 0)),
        (at(2026, 12, 30, 10, 0), "+3d", at(2027, 1, 2, 9, 0)),
        (at(2026, 12, 31, 10, 0), "tomorrow", at(2027, 1, 1, 9, 0)),
        # ... and a December date typed in early January is last year's (logging).
        (at(2027, 1, 2, 10, 0), "12-28 15:00", at(2026, 12, 28, 15, 0)),
        # Month end.
        (at(2026, 1, 31, 10, 0), "+1d", at(2026, 2, 1, 9, 0)),
        (at(2026, 2, 28, 10, 0), "tomorrow", at(2026, 3, 1, 9, 0)),
        (at(2028, 2, 28, 10, 0), "tomorrow", at(2028, 2, 29, 9, 0)),
        (at(2026, 11, 30, 10, 0), "下周一", at(2026, 12, 7, 9, 0)),
        # Sunday: next Monday is tomorrow's week.
        (at(2026, 11, 29, 10, 0), "下周一", at(2026, 11, 30, 9, 0)),
    ],
)
def test_month_and_year_ends(now, text, expected):
    assert parse_when(text, now) == expected


def test_the_reps_own_time_zone_is_kept_across_a_clock_change():
    new_york = ZoneInfo("America/New_York")
    now = datetime(2026, 10, 31, 12, 0, tzinfo=new_york)  # daylight time, -04:00
    when = parse_when("tomorrow 09:00", now)  # 1 November: standard time, -05:00
    assert (when.hour, when.minute, when.tzinfo) == (9, 0, new_york)
    assert when.utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("banana", "unreadable"),
        ("下下下", "unreadable"),
        ("02-30", "bad_date"),
        ("2026-13-01", "bad_date"),
        ("tomorrow 25:00", "bad_time"),
        ("today 9:75", "bad_time"),
        ("明天 下午", "bad_time"),
        ("fri banana", "leftover"),
        ("+3h later", "leftover"),
    ],
)
def test_garbage_says_why(text, reason):
    with pytest.raises(DateInputError) as caught:
        parse_when(text, NOW)
    assert caught.value.reason == reason
