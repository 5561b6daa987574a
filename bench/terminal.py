"""A real `leadboard` in a pseudo-terminal, read back as a terminal shows it.

The app runs as the rep runs it (its own process, a tty of 160×48); what it
writes is fed to a terminal emulator (pyte), colours included. A key's time
runs from its bytes written to the terminal to the last write after which
the screen shows what it settles on: the whole change, not its first frame.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte

COLUMNS, LINES = 160, 48
# A change is over once the app has written nothing for this long: more than
# two frames (a second frame, and a save's "saved" after it, come within it).
SETTLED_S = 0.08
ANSWER_LIMIT_S = 5.0  # a key with no answer by then changed nothing (a loaded machine at 100k)
# Between keys, as a rep reads: the app's work after a frame is done by then.
BETWEEN_KEYS_S = 0.25

Screen = tuple[tuple, ...]


class Terminal:
    """A process on a pseudo-terminal, and what it wrote, with the time of each write."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None,
                 cwd: Path | None = None) -> None:
        self.started = time.perf_counter()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.fd = master
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, close_fds=True,
            env={**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})},
            start_new_session=True, preexec_fn=_take_terminal)
        os.close(slave)
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.writes: list[tuple[float, bytes]] = []  # not yet fed to the emulator
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            now = time.perf_counter()
            with self._lock:
                self.writes.append((now, data))

    def _take(self) -> list[tuple[float, bytes]]:
        with self._lock:
            writes, self.writes = self.writes, []
        return writes

    def last_write(self) -> float:
        with self._lock:
            return self.writes[-1][0] if self.writes else 0.0

    def settle(self, quiet: float = SETTLED_S, limit: float = 10.0) -> None:
        """Wait until the app has written nothing for ``quiet`` seconds."""
        give_up = time.perf_counter() + limit
        while time.perf_counter() < give_up:
            time.sleep(quiet / 4)
            if time.perf_counter() - max(self.last_write(), 0) >= quiet:
                return

    def shown(self) -> Screen:
        """The screen as it is now: every cell's character and colours."""
        for _at, data in self._take():
            self.stream.feed(data)
        return snapshot(self.screen)

    def text(self) -> str:
        self.shown()
        return "\n".join(self.screen.display)

    def wait_for(self, seen: Callable[[str], bool], limit: float = 60.0) -> float:
        """Seconds from the start until the screen's text satisfies ``seen``."""
        give_up = time.perf_counter() + limit
        while time.perf_counter() < give_up:
            for at, data in self._take():
                self.stream.feed(data)
                if seen("\n".join(self.screen.display)):
                    return at - self.started
            time.sleep(0.002)
        raise TimeoutError(f"never shown; the screen:\n{self.text()}")

    def key(self, data: bytes) -> tuple[float, float] | None:
        """Seconds from ``data`` written until the screen first changed, and
        until it showed the change complete; None if nothing changed."""
        self.settle()
        before = self.shown()
        sent = time.perf_counter()
        os.write(self.fd, data)
        give_up = sent + ANSWER_LIMIT_S
        while self.last_write() < sent and time.perf_counter() < give_up:
            time.sleep(0.001)  # the first write of the answer
        self.settle()
        states = []
        for at, chunk in self._take():
            self.stream.feed(chunk)
            states.append((at, snapshot(self.screen)))
        if not states or states[-1][1] == before:
            return None
        final = states[-1][1]
        first = next(at for at, state in states if state != before)
        done = next(at for at, state in states if state == final)
        return first - sent, done - sent

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.fd)


def _take_terminal() -> None:
    """In the child: the pseudo-terminal becomes its controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def snapshot(screen: pyte.Screen) -> Screen:
    return tuple(
        tuple((cell.data, cell.fg, cell.bg, cell.bold, cell.reverse)
              for cell in (line[x] for x in range(screen.columns)))
        for line in (screen.buffer[y] for y in range(screen.lines)))


def leadboard(db: Path, lang: str = "en") -> Terminal:
    """``leadboard`` on ``db``, started as the console script starts it."""
    code = "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    root = Path(__file__).resolve().parents[1]
    return Terminal([sys.executable, "-c", code, "--db", str(db), "--lang", lang], cwd=root)


def minimal_app() -> Terminal:
    code = "from bench.apps import MinimalApp; MinimalApp().run()"
    root = Path(__file__).resolve().parents[1]
    return Terminal([sys.executable, "-c", code], cwd=root)
