"""The market's figures stay right as the territory changes: the store keeps
its census of machines by place current (and the figures it worked out are
dropped) through every kind of change, another rep's heard from the server
too, so that each figure is the one a count of every machine from scratch
gives, in every region."""

from __future__ import annotations

import threading
from bisect import bisect_right
from pathlib import Path

import pytest

from store.fleet import brand_key, size_class
from store.importing.importer import ImportOptions, apply_plan, plan_import
from store.demo import write_demo
from store.leadstore import LeadStore
from store.market import AGE_BANDS, SIZE_BANDS, in_region, market, regions, work_out
from store.model import MachineStatus
from tests.market_fixture import build_market

REGIONS = ("", "山东", "临沂", "济南", "江苏", "徐州", "jinan", "河南")


def _band(value, bands) -> int:
    lows = [low for _name, low in bands]
    return len(lows) if value is None else max(bisect_right(lows, value) - 1, 0)


def counted(store: LeadStore, region: str) -> tuple:
    """The figures counted from every machine, built, as the rep reads them."""
    today, settings = store.now().date(), store.settings
    own = brand_key(settings.own_brand) if settings.own_brand else None

    def place(machine):
        if machine.province or machine.city or machine.owner not in store.leads:
            return machine.province, machine.city
        lead = store.lead(machine.owner)
        return lead.province, lead.city

    machines = [m for m in store.machines.values()
                if m.status is not MachineStatus.SCRAPPED and in_region(place(m), region)]
    brands = {}
    for m in machines:
        sizes, ages, owners = brands.setdefault(
            m.brand, ([0] * (len(SIZE_BANDS) + 1), [0] * (len(AGE_BANDS) + 1), set()))
        sizes[_band(size_class(m), SIZE_BANDS)] += 1
        ages[_band(None if m.year is None else today.year - m.year, AGE_BANDS)] += 1
        if m.owner is not None:
            owners.add(m.owner)
    due = [m for m in machines
           if (m.year is not None and today.year - m.year >= settings.replace_age)
           or (m.hours is not None and m.hours >= settings.replace_hours)]
    by_owner = {}
    for m in due:
        if m.owner in store.leads:
            by_owner.setdefault(m.owner, []).append(m)
    oldest = lambda m: (m.year if m.year is not None else today.year, -(m.hours or 0), m.id)  # noqa: E731
    candidates = sorted(((owner, sorted(group, key=oldest)) for owner, group in by_owner.items()),
                        key=lambda c: (-len(c[1]), oldest(c[1][0])[:2], c[0]))
    return (len(machines),
            sorted((b, sum(s), own is not None and brand_key(b) == own, tuple(s), tuple(a), o)
                   for b, (s, a, o) in brands.items()),
            [(owner, [m.id for m in group]) for owner, group in candidates],
            sum(1 for m in due if m.owner is None))


def shown(store: LeadStore, region: str, figures=market) -> tuple:
    """The same figures as the market gives them (``work_out``: worked out anew)."""
    seen = figures(store, region)
    return (seen.total,
            sorted((b.brand, b.count, b.own, b.sizes, b.ages, set(b.owners)) for b in seen.brands),
            [(c.owner.id, [m.id for m in c.machines]) for c in seen.candidates],
            seen.unowned)


def assert_right(store: LeadStore) -> None:
    for region in REGIONS:
        assert shown(store, region) == counted(store, region), region
        assert shown(store, region, work_out) == counted(store, region), region
    with LeadStore.open(store.path, read_only=True, clock=store.clock) as again:
        for region in REGIONS:  # and the file, read again, says the same
            assert shown(again, region) == counted(store, region), region
        assert regions(again) == regions(store)


@pytest.fixture
def territory(store):
    ids = build_market(store)
    assert_right(store)  # the census is built now: what follows keeps it
    return ids


def test_a_machine_added_is_counted_in_its_region_and_its_owners(store, territory):
    store.add_machine("三一", "SY135C", owner=territory["c"], year=2010)  # 王芳's, 徐州: due
    store.add_machine("日立", "ZX200", province="河南", city="郑州", hours=20000)
    assert market(store, "徐州").total == 2 and market(store, "河南").unowned == 1
    assert_right(store)


def test_a_machine_edited_moves_between_brands_bands_places_and_owners(store, territory):
    store.edit_machine(territory["m2"], brand="卡特", year=2010)  # now due, and 卡特
    store.edit_machine(territory["m5"], owner=territory["a"])  # 济南 → 临沂, 张伟's
    store.edit_machine(territory["m9"], province="", city="")  # back to its owner's 临沂
    store.edit_machine(territory["m7"], owner=territory["b"])  # nobody's → 李强's, still 临沂
    assert_right(store)
    store.edit_machine(territory["m1"], status=MachineStatus.SCRAPPED)
    store.edit_machine(territory["m6"], status=MachineStatus.WORKING)  # back in service
    assert_right(store)


