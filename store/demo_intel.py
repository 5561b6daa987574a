"""Demo market intelligence: a profile of each competing brand, its outlets
in the demo's cities, and a year of intel heard there, with prices that
drift down as the year goes on (dealers cut prices to move stock) and more
heard around 临沂, the demo rep's home ground.

Drawn from a random sequence of its own, and as many records for 300 leads
as for 100k: the demo's build time does not grow with it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from store.leadstore import Change
from store.market_model import Competitor, IntelEntry, ModelPrice, Outlet, Service
from store.model import Lead, Source

HOME = "临沂"
# brand: (models with their price range in 万, down payment %, months, interest %)
PROFILES: dict[str, tuple[tuple[tuple[str, int, int], ...], int, int, float]] = {
    "徐工": ((("XE60DA", 22, 25), ("XE135G", 48, 53), ("XE215DA", 52, 58),
             ("XE370DK", 98, 110)), 15, 36, 2.0),
    "柳工": ((("906F", 20, 23), ("915E", 42, 46), ("922F", 50, 55), ("936E", 85, 95)),
             20, 36, 2.5),
    "卡特": ((("306", 32, 36), ("313GC", 62, 68), ("320GC", 88, 98), ("336", 150, 168)),
             30, 36, 4.5),
    "小松": ((("PC56-7", 30, 34), ("PC130-8", 60, 66), ("PC200-8", 85, 95),
             ("PC360-8", 140, 155)), 30, 24, 5.0),
    "日立": ((("ZX70", 36, 40), ("ZX130", 62, 68), ("ZX200-5G", 88, 96), ("ZX350H", 145, 160)),
             30, 24, 5.5),
    "斗山": ((("DX60", 26, 29), ("DX150LC", 50, 55), ("DX225LCA", 70, 78),
             ("DX300LC", 100, 112)), 25, 36, 4.0),
    "沃尔沃": ((("EC60D", 33, 37), ("EC140D", 68, 74), ("EC210D", 95, 105),
              ("EC380D", 170, 185)), 30, 36, 4.8),
    "临工": ((("E660F", 20, 23), ("E6135F", 40, 44), ("E6210F", 48, 53), ("E6250F", 60, 66)),
             10, 48, 0.0),
    "山河智能": ((("SWE60E", 21, 24), ("SWE150E", 45, 50), ("SWE215E", 52, 57)), 15, 36, 1.5),
    "中联": ((("ZE60E", 21, 24), ("ZE135E", 43, 47), ("ZE215E", 50, 55)), 10, 48, 0.0),
    "现代": ((("R60VS", 25, 28), ("R150VS", 48, 53), ("R215VS", 62, 68)), 25, 36, 3.8),
    "神钢": ((("SK75-10", 38, 42), ("SK140LC-10", 68, 74), ("SK210LC-10", 95, 105)),
             30, 24, 5.0),
    "久保田": ((("U-30", 18, 21), ("KX155", 26, 29), ("KX183", 31, 35)), 30, 24, 4.0),
}
DOMESTIC = frozenset({"徐工", "柳工", "临工", "山河智能", "中联"})
# How often a brand turns up in what reps hear (outlets and intel alike).
PRESENCE = {"徐工": 10, "柳工": 7, "临工": 7, "卡特": 6, "小松": 5, "中联": 4, "斗山": 4,
            "山河智能": 3, "日立": 3, "沃尔沃": 3, "现代": 2, "神钢": 2, "久保田": 2}
CHANNELS = {True: "省级代理商加县级网点，厂家直营大客户", False: "区域独家代理商，厂家金融公司配合"}
STRATEGY = {True: "低首付、长分期，以旧换新抢占县级市场", False: "主打品质和残值，二手机回购稳价"}
STRENGTHS = {True: "价格低、配件便宜、网点多", False: "可靠耐用、油耗低、二手残值高"}
WEAKNESSES = {True: "油耗偏高，二手残值一般", False: "价格高，配件贵，县里服务点少"}
SAID = ("月底冲量，直降两万", "送一年保养和破碎锤管路", "老客户介绍再让五千", "以旧换新补贴三万",
        "新开了县级服务站", "代理商换人了，服务跟不上", "首付一成的活动到月底", "二手机回购价上调")
TERMS = ("首付两成，36期", "首付一成，48期免息", "首付三成，24期", "全款再让一万")
KINDS = ("专营店", "代理商", "服务站", "4S店")
ROADS = ("解放", "人民", "建设", "工业", "沂蒙", "北京", "滨河", "兰山")
SERVICES = (Service.PARTS_AND_REPAIR, Service.PARTS_AND_REPAIR, Service.PARTS, Service.REPAIR,
            Service.NONE)
SOURCES = tuple(Source)[:-1]
YEAR_DROP = 0.06  # a year ago prices stood about this much higher


def intel_rng(seed: int) -> random.Random:
    return random.Random(f"{seed}-intel")


def competitors() -> list[Competitor]:
    return [Competitor(
        id=n, brand=brand,
        models=tuple(ModelPrice(model, low * 10_000, high * 10_000) for model, low, high in models),
        down_payment_pct=down, instalment_months=months, interest_pct=interest,
        channels=CHANNELS[brand in DOMESTIC], strategy=STRATEGY[brand in DOMESTIC],
        strengths=STRENGTHS[brand in DOMESTIC], weaknesses=WEAKNESSES[brand in DOMESTIC])
        for n, (brand, (models, down, months, interest)) in enumerate(PROFILES.items(), 1)]


def _brands(rng: random.Random, count: int) -> list[str]:
    brands = list(PRESENCE)
    chosen: list[str] = []
    while len(chosen) < min(count, len(brands)):
        brand = rng.choices(brands, weights=list(PRESENCE.values()))[0]
        if brand not in chosen:
            chosen.append(brand)
    return chosen


def outlets(rng: random.Random, places: list[tuple[str, str]], today: date) -> list[Outlet]:
    found: list[Outlet] = []
    for province, city in places:
        count = len(PRESENCE) - 3 if city == HOME else rng.randint(2, 6)
        for brand in _brands(rng, count):
            opened = date(rng.randint(2008, today.year - 1), rng.randint(1, 12), 1)
            found.append(Outlet(
                id=len(found) + 1, brand=brand, name=f"{city}{brand}{rng.choice(KINDS)}",
                province=province, city=city,
                address=f"{city}{rng.choice(ROADS)}路{rng.randint(1, 399)}号",
                staff=rng.randint(2, 15), service=rng.choice(SERVICES), opened=opened))
    return found


def _price(rng: random.Random, low: int, high: int, days_ago: int) -> int:
    """A price heard ``days_ago``: within the range today, higher a year ago."""
    today = rng.uniform(low, high) * 10_000
    return round(today * (1 + YEAR_DROP * days_ago / 365) / 1000) * 1000


def entries(rng: random.Random, places: list[tuple[str, str]], leads: dict[str, list[int]],
            today: date) -> list[IntelEntry]:
    found: list[IntelEntry] = []
    for province, city in places:
        for _ in range(40 if city == HOME else rng.randint(4, 10)):
            brand = _brands(rng, 1)[0]
            model, low, high = rng.choice(PROFILES[brand][0])
            days_ago = rng.randint(0, 364)
            priced = rng.random() < 0.75
            known = leads.get(city, ())
            found.append(IntelEntry(
                id=len(found) + 1, on=today - timedelta(days=days_ago), brand=brand,
                model=model if priced or rng.random() < 0.5 else "",
                price=_price(rng, low, high, days_ago) if priced else None,
                text="" if priced and rng.random() < 0.4 else rng.choice(SAID),
                terms=rng.choice(TERMS) if rng.random() < 0.35 else "",
                province=province, city=city, source=rng.choice(SOURCES),
                lead_id=rng.choice(known) if known and rng.random() < 0.5 else None))
    return found


def _places_and_leads(changes: Iterable[Change]) -> tuple[list[tuple[str, str]],
                                                          dict[str, list[int]]]:
    """The demo's cities, and some leads in each (from the first leads only:
    a few hundred are enough, at any size of demo)."""
    places: dict[str, str] = {}
    leads: dict[str, list[int]] = {}
    for table, lead_id, _before, lead in changes:
        if table != "leads" or not isinstance(lead, Lead) or not lead.city:
            continue
        places.setdefault(lead.city, lead.province)
        if len(leads.setdefault(lead.city, [])) < 20:
            leads[lead.city].append(lead_id)
        if lead_id >= 600:
            break
    return sorted(((p, c) for c, p in places.items()), key=lambda place: place[1]), leads


def market_intel(seed: int, changes: list[Change], today: date) -> Iterator[Change]:
    rng = intel_rng(seed)
    places, leads = _places_and_leads(changes)
    for record in competitors():
        yield ("competitors", record.id, None, record)
    for outlet in outlets(rng, places, today):
        yield ("outlets", outlet.id, None, outlet)
    for entry in entries(rng, places, leads, today):
        yield ("intel", entry.id, None, entry)
