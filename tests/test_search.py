"""Search as a rep uses it: fragments, pinyin, phones, typos and filters, on
real files, with the special surname readings."""

from datetime import timedelta

import pytest

from store.leadstore import LeadStore
from store.model import Credit, Source, Stage, Status
from store.search import BadQuery, SearchIndex, parse_query, search
from store.search.query import Choice, Compare, Flag, Region

# name, company, province, city, phones, intent, funding, other fields
LEADS = [
    ("张三", "临沂宏达土石方工程有限公司", "山东", "临沂", ("138 0539 1234",), 5, 5,
     dict(source=Source.FRIEND, credit=Credit.GOOD, has_project=True, tags=("老客户",),
          notes="想换大挖")),
    ("王伟", "济南顺通机械租赁有限公司", "山东", "济南", ("+86 139-1111-2222",), 4, 2,
     dict(source=Source.WALK_IN)),
    ("张伟", "", "山东", "临沂", ("15612345678",), 2, 4,
     dict(source=Source.OWNER, credit=Credit.POOR)),
    ("曾国强", "徐州华建建筑工程有限公司", "江苏", "徐州", ("13700001111",), 1, 1,
     dict(stage=Stage.PROBE)),
    ("单雄", "", "河南", "郑州", ("13822223333",), 4, 4, dict(source=Source.OPERATOR)),
    ("解放", "洛阳金土矿业有限公司", "河南", "洛阳", (), None, None, {}),
    ("仇明", "", "四川", "成都", (), 3, 3, {}),
    ("区华", "", "安徽", "合肥", (), 2, 2, {}),
    ("朴帅", "", "河北", "保定", (), 2, 2, {}),
    ("查理", "", "河北", "邯郸", (), 2, 2, {}),
    ("尉迟恭", "", "山西", "太原", (), 2, 2, {}),
    ("王强", "", "山东", "临沂", (), 5, 5, dict(status=Status.WON)),
    ("李娜", "", "山东", "临沂", (), 4, 1, {}),
    ("陈静", "", "江苏", "盐城", (), 1, 2, dict(tags=("展会",), notes="SY215C 询价")),
    ("王芳", "", "山东", "临沂", (), 4, 4, {}),
    ("王伟东", "", "河北", "保定", (), 1, 1, {}),
]


def add_leads(store: LeadStore) -> dict[str, int]:
    ids = {}
    for name, company, province, city, phones, intent, funding, other in LEADS:
        ids[name] = store.add_lead(name, company=company, province=province, city=city,
                                   phones=phones, intent=intent, funding=funding, **other).id
    # 李娜's next contact is overdue; 王伟 has one planned for next week.
    store.clock.advance(days=-3)  # planned then, due two days ago now
    store.schedule_contact(ids["李娜"], store.now() + timedelta(days=1), method="phone",
                           purpose="sell")
    store.clock.advance(days=3)
    store.schedule_contact(ids["王伟"], store.now() + timedelta(days=7), method="visit",
                           purpose="sell")
    return ids


@pytest.fixture
def leads(store):
    return add_leads(store)


def names(store, text, limit=None):
    result = search(SearchIndex(store), parse_query(text), limit)
    return [store.lead(hit.lead_id).name for hit in result.hits]


