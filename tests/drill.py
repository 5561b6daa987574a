"""The team drill's side of the base (see tests/drill_rep.py for a rep's):
reps made with ``leadboard team add``, the team's pool leads, a process per
rep started at once, and what each wrote down."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from store.leadstore import LeadStore
from tui.cli import EXIT_OK, main

ROOT = Path(__file__).resolve().parents[1]


def as_rep(url: str, rep: str) -> str:
    """The base's URL as ``rep`` logs in to it."""
    return url.replace("postgresql://postgres@", f"postgresql://{rep}@")


class Drill:
    """``reps`` processes making ``changes`` changes each on the base at
    ``url`` (its keeper's), half on ``pool`` shared leads, half on ``own``
    leads of each rep's."""

    def __init__(self, url: str, folder: Path, reps: int = 10, changes: int = 200,
                 pool: int = 50, own: int = 10) -> None:
        self.url, self.folder = url, folder
        self.reps = [f"drill{index:02d}" for index in range(1, reps + 1)]
        self.changes, self.pool_size, self.own = changes, pool, own
        self.pool: list[int] = []
        self.processes: dict[str, subprocess.Popen] = {}
        self.started = self.ended = 0.0

    def set_up(self) -> Drill:
        for rep in self.reps:
            with contextlib.redirect_stdout(io.StringIO()):
                assert main(["team", "add", rep, "--db", self.url]) == EXIT_OK
        with LeadStore.open(self.url) as keeper:  # the keeper's leads are the pool's
            self.pool = [keeper.add_lead(f"公海客户{index}").id
                         for index in range(self.pool_size)]
        return self

    def log(self, rep: str) -> Path:
        return self.folder / f"{rep}.jsonl"

    def start(self, within_s: float = 60.0) -> Drill:
        """Every rep's process, each ready to go (logged in, own leads made)."""
        for rep in self.reps:
            config = {"url": as_rep(self.url, rep), "rep": rep, "changes": self.changes,
                      "pool": self.pool, "own": self.own, "log": str(self.log(rep)),
                      "folder": str(self.folder)}
            with (self.folder / f"{rep}.err").open("w") as err:
                self.processes[rep] = subprocess.Popen(
                    [sys.executable, "-m", "tests.drill_rep", json.dumps(config)],
                    cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        self.wait(lambda: all(self.said(rep, "ready") for rep in self.reps), within_s)
        (self.folder / "go").touch()
        self.started = time.time()
        return self

    def wait(self, done: Any, within_s: float, reps: list[str] | None = None) -> None:
        """Until ``done()``; a rep's process that ended early fails the drill."""
        deadline = time.monotonic() + within_s
        while not done():
            for rep in reps or self.reps:
                code = self.processes[rep].poll()
                assert code is None or self.said(rep, "seen"), self.failed(rep)
            assert time.monotonic() < deadline, "the drill did not finish in time"
            time.sleep(0.02)

    def failed(self, rep: str) -> str:
        return f"{rep} ended early:\n{(self.folder / f'{rep}.err').read_text()[-3000:]}"

    def finish(self, within_s: float = 120.0, reps: list[str] | None = None) -> None:
        """Wait for every rep (of ``reps``) to be done, then for their listeners."""
        reps = reps or self.reps
        self.wait(lambda: all(self.said(rep, "done") for rep in reps), within_s, reps)
        self.ended = max(self.said(rep, "done")[-1]["at"] for rep in reps)
        (self.folder / "finish").touch()
        for rep in reps:
            assert self.processes[rep].wait(60) == 0, self.failed(rep)

    def events(self, rep: str) -> list[dict[str, Any]]:
        path = self.log(rep)
        if not path.exists():
            return []
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.endswith("}")]

    def said(self, rep: str, event: str) -> list[dict[str, Any]]:
        return [e for e in self.events(rep) if e["event"] == event]

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
