"""Insights benchmarks: a year's figures and the Excel report, at 100k leads.

Figures, each beside its baseline measured in the same run (medians):
- every figure of a year (``store.insights.compute``) on the demo file of
  100k leads (about 145k contacts), against one plain Python pass over the
  same lead and contact records that counts the same things into dicts
  (goal: at most 3x);
- ``leadboard report --format xlsx`` for that year (figures and workbook),
  against ``leadboard export --format json`` for the same year (goal: at
  most 3x).
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bench.core import let_go
from store.codec import as_time
from store.export import Format, gather, render
from store.grading import quadrant_of
from store.insights import Reach, Scope, compute, reach_span
from store.insights.workbook import to_xlsx
from store.leadstore import LeadStore

REPEATS = 3
LEAD_FIELDS = ("created", "source", "intent", "funding", "stage", "status", "reason",
               "competitor", "history")
LEAD_DEFAULTS = (None, "other", None, None, "find", "active", "", "", ())
CONTACT_FIELDS = ("lead_id", "at", "status", "method", "purpose", "goal_reached")
CONTACT_DEFAULTS = (None, None, "planned", None, None, None)


def _median_ms(action: Callable[[], object]) -> float:
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def plain_pass(store: LeadStore, start: datetime, end: datetime, threshold: int) -> dict:
    """The baseline: each lead and contact record read once, its times parsed,
    and the same things counted into dicts, with no history replayed."""
    counts: dict[str, Counter] = {name: Counter() for name in (
        "source", "won", "quadrant", "stage", "reason", "week", "method", "purpose", "goal")}
    for _lead_id, (created, source, intent, funding, stage, status, reason, competitor,
                   _history) in store.lead_rows(LEAD_FIELDS, LEAD_DEFAULTS):
        if start <= as_time(created) < end:
            counts["source"][source] += 1
        counts["won"][source, status] += 1
        counts["quadrant"][quadrant_of(intent, funding, threshold), status] += 1
        counts["stage"][stage] += 1
        counts["reason"][reason, competitor] += 1
    for _contact_id, (lead_id, at, status, method, purpose, goal) in store.contact_rows(
            CONTACT_FIELDS, CONTACT_DEFAULTS):
        moment = as_time(at)
        counts["week"][moment.isocalendar()[:2], status] += 1
        if start <= moment < end:
            counts["method"][method, status] += 1
            counts["purpose"][purpose, status] += 1
            counts["goal"][method, goal, lead_id % 5] += 1
    return counts


def run(files: dict[int, Path] | None = None) -> list[dict]:
    if files is None:
        from bench.run import demo_files
        import tempfile

        files = demo_files([100_000], Path(tempfile.mkdtemp()))
    big = max(files)
    store = LeadStore.open(files[big], read_only=True)
    now = store.now()
    span = reach_span(Reach.YEAR, now)
    scope = Scope(span, "year", now)
    threshold = store.settings.threshold
    contacts = len(store.contacts)
    plain_ms = _median_ms(lambda: plain_pass(store, span.start, span.end, threshold))
    figures_ms = _median_ms(lambda: compute(store, scope))
    export_ms = _median_ms(lambda: render(store, gather(store, span, "range"), Format.JSON))
    xlsx_ms = _median_ms(lambda: to_xlsx(compute(store, scope)))
    store.close()
    let_go()
    figures_ratio, xlsx_ratio = figures_ms / plain_ms, xlsx_ms / export_ms
    size = f"{big:,} demo leads, {contacts:,} contacts"
    return [
        {"figure": "a year's insights, every figure", "size": size, "value_ms": figures_ms,
         "baseline": "one plain pass counting into dicts", "baseline_ms": plain_ms,
         "ratio": figures_ratio, "goal": "<= 3x", "met": figures_ratio <= 3.0},
        {"figure": "report --format xlsx, a year", "size": size, "value_ms": xlsx_ms,
         "baseline": "export --format json, the same year", "baseline_ms": export_ms,
         "ratio": xlsx_ratio, "goal": "<= 3x", "met": xlsx_ratio <= 3.0},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
