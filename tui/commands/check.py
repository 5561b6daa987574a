"""``leadboard check [--db PATH]``: is this data file whole?"""

from __future__ import annotations

import argparse

from store.check import check_file
from tui.i18n import t


def register(commands, common) -> None:
    parser = commands.add_parser("check", help=t("cli.help.check"))
    common(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_OK, EXIT_UNREADABLE, default_db

    path = args.db or default_db()
    if not path.is_file():
        print(t("check.missing", path=path))
        return EXIT_UNREADABLE
    report = check_file(path)
    for problem in report.problems:
        print(t(f"check.{problem.code}", **problem.params))
    if report.ok:
        print(t("check.ok", path=path, leads=report.leads, contacts=report.contacts,
                entries=report.journal_entries))
        return EXIT_OK
    print(t("check.failed", path=path, count=sum(p.serious for p in report.problems)))
    return EXIT_UNREADABLE
