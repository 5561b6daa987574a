"""Projects in the store: needs as typed, links to leads, the flag, the
search's project: filter (项目:) and undo."""

from __future__ import annotations

import pytest

from store.errors import Invalid
from store.market_model import MachineNeed
from store.projects import (
    edit_project,
    link,
    needs_text,
    parse_needs,
    pick,
    projects_in,
    projects_of,
    unlink,
)
from store.search import SearchIndex, parse_query, search
from store.search.query import ProjectName
from tests.projects_fixture import build_projects


@pytest.mark.parametrize(("typed", "needs"), [
    ("挖掘机 21.5t ×3", (MachineNeed("挖掘机", 21.5, 3),)),
    ("挖掘机 21.5吨 x3；装载机 2台", (MachineNeed("挖掘机", 21.5, 3), MachineNeed("装载机", None, 2))),
    ("破碎锤、自卸车 *4", (MachineNeed("破碎锤"), MachineNeed("自卸车", None, 4))),
    ("excavator 20t x2, loader", (MachineNeed("excavator", 20, 2), MachineNeed("loader"))),
    ("", ()),
])
def test_needs_are_read_as_reps_write_them(typed, needs):
    assert parse_needs(typed) == needs


@pytest.mark.parametrize("typed", ["12", "挖掘机 ×3; 4t", "挖掘机 3x"])
def test_a_need_that_cannot_be_read_is_named(typed):
    with pytest.raises(Invalid) as bad:
        parse_needs(typed)
    assert bad.value.field == "needs"


def test_needs_read_back_as_typed():
    needs = parse_needs("挖掘机 21.5t ×3; 装载机 ×2")
    assert needs_text(needs) == "挖掘机 21.5t ×3; 装载机 ×2"
    assert parse_needs(needs_text(needs)) == needs


def test_the_flag_marks_started_projects_nobody_in_q1_or_q2_works(store):
    build_projects(store)
    views = projects_in(store)
    assert [(v.project.name, v.flagged) for v in views] == [
        ("徐州引水渠", True), ("沂河大道改建", True),
        ("临沭石料矿山剥离", False), ("济南绕城高速", False), ("兰山安置房地基", False)]
    assert [v.project.name for v in projects_in(store, "临沂")][0] == "沂河大道改建"
    assert [v.project.name for v in projects_in(store, "xuzhou")] == ["徐州引水渠"]


def test_a_lead_in_q1_on_the_project_takes_the_flag_away(store):
    ids = build_projects(store)
    link(store, ids["李娜"], ids["yihe"])  # Q2
    flags = {v.project.name: v.flagged for v in projects_in(store, "临沂")}
    assert flags["沂河大道改建"] is False
    store.undo()
    store.move_to_quadrant(ids["刘洋"], 1)
    assert {v.project.name: v.flagged for v in projects_in(store)}["沂河大道改建"] is False


def test_linking_names_the_leads_project_and_undo_takes_both_back(store):
    ids = build_projects(store)
    wang = ids["王强"]
    link(store, wang, ids["ring"])
    lead = store.lead(wang)
    assert lead.has_project and lead.project == "济南绕城高速"
    assert wang in store.record("projects", ids["ring"]).lead_ids
    assert store.undo_label == "link_project"
    store.undo()
    assert store.lead(wang).project == "" and not store.lead(wang).has_project
    assert wang not in store.record("projects", ids["ring"]).lead_ids


def test_unlinking_gives_the_lead_its_other_project_or_none(store):
    ids = build_projects(store)
    liu = ids["刘洋"]
    link(store, liu, ids["housing"])
    assert store.lead(liu).project == "兰山安置房地基"  # the project it was put on last
    unlink(store, liu, ids["housing"])
    assert store.lead(liu).project == "沂河大道改建"
    unlink(store, liu, ids["yihe"])
    assert store.lead(liu).project == "" and not store.lead(liu).has_project
    assert projects_of(store, liu) == []


def test_a_renamed_project_renames_its_leads_project_in_one_step(store):
    ids = build_projects(store)
    edit_project(store, ids["yihe"], name="沂河大道东延")
    assert store.lead(ids["刘洋"]).project == "沂河大道东延"
    store.undo()
    assert store.lead(ids["刘洋"]).project == "沂河大道改建"
    assert store.record("projects", ids["yihe"]).name == "沂河大道改建"


def test_a_project_is_refused_with_the_field_named(store):
    ids = build_projects(store)
    with pytest.raises(Invalid) as bad:
        edit_project(store, ids["yihe"], months=0)
    assert bad.value.field == "months"
    assert store.record("projects", ids["yihe"]).months == 18


def found(store, text: str) -> set[str]:
    result = search(SearchIndex(store), parse_query(text), None)
    return {store.lead(hit.lead_id).name for hit in result.hits}


@pytest.mark.parametrize(("english", "chinese", "expected"), [
    ("project:沂河", "项目:沂河", {"刘洋"}),
    ("project:yihe", "项目：yihe", {"刘洋"}),
    ("project:linshu", "项目:临沭", {"张伟"}),
    ("project:引水", "项目:xuzhou", {"陈静"}),  # 曾国 is ungraded: still found, in the tray
    ("project:yes q:1", "工程:有 象限:1", {"张伟"}),
    ("project:绕城", "项目:绕城", set()),
])
def test_project_filter_in_both_languages(store, english, chinese, expected):
    build_projects(store)
    assert found(store, english) - {"曾国"} == expected
    assert found(store, chinese) - {"曾国"} == expected


@pytest.mark.parametrize("typed", ["project:maybe", "项目:沂河", "工程:大道"])
def test_a_project_filter_that_is_not_yes_or_no_is_a_name(typed):
    (name,) = parse_query(typed).filters
    assert isinstance(name, ProjectName) and name.text == typed.partition(":")[2]


def test_project_filter_finds_the_leads_own_project_text(store):
    ids = build_projects(store)
    store.edit_lead(ids["王强"], project="济南绕城高速三标段")
    assert found(store, "project:绕城") == {"王强"}
    assert found(store, "项目:三标段") == {"王强"}


def test_project_filter_follows_links(store):
    ids = build_projects(store)
    index = SearchIndex(store)
    assert {h.lead_id for h in search(index, parse_query("项目:兰山"), None).hits} == set()
    link(store, ids["李娜"], ids["housing"])
    assert {h.lead_id for h in search(index, parse_query("项目:兰山"), None).hits} == {ids["李娜"]}


@pytest.mark.parametrize(("typed", "first"), [
    ("沂河", "沂河大道改建"),
    ("yihe", "沂河大道改建"),
    ("yihedadao", "沂河大道改建"),
    ("yhedadao", "沂河大道改建"),  # a letter missed
    ("引水渠", "徐州引水渠"),
    ("xuzhouyinshui", "徐州引水渠"),
])
def test_a_project_is_picked_by_name_pinyin_or_near_miss(store, typed, first):
    build_projects(store)
    assert pick(store, typed)[0].name == first


def test_with_nothing_typed_the_leads_own_projects_come_first(store):
    ids = build_projects(store)
    names = [p.name for p in pick(store, "", store.lead(ids["刘洋"]))]
    assert names[0] == "沂河大道改建"
    assert names.index("临沭石料矿山剥离") < names.index("徐州引水渠")  # same city first
