"""``make bench``: every speed goal, measured beside its baseline, into BENCHMARKS.md.

Usage: ``python -m bench.run [SIZES...]`` (default 1000 10000 100000).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import textual

from store.demo import write_demo
from store.leadstore import LeadStore

ROOT = Path(__file__).resolve().parents[1]
# Feature areas with benchmarks of their own; each module has run(files) -> rows.
AREAS = ("bench.core", "bench.search", "bench.plans", "bench.imports", "bench.sessions")
AREA_FLAG = "--area"  # how the runner starts one area in a process of its own


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


def run_area(name: str, files: dict[int, Path]) -> tuple[str, list[dict]]:
    """One area's title and rows, measured in a process of its own: an area
    runs app after app at 100k, and the heap it leaves behind slowed the
    areas after it (a triage decision at 100k by a fifth against 1k)."""
    args = [sys.executable, "-m", "bench.run", AREA_FLAG, name,
            *(f"{count}={path}" for count, path in files.items())]
    done = subprocess.run(args, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["title"], result["rows"]


def _one_area(argv: list[str]) -> int:
    """In the area's own process: run it, print its title and rows as JSON."""
    name, pairs = argv[0], argv[1:]
    files = {int(count): Path(path) for count, path in (pair.split("=", 1) for pair in pairs)}
    module = importlib.import_module(name)
    rows = module.run(files)
    title = (module.__doc__ or name).strip().splitlines()[0]
    print(json.dumps({"title": title, "rows": rows}))
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == [AREA_FLAG]:
        return _one_area(argv[1:])
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    started = time.perf_counter()
    sections = []
    with tempfile.TemporaryDirectory() as folder:
        files = demo_files(sizes, Path(folder))
        for name in AREAS:
            if importlib.util.find_spec(name) is None:
                continue
            print(f"running {name} …", file=sys.stderr, flush=True)
            title, rows = run_area(name, files)
            sections.append(title)
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
  the frame is handed over: what the app does after it is not counted, since nobody
  waits for it. After a triage key (a move or a grade step on the board, a decision
  in a session) that is the change's journal line, written and fsynced straight
  after the frame; the status line says "saved" only then, and a write the disk
  refuses takes the change back (tested). The down arrow is pressed 45 times
  from the top of Q1: 15 move the cursor within the view, 30 scroll the list, so
  its median is a scrolling key. Each key figure is the median of five rounds taken
  in turn with the minimal app's key: the machine runs fast or slow for seconds at
  a time (the same keys take 0.9 or 1.9 ms), and three rounds did not always even
  that out.
- *regrade made durable*: `move_to_quadrant` called outside a triage key returns only
  after the journal line is fsynced; the baseline appends the same number of bytes
  to a file and fsyncs it. This is the cost a triage key's save adds after its frame.
- The demo files are made by `leadboard demo --seed 1`; at 100k leads they hold about
  145k contacts and take about 95 MB.
- Each area (the triage core, search, plans, import, sessions) is measured in a
  process of its own: an area runs app after app at 100k, and the heap it left
  behind slowed the areas after it (a triage decision at 100k by a fifth against 1k).
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

## Where goals are missed or met narrowly, and why

- **Moving a lead between quadrants** now meets its goal: 0.93 to 0.97 ms at 100k
  in the three full runs of the finished code, 1.32 to 1.41 times the minimal key
  (goal 1.5), and 0.92 to 1.09 times the same move at 1k. The two runs before its
  last two changes (status lines drawn as one strip, list lines found by their
  row's identity) gave 1.44 and 1.77; measured alone, five rounds in turn, a move took
  0.9 to 1.2 ms against a minimal key of 0.63 to 1.2, 1.3 to 1.6 times it when the
  machine ran fast. It was 2.2 to 3.7 ms (2.1 to 3.4 times) in the report before.
  What changed: the regrade is painted first and written and fsynced straight after
  the frame, as a triage decision is; the frame is painted in the key's own turn,
  not at the frame timer's next tick after every widget's message queue has had
  its turn; the key runs its binding as it reaches the app, not after a hop to the
  list and back up through its containers; the board's rows are kept between
  refreshes (a move builds one row, not thirty); lists and status lines apply the
  app's colour filters to their few styles once, not to every line they draw,
  and draw each line as one strip; widgets are looked up once; the compositor
  skips the widgets on none of the changed lines. The ratio is at its worst when
  the machine runs fast: the minimal key took 0.67 ms in one run and 1.32 in
  another. The cost does not grow with the number of leads: the lists draw only
  the rows on screen, and the board's order is kept one lead at a time (deleting
  from and inserting into a list of 25k ids costs some tens of microseconds).
- The **down arrow** (0.6 ms, 0.6 to 0.9 times the minimal key) got faster with
  the same changes.
- **Search while typing.** The engine meets its goal (p95 0.67 to 0.90 times the
  substring scan at 100k in this submission's runs). In the app the slowest key of
  `zhang` is painted 13.5 to 16.3 ms after it is typed, against a budget of 6.5 to
  9.9 ms (the engine's p95, 5.5 to 8.4 ms in these runs, plus 1.5 minimal key
  presses): still missed, by about 1.5 to 2.2 times. The report before gave 15.7
  to 21.4 ms. The slowest key is the first or the second letter, when thousands of
  leads match and the tables are cold in the processor's caches after the frame
  before. Timed in parts on `z`: the key reaching the search (about 1 ms), the
  engine (about 5 ms cold; 1.6 to 2.5 when repeated), the board narrowed and each
  quadrant's matches counted (1.6 to 1.9 ms), the lists handed their new rows
  (0.5 ms), and painting 63 new rows of five lists, the matches and the counts
  (about 4 ms: building and drawing a new row costs some 40 microseconds cold).
  The budget follows the engine: what counts is the app's own share, about 8 ms,
  where the goal allows one and a half minimal key presses, about 1 to 2 ms. This
  submission made new rows cheaper (filters applied to styles once, one strip per
  row) and kept the index out of the collector's sight whoever builds it (a first
  search that built it left it to be walked by a full collection: 0.4 s).
- **Start-up with the search keys kept** met its goal in every run of this
  submission (0.99 to 1.07).
- **Triage decisions** now paint the next lead in the key's own turn, as a move
  does: 0.7 to 1.4 ms, 1.1 to 1.55 times the minimal key (it was 1.5 to 1.7, and
  2.28 in this submission's first run, before this change). Two full runs, with
  every area in one process, missed *100k against 1k* (1.22 and 1.30: the 100k
  decisions ran 0.2 to 0.3 ms slower); measured alone, the two sizes came to
  between 0.57 and 1.33 times each other in eight rounds, the 100k ones as often
  faster as slower, and the decision itself takes the same time at both sizes
  (1.2 ms with its parts timed). The heap left by the areas before it was the
  difference: with each area in a process of its own, the last run gave 0.93.
  *t to session painted* is mostly Textual's frame timer (a new screen's first frame
  waits up to 1/60 s), so its two sizes sit close together and the ratio is noisy.
"""

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
