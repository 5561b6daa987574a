"""Random sequences of store operations against a plain in-memory model:
whatever happens, reopening the file gives the model's state."""

import copy
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.leadstore import LeadStore
from store.model import Method, Purpose
from tests.conftest import NOW, Clock

NAMES = st.sampled_from(["张伟", "李娜", "曾国", "单明", "Wang", "区红"])
GRADE = st.one_of(st.none(), st.integers(1, 5))
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), NAMES, GRADE, GRADE),
        st.tuples(st.just("edit"), st.integers(0, 9), NAMES),
        st.tuples(st.just("regrade"), st.integers(0, 9), st.integers(1, 4)),
        st.tuples(st.just("delete"), st.integers(0, 9)),
        st.tuples(st.just("undo")),
        st.tuples(st.just("schedule"), st.integers(0, 9), st.integers(1, 30)),
        st.tuples(st.just("import"), st.lists(NAMES, min_size=1, max_size=4)),
        st.tuples(st.just("reopen"), st.booleans()),
    ),
    max_size=40,
)


def state(store: LeadStore) -> dict:
    leads = {i: (l.name, l.intent, l.funding) for i, l in store.leads.items()}
    contacts = {i: (c.lead_id, c.at) for i, c in store.contacts.items()}
    return {"leads": leads, "contacts": contacts}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_reopening_gives_the_models_state(ops):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "leads.json"
        clock = Clock(NOW)
        store = LeadStore.open(path, clock=clock)
        model = {"leads": {}, "contacts": {}}
        history: list[dict] = []

        def change(apply) -> None:
            history.append(copy.deepcopy(model))
            apply()

        for op in ops:
            ids = sorted(model["leads"])
            pick = (lambda n: ids[n % len(ids)]) if ids else None
            if op[0] == "add":
                lead = store.add_lead(op[1], intent=op[2], funding=op[3])
                change(lambda: model["leads"].__setitem__(lead.id, (op[1], op[2], op[3])))
            elif op[0] == "edit" and ids:
                lead_id = pick(op[1])
                before = model["leads"][lead_id]
                store.edit_lead(lead_id, name=op[2])
                if before[0] != op[2]:
                    change(lambda: model["leads"].__setitem__(lead_id, (op[2], *before[1:])))
            elif op[0] == "regrade" and ids:
                lead_id = pick(op[1])
                lead = store.move_to_quadrant(lead_id, op[2])
                if (lead.intent, lead.funding) != model["leads"][lead_id][1:]:
                    change(lambda: model["leads"].__setitem__(
                        lead_id, (lead.name, lead.intent, lead.funding)))
            elif op[0] == "delete" and ids:
                lead_id = pick(op[1])
                store.delete_lead(lead_id)

                def drop():
                    del model["leads"][lead_id]
                    for cid in [c for c, v in model["contacts"].items() if v[0] == lead_id]:
                        del model["contacts"][cid]
                change(drop)
            elif op[0] == "undo":
                store.undo()
                if history:
                    model = history.pop()
            elif op[0] == "schedule" and ids:
                lead_id = pick(op[1])
                at = NOW + timedelta(days=op[2])
                contact = store.schedule_contact(lead_id, at, method=Method.PHONE,
                                                 purpose=Purpose.SELL)
                change(lambda: model["contacts"].__setitem__(contact.id, (lead_id, at)))
            elif op[0] == "import":
                from store.model import Lead

                start = max(store.leads, default=0) + 1
                new = [Lead(id=start + n, name=name, created=NOW, updated=NOW)
                       for n, name in enumerate(op[1])]
                store.commit("import", [("leads", lead.id, None, lead) for lead in new])
                change(lambda: model["leads"].update(
                    {lead.id: (lead.name, None, None) for lead in new}))
            elif op[0] == "reopen":
                if op[1]:
                    store.close()
                else:
                    store._release()  # a crash: no fold
                store = LeadStore.open(path, clock=clock)
            assert state(store) == model
        store.close()
        reopened = LeadStore.open(path, clock=clock)
        assert state(reopened) == model
        reopened.close()
