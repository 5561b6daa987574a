"""Control characters in customers' text: refused coming in, shown going out.

A name or a note comes from files, phones and web systems we do not control.
Written to a terminal as it is, an escape sequence in it could set the
window's title, clear the screen or write to the clipboard; a bidi override
turns the text after it around. Coming in (an import, a form, a command
line argument) such characters are dropped; going out (the board, the
command line's text and JSON), anything already stored is made visible.
"""

from __future__ import annotations

import re

# C0 but tab and line feed, DEL, C1, and the bidi embeddings, overrides and isolates.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{_CONTROL}]")
CONTROL_OR_BREAK = re.compile(f"[{_CONTROL}\t\n]")
# What C0 looks like on screen: the Unicode control pictures (ESC as ␛).
_PICTURES = {c: chr(0x2400 + c) for c in range(32)} | {0x7f: "\u2421"}


def clean(text: str, multiline: bool = False) -> str:
    """``text`` without control characters, for storing. A line break
    (``\\r\\n`` too) and a tab are kept where the field holds several lines
    (notes), else each becomes a space."""
    if text.isprintable():  # the common case, at C speed
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub("", text)
    return text if multiline else text.replace("\t", " ").replace("\n", " ")


def visible(text: str, multiline: bool = False) -> str:
    """``text`` safe to write to a terminal: each control character as a
    visible sign (ESC as ␛, a C1 or bidi control as �). Tab and line
    breaks stay where the text may hold several lines."""
    if text.isprintable():
        return text
    return (CONTROL if multiline else CONTROL_OR_BREAK).sub(_picture, text)


def _picture(match: re.Match[str]) -> str:
    return _PICTURES.get(ord(match.group()), "\ufffd")


# What JSON writers leave raw: DEL, C1 and bidi (C0 they escape themselves).
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_escaped(document: str) -> str:
    """A JSON text (written with ``ensure_ascii=False``) with DEL, C1 and
    bidi controls as ``\\u`` escapes: the same data, safe on a terminal.
    They can only stand inside strings, where an escape means the same."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
