"""``leadboard team init``: make a team's lead base on a PostgreSQL server."""

from __future__ import annotations

import argparse

from store.backends import is_server, shown
from tui.i18n import t


def register(commands, common) -> None:
    parser = commands.add_parser("team", help=t("cli.help.team"))
    common(parser)
    steps = parser.add_subparsers(dest="team_command", required=True,
                                  parser_class=type(parser))
    init = steps.add_parser("init", help=t("cli.help.team_init"))
    common(init)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_OK, UsageError, db_location

    location = db_location(args)
    if not is_server(location):
        raise UsageError(t("team.error.not_server"))
    from store.backends.postgres import SERVER_SCHEMA, init_base  # psycopg: only here

    init_base(location)
    args.saved = True
    print(t("team.init.done", path=shown(location), schema=SERVER_SCHEMA))
    return EXIT_OK
