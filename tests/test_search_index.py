"""The search index kept up to date one lead at a time, and large sets of
matches ranked without sorting them whole, checked against an index built
afresh from the same file."""

import pytest

import store.ids as id_lists
import store.search.index as indexing
import store.search.lines as joined_lines
import store.search.ranks as ranks
from store.demo import write_demo
from store.model import Status
from store.search import SearchIndex, parse_query, search

QUERIES = ["z", "zh", "zhang", "zs", "wang wei", "l", "lyh", "临", "临沂", "138", "1380539",
           "wangwie", "q:1", "q:4 w", "region:临沂 li", "credit:good zh", "status:won", ""]


def ranked(index, text, limit=8):
    result = search(index, parse_query(text), limit)
    return [(hit.lead_id, hit.score) for hit in result.hits], result.lead_ids


@pytest.fixture
def demo(store):
    write_demo(store, 600, seed=3)
    return store


def test_changes_reach_a_built_index_as_a_fresh_build_finds_them(demo):
    index = SearchIndex(demo).build()
    ids = sorted(demo.leads)
    old = demo.lead(ids[0])
    assert ranked(index, old.name)[0][0] == (ids[0], 100)
    demo.edit_lead(ids[0], name="张三丰", company="武当山土石方有限公司")
    demo.move_to_quadrant(ids[1], 4)
    demo.move_to_quadrant(ids[2], 1)
    demo.delete_lead(ids[3])
    demo.add_lead("欧阳锋", city="临沂", phones=("13805391234",), intent=4, funding=2)
    assert ids[0] not in ranked(index, old.name, None)[1]
    for text in [*QUERIES, old.name, old.company, "zsf", "wudang", "oyf", "ouyang"]:
        assert ranked(index, text) == ranked(SearchIndex(demo), text), text
        assert ranked(index, text, None) == ranked(SearchIndex(demo), text, None), text


def test_many_changes_join_the_texts_anew(demo, monkeypatch):
    monkeypatch.setattr(indexing, "REJOIN_AFTER", 5)
    index = SearchIndex(demo).build()
    for lead_id in sorted(demo.leads)[:12]:
        demo.move_to_quadrant(lead_id, 2)
        assert ranked(index, "q:2") == ranked(SearchIndex(demo), "q:2")
    demo.edit_lead(sorted(demo.leads)[0], name="钱多多")
    assert ranked(index, "qdd") == ranked(SearchIndex(demo), "qdd")


@pytest.mark.parametrize("walk_from", [1, 10**9], ids=["heaped", "walked"])
def test_the_first_few_of_many_matches_are_the_first_of_a_full_sort(demo, monkeypatch,
                                                                     walk_from):
    index = SearchIndex(demo).build()
    demo.move_to_quadrant(sorted(demo.leads)[5], 1)  # one lead out of the sorted order
    monkeypatch.setattr(indexing, "WALK_FROM", walk_from)
    for text in QUERIES:
        everything, _ = ranked(index, text, None)
        for limit in (1, 8, 50):
            assert ranked(index, text, limit)[0] == everything[:limit], (text, limit)


def test_the_built_index_is_kept_out_of_the_collectors_sight(demo):
    """Whoever builds it (the app in the background, a first search, the
    CLI), what it holds must not be walked by every collection after. (It
    holds a few dozen objects now, not one or more per lead: the index's
    own are looked for among those the collector walks.)"""
    import gc

    frozen = gc.get_freeze_count()
    index = SearchIndex(demo).build()
    assert gc.get_freeze_count() > frozen
    held = [index, index.slot_of, index.lines("text"), index.lines("names"),
            index.exact_names(), index.columns(), index.choices, index.ordering("ranks")]
    walked = {id(o) for o in gc.get_objects()}
    assert [o for o in held if gc.is_tracked(o) and id(o) in walked] == []
    assert gc.isenabled() and ranked(index, "z")[0]


def test_leads_not_active_are_found_only_when_a_status_is_asked_for(demo):
    index = SearchIndex(demo).build()
    ids = sorted(demo.leads)
    closed = {ids[0]: "won", ids[1]: "lost", ids[2]: "dormant"}
    for lead_id, status in closed.items():
        demo.edit_lead(lead_id, status=status)
    for lead_id, status in closed.items():
        name = demo.lead(lead_id).name
        found = search(index, parse_query(name), None)
        assert lead_id not in found.lead_ids and found.active_only
        asked = search(index, parse_query(f"status:{status} {name}"), None)
        assert [hit.lead_id for hit in asked.hits][:1] == [lead_id]
        assert not asked.active_only
    everything = search(index, parse_query(""), None).lead_ids
    active = {i for i in ids if demo.lead(i).status is Status.ACTIVE}  # the demo closed some
    assert everything == active and active.isdisjoint(closed)


