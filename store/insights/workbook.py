"""The insights as an Excel workbook: one sheet per section, each table with
a native chart drawn from its cells, so that a manager can restyle it in
Excel or WPS. Headings in the interface language (``Words``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import timedelta

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from store.export import Words
from store.insights.figures import PLACES, Insights, Share
from store.insights.text import place_name, share_name

HEAD_ROW = 4  # the table's headings; its rows follow
CHART_AT = "J4"
PERCENT = "0%"
BOLD = Font(bold=True)
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def to_xlsx(insights: Insights, words: Words = Words()) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for write in (_sources, _quadrants, _migration, _funnel, _activity, _goals, _lost):
        write(book, insights, words)
    # No clock in the file: the same data gives the same properties.
    if insights.as_of is not None:
        moment = insights.as_of.replace(tzinfo=None, microsecond=0)
        book.properties.created = book.properties.modified = moment
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ helpers
def _sheet(book: Workbook, insights: Insights, words: Words, key: str) -> Worksheet:
    sheet = book.create_sheet(words.heading(f"sheet.{key}").translate(_SHEET_FORBIDDEN)[:31])
    scope = insights.scope
    last = (scope.span.end - timedelta(days=1)).date()
    sheet["A1"] = words.heading(key)
    sheet["A1"].font = Font(bold=True, size=14)
    # Printed, a section is one landscape page wide: its table beside its chart.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet["A2"] = (f"{scope.span.start.date()} – {last} ({words.label('reach', scope.period)})"
                   f" · {scope.query or words.heading('all_leads')}")
    return sheet


def _table(sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[object]],
           percent: Sequence[int] = (), top: int = HEAD_ROW) -> int:
    """Write a table with its headings on row ``top``; columns ``percent``
    (0-based) as percentages. Returns the last row written."""
    for col, text in enumerate(headers, start=1):
        sheet.cell(top, col, text).font = BOLD
    for r, row in enumerate(rows, start=top + 1):
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(r, col, value)
            if col - 1 in percent:
                cell.number_format = PERCENT
    for col, text in enumerate(headers, start=1):
        width = max([len(str(text))] + [len(str(row[col - 1])) for row in rows]) * 2 + 2
        sheet.column_dimensions[sheet.cell(top, col).column_letter].width = min(width, 40)
    return top + len(rows)


def _empty(sheet: Worksheet, words: Words, key: str) -> None:
    sheet[f"A{HEAD_ROW}"] = words.heading(key)


def _names(chart, sheet: Worksheet, first: int, last: int) -> None:
    """Column A's names as every series' categories, as text (openpyxl would
    refer to them as numbers)."""
    ref = Reference(sheet, min_col=1, min_row=first, max_row=last)
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(ref)))


def _bar(title: str, sheet: Worksheet, cols: Sequence[int], last: int, top: int = HEAD_ROW,
         horizontal: bool = False, percent: bool = False) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    for col in cols:
        chart.add_data(Reference(sheet, min_col=col, min_row=top, max_row=last),
                       titles_from_data=True)
    _names(chart, sheet, top + 1, last)
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # the first row on top, as in the table
    if percent:
        chart.y_axis.number_format = PERCENT
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.width, chart.height = 18, 9
    return chart


# ------------------------------------------------------------------ sections
def _sources(book: Workbook, insights: Insights, words: Words) -> None:
    sheet, h = _sheet(book, insights, words, "sources"), words.heading
    if not insights.sources:
        return _empty(sheet, words, "empty.sources")
    rows = [[words.label("source", s.source), len(s.found), s.strong_share, len(s.won),
             len(s.lost), s.win_rate, s.median_days_to_win] for s in insights.sources]
    last = _table(sheet, [h("source"), h("found"), h("strong_share"), h("won"), h("lost"),
                          h("win_rate"), h("days_to_win")], rows, percent=(2, 5))
    sheet.add_chart(_bar(h("sources"), sheet, (2, 4), last, horizontal=True), CHART_AT)


def _quadrants(book: Workbook, insights: Insights, words: Words) -> None:
    sheet, h = _sheet(book, insights, words, "quadrants"), words.heading
    rows = [[place_name(q.quadrant, words), len(q.won), len(q.lost), q.win_rate]
            for q in insights.quadrants]
    last = _table(sheet, [h("quadrant"), h("won"), h("lost"), h("win_rate")], rows,
                  percent=(3,))
    sheet.add_chart(_bar(h("quadrants"), sheet, (4,), last, percent=True), CHART_AT)


def _migration(book: Workbook, insights: Insights, words: Words) -> None:
    sheet, h = _sheet(book, insights, words, "migration"), words.heading
    moves = insights.migration
    rows = [[place_name(a, words), *(moves.count(a, b) for b in PLACES)] for a in PLACES]
    last = _table(sheet, [h("from_to"), *(place_name(b, words) for b in PLACES)], rows)
    chart = _bar(h("migration"), sheet, range(2, 2 + len(PLACES)), last)
    chart.grouping, chart.overlap = "percentStacked", 100  # where each row's leads went
    sheet.add_chart(chart, CHART_AT)


def _funnel(book: Workbook, insights: Insights, words: Words) -> None:
    sheet, h = _sheet(book, insights, words, "funnel"), words.heading
    rows = [[words.label("stage", s.stage), len(s.at_end), len(s.reached), s.conversion,
             s.median_days] for s in insights.funnel]
    last = _table(sheet, [h("stage"), h("at_end"), h("reached"), h("conversion"),
                          h("median_days")], rows, percent=(3,))
    sheet.add_chart(_bar(h("funnel"), sheet, (3,), last, horizontal=True), CHART_AT)


def _activity(book: Workbook, insights: Insights, words: Words) -> None:
    sheet, h = _sheet(book, insights, words, "activity"), words.heading
    activity = insights.activity
    rows = [[w.start, w.done, w.missed, w.cancelled, w.planned, w.overdue]
            for w in activity.weeks]
    last = _table(sheet, [h("week"), h("done"), h("missed"), h("cancelled"), h("planned"),
                          h("overdue")], rows)
    for r in range(HEAD_ROW + 1, last + 1):
        sheet.cell(r, 1).number_format = "yyyy-mm-dd"
    line = LineChart()
    line.title = h("activity")
    line.add_data(Reference(sheet, min_col=2, max_col=6, min_row=HEAD_ROW, max_row=last),
                  titles_from_data=True)
    line.set_categories(Reference(sheet, min_col=1, min_row=HEAD_ROW + 1, max_row=last))
    line.width, line.height = 18, 9
    sheet.add_chart(line, CHART_AT)
    top = last + 2
    headers = [h("method"), h("done"), h("missed"), h("cancelled"), h("planned")]
    rows = [[words.label("method", c.code), c.done, c.missed, c.cancelled, c.planned]
            for c in activity.by_method]
    end = _table(sheet, headers, rows, top=top)
    if rows:
        chart = _bar(h("method"), sheet, range(2, 6), end, top=top)
        chart.grouping, chart.overlap = "stacked", 100
        sheet.add_chart(chart, f"J{top}")
    having = len(activity.active) - len(activity.without_next)
    sheet.cell(end + 2, 1, h("next_step")).font = BOLD
    sheet.cell(end + 2, 2, having)
    sheet.cell(end + 2, 3, len(activity.active))
    share = sheet.cell(end + 2, 4, activity.next_step_share)
    share.number_format = PERCENT


def _goals(book: Workbook, insights: Insights, words: Words) -> None:
    sheet, h = _sheet(book, insights, words, "goals"), words.heading
    goals = insights.goals
    if not goals.by_method:
        return _empty(sheet, words, "empty.goals")
    top = HEAD_ROW
    tables = [("method", goals.by_method, h("method")), ("purpose", goals.by_purpose,
                                                         h("purpose"))]
    tables += [("method", rows, f"{place_name(q, words)} · {h('method')}")
               for q, rows in goals.by_quadrant.items()]
    for kind, rows, title in tables:
        cells = [[words.label(kind, g.code), len(g.reached), len(g.judged), g.rate]
                 for g in rows]
        last = _table(sheet, [title, h("goal_reached"), h("judged"), h("goal_rate")], cells,
                      percent=(3,), top=top)
        sheet.add_chart(_bar(title, sheet, (4,), last, top=top, percent=True), f"J{top}")
        top = max(last + 2, top + 19)  # the next chart below this one


def _lost(book: Workbook, insights: Insights, words: Words) -> None:
    sheet, h = _sheet(book, insights, words, "lost_deals"), words.heading
    lost = insights.lost
    if not lost.lost:
        return _empty(sheet, words, "empty.lost")
    last = _pareto(sheet, words, "reason", lost.reasons, HEAD_ROW)
    if lost.competitors:
        _pareto(sheet, words, "competitor", lost.competitors, max(last + 2, HEAD_ROW + 19))


def _pareto(sheet: Worksheet, words: Words, kind: str, rows: Sequence[Share],
            top: int) -> int:
    """A Pareto chart: bars of leads, largest first, and a line of the running
    share on a second axis (0-100 %)."""
    h = words.heading
    cells = [[share_name(kind, r, words), len(r.leads), r.share, r.running] for r in rows]
    last = _table(sheet, [h(kind), h("leads"), h("share"), h("running")], cells,
                  percent=(2, 3), top=top)
    bars = _bar(h(kind), sheet, (2,), last, top=top)
    line = LineChart()
    line.add_data(Reference(sheet, min_col=4, min_row=top, max_row=last), titles_from_data=True)
    _names(line, sheet, top + 1, last)
    line.y_axis.axId = 200
    line.y_axis.number_format = PERCENT
    line.y_axis.scaling.min, line.y_axis.scaling.max = 0, 1
    line.y_axis.crosses = "max"
    bars += line
    sheet.add_chart(bars, f"J{top}")
    return last
