"""One row of cells becomes one incoming lead, a rejected row, or nothing.

Nothing a row holds is lost: a column we do not know, a type or source we
cannot place, a number that is no phone, all land in the lead's ``extra``
under the file's own header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from store.errors import Invalid
from store.importing import values
from store.importing.headers import field_for
from store.importing.sheet import Cell, Sheet
from store.importing.xlsx_reader import cell_text
from store.validate import parse_grade

# Fields that take a word from a table; a word not in it stays in extra.
_CHOICES = {"customer_type": values.customer_type, "source": values.source}
_LISTS = {"tags": True, "models": False, "brands": False}  # field -> split on spaces too
_TEXTS = ("name", "company", "province", "city", "competitor")


@dataclass(frozen=True, slots=True)
class Problem:
    """A rejected row (``cells`` kept for the rejects file) or a flagged value."""

    file: str
    line: int
    reason: str  # no_name_or_phone, grade, credit, phone
    value: str = ""
    cells: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Incoming:
    """What one row says about a lead: only the fields it fills."""

    file: str
    line: int
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # field -> header in the file
    texts: dict[str, str] = field(default_factory=dict)  # field -> the cell as written
    flags: list[Problem] = field(default_factory=list)


class RowRejected(Exception):
    def __init__(self, reason: str, value: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.value = value


class RowReader:
    """Reads the rows of one sheet; knows which column is which field."""

    def __init__(self, sheet: Sheet) -> None:
        self.file = sheet.path.name
        self.labels = [str(h).strip().lstrip("\ufeff") or f"#{i + 1}"
                       for i, h in enumerate(sheet.headers)]
        self.fields = [field_for(h) for h in sheet.headers]
        self.unknown = [label for label, f in zip(self.labels, self.fields) if f is None]

    def read(self, line: int, cells: list[Cell]) -> Incoming:
        """The incoming lead; raises :class:`RowRejected` for a row we refuse."""
        row = Incoming(self.file, line)
        for at, cell in enumerate(cells):
            text = cell_text(cell).strip()
            if not text:
                continue
            label = self.labels[at] if at < len(self.labels) else f"#{at + 1}"
            name = self.fields[at] if at < len(self.fields) else None
            if name is None:
                _keep(row, label, text)
            else:
                _read_cell(row, name, label, text)
        _name_fallback(row)
        return row

    def problem(self, line: int, cells: list[Cell], exc: RowRejected) -> Problem:
        kept = tuple((self.labels[i] if i < len(self.labels) else f"#{i + 1}", cell_text(c))
                     for i, c in enumerate(cells))
        return Problem(self.file, line, exc.reason, exc.value, kept)


def _keep(row: Incoming, label: str, text: str) -> None:
    old = row.extra.get(label)
    row.extra[label] = text if not old or old == text else f"{old}\n{text}"


def _set(row: Incoming, name: str, label: str, value: Any, text: str) -> None:
    """A scalar field: the first column that fills it wins, the rest is kept."""
    if name in row.fields and row.fields[name] != value:
        _keep(row, label, text)
        return
    row.fields[name] = value
    row.labels.setdefault(name, label)
    row.texts.setdefault(name, text)


def _read_cell(row: Incoming, name: str, label: str, text: str) -> None:
    if name == "phones":
        good, bad = values.phones(text)
        _add_list(row, "phones", label, good)
        for part in bad:
            row.flags.append(Problem(row.file, row.line, "phone", part))
            _keep(row, label, part)
    elif name in ("intent", "funding"):
        try:
            _set(row, name, label, parse_grade(text, name), text)
        except Invalid:
            raise RowRejected("grade", f"{label}={text}") from None
    elif name == "credit":
        try:
            _set(row, name, label, values.credit(text), text)
        except Invalid:
            raise RowRejected("credit", f"{label}={text}") from None
    elif name == "has_project":
        answer = values.yes_no(text)
        _set(row, "has_project", label, True if answer is None else answer, text)
        if answer is None:  # not yes or no: the text names the project
            _set(row, "project", label, text, text)
    elif name in _CHOICES:
        choice = _CHOICES[name](text)
        if choice is None:
            _keep(row, label, text)
        else:
            _set(row, name, label, choice, text)
    elif name == "region":
        province, city = values.region(text)
        for part, value in (("province", province), ("city", city)):
            if value and part not in row.fields:
                _set(row, part, label, value, text)
    elif name == "notes":
        old = row.fields.get("notes")
        row.fields["notes"] = f"{old}\n{text}" if old else text
        row.labels.setdefault("notes", label)
    elif name in _LISTS:
        _add_list(row, name, label, values.text_list(text, spaces=_LISTS[name]))
    else:
        _set(row, name, label, " ".join(text.split()) if name in _TEXTS else text, text)


def _add_list(row: Incoming, name: str, label: str, items) -> None:
    if not items:
        return
    old = row.fields.get(name, ())
    row.fields[name] = old + tuple(i for i in items if i not in old)
    row.labels.setdefault(name, label)


def _name_fallback(row: Incoming) -> None:
    """A lead needs a name: its company's, else its phone number."""
    if row.fields.get("name"):
        return
    if not row.fields.get("phones"):
        raise RowRejected("no_name_or_phone")
    row.fields["name"] = row.fields.get("company") or row.fields["phones"][0]
