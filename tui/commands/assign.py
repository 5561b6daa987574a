"""``leadboard assign LEAD REP`` hands one lead to a rep ("-": the team's
pool); ``leadboard assign --from REP --to REP`` hands over every lead of one
rep, in one step. The manager's, on a team's base."""

from __future__ import annotations

import argparse

from store.backends import is_server
from store.leadstore import LeadStore
from tui.i18n import t


def register(commands, common) -> None:
    parser = commands.add_parser("assign", help=t("cli.help.assign"))
    common(parser)
    parser.add_argument("lead", nargs="?", type=int, metavar="LEAD", help=t("cli.help.assign_lead"))
    parser.add_argument("rep", nargs="?", metavar="REP", help=t("cli.help.assign_rep"))
    parser.add_argument("--from", dest="from_rep", metavar="REP", help=t("cli.help.assign_from"))
    parser.add_argument("--to", dest="to_rep", metavar="REP", help=t("cli.help.assign_to"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_NONE, EXIT_OK, UsageError, close_saved, db_location

    one = args.lead is not None and args.rep is not None
    every = args.from_rep is not None and args.to_rep is not None
    if one == every or (every and (args.lead is not None or args.rep is not None)):
        raise UsageError(t("assign.error.how"))
    location = db_location(args)
    if not is_server(location):
        raise UsageError(t("assign.error.not_server"))
    store = LeadStore.open(location)
    try:
        if one:
            moved = store.assign([args.lead], args.rep)
            args.saved = bool(moved)
            lead = store.lead(args.lead)
            print(t("assign.done" if moved else "assign.already", id=lead.id, name=lead.name,
                    rep=_whose(args.rep)))
        else:
            moved = store.hand_over(args.from_rep, args.to_rep)
            args.saved = bool(moved)
            print(t("assign.handed_over", count=len(moved), old=_whose(args.from_rep),
                    rep=_whose(args.to_rep)))
    finally:
        close_saved(store)
    return EXIT_OK if moved else EXIT_NONE


def _whose(rep: str) -> str:
    return t("assign.pool") if rep.strip() in ("", "-") else rep.strip()
