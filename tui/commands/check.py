"""``leadboard check [--db PATH|URL]``: is this data file (or base on a server) whole?"""

from __future__ import annotations

import argparse

from store.backends import is_server, shown
from store.check import Problem, check_file, check_server
from tui.i18n import t


def register(commands, common) -> None:
    parser = commands.add_parser("check", help=t("cli.help.check"))
    common(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_OK, EXIT_UNREADABLE, db_location

    path = db_location(args)
    if is_server(path):
        return _server(path)
    if not path.is_file():
        print(t("check.missing", path=path))
        return EXIT_UNREADABLE
    report = check_file(path)
    for problem in report.problems:
        print(problem_text(problem))
    if report.ok:
        print(t("check.ok", path=path, leads=report.leads, contacts=report.contacts,
                entries=report.journal_entries))
        return EXIT_OK
    print(t("check.failed", path=path, count=sum(p.serious for p in report.problems)))
    return EXIT_UNREADABLE


def _server(url: str) -> int:
    """The base on a server: its schema and every record, by the file's rules."""
    from tui.cli import EXIT_OK, EXIT_UNREADABLE

    report = check_server(url)  # one that cannot be reached: said by main()
    for problem in report.problems:
        print(problem_text(problem))
    if report.ok:
        print(t("check.ok_server", path=shown(url), schema=report.schema, leads=report.leads,
                contacts=report.contacts, entries=report.journal_entries))
        return EXIT_OK
    print(t("check.failed_server", path=shown(url),
            count=sum(p.serious for p in report.problems)))
    return EXIT_UNREADABLE


def problem_text(problem: Problem) -> str:
    """One problem in the user's language; the store gives codes and values."""
    params = dict(problem.params)
    if problem.code == "unreadable":
        params["why"] = t(f"check.reason.{params['reason']}", **params)
    elif problem.code == "bad_record":
        params["record"] = t(f"check.record.{params['table']}")
        params["fault"] = t(f"check.fault.{params.get('fault', 'other')}", **params)
    return t(f"check.{problem.code}", **params)