def test_a_machine_removed_and_every_change_undone(store, territory):
    before = {region: shown(store, region) for region in REGIONS}
    store.remove_machine(territory["m3"])
    store.edit_machine(territory["m4"], year=2024)
    store.add_machine("徐工", "XE60", owner=territory["c"], year=2001)
    assert_right(store)
    for _ in range(3):
        store.undo()
        assert_right(store)
    assert {region: shown(store, region) for region in REGIONS} == before


def test_an_owner_moved_moves_the_machines_that_take_his_place(store, territory):
    store.edit_lead(territory["a"], province="江苏", city="南京")
    assert market(store, "临沂").total == 1  # only the 徐工 seen there, nobody's
    assert market(store, "南京").total == 3  # 张伟's own three; his 小松 stays in 济南
    assert_right(store)
    store.undo()
    assert market(store, "临沂").total == 4
    assert_right(store)


def test_an_owner_deleted_leaves_his_machines_to_nobody_and_undo_brings_him_back(
        store, territory):
    store.delete_lead(territory["b"])
    assert_right(store)
    assert market(store).unowned == 3  # the 徐工, and 李强's two due machines
    store.undo()
    assert_right(store)


def test_the_rules_and_the_own_brand_apply_at_once(store, territory):
    store.update_settings(own_brand="小松")
    assert market(store).brands[0].brand == "小松"
    store.update_settings(replace_age=5, replace_hours=5000)
    assert market(store).replace_age == 5
    assert_right(store)
    store.update_settings(own_brand="")
    assert not any(b.own for b in market(store).brands)
    assert_right(store)


def test_a_machine_list_imported_is_counted(store, territory, tmp_path: Path):
    path = tmp_path / "保有量.csv"
    path.write_text("品牌,型号,出厂年份,工作小时,车主,电话,地区\n"
                    "三一,SY215C,2015,9800,张伟,,山东临沂\n"
                    "日立,ZX200,2017,12000,,,河南郑州\n"
                    "卡特,320,2012,,赵六,13900000000,江苏徐州\n", encoding="utf-8")
    apply_plan(store, plan_import(store, [path], ImportOptions()))
    assert market(store, "河南").total == 1
    assert_right(store)
    store.undo()
    assert_right(store)


def test_a_new_day_ages_the_machines(store, territory, clock):
    assert_right(store)
    clock.advance(days=400)  # a year on: 三一 SY215C of 2016 ... every age one more
    assert market(store).today.year == 2027
    assert_right(store)


def test_another_reps_changes_heard_from_the_server_are_counted(pg_base, clock):
    from store.backends.listen import Listener
    from tests.test_team_live import wait_for

    mine = LeadStore.open(pg_base, clock=clock)
    ids = build_market(mine)
    assert market(mine).total == 8  # the census is built: what they change must reach it
    news = []
    listener = Listener(pg_base, mine.news_from, news.append, lambda *_: None).start()
    try:
        assert listener.reached.wait(5)
        with LeadStore.open(pg_base, clock=clock) as theirs:
            theirs.add_machine("日立", "ZX200", province="河南", city="郑州", year=2011)
            theirs.edit_lead(ids["a"], province="江苏", city="南京")  # his machines go with him
            theirs.remove_machine(ids["m3"])
        # Mine since the file was read (the territory: 13 changes), then theirs.
        wait_for(lambda: sum(len(n.changes) for n in news) == 16)
        for batch in news:
            mine.take_news(batch)
        assert market(mine, "河南").unowned == 1 and market(mine, "南京").total == 3
        for region in REGIONS:
            assert shown(mine, region) == counted(mine, region), region
    finally:
        listener.stop()
        mine.close()


def test_built_behind_the_board_it_counts_the_changes_made_while_it_was_built(
        db_path, clock, monkeypatch):
    """The board builds the census in a thread of its own; keys go on saving
    leads and machines meanwhile, and none of those changes is missed."""
    with LeadStore.open(db_path, clock=clock) as store:
        write_demo(store, 300, seed=1)
    store = LeadStore.open(db_path, clock=clock)  # nothing built yet
    first_machine = min(store.machines)  # the first the census reads
    owner = store.machines[first_machine].owner
    other = max(m.owner for m in store.machines.values() if m.owner is not None)
    # The build stops once it has read its first owner's place until the
    # keys below are saved: they land while it is under way, after it read
    # that machine and that place.
    reading, saved = threading.Event(), threading.Event()
    owner_place = store._owner_place

    def slow_owner_place(lead_id):
        place = owner_place(lead_id)
        reading.set()
        saved.wait(10)
        return place

    monkeypatch.setattr(store, "_owner_place", slow_owner_place)
    builder = threading.Thread(target=store.warm_census)
    builder.start()
    assert reading.wait(10)
    store.edit_lead(owner, province="江苏", city="南京")
    store.edit_machine(first_machine, owner=other)
    saved.set()
    builder.join()
    assert_right(store)
    store.close()


