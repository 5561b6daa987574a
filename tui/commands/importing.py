"""``leadboard import FILE...``: leads from CSV, Excel and phone contacts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from store.importing.importer import (
    FORMATS,
    ImportOptions,
    apply_plan,
    open_sheets,
    plan_import,
)
from store.importing.merge import MERGE, ON_DUPLICATE
from store.importing.sheet import ImportFailed
from store.importing.summary import write_rejects
from tui.cli import EXIT_NONE, EXIT_OK, EXIT_SAVE, EXIT_UNREADABLE, default_db, open_store, say
from tui.i18n import error_text, t
from tui.import_text import default_rejects_path, rejects_text, summary_lines


def register(commands, common) -> None:
    parser = commands.add_parser("import", help=t("cli.help.import"))
    common(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help=t("cli.help.import_files"))
    parser.add_argument("--format", choices=FORMATS, default="auto", help=t("cli.help.format"))
    parser.add_argument("--sheet", metavar="NAME", help=t("cli.help.sheet"))
    parser.add_argument("--on-duplicate", choices=ON_DUPLICATE, default=MERGE,
                        help=t("cli.help.on_duplicate"))
    parser.add_argument("--dry-run", action="store_true", help=t("cli.help.dry_run"))
    parser.add_argument("--rejects", type=Path, metavar="PATH", help=t("cli.help.rejects"))
    parser.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    options = ImportOptions(args.format, args.on_duplicate, args.sheet)
    try:
        # Every file is checked before the database is opened at all.
        sheets = open_sheets(args.files, options)
    except ImportFailed as exc:
        say(error_text(exc))
        return EXIT_UNREADABLE
    # A dry run only reads, so it works while the app has the file open.
    store = open_store(args.db or default_db(), read_only=args.dry_run)
    done = False
    try:
        code, summary, rejects_path = _import(store, sheets, options, args)
        done = code == EXIT_OK
    finally:
        store.close(fold=done)  # a failed import leaves every file as it was
    if done:
        print("\n".join(summary_lines(summary, args.dry_run, rejects_path)))
        return EXIT_OK if summary.rows else EXIT_NONE
    return code


def _import(store, sheets, options, args):
    try:
        plan = plan_import(store, sheets, options, _progress_line())
    except ImportFailed as exc:
        say(error_text(exc))
        return EXIT_UNREADABLE, None, None
    finally:
        _clear_progress()
    rejects_path = None
    if plan.summary.rejects and not args.dry_run:
        rejects_path = args.rejects or default_rejects_path(args.files[0])
        try:
            write_rejects(rejects_path, rejects_text(plan.summary))
        except OSError as exc:
            say(t("import.error.rejects", path=rejects_path, detail=exc.strerror or exc))
            return EXIT_SAVE, None, None
    if not args.dry_run:
        apply_plan(store, plan)
    return EXIT_OK, plan.summary, rejects_path


def _progress_line():
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
