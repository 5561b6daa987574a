"""The team drill, on a real PostgreSQL server: ten reps, each a process of
its own logged in as its own rep, make 200 changes each at once, half of
them on the same 50 pool leads. Nothing a rep was told is saved is lost,
every clash is told to its rep (and none is written over unknowingly), and
every rep's listener hands on every change the rep may see; a rep killed in
the middle of a change, or the server restarted under them, leaves the base
whole."""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from store.backends.postgres import LOG_LOCK, init_base
from tests.drill import Drill, as_rep
from tests.drill_rep import FIELDS
from tests.pg_server import Server
from tui.cli import EXIT_OK, main

Key = tuple[str, int]
RESTART_CHANGES = 60  # each rep's, in the drill the server is restarted under


def read_base(url: str) -> tuple[list[tuple], dict[Key, tuple[dict, int]]]:
    """The change log, oldest first, and every record with its version, as the keeper sees them."""
    with psycopg.connect(url) as conn:
        changes = conn.execute("SELECT seq, rep, changes FROM changes ORDER BY seq").fetchall()
        records = {(t, i): (doc, version) for t, i, doc, version in
                   conn.execute("SELECT tbl, id, doc, version FROM records")}
    return changes, records


def assert_log_gives_the_records(changes: list[tuple], records: dict) -> None:
    """Replayed from an empty base, the change log gives every record as it
    is, each change made against the record as the base held it then (none
    written over another unknowingly), and each record's version counts its
    changes: no change half written."""
    held: dict[Key, Any] = {}
    writes: Counter[Key] = Counter()
    for seq, rep, entries in changes:
        for table, obj_id, before, after in entries:
            key = (table, obj_id)
            assert held.get(key) == before, f"change {seq} by {rep} wrote over {key} unknowingly"
            held[key] = after
            writes[key] = 1 if before is None else writes[key] + 1
    assert {key: doc for key, doc in held.items() if doc is not None} == {
        key: doc for key, (doc, _version) in records.items()}
    assert {key: version for key, (_doc, version) in records.items()} == {
        key: writes[key] for key in records}


def set_by(changes: list[tuple]) -> dict[tuple[int, str, str], tuple[int, str, Any]]:
    """Each drill value (lead, field, value) by the change that first set it:
    its number, its rep, and the value it replaced."""
    found: dict[tuple[int, str, str], tuple[int, str, Any]] = {}
    for seq, rep, entries in changes:
        for table, lead, before, after in entries:
            if table != "leads" or after is None:
                continue
            for field in FIELDS:
                value = after.get(field)
                if value and (before or {}).get(field) != value:
                    found.setdefault((lead, field, value), (seq, rep, (before or {}).get(field)))
    return found


def assert_nothing_lost(drill: Drill, reps: list[str] | None = None) -> Counter[str]:
    """Every change each rep was told is saved is in the log and made by
    that rep, in the order the rep made them; a saved value later replaced
    was replaced by a later change made on top of it; a change given up is
    nowhere. Every clash was told to its rep and ended saved or given up.
    Returns how the reps' clashes ended."""
    changes, records = read_base(drill.url)
    assert_log_gives_the_records(changes, records)
    first = set_by(changes)
    later: dict[tuple[int, str], list[tuple[int, Any]]] = {}
    for seq, _rep, entries in changes:
        for table, lead, before, after in entries:
            if table == "leads" and before is not None and after is not None:
                for field in FIELDS:
                    if before.get(field) != after.get(field):
                        later.setdefault((lead, field), []).append((seq, before.get(field)))
    ended: Counter[str] = Counter()
    for rep in reps or drill.reps:
        events = drill.events(rep)
        saved = [e for e in events if e["event"] == "saved"]
        seqs = []
        for event in saved:
            key = (event["lead"], event["field"], event["value"])
            assert key in first, f"{rep}'s change {event['n']} was told saved and is lost"
            seq, by, _replaced = first[key]
            assert by == rep
            seqs.append(seq)
            replaced_by = [(s, had) for s, had in later.get(key[:2], []) if s > seq
                           and had == event["value"]]
            final = records[("leads", event["lead"])][0].get(event["field"])
            assert final == event["value"] or replaced_by, f"{key} overwritten unknowingly"
        assert seqs == sorted(seqs), f"{rep}'s changes saved out of their order"
        for event in (e for e in events if e["event"] == "kept"):
            assert (event["lead"], event["field"], event["value"]) not in first
        tried = [e["n"] for e in events if e["event"] == "try"]
        settled = Counter(e["n"] for e in events if e["event"] in ("saved", "kept"))
        unsettled = set(tried) - set(settled)  # only a killed rep's last change
        assert set(settled.values()) <= {1} and unsettled <= (
            set() if drill.said(rep, "done") else set(tried[-1:]))
        for event in (e for e in events if e["event"] == "clash"):
            assert event["n"] % 2 == 0, "a clash on a rep's own lead, which nobody else edits"
            assert event["theirs"], "a clash told without who changed the lead"
            ended[event["what"]] += 1
    return ended


