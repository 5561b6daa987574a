"""The figures, section by section, from one pass over the leads and one over
the contacts. How each figure is counted is written in the README
("Insights"); the functions here follow it word for word.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from statistics import median

from store.codec import as_time
from store.dates import week_start
from store.leadstore import LeadStore
from store.lost import latest_deals
from store.market_model import LostDeal
from store.model import ContactStatus, Method, Purpose, Source, Status

from store.insights.facts import STAGES, LeadFacts, read_leads
from store.insights.figures import (
    PLACES,
    Activity,
    GoalRate,
    Goals,
    Insights,
    LostDeals,
    Migration,
    QuadrantFigures,
    Scope,
    Share,
    SourceFigures,
    StageFigures,
    StatusCounts,
    WeekActivity,
    rate,
)

WEEKS = 12  # the activity chart's reach
DAY = 86400.0
Closed = dict[int, tuple[str, datetime]]  # lead id -> (won or lost, when)


def compute(store: LeadStore, scope: Scope) -> Insights:
    """Every figure at once (the report)."""
    parts = dict(sections(store, scope))
    return Insights(scope=scope, as_of=store.last_change, **parts)


def sections(store: LeadStore, scope: Scope) -> Iterator[tuple[str, object]]:
    """The figures one section at a time, as they are ready (the screen
    shows each as it comes)."""
    threshold = store.settings.threshold
    start, end = scope.span.start, scope.span.end
    facts = read_leads(store, scope.lead_ids, end)
    closed: Closed = {}
    for lead in facts:
        outcome = lead.closed_by(end)
        if outcome is not None and outcome[1] >= start:
            closed[lead.id] = outcome
    yield "sources", lead_sources(store, facts, closed, scope, threshold)
    yield "quadrants", quadrants(facts, closed, threshold)
    yield "migration", migration(facts, scope, threshold)
    yield "funnel", funnel(facts, scope)
    yield "lost", lost_deals(facts, closed, latest_deals(store))
    by_id = {lead.id: lead for lead in facts}
    contacts = list(_contacts(store, by_id))
    yield "activity", activity(store, contacts, by_id, scope)
    yield "goals", goals(contacts, by_id, scope, threshold)


def _median_days(spans: Iterable[float]) -> float | None:
    values = list(spans)
    return round(median(values) / DAY, 1) if values else None


def _order(codes: Iterable[str], known: Iterable[str]) -> list[str]:
    """Known codes in the method's order, any others after them by name."""
    known = list(known)
    rank = {code: i for i, code in enumerate(known)}
    return sorted(set(codes), key=lambda code: (rank.get(code, len(known)), code))


# ------------------------------------------------------------------ sources
def lead_sources(store: LeadStore, facts: list[LeadFacts], closed: Closed, scope: Scope,
                 threshold: int) -> tuple[SourceFigures, ...]:
    start, end = scope.span.start, scope.span.end
    found, strong = defaultdict(list), defaultdict(list)
    won, lost = defaultdict(list), defaultdict(list)
    days: dict[str, list[float]] = defaultdict(list)
    for lead in facts:
        if lead.created >= start:
            found[lead.source].append(lead.id)
            if lead.place_at(end, threshold) in (1, 2):
                strong[lead.source].append(lead.id)
        outcome = closed.get(lead.id)
        if outcome is None:
            continue
        status, when = outcome
        (won if status == Status.WON else lost)[lead.source].append(lead.id)
        if status == Status.WON:
            days[lead.source].append((when - _first_contact(store, lead, when)).total_seconds())
    rows = [
        SourceFigures(code, tuple(found[code]), tuple(strong[code]), tuple(won[code]),
                      tuple(lost[code]), _median_days(days[code]))
        for code in _order([*found, *won, *lost], (s.value for s in Source))
    ]
    # The source that brings the most wins on top.
    rows.sort(key=lambda row: (-len(row.won), -len(row.found)))
    return tuple(rows)


def _first_contact(store: LeadStore, lead: LeadFacts, won: datetime) -> datetime:
    """When the rep first reached the lead: its first made contact before the
    win, else the day the lead was recorded."""
    made = [c.at for c in store.contacts_of(lead.id)
            if c.status is ContactStatus.DONE and c.at <= won]
    return min(made, default=lead.created)


