"""Projects in the rep's words: their needs, the leads on them, and the
detail pane's section on a lead's projects."""

from __future__ import annotations

from collections.abc import Iterable

from store.leadstore import LeadStore
from store.market_model import Project
from store.model import Lead
from store.projects import ProjectView, need_text, projects_of, view_of
from tui.i18n import label, t
from widgets.detail_pane import DetailSection


def needs_words(project: Project) -> str:
    return ", ".join(map(need_text, project.needs)) or "-"


def leads_words(view: ProjectView) -> str:
    return ", ".join(lead.name for lead in view.leads) or t("projects.nobody")


def project_place(project: Project) -> str:
    return project.city or project.province or "-"


def projects_detail(store: LeadStore, lead: Lead) -> DetailSection | None:
    """The projects the lead is on, one line each, flagged as on the market."""
    projects = projects_of(store, lead.id)
    if not projects:
        return None
    lines = []
    for project in projects:
        line = t("detail.project_line", name=project.name,
                 stage=label("project_stage", project.stage), needs=needs_words(project))
        if view_of(store, project).flagged:
            line += t("detail.project_flag")
        lines.append(line)
    return DetailSection(t("detail.projects", count=len(projects)), lines=lines)


def project_documents(views: Iterable[ProjectView]) -> list[dict]:
    """``leadboard market --json``'s projects: stable keys and codes."""
    return [{
        "id": v.project.id, "name": v.project.name, "province": v.project.province,
        "city": v.project.city, "investor": v.project.investor,
        "contractor": v.project.contractor, "stage": v.project.stage.value,
        "start": v.project.start.isoformat() if v.project.start else None,
        "months": v.project.months, "scale": v.project.scale,
        "needs": [{"kind": n.kind, "tonnes": n.tonnes, "count": n.count}
                  for n in v.project.needs],
        "leads": [{"id": lead.id, "name": lead.name, "quadrant": quadrant,
                   "status": lead.status.value}
                  for lead, quadrant in zip(v.leads, v.quadrants, strict=True)],
        "flagged": v.flagged,
    } for v in views]


def project_lines(views: Iterable[ProjectView]) -> list[str]:
    """The text report's projects, flagged first as on the screen."""
    views = list(views)
    lines = ["", t("market.projects")]
    for v in views:
        lines.append("  " + t("market.project_line",
                              flag=t("projects.flag") + " " if v.flagged else "",
                              name=v.project.name, region=project_place(v.project),
                              stage=label("project_stage", v.project.stage),
                              needs=needs_words(v.project), leads=leads_words(v)))
    if not views:
        lines.append("  " + t("market.no_projects"))
    elif any(v.flagged for v in views):
        lines.append("  " + t("projects.flag_note"))
    return lines
