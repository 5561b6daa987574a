"""The demo's past: a year of regrades, stage steps, deals won and lost, and
contacts missed or called off, so that the insights have something to show.

Drawn from a random sequence of its own and laid on top of the leads and
contacts the demo makes: the same seed gives the same leads and contacts
with or without a past. Every lead change is made through the store, with
the store's clock set back to the moment of the change, so that each lands
in the lead's history as a rep's change would.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any

from store.fleet import brand_name
from store.leadstore import Change, LeadStore
from store.market_model import LostDeal, LostReason
from store.model import Contact, ContactStatus, Lead, Method, Purpose, Source, Stage, Status
from store.insights.period import Reach, reach_span

# The chance that a lead strong in intent, past the first stages, is won, by
# its source: an owner who recommends us has already half sold the machine.
WON_BY_SOURCE = {
    Source.OWNER: 0.9, Source.FRIEND: 0.22, Source.OPERATOR: 0.18, Source.WALK_IN: 0.1,
    Source.MACHINE_SITE: 0.15, Source.PEER: 0.1, Source.EVENT: 0.06,
}
LOST_SHARE = 0.2
# The lost-deal dialog's reasons, how often reps pick them, and the words a
# Chinese rep's pick leaves on the lead.
REASONS: dict[LostReason, tuple[int, str]] = {
    LostReason.PRICE: (26, "价格"),
    LostReason.FINANCING: (16, "付款条件"),
    LostReason.BRAND_PREFERENCE: (12, "品牌偏好"),
    LostReason.RELATIONSHIP: (10, "客情关系"),
    LostReason.DELIVERY: (6, "交货期"),
    LostReason.SERVICE_NETWORK: (8, "服务网点"),
    LostReason.PRODUCT_FIT: (7, "产品不对路"),
    LostReason.NO_BUDGET: (10, "最终没有预算"),
    LostReason.OTHER: (5, "其他"),
}
REASON_WEIGHTS = tuple(accumulate(weight for weight, _ in REASONS.values()))
OVER_THE_OFFER = frozenset({LostReason.PRICE, LostReason.FINANCING,
                            LostReason.BRAND_PREFERENCE})
OTHER_WHY = ("儿子接手后换了人管采购", "改成租机干活", "朋友转让了一台二手机")
# The models a rival won with, and their price range in 万 yuan.
RIVAL_MODELS: dict[str, tuple[tuple[str, float, float], ...]] = {
    "徐工": (("XE215DA", 50, 58), ("XE60DA", 22, 26), ("XE370DK", 110, 125)),
    "卡特": (("320GC", 75, 85), ("306.5", 30, 34), ("336GC", 120, 135)),
    "柳工": (("922F", 45, 52), ("906F", 20, 24)),
    "临工": (("E6210F", 42, 48), ("E660F", 20, 23)),
    "小松": (("PC200-8M0", 70, 78), ("PC130-8", 45, 50)),
    "现代": (("R215VS", 48, 55),),
    "斗山": (("DX215-9C", 52, 60), ("DX60-9C", 24, 27)),
}
RIVALS = tuple(RIVAL_MODELS)
STAGES = tuple(Stage)
STAGE_RANK = {stage: rank for rank, stage in enumerate(STAGES)}
WON_FROM = frozenset({Stage.APPROACH, Stage.PROBE, Stage.PRESENT})  # not from a first look
# A made contact reaches its goal more often the closer the method.
GOAL_BY_METHOD = {Method.PHONE: 0.3, Method.SMS: 0.15, Method.LETTER: 0.2,
                  Method.VISIT: 0.6, Method.MEAL: 0.7}
METHODS = tuple(GOAL_BY_METHOD)
PURPOSES = tuple(Purpose)[:5]
MISSED = ("到了工地客户不在", "电话一直没人接", "客户临时去外地了")
CANCELLED = ("客户说这周太忙，改天再约", "下雨停工，约好的看机取消了", "客户家里有事")
DONE = ("聊了工程进度和用机计划", "带客户看了样机", "对比了几家的报价", "讲了按揭方案")
DAY = timedelta(days=1)


def past_rng(seed: int) -> random.Random:
    return random.Random(f"{seed}-past")


@contextmanager
def clock_at(store: LeadStore) -> Iterator[list[datetime]]:
    """The store's clock stopped at a moment the caller sets (``moment[0]``),
    and put back afterwards."""
    moment = [store.now()]
    kept = store.clock
    store.clock = lambda: moment[0]
    try:
        yield moment
    finally:
        store.clock = kept


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random()


def with_past(store: LeadStore, changes: list[Change], seed: int, now: datetime) -> list[Change]:
    """``changes`` (the demo's new leads, contacts and machines) with each
    lead's past laid on, and the past contacts after them."""
    rng, deal_rng = past_rng(seed), random.Random(f"{seed}-lost")
    threshold = store.settings.threshold
    quarter = reach_span(Reach.QUARTER, now).start
    contact_id = 1 + sum(1 for change in changes if change[0] == "contacts")
    extra: list[Change] = []
    deals: list[Change] = []
    planned = _planned(changes)
    with clock_at(store) as moment:
        for n, (table, obj_id, _before, lead) in enumerate(changes):
            if table != "leads":
                continue
            end, closing = _close(rng, lead, now, threshold, obj_id in planned)
            lost = closing.pop("lost", None)
            if lost is not None:  # the deal it went to, and the words left on the lead
                deal = _deal(deal_rng, lead, end, lost, len(deals) + 1)
                closing.update(_lost_fields(deal))
                deals.append(("lost_deals", deal.id, None, deal))
            first, progress = _progress(rng, lead, end, quarter, threshold)
            if closing or progress:
                changes[n] = ("leads", obj_id, None,
                              _lived(store, moment, lead, first, progress, (end, closing)))
            for contact in _contacts(rng, lead, end, contact_id):
                extra.append(("contacts", contact.id, None, contact))
                contact_id += 1
    return changes + extra + deals


def _planned(changes: list[Change]) -> set[int]:
    """Leads with a planned contact: the rep is still at work on them."""
    return {obj.lead_id for table, _i, _b, obj in changes
            if table == "contacts" and obj.status is ContactStatus.PLANNED}


Fields = dict[str, Any]


def _close(rng: random.Random, lead: Lead, now: datetime, threshold: int, planned: bool
           ) -> tuple[datetime, Fields]:
    """When the work on the lead ended (today for a lead still open) and
    what the rep recorded then: won or lost, or nothing. A lead won may
    still have a visit planned (the after-sales call); a lead lost has none."""
    draw = rng.random()
    age = now - lead.created
    if age < 21 * DAY:
        return now, {}
    strong = lead.funding is not None and lead.intent is not None and lead.intent >= threshold
    won = draw < WON_BY_SOURCE.get(lead.source, 0.05) and strong and lead.stage in WON_FROM
    if not won and (draw <= 1 - LOST_SHARE or planned):
        return now, {}
    # More deals closed lately than long ago: the board is at work now.
    when = now - (age - min(age / 2, 60 * DAY)) * rng.random() ** 2
    if won:
        # Delivered a while ago, the machine is in after-sales care.
        stage = Stage.AFTER_SALES if now - when > 14 * DAY else Stage.CLOSING
        return when, {"stage": stage, "status": Status.WON}
    reason = rng.choices(tuple(REASONS), cum_weights=REASON_WEIGHTS)[0]
    fields: Fields = {"status": Status.LOST, "lost": reason}
    if reason in OVER_THE_OFFER and lead.stage is Stage.PRESENT:
        fields["stage"] = Stage.OBJECTIONS  # lost over the offer, after it was made
    return when, fields


def _deal(rng: random.Random, lead: Lead, when: datetime, reason: LostReason,
          deal_id: int) -> LostDeal:
    """The deal a lead was lost to: a rival's model at a price of its range,
    the brand the lead was weighing when it had one. With no budget after
    all, nobody won it."""
    why = rng.choice(OTHER_WHY) if reason is LostReason.OTHER else ""
    deal = LostDeal(id=deal_id, lead_id=lead.id, on=when.date(), reason=reason, why=why,
                    province=lead.province, city=lead.city)
    if reason is LostReason.NO_BUDGET:
        return deal
    brand = brand_name(lead.competitor) if lead.competitor else rng.choice(RIVALS)
    if brand not in RIVAL_MODELS or rng.random() < 0.15:  # the rep did not learn the model
        return dataclasses.replace(deal, brand=brand)
    model, low, high = rng.choice(RIVAL_MODELS[brand])
    price = round(rng.uniform(low, high) * 2) / 2 * 10_000  # to the half 万, as quoted
    return dataclasses.replace(deal, brand=brand, model=model, price=int(price))


def _lost_fields(deal: LostDeal) -> Fields:
    words = REASONS[deal.reason][1]
    fields: Fields = {"reason": f"{words}：{deal.why}" if deal.why else words}
    if deal.brand:
        fields["competitor"] = deal.brand
    return fields


def _progress(rng: random.Random, lead: Lead, end: datetime, quarter: datetime,
              threshold: int) -> tuple[Fields, tuple[datetime, Fields] | None]:
    """How the lead was first recorded, where that differs from now, and the
    visit that brought it where it is: a step of the sales stage, a regrade,
    or both at once. Courted this quarter, a strong-funds lead got the intent
    to buy (Q3 to Q1)."""
    draw = rng.random()
    first: Fields = {}
    start = lead.created
    if lead.intent is not None and lead.funding is not None and draw < 0.3:
        if draw >= 0.2:
            first = _regraded(rng, "intent" if draw < 0.25 else "funding", lead)
        elif lead.intent >= threshold and lead.funding >= threshold:
            first["intent"] = rng.randint(1, threshold - 1)
            start = max(start, quarter)
    rank = STAGE_RANK[lead.stage]
    if rank and (first or draw > 0.88):
        first["stage"] = STAGES[rng.randrange(rank)]
    if not first or start >= end:
        return {}, None
    return first, (_between(rng, start, end), {k: getattr(lead, k) for k in first})


def _regraded(rng: random.Random, axis: str, lead: Lead) -> Fields:
    """A grade one or two steps away from the lead's own, as it was before."""
    grade = getattr(lead, axis)
    before = min(5, max(1, grade + rng.choice((-2, -1, 1))))
    return {axis: before} if before != grade else {}


def _lived(store: LeadStore, moment: list[datetime], lead: Lead, first: Fields,
           progress: tuple[datetime, Fields] | None, closing: tuple[datetime, Fields]) -> Lead:
    """The lead as first recorded, then changed at each moment through the store."""
    if first:
        lead = dataclasses.replace(lead, **first)
    for change in (progress, closing):
        if change and change[1]:
            moment[0] = change[0]
            lead = store.edited(lead, **change[1])
    return lead


def _contacts(rng: random.Random, lead: Lead, end: datetime, first_id: int) -> list[Contact]:
    """Past contacts beyond the demo's made ones: some missed, some called off."""
    if rng.random() >= 0.2 or end - lead.created < DAY:
        return []
    contacts = []
    after = lead.created + timedelta(hours=1)  # on the hour, and after the lead was recorded
    for n in range(rng.choice((1, 1, 1, 2))):
        at = _between(rng, after, end).replace(minute=0, second=0, microsecond=0)
        method = rng.choice(METHODS)
        draw = rng.random()
        if draw < 0.55:
            status, note, goal = (ContactStatus.DONE, rng.choice(DONE),
                                  rng.random() < GOAL_BY_METHOD[method])
        elif draw < 0.8:
            status, note, goal = ContactStatus.MISSED, rng.choice(MISSED), None
        else:
            status, note, goal = ContactStatus.CANCELLED, rng.choice(CANCELLED), None
        contacts.append(Contact(
            id=first_id + n, lead_id=lead.id, at=at, method=method,
            purpose=rng.choice(PURPOSES), created=at, updated=at, status=status,
            outcome=note, goal_reached=goal))
    return contacts
