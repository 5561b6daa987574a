"""A Chinese word found nowhere is looked for by its pinyin: the wrong
character of the same sound that an input method offers still finds the lead."""

from store.search import SearchIndex, parse_query, search
from tests.test_search_ui import SIZE, matches, names, type_search
from tui.app import LeadboardApp

LEADS = [("谢凯建", "临沂宏达土石方", 5, 5), ("张伟", "", 4, 4), ("章伟", "", 2, 2),
         ("王芳", "徐州华建", 4, 4)]


def add(store):
    for name, company, intent, funding in LEADS:
        store.add_lead(name, company=company, city="临沂", intent=intent, funding=funding)


def found(store, text):
    result = search(SearchIndex(store), parse_query(text))
    return [store.lead(hit.lead_id).name for hit in result.hits]


def test_a_word_of_the_same_sound_finds_the_lead(store):
    add(store)
    assert found(store, "谢凯健") == ["谢凯建"]  # 健 for 建: both jian
    assert found(store, "凯健") == ["谢凯建"]  # from a later syllable too
    assert found(store, "洪达") == ["谢凯建"]  # the company, 宏达
    assert found(store, "谢凯健 q:1") == ["谢凯建"]  # with a filter
    assert set(found(store, "张玮")) == {"张伟", "章伟"}  # both are zhang wei


def test_a_word_that_is_found_brings_no_others_of_its_sound(store):
    add(store)
    assert found(store, "张伟") == ["张伟"]  # not 章伟
    assert found(store, "华建") == ["王芳"]  # not 谢凯建's 凯建
    assert found(store, "谢凯健 徐州") == []  # every word must be found
    assert found(store, "谢凯健 临沂") == ["谢凯建"]


async def test_the_board_shows_the_lead_typed_with_a_wrong_character(store):
    add(store)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await type_search(app, pilot, "谢凯健")
        assert names(app, 1) == ["谢凯建"] and names(app, 2) == [] and names(app, 3) == []
        assert matches(app)[0].startswith("谢凯建")