# ------------------------------------------------------------------ quadrants
def quadrants(facts: list[LeadFacts], closed: Closed, threshold: int
              ) -> tuple[QuadrantFigures, ...]:
    won, lost = defaultdict(list), defaultdict(list)
    for lead in facts:
        outcome = closed.get(lead.id)
        if outcome is not None:
            status, when = outcome
            place = lead.place_at(when, threshold, after=True)
            (won if status == Status.WON else lost)[place].append(lead.id)
    return tuple(QuadrantFigures(q, tuple(won[q]), tuple(lost[q])) for q in PLACES)


def migration(facts: list[LeadFacts], scope: Scope, threshold: int) -> Migration:
    """Each lead's place at the period's start (or when it was recorded, if
    later) against its place at the end: net moves, so a lead that went
    Q3 → Q1 → Q3 stays on the diagonal."""
    start, end = scope.span.start, scope.span.end
    moves: dict[tuple[int, int], list[int]] = defaultdict(list)
    for lead in facts:
        if not lead.changes:
            place = lead.place_now(threshold)
            moves[place, place].append(lead.id)
            continue
        source = lead.place_at(max(start, lead.created), threshold)
        moves[source, lead.place_at(end, threshold)].append(lead.id)
    return Migration({key: tuple(ids) for key, ids in sorted(moves.items())})


# ------------------------------------------------------------------ funnel
def funnel(facts: list[LeadFacts], scope: Scope) -> tuple[StageFigures, ...]:
    """The leads open in the period (not won or lost before it began): where
    each stood at its end, how far each got, and how long stays lasted."""
    start, end = scope.span.start, scope.span.end
    at_end, reached = defaultdict(list), defaultdict(list)
    stays: dict[str, list[float]] = defaultdict(list)
    for lead in facts:
        if lead.closed_by(start) is not None:
            continue
        at_end[str(lead.value_at("stage", end))].append(lead.id)
        for rank in range(lead.furthest(end) + 1):
            reached[STAGES[rank]].append(lead.id)
        for stage, entered, left in lead.stays(end):
            if left >= start:
                stays[stage].append((left - entered).total_seconds())
    rows = []
    for rank, stage in enumerate(STAGES):
        following = STAGES[rank + 1] if rank + 1 < len(STAGES) else None
        conversion = (rate(len(reached[following]), len(reached[stage]))
                      if following else None)
        rows.append(StageFigures(stage, tuple(at_end[stage]), tuple(reached[stage]),
                                 conversion, _median_days(stays[stage])))
    return tuple(rows)


# ------------------------------------------------------------------ lost deals
def _pareto(groups: dict[str, list[int]]) -> tuple[Share, ...]:
    """Largest first (ties by name), each with its share and the running share."""
    total = sum(len(ids) for ids in groups.values())
    rows, running = [], 0
    for name, ids in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        running += len(ids)
        rows.append(Share(name, tuple(ids), rate(len(ids), total), rate(running, total)))
    return tuple(rows)


def lost_deals(facts: list[LeadFacts], closed: Closed,
               deals: dict[int, LostDeal] | None = None) -> LostDeals:
    """Why and to whom: the lead's lost deal says it (a reason of the list,
    by its code, and the brand that won); a lead lost before there were
    lost deals by its reason and competitor as typed."""
    deals = deals or {}
    reasons, competitors, lost = defaultdict(list), defaultdict(list), []
    for lead in facts:
        outcome = closed.get(lead.id)
        if outcome is None or outcome[0] != Status.LOST:
            continue
        lost.append(lead.id)
        deal = deals.get(lead.id)
        reason = deal.reason.value if deal else lead.reason
        brand = (deal.brand or lead.competitor) if deal else lead.competitor
        reasons[reason].append(lead.id)
        if brand:
            competitors[brand].append(lead.id)
    return LostDeals(tuple(lost), _pareto(reasons), _pareto(competitors))


# ------------------------------------------------------------------ contacts
ContactRow = tuple[int, datetime, str, str, str, object]  # lead, at, status, method, purpose, goal

_CONTACT_FIELDS = ("lead_id", "at", "status", "method", "purpose", "goal_reached")
_CONTACT_DEFAULTS = (None, None, ContactStatus.PLANNED.value, None, None, None)


