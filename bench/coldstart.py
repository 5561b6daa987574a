"""One cold start in a fresh process: from the first line to the board painted.

Prints the seconds taken and the peak memory (KiB) as JSON. Run as
``python -m bench.coldstart [--db PATH]``; without ``--db`` it starts the
minimal app instead, for the baseline.
"""

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402


async def painted(app) -> None:
    from bench.apps import SIZE

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()


def main() -> None:
    if "--db" in sys.argv:
        from tui.app import LeadboardApp
        from tui.cli import open_store

        store = open_store(sys.argv[sys.argv.index("--db") + 1], read_only=True)
        asyncio.run(painted(LeadboardApp(store, "en")))
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
