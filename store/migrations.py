"""Stored-format versions and the steps between them.

Every change of the stored format bumps ``SCHEMA_VERSION`` and adds a step
here, with a fixture file of the old version in ``tests/fixtures``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from store.errors import UnreadableFile

SCHEMA_VERSION = 4

Tables = dict[str, dict[str, Any]]


def _from_0(data: Tables) -> Tables:
    """Version 0: a plain TinyDB file whose default table held the leads."""
    leads = data.pop("_default", {})
    data.setdefault("leads", {}).update(leads)
    data["meta"] = {"1": {"schema": 1, "seq": 0}}
    return data


def _from_1(data: Tables) -> Tables:
    """Version 2 added search keys, the lead's closing reason, and the
    ``sessions`` and ``views`` tables. Their defaults are right for old leads;
    search keys are made at the first search and kept from the next save."""
    for table in ("sessions", "views"):
        data.setdefault(table, {})
    return data


def _from_2(data: Tables) -> Tables:
    """Version 3 added the ``machines`` table (the fleet census) and the own
    brand setting; a file without them has no machines and no own brand."""
    data.setdefault("machines", {})
    return data


def _from_3(data: Tables) -> Tables:
    """Version 4 added the market around the leads: the ``competitors``,
    ``intel``, ``outlets``, ``projects`` and ``lost_deals`` tables."""
    for table in ("competitors", "intel", "outlets", "projects", "lost_deals"):
        data.setdefault(table, {})
    return data


# Step from version N to N + 1.
STEPS: dict[int, Callable[[Tables], Tables]] = {0: _from_0, 1: _from_1, 2: _from_2, 3: _from_3}


def meta_of(data: Tables) -> dict[str, Any]:
    meta = data.get("meta", {}).get("1")
    return meta if isinstance(meta, dict) else {}


def migrate(path: Path, data: Tables) -> Tables:
    """Bring ``data`` up to the current version, in memory only.

    The file itself changes only at the next save, so a failed migration
    never costs the original.
    """
    if not data:
        return data
    version = meta_of(data).get("schema", 0)
    if not isinstance(version, int) or version < 0:
        raise UnreadableFile(path, "not_tinydb", f"schema {version!r}")
    if version > SCHEMA_VERSION:
        raise UnreadableFile(path, "newer_schema", str(version))
    while version < SCHEMA_VERSION:
        data = STEPS[version](data)
        version += 1
        meta_of(data)["schema"] = version
    return data
