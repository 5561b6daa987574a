"""What an import says to the rep, in the CLI and in the app alike."""

from __future__ import annotations

from pathlib import Path

from store.importing.merge import CREATED, MERGED, SKIPPED, UNCHANGED
from store.importing.records import Problem
from store.importing.summary import ImportSummary, rejects_csv
from tui.i18n import t

SHOWN_FLAGS = 5


def reason_text(problem: Problem) -> str:
    """Every problem of the row, so that one round of fixes is enough."""
    return t("import.reason.separator").join(
        t(f"import.reason.{reason}", value=value) for reason, value in problem.reasons)


def rejects_text(summary: ImportSummary) -> str:
    columns = (t("import.rejects.file"), t("import.rejects.line"), t("import.rejects.reason"))
    return rejects_csv(summary.rejects, columns, reason_text)


def default_rejects_path(first_file: Path) -> Path:
    return first_file.with_name(f"{first_file.stem}-rejects.csv")


def summary_lines(summary: ImportSummary, dry_run: bool, rejects_path: Path | None) -> list[str]:
    lines = [
        t("import.summary.files", files=", ".join(summary.files), rows=summary.rows),
        t("import.summary.counts", new=summary.new, merged=summary.merged,
          unchanged=summary.unchanged, skipped=summary.skipped, rejected=summary.rejected),
    ]
    if summary.machines:
        counts = summary.machines
        lines.append(t("import.summary.machines", new=counts.get(CREATED, 0),
                       merged=counts.get(MERGED, 0), unchanged=counts.get(UNCHANGED, 0),
                       skipped=counts.get(SKIPPED, 0)))
    for file in summary.machine_lists:
        lines.append(t("import.summary.machine_list", file=file))
    for flag in summary.flags[:SHOWN_FLAGS]:
        lines.append(t("import.summary.flag", file=flag.file, line=flag.line, value=flag.value))
    if len(summary.flags) > SHOWN_FLAGS:
        lines.append(t("import.summary.more", count=len(summary.flags) - SHOWN_FLAGS))
    for file, columns in summary.unknown_columns.items():
        if columns:
            lines.append(t("import.summary.unknown", file=file, columns=", ".join(columns)))
    for problem in summary.rejects[:SHOWN_FLAGS]:
        lines.append(t("import.summary.reject", file=problem.file, line=problem.line,
                       reason=reason_text(problem)))
    if summary.rejected > SHOWN_FLAGS:
        lines.append(t("import.summary.more", count=summary.rejected - SHOWN_FLAGS))
    if rejects_path is not None:
        lines.append(t("import.summary.rejects_written", path=rejects_path))
    if dry_run:
        lines.append(t("import.summary.dry_run"))
    return lines


def outcome_line(summary: ImportSummary, changed: bool) -> str:
    """The last line after an import: what came of it, rejected rows counted."""
    if changed:
        return t("import.saved")
    if not summary.rows:
        return t("import.nothing.no_rows")
    if summary.rejected == summary.rows:
        return t("import.nothing.all_rejected", rejected=summary.rejected)
    if summary.rejected:
        return t("import.nothing.some_rejected", rejected=summary.rejected,
                 rest=summary.rows - summary.rejected)
    return t("import.nothing_changed")
