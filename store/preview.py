"""A preview of the board, kept beside a large data file, so that the next
start paints the board at once while the leads load behind it.

It holds what the board's first screen can show: each place's count and its
first rows. It is written when the app closes and trusted only while the data
file and its journal are exactly as they were then (size, time and inode), so
a change made anywhere else (another copy of the app, an import, a restore)
sets it aside.

Time moves leads between buckets (a planned contact falls due), so besides
each place's first rows in every bucket the preview keeps every lead whose
next contact falls within :data:`WINDOW`; the order is worked out again at
start from the clock, as the board works it out. After :data:`VALID_FOR` the
window may no longer hold every lead that could have come up, and the
preview is set aside.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from store.board import PLACES, TRAY, BoardIndex, order_key, row_fields
from store.errors import UnsafeFile
from store.grading import priority
from store.safe_files import read_private, replace

if TYPE_CHECKING:  # a preview is read at start without the store
    from store.leadstore import LeadStore

FORMAT = 1
# Leads. Painted from its preview, a board starts without the store's and
# the full board's modules (about a third of a start at 1,000 leads); below
# this a second file holding customers' names is not worth the moment.
PREVIEW_FROM = 500
ROWS = 80  # first rows kept per place and bucket: more than a terminal shows
WINDOW = timedelta(days=4)
VALID_FOR = WINDOW - timedelta(days=1)  # a lead planned past the window stays "upcoming"


def preview_path(db_path: Path) -> Path:
    return Path(f"{db_path}.preview")


@dataclass(frozen=True, slots=True)
class PreviewLead:
    """One lead as a board row shows it."""

    lead_id: int
    name: str
    company: str
    region: str
    next_contact: datetime | None
    credit: str
    has_project: bool
    score: int


# A preview lead's fields as read, in PreviewLead's order: at 100k leads a
# place has thousands of candidates, and only its first rows become leads.
Candidate = tuple


@dataclass(frozen=True, slots=True)
class BoardPreview:
    lead_count: int
    counts: dict[int, int]  # place -> leads there
    candidates: dict[int, list[Candidate]]  # place -> every lead that may come first

    def rows(self, place: int, now: datetime) -> list[PreviewLead]:
        """The place's first rows at ``now``, in the board's order."""
        def key(lead: Candidate) -> tuple:
            return order_key(place, lead[0], lead[4], lead[7], now)

        return [PreviewLead(*lead) for lead in
                sorted(self.candidates.get(place, []), key=key)[:ROWS]]


# ---------------------------------------------------------------- stamps
def _stamp(path: Path) -> list[int] | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _stamps(db_path: Path) -> list[list[int] | None]:
    return [_stamp(db_path), _stamp(Path(f"{db_path}.journal"))]


# ---------------------------------------------------------------- writing
def close_with_preview(store: LeadStore, order: BoardIndex | None = None) -> None:
    """Fold the journal, keep the board's preview beside a large file for the
    next start, and let go of the file. ``order``: the board's order for all
    its usual leads, when at hand (else it is worked out here)."""
    try:
        if not store.read_only:
            store.compact()  # first: the preview describes the folded file
            try:
                save_preview(store, order)
            except (OSError, UnsafeFile):
                pass  # only a preview: the next start loads the slow way
    finally:
        store.close()


def save_preview(store: LeadStore, order: BoardIndex | None = None) -> None:
    """Write the preview of the board in ``order`` (worked out here when
    None). Call it with the store's journal folded and its lock still held,
    so that the stamps are of the files the preview describes. A small board
    has no preview, and an old one is removed (it holds customers' names)."""
    if store.path is None:
        return  # a base on a server: there is no file to put a preview beside
    path = preview_path(store.path)
    if len(store.leads) < PREVIEW_FROM:
        path.unlink(missing_ok=True)
        return
    if order is None:
        order = BoardIndex(store, store.now())
    places, now = order.places, order.now
    candidates = {place: _candidates(store, place, ids, now) for place, ids in places.items()}
    data = {
        "format": FORMAT,
        "written": now.isoformat(),
        "stamps": _stamps(store.path),
        "lead_count": len(store.leads),
        "counts": {str(place): len(ids) for place, ids in places.items()},
        "rows": {str(place): [_row(store, i) for i in ids] for place, ids in candidates.items()},
    }
    replace(path, orjson.dumps(data))


def _candidates(store: LeadStore, place: int, ids: list[int], now: datetime) -> list[int]:
    """The leads of a place that may be among its first rows at any time
    within :data:`VALID_FOR`: the first of each kind, in the board's order,
    and every lead planned within the window."""
    if place == TRAY:
        return ids[:ROWS]
    taken: dict[str, int] = {"overdue": 0, "none": 0, "later": 0}
    ends = now + WINDOW
    chosen = []
    for lead_id in ids:
        planned = store.next_contact(lead_id)
        kind = ("none" if planned is None else "overdue" if planned < now
                else "soon" if planned < ends else "later")
        if kind == "soon":
            chosen.append(lead_id)
        elif taken[kind] < ROWS:
            taken[kind] += 1
            chosen.append(lead_id)
    return chosen


def _row(store: LeadStore, lead_id: int) -> list:
    name, company, region, credit, has_project = row_fields(store, lead_id)
    intent, funding = store.leads_field(lead_id, "intent"), store.leads_field(lead_id, "funding")
    planned = store.next_contact(lead_id)
    return [lead_id, name, company, region, planned.isoformat() if planned else None,
            credit, has_project, priority(intent, funding, credit, has_project)]


# ---------------------------------------------------------------- reading
def read_preview(db_path: Path, now: datetime) -> BoardPreview | None:
    """The preview of ``db_path`` if it still describes it at ``now``; None
    otherwise (no preview, another format, files changed since, too old)."""
    path = preview_path(db_path)
    try:
        data = orjson.loads(read_private(path))
        if data["format"] != FORMAT or data["stamps"] != _stamps(db_path):
            return None
        written = datetime.fromisoformat(data["written"])
        if not written <= now < written + VALID_FOR:
            return None
        found = BoardPreview(
            lead_count=data["lead_count"],
            counts={int(place): count for place, count in data["counts"].items()},
            candidates={int(place): _candidates_read(rows) for place, rows in data["rows"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, UnsafeFile):
        return None  # only a preview: the board loads the slow way
    return found if _sound(found) else None


def _sound(found: BoardPreview) -> bool:
    """Whether every value has the type the board draws it from: a preview
    damaged by hand (or by a disk) is set aside, never drawn."""
    places = set(PLACES)
    return (_is(found.lead_count, int)
            and set(found.counts) <= places and all(_is(n, int) for n in found.counts.values())
            and set(found.candidates) <= places)


def _is(value: object, kind: type) -> bool:
    return type(value) is kind


# What each field of a row holds (the planned time, a text or nothing, is read on).
_KINDS = ({int}, {str}, {str}, {str}, None, {str}, {bool}, {int})


def _candidates_read(rows: list[list]) -> list[Candidate]:
    """A place's rows, checked a column at a time (thousands at 100k leads):
    a value of another type anywhere raises ValueError (or TypeError), and
    the preview is set aside."""
    if not rows:
        return []
    if any(type(row) is not list or len(row) != len(_KINDS) for row in rows):
        raise ValueError("a preview row of another shape")
    columns = list(zip(*rows))
    for column, kinds in zip(columns, _KINDS):
        if kinds is not None and not set(map(type, column)) <= kinds:
            raise ValueError("a preview value of another type")
    columns[4] = [datetime.fromisoformat(planned) if planned else None for planned in columns[4]]
    return list(zip(*columns))

