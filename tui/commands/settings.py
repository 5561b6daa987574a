"""``leadboard settings``: show or change the grading line and the review cadence."""

from __future__ import annotations

import argparse

from store.grading import valid_threshold
from tui.i18n import t


def register(commands, common) -> None:
    parser = commands.add_parser("settings", help=t("cli.help.settings"))
    common(parser)
    parser.add_argument("--threshold", type=int, metavar="T", help=t("cli.help.threshold"))
    parser.add_argument("--review-days", type=int, metavar="N", help=t("cli.help.review_days"))
    parser.add_argument("--cadence", metavar="Q=DAYS,...", help=t("cli.help.cadence"))
    parser.add_argument("--own-brand", metavar="BRAND", help=t("cli.help.own_brand"))
    parser.add_argument("--replace-age", type=int, metavar="YEARS", help=t("cli.help.replace_age"))
    parser.add_argument("--replace-hours", type=int, metavar="HOURS",
                        help=t("cli.help.replace_hours"))
    parser.set_defaults(handler=run)


def parse_cadence(text: str) -> dict[int, int]:
    """``1=7,3=14``: days between contacts for the quadrants named."""
    from tui.cli import UsageError

    cadence = {}
    for part in text.replace("，", ",").split(","):
        quadrant, _, days = part.partition("=")
        try:
            q, d = int(quadrant.strip().lower().removeprefix("q")), int(days)
        except ValueError:
            raise UsageError(t("cli.error.cadence")) from None
        if q not in (1, 2, 3, 4) or d < 1:
            raise UsageError(t("cli.error.cadence"))
        cadence[q] = d
    return cadence


def own_brand(text: str) -> str:
    """The brand the rep sells, under the name machines keep it by (SANY is 三一)."""
    from store.fleet import brand_name
    from store.text import clean
    from tui.cli import UsageError

    brand = brand_name(clean(text))
    if not brand:
        raise UsageError(t("cli.error.own_brand"))
    return brand


def replacement(args: argparse.Namespace) -> dict[str, int]:
    """When a machine is due for replacement: its age, its hours."""
    from store.fleet import MAX_HOURS
    from tui.cli import UsageError

    changes = {}
    if args.replace_age is not None:
        if not 1 <= args.replace_age <= 60:
            raise UsageError(t("cli.error.replace_age"))
        changes["replace_age"] = args.replace_age
    if args.replace_hours is not None:
        if not 1 <= args.replace_hours <= MAX_HOURS:
            raise UsageError(t("cli.error.replace_hours"))
        changes["replace_hours"] = args.replace_hours
    return changes


def run(args: argparse.Namespace) -> int:
    from store.leadstore import LeadStore
    from tui.cli import EXIT_OK, UsageError, close_saved, db_location

    changes = {}
    if args.threshold is not None:
        if not valid_threshold(args.threshold):
            raise UsageError(t("cli.error.threshold"))
        changes["threshold"] = args.threshold
    if args.review_days is not None:
        if args.review_days < 1:
            raise UsageError(t("cli.error.review_days"))
        changes["review_days"] = args.review_days
    if args.cadence is not None:
        changes["cadence_days"] = parse_cadence(args.cadence)
    if args.own_brand is not None:
        changes["own_brand"] = own_brand(args.own_brand)
    changes.update(replacement(args))
    store = LeadStore.open(db_location(args), read_only=not changes)
    try:
        settings = store.update_settings(**changes) if changes else store.settings
    except BaseException:
        store.close()
        raise
    not_folded = close_saved(store)
    args.saved = bool(changes)
    print(t("settings.show", threshold=settings.threshold, review_days=settings.review_days,
            cadence=", ".join(f"Q{q} {d}" for q, d in sorted(settings.cadence_days.items()))))
    print(t("settings.own_brand", brand=settings.own_brand or t("settings.own_brand.none")))
    print(t("settings.replace", years=settings.replace_age, hours=f"{settings.replace_hours:,}"))
    if not_folded is not None:
        raise not_folded  # the settings are saved: said after them
    return EXIT_OK
