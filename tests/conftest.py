"""Shared fixtures: real data files in a temporary folder, a real PostgreSQL
server of the tests' own, a fixed clock.

A test module marked ``both_backends`` runs each of its tests that opens
the ``store`` (or asks for ``db``) twice: on a data file and on a fresh
database of the throwaway server. A test that looks at the file's own bytes
is marked ``file_only``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from store.leadstore import LeadStore
from tests.pg_server import Server, ServerFailed
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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    node = metafunc.definition
    if ("backend" in metafunc.fixturenames and node.get_closest_marker("both_backends")
            and not node.get_closest_marker("file_only")):
        metafunc.parametrize("backend", ["file", "postgres"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Where the test's store lives: "file" unless its module runs on both."""
    return getattr(request, "param", "file")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """One throwaway cluster for the whole run. A machine where it cannot
    start fails the server's tests, saying why: they are never skipped."""
    try:
        server = Server("fsync=off").start()  # thrown away after: no crash to survive
    except ServerFailed as exc:
        pytest.fail(f"the PostgreSQL tests need a server of their own: {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def pg_base(pg_server: Server) -> str:
    """The URL of a fresh, empty lead base on the throwaway server."""
    from store.backends.postgres import init_base

    url = pg_server.create_database()
    init_base(url)
    return url


@pytest.fixture
def db(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """The store's location: the data file, or a fresh base on the server."""
    return db_path if backend == "file" else request.getfixturevalue("pg_base")


@pytest.fixture
def store(db: Path | str, clock: Clock) -> Iterator[LeadStore]:
    opened = LeadStore.open(db, clock=clock)
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
def no_base_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rep's own ``LEADBOARD_DB`` never reaches the tests."""
    monkeypatch.delenv("LEADBOARD_DB", raising=False)


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
