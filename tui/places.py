"""The board's places as both the board and its preview show them: their
titles, their lists' words, the keys in the key bar, and the layout's
breakpoint (under 110 columns the tray and the detail pane slim down, as
leadboard.tcss says)."""

from __future__ import annotations

from textual.binding import Binding

from store.board import TRAY
from tui.i18n import t
from tui.keys import grade_keys
from widgets.lead_list import LeadList
from widgets.quadrant_board import QuadrantBoard

BOARD_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

BOARD_BINDINGS = [
    Binding("tab", "next_place", "Next quadrant", id="board.next_place", show=False),
    Binding("shift+tab", "previous_place", "Previous quadrant", id="board.previous_place",
            show=False),
    Binding("left,h", "beside(0)", "Quadrant on the left", id="board.left", show=False),
    Binding("right,l", "beside(1)", "Quadrant on the right", id="board.right", show=False),
    Binding("1", "move_to(1)", "To Q1", id="board.move_1"),
    Binding("2", "move_to(2)", "To Q2", id="board.move_2"),
    Binding("3", "move_to(3)", "To Q3", id="board.move_3"),
    Binding("4", "move_to(4)", "To Q4", id="board.move_4"),
    *grade_keys("board"),
    Binding("u,ctrl+z", "undo", "Undo", id="board.undo"),
    Binding("r", "again", "Again", id="board.again"),
    Binding("enter", "toggle_details", "Details", id="board.details"),
    Binding("n", "new_lead", "New lead", id="board.new_lead"),
    Binding("e", "edit_lead", "Edit lead", id="board.edit_lead", show=False),
    Binding("m", "add_machine", "Add a machine", id="board.add_machine", show=False),
    Binding("I", "add_intel", "Add intel", id="board.add_intel", show=False),
    Binding("f", "fleet", "Fleet", id="board.fleet", show=False),
    Binding("P", "link_project", "Project", id="board.link_project", show=False),
    Binding("A", "assign", "Assign", id="board.assign", show=False),
    Binding("t", "triage", "Triage", id="board.triage"),
    Binding("i", "import_leads", "Import", id="board.import", show=False),
    Binding("question_mark", "help", "Help", id="board.help"),
    Binding("s", "schedule", "Schedule", id="board.schedule"),
    Binding("c", "log_contact", "Log contact", id="board.log_contact"),
    Binding("p", "plan", "Plan", id="board.plan"),
    Binding("x", "export", "Export", id="board.export", show=False),
    Binding("a", "insights", "Insights", id="board.insights", show=False),
    Binding("M", "market", "Market", id="board.market", show=False),
    Binding("slash", "search", "Search", id="board.search"),
    Binding("escape", "clear_search", "Clear search", id="board.clear_search", show=False),
]


def label_places(board: QuadrantBoard) -> None:
    """The lists' keys and empty texts in the user's language."""
    for lead_list in board.query(LeadList):
        lead_list.empty_text = empty_text(lead_list.place, narrowed=False)


def empty_text(place: int, narrowed: bool) -> str:
    """What an empty place says: on a board narrowed by a search or a view,
    that nothing there matches, not that it holds no leads."""
    if narrowed:
        return t("board.no_match")
    return t("tray.empty") if place == TRAY else t("board.empty_place")


def place_title(place: int, count: int) -> tuple[str, str]:
    """A place's heading, split after its name: a narrow pane cuts the name
    and keeps the rest, so that the count stays in sight."""
    title_key = "tray.title" if place == TRAY else f"quadrant.{place}.title"
    name = t(title_key)
    heading = t("place.heading", title=name, count=count)
    end = heading.find(name) + len(name) if name in heading else len(heading)
    return heading[:end], heading[end:]
