"""Exporting from the app: the file holds what the plan showed, and the dialog
keeps the rep's last format and folder."""

import csv
import io
from datetime import timedelta

from store.model import Method, Purpose
from tests.conftest import NOW
from tests.test_plans_app import SIZE, plan_texts, text
from tui.app import LeadboardApp
from tui.screens.export import ExportForm


async def export_to(app, pilot, target, fmt: str) -> None:
    """Fill the open export dialog and wait for the file."""
    assert isinstance(app.screen, ExportForm)
    app.screen.query_one("#format").value = fmt
    await pilot.pause()
    app.screen.query_one("#path").value = str(target)
    await pilot.press("ctrl+s")
    for _ in range(50):
        await pilot.pause(0.05)
        if not isinstance(app.screen, ExportForm):
            break
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_exported_week_is_the_week_on_screen(store, seeded, clock, tmp_path):
    for name, days in (("张伟", 0), ("王强", 1), ("李娜", 7), ("刘洋", 8)):
        store.schedule_contact(seeded[name], NOW + timedelta(days=days, hours=1),
                               method=Method.VISIT, purpose=Purpose.SELL)
    clock.advance(days=7, hours=2)  # Thursday 3 December, 12:00: three are overdue
    target = tmp_path / "week.csv"
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "w")
        shown = plan_texts(app)
        assert "4 次接触 · 逾期 3" in text(app, "#plan-heading")
        await pilot.press("escape", "x")
        await pilot.pause()
        assert "逾期的接触" in text(app, ".dialog-hint")
        await export_to(app, pilot, target, "csv")
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [row[4] for row in rows[1:]] == [row.split()[2] for row in shown]
    assert [row[12] for row in rows[1:]] == ["逾期"] * 3 + ["计划中"]


async def test_the_export_dialog_keeps_the_last_format_and_folder(store, seeded, tmp_path):
    store.schedule_contact(seeded["张伟"], NOW + timedelta(hours=3), method=Method.VISIT,
                           purpose=Purpose.SELL)
    folder = tmp_path / "exports"
    folder.mkdir()
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.query_one("#format").value == "json"
        await export_to(app, pilot, folder / "mine.csv", "csv")
        assert (folder / "mine.csv").exists()
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.query_one("#format").value == "csv"
        assert app.screen.query_one("#path").value == str(folder / "leadboard-week.csv")
        assert store.undo_label == "schedule_contact"  # the choice is no change to the data
    again = LeadboardApp(store, "en")  # the next start remembers it too
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert again.screen.query_one("#format").value == "csv"
        assert again.screen.query_one("#path").value == str(folder / "leadboard-week.csv")
