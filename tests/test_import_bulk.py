"""A large import: saved as documents planned once, one durable step that
reopens from the journal alone and undoes whole, search keys and all."""

from pathlib import Path

import pytest

from store import codec
from store.importing.importer import ImportOptions, apply_plan, plan_import
from store.leadstore import BULK, LeadStore
from store.model import Credit, CustomerType, Lead, Source
from tests.conftest import NOW

ROWS = BULK + 500


def write_big(path: Path) -> Path:
    rows = "".join(f"客户{n},138{n:08d},临沂{n % 7}土石方,山东省临沂市,{n % 5 + 1}\n"
                   for n in range(ROWS))
    # The last row is the fourth one again, from another company: a merge
    # into a lead that is itself new in this import.
    path.write_text("姓名,电话,公司,地区,意向\n" + rows + "客户3,13800000003,徐州华建,,\n",
                    encoding="utf-8")
    return path


def test_a_large_import_reopens_from_the_journal_and_undoes_whole(store, tmp_path, clock):
    plan = plan_import(store, [write_big(tmp_path / "big.csv")], ImportOptions())
    assert (plan.summary.new, plan.summary.merged) == (ROWS, 1)
    apply_plan(store, plan)
    store.close(fold=False)  # as after a crash: only the journal holds the import
    again = LeadStore.open(store.path, clock=clock)
    assert again.leads_field(13, "search_keys") == ["n:ke hu 12", "c:lin yi 5 tu shi fang",
                                                    "r:lin yi", "r:shan dong"]  # stored
    leads = {lead.name: lead for lead in again.leads.values()}
    assert len(leads) == ROWS and again.undo_label == "import"
    twelve = leads["客户12"]
    assert (twelve.phones, twelve.company, twelve.province, twelve.city, twelve.intent) == (
        ("13800000012",), "临沂5土石方", "山东", "临沂", 3)
    assert twelve.created == twelve.updated == NOW
    assert twelve.id == 13 and twelve.search_keys == tuple(again.leads_field(13, "search_keys"))
    assert leads["客户3"].notes == f"公司: 徐州华建 (big.csv:{ROWS + 2})"
    assert twelve.id in again.unplanned  # active, with nothing planned yet
    again.undo()
    assert len(again.leads) == 0 and not again.unplanned
    again.close()
    with LeadStore.open(store.path, clock=clock) as last:
        assert len(last.leads) == 0 and last.undo_label is None


def test_a_document_planned_from_fields_is_the_one_the_lead_would_give():
    fields = {"name": "张伟", "created": NOW, "updated": NOW, "phones": ("13812345678",),
              "customer_type": CustomerType.CONTRACTOR, "source": Source.OTHER,
              "credit": Credit.GOOD, "intent": 4, "tags": ("老客户",), "extra": {"微信": "zw"},
              "has_project": False}
    doc = codec.LEADS.fields_to_doc(fields)
    expected = codec.lead_to_doc(Lead(id=1, **fields))
    assert list(doc.items()) == list(expected.items())  # the same keys in the same order
    assert codec.lead_from_doc(1, doc) == Lead(id=1, **fields)
    with pytest.raises(TypeError):
        codec.LEADS.fields_to_doc({**fields, "colour": "red"})
    with pytest.raises(TypeError):
        codec.LEADS.fields_to_doc({"name": "张伟", "created": NOW})
