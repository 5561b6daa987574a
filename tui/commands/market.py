"""``leadboard market``: the market screen's figures, as text or JSON."""

from __future__ import annotations

import argparse
import json

from rich.cells import cell_len

from store.intel import region_intel
from store.lost import lost_deals_in
from store.market import AGE_BANDS, SIZE_BANDS, Market, market
from store.projects import projects_in
from store.text import clean, json_escaped, visible
from tui import lost_words
from tui import market_words as words
from tui.i18n import t
from tui.intel_cli import intel_document, intel_lines
from tui.project_words import project_documents, project_lines


def register(commands, common) -> None:
    parser = commands.add_parser("market", help=t("cli.help.market"))
    common(parser)
    parser.add_argument("--region", default="", metavar="R", help=t("cli.help.market_region"))
    parser.add_argument("--json", action="store_true", help=t("cli.help.json"))
    parser.set_defaults(handler=cmd_market)


def cmd_market(args: argparse.Namespace) -> int:
    from store.leadstore import LeadStore
    from tui.cli import EXIT_NONE, EXIT_OK, db_location, say

    store = LeadStore.open(db_location(args), read_only=True)
    try:
        figures = market(store, clean(args.region).strip())
        intel = region_intel(store, figures.region)
        lost = lost_deals_in(store, figures.region)
        projects = projects_in(store, figures.region)
    finally:
        store.close()
    if args.json:
        document = {**to_document(figures), **intel_document(intel),
                    "lost_deals": lost_words.to_documents(lost),
                    "projects": project_documents(projects)}
        print(json_escaped(json.dumps(document, ensure_ascii=False, indent=1)))
    else:
        lines = [*text_lines(figures), *project_lines(projects), *intel_lines(intel), "",
                 *lost_words.text_lines(lost)]
        print("\n".join(visible(line) for line in lines))
    if not figures.total:
        if not args.json:
            say(t("market.none", region=words.where(figures)))
        return EXIT_NONE
    return EXIT_OK


def _bands(counts: tuple[int, ...], bands) -> dict[str, int]:
    return dict(zip(words.band_keys(bands), counts, strict=True))


def to_document(figures: Market) -> dict:
    """Stable keys: a script reading them keeps working as the screen changes."""
    return {
        "region": figures.region,
        "day": figures.today.isoformat(),
        "in_service": figures.total,
        "brands": [{"brand": b.brand, "own": b.own, "count": b.count,
                    "share": round(b.share, 4), "sizes": _bands(b.sizes, SIZE_BANDS),
                    "ages": _bands(b.ages, AGE_BANDS)} for b in figures.brands],
        "sizes": _bands(figures.sizes, SIZE_BANDS),
        "ages": _bands(figures.ages, AGE_BANDS),
        "replacement": {
            "age": figures.replace_age,
            "hours": figures.replace_hours,
            "owners": [{"id": c.owner.id, "name": c.owner.name, "region": c.owner.region,
                        "machines": [{"id": m.id, "brand": m.brand, "model": m.model,
                                      "year": m.year, "hours": m.hours} for m in c.machines]}
                       for c in figures.candidates],
            "unowned": figures.unowned,
        },
    }


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def text_lines(figures: Market) -> list[str]:
    lines = [words.title(figures), "", t("market.base")]
    labels = [words.brand_label(b.brand, b.own) for b in figures.brands]
    width = max((cell_len(label) for label in labels), default=0)
    for label, base in zip(labels, figures.brands, strict=True):
        lines.append(f"  {_pad(label, width)}  {base.count:>5}  {words.share_text(base.share):>6}")
    lines.append(_split_line("market.by_size", words.size_names(), figures.sizes))
    lines.append(_split_line("market.by_age", words.age_names(), figures.ages))
    lines += ["", words.due_rule(figures)]
    for candidate in figures.candidates:
        lines.append("  " + t("market.candidate", name=candidate.owner.name,
                                  region=candidate.owner.region or "-",
                                  machines=words.candidate_machines(candidate)))
    if not figures.candidates:
        lines.append("  " + t("market.no_candidates"))
    if figures.unowned:
        lines.append("  " + t("market.unowned", count=figures.unowned))
    return lines


def _split_line(key: str, names: list[str], counts: tuple[int, ...]) -> str:
    parts = [f"{name} {count}" for name, count in zip(names, counts, strict=True) if count]
    return t(key, parts=" · ".join(parts) or "-")
