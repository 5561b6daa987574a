"""One spelling for what a rep types, before :mod:`store.dates` reads it.

An input method gives full-width digits and punctuation (``１２－１５``,
``14：00``); Chinese reps write numbers in words (``十点半``, ``二十四号``,
``廿五``) and use short forms (``今晚``, ``明早``); English reps write
``tmrw``, ``noon``, ``eod``. All of these become the plain forms the reader
knows: ASCII digits, ``:``, ``今天 晚上``, ``tomorrow``, ``12:00``.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = dict(zip("〇零一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9)))
# A weekday's number is read on its own: 周五十点 is 周5 10点, not 周50点.
_WEEKDAY = re.compile(r"(周|星期|礼拜)\s*([一二三四五六七])")
_NUMERAL = re.compile(r"[〇零一二两三四五六七八九十廿卅]+")
# 十, 十五, 二十, 二十四, 三十一; 廿五, 卅一.
_TENS = re.compile(r"(?:([一二两三四五六七八九])?十|([廿卅]))([一二三四五六七八九])?")

# Short words for a day and a time, each spelt out as the reader knows it.
# English words only count as whole words.
_SHORT_WORDS = [
    (r"今晚", " 今天 晚上 "), (r"今早", " 今天 早上 "), (r"明早", " 明天 早上 "),
    (r"明晚", " 明天 晚上 "), (r"一早", " 早上 "),
    (r"\b(?:tmrw|tmr|tmw|tomorow|tommorow|tommorrow)\b", " tomorrow "),
    (r"\btonight\b", " today evening "),
    (r"\bthis\s+(?=morning|afternoon|evening)", " today "),
    (r"\bhalf\s+an?\s+hour\b", " 30 min "),
    (r"\bnext\s+week\b", " 下周 "),
    (r"\b(?:noon|midday)\b", " 12:00 "),
    (r"\beod\b", " 17:00 "),
    (r"\b(?:at|on|the|of|in\s+the)\b", " "),
    (r"的", " "),
]
_SHORT = [(re.compile(pattern, re.ASCII), spelt) for pattern, spelt in _SHORT_WORDS]


def normalise(text: str) -> str:
    """``text`` in the reader's spelling: lower case, ASCII digits, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[,;、。]", " ", text)
    for pattern, spelt in _SHORT:
        text = pattern.sub(spelt, text)
    text = _WEEKDAY.sub(lambda m: f"{m.group(1)}{_DIGITS[m.group(2)]} ", text)
    text = _NUMERAL.sub(_arabic, text)
    return " ".join(text.split())


def _arabic(found: re.Match) -> str:
    """A run of Chinese numerals as digits; kept apart from digits next to it
    (``周五14:00`` is ``周5 14:00``, not ``周514:00``)."""
    number = chinese_number(found.group())
    if number is None:
        return found.group()
    text = found.string
    before = " " if found.start() > 0 and text[found.start() - 1].isdigit() else ""
    after = " " if found.end() < len(text) and text[found.end()].isdigit() else ""
    return f"{before}{number}{after}"


def chinese_number(run: str) -> str | None:
    """``十五`` → ``15``, ``二〇二六`` → ``2026``, ``零五`` → ``05``; None for a
    run that is no number (``十十``)."""
    if not any(c in "十廿卅" for c in run):
        return "".join(str(_DIGITS[c]) for c in run)
    tens = _TENS.fullmatch(run)
    if tens is None:
        return None
    if tens.group(2):
        value = 20 if tens.group(2) == "廿" else 30
    else:
        value = 10 * (_DIGITS[tens.group(1)] if tens.group(1) else 1)
    return str(value + (_DIGITS[tens.group(3)] if tens.group(3) else 0))
