"""A whole triage session, key by key, as a rep works through a queue."""

from datetime import timedelta

import pytest

from store.leadstore import LeadStore
from store.model import Method, Purpose, Status
from store.session import default_queue
from store.board import BoardIndex
from tests.test_board import help_text, shown
from tui.app import LeadboardApp
from tui.screens.session import SessionScreen, SessionStart, SessionSummary

SIZE = (130, 40)


def plan(store, seeded, clock):
    """张伟 overdue, 王强 planned next week; the rest have no next contact."""
    clock.advance(days=-3)
    store.schedule_contact(seeded["张伟"], clock.now + timedelta(days=1), method=Method.PHONE,
                           purpose=Purpose.SELL)
    clock.advance(days=3)
    store.schedule_contact(seeded["王强"], clock.now + timedelta(days=7), method=Method.VISIT,
                           purpose=Purpose.SELL)


def test_default_queue_order_and_makeup(store, seeded, clock):
    plan(store, seeded, clock)
    queue = default_queue(BoardIndex(store, clock.now), store)
    names = [store.lead(i).name for i in queue.lead_ids]
    # ungraded, overdue, no next contact (board order), then not reviewed lately
    assert names == ["曾国", "张伟", "李娜", "刘洋", "陈静", "王强"]
    assert queue.makeup == {"ungraded": 1, "overdue": 1, "woken": 0, "no_next": 3,
                            "not_reviewed": 1}


async def test_a_whole_session(store, seeded, clock, db_path):
    plan(store, seeded, clock)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, SessionStart)
        assert "6 leads" in str(app.screen.query_one("Static").render())
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)

        def current():
            return store.lead(app.screen.session.lead_id).name

        def progress():
            return str(app.screen.query_one("#session-progress").render())

        assert current() == "曾国" and "1 / 6" in progress()
        await pilot.press("2")  # 曾国 graded into Q2
        assert current() == "张伟" and "2 / 6" in progress()
        await pilot.press("space")  # skip 张伟
        assert current() == "李娜"
        await pilot.press("left")  # back to 张伟
        assert current() == "张伟"
        await pilot.press("4")
        assert current() == "李娜"
        await pilot.press("d", "enter")  # 李娜 dormant, until the day proposed
        await pilot.press("w")  # 刘洋 won
        await pilot.press("u")  # ... no: undo that
        assert current() == "刘洋"
        assert store.lead(seeded["刘洋"]).status is Status.ACTIVE
        await pilot.press("x")  # lost, with a reason picked from the list
        await pilot.press("3", "ctrl+s")
        assert current() == "陈静"
        await pilot.press("plus")  # refine, stays on 陈静
        assert current() == "陈静" and store.lead(seeded["陈静"]).intent == 2
        await pilot.press("1")
        assert current() == "王强"
        await pilot.press("right")  # skip the last one: the session ends
        assert isinstance(app.screen, SessionSummary)
        text = str(app.screen.query_one("#summary-text").render())
        assert "5 of 6 decided" in text
        for line in ("to Q1: 1", "to Q2: 1", "to Q4: 1", "made dormant: 1", "lost: 1",
                     "won: 0", "skipped: 1"):
            assert line in text
        await pilot.press("enter")
        # Back on the board, which shows the decisions.
        names = lambda p: [r.name for r in app.screen.board.lead_list(p).rows]  # noqa: E731
        assert "曾国" in names(2) and "张伟" in names(4) and "陈静" in names(1)
        assert "李娜" not in names(2) and "刘洋" not in names(3)
    store.close()
    with LeadStore.open(db_path, clock=clock) as again:
        lead = {name: again.lead(i) for name, i in seeded.items()}
        assert (lead["曾国"].intent, lead["曾国"].funding) == (3, 2)
        assert (lead["张伟"].intent, lead["张伟"].funding) == (2, 2)
        assert lead["李娜"].status is Status.DORMANT
        assert lead["李娜"].wake == (clock.now + timedelta(days=30)).replace(hour=9, minute=0)
        assert lead["刘洋"].status is Status.LOST and lead["刘洋"].reason == "brand preference"
        assert (lead["陈静"].intent, lead["陈静"].funding) == (3, 3)
        for name in ("曾国", "张伟", "李娜", "刘洋", "陈静"):
            assert lead[name].reviewed == clock.now
        assert lead["王强"].reviewed is None
        (record,) = again.sessions.values()
        assert record.queued == 6 and record.counts["q4"] == 1 and record.counts["skipped"] == 1