def test_slots_apart_from_lead_ids_find_the_same(demo, monkeypatch):
    """Ids far apart (typed in by hand, say) get slots of their own; a
    search reads the same whichever way a lead's slot was given."""
    mixed = SearchIndex(demo).build()
    assert mixed.slots_are_ids
    monkeypatch.setattr(id_lists, "SPREAD", 0)
    monkeypatch.setattr(id_lists, "SLACK", 0)
    apart = SearchIndex(demo).build()  # every lead in a slot of its own
    # Leads added after the build: past the slots the mixed index has.
    demo.add_lead("欧阳锋", city="临沂", phones=("13805391234",), intent=4, funding=2)
    demo.add_lead("单田芳", company="临沂评书社", intent=2, funding=5)
    demo.delete_lead(sorted(demo.leads)[0])
    for index in (mixed, apart):
        index.catch_up()
    assert not mixed.slots_are_ids and not apart.slots_are_ids
    monkeypatch.undo()
    usual = SearchIndex(demo).build()
    assert usual.slots_are_ids
    for text in [*QUERIES, "oyf", "shantianfang", "临沂评书"]:
        expected = ranked(usual, text, None)
        assert ranked(mixed, text, None) == expected, text
        assert ranked(apart, text, None) == expected, text


@pytest.mark.parametrize("word", ["zha", "zhang", "wan", "lyh", "shan", "xyz"])
def test_lines_that_start_with_the_word_are_taken_whole_as_the_pattern_would(demo, word):
    from store.search.engine import _pinyin_pattern
    from store.search.index import LATER_NAME
    from store.search.pinyin import NAME

    index = SearchIndex(demo).build()
    demo.edit_lead(sorted(demo.leads)[0], name="张三")  # a lead changed since: layered lines
    index.catch_up()
    pattern = _pinyin_pattern(word, at_start=True)
    for kind in (NAME, LATER_NAME):
        lines = index.lines(kind)
        found = lines.slots_at_start(pattern, " " + word[0], " " + word)
        assert found == lines.slots_at_start(pattern, " " + word[0]), (kind, word)
        assert found == lines.slots_at_start(pattern), (kind, word)


def test_the_index_holds_a_few_hundred_bytes_a_lead(demo):
    """No object per lead: its texts live in the joined lines alone (an
    entry per lead held some 3.5 KB, as much again as the lead itself)."""
    import tracemalloc

    tracemalloc.start()
    try:
        index = SearchIndex(demo).build()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    leads = len(demo.leads)
    assert held / leads < 1500 and peak / leads < 2400, (held / leads, peak / leads)
    assert ranked(index, "z")[0]


def test_texts_joined_in_parts_find_what_texts_joined_whole_find(demo, monkeypatch):
    whole = SearchIndex(demo).build(in_parts=False)
    monkeypatch.setattr(joined_lines, "PART", 7)
    monkeypatch.setattr(joined_lines, "BATCH", 5)
    in_parts = SearchIndex(demo).build()
    for text in [*QUERIES, "zsf", "wangw", "shan"]:
        assert ranked(in_parts, text, None) == ranked(whole, text, None), text


def test_ranks_too_large_to_pack_rank_as_before(demo, monkeypatch):
    """A rank is packed into one number while its lead's id fits; past
    that, every rank is kept as it is, and the order stays the board's."""
    monkeypatch.setattr(ranks, "_ID_BITS", 9)  # ids from 512 on do not fit
    unpacked = SearchIndex(demo).build()
    assert isinstance(unpacked.columns().ranks, list)
    demo.move_to_quadrant(sorted(demo.leads)[3], 1)
    unpacked.catch_up()
    monkeypatch.undo()
    usual = SearchIndex(demo).build()
    assert not isinstance(usual.columns().ranks, list)
    for text in QUERIES:
        assert ranked(unpacked, text) == ranked(usual, text), text
        assert ranked(unpacked, text, None) == ranked(usual, text, None), text


def test_changes_past_the_rejoin_are_merged_into_the_joined_texts(demo, monkeypatch):
    monkeypatch.setattr(indexing, "REJOIN_AFTER", 2)
    index = SearchIndex(demo).build()
    ids = sorted(demo.leads)
    demo.edit_lead(ids[0], name="张三丰", company="武当山土石方有限公司")
    demo.delete_lead(ids[3])
    demo.add_lead("欧阳锋", city="临沂", phones=("13805391234",), intent=4, funding=2)
    demo.edit_lead(ids[4], city="潍坊", phones=("+86 139 0000 1111",))
    for text in [*QUERIES, "zsf", "wudang", "oyf", "ouyang", "潍坊", "13900001111", "region:wf"]:
        assert ranked(index, text, None) == ranked(SearchIndex(demo), text, None), text


def test_near_misses_leave_the_look_ups_as_they_were(demo):
    """Once near misses were looked for, the whole pinyin is looked up by
    another way (its lines at hand): the same leads either way."""
    index = SearchIndex(demo).build()
    words = ["zh", "zhang", "wangwei", "lyh", "z", "zzz"]
    before = [(index.lines("whole").slots_starting(w), index.exact_names().get(w)) for w in words]
    ranked(index, "wangwie")  # near misses: the whole pinyin's lines taken apart
    after = [(index.lines("whole").slots_starting(w), index.exact_names().get(w)) for w in words]
    assert after == before and any(found for found, _exact in before)
