"""Phones in the CSV export: text that Excel and WPS do not turn into
1.38E+10, and still the number when Leadboard imports the file again."""

import csv
import io

from store.export import Format, gather, render, write_export
from store.leadstore import LeadStore
from store.plan import Period, period_span
from tests.conftest import NOW
from tests.test_plans_store import plan_one
from tui.cli import EXIT_OK, main
from tui.export_words import export_words
from tui.i18n import set_language


def test_phones_are_written_as_text_and_read_back_as_the_number(store, tmp_path, capsys):
    set_language("zh")
    zhang = store.add_lead("张伟", phones=("13812345678",), company="临沂宏达", city="临沂").id
    li = store.add_lead("李娜", phones=("13912345678", "0539-8123456"), city="徐州").id
    plan_one(store, zhang, days=1)
    plan_one(store, li, days=2)
    data = render(store, gather(store, period_span(Period.WEEK, NOW), "week"), Format.CSV,
                  export_words())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    at = rows[0].index("电话")
    # A leading tab: Excel and WPS keep the cell as text, and no formula is written.
    assert [row[at] for row in rows[1:]] == ["\t13812345678", "\t13912345678, 0539-8123456"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

    exported = tmp_path / "计划.csv"
    write_export(exported, data)
    other = tmp_path / "other.json"
    assert main(["import", str(exported), "--db", str(other), "--lang", "zh"]) == EXIT_OK
    with LeadStore.open(other, read_only=True) as again:
        leads = sorted((lead.name, lead.phones) for lead in again.leads.values())
    assert leads == [("张伟", ("13812345678",)), ("李娜", ("13912345678", "0539-8123456"))]
    # Into the file it came from: the same customers, found by their numbers.
    store.close()
    capsys.readouterr()
    assert main(["import", str(exported), "--db", str(store.path), "--lang", "zh"]) == EXIT_OK
    assert "新增 0 · 合并 2" in capsys.readouterr().out
    with LeadStore.open(store.path, read_only=True) as again:
        assert sorted(lead.phones for lead in again.leads.values()) == [
            ("13812345678",), ("13912345678", "0539-8123456")]
