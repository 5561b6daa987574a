"""The market's projects: those of the region, with the machines they need
and the leads on them; a started one that needs machines and has nobody in
Q1/Q2 on it is flagged ⚑, first. ``n`` adds a project, enter opens one,
``delete`` removes it (after asking)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from store.errors import StoreError
from store.market_model import Project
from store.projects import TABLE, ProjectView, projects_in
from tui.i18n import error_text, label, t
from tui.project_words import leads_words, needs_words, project_place


class ProjectTable(DataTable):
    """One row a project; enter opens it."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open project", id="projects.open"),
        Binding("delete,d", "remove", "Remove project", id="projects.remove"),
    ]

    def action_remove(self) -> None:
        section = self.parent
        if isinstance(section, ProjectSection):
            section.remove_chosen()


class ProjectSection(Vertical):
    """Shown for one region (empty: all); keeps itself up to date after its
    own changes."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.place = ""
        self.views: tuple[ProjectView, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(t("projects.heading"), classes="market-heading", id="projects-heading")
        yield ProjectTable(id="projects-table", cursor_type="row", zebra_stripes=True)
        yield Static("", classes="market-note", id="projects-note")


    def show(self, region: str) -> None:
        self.place = region
        self.views = projects_in(self.app.store, region)
        flagged = sum(v.flagged for v in self.views)
        self.query_one("#projects-heading", Static).update(
            t("projects.heading.flagged", count=flagged) if flagged else t("projects.heading"))
        table = self.query_one(ProjectTable)
        table.clear(columns=True)
        table.add_columns(t("projects.col.flag"), t("projects.col.name"),
                          t("projects.col.region"), t("projects.col.stage"),
                          t("projects.col.needs"), t("projects.col.leads"))
        for view in self.views:
            p = view.project
            flag = Text(t("projects.flag"), style="bold yellow") if view.flagged else ""
            table.add_row(flag, p.name, project_place(p),
                          label("project_stage", p.stage), needs_words(p), leads_words(view),
                          key=str(p.id))
        table.display = bool(self.views)  # no empty table to tab through: the note says why
        note = t("projects.flag_note") if flagged else ""
        self.query_one("#projects-note", Static).update(
            note if self.views else t("projects.none"))

    # ------------------------------------------------------------ changes
    def _chosen(self) -> Project | None:
        table = self.query_one(ProjectTable)
        if not self.views or not 0 <= table.cursor_row < len(self.views):
            return None
        return self.views[table.cursor_row].project

    def add(self) -> None:
        from tui.screens.project_form import ProjectForm  # when first used

        if self.app.writable():
            place = self._place()
            self.app.push_screen(ProjectForm(None, self.app.store.now().date(), place),
                                 self._saved)

    def _place(self) -> tuple[str, str]:
        """A new project's province and city: the region shown, as its projects have it."""
        for view in self.views:
            p = view.project
            if self.place and self.place in (p.province, p.city):
                return (p.province, p.city if self.place == p.city else "")
        return ("", "")

    @on(DataTable.RowSelected, "#projects-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        from tui.screens.project_form import ProjectForm  # when first used

        project = self._chosen()
        if project is not None and self.app.writable():
            self.app.push_screen(ProjectForm(project, self.app.store.now().date()), self._saved)

    def _saved(self, project: Project | None) -> None:
        if project is None:
            return
        self.show(self.place)
        self._put_cursor(project.id)
        self.app.notify(t("projects.saved", name=project.name))
        self.app.after_save()

    def _put_cursor(self, project_id: int) -> None:
        ids = [v.project.id for v in self.views]
        if project_id in ids:
            table = self.query_one(ProjectTable)
            table.move_cursor(row=ids.index(project_id))
            table.focus()

    def remove_chosen(self) -> None:
        from tui.screens.project_form import RemoveProject  # when first used

        project = self._chosen()
        if project is None or not self.app.writable():
            return

        def answered(remove: bool | None) -> None:
            if remove and self._remove(project):
                self.show(self.place)
                self.app.notify(t("projects.removed", name=project.name))
                self.app.after_save()

        self.app.push_screen(RemoveProject(project), answered)

    def _remove(self, project: Project) -> bool:
        try:
            self.app.store.remove_record(TABLE, project.id)
        except StoreError as exc:
            self.app.notify(error_text(exc), severity="error", timeout=8)
            return False
        return True
