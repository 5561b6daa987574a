"""``leadboard settings``: show or change the grading line and the review cadence."""

from __future__ import annotations

import argparse

from store.grading import valid_threshold
from tui.i18n import t


def register(commands, common) -> None:
    parser = commands.add_parser("settings", help=t("cli.help.settings"))
    common(parser)
    parser.add_argument("--threshold", type=int, metavar="T", help=t("cli.help.threshold"))
    parser.add_argument("--review-days", type=int, metavar="N", help=t("cli.help.review_days"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_OK, UsageError, default_db, open_store

    changes = {}
    if args.threshold is not None:
        if not valid_threshold(args.threshold):
            raise UsageError(t("cli.error.threshold"))
        changes["threshold"] = args.threshold
    if args.review_days is not None:
        if args.review_days < 1:
            raise UsageError(t("cli.error.review_days"))
        changes["review_days"] = args.review_days
    store = open_store(args.db or default_db(), read_only=not changes)
    try:
        settings = store.update_settings(**changes) if changes else store.settings
    finally:
        store.close()
    print(t("settings.show", threshold=settings.threshold, review_days=settings.review_days,
            cadence=", ".join(f"Q{q} {d}" for q, d in sorted(settings.cadence_days.items()))))
    return EXIT_OK
