"""Shared fixtures: real data files in a temporary folder, a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from store.leadstore import LeadStore
from tui.i18n import set_language

CHINA = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=CHINA)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "leads.json"


@pytest.fixture
def store(db_path: Path, clock: Clock) -> Iterator[LeadStore]:
    opened = LeadStore.open(db_path, clock=clock)
    yield opened
    if not opened.closed:
        opened.close()


@pytest.fixture
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """``leadboard`` opens the board only on a terminal; tests that call it
    in-process to see a file refused before the app starts pretend to have one."""
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)


@pytest.fixture(autouse=True)
def own_config_folder(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's config folder (the export dialog's last choice) is a fresh
    temporary one: a test never reads or writes the real one."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


# name, company, intent, funding: one or two leads per quadrant and the tray.
SEED = [
    ("张伟", "临沂宏达土石方", 5, 5),
    ("王强", "济南顺通租赁", 4, 3),
    ("李娜", "", 4, 1),
    ("刘洋", "徐州华建", 2, 4),
    ("陈静", "", 1, 1),
    ("曾国", "", None, None),
]


def seed(store: LeadStore) -> dict[str, int]:
    """Add the SEED leads; returns their ids by name."""
    ids = {}
    for name, company, intent, funding in SEED:
        ids[name] = store.add_lead(name, company=company, city="临沂", intent=intent,
                                   funding=funding).id
    return ids


@pytest.fixture
def seeded(store: LeadStore) -> dict[str, int]:
    return seed(store)
