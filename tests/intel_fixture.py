"""Market intelligence over the market's hand-built territory: one profile
(徐工), prices of one model heard three times (the newest is 54.5万), a
model only the log names, outlets in 临沂 and 济南.

On the conftest clock's day (2026-11-26); the right answers are written in
the tests that use it.
"""

from __future__ import annotations

from datetime import date

from store.leadstore import LeadStore
from store.market_model import ModelPrice, Service
from tests.market_fixture import build_market


def build_intel(store: LeadStore) -> dict[str, int]:
    ids = build_market(store)
    store.add_record("competitors", brand="XCMG", models=(
        ModelPrice("XE215DA", 520_000, 580_000), ModelPrice("XE60DA", 200_000, 230_000)),
        down_payment_pct=20, instalment_months=36, interest_pct=3.5,
        channels="代理商", strategy="低首付抢单", strengths="配件便宜", weaknesses="油耗高")
    heard = [
        (date(2026, 6, 1), "徐工", "XE215DA", 560_000, "山东", "临沂", "年中促销"),
        (date(2026, 10, 15), "徐工", "XE215DA", 545_000, "山东", "临沂", "首付两成"),
        (date(2026, 9, 1), "徐工", "xe215da", 530_000, "山东", "济南", ""),
        (date(2026, 11, 1), "徐工", "XE370DK", 980_000, "山东", "济南", "新款上市"),
        (date(2026, 11, 20), "卡特", "320GC", None, "山东", "临沂", "降价三万"),
    ]
    for on, brand, model, price, province, city, text in heard:
        store.add_record("intel", on=on, brand=brand, model=model, price=price,
                         province=province, city=city, text=text)
    outlets = [
        ("徐工", "临沂徐工专营店", "临沂", 12, Service.PARTS_AND_REPAIR, date(2019, 5, 1)),
        ("卡特", "临沂卡特代理", "临沂", 6, Service.PARTS, None),
        ("小松", "济南小松", "济南", 4, Service.REPAIR, None),
    ]
    for brand, name, city, staff, service, opened in outlets:
        ids[name] = store.add_record("outlets", brand=brand, name=name, province="山东",
                                     city=city, staff=staff, service=service,
                                     opened=opened).id
    return ids
