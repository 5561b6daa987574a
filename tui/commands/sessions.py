"""``leadboard sessions [--db PATH]``: the triage sessions kept in a data file."""

from __future__ import annotations

import argparse

from tui.i18n import t


def register(commands, common) -> None:
    parser = commands.add_parser("sessions", help=t("cli.help.sessions"))
    common(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from store.leadstore import LeadStore
    from tui.cli import EXIT_NONE, EXIT_OK, db_location

    store = LeadStore.open(db_location(args), read_only=True)
    records = sorted(store.sessions.values(), key=lambda record: record.started)
    if not records:
        print(t("sessions.none"))
        return EXIT_NONE
    for record in records:
        minutes = max(int((record.ended - record.started).total_seconds() // 60), 0)
        counts = ", ".join(f"{t(f'summary.{k}')} {v}" for k, v in record.counts.items() if v)
        if record.lost_reasons:
            reasons = ", ".join(f"{reason} {n}" for reason, n in record.lost_reasons.items())
            counts += t("sessions.lost_reasons", reasons=reasons)
        print(t("sessions.line", started=f"{record.started:%Y-%m-%d %H:%M}", minutes=minutes,
                queued=record.queued, counts=counts or "—"))
    return EXIT_OK
