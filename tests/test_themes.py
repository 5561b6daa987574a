"""Charts and coloured words read on every theme the app offers, light and
dark: what carries data stands out from its background at 3:1 at least (the
contrast asked of graphics), and no chart speaks by colour alone."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES
from textual.widgets import Sparkline

from tests.conftest import seed
from tests.insights_fixture import build
from tui.app import LeadboardApp
from widgets.bar_chart import FULL, MARK, BarChart
from widgets.lead_list import LeadList

SIZE = (120, 60)
NON_TEXT = 3.0  # graphics and large text
# The ANSI themes leave colours to the terminal's own palette.
THEMES = [name for name in BUILTIN_THEMES if "ansi" not in name]


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def painted(widget, component: str | None = None) -> tuple[Color, Color]:
    """The colour a part is drawn in and the background under it."""
    style = widget.get_component_rich_style(component) if component else widget.rich_style
    under = widget.background_colors[1]
    back = Color.from_rich_color(style.bgcolor) if style.bgcolor else under
    return Color.from_rich_color(style.color).blend(back, 0) if style.color else back, back


async def test_charts_and_headings_stand_out_on_every_theme(store, clock):
    build(store, clock)
    app = LeadboardApp(store, "zh")
    faint: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "q")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        chart = screen.query(BarChart).first()
        spark = screen.query(Sparkline).first()
        title = screen.query(".section-title").first()
        assert title is not None
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            parts = {
                "bar": painted(chart, "bar-chart--bar"),
                "pareto mark": painted(chart, "bar-chart--mark"),
                "sparkline high": painted(spark, "sparkline--max-color"),
                "sparkline low": painted(spark, "sparkline--min-color"),
                "section title": painted(title),
            }
            faint += [f"{theme}: {part} {contrast(*colors):.2f}"
                      for part, colors in parts.items() if contrast(*colors) < NON_TEXT]
    assert not faint, "\n".join(faint)


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_a_chart_says_its_values_in_shapes_and_words_without_colour(store, clock, theme):
    build(store, clock)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        await pilot.press("a", "q")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = [line.text for chart in app.screen.query(BarChart)
                 for line in chart.render_lines(chart.region.reset_offset)]
        shown = "\n".join(lines)
        assert FULL in shown and MARK in shown  # bars and the Pareto line as shapes
        assert any(ch.isdigit() for ch in shown)  # each bar's number in words


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_boards_coloured_words_read_on_the_default_themes(store, theme):
    """Coloured words are bold and short (a quadrant's title, a due date),
    so they are held to the large-text level; the other themes' word colours
    are their authors' choice, their charts are checked above."""
    seed(store)
    app = LeadboardApp(store, "zh")
    faint: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = list(app.screen.query(".place-title"))
        rows = app.screen.query(LeadList).first()
        assert titles
        app.theme = theme
        await pilot.pause()
        parts = {f"title {i}": painted(title) for i, title in enumerate(titles)}
        parts |= {part: painted(rows, f"lead-list--{part}")
                  for part in ("overdue", "today", "good", "poor", "project")}
        faint += [f"{part} {contrast(*colors):.2f}"
                  for part, colors in parts.items() if contrast(*colors) < NON_TEXT]
    assert not faint, "\n".join(faint)
