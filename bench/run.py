"""``make bench``: every speed goal, measured beside its baseline, into BENCHMARKS.md.

Usage: ``python -m bench.run [SIZES...]`` (default 1000 10000 100000).
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import textual

from bench.core import let_go
from store.demo import write_demo
from store.leadstore import LeadStore

ROOT = Path(__file__).resolve().parents[1]
# Feature areas with benchmarks of their own; each module has run(files) -> rows.
AREAS = ("bench.core", "bench.search", "bench.plans", "bench.imports", "bench.sessions")


def demo_files(sizes: list[int], folder: Path) -> dict[int, Path]:
    files = {}
    for count in sizes:
        path = folder / f"demo-{count}.json"
        with LeadStore.open(path) as store:
            write_demo(store, count, seed=1)
        files[count] = path
    return files


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info
                        if line.startswith("model name")), cpu)
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), "
            f"Python {platform.python_version()}, Textual {textual.__version__}")


def fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if value is None:
        return "—"
    if value is True:
        return "yes"
    if value is False:
        return "**no**"
    return str(value)


def table(rows: list[dict]) -> str:
    head = "| figure | size | value (ms) | baseline | baseline (ms) | ratio | goal | met |"
    lines = [head, "|---|---|---:|---|---:|---:|---|---|"]
    for r in rows:
        lines.append("| " + " | ".join(fmt(r[k]) for k in (
            "figure", "size", "value_ms", "baseline", "baseline_ms", "ratio", "goal", "met")) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    started = time.perf_counter()
    sections = []
    with tempfile.TemporaryDirectory() as folder:
        files = demo_files(sizes, Path(folder))
        for name in AREAS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            print(f"running {name} …", file=sys.stderr, flush=True)
            rows = module.run(files)
            let_go()
            sections.append((module.__doc__ or name).strip().splitlines()[0])
            sections.append(table(rows))
            print(table(rows), flush=True)
    missed = sum(text.count("**no**") for text in sections)
    report = [
        "# Benchmarks",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} on {machine()}, "
        f"in {time.perf_counter() - started:,.0f} s. Figures are medians; every ratio compares",
        "a figure with a baseline measured in the same run, since this machine is small and noisy.",
        f"Goals missed: {missed} (marked **no**).",
        "",
    ]
    for index in range(0, len(sections), 2):
        report += ["## " + sections[index], "", sections[index + 1], ""]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(report) + NOTES, encoding="utf-8")
    return 0


NOTES = """
## How to read this

- *cold start*: a fresh process from its first line to the board painted in a headless
  `run_test`, against the same for a minimal Textual app showing one `Static`. The file
  is opened as `leadboard` opens it, left as the app leaves it at quit: beside a file of
  3,000 leads or more, the board's preview (each place's count and first rows) is
  painted at once and the leads load behind it. *Every lead loaded* waits on until the
  board is painted from the loaded leads and takes keys; for 1k (no preview) it is the
  same start. Loading behind the preview costs about 0.3 s more than loading alone
  (the two share the interpreter); keys typed meanwhile run once it is done.
