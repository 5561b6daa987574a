"""What an import did, row by row accounted for, and the rejects file."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from store.export import safe_cell
from store.importing.merge import CREATED, MERGED, SKIPPED, UNCHANGED
from store.importing.records import Problem
from store.safe_files import replace


@dataclass
class ImportSummary:
    files: list[str] = field(default_factory=list)
    rows: int = 0
    new: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejects: list[Problem] = field(default_factory=list)
    flags: list[Problem] = field(default_factory=list)  # imported, with a value set aside
    unknown_columns: dict[str, list[str]] = field(default_factory=dict)  # file -> headers
    machine_lists: list[str] = field(default_factory=list)  # files read as machine lists
    machines: dict[str, int] = field(default_factory=dict)  # outcome -> machines

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    def count(self, outcome: str) -> None:
        if outcome == CREATED:
            self.new += 1
        elif outcome == MERGED:
            self.merged += 1
        elif outcome == UNCHANGED:
            self.unchanged += 1
        elif outcome == SKIPPED:
            self.skipped += 1

    def count_machine(self, outcome: str) -> None:
        self.machines[outcome] = self.machines.get(outcome, 0) + 1


def rejects_csv(rejects: list[Problem], columns: tuple[str, str, str],
                reason_text: Callable[[Problem], str]) -> str:
    """The rejected rows as CSV: file, line, reason, then the row's own columns
    (the union over all files, in order), ready to fix and import again."""
    headers: list[str] = []
    for problem in rejects:
        headers += [h for h, _v in problem.cells if h not in headers]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*columns, *map(safe_cell, headers)])
    for problem in rejects:
        cells = dict(problem.cells)
        writer.writerow([safe_cell(problem.file), problem.line, safe_cell(reason_text(problem)),
                         *(safe_cell(cells.get(h, "")) for h in headers)])
    return out.getvalue()


def write_rejects(path: Path, text: str) -> None:
    """UTF-8 with a BOM, so that Excel on Chinese Windows opens it right;
    readable by the owner alone, since it holds customers' data."""
    replace(path, text.encode("utf-8-sig"))
