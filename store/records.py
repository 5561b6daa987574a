"""Whether a snapshot's tables hold what the store can read: one rule for
the store's open and for ``leadboard check``.

A fault is a code and plain values (``check`` says them in the user's
language); the store refuses a file with any.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from store import codec
from store.errors import BadDocument, Invalid, StoreError
from store.fleet import check_machine
from store.market_checks import CHECKS
from store.settings import settings_from_doc

Fault = tuple[str, dict[str, object]]  # code, params
_BROKEN = (StoreError, ValueError, TypeError, KeyError, AttributeError)
_TABLES = ("leads", "contacts", "settings", "sessions", "views", "machines",
           *codec.CODECS_BY_TABLE)

# How each of the other tables' records is read, to see that it can be.
_READERS: dict[str, Callable[[int, Any], Any]] = {
    "settings": settings_from_doc,
    "sessions": codec.SESSIONS.from_doc,
    "views": codec.view_from_doc,
}


def check_meta(meta: object) -> dict[str, Any]:
    """The meta record, if its values have the types the store reads."""
    if not isinstance(meta, dict):
        raise BadDocument("meta", 1, "not a record")
    seq = meta.get("seq", 0)
    if type(seq) is not int or seq < 0:
        raise BadDocument("meta", 1, f"seq {seq!r}")
    undo = meta.get("undo", [])
    if not isinstance(undo, list) or not all(_undo_step(step) for step in undo):
        raise BadDocument("meta", 1, "undo steps")
    return meta


def _undo_step(step: object) -> bool:
    return (isinstance(step, dict) and isinstance(step.get("label"), str)
            and isinstance(step.get("changes"), list)
            and all(_change(change) for change in step["changes"]))


def _change(change: object) -> bool:
    return (isinstance(change, list) and len(change) == 3 and change[0] in _TABLES
            and type(change[1]) is int and (change[2] is None or isinstance(change[2], dict)))


def check_documents(data: dict[str, Any]) -> None:
    """Raise :class:`BadDocument` for the first fault of any record."""
    for code, params in faults(data):
        raise BadDocument(str(params.get("table", code)), params.get("id", 0),
                          str(params.get("detail") or params.get("fault") or code))


def faults(data: dict[str, Any]) -> Iterator[Fault]:
    """Every record's fault, each record looked at on its own."""
    try:
        check_meta(data.get("meta", {}).get("1", {}))
    except BadDocument as exc:
        yield "bad_meta", {"detail": str(exc)}
    leads = data.get("leads", {})
    for key, doc in leads.items():
        fault = lead_fault(_id(key), doc)
        if fault:
            yield "bad_record", {"table": "leads", "id": key, **fault}
    lead_ids = {_id(key) for key in leads}
    yield from _contact_faults(data.get("contacts", {}), lead_ids)
    for key, doc in data.get("machines", {}).items():
        fault = machine_fault(_id(key), doc, lead_ids)
        if fault:
            yield "bad_record", {"table": "machines", "id": key, **fault}
    for table in codec.CODECS_BY_TABLE:
        for key, doc in data.get(table, {}).items():
            fault = market_fault(table, _id(key), doc, lead_ids)
            if fault:
                yield "bad_record", {"table": table, "id": key, **fault}
    for table, read in _READERS.items():
        for key, doc in data.get(table, {}).items():
            try:
                read(_id(key), doc)
            except _BROKEN as exc:
                yield "bad_record", {"table": table, "id": key, "fault": "other",
                                     "detail": why(exc)}


def _contact_faults(contacts: dict[str, Any], lead_ids: set[object]) -> Iterator[Fault]:
    ids = {_id(key) for key in contacts}
    for key, doc in contacts.items():
        try:
            contact = codec.contact_from_doc(_id(key), doc)
        except _BROKEN as exc:
            yield "bad_record", {"table": "contacts", "id": key, "fault": "other",
                                 "detail": why(exc)}
            continue
        if contact.lead_id not in lead_ids:
            yield "bad_record", {"table": "contacts", "id": key, "fault": "no_lead",
                                 "lead": contact.lead_id}
        elif contact.follow_up_id is not None and contact.follow_up_id not in ids:
            yield "missing_follow_up", {"id": _id(key), "follow_up": contact.follow_up_id}


def machine_fault(machine_id: object, doc: object, lead_ids: set[object],
                  today: date | None = None) -> dict[str, object] | None:
    """What is wrong with a stored machine: unreadable, a value no form
    would take (the forms' own check), or an owner that is not there."""
    try:
        machine = codec.machine_from_doc(machine_id, doc)  # type: ignore[arg-type]
        check_machine(machine, today or date.today())
    except Invalid as exc:
        return {"fault": "other", "detail": f"{exc.field} {exc.params['value']!r}"}
    except _BROKEN as exc:
        return {"fault": "other", "detail": why(exc)}
    if machine.owner is not None and machine.owner not in lead_ids:
        return {"fault": "no_owner", "lead": machine.owner}
    return None


def market_fault(table: str, record_id: object, doc: object, lead_ids: set[object],
                 today: date | None = None) -> dict[str, object] | None:
    """What is wrong with a stored market record (see :func:`machine_fault`)."""
    try:
        record = codec.CODECS_BY_TABLE[table].from_doc(record_id, doc)  # type: ignore[arg-type]
        CHECKS[table](record, today or date.today(), lead_ids)
    except Invalid as exc:
        if exc.rule == "no_lead":
            return {"fault": "no_lead", "lead": exc.params["value"]}
        return {"fault": "other", "detail": f"{exc.field} {exc.params['value']!r}"}
    except _BROKEN as exc:
        return {"fault": "other", "detail": why(exc)}
    return None


def lead_fault(lead_id: object, doc: object) -> dict[str, object] | None:
    if not isinstance(doc, dict) or not isinstance(doc.get("name"), str):
        return {"fault": "no_name"}
    for name in ("intent", "funding"):
        grade = doc.get(name)
        if grade is not None and (type(grade) is not int or not 1 <= grade <= 5):
            return {"fault": f"grade_{name}", "value": _shown(grade)}
    for name, default, known in (("status", "active", codec._STATUSES),
                                 ("credit", "unknown", codec._CREDITS)):
        if doc.get(name, default) not in known:
            return {"fault": name, "value": _shown(doc.get(name))}
    try:
        codec.lead_from_doc(lead_id, doc)  # type: ignore[arg-type]
    except _BROKEN as exc:
        return {"fault": "other", "detail": why(exc)}
    return None


def _id(key: object) -> object:
    try:
        return int(key)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return key


def _shown(value: object) -> str:
    return "—" if value is None else str(value)


def why(exc: Exception) -> str:
    """A record's fault in the store's own words, without the prefix naming it."""
    text = str(exc)
    return text.split(": ", 1)[1] if isinstance(exc, BadDocument) and ": " in text else text
