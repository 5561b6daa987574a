"""``leadboard search QUERY``: the board's search on the command line."""

from __future__ import annotations

import argparse
import json

from store.grading import quadrant_of
from store.leadstore import LeadStore
from store.search import BadQuery, Hit, SearchIndex, parse_query, search
from store.text import clean, json_escaped, visible
from tui.i18n import error_text, t


def register(commands, common) -> None:
    parser = commands.add_parser("search", help=t("cli.help.search"))
    common(parser)
    # Words need no quotes: ``leadboard search q:1 zhang san`` is one query.
    parser.add_argument("query", nargs="*", metavar="QUERY", help=t("cli.help.query"))
    parser.add_argument("--limit", type=int, metavar="N", help=t("cli.help.limit"))
    parser.add_argument("--json", action="store_true", help=t("cli.help.json"))
    parser.set_defaults(handler=cmd_search)


def match_record(store: LeadStore, hit: Hit) -> dict:
    lead = store.lead(hit.lead_id)
    return {
        "id": lead.id,
        "name": lead.name,
        "company": lead.company,
        "phones": list(lead.phones),
        "region": lead.region,
        "quadrant": quadrant_of(lead.intent, lead.funding, store.settings.threshold),
        "score": hit.score,
    }


def text_line(record: dict) -> str:
    quadrant = f"Q{record['quadrant']}" if record["quadrant"] else t("search.tray")
    parts = [str(record["id"]), record["name"], record["company"], ",".join(record["phones"]),
             record["region"], quadrant, str(record["score"])]
    return "\t".join(map(visible, parts))  # a tab or an escape in a name: shown, not obeyed


def cmd_search(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_NONE, EXIT_OK, UsageError, db_location, say

    if args.limit is not None and args.limit < 1:
        raise UsageError(t("cli.error.limit"))
    try:
        query = parse_query(clean(" ".join(args.query)))
    except BadQuery as exc:
        raise UsageError(error_text(exc)) from None
    store = LeadStore.open(db_location(args), read_only=True)
    try:
        # Built cold: a one-off search joins only the texts it looks in.
        result = search(SearchIndex(store).ready(warm=False), query, args.limit)
        records = [match_record(store, hit) for hit in result.hits]
    finally:
        store.close()
    if args.json:
        print(json_escaped(json.dumps(records, ensure_ascii=False, indent=1)))
    else:
        for record in records:
            print(text_line(record))
    if not records:
        if not args.json:
            say(t("cli.search.none"))
        return EXIT_NONE
    return EXIT_OK
