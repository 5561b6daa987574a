"""The plan screen as a key puts it up: built once, its rows drawn once.

A key's change is over when its last frame is out. The plan's rows drawn
again after they first showed (the list focused a frame late, a scrollbar
laid out a frame after the rows) mean a second frame the rep waits for.
"""

from datetime import timedelta

from store.model import Method, Purpose
from tests.conftest import NOW
from tui.app import LeadboardApp
from tui.screens.plan import PlanScreen
from widgets.plan_list import PlanList
from widgets.tab_line import TabLine

SIZE = (130, 44)


def noting_draws(monkeypatch) -> list[tuple[bool, str]]:
    """Each drawing of a plan list's first line: focused or not, and its text."""
    drawn = []
    draw = PlanList.render_line

    def noting(plan_list: PlanList, y: int):
        strip = draw(plan_list, y)
        if y == 0:
            drawn.append((plan_list.has_focus, strip.text))
        return strip

    monkeypatch.setattr(PlanList, "render_line", noting)
    return drawn


async def test_the_plan_opens_with_its_rows_drawn_once_and_focused(store, seeded, monkeypatch):
    drawn = noting_draws(monkeypatch)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, PlanScreen)
        assert len(drawn) == 1 and drawn[0][0], drawn


def plan_screens_built(monkeypatch) -> list[PlanScreen]:
    """The plan screens put together from now on, each as it is composed."""
    built: list[PlanScreen] = []
    compose = PlanScreen.compose

    def counted(screen: PlanScreen):
        built.append(screen)
        return compose(screen)

    monkeypatch.setattr(PlanScreen, "compose", counted)
    return built


async def test_the_plan_is_built_once_and_read_afresh_on_each_opening(store, seeded, clock,
                                                                     monkeypatch):
    built = plan_screens_built(monkeypatch)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "w")
        first = app.screen
        await pilot.press("escape")
        await pilot.pause(0.3)
        # Planned meanwhile: the plan opened again shows it, on the day's tab.
        store.schedule_contact(seeded["刘洋"], NOW + timedelta(hours=3), method=Method.MEAL,
                               purpose=Purpose.RELATIONSHIP)
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is first and built == [first]
        assert app.screen.query_one(TabLine).active == "day"
        rows = app.screen.query_one(PlanList).rows
        assert any("刘洋" in " ".join(rows[i].cells) for i in range(len(rows)))
        assert "1 contacts" in str(app.screen.query_one("#plan-heading").render())


async def test_the_plan_is_built_while_the_rep_reads_the_board(store, seeded, monkeypatch):
    """A second after the board's first paint the plan screen is built,
    unseen: its key then only fills it, and draws its rows once."""
    built = plan_screens_built(monkeypatch)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        board = app.screen
        for _ in range(50):  # (its code is loaded in a thread first)
            await pilot.pause(0.1)
            if built and built[0].is_mounted:
                break
        assert built and built[0].is_mounted and app.screen is board
        assert built[0] not in app.screen_stack
        drawn = noting_draws(monkeypatch)
        await pilot.press("p")
        await pilot.pause(0.3)
        assert app.screen is built[0] and len(built) == 1
        assert len(drawn) == 1 and drawn[0][0], drawn


async def test_the_plans_first_opening_paints_lines_drawn_while_the_rep_read_the_board(
        store, seeded, monkeypatch):
    """Its parts that the opening does not change (the tabs, the key bar) are
    drawn once, unseen, when it is built: its first opening paints them as
    every later one does, without drawing them again."""
    from widgets.key_bar import KeyBar

    built = plan_screens_built(monkeypatch)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            await pilot.pause(0.1)
            if built and built[0].is_mounted:
                break
        await pilot.pause(0.2)
        drawn: list[type] = []
        for part in (KeyBar, TabLine):
            draw = part.render_line

            def noting(widget, y, draw=draw):
                if widget.screen is built[0]:
                    drawn.append(type(widget))
                return draw(widget, y)

            monkeypatch.setattr(part, "render_line", noting)
        await pilot.press("p")
        await pilot.pause(0.3)
        assert app.screen is built[0]
        assert drawn == []
        assert "Day" in built[0].query_one(TabLine).render_line(0).text
