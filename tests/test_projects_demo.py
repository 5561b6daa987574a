"""Demo projects: each demo city has its road, rail, water, quarry or housing
works; some demo leads are on them; 临沂 has a sale nobody is working."""

from __future__ import annotations

import time

from store.check import check_file
from store.demo import REGIONS, write_demo
from store.leadstore import LeadStore
from store.projects import projects_in


def test_demo_projects_are_in_every_city_with_leads_on_them(store, db_path, clock):
    write_demo(store, 1000, seed=7)
    projects = list(store.records("projects").values())
    cities = {p.city for p in projects}
    assert cities == {city for group in REGIONS.values() for city in group}
    assert all(p.investor and p.contractor and p.scale for p in projects)
    linked = [p for p in projects if p.lead_ids]
    assert len(linked) > len(projects) // 2
    for project in linked:
        for lead_id in project.lead_ids:
            lead = store.lead(lead_id)
            assert lead.city == project.city and lead.has_project
    # A lead names the last project it was put on.
    assert any(store.lead(i).project == p.name for p in linked for i in p.lead_ids)
    flagged = [v.project.name for v in projects_in(store, "临沂") if v.flagged]
    assert "临沂沂河大道改建" in flagged
    store.close()
    assert check_file(db_path).ok


def test_demo_projects_cost_little_at_many_leads(tmp_path, clock):
    from store.demo import generate
    from store.demo_projects import with_projects

    changes = list(generate(20_000, 7, clock()))
    started = time.perf_counter()
    with_projects(changes, REGIONS, 7, clock().date(), 3)
    assert time.perf_counter() - started < 0.5  # a 100k demo: a few times this
