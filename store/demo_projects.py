"""Demo projects: road, rail, water works, quarries and housing in the demo's
cities, with investors, contractors, scales and the machines they need, and
some demo leads on them. One started project in 临沂 has only weak leads on
it, so the market shows a sale nobody is working from the start.

Drawn from a random sequence of their own, and laid on the leads as the
demo made them: one pass over the leads, quick at 100k.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

from store.grading import quadrant_of
from store.leadstore import Change
from store.market_model import MachineNeed, Project, ProjectStage
from store.model import Lead, Status

# name, investor, contractors to draw from, scale, needs
KINDS = (
    ("绕城高速改扩建{n}标", "{province}高速集团", ("中铁十局", "中交一公局", "{province}路桥集团"),
     "土方 {k}0万 m³", (("挖掘机", 21.5, 4), ("挖掘机", 36, 2), ("装载机", None, 2))),
    ("铁路站前工程{n}标", "国铁集团", ("中铁十四局", "中铁二十局"),
     "路基 {k} 公里", (("挖掘机", 21.5, 3), ("破碎锤", None, 1))),
    ("河道综合治理", "{city}市水利局", ("{province}水利工程局", "水电十三局"),
     "清淤 {k}万 m³", (("挖掘机", 13.5, 3), ("水陆挖掘机", 20, 1))),
    ("石料矿山剥离", "{city}城投矿业", ("{city}宏达土石方工程有限公司", "中建材矿业"),
     "年产 {k}0万 吨", (("挖掘机", 36, 2), ("挖掘机", 49, 1), ("自卸车", None, 6))),
    ("安置房地基开挖", "{city}城投集团", ("中建八局", "{province}建工集团"),
     "建筑面积 {k}万 m²", (("挖掘机", 21.5, 2), ("挖掘机", 6, 2))),
)
STAGES = (ProjectStage.PLANNED, ProjectStage.BIDDING, ProjectStage.STARTED,
          ProjectStage.STARTED, ProjectStage.FINISHED)
FLAGGED_CITY, FLAGGED_NAME = "临沂", "临沂沂河大道改建"


def projects_rng(seed: int) -> random.Random:
    return random.Random(f"{seed}-projects")


def with_projects(changes: list[Change], regions: dict[str, tuple[str, ...]], seed: int,
                  today: date, threshold: int) -> list[Change]:
    """``changes`` with two or three projects a city, a few of its leads on each."""
    rng = projects_rng(seed)
    by_city: dict[str, list[int]] = {}
    for n, (table, _i, _b, lead) in enumerate(changes):
        if table == "leads" and lead.status is Status.ACTIVE:
            by_city.setdefault(lead.city, []).append(n)
    projects: list[Project] = []
    for province, cities in regions.items():
        for city in cities:
            for kind in rng.sample(KINDS, rng.randint(2, 3)):
                project = _project(rng, len(projects) + 1, kind, province, city, today)
                projects.append(_on(rng, project, changes, by_city.get(city, []), rng.randint(0, 3)))
    weak = [n for n in by_city.get(FLAGGED_CITY, [])
            if quadrant_of(changes[n][3].intent, changes[n][3].funding, threshold) in (3, 4)]
    flagged = Project(
        id=len(projects) + 1, name=FLAGGED_NAME, province="山东", city=FLAGGED_CITY,
        investor="临沂市交通运输局", contractor="山东路桥集团", stage=ProjectStage.STARTED,
        start=today - timedelta(days=75), months=18, scale="土方 120万 m³",
        needs=(MachineNeed("挖掘机", 21.5, 3), MachineNeed("装载机", None, 2)))
    projects.append(_on(rng, flagged, changes, weak, 2))
    return changes + [("projects", p.id, None, p) for p in projects]


def _project(rng: random.Random, project_id: int, kind: tuple, province: str, city: str,
             today: date) -> Project:
    name, investor, contractors, scale, needs = kind
    words = {"province": province, "city": city, "n": rng.randint(1, 6), "k": rng.randint(3, 60)}
    stage = rng.choice(STAGES)
    start = None if stage is ProjectStage.PLANNED else today + timedelta(
        days=rng.randint(-700, -30) if stage is not ProjectStage.BIDDING else rng.randint(30, 120))
    return Project(
        id=project_id, name=city + name.format(**words), province=province, city=city,
        investor=investor.format(**words), contractor=rng.choice(contractors).format(**words),
        stage=stage, start=start, months=rng.choice((8, 12, 18, 24, 36)),
        scale=scale.format(**words),
        needs=tuple(MachineNeed(k, t, c) for k, t, c in needs if rng.random() < 0.8))


def _on(rng: random.Random, project: Project, changes: list[Change], leads: list[int],
        count: int) -> Project:
    """Put ``count`` of the leads (positions in ``changes``) on the project."""
    chosen = rng.sample(leads, min(count, len(leads)))
    for n in chosen:
        lead: Lead = changes[n][3]
        changes[n] = ("leads", lead.id, None,
                      dataclasses.replace(lead, project=project.name, has_project=True))
    return dataclasses.replace(project, lead_ids=tuple(changes[n][3].id for n in chosen))
