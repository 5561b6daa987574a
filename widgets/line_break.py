"""Where a paragraph may be cut into lines, by the rules of Chinese typesetting.

Chinese has no spaces: a line may end after any character, but never so that
the next line starts with closing punctuation (，。、；：？！）」 …) or the line
ends with opening punctuation (（「《 …); the mark takes a character with it.
Latin words are cut at spaces, as usual, and so is Chinese text that has
them where what follows the space fits a line whole (a label, then a name).
"""

from __future__ import annotations

from rich.cells import cell_len

# Marks that belong to what comes before them, and marks that belong to what follows.
CLOSING = frozenset("，。、；：？！）」』】》〉〕］｝〗〙”’…‥—～·％,.;:?!)]}%")
OPENING = frozenset("（「『【《〈〔［｛〖〘“‘([{")


def may_break(before: str, after: str) -> bool:
    """Whether a line may end between two characters (neither a space)."""
    if after in CLOSING or before in OPENING:
        return False
    return cell_len(before) > 1 or cell_len(after) > 1  # beside a wide character


def _hard_cut(text: str, start: int, end: int) -> int:
    """Where to cut a line that has no place to cut by the rules before
    ``end``: one or more characters earlier, if that keeps the rules."""
    for cut in range(end, start, -1):
        if text[cut] not in CLOSING and text[cut - 1] not in OPENING:
            return cut
    return end


def _fits_whole(text: str, start: int, width: int) -> bool:
    """Whether the text from ``start`` to the next space fits a line."""
    end = text.find(" ", start)
    return cell_len(text[start:end if end >= 0 else len(text)]) <= width


def line_spans(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text``, one paragraph, in lines of at
    most ``width`` cells (a single character wider than that has a line of
    its own). The spaces where a line is cut belong to neither line."""
    if cell_len(text) <= width:
        return [(0, len(text))]  # most lines of a pane: nothing to cut
    spans: list[tuple[int, int]] = []
    start, used, i, n = 0, 0, 0, len(text)
    cut: tuple[int, int] | None = None  # (end of this line, start of the next)
    at_space: tuple[int, int] | None = None  # the last such place at spaces
    while i < n:
        char = text[i]
        if char == " ":
            after = i
            while after < n and text[after] == " ":
                after += 1
            if i > start and text[i - 1] not in OPENING and (
                    after == n or text[after] not in CLOSING):
                cut = at_space = (i, after)
            used += after - i
            i = after
            continue
        size = cell_len(char)
        if i > start and text[i - 1] != " " and may_break(text[i - 1], char):
            cut = (i, i)
        if used + size > width and i > start:
            if at_space is not None and _fits_whole(text, at_space[1], width):
                cut = at_space  # a name after a label goes down whole, as a word would
            elif cut is None:
                end = _hard_cut(text, start, i)
                cut = (end, end)
            spans.append((start, cut[0]))
            start, used, i, cut, at_space = cut[1], 0, cut[1], None, None
            continue
        used += size
        i += 1
    if start < n or not spans:
        spans.append((start, n))
    return spans


def break_lines(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` cells, each paragraph
    (line break) by :func:`line_spans`."""
    return [paragraph[start:end] for paragraph in text.split("\n")
            for start, end in line_spans(paragraph, width)]
