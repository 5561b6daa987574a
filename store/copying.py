"""Moving a lead base between a data file and a team's server, whole.

Every record comes along with its history. A lead the target already holds
(the same phone, or name and company: the importer's duplicate rules, in
``store/importing/merge.py``) is merged into it as an import would merge it,
never overwritten; every other record keeps its number when the target has
it free, else takes the next one, and what points at a lead or a contact
follows it. One change: it lands whole or not at all, and one undo takes it
back.

Copied into a team's base, the leads are the copying rep's own (the server
shows them to that rep and the manager only). The manager's copy keeps a
lead's owner where it names one (a copy of the team's base brought back),
and the server's keeper's copy keeps every owner as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.importing.merge import MERGED, MergePlan
from store.importing.records import Incoming
from store.leadstore import CODECS, Change, LeadStore
from store.model import EDITABLE_FIELDS

# The lead fields a duplicate brings to the lead it is merged into.
_ROW_FIELDS = tuple(f for f in EDITABLE_FIELDS if f not in ("reviewed", "extra", "wake"))
# Where records point at a lead (or a contact), by table.
_LEAD_REFS = {"contacts": "lead_id", "machines": "owner", "intel": "lead_id",
              "lost_deals": "lead_id"}


@dataclass
class Copied:
    new: int = 0  # leads added
    merged: int = 0  # leads found in the target and merged into
    records: int = 0  # other records added


def is_empty(store: LeadStore) -> bool:
    return not any(True for table in CODECS for _ in store.table_docs(table))


def copy_base(source: LeadStore, target: LeadStore, label: str) -> Copied:
    """Plan and save the copy of ``source`` into ``target`` as one change
    (``label`` names the source in merged leads' notes)."""
    copied = Copied()
    plan = MergePlan(target)
    ids: dict[str, dict[int, int]] = {table: {} for table in CODECS}
    # Numbers the target holds, and those the copy has given out.
    taken: dict[str, set[int]] = {table: {i for i, _doc in target.table_docs(table)}
                                  for table in CODECS}
    changes: list[Change] = []
    for lead_id, doc in source.table_docs("leads"):
        lead = source.lead(lead_id)
        row = Incoming(label, lead_id, fields={f: getattr(lead, f) for f in _ROW_FIELDS})
        found = plan.match(row)
        if found is not None:
            copied.merged += plan.add(row, found) == MERGED
            ids["leads"][lead_id] = found
            continue
        ids["leads"][lead_id] = _number(target, "leads", lead_id, taken)
        changes.append(("leads", ids["leads"][lead_id], None, _owned(target, doc)))
        copied.new += 1
    for table in CODECS:
        if table == "leads" or (table == "settings" and not _settings_free(target)):
            continue
        for obj_id, doc in source.table_docs(table):
            ids[table][obj_id] = _number(target, table, obj_id, taken)
        for obj_id, doc in source.table_docs(table):
            changes.append((table, ids[table][obj_id], None, _pointed(table, doc, ids)))
            copied.records += 1
    target.commit("copy", [*plan.changes(), *changes])
    return copied


def _owned(target: LeadStore, doc: dict[str, Any]) -> dict[str, Any]:
    """A copied lead's document, with its owner in the target."""
    if not target.rep or (target.manager and doc.get("owner")):
        return dict(doc)
    return {**doc, "owner": target.rep}


def _settings_free(target: LeadStore) -> bool:
    return not any(True for _ in target.table_docs("settings"))


def _number(target: LeadStore, table: str, wanted: int, taken: dict[str, set[int]]) -> int:
    """The record's own number when the target has it free, else the next."""
    used = taken[table]
    number = wanted
    if number in used:
        number = max([target.next_id(table) - 1, *used]) + 1
    used.add(number)
    return number


def _pointed(table: str, doc: dict[str, Any], ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    """A record's document with what it points at renumbered as copied."""
    doc = dict(doc)
    leads = ids["leads"]
    ref = _LEAD_REFS.get(table)
    if ref and doc.get(ref) is not None:
        doc[ref] = leads.get(doc[ref], doc[ref])
    if table == "projects" and doc.get("lead_ids"):
        doc["lead_ids"] = [leads.get(i, i) for i in doc["lead_ids"]]
    if table == "contacts" and doc.get("follow_up_id") is not None:
        doc["follow_up_id"] = ids["contacts"].get(doc["follow_up_id"], doc["follow_up_id"])
    return doc
