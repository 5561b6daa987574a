"""``leadboard market``'s intelligence: the region's competitor outlets with
their staff, and its intel entries newest first, as text or JSON."""

from __future__ import annotations

from store.intel import RegionIntel
from tui.i18n import t
from tui.intel_words import entry_line, outlet_line

SHOWN_ENTRIES = 20  # in the text; the JSON has them all


def intel_document(intel: RegionIntel) -> dict:
    """Stable keys, beside the market's own."""
    return {
        "outlets": [{"id": o.id, "brand": o.brand, "name": o.name, "province": o.province,
                     "city": o.city, "address": o.address, "staff": o.staff,
                     "service": o.service.value,
                     "opened": o.opened.isoformat() if o.opened else None}
                    for o in intel.outlets],
        "intel": [{"id": e.id, "day": e.on.isoformat(), "brand": e.brand, "model": e.model,
                   "price": e.price, "terms": e.terms, "text": e.text,
                   "province": e.province, "city": e.city, "source": e.source.value,
                   "lead_id": e.lead_id}
                  for e in intel.entries],
    }


def intel_lines(intel: RegionIntel) -> list[str]:
    staff = sum(o.staff or 0 for o in intel.outlets)
    lines = ["", t("intel.cli.outlets", count=len(intel.outlets), staff=staff)]
    lines += ["  " + outlet_line(o) for o in intel.outlets] or ["  " + t("intel.cli.none")]
    lines += ["", t("intel.cli.intel", count=len(intel.entries))]
    lines += (["  " + entry_line(e) for e in intel.entries[:SHOWN_ENTRIES]]
              or ["  " + t("intel.cli.none")])
    more = len(intel.entries) - SHOWN_ENTRIES
    if more > 0:
        lines.append("  " + t("intel.note.more", count=more))
    return lines
