"""``leadboard team init``: make a team's lead base on a PostgreSQL server;
``leadboard team add REP [--manager]``: give a rep (or the manager) a place in it."""

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
    add = steps.add_parser("add", help=t("cli.help.team_add"))
    common(add)
    add.add_argument("rep", metavar="REP", help=t("cli.help.team_rep"))
    add.add_argument("--manager", action="store_true", help=t("cli.help.team_manager"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_OK, UsageError, db_location

    location = db_location(args)
    if not is_server(location):
        raise UsageError(t("team.error.not_server" if args.team_command == "init"
                           else "team.error.not_server_add"))
    if args.team_command == "add":
        return _add(location, args.rep, args.manager)
    from store.backends.postgres import SERVER_SCHEMA, init_base  # psycopg: only here

    init_base(location)
    args.saved = True
    print(t("team.init.done", path=shown(location), schema=SERVER_SCHEMA))
    return EXIT_OK


def _add(location: str, rep: str, manager: bool) -> int:
    import psycopg

    from store.backends.postgres import connect, schema_version
    from store.backends.team import add_rep
    from store.errors import ServerFailed
    from tui.cli import EXIT_OK

    with connect(location) as conn:
        schema_version(conn, shown(location))
        try:
            new = add_rep(conn, rep, manager)
        except psycopg.Error as exc:
            raise ServerFailed(shown(location), str(exc).strip().splitlines()[0]) from None
    standing = "manager" if manager else "rep"
    print(t(f"team.add.{standing}", rep=rep, path=shown(location))
          + ("" if new else " " + t("team.add.existed")))
    return EXIT_OK
