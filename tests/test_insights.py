"""The insights' figures on a small history whose answers are worked out by
hand (tests/insights_fixture.py says what happened to whom, and when)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from store.insights import Scope, compute
from store.insights.figures import TRAY
from store.leadstore import LeadStore
from tests.conftest import NOW
from tests.insights_fixture import QUARTER, build


@pytest.fixture
def seen(store: LeadStore, clock):
    ids = build(store, clock)
    return ids, compute(store, Scope(QUARTER, "quarter", NOW))


def letters(ids: dict[str, int], lead_ids) -> str:
    names = {v: k for k, v in ids.items()}
    return "".join(sorted(names[i] for i in lead_ids))


def test_sources_most_wins_first_with_their_rates(seen):
    ids, insights = seen
    rows = [(s.source, letters(ids, s.found), letters(ids, s.strong), letters(ids, s.won),
             letters(ids, s.lost), s.strong_share, s.win_rate, s.median_days_to_win)
            for s in insights.sources]
    assert rows == [
        ("friend", "B", "B", "A", "B", 1.0, 0.5, 27.0),
        ("owner", "", "", "E", "", None, 1.0, 56.0),
        ("walk_in", "CDF", "C", "", "CD", 0.3333, 0.0, None),
        ("event", "G", "G", "", "", 1.0, None, None),
    ]


def test_win_rate_by_the_quadrant_at_the_close(seen):
    ids, insights = seen
    rows = {q.quadrant: (letters(ids, q.won), letters(ids, q.lost), q.win_rate)
            for q in insights.quadrants}
    assert rows == {1: ("A", "B", 0.5), 2: ("", "C", 0.0), 3: ("E", "D", 0.5),
                    4: ("", "", None), TRAY: ("", "", None)}


def test_migration_is_net_over_the_period(seen):
    ids, insights = seen
    moves = {key: letters(ids, leads) for key, leads in insights.migration.moves.items()}
    # E went Q3 -> Q1 -> Q3 within the quarter: it stays on the diagonal.
    assert moves == {(1, 1): "B", (2, 2): "CG", (3, 1): "A", (3, 3): "E", (4, 4): "F",
                     (TRAY, 3): "D"}
    assert insights.migration.count(3, 1) == 1


def test_funnel_counts_how_far_each_lead_got(seen):
    ids, insights = seen
    rows = [(s.stage, letters(ids, s.at_end), len(s.reached), s.conversion, s.median_days)
            for s in insights.funnel]
    assert rows == [
        ("find", "CDFG", 7, 0.4286, 39.0),
        ("analyse", "", 3, 1.0, None),
        ("approach", "E", 3, 1.0, None),
        ("probe", "", 3, 1.0, 10.0),
        ("present", "B", 3, 0.6667, None),
        ("objections", "", 2, 1.0, None),
        ("closing", "A", 2, 0.0, None),
        ("after_sales", "", 0, None, None),
    ]


def test_activity_by_week_method_and_purpose(seen):
    ids, insights = seen
    activity = insights.activity
    assert activity.weeks[0].start == date(2026, 9, 7)
    busy = {w.start: (w.done, w.missed, w.cancelled, w.planned, w.overdue)
            for w in activity.weeks if w.total}
    assert busy == {date(2026, 9, 14): (1, 0, 0, 0, 0), date(2026, 10, 5): (2, 0, 0, 0, 0),
                    date(2026, 10, 19): (0, 0, 1, 0, 0), date(2026, 11, 2): (1, 1, 0, 0, 0),
                    date(2026, 11, 16): (0, 0, 0, 1, 1)}
    assert len(activity.weeks) == 12 and activity.weeks[-1].start == date(2026, 11, 23)
    methods = {m.code: (m.done, m.missed, m.cancelled, m.planned, letters(ids, m.leads))
               for m in activity.by_method}
    assert methods == {"phone": (1, 1, 1, 1, "BEF"), "visit": (2, 0, 0, 1, "AEF")}
    purposes = {p.code: (p.done, p.missed, p.cancelled, p.planned) for p in activity.by_purpose}
    assert list(purposes) == ["sell", "relationship", "information"]
    assert purposes == {"sell": (2, 0, 0, 2), "relationship": (0, 0, 1, 0),
                        "information": (1, 1, 0, 0)}
    assert letters(ids, activity.active) == "FG"
    assert letters(ids, activity.without_next) == "G"
    assert activity.next_step_share == 0.5


def test_goal_reached_by_method_purpose_and_quadrant(seen):
    _ids, insights = seen
    goals = insights.goals
    assert [(g.code, len(g.reached), len(g.judged), g.rate) for g in goals.by_method] == [
        ("phone", 0, 1, 0.0), ("visit", 2, 2, 1.0)]
    assert [(g.code, g.rate) for g in goals.by_purpose] == [("sell", 1.0), ("information", 0.0)]
    # Every judged contact in the quarter was with a lead then in Q3.
    assert list(goals.by_quadrant) == [3]
    assert [(g.code, g.rate) for g in goals.by_quadrant[3]] == [("phone", 0.0), ("visit", 1.0)]


def test_lost_reasons_as_a_pareto(seen):
    ids, insights = seen
    lost = insights.lost
    assert letters(ids, lost.lost) == "BCD"
    assert [(r.name, letters(ids, r.leads), r.share, r.running) for r in lost.reasons] == [
        ("价格高", "BC", 0.6667, 0.6667), ("资金不足", "D", 0.3333, 1.0)]
    assert [(c.name, c.share, c.running) for c in lost.competitors] == [
        ("三一", 0.5, 0.5), ("徐工", 0.5, 1.0)]


def test_a_filtered_board_counts_only_its_leads(store, clock):
    ids = build(store, clock)
    shown = frozenset({ids["A"], ids["B"], ids["C"]})
    insights = compute(store, Scope(QUARTER, "quarter", NOW, shown))
    assert [(s.source, len(s.won), len(s.lost)) for s in insights.sources] == [
        ("friend", 1, 1), ("walk_in", 0, 1)]
    assert letters(ids, insights.lost.lost) == "BC"


def test_two_runs_give_the_same_figures(store, clock):
    build(store, clock)
    scope = Scope(QUARTER, "quarter", NOW)
    assert compute(store, scope) == compute(store, scope)


def test_the_same_figures_after_reopening_the_file(store, clock, db_path):
    build(store, clock)
    scope = Scope(QUARTER, "quarter", NOW)
    before = compute(store, scope)
    store.close()
    with LeadStore.open(db_path, clock=clock, read_only=True) as again:
        assert compute(again, scope) == before


def test_a_lost_deal_gives_the_reason_and_the_brand_that_won(store, clock):
    """A lead lost with the dialog counts by its lost deal; those lost before
    by the reason and competitor typed on the lead."""
    from store.insights.text import to_text
    from store.lost import LostAnswer, mark_lost
    from store.market_model import LostReason
    from tui.i18n import set_language
    from tui.insight_words import report_words

    ids = build(store, clock)
    clock.now = NOW - timedelta(days=1)
    mark_lost(store, ids["F"], LostAnswer(LostReason.FINANCING, "付款条件", brand="sany",
                                          model="SY215C", price=545_000))
    clock.now = NOW
    lost = compute(store, Scope(QUARTER, "quarter", NOW)).lost
    assert letters(ids, lost.lost) == "BCDF"
    assert [(r.name, letters(ids, r.leads)) for r in lost.reasons] == [
        ("价格高", "BC"), ("financing", "F"), ("资金不足", "D")]
    assert [(c.name, letters(ids, c.leads)) for c in lost.competitors] == [
        ("三一", "BF"), ("徐工", "C")]
    set_language("zh")
    report = to_text(compute(store, Scope(QUARTER, "quarter", NOW)), report_words())
    assert "付款条件" in report and "financing" not in report
