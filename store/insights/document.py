"""The insights as data: the ``leadboard.report/1`` JSON document.

Stable keys in a fixed order, codes instead of translated names, rates as
fractions (0.5 is 50 %) or null when there was nothing to count, and no
clock: the same data gives the same bytes. Described by
``store/schemas/report-1.schema.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from store.dates import local_zone
from store.export import local_iso
from store.insights.figures import PLACES, TRAY, GoalRate, Insights, Share, StatusCounts

SCHEMA = "leadboard.report/1"
SCHEMA_FILE = Path(__file__).parents[1] / "schemas" / "report-1.schema.json"


def _quadrant(place: int) -> int | None:
    return None if place == TRAY else place


def report_document(insights: Insights) -> dict[str, Any]:
    scope = insights.scope
    zone = local_zone(scope.now)
    return {
        "schema": SCHEMA,
        "period": {"kind": scope.period, "start": local_iso(scope.span.start, zone),
                   "end": local_iso(scope.span.end, zone)},
        "as_of": local_iso(insights.as_of, zone),
        "query": scope.query,
        "sources": [
            {"source": s.source, "found": len(s.found), "strong": len(s.strong),
             "strong_share": s.strong_share, "won": len(s.won), "lost": len(s.lost),
             "win_rate": s.win_rate, "median_days_to_win": s.median_days_to_win}
            for s in insights.sources],
        "quadrants": [
            {"quadrant": _quadrant(q.quadrant), "won": len(q.won), "lost": len(q.lost),
             "win_rate": q.win_rate} for q in insights.quadrants],
        "migration": {
            "places": [_quadrant(p) for p in PLACES],
            "counts": [[insights.migration.count(a, b) for b in PLACES] for a in PLACES]},
        "funnel": [
            {"stage": s.stage, "at_end": len(s.at_end), "reached": len(s.reached),
             "conversion": s.conversion, "median_days": s.median_days}
            for s in insights.funnel],
        "activity": _activity(insights),
        "goals": {
            "by_method": [_goal(g, "method") for g in insights.goals.by_method],
            "by_purpose": [_goal(g, "purpose") for g in insights.goals.by_purpose],
            "by_quadrant": [
                {"quadrant": _quadrant(q), "by_method": [_goal(g, "method") for g in rows]}
                for q, rows in insights.goals.by_quadrant.items()]},
        "lost": {
            "lost": len(insights.lost.lost),
            "reasons": [_share(r, "reason") for r in insights.lost.reasons],
            "competitors": [_share(c, "competitor") for c in insights.lost.competitors]},
    }


def _activity(insights: Insights) -> dict[str, Any]:
    activity = insights.activity
    return {
        "weeks": [{"start": w.start.isoformat(), "done": w.done, "missed": w.missed,
                   "cancelled": w.cancelled, "planned": w.planned, "overdue": w.overdue}
                  for w in activity.weeks],
        "by_method": [_status(c, "method") for c in activity.by_method],
        "by_purpose": [_status(c, "purpose") for c in activity.by_purpose],
        "active": len(activity.active),
        "without_next": len(activity.without_next),
        "next_step_share": activity.next_step_share,
    }


def _status(counts: StatusCounts, key: str) -> dict[str, Any]:
    return {key: counts.code, "done": counts.done, "missed": counts.missed,
            "cancelled": counts.cancelled, "planned": counts.planned}


def _goal(goal: GoalRate, key: str) -> dict[str, Any]:
    return {key: goal.code, "reached": len(goal.reached), "judged": len(goal.judged),
            "rate": goal.rate}


def _share(share: Share, key: str) -> dict[str, Any]:
    return {key: share.name, "count": len(share.leads), "share": share.share,
            "running": share.running}


def to_json(insights: Insights) -> bytes:
    return orjson.dumps(report_document(insights), option=orjson.OPT_INDENT_2) + b"\n"
