"""``leadboard report``: the insights as text, JSON or an Excel workbook."""

from __future__ import annotations

import argparse

from store.dates import DateInputError
from store.insights import Reach, Scope, compute
from store.insights.chosen import query_leads
from store.insights.document import to_json
from store.insights.text import to_text
from store.leadstore import LeadStore
from store.search import BadQuery
from store.text import clean, json_escaped, visible
from tui.cli import EXIT_OK, EXIT_SAVE, UsageError, db_location, say
from tui.commands.export import deliver
from tui.export_words import read_day
from tui.i18n import error_text, t
from tui.insight_words import report_span, report_words

FORMATS = ("text", "json", "xlsx")


def register(commands, common) -> None:
    parser = commands.add_parser("report", help=t("cli.help.report"))
    common(parser)
    parser.add_argument("--period", choices=[r.value for r in Reach], default="month",
                        help=t("cli.help.report_period"))
    parser.add_argument("--from", dest="first", metavar="DATE", help=t("cli.help.report_from"))
    parser.add_argument("--to", dest="last", metavar="DATE", help=t("cli.help.report_to"))
    parser.add_argument("--query", default="", metavar="Q", help=t("cli.help.report_query"))
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help=t("cli.help.report_format"))
    parser.add_argument("-o", "--output", default="-", metavar="FILE",
                        help=t("cli.help.report_output"))
    parser.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    text = clean(args.query)
    store = LeadStore.open(db_location(args), read_only=True)
    try:
        now = store.now()
        try:
            first = read_day(args.first, now) if args.first else None
            last = read_day(args.last, now) if args.last else None
            span, kind = report_span(Reach(args.period), now, first, last)
            chosen = query_leads(store, text)
        except (DateInputError, BadQuery) as exc:
            raise UsageError(error_text(exc)) from None
        insights = compute(store, Scope(span, kind, now, chosen, text))
    finally:
        store.close()
    data = render(insights, args.format)
    if not deliver(data, args.output, lambda d: _for_stdout(d, args.format), "report.failed"):
        return EXIT_SAVE
    if args.output != "-":
        say(t("report.written", path=args.output))
    return EXIT_OK


def render(insights, fmt: str) -> bytes:
    if fmt == "json":
        return to_json(insights)
    if fmt == "xlsx":
        from store.insights.workbook import to_xlsx  # openpyxl: only when asked for

        return to_xlsx(insights, report_words())
    return to_text(insights, report_words()).encode("utf-8")


def _for_stdout(data: bytes, fmt: str) -> bytes:
    """JSON with control characters escaped; text with them made visible (a
    reason typed with an escape in it must not reach the terminal)."""
    if fmt == "json":
        return json_escaped(data.decode("utf-8")).encode("utf-8")
    if fmt == "text":
        return visible(data.decode("utf-8"), multiline=True).encode("utf-8")
    return data
