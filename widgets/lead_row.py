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
WHEN_WIDTH = 5
NAME_WIDTH = 8


# The parts of a row drawn in a style of their own, over the row's base style.
PARTS = ("company", "region", "when", "good", "poor", "unknown", "project", "overdue", "today")


def row_look(styles: Mapping[str, Style], selected: bool) -> dict[str, Style]:
    """Each part's whole style for a row, selected or not, from ``styles``
    (``base``, ``cursor`` and the parts): added once here, not for every row."""
    base = styles["base"] + styles["cursor"] if selected else styles["base"]
    return {"base": base, **{part: base + styles[part] for part in PARTS}}


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
    """The row's segments, and whether they fit in ``width`` (the name,
    badges and next contact take their cells whatever the width)."""
    base = look["base"]
    right: list[tuple[str, Style]] = []
    for badge, badge_width in zip(row.badges, BADGE_WIDTHS):
        right.append((pad(badge.text, badge_width), look[badge.kind]))
    right.extend((" " * w, base) for w in BADGE_WIDTHS[len(right):])
    right.append((pad(row.when, WHEN_WIDTH), look[row.when_state or "when"]))
    right_width = sum(BADGE_WIDTHS) + WHEN_WIDTH + len(right)
    left = width - right_width - NAME_WIDTH - 2
    region_width = 6 if left >= 16 else 0
    company_width = left - region_width
    segments = [Segment(" " + pad(row.name, NAME_WIDTH), base)]
    if company_width >= 4:
        segments.append(Segment(" " + pad(row.company, company_width - 2) + " ", look["company"]))
    else:
        segments.append(Segment(" " * max(company_width, 0), base))
    if region_width:
        segments.append(Segment(pad(row.region, region_width), look["region"]))
    for text, part_style in right:
        segments.append(Segment(" ", base))
        segments.append(Segment(text, part_style))
    segments.append(Segment(" ", base))
    return segments, company_width >= 0
