"""The demo's market intelligence: a profile of each competing brand,
outlets in every demo city, a year of intel whose prices move, a living
market around 临沂."""

from __future__ import annotations

from datetime import timedelta

from store.check import check_file
from store.demo import write_demo
from store.demo_intel import PROFILES
from store.intel import latest_prices, region_intel
from store.leadstore import LeadStore


def test_the_demo_holds_a_living_market(store, db_path, clock):
    write_demo(store, 300, seed=7)
    today = store.now().date()
    profiles = store.records("competitors").values()
    assert {c.brand for c in profiles} == set(PROFILES) >= {"徐工", "卡特", "久保田", "神钢"}
    assert all(c.models and c.models[0].low < c.models[0].high for c in profiles)
    linyi = region_intel(store, "临沂")
    assert len({o.brand for o in linyi.outlets}) >= 8 and all(o.staff for o in linyi.outlets)
    assert len(linyi.entries) >= 30
    days = [e.on for e in linyi.entries]
    assert max(days) <= today and min(days) >= today - timedelta(days=365)
    entries = store.records("intel").values()
    assert {e.city for e in entries} == {lead.city for lead in store.leads.values()}
    for entry in entries:  # heard from a lead of that city, or from nobody in particular
        assert entry.lead_id is None or store.lead(entry.lead_id).city == entry.city
    prices = {e.price for e in entries if e.brand == "徐工" and e.model == "XE215DA" and e.price}
    assert len(prices) > 2  # prices move over the year
    assert latest_prices(entries, "徐工")  # the profile has latest prices to show
    store.close()
    assert check_file(db_path).ok
    with LeadStore.open(db_path, clock=clock, read_only=True) as again:
        assert len(again.records("intel")) == len(entries)


def test_the_same_seed_gives_the_same_intel(tmp_path, clock):
    made = []
    for name in ("a.json", "b.json"):
        with LeadStore.open(tmp_path / name, clock=clock) as store:
            write_demo(store, 50, seed=3)
            made.append(sorted(store.records("intel").values(), key=lambda e: e.id))
    assert made[0] == made[1]
