"""The market in the store: installed base by brand, its splits, and the
machines due for replacement by owner, on the hand-built territory."""

from __future__ import annotations

from store.leadstore import LeadStore
from store.market import market, regions
from tests.market_fixture import build_market


def test_the_installed_base_puts_the_own_brand_first_then_counts(store):
    build_market(store)
    seen = market(store)
    assert seen.total == 8  # the scrapped 小松 is not counted
    assert [(b.brand, b.count, b.own) for b in seen.brands] == [
        ("三一", 2, True), ("卡特", 2, False), ("小松", 2, False),
        ("徐工", 1, False), ("柳工", 1, False)]
    assert [b.share for b in seen.brands] == [0.25, 0.25, 0.25, 0.125, 0.125]


def test_the_base_splits_by_size_class_and_by_age(store):
    ids = build_market(store)
    seen = market(store)
    # <6 t, 6-15, 15-25, 25-40, 40+, unknown
    assert seen.sizes == (2, 1, 2, 1, 1, 1)
    # 0-3, 4-7, 8-12, 13+ years, unknown
    assert seen.ages == (2, 2, 1, 2, 1)
    by_brand = {b.brand: b for b in seen.brands}
    assert by_brand["卡特"].sizes == (1, 0, 1, 0, 0, 0)
    assert by_brand["卡特"].ages == (0, 1, 0, 1, 0)
    assert by_brand["柳工"].sizes == (0, 0, 0, 0, 0, 1)
    assert by_brand["小松"].owners == {ids["a"], ids["c"]}
    assert by_brand["徐工"].owners == set()  # nobody known owns it


def test_replacement_candidates_are_grouped_by_owner_most_first(store):
    ids = build_market(store)
    seen = market(store)
    assert [(c.owner.id, [m.id for m in c.machines]) for c in seen.candidates] == [
        (ids["b"], [ids["m4"], ids["m3"]]),  # 14 years, then 12,000 hours
        (ids["a"], [ids["m1"]]),  # 10 years
    ]
    assert seen.unowned == 1  # the 徐工 nobody owns
    assert seen.candidate_leads == [ids["b"], ids["a"]]


def test_the_replacement_line_comes_from_the_settings_and_is_kept(store, db_path, clock):
    ids = build_market(store)
    store.update_settings(replace_age=13, replace_hours=20_000)
    seen = market(store)
    assert (seen.replace_age, seen.replace_hours) == (13, 20_000)
    assert [c.owner.id for c in seen.candidates] == [ids["b"]]
    store.close()
    with LeadStore.open(db_path, clock=clock) as again:
        assert (again.settings.replace_age, again.settings.replace_hours) == (13, 20_000)


def test_a_region_is_matched_by_city_province_or_pinyin(store):
    ids = build_market(store)
    linyi = market(store, "临沂")  # the owner's city, or the machine's own
    assert linyi.total == 4
    assert [(b.brand, b.count) for b in linyi.brands] == [("三一", 2), ("徐工", 1), ("柳工", 1)]
    assert [c.owner.id for c in linyi.candidates] == [ids["a"]] and linyi.unowned == 1
    assert market(store, "jinan").total == 3  # 李强's two and 张伟's PC56 kept in 济南
    assert market(store, "山东").total == 7
    assert market(store, "广东").total == 0 and market(store, "广东").brands == ()


def test_regions_are_listed_by_machine_count(store):
    build_market(store)
    assert regions(store) == [("临沂", 4), ("济南", 3), ("徐州", 1)]