def test_the_market_asked_for_while_the_census_is_built_behind_counts_right(store):
    ids = build_market(store)
    store.close()
    store = LeadStore.open(store.path, clock=store.clock)
    builder = threading.Thread(target=store.warm_census)
    builder.start()
    assert market(store, "临沂").total == 4  # built here if the thread is not done
    builder.join()
    store.add_machine("三一", "SY16C", owner=ids["a"], year=2025)
    assert market(store, "临沂").total == 5
    assert_right(store)
    store.close()


PLACES = (("山东", "临沂"), ("山东", "济南"), ("江苏", "徐州"), ("河南", "郑州"), ("", ""))
BRANDS = ("三一", "卡特", "小松", "徐工", "柳工")
MODELS = ("SY215C", "SY75C", "320", "PC56", "PC360", "XE700", "挖掘机")


def _machine_fields(rng, leads: list[int]) -> dict:
    """A machine as a rep might write it down: any owner or none, its own
    place or its owner's, any age and hours, now and then scrapped."""
    province, city = rng.choice(PLACES) if rng.random() < 0.4 else ("", "")
    return dict(owner=rng.choice([*leads, None]), province=province, city=city,
                year=rng.choice([None, *range(2000, 2027)]),
                hours=rng.choice([None, 500, 9_999, 10_000, 15_000]),
                status=rng.choice([MachineStatus.WORKING] * 4 + [MachineStatus.SCRAPPED]))


def _one_change(rng, store: LeadStore, leads: list[int]) -> None:
    kind = rng.choice(("add", "add", "edit", "edit", "remove", "move", "delete", "undo"))
    machines = list(store.machines)
    here = [lead for lead in leads if lead in store.leads]
    if kind == "add" or not machines:
        store.add_machine(rng.choice(BRANDS), rng.choice(MODELS), **_machine_fields(rng, here))
    elif kind == "edit":
        machine_id, fields = rng.choice(machines), _machine_fields(rng, here)
        fields["hours"] = (store.machine(machine_id).hours or 0) + rng.choice((1, 6_000))
        picked = rng.sample(sorted(fields), rng.randint(1, 3))  # a meter only goes up
        store.edit_machine(machine_id, brand=rng.choice(BRANDS),
                           **{name: fields[name] for name in picked})
    elif kind == "remove":
        store.remove_machine(rng.choice(machines))
    elif kind == "move" and here:
        province, city = rng.choice(PLACES)
        store.edit_lead(rng.choice(here), province=province, city=city)
    elif kind == "delete" and len(here) > 2:
        store.delete_lead(rng.choice(here))
    else:
        store.undo()


def test_figures_kept_through_a_long_run_of_changes_equal_a_count_from_scratch(store):
    """The figures the census keeps for each region, moved by one machine at
    a time, against a count of every machine from scratch after each change."""
    import random

    rng = random.Random(19)
    ids = build_market(store)
    leads = [ids["a"], ids["b"], ids["c"]]
    leads += [store.add_lead(f"客户{n}", province=p, city=c).id
              for n, (p, c) in enumerate(PLACES * 2)]
    for _ in range(30):
        store.add_machine(rng.choice(BRANDS), rng.choice(MODELS), **_machine_fields(rng, leads))
    for region in REGIONS:  # each region's figures kept from now on
        assert shown(store, region) == counted(store, region), region
    for step in range(150):
        _one_change(rng, store, leads)
        for region in REGIONS:
            assert shown(store, region) == counted(store, region), (step, region)
    assert_right(store)


def test_more_regions_asked_than_are_kept_are_still_counted_right(store, territory):
    """The census keeps the last regions asked for; one let go is counted anew."""
    many = (*REGIONS, "南京", "郑州", "linyi", "xuzhou", "江")
    for region in many:
        market(store, region)
    store.add_machine("三一", "SY135C", owner=territory["c"], year=2010)
    store.edit_lead(territory["a"], province="河南", city="郑州")
    for region in (*many, *reversed(many)):
        assert shown(store, region) == counted(store, region), region
