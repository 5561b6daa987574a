"""Exports as address books, phones and CRMs write them, each class of problem
seen in real files on a sample written here from the layout's documentation."""

from pathlib import Path

from store.importing.importer import ImportOptions, apply_plan, plan_import
from store.leadstore import LeadStore


def imported(store, *paths, **options):
    """Import for real and read back what the data file holds, by name."""
    result = plan_import(store, [Path(p) for p in paths], ImportOptions(**options))
    apply_plan(store, result)
    store.close()
    with LeadStore.open(store.path, read_only=True) as saved:
        return {lead.name: lead for lead in saved.leads.values()}, result.summary


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def workbook(path: Path, *rows) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


# Phone numbers of every mainland kind, and numbers abroad.

def test_hotlines_stay_dialable_as_number_cells_and_with_dashes(store, tmp_path):
    """A 400 number is no landline that lost its 0."""
    book = workbook(tmp_path / "客户.xlsx", ("客户名称", "电话"), ("徐工售后", 4008308300),
                    ("三一客服", 8008208820))
    text = write(tmp_path / "客户.csv", "姓名,电话\n柳工,400-659-5595\n")
    saved, summary = imported(store, book, text)
    assert saved["徐工售后"].phones == ("400-830-8300",)
    assert saved["三一客服"].phones == ("800-820-8820",)
    assert saved["柳工"].phones == ("400-659-5595",) and saved["柳工"].extra == {}
    assert summary.flags == []


def test_a_company_card_whose_only_number_is_a_service_number(store, tmp_path):
    path = write(tmp_path / "公司.vcf",
                 "BEGIN:VCARD\nVERSION:3.0\nORG:中通快递\nTEL;TYPE=WORK:95311\nEND:VCARD\n"
                 "BEGIN:VCARD\nVERSION:3.0\nORG:中国铁路客服\nTEL:12306\nEND:VCARD\n")
    saved, summary = imported(store, path)
    assert saved["中通快递"].phones == ("95311",)
    assert saved["中国铁路客服"].phones == ("12306",)
    assert summary.rejected == 0


def test_shorthand_numbers_and_numbers_abroad(store, tmp_path):
    path = write(tmp_path / "名片.csv",
                 "姓名,电话,手机\n"
                 "徐清,021-58355611/2/3,\n"
                 "Tom Baker,+1 (415) 555-0100,+44 (0)20 7946 0958\n"
                 "陈港,+852 2345 6789,+86 21 5835 5699\n")
    saved, summary = imported(store, path)
    assert saved["徐清"].phones == ("021-58355611", "021-58355612", "021-58355613")
    assert saved["Tom Baker"].phones == ("+14155550100", "+442079460958")
    assert saved["陈港"].phones == ("+85223456789", "021-58355699")
    assert summary.flags == []
