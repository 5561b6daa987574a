"""``leadboard restore [--db PATH] [--backup N] [--list]``: go back to a kept snapshot."""

from __future__ import annotations

import argparse
from datetime import datetime

from store.backends import is_server, shown
from store.backups import list_backups
from store.restore import restore, salvageable
from tui.i18n import t


def register(commands, common) -> None:
    parser = commands.add_parser("restore", help=t("cli.help.restore"))
    common(parser)
    parser.add_argument("--backup", type=int, default=None, metavar="N", help=t("cli.help.backup"))
    parser.add_argument("--list", action="store_true", help=t("cli.help.list_backups"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_NONE, EXIT_OK, db_location

    path = db_location(args)
    if is_server(path):  # the server's own backups (pg_dump …) are its keeper's
        print(t("restore.server", path=shown(path)))
        return EXIT_NONE
    backups = list_backups(path)
    if not backups and (args.list or args.backup is not None or not salvageable(path)):
        print(t("restore.none", path=path))
        return EXIT_NONE
    if args.list:
        for number, backup in enumerate(backups, start=1):
            when = datetime.fromtimestamp(backup.stat().st_mtime)
            print(t("restore.item", number=number, when=f"{when:%Y-%m-%d %H:%M:%S}",
                    size=backup.stat().st_size))
        return EXIT_OK
    restored = restore(path, args.backup)
    args.saved = True
    for moved in restored.aside:
        print(t("restore.aside", path=moved))
    if restored.backup is None:
        print(t("restore.salvaged", path=path, count=restored.kept_changes))
    else:
        print(t("restore.done", path=path, backup=restored.backup.name))
    return EXIT_OK