def assert_every_listener_saw_every_change(drill: Drill, reps: list[str] | None = None) -> None:
    """Each rep's listener handed on every change in the log that rep may see."""
    for rep in reps or drill.reps:
        start = drill.said(rep, "ready")[0]["news_from"]
        with psycopg.connect(as_rep(drill.url, rep)) as conn:
            visible = {seq for (seq,) in conn.execute("SELECT seq FROM changes WHERE seq > %s",
                                                       [start])}
        seen = set(drill.said(rep, "seen")[0]["seqs"])
        assert visible and seen == visible, f"{rep}'s listener missed {sorted(visible - seen)}"


def assert_checked(url: str) -> None:
    assert main(["check", "--db", url]) == EXIT_OK


@pytest.fixture
def drill(pg_base: str, tmp_path: Path):
    made = Drill(pg_base, tmp_path).set_up()
    yield made
    made.stop()


def test_ten_reps_at_once_lose_nothing_and_every_clash_is_told(drill):
    drill.start()
    drill.finish()
    ended = assert_nothing_lost(drill)
    assert ended["merge"] and ended["redo"] and ended["keep"], ended  # each way was taken
    assert_every_listener_saw_every_change(drill)
    assert_checked(drill.url)


def waiting_on_the_log(keeper: psycopg.Connection, rep: str) -> bool:
    """Whether ``rep``'s commit has written its records and waits to number
    its change (the log's lock, held by the keeper)."""
    return bool(keeper.execute(
        "SELECT 1 FROM pg_stat_activity WHERE usename = %s AND wait_event = 'advisory'"
        " AND backend_xid IS NOT NULL", [rep]).fetchone())


def test_a_rep_killed_in_the_middle_of_a_change_leaves_the_base_whole(pg_base, tmp_path):
    drill = Drill(pg_base, tmp_path, reps=3, changes=40).set_up()
    victim, others = drill.reps[0], drill.reps[1:]
    try:
        drill.start()
        drill.wait(lambda: len(drill.said(victim, "saved")) >= 10, 60)
        with psycopg.connect(pg_base, autocommit=True) as keeper:
            # Every commit stops with its records written, before its row in the log.
            keeper.execute("SELECT pg_advisory_lock(%s)", [LOG_LOCK])
            drill.wait(lambda: waiting_on_the_log(keeper, victim), 30)
            os.kill(drill.processes[victim].pid, signal.SIGKILL)
            drill.processes[victim].wait()
            keeper.execute("SELECT pg_advisory_unlock(%s)", [LOG_LOCK])
        drill.finish(reps=others)
    finally:
        drill.stop()
    cut = drill.said(victim, "try")[-1]
    assert cut["n"] not in {e.get("n") for e in drill.events(victim) if e["event"] != "try"}
    changes, records = read_base(pg_base)
    assert (cut["lead"], cut["field"], cut["value"]) not in set_by(changes)  # none of it kept
    assert records[("leads", cut["lead"])][0].get(cut["field"]) != cut["value"]
    assert_nothing_lost(drill)
    assert_every_listener_saw_every_change(drill, others)
    assert_checked(pg_base)


@pytest.fixture
def restartable() -> Iterator[Server]:
    """A server of this test's own, to restart under the drill."""
    server = Server("fsync=off").start()
    yield server
    server.stop()


def test_the_drill_survives_the_server_restarted_in_the_middle(restartable, tmp_path):
    url = restartable.create_database()
    init_base(url)
    drill = Drill(url, tmp_path, changes=RESTART_CHANGES).set_up()
    third = len(drill.reps) * RESTART_CHANGES // 3
    try:
        drill.start()
        drill.wait(lambda: sum(len(drill.said(r, "saved")) for r in drill.reps) >= third, 60)
        restartable.restart()
        drill.finish()
    finally:
        drill.stop()
    assert any(drill.said(rep, "away") for rep in drill.reps)  # the restart met changes
    for rep in drill.reps:  # each listener lost the server and found it again
        assert [reached for reached, _detail, _at in drill.said(rep, "seen")[0]["states"]][
            :2] == [False, True]
    assert_nothing_lost(drill)
    assert_every_listener_saw_every_change(drill)
    assert_checked(url)
