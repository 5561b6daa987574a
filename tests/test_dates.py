"""The date field reads what reps type, in both languages, from a given now."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        ("明天 下午25点", "bad_time"),  # 明天 下午 alone is now 14:00
        ("fri banana", "leftover"),
        ("+3h later", "leftover"),
    ],
)
def test_garbage_says_why(text, reason):
    with pytest.raises(DateInputError) as caught:
        parse_when(text, NOW)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What a Chinese input method types: full-width forms.
        ("周五 14：00", at(2026, 11, 27, 14, 0)),
        ("１２－１５", at(2026, 12, 15, 9, 0)),
        ("１２月３日　下午３点", at(2026, 12, 3, 15, 0)),
        ("明天，１０：３０", at(2026, 11, 27, 10, 30)),
        # Chinese numerals.
        ("明天十点", at(2026, 11, 27, 10, 0)),
        ("明天 十点半", at(2026, 11, 27, 10, 30)),
        ("十点一刻", at(2026, 11, 26, 10, 15)),
        ("明天十点三刻", at(2026, 11, 27, 10, 45)),
        ("明天十点零五分", at(2026, 11, 27, 10, 5)),
        ("明天十四点三十分", at(2026, 11, 27, 14, 30)),
        ("明天两点", at(2026, 11, 27, 14, 0)),  # 1–6点 alone: the afternoon
        ("明天3点", at(2026, 11, 27, 15, 0)),
        ("明天 3:00", at(2026, 11, 27, 3, 0)),  # a clock face is taken as typed
        ("十二月三日", at(2026, 12, 3, 9, 0)),
        ("二〇二七年一月五日", at(2027, 1, 5, 9, 0)),
        ("15号", at(2026, 12, 15, 9, 0)),  # the next 15th
        ("二十四号", at(2026, 12, 24, 9, 0)),
        ("廿五号 下午", at(2026, 12, 25, 14, 0)),
        ("三十一号", at(2026, 12, 31, 9, 0)),  # November has no 31st
        ("26号", at(2026, 11, 26, 10, 30)),  # today
        # Parts of the day, with and without a time.
        ("今晚", at(2026, 11, 26, 19, 0)),
        ("今晚八点", at(2026, 11, 26, 20, 0)),
        ("明早", at(2026, 11, 27, 8, 0)),
        ("明晚7点半", at(2026, 11, 27, 19, 30)),
        ("明天一早", at(2026, 11, 27, 8, 0)),
        ("下周一下午三点", at(2026, 11, 30, 15, 0)),
        ("周五下午", at(2026, 11, 27, 14, 0)),
        ("周五 下午", at(2026, 11, 27, 14, 0)),
        ("周五 下午 3:30", at(2026, 11, 27, 15, 30)),
        ("明天 上午", at(2026, 11, 27, 9, 0)),
        ("明天 下午", at(2026, 11, 27, 14, 0)),
        ("明天早上", at(2026, 11, 27, 8, 0)),
        ("明天中午", at(2026, 11, 27, 12, 0)),
        ("明天中午一点", at(2026, 11, 27, 13, 0)),
        ("明天傍晚", at(2026, 11, 27, 18, 0)),
        ("明天晚上", at(2026, 11, 27, 19, 0)),
        ("明天晚8点", at(2026, 11, 27, 20, 0)),
        ("上午十二点", at(2026, 11, 26, 12, 0)),
        ("晚上十二点", at(2026, 11, 27, 0, 0)),  # tonight's midnight
        ("明天凌晨三点", at(2026, 11, 27, 3, 0)),
        ("下午", at(2026, 11, 26, 14, 0)),
        # Days counted from today.
        ("大后天", at(2026, 11, 29, 9, 0)),
        ("前天", at(2026, 11, 24, 9, 0)),
        ("两天后", at(2026, 11, 28, 9, 0)),
        ("一周后", at(2026, 12, 3, 9, 0)),
        ("两个星期后 上午十点", at(2026, 12, 10, 10, 0)),
        ("下周", at(2026, 11, 30, 9, 0)),
        ("下下周三", at(2026, 12, 9, 9, 0)),
        ("下个礼拜五", at(2026, 12, 4, 9, 0)),
        ("这周一", at(2026, 11, 23, 9, 0)),
        ("上周五", at(2026, 11, 20, 9, 0)),
        ("周7", at(2026, 11, 29, 9, 0)),
        ("三小时后", at(2026, 11, 26, 13, 0)),
        ("半小时后", at(2026, 11, 26, 10, 30)),
        ("一个半小时后", at(2026, 11, 26, 11, 30)),
        ("20分钟后", at(2026, 11, 26, 10, 20)),
        # English.
        ("dec 15", at(2026, 12, 15, 9, 0)),
        ("15 Dec", at(2026, 12, 15, 9, 0)),
        ("December 15", at(2026, 12, 15, 9, 0)),
        ("Dec. 15th, 2027 3pm", at(2027, 12, 15, 15, 0)),
        ("15th of december 10:00", at(2026, 12, 15, 10, 0)),
        ("the 15th", at(2026, 12, 15, 9, 0)),
        ("noon", at(2026, 11, 26, 12, 0)),
        ("tomorrow noon", at(2026, 11, 27, 12, 0)),
        ("midnight", at(2026, 11, 27, 0, 0)),
        ("in 2 days", at(2026, 11, 28, 9, 0)),
        ("in a week", at(2026, 12, 3, 9, 0)),
        ("in 3 hours", at(2026, 11, 26, 13, 0)),
        ("in 45 min", at(2026, 11, 26, 10, 45)),
        ("+30m", at(2026, 11, 26, 10, 30)),
        ("tmrw", at(2026, 11, 27, 9, 0)),
        ("tmr 3pm", at(2026, 11, 27, 15, 0)),
        ("fri at 2:30 pm", at(2026, 11, 27, 14, 30)),
        ("fri eod", at(2026, 11, 27, 17, 0)),
        ("tonight", at(2026, 11, 26, 19, 0)),
        ("this afternoon", at(2026, 11, 26, 14, 0)),
        ("in half an hour", at(2026, 11, 26, 10, 30)),
        ("tomorrow morning", at(2026, 11, 27, 9, 0)),
        ("tomorrow afternoon", at(2026, 11, 27, 14, 0)),
        ("thursday evening 8pm", at(2026, 11, 26, 20, 0)),
        ("next week", at(2026, 11, 30, 9, 0)),
    ],
)
def test_reads_what_an_input_method_and_plain_words_type(text, expected):
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("明天 下午30点", "bad_time"),
        ("上午十五点", "bad_time"),
        ("13pm", "bad_time"),
        ("周五 下午 banana", "leftover"),
        ("三十二号", "bad_date"),
        ("dec 32", "bad_date"),
        ("+99999999d", "bad_date"),
        ("一百天后", "unreadable"),
    ],
)
def test_new_forms_still_say_why(text, reason):
    with pytest.raises(DateInputError) as caught:
        parse_when(text, NOW)
    assert caught.value.reason == reason


# Property tests: every time written out in Chinese reads back to itself.
DIGIT = "零一二三四五六七八九"
FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "\u3000"}


def zh_number(n: int, two: str = "二") -> str:
    """How a rep writes 0–59 in Chinese: 零, 九, 十, 十五, 二十, 二十四."""
    if n < 10:
        return two if n == 2 else DIGIT[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else DIGIT[tens]) + "十" + (DIGIT[units] if units else "")


@st.composite
def zh_minutes(draw, minute: int) -> str:
    spelled = [zh_number(minute) + "分"] if minute >= 10 else ["零" + DIGIT[minute] + "分"]
    spelled.append(spelled[0][:-1])  # 分 may be left off
    spelled += {0: ["", "整"], 15: ["一刻"], 30: ["半"], 45: ["三刻"]}.get(minute, [])
    return draw(st.sampled_from(spelled))


@st.composite
def zh_hour(draw, hour: int) -> str:
    """The hour with a part of the day, or on the 24-hour clock."""
    by_part = ("凌晨", hour) if hour < 6 else ("上午", hour) if hour < 12 else \
        ("中午", hour) if hour == 12 else ("下午", hour - 12) if hour < 18 else ("晚上", hour - 12)
    if hour == 0:
        by_part = ("凌晨", 12)
    part, twelve = by_part
    spelled = [part + zh_number(twelve, two=draw(st.sampled_from("二两")))]
    if hour == 0 or hour >= 7:  # 1–6点 alone are read as the afternoon
        spelled.append(zh_number(hour, two=draw(st.sampled_from("二两"))))
    return draw(st.sampled_from(spelled)) + draw(st.sampled_from("点时"))


def full_width_in_places(draw, text: str) -> str:
    return "".join(FULL_WIDTH.get(c, c) if draw(st.booleans()) else c for c in text)


@given(hour=st.integers(0, 23), minute=st.integers(0, 59), data=st.data())
def test_every_time_written_in_chinese_reads_back(hour, minute, data):
    day, expected_day = data.draw(st.sampled_from(
        [("明天", at(2026, 11, 27)), ("周五", at(2026, 11, 27)), ("十二月三日", at(2026, 12, 3)),
         ("下周一", at(2026, 11, 30)), ("三号", at(2026, 12, 3)), ("后天", at(2026, 11, 28))]))
    text = day + data.draw(st.sampled_from(["", " "])) + data.draw(zh_hour(hour)) + \
        data.draw(zh_minutes(minute))
    text = full_width_in_places(data.draw, text)
    assert parse_when(text, NOW) == expected_day.replace(hour=hour, minute=minute)


@given(month=st.integers(1, 12), day=st.integers(1, 31), data=st.data())
def test_every_day_written_in_chinese_reads_like_its_digits(month, day, data):
    marker = data.draw(st.sampled_from(["日", "号", ""]))
    written = f"{zh_number(month)}月{zh_number(day)}{marker}"
    if 20 < day < 30 and data.draw(st.booleans()):
        written = f"{zh_number(month)}月廿{DIGIT[day - 20]}{marker}"
    try:
        expected = parse_when(f"{month}-{day}", NOW)
    except DateInputError as exc:
        with pytest.raises(DateInputError) as caught:
            parse_when(written, NOW)
        assert caught.value.reason == exc.reason
    else:
        assert parse_when(written, NOW) == expected


ACCEPTED = [text for text, _ in [
    ("2026-12-03 09:30", 0), ("2026/12/3 9:30", 0), ("12-03 9:30", 0), ("today 15:00", 0),
    ("tomorrow 14:00", 0), ("+3d", 0), ("+2w 8:00", 0), ("-2d 16:00", 0), ("friday 3pm", 0),
    ("next mon", 0), ("周五 14:00", 0), ("12月3日 晚上8点", 0), ("2027年1月5号", 0),
    ("dec 15 10:30", 0), ("15 dec", 0), ("in 2 days", 0), ("3天后 下午3点", 0)]]


@given(text=st.sampled_from(ACCEPTED), data=st.data())
def test_full_width_forms_read_as_their_ascii(text, data):
    typed = full_width_in_places(data.draw, text)
    assert parse_when(typed, NOW) == parse_when(text, NOW)


DATE_CHARACTERS = (
    "0123456789０１２３４５６７８９:：-－/.+ 　,，"
    "年月日号点时分半刻整周星期礼拜天下上这本个今明后前大昨早晚午凌晨中傍夜里小钟头以之"
    "零〇一二两三四五六七八九十廿卅" "adehimnoprstwyfuc"
)


@settings(max_examples=300)
@given(text=st.text(alphabet=DATE_CHARACTERS, max_size=14))
def test_anything_typed_reads_to_a_minute_or_says_why(text):
    try:
        moment = parse_when(text, NOW)
    except DateInputError as exc:
        assert exc.reason in ("empty", "unreadable", "bad_date", "bad_time", "leftover")
    else:
        assert moment.tzinfo is CHINA and (moment.second, moment.microsecond) == (0, 0)
