"""Demo fleets: the machines demo leads own, brands in about the shares reps
meet them, ages and hour meters that fit together (a machine works some
1,000-1,800 hours a year), older machines more often idle, for sale or up
for trade-in.

Drawn from a random sequence of their own, so the demo's leads and contacts
are the same with or without them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import accumulate

from store.model import CustomerType, Lead, Machine, MachineStatus

OWN_BRAND = "三一"
MODELS: dict[str, tuple[str, ...]] = {
    "三一": ("SY16C", "SY75C", "SY135C", "SY215C", "SY245H", "SY365H"),
    "徐工": ("XE60DA", "XE135G", "XE215DA", "XE270DK", "XE370DK"),
    "卡特": ("306", "313GC", "320GC", "336"),
    "柳工": ("906F", "915E", "922F", "936E"),
    "临工": ("E660F", "E6135F", "E6210F", "E6250F"),
    "小松": ("PC56-7", "PC130-8", "PC200-8", "PC360-8"),
    "日立": ("ZX70", "ZX130", "ZX200-5G", "ZX350H"),
    "斗山": ("DX60", "DX150LC", "DX225LCA", "DX300LC"),
    "沃尔沃": ("EC60D", "EC140D", "EC210D", "EC380D"),
    "现代": ("R60VS", "R150VS", "R215VS"),
    "山河智能": ("SWE60E", "SWE150E", "SWE215E"),
    "中联": ("ZE60E", "ZE135E", "ZE215E"),
}
BRANDS = tuple(MODELS)
BRAND_WEIGHTS = list(accumulate((25, 18, 10, 9, 8, 7, 5, 5, 4, 3, 3, 3)))
AGE_WEIGHTS = list(accumulate((4, 8, 10, 11, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 2)))  # 0-14 years
FLEET_WEIGHTS = list(accumulate((50, 25, 12, 7, 4, 2)))  # 1-6 machines
OWNS = {CustomerType.INDIVIDUAL: 0.15, CustomerType.RENTAL: 0.4}  # else 0.25
# The demo rep's home ground (as in store/demo_intel.py): he knows the fleets
# there best, so that a newcomer finds a living market where he looks first.
HOME = "临沂"
HOME_OWNS = 0.8
OLD_STATUSES = (MachineStatus.WORKING, MachineStatus.WORKING, MachineStatus.IDLE,
                MachineStatus.FOR_SALE, MachineStatus.TRADE_IN, MachineStatus.SCRAPPED)
SAYS = ("油耗偏高", "液压有点慢，想换新的", "挺皮实，就是配件贵", "二手残值好", "回转有异响",
        "服务响应快，满意")
CONDITIONS = ("大臂有焊补", "刚大修过", "履带磨损明显", "车况良好")


def fleet_rng(seed: int) -> random.Random:
    return random.Random(f"{seed}-fleet")


def fleet(rng: random.Random, lead: Lead, first_id: int, today: date) -> list[Machine]:
    """The machines ``lead`` owns: none for most leads."""
    owns = HOME_OWNS if lead.city == HOME else OWNS.get(lead.customer_type, 0.25)
    if rng.random() >= owns:
        return []
    count = 1 + rng.choices(range(6), cum_weights=FLEET_WEIGHTS)[0]
    if lead.customer_type is CustomerType.INDIVIDUAL:
        count = min(count, 2)
    known_since = lead.created.date()
    return [_machine(rng, first_id + n, lead.id, known_since, today) for n in range(count)]


def _machine(rng: random.Random, machine_id: int, owner: int, known_since: date,
             today: date) -> Machine:
    brand = rng.choices(BRANDS, cum_weights=BRAND_WEIGHTS)[0]
    age = rng.choices(range(15), cum_weights=AGE_WEIGHTS)[0]
    year = today.year - age
    made = date(year, rng.randint(1, today.month if age == 0 else 12), 1)
    since = max(known_since, made)  # not seen before it was made
    first_seen = since + timedelta(days=rng.randint(0, max(0, (today - since).days)))
    last_seen = min(today, first_seen + timedelta(days=rng.randint(0, 120)))
    read = rng.random() < 0.7
    # A year's hours at work, for the time from its making to the reading.
    hours = (last_seen - made).days * rng.randint(1000, 1800) // 3650 * 10
    status = rng.choice(OLD_STATUSES) if age >= 8 else (
        MachineStatus.IDLE if rng.random() < 0.1 else MachineStatus.WORKING)
    return Machine(
        id=machine_id, brand=brand, model=rng.choice(MODELS[brand]),
        first_seen=first_seen, last_seen=last_seen, owner=owner,
        year=year, hours=hours if read else None,
        hours_read=last_seen if read else None, status=status,
        owner_says=rng.choice(SAYS) if rng.random() < 0.15 else "",
        condition=rng.choice(CONDITIONS) if rng.random() < 0.1 else "",
    )
