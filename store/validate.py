"""Checks and normal forms for what a rep types or imports."""

from __future__ import annotations

import re

from store.errors import Invalid
from store.model import GRADES

_SEPARATORS = re.compile(r"[\s\-()（）.]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area codes are 010, 02x, or 0 plus three digits; local numbers 7 or 8 digits.
_LANDLINE = re.compile(r"(0(?:10|2\d|[3-9]\d{2}))(\d{7,8})")


def normalize_phone(text: str) -> str:
    """A mainland mobile as 11 digits, a landline as ``area-local``.

    ``+86``/``0086``, spaces, dashes and brackets are accepted.
    """
    digits = _SEPARATORS.sub("", text.strip())
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
            break
    else:
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
    if _MOBILE.fullmatch(digits):
        return digits
    landline = _LANDLINE.fullmatch(digits)
    if landline:
        return f"{landline.group(1)}-{landline.group(2)}"
    raise Invalid("phones", "phone", text)


def split_phones(text: str) -> list[str]:
    """Several numbers in one cell, split on commas, slashes or semicolons."""
    parts = re.split(r"[,，;；/、]+", text)
    return [part.strip() for part in parts if part.strip()]


def normalize_phones(text: str) -> tuple[str, ...]:
    phones: list[str] = []
    for part in split_phones(text):
        phone = normalize_phone(part)
        if phone not in phones:
            phones.append(phone)
    return tuple(phones)


def check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise Invalid("name", "required")
    return name


def parse_grade(text: str | int | None, field: str) -> int | None:
    """A grade 1-5, or None for blank (an ungraded lead)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        grade = int(text)
    except (TypeError, ValueError):
        raise Invalid(field, "grade", text) from None
    if grade not in GRADES:
        raise Invalid(field, "grade", text)
    return grade
