"""One rep of the team drill (tests/test_team_drill.py, bench/server.py): a
process of its own, logged in as its own rep, following the base with the
store's listener and making its changes one after another as fast as the
server takes them, half on the team's shared pool leads, half on its own.

Each change sets one field of a lead to a value no other change uses
(``rep#n``), so that the drill can tell afterwards which change put what
where. The rep writes down, one JSON line each, flushed as it goes:

- ``try``: a change it is about to make;
- ``clash``: a change refused because another rep changed the lead first,
  and what it did about it (``merge``: the fields do not overlap, made again
  on top at once; ``redo``: the same field, made again on top knowingly, as
  the board's ``r``; ``keep``: the same field, theirs kept and its own
  change given up; ``there``: its own change after all, committed as the
  server went away before it could say so);
- ``away``: a change refused because the server could not be reached;
- ``saved``: a change made durable, with how long it took from ``try``;
- ``kept``: a change given up to keep the other rep's;
- then ``done``, and at the end (when the drill says the others are done
  too and its listener has caught up) ``seen``: every change its listener
  handed on, and ``states``: when the listener lost and found the server.

The drill starts every rep at once: each writes ``ready`` and waits for a
file named ``go`` in the drill's folder; ``finish`` there says every rep is
done.

Run as ``python -m tests.drill_rep CONFIG_JSON``.
"""

from __future__ import annotations

import json
import queue
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from store.backends.listen import Listener, News
from store.backends.postgres import connect
from store.clash import read_clash, reapply
from store.errors import ChangedSince, ServerFailed
from store.leadstore import LeadStore

FIELDS = ("notes", "company", "project")  # the fields the drill's changes set
TRIES = 50  # clashes on one change before the rep gives it up to keep theirs
AWAY_S = 60.0  # how long a rep waits for a server that went away
POLL_S = 0.005


class Log:
    def __init__(self, path: Path) -> None:
        self._file = path.open("a", encoding="utf-8")

    def write(self, event: str, **fields: Any) -> None:
        self._file.write(json.dumps({"event": event, "at": time.time(), **fields}) + "\n")
        self._file.flush()  # a rep killed mid-change leaves every line before it


def wait_for_file(path: Path) -> None:
    while not path.exists():
        time.sleep(POLL_S)


def plan(rep: str, count: int, pool: list[int], own: list[int]) -> list[tuple[int, str, str]]:
    """The rep's changes: (lead, field, value); even ones on the pool, odd on
    its own. Every rep goes through the pool in the same order, so that reps
    started together meet on the same leads."""
    changes = []
    for n in range(count):
        leads = pool if n % 2 == 0 else own
        lead = leads[n // 2 % len(leads)]
        field = FIELDS[(n // 2 + sum(map(ord, rep))) % len(FIELDS)]  # reps meet on a field or not
        changes.append((lead, field, f"{rep}#{n}"))
    return changes


class Rep:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.log = Log(Path(config["log"]))
        self.store = LeadStore.open(config["url"])
        self.news: queue.Queue[News] = queue.Queue()
        self.seen: set[int] = set()
        self.states: list[list[Any]] = []
        self.listener = Listener(config["url"], self.store.news_from, self._on_news,
                                 self._on_state)

    def _on_news(self, news: News) -> None:  # in the listener's thread
        self.seen.update(change.seq for change in news.changes)
        self.news.put(news)

    def _on_state(self, reached: bool, detail: str) -> None:
        self.states.append([reached, detail, time.time()])

    def take_news(self) -> None:
        """Other reps' changes, taken in between the rep's own, as the board does."""
        while not self.news.empty():
            self.store.take_news(self.news.get())

    def own_leads(self) -> list[int]:
        leads = [self.store.new_lead(f"{self.config['rep']} 客户{index}")
                 for index in range(self.config["own"])]
        made = [("leads", lead.id, None, lead) for lead in leads]
        self.keep_trying(partial(self.store.commit, "add_lead", made))
        return [lead.id for lead in leads]

    def keep_trying(self, change: Any) -> Any:
        """``change()``, tried again while the server is away."""
        since = time.monotonic()
        while True:
            try:
                return change()
            except ServerFailed as exc:
                self.log.write("away", detail=str(exc.params.get("detail", "")))
                if time.monotonic() - since > AWAY_S:
                    raise
                time.sleep(0.05)
                self.take_news()

    def make(self, n: int, lead: int, field: str, value: str) -> None:
        self.log.write("try", n=n, lead=lead, field=field, value=value)
        started = time.perf_counter()
        if self.settle(n, lead, field, value):
            self.log.write("saved", n=n, lead=lead, field=field, value=value,
                           ms=(time.perf_counter() - started) * 1000)
        else:
            self.log.write("kept", n=n, lead=lead, field=field, value=value)

    def settle(self, n: int, lead: int, field: str, value: str) -> bool:
        """Make the change, through every clash; whether it is saved (or
        given up to keep the other rep's)."""
        change = partial(self.store.edit_lead, lead, **{field: value})
        for _ in range(TRIES):
            try:
                self.keep_trying(change)
                return True
            except ChangedSince as refused:
                clash = self.keep_trying(partial(read_clash, self.store, refused))
            theirs = sorted({t.rep for t in clash.theirs})
            if (clash.now.get(("leads", lead)) or {}).get(field) == value:
                # Its own change, committed as the server went away before saying so.
                self.log.write("clash", n=n, lead=lead, what="there", theirs=theirs)
                return True
            what = "merge" if clash.mergeable else "keep" if n % 5 == 0 else "redo"
            self.log.write("clash", n=n, lead=lead, what=what, theirs=theirs)
            if what == "keep":
                return False
            change = partial(reapply, self.store, clash)
        return False

    def run(self) -> None:
        config = self.config
        self.listener.start()
        own = self.own_leads()
        self.log.write("ready", own=own, news_from=self.store.news_from)
        wait_for_file(Path(config["folder"]) / "go")
        for n, (lead, field, value) in enumerate(plan(config["rep"], config["changes"],
                                                      config["pool"], own)):
            self.take_news()
            self.make(n, lead, field, value)
        self.log.write("done")
        wait_for_file(Path(config["folder"]) / "finish")
        self.catch_up()
        self.log.write("seen", seqs=sorted(self.seen), states=self.states)
        self.listener.stop()
        self.store.close()

    def catch_up(self, within_s: float = 30.0) -> None:
        """Until the listener has passed on the last change this rep may see."""
        with connect(self.config["url"]) as conn:
            last = conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]
        started = time.monotonic()
        while self.listener.last < last and time.monotonic() - started < within_s:
            time.sleep(POLL_S)


def main(argv: list[str]) -> int:
    Rep(json.loads(argv[0])).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
