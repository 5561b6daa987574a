"""Per-database settings: the grading line, the follow-up cadence, the
brand the rep sells (every count of machines splits it from the others), and
when a machine is due for replacement."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from store.errors import BadDocument
from store.model import DEFAULT_THRESHOLD

REPLACE_AGE = 8
REPLACE_HOURS = 10_000


def _default_cadence() -> dict[int, int]:
    # Days between contacts: strong intent weekly, Q3 fortnightly, Q4 monthly.
    return {1: 7, 2: 7, 3: 14, 4: 30}


@dataclass(frozen=True, slots=True)
class Settings:
    threshold: int = DEFAULT_THRESHOLD
    cadence_days: dict[int, int] = field(default_factory=_default_cadence)
    review_days: int = 30
    own_brand: str = ""  # as store.fleet.brand_name keeps it; empty: not set yet
    # A machine this old (years) or past these hours is due for replacement.
    replace_age: int = REPLACE_AGE
    replace_hours: int = REPLACE_HOURS


def settings_to_doc(settings: Settings) -> dict[str, Any]:
    doc = {
        "threshold": settings.threshold,
        "cadence_days": {str(q): days for q, days in settings.cadence_days.items()},
        "review_days": settings.review_days,
    }
    if settings.own_brand:
        doc["own_brand"] = settings.own_brand
    # Written only when changed: files without them read the same.
    if settings.replace_age != REPLACE_AGE:
        doc["replace_age"] = settings.replace_age
    if settings.replace_hours != REPLACE_HOURS:
        doc["replace_hours"] = settings.replace_hours
    return doc


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not text")
    return value


def settings_from_doc(doc_id: int, doc: dict[str, Any]) -> Settings:
    try:
        cadence = {int(q): int(days) for q, days in doc.get("cadence_days", {}).items()}
        return Settings(
            threshold=int(doc.get("threshold", DEFAULT_THRESHOLD)),
            cadence_days={**_default_cadence(), **cadence},
            review_days=int(doc.get("review_days", 30)),
            own_brand=_text(doc.get("own_brand", "")),
            replace_age=int(doc.get("replace_age", REPLACE_AGE)),
            replace_hours=int(doc.get("replace_hours", REPLACE_HOURS)),
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise BadDocument("settings", doc_id, str(exc)) from exc
