"""One cold start in a fresh process: from the first line to the board painted.

Prints the seconds taken and the peak memory (KiB) as JSON. Run as
``python -m bench.coldstart [--db PATH] [--ready]``; without ``--db`` it starts
the minimal app instead, for the baseline. The app opens the file as
``leadboard`` does: from the board's preview when one is up to date. With
``--ready`` it waits on until every lead is loaded and the board painted from
them, ready for keys; with ``--search`` too, until the search index the app
builds in the background after that is built and warm; with ``--session``
(on a copy the run may change) too, then a lead moved and the app closed as a
rep closes it: the journal folded into the file, the preview kept.
"""

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402


async def painted(app, ready: bool = False, search: bool = False,
                  session: bool = False) -> None:
    from bench.apps import SIZE

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while ready and app.board is None:
            await asyncio.sleep(0.005)
        if ready:
            await pilot.pause()
        if search:
            await asyncio.to_thread(app.search_index.ready)
        if session:
            await pilot.press("2")
            await pilot.pause()
    if session:
        app.close_store()


def main() -> None:
    if "--db" in sys.argv:
        from pathlib import Path

        from tui.cli import board_app

        session = "--session" in sys.argv
        app = board_app(Path(sys.argv[sys.argv.index("--db") + 1]), "en", read_only=not session)
        asyncio.run(painted(app, ready="--ready" in sys.argv or session,
                            search="--search" in sys.argv or session, session=session))
    else:
        from bench.apps import MinimalApp

        asyncio.run(painted(MinimalApp()))
    elapsed = time.perf_counter() - STARTED
    print(json.dumps({"seconds": elapsed, "peak_kib": peak_kib()}))


def peak_kib() -> int:
    """This process's own peak memory.

    ``ru_maxrss`` survives ``exec``, so a child started by a big parent would
    report the parent's size; the kernel's VmHWM belongs to this program alone.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    main()
