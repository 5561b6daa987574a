"""A hand-built territory for the projects' tests: the conftest's leads
(张伟 and 王强 in Q1, 李娜 in Q2, 刘洋 in Q3, 陈静 in Q4, 曾国 ungraded) on
five projects in three cities.

Flagged (a sale nobody is working): 沂河大道改建 (started, needs machines,
only 刘洋 of Q3 on it) and 徐州引水渠 (started, needs, only Q4 and tray leads).
Not flagged: 临沭石料矿山剥离 (张伟 of Q1 on it), 兰山安置房地基 (not started),
济南绕城高速 (started, but no need written down).
"""

from __future__ import annotations

from datetime import date

from store.leadstore import LeadStore
from store.market_model import MachineNeed, ProjectStage
from store.projects import link
from tests.conftest import seed

EXCAVATORS = (MachineNeed("挖掘机", 21.5, 3), MachineNeed("装载机", None, 2))


def build_projects(store: LeadStore) -> dict[str, int]:
    ids = seed(store)
    add = store.add_record
    projects = {
        "yihe": add("projects", name="沂河大道改建", province="山东", city="临沂",
                    investor="临沂市交通局", contractor="山东路桥集团",
                    stage=ProjectStage.STARTED, start=date(2026, 9, 1), months=18,
                    scale="土方 120万 m³", needs=EXCAVATORS).id,
        "quarry": add("projects", name="临沭石料矿山剥离", province="山东", city="临沂",
                      stage=ProjectStage.STARTED, needs=(MachineNeed("挖掘机", 36, 2),)).id,
        "housing": add("projects", name="兰山安置房地基", province="山东", city="临沂",
                       stage=ProjectStage.PLANNED, needs=(MachineNeed("挖掘机", 20, 4),)).id,
        "ring": add("projects", name="济南绕城高速", province="山东", city="济南",
                    stage=ProjectStage.STARTED).id,
        "canal": add("projects", name="徐州引水渠", province="江苏", city="徐州",
                     stage=ProjectStage.STARTED, needs=(MachineNeed("挖掘机", 13.5, 2),)).id,
    }
    link(store, ids["刘洋"], projects["yihe"])
    link(store, ids["张伟"], projects["quarry"])
    link(store, ids["陈静"], projects["canal"])
    link(store, ids["曾国"], projects["canal"])
    return {**ids, **projects}
