"""Demo fleets: many demo leads own machines, and their numbers fit together."""

from __future__ import annotations

from collections import Counter

from store.check import check_file
from store.demo import generate, write_demo
from store.demo_fleet import MODELS
from store.fleet import size_class
from store.leadstore import LeadStore
from store.model import ContactStatus, MachineStatus
from store.search import SearchIndex, parse_query, search


def test_demo_leads_own_plausible_fleets(store, db_path, clock):
    write_demo(store, 1000, seed=7)
    machines = list(store.machines.values())
    owners = {m.owner for m in machines}
    assert 150 <= len(owners) <= 400 and len(machines) >= 300
    assert store.settings.own_brand == "三一"
    brands = Counter(m.brand for m in machines)
    assert set(brands) <= set(MODELS)
    assert {brand for brand, _n in brands.most_common(2)} == {"三一", "徐工"}  # the big two
    today = clock().date()
    for m in machines:
        assert m.owner in store.leads and size_class(m) is not None
        assert m.first_seen <= m.last_seen <= today and m.first_seen.year >= m.year
        if m.hours is not None:
            years = (m.hours_read - m.first_seen.replace(year=m.year, month=1, day=1)).days / 365
            assert m.hours <= (years + 1) * 1800  # hours a machine of that age can have run
            assert m.hours_read == m.last_seen
    old = [m for m in machines if today.year - m.year >= 8]
    assert any(m.status is MachineStatus.TRADE_IN for m in old)
    assert all(m.status in (MachineStatus.WORKING, MachineStatus.IDLE)
               for m in machines if today.year - m.year < 8)
    store.close()
    assert check_file(db_path).ok
    with LeadStore.open(db_path, clock=clock, read_only=True) as again:
        # Of any status: the demo's past won and lost some of the owners.
        owners = search(SearchIndex(again), parse_query("brand:三一 status:all"), None)
        assert len(owners.hits) > 50


def test_the_fleets_leave_the_demo_leads_as_they_were(tmp_path, clock):
    """The same seed gives the same leads and contacts as before there were fleets."""
    with LeadStore.open(tmp_path / "a.json", clock=clock) as store:
        write_demo(store, 50, seed=7)
        lead = store.lead(17)
        assert (lead.name, lead.intent, lead.funding) == EXPECTED_LEAD_17
        # The demo's own contacts, as they were; the past's come after them.
        made = [c for table, _i, _b, c in generate(50, 7, clock()) if table == "contacts"]
        assert len(made) == EXPECTED_CONTACTS
        assert [store.contacts[c.id] for c in made] == made
        past = [c for c in store.contacts.values() if c.id > EXPECTED_CONTACTS]
        assert all(c.status is not ContactStatus.PLANNED and c.at < clock() for c in past)


# Lead 17 and the contacts of a 50-lead demo of seed 7, as the demo made them
# before it had fleets.
EXPECTED_LEAD_17 = ("周刚健", 1, 2)
EXPECTED_CONTACTS = 80
