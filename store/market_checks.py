"""The checks a market record must pass: one rule for the forms, the
store and ``leadboard check``. Each raises :class:`Invalid` naming the field,
so that a form can say it beside the field and save nothing."""

from __future__ import annotations

from collections.abc import Callable, Container
from datetime import date
from typing import Any

from store.errors import Invalid
from store.fleet import MAX_TONNES
from store.market_model import (
    Competitor,
    IntelEntry,
    LostDeal,
    LostReason,
    Outlet,
    Project,
)

MAX_PRICE = 100_000_000  # yuan: no excavator costs a hundred million
MAX_MONTHS = 240


def _required(value: str, field: str) -> None:
    if not value.strip():
        raise Invalid(field, "required")


def _price(value: int | None, field: str = "price") -> None:
    if value is not None and (type(value) is not int or not 0 < value <= MAX_PRICE):
        raise Invalid(field, "price_range", value)


def _not_future(day: date | None, field: str, today: date) -> None:
    if day is not None and day > today:
        raise Invalid(field, "day_future", day.isoformat())


def _range(value: float | None, field: str, low: float, high: float) -> None:
    if value is not None and not low <= value <= high:
        raise Invalid(field, "out_of_range", value)


def check_competitor(record: Competitor, today: date, lead_ids: Container[int]) -> None:
    _required(record.brand, "brand")
    for price in record.models:
        _required(price.model, "models")
        _price(price.low, "models")
        _price(price.high, "models")
        if price.low is not None and price.high is not None and price.low > price.high:
            raise Invalid("models", "price_order", price.model)
    _range(record.down_payment_pct, "down_payment_pct", 0, 100)
    _range(record.instalment_months, "instalment_months", 1, MAX_MONTHS)
    _range(record.interest_pct, "interest_pct", 0, 100)


def check_intel(record: IntelEntry, today: date, lead_ids: Container[int]) -> None:
    _required(record.brand, "brand")
    _not_future(record.on, "on", today)
    _price(record.price)
    if not (record.text.strip() or record.price is not None or record.terms.strip()):
        raise Invalid("text", "required")
    if record.lead_id is not None and record.lead_id not in lead_ids:
        raise Invalid("lead_id", "no_lead", record.lead_id)


def check_outlet(record: Outlet, today: date, lead_ids: Container[int]) -> None:
    _required(record.brand, "brand")
    _required(record.name, "name")
    _range(record.staff, "staff", 0, 10_000)
    _not_future(record.opened, "opened", today)


def check_project(record: Project, today: date, lead_ids: Container[int]) -> None:
    _required(record.name, "name")
    _range(record.months, "months", 1, MAX_MONTHS)
    for need in record.needs:
        _required(need.kind, "needs")
        _range(need.tonnes, "needs", 0.5, MAX_TONNES)
        if type(need.count) is not int or not 1 <= need.count <= 10_000:
            raise Invalid("needs", "out_of_range", need.count)
    for lead_id in record.lead_ids:
        if lead_id not in lead_ids:
            raise Invalid("lead_ids", "no_lead", lead_id)


def check_lost_deal(record: LostDeal, today: date, lead_ids: Container[int]) -> None:
    if record.lead_id not in lead_ids:
        raise Invalid("lead_id", "no_lead", record.lead_id)
    _not_future(record.on, "on", today)
    _price(record.price)
    if record.reason is LostReason.OTHER:
        _required(record.why, "why")


CHECKS: dict[str, Callable[[Any, date, Container[int]], None]] = {
    "competitors": check_competitor,
    "intel": check_intel,
    "outlets": check_outlet,
    "projects": check_project,
    "lost_deals": check_lost_deal,
}
