"""``leadboard export``: the plan as JSON, iCalendar or CSV, or with
``--intel`` the market intelligence as JSON, to a file or stdout."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from store.dates import DateInputError
from store.export import Format, gather, render, write_export
from store.intel_export import to_json as intel_json
from store.leadstore import LeadStore
from store.plan import Period
from store.text import clean, json_escaped, visible
from tui.cli import EXIT_OK, EXIT_SAVE, UsageError, db_location, say
from tui.export_words import export_span, export_words, read_day
from tui.i18n import error_text, t


def register(commands, common) -> None:
    parser = commands.add_parser("export", help=t("cli.help.export"))
    common(parser)
    parser.add_argument("--format", choices=[f.value for f in Format], default="json",
                        help=t("cli.help.export_format"))
    parser.add_argument("--period", choices=[p.value for p in Period], default=None,
                        help=t("cli.help.export_period"))
    parser.add_argument("--from", dest="first", metavar="DATE", help=t("cli.help.export_from"))
    parser.add_argument("--to", dest="last", metavar="DATE", help=t("cli.help.export_to"))
    parser.add_argument("-o", "--output", default="-", metavar="FILE",
                        help=t("cli.help.export_output"))
    parser.add_argument("--intel", action="store_true", help=t("cli.help.export_intel"))
    parser.add_argument("--region", default=None, metavar="R",
                        help=t("cli.help.export_region"))
    parser.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    if args.intel:
        return cmd_export_intel(args)
    if args.region is not None:
        raise UsageError(t("cli.error.region_without_intel"))
    store = LeadStore.open(db_location(args), read_only=True)
    try:
        now = store.now()
        try:
            first = read_day(args.first, now) if args.first else None
            last = read_day(args.last, now) if args.last else None
            span, kind = export_span(Period(args.period or Period.WEEK), now, first, last)
        except DateInputError as exc:
            raise UsageError(error_text(exc)) from None
        plan = gather(store, span, kind)
        data = render(store, plan, Format(args.format), export_words())
    finally:
        store.close()
    if not deliver(data, args.output, lambda d: _for_stdout(d, args.format), "export.failed"):
        return EXIT_SAVE
    if args.output != "-":
        say(t("export.written", count=len(plan.contacts), overdue=len(plan.overdue),
              path=args.output))
    return EXIT_OK


def cmd_export_intel(args: argparse.Namespace) -> int:
    """The market intelligence instead of the plan: a document of its own
    (``leadboard.intel/1``), so that a reader of either format gets one."""
    if args.format != Format.JSON:
        raise UsageError(t("cli.error.intel_format", format=args.format))
    given = [name for name, value in (("--period", args.period), ("--from", args.first),
                                      ("--to", args.last)) if value is not None]
    if given:
        raise UsageError(t("cli.error.intel_period", options=" ".join(given)))
    region = clean(args.region or "").strip()
    store = LeadStore.open(db_location(args), read_only=True)
    try:
        data, counts = intel_json(store, region)
    finally:
        store.close()
    if not deliver(data, args.output, lambda d: _for_stdout(d, "json"), "export.failed"):
        return EXIT_SAVE
    if args.output != "-":
        say(t("export.intel_written", path=args.output, **counts))
    return EXIT_OK


def deliver(data: bytes, output: str, on_stdout: Callable[[bytes], bytes],
            failed: str) -> bool:
    """``data`` to standard output (``-``, made safe for a terminal by
    ``on_stdout``) or written atomically to the file ``output``; False, once
    the message ``failed`` has said why, when the file could not be written."""
    if output == "-":
        sys.stdout.buffer.write(on_stdout(data))
        sys.stdout.flush()
        return True
    try:
        write_export(Path(output).expanduser(), data)
    except OSError as exc:
        say(t(failed, path=output, detail=exc.strerror or str(exc)))
        return False
    return True


def _for_stdout(data: bytes, fmt: str) -> bytes:
    """JSON with its control characters escaped (the same JSON); the other
    formats as they are into a pipe or a file, and on a terminal with them
    made visible, so that a name never sends the terminal an escape."""
    if fmt == "json":
        return json_escaped(data.decode("utf-8")).encode("utf-8")
    if sys.stdout.isatty():
        return visible(data.decode("utf-8").replace("\r\n", "\n"), multiline=True).encode("utf-8")
    return data
