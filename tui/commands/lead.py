"""``leadboard lead show|set|move``: one lead, for scripts and drills, on a
data file or a server, checked as the lead form checks it."""

from __future__ import annotations

import argparse
import json
from enum import Enum
from typing import Any

from store.codec import lead_to_doc
from store.errors import Invalid
from store.grading import quadrant_of
from store.leadstore import LeadStore
from store.model import Lead, Status
from store.text import json_escaped, visible
from tui.i18n import label, t

# What ``lead set`` may change: the lead form's fields. A lead is marked
# lost on the board, which asks why and to whom.
SHOWN = ("name", "company", "phones", "province", "city", "customer_type", "source",
         "intent", "funding", "credit", "has_project", "project", "models", "brands",
         "competitor", "stage", "status", "tags", "notes")
YES = frozenset({"yes", "y", "true", "1", "是", "有"})
NO = frozenset({"no", "n", "false", "0", "否", "无", "没有", ""})


def register(commands, common) -> None:
    parser = commands.add_parser("lead", help=t("cli.help.lead"))
    common(parser)
    steps = parser.add_subparsers(dest="lead_command", required=True, parser_class=type(parser))
    show = steps.add_parser("show", help=t("cli.help.lead_show"))
    common(show)
    show.add_argument("lead_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help=t("cli.help.json"))
    change = steps.add_parser("set", help=t("cli.help.lead_set"))
    common(change)
    change.add_argument("lead_id", type=int, metavar="ID")
    change.add_argument("fields", nargs="+", metavar="FIELD=VALUE")
    move = steps.add_parser("move", help=t("cli.help.lead_move"))
    common(move)
    move.add_argument("lead_id", type=int, metavar="ID")
    move.add_argument("quadrant", type=int, metavar="Q")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli import EXIT_OK, db_location

    if args.lead_command == "show":
        store = LeadStore.open(db_location(args), read_only=True)
        try:
            print(shown(store, store.lead(args.lead_id), args.json))
        finally:
            store.close()
        return EXIT_OK
    changes = read_changes(args)  # every value read before the base is opened
    store = LeadStore.open(db_location(args))
    try:
        if args.lead_command == "move":
            lead = store.move_to_quadrant(args.lead_id, changes["quadrant"])
        else:
            lead = store.edit_lead(args.lead_id, **_checked(store, args.lead_id, changes))
        args.saved = True
        print(t("lead.saved", id=lead.id, name=visible(lead.name)))
    finally:
        store.close()
    return EXIT_OK


def read_changes(args: argparse.Namespace) -> dict[str, Any]:
    from tui.cli import UsageError

    if args.lead_command == "move":
        if args.quadrant not in (1, 2, 3, 4):
            raise UsageError(t("lead.error.quadrant", value=args.quadrant))
        return {"quadrant": args.quadrant}
    fields: dict[str, Any] = {}
    for pair in args.fields:
        name, sep, typed = pair.partition("=")
        name = name.strip()
        if not sep or name not in SHOWN:
            raise UsageError(t("lead.error.field", pair=visible(pair), fields=", ".join(SHOWN)))
        try:
            fields[name] = read_value(name, typed)
        except Invalid as exc:
            raise UsageError(t("lead.error.value", field=t(f"field.{name}"), value=visible(typed),
                               why=_why(exc))) from None
    return fields


def read_value(name: str, typed: str) -> Any:
    """A typed value as the lead form reads it."""
    from tui.screens.lead_form import CHOICE_FIELDS, read_field

    if name == "has_project":
        word = typed.strip().lower()
        if word not in YES | NO:
            raise Invalid(name, "yes_no", typed)
        return word in YES
    if name in CHOICE_FIELDS:
        return _choice(name, CHOICE_FIELDS[name], typed)
    return read_field(name, typed)


def _choice(name: str, enum: type[Enum], typed: str) -> Enum:
    """A choice by its code (``good``) or its label in either language."""
    from tui.i18n import CATALOGS

    word = typed.strip()
    for value in enum:
        names = {value.value, *(c.get(f"{name}.{value.value}") for c in CATALOGS.values())}
        if word.lower() in {n.lower() for n in names if n}:
            return value
    raise Invalid(name, "choice", typed)


def _checked(store: LeadStore, lead_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """A lead is marked lost on the board, which asks why and to whom."""
    from tui.cli import UsageError

    if fields.get("status") is Status.LOST and store.lead(lead_id).status is not Status.LOST:
        raise UsageError(t("lead.error.lost"))
    return fields


def _why(exc: Invalid) -> str:
    key = f"form.error.{exc.rule}"
    from tui.i18n import has

    return t(key) if has(key) else t(f"lead.error.rule.{exc.rule}")


def shown(store: LeadStore, lead: Lead, as_json: bool) -> str:
    quadrant = quadrant_of(lead.intent, lead.funding, store.settings.threshold)
    if as_json:
        doc = {k: v for k, v in lead_to_doc(lead).items() if k != "search_keys"}
        doc = {"id": lead.id, "quadrant": quadrant, **doc}
        return json_escaped(json.dumps(doc, ensure_ascii=False, indent=1))
    lines = [f"{t('lead.id')}\t{lead.id}",
             f"{t('field.quadrant')}\t{f'Q{quadrant}' if quadrant else t('search.tray')}"]
    for name in SHOWN:
        lines.append(f"{t(f'field.{name}')}\t{_text(name, getattr(lead, name))}")
    return "\n".join(lines)


def _text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return label(name, value)
    if isinstance(value, bool):
        return t("lead.yes" if value else "lead.no")
    if isinstance(value, tuple):
        return visible(", ".join(value))
    return visible(str(value))
