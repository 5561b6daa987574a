"""An import from start to end: read every file, plan, then one commit.

All files are opened (and so checked) before a single row is planned, and
the plan is saved with one ``commit``: one journal entry, one undo step. A
file that cannot be read, an interrupt or a crash before that leaves the
database as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from store.codec import lead_from_doc, machine_from_doc
from store.importing.csv_reader import read_csv
from store.importing.headers import KINDS
from store.importing.machine_merge import MachinePlan
from store.importing.machine_runs import OwnerRuns
from store.importing.merge import MERGE, UNCHANGED, MergePlan
from store.importing.records import Incoming, RowReader, RowRejected
from store.importing.sheet import ImportFailed, Sheet, read_head
from store.importing.summary import ImportSummary
from store.importing.vcard import read_vcard
from store.importing.xlsx_reader import OLE_MAGIC, read_xlsx
from store.leadstore import Change, LeadStore, collector_paused

FORMATS = ("auto", "csv", "xlsx", "vcf")
PROGRESS_EVERY = 1000  # rows between two progress reports

# Told (rows read so far, fraction of all files read 0-1) as the import goes.
Progress = Callable[[int, float], None]


@dataclass
class ImportOptions:
    fmt: str = "auto"
    on_duplicate: str = MERGE
    sheet: str | None = None
    kind: str = "auto"  # leads, machines, or told by the headers (KINDS)


@dataclass
class ImportPlan:
    # As ``LeadStore.commit`` takes them: a new lead as its document, ready to save.
    planned: list[Change] = field(default_factory=list)
    summary: ImportSummary = field(default_factory=ImportSummary)

    @property
    def changes(self) -> list[Change]:
        """The planned changes with every object built, to look at (slow for many)."""
        return [(table, i, before, _BUILD[table](i, after) if isinstance(after, dict) else after)
                for table, i, before, after in self.planned]


_BUILD = {"leads": lead_from_doc, "machines": machine_from_doc}


def detect_format(path: Path, fmt: str = "auto") -> str:
    """What the file is, by its first bytes, else by its name.

    Bytes first: web systems save CSV as ``.xls``, and a workbook renamed
    ``.csv`` is still a workbook.
    """
    if fmt != "auto":
        return fmt
    head = read_head(path)
    if head.startswith((b"PK\x03\x04", OLE_MAGIC)):
        return "xlsx"  # an OLE file is refused there, as .xls or encrypted
    if path.suffix.lower() in WORKBOOK_SUFFIXES and _scrambled(head):
        # Neither a workbook nor text under a workbook's name: a document
        # protection (DLP) system encrypted it, and only it can open it.
        raise ImportFailed(path, "protected")
    if b"BEGIN:VCARD" in head.upper() or path.suffix.lower() in (".vcf", ".vcard"):
        return "vcf"
    return "csv"


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")


def _scrambled(head: bytes) -> bool:
    """Bytes no text file has: NUL, or more than a few other control bytes."""
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return b"\x00" in head or controls > len(head) // 100


def open_sheet(path: Path, options: ImportOptions) -> Sheet:
    fmt = detect_format(path, options.fmt)
    if fmt == "xlsx":
        return read_xlsx(path, options.sheet)
    if fmt == "vcf":
        return read_vcard(path)
    if fmt == "csv":
        return read_csv(path)
    raise ImportFailed(path, "format", fmt)


def open_sheets(paths: Sequence[Path], options: ImportOptions) -> list[Sheet]:
    """Open every file first: one that cannot be read stops the import
    before anything else is touched."""
    return [open_sheet(Path(p), options) for p in paths]


def plan_import(store: LeadStore, sources: Sequence[Path | Sheet], options: ImportOptions,
                progress: Progress | None = None) -> ImportPlan:
    """Read every file (or sheet already opened) and plan the changes;
    nothing is written."""
    sheets = [s if isinstance(s, Sheet) else open_sheet(Path(s), options) for s in sources]
    with collector_paused():
        return _plan(store, sheets, options, progress)


def _plan(store: LeadStore, sheets: list[Sheet], options: ImportOptions,
          progress: Progress | None) -> ImportPlan:
    sizes = [max(_size(sheet.path), 1) for sheet in sheets]
    total, before = sum(sizes), 0
    if options.kind not in KINDS:
        raise ValueError(options.kind)
    merge = MergePlan(store, options.on_duplicate)
    machines = MachinePlan(store, options.on_duplicate)
    summary = ImportSummary(files=[sheet.path.name for sheet in sheets])
    for sheet, size in zip(sheets, sizes):
        reader = RowReader(sheet, options.kind)
        if reader.kind == "machines":
            summary.machine_lists.append(reader.file)
        runs = OwnerRuns.of(reader, merge, machines, summary)
        for line, cells in sheet.rows:
            if runs is None or not runs.plan(line, cells):
                row = _plan_row(reader, line, cells, merge, machines, summary)
                if runs is not None:
                    runs.follow(cells, None if row is _HEADING else row)
                if row is None or row is _HEADING:
                    continue
                if row.flags:
                    summary.flags += row.flags
            summary.rows += 1
            if progress is not None and summary.rows % PROGRESS_EVERY == 0:
                progress(summary.rows, (before + size * sheet.done()) / total)
        summary.unknown_columns[reader.file] = reader.unknown
        before += size
    if progress is not None:
        progress(summary.rows, 1.0)
    return ImportPlan(merge.changes() + machines.changes(), summary)


_HEADING = Incoming("", 0)  # a department's heading: no row, as a title is none


def _plan_row(reader: RowReader, line: int, cells: list, merge: MergePlan,
              machines: MachinePlan, summary: ImportSummary) -> Incoming | None:
    """Plan one row the ordinary way: the row planned, None for a row
    refused (its problem noted), or ``_HEADING``."""
    try:
        row = reader.read(line, cells)
        if row is None:
            return _HEADING
        if row.is_machine:
            _add_machine(row, merge, machines, summary)
        else:
            summary.count(merge.add(row))
    except RowRejected as exc:
        summary.rows += 1
        summary.rejects.append(reader.problem(line, cells, exc))
        return None
    return row


def _add_machine(row: Incoming, merge: MergePlan, machines: MachinePlan,
                 summary: ImportSummary) -> None:
    """A machine and its owner's lead, both or neither: every check that can
    refuse the row is made before either is planned."""
    # An owner's machines on consecutive rows: his lead is read and matched once.
    repeat = row.owned and merge.repeats(row)
    found = merge.last_id if repeat else merge.owner(row) if row.owned else None
    pending = machines.prepare(row, found)
    owner = None
    if row.owned:
        summary.count(UNCHANGED if repeat else merge.add(row, found))
        owner = merge.last_id
    summary.count_machine(machines.apply(pending, owner))


def apply_plan(store: LeadStore, plan: ImportPlan) -> None:
    """Save the plan as one change (nothing at all when it changes nothing)."""
    if plan.planned:
        with collector_paused():
            store.commit("import", plan.planned)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 1
