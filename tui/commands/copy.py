"""``leadboard copy --from A --to B``: a rep's file into the team's server,
or a copy of the server's base out into a new file."""

from __future__ import annotations

import argparse
from pathlib import Path

from store.backends import is_server, shown
from store.copying import copy_base, is_empty
from store.leadstore import LeadStore
from tui.i18n import t


def register(commands, common) -> None:
    parser = commands.add_parser("copy", help=t("cli.help.copy"))
    common(parser)
    parser.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    parser.add_argument("--to", dest="target", required=True, metavar="PATH|URL")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_OK, EXIT_UNREADABLE, UsageError, say

    source, target = _where(args.source), _where(args.target)
    if not is_server(source) and not Path(source).exists():
        say(t("cli.error.missing", path=source))
        return EXIT_UNREADABLE
    if not is_server(target) and Path(target).exists() and Path(target).stat().st_size:
        with LeadStore.open(target, read_only=True) as there:
            if not is_empty(there):
                raise UsageError(t("copy.error.not_empty", path=target))
    with LeadStore.open(source, read_only=True) as origin:
        into = LeadStore.open(target)
        try:
            copied = copy_base(origin, into, shown(source))
            args.saved = True
        finally:
            into.close()
    print(t("copy.done", new=copied.new, merged=copied.merged, records=copied.records,
            path=shown(target)))
    return EXIT_OK


def _where(typed: str) -> str | Path:
    return typed if is_server(typed) else Path(typed).expanduser()
