"""Work behind the board steps aside while a key is being shown."""

import threading
import time

from store import foreground
from store.foreground import behind_the_rep, key_pressed, key_shown, stepping


def walk_in_a_thread(items: int, behind: bool) -> tuple[threading.Thread, list[int]]:
    seen: list[int] = []

    def walk() -> None:
        if behind:
            with behind_the_rep():
                seen.extend(stepping(range(items)))
        else:
            seen.extend(stepping(range(items)))

    thread = threading.Thread(target=walk)
    thread.start()
    return thread, seen


def test_work_behind_the_rep_waits_until_the_key_is_shown(monkeypatch):
    monkeypatch.setattr(foreground, "WAIT_LIMIT_S", 5.0)
    key_pressed()
    try:
        thread, seen = walk_in_a_thread(1000, behind=True)
        time.sleep(0.1)
        assert seen == [] and thread.is_alive()  # waiting at its first look
        key_shown()
        thread.join(5)
        assert seen == list(range(1000))
    finally:
        key_shown()


def test_other_work_never_waits(monkeypatch):
    monkeypatch.setattr(foreground, "WAIT_LIMIT_S", 5.0)
    key_pressed()
    try:
        thread, seen = walk_in_a_thread(1000, behind=False)
        thread.join(1)
        assert not thread.is_alive() and seen == list(range(1000))
    finally:
        key_shown()


def test_a_key_never_shown_holds_the_work_up_once_only(monkeypatch):
    monkeypatch.setattr(foreground, "WAIT_LIMIT_S", 0.05)
    key_pressed()
    try:
        started = time.perf_counter()
        thread, seen = walk_in_a_thread(10 * foreground.STEP, behind=True)
        thread.join(5)
        assert seen == list(range(10 * foreground.STEP))
        assert time.perf_counter() - started < 0.05 * 3
    finally:
        key_shown()
