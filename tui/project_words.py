"""Projects in the rep's words: their needs, the leads on them, and the
detail pane's section on a lead's projects."""

from __future__ import annotations

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
