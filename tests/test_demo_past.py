"""The demo has a past: the insights of a fresh demo show which source
brings wins, Q3 leads that became Q1, where the funnel leaks, and why deals
were lost."""

from __future__ import annotations

import pytest

from store.demo import write_demo
from store.insights import Reach, Scope, compute, reach_span
from store.leadstore import LeadStore
from store.lost import lost_deals_in
from store.market_model import LostReason
from store.model import ContactStatus, Status
from tui.app import LeadboardApp
from tui.locales.zh.lost import MESSAGES as ZH_LOST
from tui.screens.insights import ORDER, InsightsScreen

LEADS = 300
SEED = 7


@pytest.fixture
def demo(store: LeadStore) -> LeadStore:
    write_demo(store, LEADS, seed=SEED)
    return store


def figures(store: LeadStore, reach: Reach):
    now = store.now()
    return compute(store, Scope(reach_span(reach, now), reach.value, now))


def win_rate(row) -> float:
    return len(row.won) / (len(row.won) + len(row.lost))


def test_the_year_shows_which_source_brings_wins(demo):
    sources = {row.source: row for row in figures(demo, Reach.YEAR).sources}
    assert figures(demo, Reach.YEAR).sources[0].source == "owner"  # the most wins on top
    assert sum(bool(row.won) for row in sources.values()) >= 3
    assert win_rate(sources["owner"]) > 2 * win_rate(sources["walk_in"])


def test_q3_leads_became_q1_this_quarter(demo, clock):
    insights = figures(demo, Reach.QUARTER)
    moved = insights.migration.moves[3, 1]
    assert len(moved) >= 5
    quarter = reach_span(Reach.QUARTER, clock())
    for lead_id in moved:  # each by a regrade the store stamped inside the quarter
        raised = [e for e in demo.lead(lead_id).history if e.field == "intent"]
        assert raised and quarter.start <= raised[-1].at < clock()


def test_the_funnel_leaks_between_stages(demo):
    funnel = figures(demo, Reach.YEAR).funnel
    reached = [len(row.reached) for row in funnel]
    assert reached == sorted(reached, reverse=True) and reached[0] > 0 and reached[-1] > 0
    rates = [row.conversion for row in funnel if row.conversion is not None]
    assert min(rates) < 0.5 < max(rates)  # one stage loses far more than the others
    assert any(row.median_days is not None for row in funnel[1:])  # stays were timed


def test_lost_deals_give_the_reasons_a_rep_picks(demo):
    lost = figures(demo, Reach.YEAR).lost
    codes = {reason.value for reason in LostReason}
    assert len(lost.reasons) >= 3 and {row.name for row in lost.reasons} <= codes
    assert lost.competitors  # whom the deals bought from another brand went to
    # The lead keeps the words a Chinese rep's pick leaves on it.
    words = {text for key, text in ZH_LOST.items() if key.startswith("lost_reason.")}
    left = {demo.lead(i).reason.split("：")[0] for i in lost.lost}
    assert len(left) >= 3 and left <= words


def test_every_lead_lost_has_its_lost_deal_and_linyi_shows_some(demo):
    lost = {i for i, lead in demo.leads.items() if lead.status is Status.LOST}
    deals = demo.records("lost_deals").values()
    assert lost and {deal.lead_id for deal in deals} == lost
    here = lost_deals_in(demo, "临沂")
    assert len(here) >= 2 and [r.on for r in here] == sorted((r.on for r in here), reverse=True)
    assert all(r.deal.city == "临沂" for r in here)
    priced = [deal for deal in deals if deal.price]
    assert priced and all(d.brand and d.model and 100_000 < d.price < 2_000_000 for d in priced)
    assert len({d.reason for d in deals}) >= 6  # spread over the list


def test_past_contacts_were_made_missed_and_called_off(demo, clock):
    insights = figures(demo, Reach.YEAR)
    weeks = insights.activity.weeks
    assert sum(w.done for w in weeks) and sum(w.missed for w in weeks)
    assert sum(w.cancelled for w in weeks)
    rates = {row.code: len(row.reached) / len(row.judged) for row in insights.goals.by_method}
    assert rates["visit"] > rates["sms"]  # closer methods reach the goal more often
    lost = [c for c in demo.contacts.values()
            if demo.lead(c.lead_id).status is Status.LOST and c.status is ContactStatus.PLANNED]
    assert not lost  # nobody plans a visit to a lost lead


def test_the_past_is_on_disk_and_the_same_for_the_same_seed(demo, db_path, tmp_path, clock):
    history = {i: lead.history for i, lead in demo.leads.items()}
    demo.close()
    with LeadStore.open(db_path, clock=clock, read_only=True) as again:
        assert {i: lead.history for i, lead in again.leads.items()} == history
    with LeadStore.open(tmp_path / "b.json", clock=clock) as other:
        write_demo(other, LEADS, seed=SEED)
        assert {i: lead.history for i, lead in other.leads.items()} == history
    changes = [entry for entries in history.values() for entry in entries]
    assert len(changes) > LEADS / 2 and all(entry.at < clock() for entry in changes)


async def test_insights_on_the_demo_board_show_every_section(demo):
    app = LeadboardApp(demo, "en")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        for name in ORDER:
            section = app.screen.query_one(f"#section-{name}")
            assert section.query(".section-chart, .section-table"), name
        note = str(app.screen.query_one("#section-sources .section-note").render())
        assert note.startswith("Most wins: ")
        quadrants = str(app.screen.query_one("#section-quadrants .section-note").render())
        assert "Q3 → Q1 in this period: " in quadrants and "Q3 → Q1 in this period: 0 " not in quadrants
        assert "Biggest leak: " in str(app.screen.query_one("#section-funnel .section-note").render())
        assert "deals lost; the biggest reason: " in str(
            app.screen.query_one("#section-lost .section-note").render())
