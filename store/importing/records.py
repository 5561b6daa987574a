"""One row of cells becomes one incoming lead, a rejected row, or nothing.

Nothing a row holds is lost: a column we do not know, a type or source we
cannot place, a number that is no phone, all land in the lead's ``extra``
under the file's own header.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

from store.errors import Invalid
from store.importing import values
from store.importing.headers import NAME_PARTS, fields_for, header_key, sheet_kind
from store.importing.machine_rows import MACHINE_PARTS, MACHINE_READERS, SOLE_READERS
from store.importing.sheet import Cell, Sheet, cell_text
from store.text import clean
from store.validate import is_unknown, parse_grade


@dataclass(frozen=True, slots=True)
class Problem:
    """A rejected row (``cells`` kept for the rejects file) or a flagged value.

    A row with several problems names its first in ``reason`` and ``value``
    and the rest in ``more``, so that one round of fixes is enough."""

    file: str
    line: int
    reason: str  # no_name_or_phone, total, grade, credit, phone
    value: str = ""
    cells: tuple[tuple[str, str], ...] = ()
    more: tuple[tuple[str, str], ...] = ()  # (reason, value) of each further problem

    @property
    def reasons(self) -> tuple[tuple[str, str], ...]:
        return ((self.reason, self.value), *self.more)


@dataclass(slots=True)
class Incoming:
    """What one row says about a lead: only the fields it fills."""

    file: str
    line: int
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    flags: list[Problem] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)  # as read, for a conflict's own words
    columns: dict[str, int] = field(default_factory=dict)  # field -> its column (shared)
    headers: list[str] = field(default_factory=list)  # the file's headers (shared)
    named: bool = True  # False when the name was made up from a company or phone
    faults: list[tuple[str, str]] = field(default_factory=list)  # (reason, value): refused
    # On a machine list: the row's machine as the store keeps its fields, each
    # field's (header, cell) as written, and whether the row names its owner.
    machine: dict[str, Any] = field(default_factory=dict)
    machine_cells: dict[str, tuple[str, str]] = field(default_factory=dict)
    owned: bool = True

    @property
    def is_machine(self) -> bool:
        return not self.machine.keys().isdisjoint(MACHINE_PARTS)

    def label(self, name: str) -> str:
        """The header of the column a field came from."""
        return self.headers[self.columns[name]] if name in self.columns else name

    def written(self, name: str) -> str | None:
        """The cell a field came from, as written in the file."""
        at = self.columns.get(name)
        return None if at is None or at >= len(self.cells) else cell_text(self.cells[at]).strip()


# What Outlook writes into every contact's empty fields (in English and in
# Chinese): it says nothing about the customer, and is not kept.
UNSET = frozenset((
    *((date, "0000") for date in ("birthday", "anniversary", "生日", "纪念日")),
    ("gender", "unspecified"), ("性别", "未指定"), ("private", "false"), ("私有", "false"),
    *((key, word) for key in ("priority", "sensitivity") for word in ("normal",)),
    *((key, "普通") for key in ("优先级", "敏感度")),
))
# A directory's department column; the label a heading's department is kept under without one.
DEPARTMENT_HEADERS = frozenset(("部门", "所属部门", "科室", "department", "dept"))
DEPARTMENT_LABEL = "部门"

Reader = Callable[["Incoming", str, str], None]  # reads one cell into a row
_NONE = object()  # no row's cells


class RowRejected(Exception):
    def __init__(self, reason: str, value: str = "",
                 more: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.value = value
        self.more = more


class RowReader:
    """Reads the rows of one sheet; knows which column is which field."""

    def __init__(self, sheet: Sheet, kind: str = "auto") -> None:
        self.file = sheet.path.name
        self.labels = [clean(str(h)).strip().lstrip("\ufeff") or f"#{i + 1}"
                       for i, h in enumerate(sheet.headers)]
        self.kind = sheet_kind(sheet.headers) if kind == "auto" else kind
        self.fields = fields_for(sheet.headers, self.kind)
        self._keys = [header_key(h) for h in sheet.headers]
        self._plain = sheet.plain
        self._kept_columns: set[int] = set()  # unknown columns that held a value
        # A machine's field filled by one column alone is read straight into it.
        readers = {**_READERS, **{f: SOLE_READERS[f] for f in SOLE_READERS
                                  if self.fields.count(f) == 1}}
        self._columns = [(at, label, None if f is None else readers.get(f) or _text_reader(f))
                         for at, (label, f) in enumerate(zip(self.labels, self.fields))]
        self.column_of: dict[str, int] = {}
        for at, name in enumerate(self.fields):
            if name is not None:
                self.column_of.setdefault(name, at)
        self._extensions = _extensions_of(self.fields)
        self._phone_labels = _phone_labels_of(sheet.headers, self.fields)
        # A directory: the company its title names, the department heading the rows.
        self.company = values.directory_company(sheet.title)
        self._section = ""
        self._department = next((at for at, h in enumerate(sheet.headers)
                                 if header_key(h) in DEPARTMENT_HEADERS), None)
        for derived, source in (("province", "region"), ("city", "region"),
                                ("project", "has_project")):
            if source in self.column_of:
                self.column_of.setdefault(derived, self.column_of[source])
        self._owner_only: list[tuple[int, str, Reader | None]] = []  # see _owner_columns
        self._owner_cells, self._machine_columns = self._owner_columns()
        self._last_owner: tuple[Any, dict[str, Any]] = (_NONE, {})  # see read

    def _owner_columns(self) -> tuple[Callable[[list[Cell]], Any] | None, tuple]:
        """On a machine list in plain text: what picks a row's owner cells
        (every column but the machine's), and the machine's columns. An
        owner's rows repeat his cells, read once (see ``read``)."""
        if self.kind != "machines" or not self._plain or self._extensions or self._phone_labels:
            return None, ()
        owner = [at for at, name in enumerate(self.fields) if name not in MACHINE_READERS]
        if not owner:
            return None, ()
        self._owner_only = [column for column in self._columns if column[0] in owner]
        machine = [column for column in self._columns if column[0] not in owner]
        return _picker(owner), (machine, _picker([at for at, _l, _r in machine]))

    def owner_runs(self) -> tuple[Callable[[list[Cell]], Any], int,
                                  list[tuple[int, str]]] | None:
        """For a machine list's owner runs (see ``machine_runs``): what picks a
        row's owner cells, how many cells a row has, and each machine
        column's (place, kind). None for a sheet whose rows need more than
        one pass can tell: a machine field in two columns, cells to clean, a
        directory's company."""
        if self._owner_cells is None or self.company:
            return None
        machine = [(at, self.fields[at]) for at, _label, _read in self._machine_columns[0]]
        if any(self.fields.count(kind) > 1 for _at, kind in machine):
            return None
        return self._owner_cells, len(self._columns), machine

    def keeps_owner(self, owner: Any) -> bool:
        """Whether the owner cells ``owner`` are those of the row before, kept as
        read: a next row with them reads his cells no more (see ``read``)."""
        return self._last_owner[0] == owner

    @property
    def in_section(self) -> bool:
        """Whether a department's heading came above the rows read now."""
        return bool(self._section)

    def read(self, line: int, cells: list[Cell]) -> Incoming | None:
        """The incoming lead, or None for a department's heading (销售部)
        over the rows below; raises :class:`RowRejected`, naming every
        problem, for a row we refuse."""
        # Control characters never come in; line breaks stay for notes. A
        # text file with none at all (the common case) needs no look per cell.
        if not self._plain:
            cells = [clean(c, multiline=True) if type(c) is str else c for c in cells]
        second = cells[1] if len(cells) > 1 else None
        if not (type(second) is str and second.strip()):  # a data row has a second cell
            heading = self._heading(cells)
            if heading:
                self._section = heading
                return None
        if self._extensions:
            cells = _with_extensions(cells, self._extensions)
        row = Incoming(self.file, line, {}, {}, [], cells, self.column_of, self.labels)
        if self._phone_labels:
            cells = self._set_faxes_aside(row, cells)
        columns, owner, read = self._columns, _NONE, cells
        if self._owner_cells is not None and len(cells) == len(columns):
            owner = self._owner_cells(cells)
            if owner == self._last_owner[0]:  # the owner of the row before: his cells as read
                row.fields = dict(self._last_owner[1])
                columns, pick = self._machine_columns
                read = pick(cells)
        self._read_cells(row, columns, read)
        for at in range(len(self._columns), len(cells)):  # cells past the last header
            text = cell_text(cells[at]).strip()
            if text:
                self._kept_columns.add(at)
                _keep(row, f"#{at + 1}", text)
        if owner is not _NONE and columns is self._columns:
            # Kept only when the owner's cells said nothing beside his fields
            # (no flag, no fault, nothing set aside), so reading them again adds nothing.
            plain = not (row.extra or row.flags or row.faults)
            self._last_owner = (owner, dict(row.fields)) if plain else (_NONE, {})
        if self.company or self._section:
            self._directory(row, cells)
        if self.kind == "machines":
            self._settle_machine(row, cells)
        else:
            self._settle_lead(row)
        if row.faults:  # every problem of the row at once
            (reason, value), *more = row.faults
            raise RowRejected(reason, value, tuple(more))
        return row

    def _read_cells(self, row: Incoming, columns: list[tuple[int, str, Reader | None]],
                    cells: Sequence[Cell]) -> None:
        """Each of ``cells`` into the row, by its column in ``columns``."""
        blanks = values.BLANKS
        for (at, label, read_cell), cell in zip(columns, cells):
            # cell_text, not "not cell": Excel's 0 means no, and is kept.
            text = cell.strip() if type(cell) is str else cell_text(cell).strip()
            if not text or text in blanks:
                continue
            if read_cell is None:
                if (self._keys[at], header_key(text)) in UNSET:
                    continue
                self._kept_columns.add(at)
                _keep(row, label, text)
            else:
                read_cell(row, label, text)

    def read_owner(self, line: int, cells: list[Cell], owner: tuple[Cell, ...]) -> Incoming | None:
        """A machine list's row with its owner's cells alone read (``owner``,
        as ``owner_runs`` picks them), his name made up as ``read`` would;
        None when they say more than his fields (a value set aside, flagged
        or refused) or name nobody. Kept as ``read`` keeps them, so that his
        next row, read the ordinary way, reads them no more."""
        row = Incoming(self.file, line, {}, {}, [], cells, self.column_of, self.labels)
        self._read_cells(row, self._owner_only, owner)
        plain = not (row.extra or row.flags or row.faults)
        self._last_owner = (owner, dict(row.fields)) if plain else (_NONE, {})
        if not plain:
            return None
        try:
            _name_fallback(row)
        except RowRejected:
            return None
        return row

    def _settle_lead(self, row: Incoming) -> None:
        """A lead needs a name or a phone; a row with neither is refused."""
        try:
            _name_fallback(row)
        except RowRejected as exc:
            if exc.reason == "total":  # no customer: its cells do not matter
                raise
            row.faults.insert(0, (exc.reason, exc.value))

    def _settle_machine(self, row: Incoming, cells: list[Cell]) -> None:
        """A row of a machine list is a machine, its owner's lead, or both;
        a machine needs a brand and a model, and may have no known owner."""
        if not row.is_machine:
            for label, text in row.machine_cells.values():  # a status, a condition
                _keep(row, label, text)
            row.machine = {}
            self._settle_lead(row)
            if row.faults and row.faults[0][0] == "no_name_or_phone":
                row.faults[0] = ("neither", "")
            return
        for name in ("brand", "model"):
            text = row.machine_cells.get(name, ("", ""))[1]
            if not text:
                row.faults.insert(0, (f"no_{name}", ""))
            elif total_word(text):
                raise RowRejected("total", text)
        try:
            _name_fallback(row)
        except RowRejected as exc:
            if exc.reason == "total":
                raise
            self._unowned(row, cells)

    def _unowned(self, row: Incoming, cells: list[Cell]) -> None:
        """A machine nobody is known to own: the row's place is the machine's,
        and what it says besides (notes, a column we do not know) stays with it."""
        kept = {}
        for at, name in enumerate(self.fields):
            if name is None or name in MACHINE_READERS or name in ("region", "province", "city"):
                continue
            text = cell_text(cells[at]).strip() if at < len(cells) else ""
            if text and text not in values.BLANKS:
                kept[self.labels[at]] = text
        row.extra.update(kept)
        row.fields = {k: v for k, v in row.fields.items() if k in ("province", "city")}
        row.owned = False

    def _set_faxes_aside(self, row: Incoming, cells: list[Cell]) -> list[Cell]:
        """A number its label calls a fax (Google's Work Fax) is kept, not
        dialled: as Outlook's fax columns and a card's fax lines."""
        cells = list(cells)
        for label_at, value_at in self._phone_labels:
            if value_at < len(cells) and _FAX.search(cell_text(cells[label_at])):
                fax = cell_text(cells[value_at]).strip()
                if fax:
                    self._kept_columns.add(value_at)
                    _keep(row, self.labels[value_at], fax)
                cells[value_at] = None
        return cells

    def _heading(self, cells: list[Cell]) -> str:
        """The department a row names alone in its first cell (a merged
        heading across the sheet); never a row in a name or company column."""
        if not cells or type(cells[0]) is not str or not cells[0].strip() \
                or len(self.fields) < 3 or any(cell_text(c).strip() for c in cells[1:]):
            return ""  # a data row has a second cell: found at once
        first = self.fields[0]
        if first in ("company", "phones") or (first in ("name", *NAME_PARTS)
                                               and not values.is_unit(cells[0])):
            return ""
        return values.section(cells[0])

    def _directory(self, row: Incoming, cells: list[Cell]) -> None:
        """Fill what a directory says once for many rows: its company, the
        department of the heading above."""
        if self.company and not row.fields.get("company"):
            row.fields["company"] = self.company
        if not self._section:
            return
        at = self._department
        if at is None:
            _keep(row, DEPARTMENT_LABEL, self._section)
        elif at >= len(cells) or not cell_text(cells[at]).strip():
            self._kept_columns.add(at)
            _keep(row, self.labels[at], self._section)

    @property
    def unknown(self) -> list[str]:
        """Headers of the columns we kept as they are (empty ones not counted)."""
        return [self.labels[at] if at < len(self.labels) else f"#{at + 1}"
                for at in sorted(self._kept_columns)]

    def problem(self, line: int, cells: list[Cell], exc: RowRejected) -> Problem:
        kept = tuple((self.labels[i] if i < len(self.labels) else f"#{i + 1}", cell_text(c))
                     for i, c in enumerate(cells))
        return Problem(self.file, line, exc.reason, exc.value, kept, exc.more)


def _picker(places: list[int]) -> Callable[[list[Cell]], tuple[Cell, ...]]:
    """What takes the cells at ``places`` from a row, always as a tuple."""
    if len(places) == 1:
        return lambda cells: (cells[places[0]],)
    return itemgetter(*places) if places else (lambda cells: ())


def _extensions_of(fields: list[str | None]) -> list[tuple[int, int]]:
    """(extension column, the phone column before it) of a directory's 总机 | 分机."""
    pairs = []
    for at, name in enumerate(fields):
        if name == "extension":
            phone = next((p for p in range(at - 1, -1, -1) if fields[p] == "phones"), None)
            if phone is not None:
                pairs.append((at, phone))
    return pairs


_FAX = re.compile(r"fax|传真", re.IGNORECASE)
_LABEL_KEY = re.compile(r"(phone\d*)(?:label|type)")


def _phone_labels_of(headers: list[object], fields: list[str | None]) -> list[tuple[int, int]]:
    """(label column, its number's column) of Google's Phone 1 - Label | Phone 1 - Value."""
    keys = [header_key(h) for h in headers]
    pairs = []
    for at, key in enumerate(keys):
        match = _LABEL_KEY.fullmatch(key)
        if match:
            value = match.group(1) + "value"
            pairs += [(at, v) for v, k in enumerate(keys) if k == value and fields[v] == "phones"]
    return pairs


def _with_extensions(cells: list[Cell], pairs: list[tuple[int, int]]) -> list[Cell]:
    """The switchboard's number with its extension after it, as one phone."""
    cells = list(cells)
    for ext_at, phone_at in pairs:
        if max(ext_at, phone_at) >= len(cells):
            continue
        extension, phone = cell_text(cells[ext_at]).strip(), cell_text(cells[phone_at]).strip()
        if extension.isdigit() and phone:
            cells[phone_at], cells[ext_at] = f"{phone}转{extension}", None
    return cells


def _keep(row: Incoming, label: str, text: str) -> None:
    old = row.extra.get(label)
    row.extra[label] = text if not old or old == text else f"{old}\n{text}"


def _set(row: Incoming, name: str, label: str, value: Any, text: str) -> None:
    """A scalar field: the first column that fills it wins, the rest is kept."""
    fields = row.fields
    if name in fields and fields[name] != value:
        _keep(row, label, text)
        return
    fields[name] = value


def _read_phones(row: Incoming, label: str, text: str) -> None:
    text = text.removeprefix("'")  # Excel's mark for "keep as text", not part of the number
    if values.is_mobile(text):  # the common case, first
        _add_list(row, "phones", label, (text,))
        return
    good, bad, worded = values.phones(text)
    _add_list(row, "phones", label, good)
    for part in worded:  # the words beside a number (微信同号, an extension) stay
        _keep(row, label, part)
    for part in bad:
        row.flags.append(Problem(row.file, row.line, "phone", part))
        _keep(row, label, part)


@lru_cache(maxsize=256)
def _grade(text: str) -> int | None:
    return parse_grade(text, "grade")


def _grade_reader(name: str) -> Reader:
    def read(row: Incoming, label: str, text: str) -> None:
        try:
            _set(row, name, label, _grade(text), text)
        except Invalid:
            row.faults.append(("grade", f"{label}={text}"))
    return read


def _read_credit(row: Incoming, label: str, text: str) -> None:
    try:
        _set(row, "credit", label, values.credit(text), text)
    except Invalid:
        row.faults.append(("credit", f"{label}={text}"))


def _read_project(row: Incoming, label: str, text: str) -> None:
    answer = values.yes_no(text)
    if answer is None and is_unknown(text):  # 不知道 names no project
        return
    _set(row, "has_project", label, True if answer is None else answer, text)
    if answer is None:  # not yes or no: the text names the project
        _set(row, "project", label, text, text)


def _choice_reader(name: str, parse: Callable[[str], Any]) -> Reader:
    def read(row: Incoming, label: str, text: str) -> None:
        choice = parse(text)
        if choice is None:
            _keep(row, label, text)
        else:
            _set(row, name, label, choice, text)
    return read


def _read_region(row: Incoming, label: str, text: str) -> None:
    province, city, rest = values.region(text)
    for part, value in (("province", province), ("city", city)):
        if value and part not in row.fields:  # a column of its own came first
            row.fields[part] = value
    if rest:  # a district or street: kept as written, with the rest of the cell
        _keep(row, label, text)


def _read_notes(row: Incoming, label: str, text: str) -> None:
    old = row.fields.get("notes")
    row.fields["notes"] = f"{old}\n{text}" if old else text


def _list_reader(name: str, spaces: bool) -> Reader:
    def read(row: Incoming, label: str, text: str) -> None:
        _add_list(row, name, label, values.text_list(text, spaces))
    return read


def _read_tags(row: Incoming, label: str, text: str) -> None:
    _add_list(row, "tags", label, values.tags(text))


def _read_name(row: Incoming, label: str, text: str) -> None:
    _set(row, "name", label, values.person_name(text), text)


def _part_reader(name: str) -> Reader:
    def read(row: Incoming, label: str, text: str) -> None:
        _set(row, name, label, values.person_name(text), text)
    return read


def _place_reader(name: str, short: Callable[[str], str]) -> Reader:
    def read(row: Incoming, label: str, text: str) -> None:
        _set(row, name, label, short(" ".join(text.split())), text)
    return read


def _text_reader(name: str) -> Reader:
    def read(row: Incoming, label: str, text: str) -> None:
        _set(row, name, label, " ".join(text.split()), text)
    return read


_READERS: dict[str, Reader] = {
    "phones": _read_phones,
    "intent": _grade_reader("intent"),
    "funding": _grade_reader("funding"),
    "credit": _read_credit,
    "has_project": _read_project,
    "customer_type": _choice_reader("customer_type", values.customer_type),
    "source": _choice_reader("source", values.source),
    "region": _read_region,
    "province": _place_reader("province", values.province_name),
    "city": _place_reader("city", values.city_name),
    "notes": _read_notes,
    "tags": _read_tags,
    "name": _read_name,
    **{part: _part_reader(part) for part in NAME_PARTS},
    "extension": _keep,  # one with no switchboard beside it: kept as written
    "models": _list_reader("models", spaces=False),
    "brands": _list_reader("brands", spaces=False),
    **MACHINE_READERS,
}


def _add_list(row: Incoming, name: str, label: str, items) -> None:
    """Items (never repeated within one cell) after those already there."""
    if not items:
        return
    old = row.fields.get(name)
    if old is None:  # the common case: the first cell for this list
        row.fields[name] = tuple(items)
    else:
        row.fields[name] = old + tuple(i for i in items if i not in old)


def _maybe_total(text: str) -> bool:
    """A quick look before the full one: 合计, 总计, Total, Sum."""
    lower = text.lower()
    return "计" in lower or "total" in lower or "sum" in lower


@lru_cache(maxsize=4096)  # a list names a few brands and models many times over
def total_word(text: str) -> bool:
    return _maybe_total(text) and values.is_total(text)


def _name_fallback(row: Incoming) -> None:
    """A lead needs a name: its company's, else its phone number.

    A row named 合计 with no phone is the sheet's totals, not a customer.
    """
    _join_name(row)
    name = row.fields.get("name") or row.fields.get("company")
    if name and not row.fields.get("phones") and values.is_total(name):
        written = row.written("name" if row.fields.get("name") else "company")
        raise RowRejected("total", written or name)  # as the sheet has it
    if row.fields.get("name"):
        return
    if not row.fields.get("phones"):
        raise RowRejected("no_name_or_phone")
    row.fields["name"] = row.fields.get("company") or row.fields["phones"][0]
    row.named = False


def _join_name(row: Incoming) -> None:
    """The name from an address book's parts, when no column holds it whole:
    the display name, else family, middle and given name (张 + 伟 is 张伟,
    Tom + Baker is Tom Baker)."""
    if row.fields.keys().isdisjoint(NAME_PARTS):
        return  # a sheet with a name column: the common case
    parts = {part: row.fields.pop(part) for part in NAME_PARTS if part in row.fields}
    if row.fields.get("name"):
        return
    display = parts.get("display_name", "")
    if display and "@" not in display:
        row.fields["name"] = display
        return
    joined = values.joined_name(parts.get("family_name", ""), parts.get("middle_name", ""),
                                parts.get("given_name", ""))
    if joined or display:
        row.fields["name"] = joined or display
