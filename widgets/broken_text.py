"""Rich text drawn in lines cut by the rules of Chinese typesetting (see
widgets/line_break.py) at whatever width the widget has, where Textual's own
wrapping would start a line with a comma or a full stop."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from widgets.line_break import line_spans


def broken_lines(text: Text, width: int) -> list[Text]:
    """``text`` cut into lines of at most ``width`` cells, its styles kept."""
    return [paragraph[start:end] for paragraph in text.split("\n", allow_blank=True)
            for start, end in line_spans(paragraph.plain, width)]


class BrokenText(Visual):
    """Give it to a ``Static`` in place of the text: it is cut into lines
    here, so that Textual finds every line fits and cuts none again."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self._at_width: dict[int, tuple[int, Content]] = {}  # width: lines, content

    def __str__(self) -> str:
        return self.text.plain

    def _cut(self, width: int) -> tuple[int, Content]:
        cut = self._at_width.get(width)
        if cut is None:
            lines = broken_lines(self.text, width)
            joined = Text("\n", style=self.text.style).join(lines)
            cut = self._at_width[width] = len(lines), Content.from_rich_text(joined)
        return cut

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        # Every line fits: drawn as it is, not looked over for places to wrap.
        as_cut = replace(options, rules={**options.rules, "text_wrap": "nowrap"})
        return self._cut(width)[1].render_strips(width, height, style, as_cut)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return Content.from_rich_text(self.text).get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        # A line each: every one fits (Textual's count would cut them all again).
        return self._cut(width)[0]