# query, leads that must be found, leads that must not, the lead that must come first
CASES = [
    # Chinese fragments of name, company, region, notes, tags
    ("张三", {"张三"}, {"张伟"}, "张三"),
    ("张", {"张三", "张伟"}, {"王伟"}, None),
    ("三", {"张三"}, {"张伟"}, None),
    ("宏达", {"张三"}, {"王伟"}, None),
    ("临沂", {"张三", "张伟", "李娜", "王芳"}, {"王强", "王伟"}, None),
    ("老客户", {"张三"}, {"张伟"}, None),
    ("大挖", {"张三"}, set(), None),
    ("展会", {"陈静"}, set(), None),
    ("SY215C", {"陈静"}, set(), None),
    # pinyin: full, spaced, initials, mixes
    ("zhangsan", {"张三"}, {"张伟"}, "张三"),
    ("zhang san", {"张三"}, {"张伟"}, "张三"),
    ("zs", {"张三"}, {"张伟"}, "张三"),
    ("zhangs", {"张三"}, {"张伟"}, "张三"),
    ("zsan", {"张三"}, {"张伟"}, "张三"),
    ("zhang", {"张三", "张伟"}, {"王伟"}, "张三"),
    ("zw", {"张伟"}, {"张三", "王伟"}, "张伟"),
    ("wangwei", {"王伟", "王伟东"}, {"张伟"}, "王伟"),
    ("lyhd", {"张三"}, {"张伟"}, None),
    ("hongda", {"张三"}, set(), None),
    # surnames with a special reading, and their everyday reading
    ("zeng", {"曾国强"}, set(), "曾国强"),
    ("zgq", {"曾国强"}, set(), "曾国强"),
    ("cengguoqiang", {"曾国强"}, set(), "曾国强"),
    ("shanxiong", {"单雄"}, set(), "单雄"),
    ("danxiong", {"单雄"}, set(), "单雄"),
    ("xiefang", {"解放"}, set(), "解放"),
    ("jiefang", {"解放"}, set(), "解放"),
    ("qiuming", {"仇明"}, set(), "仇明"),
    ("ouhua", {"区华"}, set(), "区华"),
    ("piaoshuai", {"朴帅"}, set(), "朴帅"),
    ("zhali", {"查理"}, set(), "查理"),
    ("yuchigong", {"尉迟恭"}, set(), "尉迟恭"),
    ("ycg", {"尉迟恭"}, set(), "尉迟恭"),
    ("weichigong", {"尉迟恭"}, set(), "尉迟恭"),
    # phone digits anywhere, whatever the separators
    ("0539", {"张三"}, {"王伟"}, "张三"),
    ("1380539", {"张三"}, set(), "张三"),
    ("138-0539-1234", {"张三"}, set(), "张三"),
    ("13911112222", {"王伟"}, set(), "王伟"),
    ("+86 139", {"王伟"}, set(), None),
    ("5612345", {"张伟"}, set(), "张伟"),
    ("１３８０５３９", {"张三"}, set(), "张三"),  # full-width, as an input method types
    # typos
    ("wangwie", {"王伟"}, {"张三"}, "王伟"),
    ("zhangsna", {"张三"}, set(), "张三"),
    ("lingyi", {"张三", "张伟"}, {"王伟"}, None),
    # fielded filters, English and Chinese, with and without words
    ("q:1", {"张三", "单雄", "仇明", "王芳"}, {"王伟", "张伟", "王强"}, None),
    ("象限:1", {"张三", "单雄"}, {"王伟"}, None),
    ("q:1,2 zhang", {"张三"}, {"张伟"}, "张三"),
    ("q:0", {"解放"}, {"张三"}, "解放"),
    ("q:1 region:临沂 wang", {"王芳"}, {"王伟", "王强", "张三"}, "王芳"),
    ("地区:临沂 象限：1", {"张三", "王芳"}, {"李娜"}, None),
    ("region:linyi", {"张三", "张伟"}, {"王伟"}, None),
    ("source:referral", {"张三", "张伟", "单雄"}, {"王伟"}, None),
    ("来源:走访", {"王伟"}, {"张三"}, "王伟"),
    ("credit:good", {"张三"}, {"张伟"}, "张三"),
    ("信誉:差", {"张伟"}, {"张三"}, "张伟"),
    ("project:yes", {"张三"}, {"王伟"}, "张三"),
    ("工程:有", {"张三"}, {"王伟"}, "张三"),
    ("project:no", {"王伟"}, {"张三"}, None),
    ("stage:probe", {"曾国强"}, {"张三"}, "曾国强"),
    ("阶段:探询", {"曾国强"}, {"张三"}, "曾国强"),
    ("status:won", {"王强"}, {"张三"}, "王强"),
    ("状态:成交 wang", {"王强"}, {"王伟"}, "王强"),
    ("status:all 临沂", {"王强", "张三"}, set(), None),
    ("intent>=4", {"张三", "王伟", "单雄", "李娜", "王芳"}, {"张伟", "仇明"}, None),
    ("意向>=4 资金<3", {"王伟", "李娜"}, {"张三"}, None),
    ("funding<3", {"王伟", "曾国强", "李娜"}, {"张三", "单雄"}, None),
    ("intent=3", {"仇明"}, {"张三"}, "仇明"),
    ("overdue", {"李娜"}, {"王伟", "张三"}, "李娜"),
    ("逾期", {"李娜"}, {"王伟"}, "李娜"),
    ("nonext 张", {"张三", "张伟"}, set(), None),
    ("无计划 wang", {"王芳"}, {"王伟"}, None),
    # must not match
    ("王强", set(), {"王强"}, None),  # won: off the board unless status: says so
    ("liu", set(), {"张三", "王伟", "李娜"}, None),
    ("q:2 zhang", set(), {"张三", "张伟"}, None),
    ("99999999", set(), {"张三", "王伟"}, None),
]


def test_a_typo_finds_the_nearest_readings_not_every_name_like_them(store, leads):
    # 王磊 (wanglei), 汪飞 (wangfei) and 王武 (wangwu) pass the near-miss cutoff
    # for "wangwie" too, but 王伟 is much nearer: the board shows what was meant.
    for name in ("王磊", "汪飞", "王武"):
        store.add_lead(name, intent=4, funding=4)
    result = search(SearchIndex(store), parse_query("wangwie"), None)
    found = {store.lead(i).name for i in result.lead_ids}
    assert "王伟" in found and not found & {"王磊", "汪飞", "王武"}


