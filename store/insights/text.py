"""The insights as plain tables, for a terminal or an email.

Names come from ``Words`` (the interface language's); columns are lined up
by terminal cells, so that Chinese (two cells a character) keeps its place.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import timedelta

from store.export import Words
from store.lost import reason_name
from store.insights.figures import PLACES, TRAY, GoalRate, Insights, Share, StatusCounts

NONE = "—"


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes: wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def percent(value: float | None) -> str:
    return NONE if value is None else f"{value * 100:.0f}%"


def days(value: float | None) -> str:
    return NONE if value is None else f"{value:.1f}"


def place_name(place: int, words: Words) -> str:
    return words.heading("tray") if place == TRAY else f"Q{place}"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """Lines of a table: the first column to the left, numbers to the right."""
    text = [[str(v) for v in row] for row in [headers, *rows]]
    widths = [max(cells(row[i]) for row in text) for i in range(len(headers))]
    lines = []
    for row in text:
        parts = []
        for i, value in enumerate(row):
            pad = " " * (widths[i] - cells(value))
            parts.append(value + pad if i == 0 else pad + value)
        lines.append("  ".join(parts).rstrip())
    return lines


def _section(title: str, body: list[str], words: Words, empty: str) -> list[str]:
    return ["", f"## {title}", *(body or [words.heading(empty)])]


def to_text(insights: Insights, words: Words = Words()) -> str:
    scope = insights.scope
    last = (scope.span.end - timedelta(days=1)).date()
    who = scope.query or words.heading("all_leads")
    lines = [f"{words.heading('title')}: {scope.span.start.date()} – {last} "
             f"({words.label('reach', scope.period)}) · {who}"]
    for build in (_sources, _quadrants, _migration, _funnel, _activity, _goals, _lost):
        lines += build(insights, words)
    return "\n".join(lines) + "\n"


def _sources(insights: Insights, words: Words) -> list[str]:
    h = words.heading
    rows = [[words.label("source", s.source), len(s.found), percent(s.strong_share),
             len(s.won), len(s.lost), percent(s.win_rate), days(s.median_days_to_win)]
            for s in insights.sources]
    body = table([h("source"), h("found"), h("strong_share"), h("won"), h("lost"),
                  h("win_rate"), h("days_to_win")], rows) if rows else []
    return _section(h("sources"), body, words, "empty.sources")


def _quadrants(insights: Insights, words: Words) -> list[str]:
    h = words.heading
    rows = [[place_name(q.quadrant, words), len(q.won), len(q.lost), percent(q.win_rate)]
            for q in insights.quadrants]
    if not any(q.won or q.lost for q in insights.quadrants):
        return _section(h("quadrants"), [], words, "empty.quadrants")
    return _section(h("quadrants"), table([h("quadrant"), h("won"), h("lost"), h("win_rate")],
                                          rows), words, "empty.quadrants")


def _migration(insights: Insights, words: Words) -> list[str]:
    h = words.heading
    moves = insights.migration
    rows = [[place_name(a, words), *(moves.count(a, b) for b in PLACES)] for a in PLACES]
    body = table([h("from_to"), *(place_name(b, words) for b in PLACES)], rows)
    return _section(h("migration"), body if moves.moves else [], words, "empty.migration")


def _funnel(insights: Insights, words: Words) -> list[str]:
    h = words.heading
    rows = [[words.label("stage", s.stage), len(s.at_end), len(s.reached),
             percent(s.conversion), days(s.median_days)] for s in insights.funnel]
    body = table([h("stage"), h("at_end"), h("reached"), h("conversion"), h("median_days")],
                 rows) if any(s.reached for s in insights.funnel) else []
    return _section(h("funnel"), body, words, "empty.funnel")


def _status_table(kind: str, rows: tuple[StatusCounts, ...], words: Words) -> list[str]:
    h = words.heading
    return table([h(kind), h("done"), h("missed"), h("cancelled"), h("planned")],
                 [[words.label(kind, c.code), c.done, c.missed, c.cancelled, c.planned]
                  for c in rows]) if rows else []


def _activity(insights: Insights, words: Words) -> list[str]:
    h = words.heading
    activity = insights.activity
    weeks = table([h("week"), h("done"), h("missed"), h("cancelled"), h("planned"),
                   h("overdue")],
                  [[w.start.isoformat(), w.done, w.missed, w.cancelled, w.planned, w.overdue]
                   for w in activity.weeks])
    body = [*weeks, ""]
    body += _status_table("method", activity.by_method, words) or [h("empty.contacts")]
    body += ["", *(_status_table("purpose", activity.by_purpose, words)
                   or [h("empty.contacts")])]
    having = len(activity.active) - len(activity.without_next)
    body += ["", f"{h('next_step')}: {having} / {len(activity.active)} "
                 f"({percent(activity.next_step_share)})"]
    return _section(h("activity"), body, words, "empty.contacts")


def _goal_table(kind: str, rows: tuple[GoalRate, ...], words: Words) -> list[str]:
    h = words.heading
    return table([h(kind), h("goal_reached"), h("judged"), h("goal_rate")],
                 [[words.label(kind, g.code), len(g.reached), len(g.judged), percent(g.rate)]
                  for g in rows])


def _goals(insights: Insights, words: Words) -> list[str]:
    goals = insights.goals
    if not goals.by_method:
        return _section(words.heading("goals"), [], words, "empty.goals")
    body = [*_goal_table("method", goals.by_method, words), "",
            *_goal_table("purpose", goals.by_purpose, words)]
    for place, rows in goals.by_quadrant.items():
        body += ["", place_name(place, words), *_goal_table("method", rows, words)]
    return _section(words.heading("goals"), body, words, "empty.goals")


def _share_table(kind: str, rows: tuple[Share, ...], words: Words) -> list[str]:
    h = words.heading
    return table([h(kind), h("leads"), h("share"), h("running")],
                 [[share_name(kind, r, words), len(r.leads), percent(r.share), percent(r.running)]
                  for r in rows])


def share_name(kind: str, row: Share, words: Words) -> str:
    """A bar's name in words: a reason of the lost-deal list by its name."""
    if not row.name:
        return words.heading("no_reason")
    return reason_name(row.name, words.label) if kind == "reason" else row.name


def _lost(insights: Insights, words: Words) -> list[str]:
    lost = insights.lost
    if not lost.lost:
        return _section(words.heading("lost_deals"), [], words, "empty.lost")
    body = _share_table("reason", lost.reasons, words)
    if lost.competitors:
        body += ["", *_share_table("competitor", lost.competitors, words)]
    return _section(words.heading("lost_deals"), body, words, "empty.lost")
