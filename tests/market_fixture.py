"""A hand-built territory for the market's tests: three owners in two
provinces, machines of five brands, one scrapped, one nobody owns.

On the conftest clock's day (2026-11-26), with the default settings (8 years,
10,000 hours), the right answers are written in the tests that use it.
"""

from __future__ import annotations

from store.leadstore import LeadStore
from store.model import MachineStatus


def build_market(store: LeadStore) -> dict[str, int]:
    store.update_settings(own_brand="三一")
    a = store.add_lead("张伟", province="山东", city="临沂").id
    b = store.add_lead("李强", province="山东", city="济南").id
    c = store.add_lead("王芳", province="江苏", city="徐州").id
    machines = [
        ("三一", "SY215C", dict(owner=a, year=2016, hours=9000)),  # 21.5 t, 10 years: due
        ("三一", "SY75C", dict(owner=a, year=2024, hours=1500)),  # 7.5 t, 2 years
        ("卡特", "320", dict(owner=b, year=2020, hours=12000)),  # 20 t, 6 years, hours: due
        ("卡特", "305.5", dict(owner=b, year=2012)),  # 5.5 t, 14 years: due
        ("小松", "PC360", dict(owner=c, year=2019, hours=6000)),  # 36 t, 7 years
        ("小松", "PC200", dict(owner=c, year=2005, status=MachineStatus.SCRAPPED)),
        ("徐工", "XE700", dict(province="山东", city="临沂", year=2010)),  # 70 t, nobody's: due
        ("柳工", "挖掘机", dict(owner=a)),  # size and age unknown
        ("小松", "PC56", dict(owner=a, province="山东", city="济南", year=2025)),  # in 济南
    ]
    ids = [store.add_machine(brand, model, **fields).id for brand, model, fields in machines]
    return {"a": a, "b": b, "c": c, **{f"m{n}": i for n, i in enumerate(ids, 1)}}