- *key*: from a key reaching the app to the updated screen handed to the terminal,
  against a key that changes the minimal app's text; measured once the search index
  (built in the background a moment after start-up) is ready. The clock stops when
  the frame is handed over: what the app does after it (a triage decision's fsync)
  is not counted, since nobody waits for it. The down arrow is pressed 45 times
  from the top of Q1: 15 move the cursor within the view, 30 scroll the list, so
  its median is a scrolling key.
- *regrade made durable*: `move_to_quadrant` returns only after the journal line is
  fsynced; the baseline appends the same number of bytes to a file and fsyncs it.
- The demo files are made by `leadboard demo --seed 1`; at 100k leads they hold about
  145k contacts and take about 95 MB.
- Sizes compared with each other (100k against 1k) are measured in turn, round after
  round, so that load from elsewhere on the machine falls on both; the minimal app's
  key, the baseline of the key and decision figures, is measured in every round too.
- *switch plan tab*: from the day tab, `w`, `m`, `n` and `d` in turn, five rounds, from
  the key to the frame in which the plan list draws the new tab's rows; the figure is
  the slowest tab's median (the month, whose period holds the most contacts). The 100k
  demo file holds about 145k contacts and 50k leads with no next step. The goal of
  50 ms is our own: about three frames.
- *import*: each round is a fresh process, as `leadboard import` is, with the baseline
  measured in it just before the import. The import's first save loads the pinyin
  dictionaries (about 0.13 s) for the leads' search keys: most of the figure at 1k rows.

## Where goals are missed, and why

- **Moving a lead between quadrants** is 2.1 to 3.4 times the minimal app's key
  in this submission's five full runs (2.2 to 3.7 ms, the last on a slow stretch of
  the machine; the last report gave 2.3 to
  2.7 times, and it was 6 to 7 ms before that; the ratios above 3 came beside the
  fastest minimal keys yet, 0.71 and 0.76 ms). The minimal app repaints a one-word
  `Static` (0.9 to 1.6 ms from run to run); the ratio is at its worst when the
  machine is fast, as the fsync's share does not shrink with it. A move is a
  durable save (the journal line's write and fsync, 0.3 to 0.5 ms), re-places the
  lead in the board's order, and repaints two lists from the moved row down, their
  titles and the status line. Timed in parts at 100k: the key reaches the move
  0.3 to 0.6 ms after it arrives, the save takes 0.5 to 0.65, re-placing and
  refreshing 0.4 to 0.6, Textual's turns of its message queue for the widgets
  that changed about 0.4, and the frame 0.8 to 1.2. The cost does not grow with
  the number of leads: the lists draw only the rows on screen, and the board's
  order is kept one lead at a time. The board does not defer its fsync past the
  frame as a triage decision does (below): measured that way, a move was still
  about 2.4 times the minimal key.
- The **down arrow** now meets its goal (it was 1.8 to 2.3 times): the screen is
  drawn from only the places that changed (Textual had every pane behind a list
  draw all of its lines), a list hands Textual its finished lines from a cache
  instead of having each styled anew, and it looks up its keys' bindings where the
  key arrives, not after the key has climbed through every container to the app.
- **Search while typing.** The engine meets its goal (p95 0.84 to 0.98 times the
  substring scan at 100k). In the app the slowest key of `zhang` is painted 15.7 to
  21.4 ms after it is typed in this submission's five full runs, against a budget
  of 8.6 to 16.4 ms (the engine's p95 plus 1.5 minimal key presses, both of which
  swing from run to run): still missed, by 1.4 to 2 times. The paint counted is
  now the first one that draws the narrowed board (Q1's list among it); before,
  it was the first paint after the board was narrowed, whatever that paint drew.
  What changed in this submission: the screen, held while a search runs, paints
  as soon as the matches are shown, with every widget they changed, instead of
  waiting for the next tick of its frame timer when none had come meanwhile; a key
  waits for its search (a little less than a frame) on a thread kept for it, so
  most searches are shown in the key's own turn; a board row reads the five
  stored fields it shows rather than building the whole lead; and a list adds its
  styles once, not per row. Timed in parts on the slowest key (the first or
  second letter, thousands of matches), with the tables cold in the processor's
  caches after the frame before: the key reaching the search (about 1 ms), the
  engine (3.5 to 5.5 ms; the same search takes 1.6 to 2.5 ms when repeated), the
  board narrowed and each quadrant's matches counted (about 1.8 ms), the lists
  handed their new rows (1 ms), Textual's layout for the search bar's changed
  text (0.6 ms), and painting five lists of new rows, the matches and the counts
  (3.5 to 5 ms). The budget shrinks with the engine: what counts is the app's own
  share, about 10 ms, where the goal allows one and a half minimal key presses.
- **Start-up with the search keys kept** was 1.05 to 1.09 times the same file
  without them in four of this submission's five full runs, and 1.11 in the last
  (goal 1.1), on a slow stretch of the machine: that run's substring scan took
  twice its usual time and its minimal key 1.5 to 2.4 ms. The keys add 3% to the
  file (pinyin readings, kept so that opening does not compute them); parsing and
  holding them is the difference. Each figure is the median of five opens taken in
  turn with the other.
- **Triage decisions** met every goal in three of this submission's five full runs
  (1.5 to 1.7 times the minimal key; the report before this one's work gave 1.9 to
  2.6 from run to run), and each of the other two missed one, by noise (below). The session lays out the next lead while the
  rep reads the current one, repaints only the lines that differ (about 20 of 37,
  no longer the scroll bar beside them), and paints the next lead before the
  decision's fsync, which follows at once: the line at the bottom adds "saved" when
  it is done, and a sync the disk refuses takes the decision back. Before, the
  fsync (0.3 to 0.5 ms whatever the machine's speed) came first and the ratio swung
  with the minimal app's speed.
  Of this submission's five full runs, one missed *100k against 1k* (1.67): its 1k
  decisions took 1.26 ms, below the minimal key, and its 100k ones 2.10. Measured
  alone, in turn, four rounds each, the two sizes came to 0.74, 1.42, 1.06 and
  1.02 times each other: whole runs of the app are fast or slow together on this
  machine (1.3 against 1.9 ms for the same keys), and five rounds do not always
  even that out. The other runs gave 0.98, 1.00, 0.76 and 1.03. The fourth run
  missed the goal at 1k instead (2.08 times a minimal key of 0.91 ms, the second
  fastest yet; its 100k decisions were 1.58 times): across the five runs a decision
  took 1.26 to 2.14 ms at either size, and the minimal key 0.91 to 1.42. The last
  run met every decision goal.
  *t to session painted* is mostly Textual's frame timer (a new screen's first frame
  waits up to 1/60 s), so its two sizes sit close together and the ratio is noisy.
"""

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
