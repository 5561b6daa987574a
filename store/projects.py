"""Construction projects in the territory, the machines they need and the
leads working on them.

A lead is linked to a project in the project's record (``lead_ids``); the
lead's own "holds a project" then names the record, so that the board's
project mark, the search and the detail pane agree with it.

The flag: a started project that needs machines, where no linked lead is
being worked in Q1 or Q2 (active, strong intent) and none has bought from
us (won), is a sale nobody is working. Needs are counted as unmet while no
such lead is on the project: a rep sells a machine to a person, not to a
site, and the fleets the census knows are rarely complete enough to say a
site's needs are covered.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from store.errors import Invalid
from store.fleet import tonnes_text
from store.grading import quadrant_of
from store.leadstore import Change, LeadStore
from store.market import in_region
from store.market_checks import check_project
from store.market_model import MachineNeed, Project, ProjectStage
from store.model import Lead, Status

TABLE = "projects"
# Shown in this order: work happening now first, work done last.
STAGE_ORDER = (ProjectStage.STARTED, ProjectStage.BIDDING, ProjectStage.PLANNED,
               ProjectStage.FINISHED)
WORKING_QUADRANTS = (1, 2)

# A need as reps write it: 挖掘机 21.5t ×3, 装载机 x2, 自卸车 5台, 破碎锤.
_SEPARATORS = re.compile(r"[;,\n、]")
_TONNES = re.compile(r"(\d+(?:\.\d+)?)\s*(?:t|吨)(?![a-z])", re.IGNORECASE)
_COUNT = re.compile(r"(?:[×x*]\s*(\d+)|(\d+)\s*台)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ProjectView:
    """A project with the leads on it, as the market shows it."""

    project: Project
    leads: tuple[Lead, ...]
    quadrants: tuple[int | None, ...]  # each lead's, by today's threshold
    flagged: bool  # started, needs machines, nobody worked in Q1/Q2 on it

    @property
    def machines_needed(self) -> int:
        return sum(need.count for need in self.project.needs)


# ---------------------------------------------------------------- needs
def parse_needs(text: str) -> tuple[MachineNeed, ...]:
    """The needs typed on one line, separated by ``;`` ``,`` or ``、``
    (full-width too); :class:`Invalid` (field ``needs``) naming the part
    that is not a need."""
    needs = []
    for part in _SEPARATORS.split(unicodedata.normalize("NFKC", text)):
        part = part.strip()
        if part:
            needs.append(_need(part))
    return tuple(needs)


def _need(part: str) -> MachineNeed:
    rest, tonnes, count = part, None, 1
    found = _TONNES.search(rest)
    if found:
        tonnes = round(float(found[1]), 1)
        rest = rest[:found.start()] + " " + rest[found.end():]
    found = _COUNT.search(rest)
    if found:
        count = int(found[1] or found[2])
        rest = rest[:found.start()] + " " + rest[found.end():]
    kind = " ".join(rest.split())
    if not kind or any(c.isdigit() for c in kind):
        raise Invalid("needs", "need", part)
    return MachineNeed(kind, tonnes, count)


def need_text(need: MachineNeed) -> str:
    tonnes = f" {tonnes_text(need.tonnes)}t" if need.tonnes is not None else ""
    return f"{need.kind}{tonnes} ×{need.count}"


def needs_text(needs: Iterable[MachineNeed]) -> str:
    """The needs as the form takes them back."""
    return "; ".join(need_text(need) for need in needs)


# ---------------------------------------------------------------- reading
def projects_of(store: LeadStore, lead_id: int) -> list[Project]:
    return sorted((p for p in store.records(TABLE).values() if lead_id in p.lead_ids),
                  key=lambda p: p.id)


def working(lead: Lead, threshold: int) -> bool:
    """A lead that counts as someone on the project: won, or active in Q1/Q2."""
    if lead.status is Status.WON:
        return True
    return (lead.status is Status.ACTIVE
            and quadrant_of(lead.intent, lead.funding, threshold) in WORKING_QUADRANTS)


def flagged(project: Project, leads: Iterable[Lead], threshold: int) -> bool:
    """A sale nobody is working (see the module's words)."""
    return (project.stage is ProjectStage.STARTED
            and any(need.count for need in project.needs)
            and not any(working(lead, threshold) for lead in leads))


def view_of(store: LeadStore, project: Project) -> ProjectView:
    leads = tuple(store.leads[i] for i in project.lead_ids if i in store.leads)
    threshold = store.settings.threshold
    return ProjectView(project, leads,
                       tuple(quadrant_of(lead.intent, lead.funding, threshold) for lead in leads),
                       flagged(project, leads, threshold))


def projects_in(store: LeadStore, region: str = "") -> tuple[ProjectView, ...]:
    """The region's projects, flagged first, then by stage and name."""
    views = [view_of(store, p) for p in store.records(TABLE).values()
             if in_region((p.province, p.city), region)]
    views.sort(key=lambda v: (not v.flagged, STAGE_ORDER.index(v.project.stage),
                              v.project.name, v.project.id))
    return tuple(views)


# ---------------------------------------------------------------- changes
def _lead_named(store: LeadStore, lead: Lead, name: str, holds: bool) -> Change | None:
    before, after = store.edited_lead(lead.id, project=name, has_project=holds)
    return None if after is before else ("leads", lead.id, before, after)


def _checked(store: LeadStore, project: Project) -> Project:
    check_project(project, store.now().date(), store.leads)
    return project


def edit_project(store: LeadStore, project_id: int, **fields: Any) -> Project:
    """Change a project; a new name is carried to the leads on it, in the
    same step (one undo)."""
    before = store.record(TABLE, project_id)
    after = _checked(store, dataclasses.replace(before, **fields))
    if after == before:
        return before
    changes: list[Change] = [(TABLE, project_id, before, after)]
    if after.name != before.name:
        for lead_id in after.lead_ids:
            lead = store.leads.get(lead_id)
            if lead is not None and lead.project in ("", before.name):
                change = _lead_named(store, lead, after.name, True)
                changes += [change] if change else []
    store.commit(f"edit_{TABLE}", changes)
    return after


def link(store: LeadStore, lead_id: int, project_id: int) -> Project:
    """Put a lead on a project: the lead now holds that project, by its name."""
    lead, before = store.lead(lead_id), store.record(TABLE, project_id)
    if lead_id in before.lead_ids:
        return before
    after = dataclasses.replace(before, lead_ids=(*before.lead_ids, lead_id))
    changes: list[Change] = [(TABLE, project_id, before, after)]
    change = _lead_named(store, lead, before.name, True)
    store.commit("link_project", changes + ([change] if change else []))
    return after


def unlink(store: LeadStore, lead_id: int, project_id: int) -> Project:
    """Take a lead off a project. Its project text, when it was this
    project's name, goes to another project it is on, or is emptied."""
    lead, before = store.lead(lead_id), store.record(TABLE, project_id)
    if lead_id not in before.lead_ids:
        return before
    after = dataclasses.replace(before, lead_ids=tuple(i for i in before.lead_ids
                                                       if i != lead_id))
    changes: list[Change] = [(TABLE, project_id, before, after)]
    if lead.project == before.name:
        others = [p for p in projects_of(store, lead_id) if p.id != project_id]
        change = _lead_named(store, lead, others[0].name if others else "", bool(others))
        changes += [change] if change else []
    store.commit("unlink_project", changes)
    return after


# ---------------------------------------------------------------- search
_LATIN = re.compile(r"[a-z0-9]+")


def name_matches(name: str, text: str) -> bool:
    """``text`` inside the name, or letters starting a syllable of its pinyin
    (``linshu`` finds 临沭县道改建)."""
    if text in name.lower():
        return True
    if not _LATIN.fullmatch(text):
        return False
    from store.search.pinyin import reading  # loads the dictionaries: only when asked

    syllables = reading(name).split()
    return any("".join(syllables[i:]).startswith(text) for i in range(len(syllables)))


def leads_on(store: LeadStore, text: str) -> set[int]:
    """Leads linked to a project whose name matches ``text``, and leads whose
    own project text holds it."""
    text = "".join(text.split()).lower()
    found = {lead_id for p in store.records(TABLE).values() if name_matches(p.name, text)
             for lead_id in p.lead_ids}
    found |= {lead_id for lead_id, (project,) in store.lead_rows(("project",), ("",))
              if project and text in project.lower()}
    return found


PICK_LIMIT = 12
PICK_CUTOFF = 60  # rapidfuzz's 0-100: below this a name is not what was typed


def pick(store: LeadStore, text: str, lead: Lead | None = None) -> list[Project]:
    """Projects for a name being typed, best first: found in the name or its
    pinyin, then near misses (typos); with nothing typed, the lead's own
    projects, then those of its city and province."""
    from rapidfuzz import fuzz

    from store.search.pinyin import reading

    text = "".join(text.split()).lower()
    projects = list(store.records(TABLE).values())
    if not text:
        def near(p: Project) -> tuple:
            on = lead is not None and lead.id in p.lead_ids
            here = lead is not None and bool(lead.city) and p.city == lead.city
            region = lead is not None and bool(lead.province) and p.province == lead.province
            return (not on, not here, not region, STAGE_ORDER.index(p.stage), p.name)
        return sorted(projects, key=near)[:PICK_LIMIT]
    scored = []
    for p in projects:
        score = 100.0 if name_matches(p.name, text) else max(
            fuzz.partial_ratio(text, p.name.lower()),
            fuzz.ratio(text, reading(p.name).replace(" ", "")))
        if score >= PICK_CUTOFF:
            scored.append((-score, p.name, p))
    return [p for *_key, p in sorted(scored, key=lambda s: s[:2])][:PICK_LIMIT]


def machines_matching(store: LeadStore, text: str, limit: int) -> list[tuple[int, str, str, int]]:
    """(machine id, brand, model, owner) of owned machines whose model, brand
    (any spelling: ``sany`` is 三一) or owner's name holds ``text``; read from
    the stored fields, so that tens of thousands cost milliseconds."""
    from store.fleet import brand_key

    text = "".join(text.split()).lower()
    if not text:
        return []
    brand = brand_key(text)
    keys: dict[str, str] = {}  # a dozen brands among tens of thousands of machines
    found = []
    for machine_id, (owner, make, model) in store.machine_rows(
            ("owner", "brand", "model"), (None, "", "")):
        if owner is None or owner not in store.leads:
            continue
        key = keys.get(make) or keys.setdefault(make, brand_key(make))
        if (text in model.lower() or text in make.lower() or key == brand
                or text in store.leads_field(owner, "name", "").lower()):
            found.append((machine_id, make, model, owner))
            if len(found) >= limit:
                break
    return found
