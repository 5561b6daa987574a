"""One lead as one line of a list: what it shows and how it is drawn.

Name, company, region, then badges and the next contact in fixed columns,
so that the columns line up from row to row. Cell widths count CJK as two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip


@dataclass(frozen=True, slots=True)
class Badge:
    text: str
    kind: str  # good | poor | unknown | project


@dataclass(frozen=True, slots=True)
class LeadRow:
    """What one line shows about a lead."""

    lead_id: int
    name: str
    company: str
    region: str
    when: str = ""  # next contact, short
    when_state: str = ""  # overdue | today | ""
    badges: tuple[Badge, ...] = ()
    # ``when`` in the five cells of a narrow row, if it needs more: a date in
    # another year without its year, drawn marked as such.
    when_narrow: str = ""


def fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` terminal cells (CJK counts two), with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


@lru_cache(maxsize=8192)  # names, companies and places recur from row to row
def pad(text: str, width: int) -> str:
    """``text`` cut or filled with spaces to exactly ``width`` cells."""
    text = fit(text, width)
    return text + " " * (width - cell_len(text))


# Cells kept for each badge (credit, project) and for the next contact.
BADGE_WIDTHS = (3, 2)
WHEN_WIDTH = 5  # 12-03, 09:30
LONG_WHEN_WIDTH = 8  # 27-01-06: a date in another year
ROOMY_WIDTH = 32  # from here on a row keeps the long date's cells and a company
NAME_WIDTH = 8
COMPANY_MIN_WIDTH = 6  # blanks around a character and its ellipsis; less says nothing
MIN_NAME_WIDTH = 4  # two Chinese characters


# The parts of a row drawn in a style of their own, over the row's base style.
PARTS = ("company", "region", "when", "good", "poor", "unknown", "project", "overdue", "today")
# A date drawn without its year (``when_narrow``) adds the ``year`` style to its own.
YEAR_MARKED = ("when", "overdue")


def row_look(styles: Mapping[str, Style], selected: bool) -> dict[str, Style]:
    """Each part's whole style for a row, selected or not, from ``styles``
    (``base``, ``cursor`` and the parts): added once here, not for every row."""
    base = styles["base"] + styles["cursor"] if selected else styles["base"]
    look = {"base": base, **{part: base + styles[part] for part in PARTS}}
    look.update({f"{part}+year": look[part] + styles["year"] for part in YEAR_MARKED})
    return look


def draw_row(row: LeadRow, width: int, look: Mapping[str, Style],
             mark: Style | None = None) -> Strip:
    """The line for ``row``, ``width`` cells wide, in the styles of ``look``
    (see :func:`row_look`); with ``mark``, its last cell is a blank in that
    style (a list's scroll mark), in the same strip: a list draws dozens of
    new rows on a search's first letter, and each strip costs."""
    body = width - 1 if mark is not None else width
    segments, fits = _row_segments(row, body, look)
    if not fits:  # narrower than the fixed columns: cut to fit
        segments = list(Strip(segments).adjust_cell_length(body, look["base"]))
    if mark is not None:
        segments.append(Segment(" ", mark))
    return Strip(segments, width)


def _row_segments(row: LeadRow, width: int,
                  look: Mapping[str, Style]) -> tuple[list[Segment], bool]:
    """The row's segments, and whether they fit in ``width``. The next contact
    is what a rep triages by: a narrow row gives up the company and region
    first, then the blanks around the marks, then cells of the name; the
    marks and the date keep theirs."""
    base = look["base"]
    when = _when(row, width >= ROOMY_WIDTH, look)
    credit, project = _marks(row, look)
    right = [(" ", base), credit, (" ", base), project, (" ", base), when]
    left = width - 1 - NAME_WIDTH - _cells(right) - 1  # a blank ends the row
    if left >= 0:
        return _roomy_row(row, left, look, right), True
    if left < -1:  # no blank at the end, nor between the marks
        right = [(" ", base), credit, project, (" ", base), when]
    name_width = width - 1 - _cells(right)
    lead = " "
    if name_width < MIN_NAME_WIDTH:  # the border is blank enough
        lead, name_width = "", name_width + 1
    spare = max(name_width - NAME_WIDTH, 0)
    segments = [Segment(lead + pad(row.name, max(name_width - spare, 0)) + " " * spare, base)]
    segments.extend(Segment(text, part_style) for text, part_style in right)
    return segments, name_width >= 1


def _when(row: LeadRow, roomy: bool, look: Mapping[str, Style]) -> tuple[str, Style]:
    """The next contact, right-aligned in its column: a roomy row keeps the
    cells of a date in another year, a narrow one shows it without the year."""
    state = row.when_state or "when"
    if roomy:
        return _pad_left(row.when, LONG_WHEN_WIDTH), look[state]
    if row.when_narrow:
        return _pad_left(row.when_narrow, WHEN_WIDTH), look[f"{state}+year"]
    return _pad_left(row.when, WHEN_WIDTH), look[state]


def _pad_left(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` cells (cut if longer)."""
    text = fit(text, width)
    return " " * (width - cell_len(text)) + text


def _cells(parts: list[tuple[str, Style]]) -> int:
    return sum(cell_len(text) for text, _ in parts)


def _marks(row: LeadRow, look: Mapping[str, Style]) -> list[tuple[str, Style]]:
    """The credit and project marks in their cells (blank if none)."""
    marks = [(pad(badge.text, w), look[badge.kind]) for badge, w in zip(row.badges, BADGE_WIDTHS)]
    marks.extend((" " * w, look["base"]) for w in BADGE_WIDTHS[len(marks):])
    return marks


def _roomy_row(row: LeadRow, left: int, look: Mapping[str, Style],
               right: list[tuple[str, Style]]) -> list[Segment]:
    """The whole name, then company and region in ``left`` cells, then
    ``right`` (the marks and the date) and a blank."""
    base = look["base"]
    region_width = 6 if left >= 16 else 0
    company_width = left - region_width
    segments = [Segment(" " + pad(row.name, NAME_WIDTH), base)]
    if company_width >= COMPANY_MIN_WIDTH:
        segments.append(Segment(" " + pad(row.company, company_width - 2) + " ", look["company"]))
    else:
        segments.append(Segment(" " * company_width, base))
    if region_width:
        segments.append(Segment(pad(row.region, region_width), look["region"]))
    segments.extend(Segment(text, part_style) for text, part_style in right)
    segments.append(Segment(" ", base))
    return segments