@pytest.mark.parametrize(("text", "found", "not_found", "first"), CASES, ids=[c[0] for c in CASES])
def test_query_finds_the_right_leads(store, leads, text, found, not_found, first):
    matched = names(store, text)
    assert found <= set(matched), matched
    assert not (not_found & set(matched)), matched
    if first is not None:
        assert matched[0] == first, matched


def test_ranking_exact_name_then_prefix_then_pinyin_then_typos(store, leads):
    assert names(store, "王伟")[:2] == ["王伟", "王伟东"]
    assert names(store, "wangwei")[:2] == ["王伟", "王伟东"]  # exact pinyin, then its start
    # A typo only fills in: the exact matches come first.
    found = names(store, "zhangwei")
    assert found[0] == "张伟"
    # Equal scores keep the board's order: Q1 before Q3.
    assert names(store, "zhang") == ["张三", "张伟"]


def test_empty_query_lists_the_board_in_order(store, leads):
    everyone = names(store, "")
    assert everyone[0] in ("张三", "王芳", "单雄", "仇明")  # Q1 first
    assert everyone[-1] == "解放"  # the ungraded tray last
    assert "王强" not in everyone and len(everyone) == len(LEADS) - 1


def test_keys_are_saved_with_the_lead_and_follow_edits(store, leads, clock):
    lead = store.lead(leads["曾国强"])
    assert "n:zeng guo qiang" in lead.search_keys and "n:ceng guo qiang" in lead.search_keys
    index = SearchIndex(store).build()
    store.edit_lead(leads["曾国强"], name="钱多多")
    assert store.lead(leads["曾国强"]).search_keys[0] == "n:qian duo duo"
    hits = search(index, parse_query("qdd"), None).hits  # the same index catches up
    assert [h.lead_id for h in hits] == [leads["曾国强"]]
    assert search(index, parse_query("zgq"), None).hits == []
    store.close()
    again = LeadStore.open(store.path, clock=clock, read_only=True)
    assert again.leads_field(leads["曾国强"], "search_keys")[0] == "n:qian duo duo"
    again.close()


def test_new_and_deleted_leads_reach_a_built_index(store, leads):
    index = SearchIndex(store).build()
    new = store.add_lead("欧阳锋", city="临沂", intent=4, funding=4)
    assert [h.lead_id for h in search(index, parse_query("oyf"), None).hits] == [new.id]
    store.delete_lead(new.id)
    assert search(index, parse_query("oyf"), None).hits == []
    store.undo()
    assert [h.lead_id for h in search(index, parse_query("ouyang"), None).hits] == [new.id]


def test_leads_stored_without_keys_are_found_all_the_same(store, clock):
    # A file from before search kept no keys: they are computed at first search.
    lead = store.add_lead("单雄", city="郑州", intent=4, funding=4)
    doc = store._tables["leads"]._encode(store.lead(lead.id))
    doc.pop("search_keys")
    store._tables["leads"].load({str(lead.id): doc})
    assert store.leads_field(lead.id, "search_keys") is None
    assert [h.lead_id for h in search(SearchIndex(store), parse_query("sx"), None).hits] == [lead.id]


def test_saved_views_are_kept_and_replaced_by_name(store, clock):
    store.save_view("临沂大客户", "q:1 region:临沂")
    store.save_view("逾期", "overdue")
    store.save_view("临沂大客户", "q:1,2 region:临沂")
    assert sorted((v.name, v.query) for v in store.views.values()) == [
        ("临沂大客户", "q:1,2 region:临沂"), ("逾期", "overdue")]
    store.close()
    again = LeadStore.open(store.path, clock=clock)
    assert {v.name: v.query for v in again.views.values()}["临沂大客户"] == "q:1,2 region:临沂"
    again.undo()  # the replacement is one undoable change
    assert {v.name: v.query for v in again.views.values()}["临沂大客户"] == "q:1 region:临沂"
    again.close()


# ---------------------------------------------------------------- the parser
def test_parser_splits_words_and_filters():
    query = parse_query("Zhang  q:1,2 地区：临沂 intent>=4 资金<3 逾期 nonext project:有 三")
    assert query.words == ("zhang", "三")
    assert query.filters == (
        Choice("quadrant", frozenset({1, 2})),
        Region("临沂"),
        Compare("intent", ">=", 4),
        Compare("funding", "<", 3),
        Flag("overdue"),
        Flag("no_next"),
        Choice("project", frozenset({True})),
    )