def test_reviewed_leads_leave_the_not_reviewed_queue(store, seeded, clock):
    from store.session import mark_reviewed

    graded = [i for name, i in seeded.items() if name != "曾国"]
    for lead_id in graded:  # all planned: neither overdue nor without a next contact
        store.schedule_contact(lead_id, clock.now + timedelta(days=3), method=Method.PHONE,
                               purpose=Purpose.SELL)

    def makeup():
        return default_queue(BoardIndex(store, clock.now), store).makeup

    assert makeup()["not_reviewed"] == 5
    for lead_id in graded:
        mark_reviewed(store, store.lead(lead_id))
    assert makeup()["not_reviewed"] == 0
    clock.advance(days=2)
    assert makeup()["not_reviewed"] == 0
    store.update_settings(review_days=1)
    assert makeup()["not_reviewed"] == 5


async def test_a_lost_reason_can_be_typed(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter", "x", "9", "tab")  # other, then the words
        await pilot.press(*"3 months later", "enter")
        assert store.lead(seeded["曾国"]).reason == "other: 3 months later"
        assert store.lead(seeded["曾国"]).status is Status.LOST


async def test_session_in_chinese(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter")
        assert "分级" in str(app.screen.query_one("#session-progress").render())
        await pilot.press("escape")
        assert "会话结束" in str(app.screen.query_one("#summary-text").render())


async def test_s_schedules_the_next_contact_from_the_quadrants_cadence(store, seeded, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter", "1")  # 曾国 to Q1; now 张伟 (no next contact)
        lead_id = app.screen.session.lead_id
        await pilot.press("s")
        when = app.screen.query_one("#when").value
        assert when.startswith("2026-12-03")  # Q1: weekly, from the fixed clock's 11-26
        await pilot.press("ctrl+s")
        assert app.screen.session.lead_id != lead_id
        assert store.next_contact(lead_id).date().isoformat() == "2026-12-03"
        assert store.lead(lead_id).reviewed == clock.now
        assert app.screen.session.counts()["scheduled"] == 1
        await pilot.press("u")  # one undo takes back the contact and the review time
        assert app.screen.session.lead_id == lead_id
        assert store.next_contact(lead_id) is None and store.lead(lead_id).reviewed is None


async def test_sessions_are_listed_later(store, seeded, db_path, capsys):
    from tui.cli import main

    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter", "1", "2", "escape", "enter")
    store.close()
    assert main(["sessions", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "6 queued" in out and "to Q1 1" in out and "to Q2 1" in out


async def test_the_lead_follows_a_change_of_theme(store, seeded):
    """The lead's rows are coloured when laid out: a new theme colours them again."""
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter")
        heading = app.screen.sheet.region.y  # the lead's name is the sheet's first row

        def heading_background():
            strip = app.screen._compositor.render_strips()[heading]
            return next(s.style.bgcolor for s in strip if s.text.strip() == "曾国")

        dark = heading_background()
        app.theme = "textual-light"
        await pilot.pause()
        assert heading_background() != dark
        await pilot.press("2")  # the next lead, made ahead, has the new colours too
        app.theme = "textual-dark"
        await pilot.pause()
        await pilot.press("left")
        assert heading_background() == dark


async def test_long_notes_wrap_to_the_sheet_also_after_a_resize(store, seeded):
    words = [f"word{n}" for n in range(40)]
    store.edit_lead(seeded["曾国"], notes=" ".join(words[:30]) + "\n" + " ".join(words[30:]))
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter")

        def screen_words():
            return " ".join(s.text for s in app.screen._compositor.render_strips()).split()

        assert all(word in screen_words() for word in words)
        await pilot.resize_terminal(70, 40)
        await pilot.pause()
        assert all(word in screen_words() for word in words)
        assert max(len(s.text.rstrip()) for s in app.screen._compositor.render_strips()) <= 70


async def test_grading_an_ungraded_lead_with_the_grade_keys_is_a_decision(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter")
        zeng = seeded["曾国"]
        assert app.screen.session.lead_id == zeng  # ungraded: neither grade known
        await pilot.press("plus")  # intent only: still in the tray, no decision yet
        assert app.screen.session.counts()["q1"] == 0
        await pilot.press("full_stop")  # funds too: now in Q1
        assert app.screen.session.lead_id == zeng
        assert "曾国: to Q1" in str(app.screen.query_one("#session-message").render())
        await pilot.press("u")  # undo takes the decision back with the grade
        assert app.screen.session.counts()["q1"] == 0 and store.lead(zeng).funding is None
        await pilot.press("full_stop", "space")  # graded again, then on: not a skip
        await pilot.press("escape")
        text = str(app.screen.query_one("#summary-text").render())
        assert "1 of 6 decided" in text and "to Q1: 1" in text and "skipped: 0" in text
        assert store.lead(zeng).reviewed is not None
        await pilot.press("enter")
    (record,) = store.sessions.values()
    assert record.counts["q1"] == 1 and record.counts["skipped"] == 0


async def test_question_mark_shows_the_sessions_keys(store, seeded):
    from tui.screens.help import HelpScreen

    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter")
        text = await help_text(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        for words in ("Triage session", "Skip", "Undo", "Dormant", "Intent +1"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)


async def test_q_ends_the_session_with_its_summary(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter", "1", "q")
        assert app.is_running and isinstance(app.screen, SessionSummary)
        text = str(app.screen.query_one("#summary-text").render())
        assert "6 个中处理了 1 个" in text
        await pilot.press("enter")
        assert not isinstance(app.screen, (SessionScreen, SessionSummary))
    assert len(store.sessions) == 1


async def test_the_start_screen_says_when_the_queue_is_capped(store, seeded, clock):
    plan(store, seeded, clock)
    queue = default_queue(BoardIndex(store, clock.now), store, limit=3)
    assert queue.makeup == {"ungraded": 1, "overdue": 1, "woken": 0, "no_next": 1,
                            "not_reviewed": 0}
    assert queue.found == {"ungraded": 1, "overdue": 1, "woken": 0, "no_next": 3,
                           "not_reviewed": None}
    whole = default_queue(BoardIndex(store, clock.now), store)
    assert whole.found == {"ungraded": 1, "overdue": 1, "woken": 0, "no_next": 3,
                           "not_reviewed": 1}
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SessionStart(queue))
        await pilot.pause()
        text = str(app.screen.query_one("Static").render())
        assert "no next contact: 1 of 3" in text
        assert "not reviewed lately: 0 (the queue was full" in text
        assert "at most 300 leads" in text
        app.pop_screen()
        app.push_screen(SessionStart(whole))
        await pilot.pause()
        text = str(app.screen.query_one("Static").render())
        assert "no next contact: 3\n" in text and " of " not in text and "at most" not in text


@pytest.mark.parametrize("keys", [[], ["space"], ["1", "u"]], ids=["at-once", "skipped", "undone"])
async def test_a_session_that_decided_nothing_is_not_kept(store, seeded, db_path, capsys, keys):
    from tui.cli import main

    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter", *keys, "escape")
        await pilot.pause()
        assert "0 of 6 decided" in str(app.screen.query_one("#summary-text").render())
        await pilot.press("enter")
    assert store.sessions == {}
    store.close()
    assert main(["sessions", "--db", str(db_path)]) == 1
    assert "No triage sessions yet." in capsys.readouterr().out


async def test_the_top_line_keeps_the_progress_whole_beside_what_was_decided(store, seeded):
    for n in range(6):
        store.add_lead(f"新客户{n}")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "enter", *["space"] * 8, "1")
        await pilot.pause()
        top = shown(app, app.screen.query_one("#session-top"))[0]
        assert top.startswith(" Triage  10 / 12  ·  00:00  ")
        assert top.rstrip().endswith(": to Q1  ✓ saved")


async def test_the_next_leads_scroll_bar_comes_in_the_frame_that_shows_it(store, seeded):
    # A bar repainted in a frame of its own came after the next lead was
    # made ready, tens of milliseconds on: the rep saw a decision land twice.
    app = LeadboardApp(store, "en")
    updates = []  # each frame: the lead shown and the columns of its lines drawn
    display = app._display

    def noting(screen, update):
        display(screen, update)
        if update is not None and isinstance(screen, SessionScreen):
            spans = getattr(update, "spans", None) or []
            updates.append((screen.session.lead_id, {(y, x) for y, x0, x1 in spans
                                                     for x in range(x0, x1 + 1)}))

    app._display = noting
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter")
        screen = app.screen
        second = screen.session.queue.lead_ids[1]
        store.edit_lead(second, notes="\n".join(f"line {n}" for n in range(120)))
        await pilot.pause()
        bar = screen.sheet.vertical_scrollbar
        size_before = bar.window_virtual_size
        updates.clear()
        await pilot.press("2")
        await pilot.pause()
        assert screen.session.lead_id == second and bar.window_virtual_size != size_before
        lead, cells = updates[0]
        assert lead == second
        assert all((y, bar.region.x) in cells for y in bar.region.line_range)


async def test_the_session_start_stands_on_a_plain_background(store, seeded):
    # The board dimmed behind it was drawn again, blended, in the frame of t.
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, SessionStart)
        assert app.screen.styles.background.a == 1
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "6 leads" in shown and "张伟" not in shown  # the queue said, no board behind
