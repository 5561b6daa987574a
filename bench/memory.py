"""Memory at the largest size: where it goes, against 4× the file's size

The peak is the app's own (a cold start in a fresh process until every lead
is loaded and the board painted, the kernel's high-water mark). The parts are
measured one after another in this process, as the app builds them: what
the interpreter and the app's modules take, the peak while the file is
parsed, the stored records (counted object by object, per table), and the
indexes the board and the search build from them.
"""

from __future__ import annotations

import gc
import shutil
import sys
import tempfile
from pathlib import Path

from bench.core import one_cold_start

MIB = 1024 * 1024
GOAL = 4  # peak within this many times the file's size on disk


def _status(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def rss() -> int:
    gc.collect()
    return _status("VmRSS")


def deep_size(obj: object, seen: set[int]) -> int:
    """Bytes held by a document: the dict or list and everything in it, each
    object once (keys shared by many documents are counted once)."""
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(deep_size(k, seen) + deep_size(v, seen) for k, v in obj.items())
    elif isinstance(obj, list | tuple):
        size += sum(deep_size(v, seen) for v in obj)
    return size


def table_sizes(store) -> dict[str, tuple[int, int]]:
    """Per table: records and the bytes their documents hold, as they wait
    (packed, see ``store/packed.py``) to be built."""
    seen: set[int] = set()
    sizes = {}
    for name, table in store._tables.items():  # noqa: SLF001 (a measurement, read only)
        docs = list(table._docs.values())  # noqa: SLF001
        if docs:
            sizes[name] = (len(docs), sum(deep_size(doc, seen) for doc in docs))
    return sizes


def breakdown(path: Path) -> list[tuple[str, float, str]]:
    """(part, MiB, what it is), in the order the app builds them."""
    import tui.app  # noqa: F401  (the app's modules, as a start loads them)
    from store.board import BoardIndex
    from store.leadstore import LeadStore
    from store.search import SearchIndex

    parts = [("interpreter and the app's modules", rss() / MIB, "before any file")]
    modules = rss()
    before_peak = _status("VmHWM")
    store = LeadStore.open(path, read_only=True, contacts_later=True)  # as the board does
    opened = rss()
    parse_peak = max(0, _status("VmHWM") - max(before_peak, opened))
    parts.append(("store opened (records and their indexes)", (opened - modules) / MIB,
                  "everything held after open"))
    for name, (count, size) in table_sizes(store).items():
        parts.append((f"  of which {name} documents", size / MIB, f"{count:,} records, "
                      f"{size / count:,.0f} bytes each"))
    parts.append(("peak while the file is parsed, gone after", parse_peak / MIB,
                  "above the store once opened: the file's bytes and the piece being parsed"))
    board = BoardIndex(store, store.now())
    after_board = rss()
    parts.append(("board index", (after_board - opened) / MIB, "places and order of every lead"))
    store.index_contacts()  # as the app, behind the board once it is painted
    contacts = rss()
    parts.append(("contacts packed, by lead and by time", (contacts - after_board) / MIB,
                  "read again from the file behind the board; a lead's history and the plans"))
    after_board = contacts
    for name, (count, size) in table_sizes(store).items():
        if name == "contacts":  # packed later: counted once they are
            parts.append((f"  of which {name} documents", size / MIB, f"{count:,} records, "
                          f"{size / count:,.0f} bytes each"))
    index = SearchIndex(store).build(warm=False, in_parts=True)  # as the app, in two steps
    read = rss()
    parts.append(("search index: every lead read", (read - after_board) / MIB,
                  "filter values (a byte each), ranks; each kind's texts joined a part at a time"))
    index.warm()
    parts.append(("search index: texts joined by kind", (rss() - read) / MIB,
                  "the parts merged: each distinct text once, with the leads holding it; "
                  "leads sorted"))
    del board, index
    store.close()
    return parts


def run(files: dict[int, Path]) -> list[dict]:
    size = max(files)
    path = files[size]
    file_mib = path.stat().st_size / MIB
    peak = one_cold_start(path, ready=True)["peak_kib"] / 1024
    searching = one_cold_start(path, ready=True, search=True)["peak_kib"] / 1024
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copy(path, copy)
        session = one_cold_start(copy, session=True)["peak_kib"] / 1024
    rows = [{"part": "file on disk", "mib": file_mib, "note": f"{size:,} leads"},
            {"part": "peak of the app, every lead loaded", "mib": peak,
             "note": f"{peak / file_mib:.1f}× the file; goal ≤ {GOAL}×: "
                     f"{'met' if peak <= GOAL * file_mib else '**no**'}"},
            {"part": "peak a moment later, the search index built", "mib": searching,
             "note": f"{searching / file_mib:.1f}× the file; goal ≤ {GOAL}×: "
                     f"{'met' if searching <= GOAL * file_mib else '**no**'}"},
            {"part": "peak of a whole session: that, a lead moved, the app closed", "mib": session,
             "note": f"{session / file_mib:.1f}× the file (closing folds the journal into the "
                     f"file); goal ≤ {GOAL}×: "
                     f"{'met' if session <= GOAL * file_mib else '**no**'}"}]
    rows += [{"part": part, "mib": mib, "note": note} for part, mib, note in breakdown(path)]
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| part | MiB | note |", "|---|---:|---|"]
    lines += [f"| {r['part']} | {r['mib']:,.1f} | {r['note']} |" for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    files = {int(a.split("=")[0]): Path(a.split("=")[1]) for a in sys.argv[1:]}
    print(table(run(files)))
