"""Damage at random, in the snapshot or the journal: no writer rewrites a
damaged file, no backup is lost, and ``restore`` brings back the newest state
that is whole."""

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from store import journal
from store.errors import UnreadableFile
from store.leadstore import LeadStore
from store.restore import restore

FOLDED = ["甲", "乙", "丙"]  # one fold each: backups hold [甲, 乙] and [甲]
JOURNALLED = ["丁", "戊", "己"]  # saved in the journal, not folded


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "leads.json"
    for name in FOLDED:
        with LeadStore.open(path) as store:
            store.add_lead(name)
    store = LeadStore.open(path)
    for name in JOURNALLED:
        store.add_lead(name)
    store._release()  # killed: the journal is not folded
    return path


def damaged(data: bytes, kind: str, at: float, value: int) -> bytes:
    pos = min(int(at * len(data)), len(data) - 1)
    if kind == "flip":
        return data[:pos] + bytes([data[pos] ^ (1 << value % 8)]) + data[pos + 1:]
    if kind == "cut":
        return data[:pos]
    return data[:pos] + bytes([value]) * 3 + data[pos:]


def state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not p.name.endswith(".lock")}


def names(path: Path) -> list[str]:
    with LeadStore.open(path, read_only=True) as store:
        return sorted(lead.name for lead in store.leads.values())


def whole_changes(original: bytes, now: bytes) -> list[str]:
    """The journalled leads whose lines are still whole, in an unbroken
    chain from the first. A last line whose every byte but its newline is
    whole still holds its change (its checksum vouches for it)."""
    now_lines = journal.lines(now)
    lines = set(now_lines)
    ends = {line[:-1] for line in now_lines[-1:]}
    kept = []
    for line, name in zip(journal.lines(original), JOURNALLED, strict=True):
        if line not in lines and line[:-1] not in ends:
            break
        kept.append(name)
    return kept


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(target="journal", kind="flip", at=1.0, value=0)  # the last newline, damaged
@example(target="journal", kind="flip", at=0.0, value=5)  # a checksum's letter, upper case
@example(target="journal", kind="insert", at=0.0, value=13)  # carriage returns, no newline
@given(target=st.sampled_from(["snapshot", "journal"]),
       kind=st.sampled_from(["flip", "cut", "insert"]),
       at=st.floats(0, 1), value=st.integers(0, 255))
def test_damage_anywhere_is_never_written_over_and_restore_brings_back_the_newest_whole_state(
        template, target, kind, at, value):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copytree(template.parent, folder, dirs_exist_ok=True)
        path = folder / template.name
        hit = path if target == "snapshot" else Path(f"{path}.journal")
        original = hit.read_bytes()
        hit.write_bytes(damaged(original, kind, at, value))
        before = state(folder)
        backups = {k: v for k, v in before.items() if k.startswith(f"{path.name}.backups")}
        try:
            store = LeadStore.open(path)
        except UnreadableFile:
            assert state(folder) == before  # refused, and nothing written
        else:  # damage the store may take as it is: a journal's torn last line
            assert target == "journal" and kind == "cut" or hit.read_bytes() == original \
                or target == "snapshot"
            found = sorted(lead.name for lead in store.leads.values())
            store.close()
            assert found == sorted(FOLDED + whole_changes(original, before[hit.name]))
            assert backups.items() <= state(folder).items()
            return
        restore(path)
        after = state(folder)
        assert backups.items() <= after.items()  # no backup lost
        assert before[hit.name] in after.values()  # the damaged file set aside, not deleted
        if target == "snapshot":
            assert names(path) == sorted(FOLDED[:2])  # the newest backup
        else:
            assert names(path) == sorted(FOLDED + whole_changes(original, before[hit.name]))
