"""The market's lost deals stay right as the territory changes: the store
keeps each region's lost deals (asked for once) through every kind of
change, another rep's heard from the server too, so that the list is the
one read from every deal from scratch, in every region."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from store.importing.importer import ImportOptions, apply_plan, plan_import
from store.leadstore import LeadStore
from store.lost import LostAnswer, lost_deals_in, mark_lost
from store.market import in_region
from store.market_model import LostReason
from tests.market_fixture import build_market
from tests.test_market_census import PLACES

REGIONS = ("", "山东", "临沂", "济南", "江苏", "徐州", "jinan", "河南")


def counted(store: LeadStore, region: str) -> list:
    """Every deal read, those of leads in the file in the region, newest first."""
    def place(deal):
        if deal.province or deal.city:
            return deal.province, deal.city
        lead = store.lead(deal.lead_id)
        return lead.province, lead.city

    found = [deal for deal in store.records("lost_deals").values()
             if deal.lead_id in store.leads and in_region(place(deal), region)]
    found.sort(key=lambda deal: (deal.on, deal.id), reverse=True)
    return [(deal, deal.lead_id, store.lead(deal.lead_id).name) for deal in found]


def shown(store: LeadStore, region: str) -> list:
    return [(row.deal, row.lead.id, row.lead.name) for row in lost_deals_in(store, region)]


def assert_right(store: LeadStore) -> None:
    for region in REGIONS:
        assert shown(store, region) == counted(store, region), region
    with LeadStore.open(store.path, read_only=True, clock=store.clock) as again:
        for region in REGIONS:  # and the file, read again, says the same
            assert shown(again, region) == counted(store, region), region


def unplaced_deal(store: LeadStore, lead_id: int, days_ago: int = 0):
    """A deal written down with no place of its own: it is where its lead is."""
    return store.add_record("lost_deals", lead_id=lead_id, reason=LostReason.DELIVERY,
                            on=store.now().date() - timedelta(days=days_ago))


def territory(store: LeadStore, clock) -> dict[str, int]:
    """张伟 (临沂) lost twice, 李强 (济南) once; 王芳's deal has no place of its own."""
    ids = build_market(store)
    clock.advance(days=-3)
    mark_lost(store, ids["a"], LostAnswer(LostReason.PRICE, "价格", brand="cat", price=780_000))
    clock.advance(days=1)
    mark_lost(store, ids["b"], LostAnswer(LostReason.FINANCING, "融资", brand="sdlg"))
    clock.advance(days=2)
    mark_lost(store, ids["a"], LostAnswer(LostReason.PRICE, "价格", brand="小松"))
    ids["unplaced"] = unplaced_deal(store, ids["c"], days_ago=1).id
    assert_right(store)  # each region's deals kept from now on
    return ids


def test_a_deal_added_edited_removed_and_undone(store, clock):
    ids = territory(store, clock)
    deal = unplaced_deal(store, ids["b"], days_ago=10)  # 济南, his
    assert [row[0].id for row in shown(store, "济南")][-1] == deal.id  # the oldest there
    store.edit_record("lost_deals", deal.id, province="河南", city="郑州",
                      on=store.now().date())
    assert [row[0].id for row in shown(store, "河南")] == [deal.id]
    assert_right(store)
    store.remove_record("lost_deals", ids["unplaced"])
    assert shown(store, "徐州") == []
    assert_right(store)
    for _ in range(3):
        store.undo()
        assert_right(store)
    assert [row[0].id for row in shown(store, "徐州")] == [ids["unplaced"]]


def test_a_lead_moved_takes_the_deals_with_no_place_of_their_own(store, clock):
    ids = territory(store, clock)
    store.edit_lead(ids["c"], province="河南", city="郑州")
    assert [row[0].id for row in shown(store, "河南")] == [ids["unplaced"]]
    store.edit_lead(ids["a"], province="江苏", city="南京")  # his deals keep where they were lost
    assert len(shown(store, "临沂")) == 2
    assert_right(store)
    store.undo()
    store.undo()
    assert_right(store)


