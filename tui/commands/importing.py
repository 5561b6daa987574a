"""``leadboard import FILE...``: leads from CSV, Excel and phone contacts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from store.importing.headers import KINDS
from store.importing.importer import (
    FORMATS,
    ImportOptions,
    ImportPlan,
    Progress,
    apply_plan,
    open_sheets,
    plan_import,
)
from store.importing.merge import MERGE, ON_DUPLICATE
from store.importing.summary import write_rejects
from store.leadstore import LeadStore
from tui.cli import EXIT_NONE, EXIT_OK, EXIT_SAVE, close_saved, db_location, say
from tui.i18n import t
from tui.import_text import default_rejects_path, rejects_text, summary_lines


def register(commands, common) -> None:
    parser = commands.add_parser("import", help=t("cli.help.import"))
    common(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help=t("cli.help.import_files"))
    parser.add_argument("--format", choices=FORMATS, default="auto", help=t("cli.help.format"))
    parser.add_argument("--sheet", metavar="NAME", help=t("cli.help.sheet"))
    parser.add_argument("--kind", choices=KINDS, default="auto", help=t("cli.help.kind"))
    parser.add_argument("--on-duplicate", choices=ON_DUPLICATE, default=MERGE,
                        help=t("cli.help.on_duplicate"))
    parser.add_argument("--dry-run", action="store_true", help=t("cli.help.dry_run"))
    parser.add_argument("--rejects", type=Path, metavar="PATH", help=t("cli.help.rejects"))
    parser.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    """A file that cannot be read raises ImportFailed, an unreadable file
    to ``tui.cli.main``: one line, exit code 3."""
    options = ImportOptions(args.format, args.on_duplicate, args.sheet, args.kind)
    sheets = open_sheets(args.files, options)  # all checked before the database is opened
    # A dry run only reads, so it works while the app has the file open.
    store = LeadStore.open(db_location(args), read_only=args.dry_run)
    try:
        try:
            plan = plan_import(store, sheets, options, _progress_line())
        finally:
            _clear_progress()
        rejects_path = None
        if plan.summary.rejects and not args.dry_run:
            rejects_path = args.rejects or default_rejects_path(args.files[0])
            if not _wrote_rejects(rejects_path, plan):
                store.close(fold=False)
                return EXIT_SAVE
        if not args.dry_run:
            apply_plan(store, plan)
            args.saved = bool(plan.planned)  # said even when the summary cannot be
    except BaseException:
        store.close(fold=False)  # a failed import leaves every file as it was
        raise
    not_folded = close_saved(store)
    print("\n".join(summary_lines(plan.summary, args.dry_run, rejects_path)))
    if not_folded is not None:
        raise not_folded  # after the summary: the leads are saved
    return EXIT_OK if plan.summary.rows else EXIT_NONE


def _wrote_rejects(path: Path, plan: ImportPlan) -> bool:
    try:
        write_rejects(path, rejects_text(plan.summary))
    except OSError as exc:
        say(t("import.error.rejects", path=path, detail=exc.strerror or exc))
        return False
    return True


def _progress_line() -> Progress | None:
    """A progress line on stderr, only where a person watches it."""
    if not sys.stderr.isatty():
        return None

    def show(rows: int, fraction: float) -> None:
        sys.stderr.write("\r" + t("import.progress", percent=int(fraction * 100), rows=rows))
        sys.stderr.flush()

    return show


def _clear_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
