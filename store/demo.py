"""Realistic demo data: the same leads for the same seed (dates relative to today)."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from itertools import accumulate
from datetime import datetime, timedelta

from store.demo_fleet import OWN_BRAND, fleet, fleet_rng
from store.demo_intel import market_intel
from store.demo_past import with_past
from store.demo_projects import with_projects
from store.errors import StoreError
from store.leadstore import SETTINGS_ID, Change, LeadStore, collector_paused
from store.model import (
    ChecklistItem,
    Contact,
    ContactStatus,
    Credit,
    CustomerType,
    Lead,
    Method,
    Purpose,
    Source,
    Stage,
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
)
RARE_SURNAMES = ("单", "解", "仇", "区", "朴", "查", "尉迟", "曾")
GIVEN = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林建国志红海峰春亮东文"
REGIONS = {
    "山东": ("临沂", "济南", "潍坊", "济宁", "菏泽", "烟台"),
    "河南": ("郑州", "洛阳", "南阳", "周口"),
    "江苏": ("徐州", "连云港", "盐城"),
    "河北": ("石家庄", "保定", "邯郸"),
    "四川": ("成都", "绵阳", "南充"),
    "安徽": ("合肥", "阜阳", "六安"),
}
FIRM_WORDS = ("宏达", "顺通", "鑫源", "华建", "金土", "恒泰", "大地", "众力", "远航", "聚鑫", "永盛", "天工")
FIRM_KINDS = (
    ("土石方工程有限公司", CustomerType.CONTRACTOR),
    ("建筑工程有限公司", CustomerType.CONTRACTOR),
    ("机械租赁有限公司", CustomerType.RENTAL),
    ("市政工程公司", CustomerType.STATE),
    ("矿业有限公司", CustomerType.CONTRACTOR),
)
MODELS = ("SY215C", "SY365H", "XE215DA", "PC200-8", "CAT320", "LG6225E", "R215VS", "SY75C")
BRANDS = ("三一", "徐工", "卡特彼勒", "小松", "柳工", "临工", "现代", "斗山")
SOURCES = (
    (Source.WALK_IN, 25), (Source.FRIEND, 15), (Source.OWNER, 15), (Source.OPERATOR, 15),
    (Source.MACHINE_SITE, 12), (Source.PEER, 8), (Source.EVENT, 10),
)
PROJECTS = ("高速公路土方标段", "村镇道路硬化", "厂房地基开挖", "河道清淤", "石料矿山剥离", "市政管网")
OUTCOMES = (
    "客户对油耗很关心，答应下周去工地看机器",
    "老板不在，和机手聊了半天，了解到他们在比价",
    "客户资金周转紧张，想先了解按揭政策",
    "送了资料，客户说年后再说",
    "客户对售后响应速度有顾虑",
)
WELL = ("提前准备了竞品对比，客户听得认真", "带了机手同去，聊得投机", "报价清楚，客户没有压价")
WRONG = ("没带计算器，按揭月供算得慢", "时间太短，没问到工程进度", "客户临时有事，没谈完")
THINKING = ("在等工程款到位再决定", "更看重二手残值", "对我们品牌有好感，但担心价格")


# Fixed once: enum iteration and weight sums cost more than the draws at 100k.
METHODS = tuple(Method)[:5]
PURPOSES = tuple(Purpose)[:5]
STAGES = tuple(Stage)[:5]
CREDITS = tuple(Credit)
CREDIT_WEIGHTS = list(accumulate((50, 35, 15)))
GRADE_WEIGHTS = list(accumulate((10, 20, 30, 25, 15)))
SOURCE_VALUES = tuple(source for source, _ in SOURCES)
SOURCE_WEIGHTS = list(accumulate(weight for _, weight in SOURCES))
PROVINCES = tuple(REGIONS)


class DemoRefused(StoreError):
    code = "demo_refused"

    def __init__(self, count: int) -> None:
        super().__init__(f"the file already holds {count} leads", count=count)


def _grade(rng: random.Random) -> int:
    return rng.choices((1, 2, 3, 4, 5), cum_weights=GRADE_WEIGHTS)[0]


def _lead(rng: random.Random, lead_id: int, now: datetime) -> Lead:
    surname = rng.choice(RARE_SURNAMES) if rng.random() < 0.04 else rng.choice(SURNAMES)
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    province = rng.choice(PROVINCES)
    city = rng.choice(REGIONS[province])
    graded = rng.random() > 0.12
    individual = rng.random() < 0.35
    kind, customer_type = rng.choice(FIRM_KINDS)
    company = "" if individual else f"{city}{rng.choice(FIRM_WORDS)}{kind}"
    created = now - timedelta(days=rng.randint(0, 400), minutes=rng.randint(0, 600))
    has_project = rng.random() < 0.4
    return Lead(
        id=lead_id,
        name=surname + given,
        created=created,
        updated=created,
        company=company,
        phones=(f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}",),
        province=province,
        city=city,
        customer_type=CustomerType.INDIVIDUAL if individual else customer_type,
        source=rng.choices(SOURCE_VALUES, cum_weights=SOURCE_WEIGHTS)[0],
        intent=_grade(rng) if graded else None,
        funding=_grade(rng) if graded else None,
        credit=rng.choices(CREDITS, cum_weights=CREDIT_WEIGHTS)[0],
        has_project=has_project,
        project=f"{city}{rng.choice(PROJECTS)}" if has_project else "",
        models=(rng.choice(MODELS),) if rng.random() < 0.6 else (),
        brands=tuple(rng.sample(BRANDS, rng.randint(0, 2))),
        competitor=rng.choice(BRANDS[1:]) if rng.random() < 0.3 else "",
        stage=rng.choice(STAGES),
    )


def _contacts(rng: random.Random, lead: Lead, next_id: int, now: datetime) -> list[Contact]:
    contacts: list[Contact] = []
    when = lead.created
    for _ in range(rng.choice((0, 1, 1, 2))):
        when = when + timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 8))
        if when >= now:
            break
        contacts.append(Contact(
            id=next_id + len(contacts), lead_id=lead.id, at=when.replace(minute=0, second=0),
            method=rng.choice(METHODS), purpose=rng.choice(PURPOSES),
            created=when, updated=when, status=ContactStatus.DONE,
            outcome=rng.choice(OUTCOMES), went_well=rng.choice(WELL),
            went_wrong=rng.choice(WRONG), customer_thinking=rng.choice(THINKING),
            goal_reached=rng.random() < 0.5,
        ))
    if lead.intent is not None and rng.random() < 0.55:
        # A quarter of the plans lie in the past: the overdue follow-ups.
        at = (now + timedelta(days=rng.randint(-10, 30))).replace(
            hour=rng.randint(8, 17), minute=rng.choice((0, 30)), second=0)
        contacts.append(Contact(
            id=next_id + len(contacts), lead_id=lead.id, at=at,
            method=rng.choice(METHODS), purpose=rng.choice(PURPOSES),
            created=now, updated=now,
            checklist=(ChecklistItem("产品资料"), ChecklistItem("报价单")),
        ))
    return contacts


def generate(count: int, seed: int, now: datetime) -> Iterator[Change]:
    rng, fleets = random.Random(seed), fleet_rng(seed)
    contact_id = machine_id = 1
    today = now.date()
    for lead_id in range(1, count + 1):
        lead = _lead(rng, lead_id, now)
        yield ("leads", lead.id, None, lead)
        for contact in _contacts(rng, lead, contact_id, now):
            yield ("contacts", contact.id, None, contact)
            contact_id += 1
        for machine in fleet(fleets, lead, machine_id, today):
            yield ("machines", machine.id, None, machine)
            machine_id += 1


def write_demo(store: LeadStore, count: int, seed: int) -> int:
    """Fill an empty database with ``count`` demo leads, as one change."""
    if store.leads:
        raise DemoRefused(len(store.leads))
    now = store.now()
    own_brand = dataclasses.replace(store.settings, own_brand=OWN_BRAND)  # the fleets' ★
    with collector_paused():
        demo = with_past(store, list(generate(count, seed, now)), seed, now)
        demo = with_projects(demo, REGIONS, seed, now.date(), store.settings.threshold)
        intel = market_intel(seed, demo, now.date())
        store.commit("demo", [("settings", SETTINGS_ID, None, own_brand), *demo, *intel],
                     undoable=False)
    store.compact()
    return count
