"""Each insights section as the screen shows it: a line that says what
matters (or what to do when there is nothing), its charts as bars, and its
tables, every bar and cell carrying the leads behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from store.insights.figures import (
    PLACES,
    TRAY,
    Activity,
    Goals,
    LostDeals,
    Migration,
    QuadrantFigures,
    Share,
    SourceFigures,
    StageFigures,
)
from store.insights.text import days, percent, share_name
from tui.i18n import label, t
from tui.insight_words import report_words
from widgets.bar_chart import Bar

Leads = tuple[int, ...]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    leads: dict[tuple[int, int], Leads] = field(default_factory=dict)  # (row, column)


@dataclass
class Picture:
    note: str = ""
    charts: list[tuple[str, list[Bar]]] = field(default_factory=list)
    spark: list[float] | None = None
    tables: list[Table] = field(default_factory=list)


def h(name: str) -> str:
    return t(f"report.{name}")


def place(q: int) -> str:
    return h("tray") if q == TRAY else f"Q{q}"


def _union(*groups: Leads) -> Leads:
    return tuple(sorted(set().union(*groups)))


def sources(rows: tuple[SourceFigures, ...]) -> Picture:
    if not rows:
        return Picture(h("empty.sources"))
    best = rows[0]
    note = (t("insights.note.best_source", source=label("source", best.source),
              won=len(best.won)) if best.won else t("insights.note.no_wins"))
    bars = [Bar(label("source", s.source), len(s.won) or 0,
                t("insights.bar.source", won=len(s.won), found=len(s.found),
                  rate=percent(s.win_rate)),
                _union(s.found, s.won, s.lost)) for s in rows]
    table = Table([h("source"), h("found"), h("strong_share"), h("won"), h("lost"),
                   h("win_rate"), h("days_to_win")], [])
    for r, s in enumerate(rows):
        table.rows.append([label("source", s.source), str(len(s.found)),
                           percent(s.strong_share), str(len(s.won)), str(len(s.lost)),
                           percent(s.win_rate), days(s.median_days_to_win)])
        every = _union(s.found, s.won, s.lost)
        table.leads.update({(r, 0): every, (r, 1): s.found, (r, 2): s.strong, (r, 3): s.won,
                            (r, 4): s.lost, (r, 5): _union(s.won, s.lost), (r, 6): s.won})
    return Picture(note, [(t("insights.chart.sources"), bars)], tables=[table])


def quadrants(rows: tuple[QuadrantFigures, ...], moves: Migration | None) -> Picture:
    picture = Picture()
    if moves is not None:
        picture.note = t("insights.note.q3_to_q1", count=moves.count(3, 1))
        table = Table([h("from_to"), *(place(b) for b in PLACES)], [])
        for r, a in enumerate(PLACES):
            table.rows.append([place(a), *(str(moves.count(a, b)) for b in PLACES)])
            every = _union(*(moves.leads(a, b) for b in PLACES))
            table.leads[r, 0] = every
            table.leads.update({(r, c): moves.leads(a, b) for c, b in enumerate(PLACES, 1)})
        picture.tables.append(table)
    if any(q.won or q.lost for q in rows):
        bars = [Bar(place(q.quadrant), q.win_rate or 0,
                    f"{percent(q.win_rate)} ({len(q.won)}/{len(q.won) + len(q.lost)})",
                    _union(q.won, q.lost)) for q in rows]
        picture.charts.append((h("quadrants"), bars))
    else:
        picture.note = " ".join(filter(None, [picture.note, h("empty.quadrants")]))
    return picture


def funnel(rows: tuple[StageFigures, ...]) -> Picture:
    if not any(s.reached for s in rows):
        return Picture(h("empty.funnel"))
    # Up to the close: after-sales follow-up is not a step of the sale.
    leaks = [(s.conversion, i) for i, s in enumerate(rows[:-2])
             if s.conversion is not None and s.reached]
    note = ""
    if leaks:
        conversion, i = min(leaks)
        note = t("insights.note.leak", stage=label("stage", rows[i].stage),
                 next=label("stage", rows[i + 1].stage), share=percent(conversion))
    bars = [Bar(label("stage", s.stage), len(s.reached),
                f"{len(s.reached)}  → {percent(s.conversion)}", s.reached) for s in rows]
    table = Table([h("stage"), h("at_end"), h("reached"), h("conversion"), h("median_days")], [])
    for r, s in enumerate(rows):
        table.rows.append([label("stage", s.stage), str(len(s.at_end)), str(len(s.reached)),
                           percent(s.conversion), days(s.median_days)])
        table.leads.update({(r, 0): s.reached, (r, 1): s.at_end, (r, 2): s.reached})
    return Picture(note, [(t("insights.chart.funnel"), bars)], tables=[table])


def activity(figures: Activity) -> Picture:
    having = len(figures.active) - len(figures.without_next)
    note = t("insights.note.next_step", having=having, active=len(figures.active),
             share=percent(figures.next_step_share))
    charts = []
    for kind, rows in (("method", figures.by_method), ("purpose", figures.by_purpose)):
        if rows:
            charts.append((h(kind), [
                Bar(label(kind, c.code), c.total,
                    t("insights.bar.statuses", done=c.done, missed=c.missed,
                      cancelled=c.cancelled, planned=c.planned), c.leads) for c in rows]))
    if not charts:
        note += "  " + h("empty.contacts")
    if any(w.total for w in figures.weeks):
        charts.append((t("insights.chart.overdue"), [
            Bar(w.start.strftime("%m-%d"), w.overdue, t("insights.bar.overdue", count=w.overdue),
                w.overdue_leads) for w in figures.weeks]))
    table = Table([h("week"), h("done"), h("missed"), h("cancelled"), h("planned"),
                   h("overdue")],
                  [[w.start.isoformat(), str(w.done), str(w.missed), str(w.cancelled),
                    str(w.planned), str(w.overdue)] for w in figures.weeks])
    table.leads[0, 0] = figures.without_next
    table.leads.update({(r, 5): w.overdue_leads for r, w in enumerate(figures.weeks)})
    return Picture(note, charts, [float(w.total) for w in figures.weeks], [table])


def goals(figures: Goals) -> Picture:
    if not figures.by_method:
        return Picture(h("empty.goals"))
    charts = [(h(kind), [Bar(label(kind, g.code), g.rate or 0,
                             f"{percent(g.rate)} ({len(g.reached)}/{len(g.judged)})", g.judged)
                         for g in rows])
              for kind, rows in (("method", figures.by_method), ("purpose", figures.by_purpose))]
    for q, rows in figures.by_quadrant.items():
        charts.append((f"{place(q)} · {h('method')}", [
            Bar(label("method", g.code), g.rate or 0,
                f"{percent(g.rate)} ({len(g.reached)}/{len(g.judged)})", g.judged)
            for g in rows]))
    tables = []
    for kind, rows in (("method", figures.by_method), ("purpose", figures.by_purpose),
                       *((f"{place(q)} · {h('method')}", rows)
                         for q, rows in figures.by_quadrant.items())):
        code_kind = "purpose" if kind == "purpose" else "method"
        title = h(kind) if kind in ("method", "purpose") else kind
        table = Table([title, h("goal_reached"), h("judged"), h("goal_rate")], [])
        for r, g in enumerate(rows):
            table.rows.append([label(code_kind, g.code), str(len(g.reached)),
                               str(len(g.judged)), percent(g.rate)])
            table.leads.update({(r, 0): g.judged, (r, 1): g.reached, (r, 2): g.judged,
                                (r, 3): g.judged})
        tables.append(table)
    return Picture(t("insights.note.goals"), charts, tables=tables)


def _name(kind: str, row: Share) -> str:
    return share_name(kind, row, report_words())


def _pareto(kind: str, rows: tuple[Share, ...]) -> list[Bar]:
    return [Bar(_name(kind, r), len(r.leads),
                f"{len(r.leads)}  {percent(r.share)}  Σ{percent(r.running)}", r.leads, r.running)
            for r in rows]


def lost(figures: LostDeals) -> Picture:
    if not figures.lost:
        return Picture(h("empty.lost"))
    top = figures.reasons[0]
    note = t("insights.note.lost", count=len(figures.lost),
             reason=_name("reason", top), share=percent(top.share))
    charts = [(h("reason"), _pareto("reason", figures.reasons))]
    if figures.competitors:
        charts.append((h("competitor"), _pareto("competitor", figures.competitors)))
    tables = [_pareto_table("reason", figures.reasons)]
    if figures.competitors:
        tables.append(_pareto_table("competitor", figures.competitors))
    return Picture(note, charts, tables=tables)


def _pareto_table(kind: str, rows: tuple[Share, ...]) -> Table:
    table = Table([h(kind), h("leads"), h("share"), h("running")], [])
    for r, share in enumerate(rows):
        table.rows.append([_name(kind, share), str(len(share.leads)),
                           percent(share.share), percent(share.running)])
        table.leads.update({(r, c): share.leads for c in range(4)})
    return table