def test_a_lead_deleted_takes_his_deals_and_undo_brings_them_back(store, clock):
    ids = territory(store, clock)
    store.delete_lead(ids["a"])
    assert shown(store, "临沂") == []
    assert_right(store)
    store.undo()
    assert len(shown(store, "临沂")) == 2
    assert_right(store)


def test_a_lead_renamed_is_shown_by_his_new_name(store, clock):
    ids = territory(store, clock)
    store.edit_lead(ids["b"], name="李强强")
    assert shown(store, "济南")[0][2] == "李强强"
    assert_right(store)


def test_leads_imported_leave_the_deals_right(store, clock, tmp_path: Path):
    territory(store, clock)
    path = tmp_path / "客户.csv"
    path.write_text("姓名,电话,地区\n赵六,13900000000,山东临沂\n钱七,13900000001,河南郑州\n",
                    encoding="utf-8")
    apply_plan(store, plan_import(store, [path], ImportOptions()))
    assert_right(store)
    store.undo()
    assert_right(store)


def test_deals_kept_through_a_long_run_of_changes_equal_those_read_from_scratch(store, clock):
    rng = random.Random(19)
    ids = territory(store, clock)
    leads = [ids["a"], ids["b"], ids["c"]]
    leads += [store.add_lead(f"客户{n}", province=p, city=c).id for n, (p, c) in enumerate(PLACES)]
    for step in range(150):
        here = [lead for lead in leads if lead in store.leads]
        deals = list(store.records("lost_deals"))
        kind = rng.choice(("add", "add", "edit", "remove", "move", "delete", "undo"))
        province, city = rng.choice(PLACES)
        if kind == "add" or not deals:
            unplaced_deal(store, rng.choice(here), days_ago=rng.randint(0, 30))
        elif kind == "edit":
            store.edit_record("lost_deals", rng.choice(deals), province=province, city=city,
                              on=store.now().date() - timedelta(days=rng.randint(0, 30)))
        elif kind == "remove":
            store.remove_record("lost_deals", rng.choice(deals))
        elif kind == "move":
            store.edit_lead(rng.choice(here), province=province, city=city)
        elif kind == "delete" and len(here) > 2:
            store.delete_lead(rng.choice(here))
        else:
            store.undo()
        for region in REGIONS:
            assert shown(store, region) == counted(store, region), (step, region)
    assert_right(store)


def test_another_reps_changes_heard_from_the_server_reach_the_deals(pg_base, clock):
    from store.backends.listen import Listener
    from tests.test_team_live import wait_for

    mine = LeadStore.open(pg_base, clock=clock)
    ids = build_market(mine)
    mark_lost(mine, ids["a"], LostAnswer(LostReason.PRICE, "价格", brand="cat"))
    unplaced = unplaced_deal(mine, ids["c"]).id
    assert len(shown(mine, "")) == 2  # kept from now on: what they change must reach it
    news = []
    listener = Listener(pg_base, mine.news_from, news.append, lambda *_: None).start()
    try:
        assert listener.reached.wait(5)
        with LeadStore.open(pg_base, clock=clock) as theirs:
            mark_lost(theirs, ids["b"], LostAnswer(LostReason.FINANCING, "融资"))
            theirs.edit_lead(ids["c"], province="河南", city="郑州")  # the unplaced deal goes too
            theirs.delete_lead(ids["a"])
        wait_for(lambda: any(table == "leads" and obj_id == ids["a"] and doc is None
                             for n in news for table, obj_id, doc, _v in n.records))
        for batch in news:
            mine.take_news(batch)
        assert [row[0].id for row in shown(mine, "河南")] == [unplaced]
        assert shown(mine, "临沂") == []
        for region in REGIONS:
            assert shown(mine, region) == counted(mine, region), region
    finally:
        listener.stop()
        mine.close()


def test_more_regions_asked_than_are_kept_are_still_read_right(store, clock):
    ids = territory(store, clock)
    many = (*REGIONS, "南京", "郑州", "linyi", "xuzhou", "江")
    for region in many:
        lost_deals_in(store, region)
    unplaced_deal(store, ids["b"], days_ago=5)
    store.edit_lead(ids["c"], province="河南", city="郑州")
    for region in (*many, *reversed(many)):
        assert shown(store, region) == counted(store, region), region
