"""Phone contacts as vCard 2.1, 3.0 and 4.0.

Read at the byte level, because phones mix encodings: Android writes
``CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE`` values, old Chinese phones raw
GB2312 bytes; each value is decoded with the charset it names.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from store.importing.sheet import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    ImportFailed,
    Sheet,
    checked_row,
    plain_breaks,
    read_bytes,
)

HEADERS = ["name", "phone", "company", "province", "city", "notes", "tags"]
# Bookkeeping that says nothing about the customer.
SKIPPED = frozenset({"BEGIN", "END", "VERSION", "PRODID", "REV", "UID", "PHOTO", "LOGO",
                     "SOUND", "KEY", "X-ABLABEL", "X-ABUID", "X-ABSHOWAS", "CLIENTPIDMAP"})
_CJK = re.compile(r"[\u3400-\u9fff]")
_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}
# A property's raw bytes: a cell's limit in characters, as quoted-printable UTF-8.
MAX_LINE_BYTES = MAX_CELL_CHARS * 9 + 1024


class LineTooLong(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


@dataclass
class Card:
    line: int
    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, value: str) -> None:
        """A value, once: phones write the same ORG twice."""
        value = value.strip()
        if value and value not in self.values.setdefault(key, []):
            self.values[key].append(value)


def read_vcard(path: Path) -> Sheet:
    cards = parse(path, _as_bytes_of_utf8(path, read_bytes(path)))
    extras: dict[str, None] = {}  # in order of first use
    for card in cards:
        extras.update((k, None) for k in card.values if k not in HEADERS)
        if len(HEADERS) + len(extras) > MAX_COLUMNS:
            raise ImportFailed(path, "too_many_columns", str(card.line))
    headers = HEADERS + list(extras)
    read = {"count": 0}

    def rows() -> Iterator[tuple[int, list[object]]]:
        for card in cards:
            read["count"] += 1
            yield card.line, checked_row(path, card.line, [_joined(key, card.values.get(key, []))
                                                           for key in headers])

    return Sheet(path, headers, rows(), lambda: read["count"] / max(len(cards), 1))


def _as_bytes_of_utf8(path: Path, data: bytes) -> bytes:
    """A UTF-16 export (Windows contacts, some PC suites) as the UTF-8 bytes
    the parser reads; every other file is left as its bytes."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError:
        raise ImportFailed(path, "not_vcard") from None


def _joined(key: str, values: list[str]) -> str:
    return ("\n" if key == "notes" else ", ").join(values)


def parse(path: Path, data: bytes) -> list[Card]:
    if b"BEGIN:VCARD" not in data.upper():
        raise ImportFailed(path, "not_vcard")
    cards: list[Card] = []
    card: Card | None = None
    try:
        for line, raw in logical_lines(data.removeprefix(b"\xef\xbb\xbf")):
            card = _read_line(path, cards, card, line, raw)
    except LineTooLong as exc:
        raise ImportFailed(path, "cell_too_long", str(exc.line)) from None
    if card is not None:  # a last card cut off before END
        _finish(card)
        cards.append(card)
    return cards


def _read_line(path: Path, cards: list[Card], card: Card | None, line: int,
               raw: bytes) -> Card | None:
    """One property into the card being read; the card being read after it."""
    name, params, value = _split_property(raw)
    if name == "BEGIN" and value.strip().upper() == b"VCARD":
        return Card(line)
    if name == "END":
        if card is not None:
            _finish(card)
            cards.append(card)
        return None
    if card is not None and name and name not in SKIPPED:
        text = _decoded(value, params)
        if len(text) > MAX_CELL_CHARS:
            raise ImportFailed(path, "cell_too_long", str(line))
        _take(card, name, text, params["TYPE"].split(","))
    return card


def logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Unfolded lines with the number of the line each starts on.

    Folding: a line starting with a space or tab continues the one before
    (3.0/4.0); a quoted-printable value ending in ``=`` goes on in the
    next line (2.1). The pieces are joined once, at the end of the line,
    so a value folded over many lines costs no more than its length.
    """
    parts: list[bytes] = []
    start, quoted, size = 0, False, 0
    for number, line in enumerate(re.split(rb"\r\n|\n|\r", data), start=1):
        if parts and line[:1] in (b" ", b"\t"):
            parts.append(line[1:])
        elif parts and quoted and parts[-1].endswith(b"="):
            parts[-1] = parts[-1][:-1]
            parts.append(line)
        else:
            if parts and any(p.strip() for p in parts):
                yield start, b"".join(parts)
            parts, start, size = [line], number, 0
            quoted = b"QUOTED-PRINTABLE" in line.split(b":", 1)[0].upper()
        size += len(line)
        if size > MAX_LINE_BYTES:
            raise LineTooLong(start)
    if parts and any(p.strip() for p in parts):
        yield start, b"".join(parts)


# The name and parameters of a property, up to the first colon outside quotes
# (TYPE="x-工作:总机" is a parameter, not the start of the value).
_HEAD = re.compile(rb'^((?:[^:"]|"[^"]*")*):')


def _split_property(raw: bytes) -> tuple[str, dict[str, str], bytes]:
    match = _HEAD.match(raw)
    if match is not None:
        head, value = match.group(1), raw[match.end():]
    else:  # a quote never closed: the first colon, as before quotes counted
        head, sep, value = raw.partition(b":")
        if not sep:
            return "", {}, b""
    parts = _parameters(head.decode("utf-8", "replace"))
    name = parts[0].rsplit(".", 1)[-1].strip().upper()  # item1.TEL -> TEL
    params: dict[str, str] = {}
    types: list[str] = []
    for part in parts[1:]:
        key, eq, val = part.partition("=")
        if eq and key.strip().upper() == "TYPE":  # type=WORK;type=FAX, TYPE=WORK,FAX
            types += val.strip().strip('"').upper().split(",")
        elif eq:
            params[key.strip().upper()] = val.strip().strip('"')
        elif part.strip().upper() in ("QUOTED-PRINTABLE", "BASE64"):
            params["ENCODING"] = part.strip()  # vCard 2.1 names it bare
        else:
            types.append(part.strip().upper())  # and its types: TEL;WORK;FAX
    params["TYPE"] = ",".join(types)
    return name, params, value


def _parameters(head: str) -> list[str]:
    """The name and parameters, split on semicolons outside quotes."""
    return [part for part in re.findall(r'(?:[^;"]|"[^"]*")+|(?<=;)(?=;|$)', head)]


def _decoded(value: bytes, params: dict[str, str]) -> str:
    encoding = params.get("ENCODING", "").upper()
    if encoding == "QUOTED-PRINTABLE":
        value = quopri.decodestring(value)
    charset = params.get("CHARSET", "").lower()
    if charset in ("gb2312", "gbk", "gb18030", "cp936"):
        charset = "gb18030"
    return plain_breaks(_text(value, charset))  # QP notes break lines with =0D=0A


def _text(value: bytes, charset: str) -> str:
    """The value in the charset it names; without one, UTF-8, else raw GBK
    from an old phone. A value that names UTF-8 and has a damaged byte loses
    that byte only: read as GBK, every character would turn to nonsense."""
    try:
        return value.decode(charset or "utf-8")
    except (LookupError, UnicodeDecodeError):
        pass
    if charset in ("utf-8", "utf8"):
        return value.decode("utf-8", "replace").replace("\ufffd", "")
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("gb18030", "replace")  # raw GBK from an old phone


def _components(text: str) -> list[str]:
    """A structured value split on unescaped ``;``, escapes resolved."""
    parts, current, chars = [], [], iter(text)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append(_ESCAPES.get(nxt, "\\" + nxt))
        elif ch == ";":
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return parts


def _take(card: Card, name: str, text: str, types: list[str]) -> None:
    parts = _components(text)
    if name == "FN":
        card.add("fn", ";".join(parts))  # a name, not a list: a ; in it is part of it
    elif name == "N":
        card.add("n", _name_from_n(parts))
    elif name == "TEL":
        number = re.sub(r"^tel:", "", ";".join(parts), flags=re.I)
        # A fax machine's line is no one to call: kept, as Outlook's fax columns are.
        card.add("FAX" if "FAX" in types and not {"VOICE", "CELL"} & set(types) else "phone",
                 number)
    elif name == "ORG":
        # The organisation, then its units (ORG:临沂宏达;工程部): the units are kept.
        named = [p for p in parts if p]
        card.add("company", named[0] if named else "")
        card.add("ORG", " ".join(named[1:]))
    elif name == "NOTE":
        card.add("notes", ";".join(parts))
    elif name == "CATEGORIES":
        card.add("tags", ";".join(parts))
    elif name == "ADR":
        _take_address(card, parts)
    else:
        card.add(name, ";".join(p for p in parts if p))


def _take_address(card: Card, parts: list[str]) -> None:
    parts += [""] * (7 - len(parts))
    card.add("province", parts[4])
    card.add("city", parts[3])
    if any(parts[:3]):
        card.add("ADR", " ".join(p for p in (parts[4], parts[3], *parts[:3]) if p))


def _name_from_n(parts: list[str]) -> str:
    family, given, middle = (parts + ["", "", ""])[:3]
    if _CJK.search(family + middle + given):
        return family + middle + given  # 张 + 伟 -> 张伟
    return " ".join(p for p in (given, middle, family) if p)


def _finish(card: Card) -> None:
    """FN if there is one, else the name built from N."""
    names = card.values.pop("fn", None) or card.values.pop("n", None)
    card.values.pop("n", None)
    if names:
        card.values["name"] = names[:1]