def _contacts(store: LeadStore, leads: dict[int, LeadFacts]) -> Iterator[ContactRow]:
    for _contact_id, (lead_id, at, status, method, purpose, goal) in store.contact_rows(
            _CONTACT_FIELDS, _CONTACT_DEFAULTS):
        if lead_id in leads:
            yield lead_id, as_time(at), status, method, purpose, goal


def _weeks(scope: Scope) -> list[datetime]:
    """The Mondays of the last WEEKS weeks up to the period's end (or today,
    if sooner), and the Monday after them."""
    last = min(scope.span.end - timedelta(microseconds=1), scope.now)
    monday = datetime.combine(week_start(last.date()), datetime.min.time(),
                              tzinfo=scope.now.tzinfo)
    return [monday - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS + 1)]


_STATUSES = tuple(s.value for s in ContactStatus)  # planned, done, missed, cancelled


def activity(store: LeadStore, contacts: list[ContactRow], leads: dict[int, LeadFacts],
             scope: Scope) -> Activity:
    start, end, now = scope.span.start, scope.span.end, scope.now
    bounds = _weeks(scope)
    weekly = [Counter() for _ in range(WEEKS)]
    overdue: list[set[int]] = [set() for _ in range(WEEKS)]
    by_method: dict[str, Counter] = defaultdict(Counter)
    by_purpose: dict[str, Counter] = defaultdict(Counter)
    method_leads: dict[str, set[int]] = defaultdict(set)
    purpose_leads: dict[str, set[int]] = defaultdict(set)
    for lead_id, at, status, method, purpose, _goal in contacts:
        week = bisect_right(bounds, at) - 1
        if 0 <= week < WEEKS:
            weekly[week][status] += 1
            if status == ContactStatus.PLANNED and at < now:
                weekly[week]["overdue"] += 1
                overdue[week].add(lead_id)
        if start <= at < end:
            by_method[method][status] += 1
            by_purpose[purpose][status] += 1
            method_leads[method].add(lead_id)
            purpose_leads[purpose].add(lead_id)
    weeks = tuple(
        WeekActivity(bounds[i].date(), c["done"], c["missed"], c["cancelled"], c["planned"],
                     c["overdue"], tuple(sorted(overdue[i]))) for i, c in enumerate(weekly))
    active = tuple(lead.id for lead in leads.values() if lead.now["status"] == Status.ACTIVE)
    unplanned = store.unplanned
    return Activity(weeks, _status_rows(by_method, method_leads, Method),
                    _status_rows(by_purpose, purpose_leads, Purpose), active,
                    tuple(i for i in active if i in unplanned))


def _status_rows(counts: dict[str, Counter], leads: dict[str, set[int]], codes
                 ) -> tuple[StatusCounts, ...]:
    return tuple(
        StatusCounts(code, counts[code]["done"], counts[code]["missed"],
                     counts[code]["cancelled"], counts[code]["planned"],
                     tuple(sorted(leads[code])))
        for code in _order(counts, (c.value for c in codes)))


def goals(contacts: list[ContactRow], leads: dict[int, LeadFacts], scope: Scope,
          threshold: int) -> Goals:
    """Made contacts in the period whose result was recorded (goal reached
    or not): the share that reached it, by method, purpose, and method for
    the quadrant the lead was in at the contact's time."""
    start, end = scope.span.start, scope.span.end
    tally: dict[tuple[str, str], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for lead_id, at, status, method, purpose, goal in contacts:
        if status != ContactStatus.DONE or goal is None or not start <= at < end:
            continue
        place = leads[lead_id].place_at(at, threshold)
        for key in (("method", method), ("purpose", purpose), (f"q{place}", method)):
            reached, judged = tally[key]
            judged.append(lead_id)
            if goal:
                reached.append(lead_id)

    def rows(kind: str, known) -> tuple[GoalRate, ...]:
        codes = [code for k, code in tally if k == kind]
        return tuple(GoalRate(code, tuple(tally[kind, code][0]), tuple(tally[kind, code][1]))
                     for code in _order(codes, (c.value for c in known)))

    by_quadrant = {q: rows(f"q{q}", Method) for q in PLACES}
    return Goals(rows("method", Method), rows("purpose", Purpose),
                 {q: r for q, r in by_quadrant.items() if r})