def test_parser_knows_values_in_both_languages():
    assert parse_query("source:referral").filters[0].allowed == {
        Source.FRIEND, Source.OWNER, Source.OPERATOR}
    assert parse_query("来源:机手").filters[0].allowed == {Source.OPERATOR}
    assert parse_query("信誉:好").filters[0].allowed == {Credit.GOOD}
    assert parse_query("状态:全部").filters[0].allowed == set(Status)
    assert parse_query("stage:after_sales").filters[0].allowed == {Stage.AFTER_SALES}
    assert parse_query("意向:5").filters[0] == Compare("intent", "=", 5)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("q:5", "bad_value"),
        ("q:", "empty_value"),
        ("q:1,x", "bad_value"),
        ("象限:一", "bad_value"),
        ("intent>=9", "bad_value"),
        ("intent>=", "empty_value"),
        ("funding<abc", "bad_value"),
        ("credit:great", "bad_value"),
        ("信誉:很好", "bad_value"),
        ("source:tv", "bad_value"),
        ("项目:", "empty_value"),  # project:maybe is a project's name now
        ("项目>沂河", "bad_operator"),
        ("stage:dreaming", "bad_value"),
        ("status:gone", "bad_value"),
        ("region:", "empty_value"),
        ("q>1", "bad_operator"),
        ("colour:red", "unknown_field"),
        ("颜色:红", "unknown_field"),
    ],
)
def test_malformed_filters_are_refused_with_a_reason(text, reason):
    with pytest.raises(BadQuery) as caught:
        parse_query(f"wang {text}")
    assert caught.value.params == {"reason": reason, "token": text}


def test_text_that_only_looks_like_a_filter_is_text():
    assert parse_query("10:30 138-0539").words == ("10:30", "138-0539")


# ---------------------------------------------------------------- the narrowed board
@pytest.mark.parametrize("dense", [True, False], ids=["places-by-id", "ids-far-apart"])
@pytest.mark.parametrize("sort_below", [64, 1], ids=["picked-as-read", "sorted"])
def test_the_board_narrows_to_the_matches_in_its_own_order(store, leads, monkeypatch,
                                                             sort_below, dense):
    # Many matches are picked out of the full order as the lists read them,
    # a few are sorted by their place in it: both ways give the same order.
    # The places are counted from a byte per id, or where ids run far
    # apart, one look-up per match: both give the same counts.
    import store.ids as id_lists
    import store.search.board as narrowing
    from store.board import BoardIndex
    from store.search.board import NarrowedBoard

    monkeypatch.setattr(narrowing, "SORT_BELOW", sort_below)
    if not dense:
        monkeypatch.setattr(id_lists, "SPREAD", 0)
        monkeypatch.setattr(id_lists, "SLACK", 0)
    board = NarrowedBoard(BoardIndex(store, store.now()))
    full = {place: list(ids) for place, ids in board.places.items()}
    result = search(SearchIndex(store), parse_query("临沂"), None)
    found = result.lead_ids
    assert result.active_only
    board.show_only(found, result.active_only)
    for place, ids in full.items():
        kept = [i for i in ids if i in found]
        assert list(board.places[place]) == kept and board.count(place) == len(kept)
        assert [board.places[place][i] for i in range(len(kept) - 1, -1, -1)] == kept[::-1]
        for i in kept:
            assert board.places[place].index(i) == kept.index(i) and i in board.places[place]
    assert board.place_of(leads["王伟"]) is None and board.place_of(leads["张三"]) == 1
    assert leads["王伟"] not in board.places[2]
    few = frozenset({leads["王芳"], leads["张三"]})
    board.show_only(few)
    assert list(board.places[1]) == [i for i in full[1] if i in few] and board.count(3) == 0
    board.show_only(found)
    # An edit while narrowed keeps both orders true.
    store.move_to_quadrant(leads["张三"], 4)
    board.refresh([leads["张三"]])
    assert leads["张三"] in board.places[4] and leads["张三"] not in board.places[1]
    # A won lead is not on the usual board: it is shown all the same.
    won = search(SearchIndex(store), parse_query("status:won"), None)
    assert not won.active_only
    board.show_only(won.lead_ids, won.active_only)
    assert list(board.places[1]) == [leads["王强"]] and board.count(2) == 0
    board.show_only(None)
    assert leads["王强"] not in board.places[1] and board.count(1) == len(full[1]) - 1


def test_a_search_asked_to_stop_stops(store, leads):
    from store.search import Cancelled

    index = SearchIndex(store)
    with pytest.raises(Cancelled):
        search(index, parse_query("zhang san"), stop=lambda: True)
    assert search(index, parse_query("zhang san")).hits  # and the index is free again
