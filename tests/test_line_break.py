"""Chinese line breaking: no line starts with closing punctuation nor ends
with opening punctuation, and nothing but the spaces at a cut is lost."""

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from widgets.line_break import CLOSING, OPENING, break_lines, line_spans

HAN = "客户信誉工程资金意向临沂挖掘机"
CLOSERS = "，。、；：？！）」』】》"
OPENERS = "（「『【《"
LATIN = ["Q1", "SY215C", "13812345678", "a", "credit"]

PIECES = st.one_of(st.sampled_from(HAN), st.sampled_from(CLOSERS), st.sampled_from(OPENERS),
                   st.sampled_from(LATIN), st.just(" "))
TEXTS = st.lists(PIECES, max_size=80).map("".join)
WIDTHS = st.sampled_from([2, 3, 5, 8, 13, 24, 43])


def marks_only(line: str) -> bool:
    """A line with no more than one character beside its marks: nothing
    could be moved to keep the rules (the width is too small for a mark and
    its character)."""
    return sum(char not in CLOSING and char not in OPENING and char != " " for char in line) <= 1


@given(TEXTS, WIDTHS)
def test_lines_keep_the_rules_and_the_width(text, width):
    lines = break_lines(text, width)
    for line in lines:
        assert cell_len(line.rstrip(" ")) <= width or len(line.strip(" ")) == 1, (line, width)
    for before, line in zip(lines, lines[1:], strict=False):
        # Only a run of marks too long for any line may break the rules.
        assert line[:1] not in CLOSING or marks_only(before), (before, line)
        assert before[-1:] not in OPENING or marks_only(before), (before, line)


@given(TEXTS, WIDTHS)
def test_nothing_is_lost_but_the_spaces_at_a_cut(text, width):
    spans = line_spans(text, width)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start and text[end:start].strip(" ") == ""
        assert start < len(text)  # every line has something on it


@given(st.lists(st.sampled_from(HAN + CLOSERS + OPENERS), max_size=60).map("".join), WIDTHS)
def test_chinese_fills_each_line_but_for_what_a_mark_takes_along(text, width):
    lines = break_lines(text, width)
    for line, after in zip(lines, lines[1:], strict=False):
        if cell_len(after[0]) <= width - cell_len(line):  # it would have fitted
            # It went down with the closing mark after it, or it opens what
            # went down.
            assert after[1:2] in CLOSING or after[0] in OPENING or marks_only(line), (line, after)


def test_a_closing_mark_takes_the_character_before_it_to_the_next_line():
    text = "有工程但信誉未证实：先核实信誉，再谈金融方案。"
    # 11 characters a line: the full stop would start the third, so 案 goes with it.
    assert break_lines(text, 22) == ["有工程但信誉未证实：先", "核实信誉，再谈金融方", "案。"]
    # 10 a line: the colon and the comma end their lines as they fall.
    assert break_lines(text, 20) == ["有工程但信誉未证实：", "先核实信誉，再谈金融", "方案。"]
    # An opening bracket never ends a line: it goes down with what it opens.
    assert break_lines("先核实信（一）", 10) == ["先核实信", "（一）"]


def test_latin_words_are_cut_at_spaces():
    assert break_lines("Poor credit: ask for security", 12) == ["Poor credit:", "ask for", "security"]
    assert break_lines("  indented line", 40) == ["  indented line"]


def test_a_name_after_a_label_goes_down_whole_when_it_fits_a_line():
    assert break_lines("单位  临沂宏达土石方", 16) == ["单位", "临沂宏达土石方"]
    # Too long for any line: cut where it must, by the rules.
    assert break_lines("单位  临沂宏达土石方工程有限公司。", 16) == [
        "单位  临沂宏达土", "石方工程有限公", "司。"]


@given(st.lists(TEXTS, min_size=1, max_size=5), WIDTHS)
def test_broken_text_is_as_high_as_textual_counts_its_lines(paragraphs, width):
    # The height is its lines counted, not Textual's wrapping done again.
    from rich.text import Text
    from textual.content import Content
    from textual.css.styles import Styles

    from widgets.broken_text import BrokenText, broken_lines

    text = Text("\n".join(paragraphs) + "\n", style="bold")
    lines = Text("\n").join(broken_lines(text, width))
    rules = Styles()
    expected = Content.from_rich_text(lines).get_height(rules, width)
    assert BrokenText(text).get_height(rules, width) == expected

