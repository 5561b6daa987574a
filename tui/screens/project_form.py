"""A construction project: add one or change it. The machines it needs are
typed on one line (``挖掘机 21.5t ×3; 装载机 ×2``) and read back under the
field as they are typed. Nothing is saved until every value can be right;
the first that cannot is said under the form, its field focused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from store.dates import DateInputError, parse_when
from store.errors import Invalid, StoreError
from store.fleet import parse_whole
from store.market_model import Project, ProjectStage
from store.projects import TABLE, edit_project, need_text, needs_text, parse_needs
from store.text import clean
from tui.i18n import error_text, label, t
from tui.screens.confirm import ConfirmRemove
from tui.screens.dialog import Dialog

TEXTS = ("name", "province", "city", "investor", "contractor")
AFTER_STAGE = ("start", "months", "scale", "needs")


def project_error(exc: StoreError) -> str:
    """A refused project in the rep's words: which value, and why."""
    if isinstance(exc, Invalid):
        return t(f"project.error.{exc.rule}", field=t(f"project.field.{exc.field}"),
                 value=exc.params.get("value", ""))
    return error_text(exc)


class ProjectForm(Dialog):
    """Dismisses with the saved :class:`Project`, or None."""

    CSS_PATH = str(Path(__file__).resolve().parents[1] / "projects.tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="project_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="project_form.save"),
    ]
    FIELDS = {name: f"project-{name}" for name in (*TEXTS, *AFTER_STAGE)}

    def __init__(self, project: Project | None, today: date, region: tuple[str, str] = ("", "")):
        super().__init__()
        self.project = project
        self.today = today
        self.place = region  # a new project's province and city, as the market shows

    def compose(self) -> ComposeResult:
        title = (t("project.title.edit", name=self.project.name) if self.project
                 else t("project.title.new"))
        stage = self.project.stage if self.project else ProjectStage.PLANNED
        with VerticalScroll(id="project-form", classes="dialog"):
            yield Static(title, classes="dialog-title")
            with Grid(classes="dialog-grid"):
                for name in TEXTS:
                    yield from self._text(name)
                yield Label(t("project.field.stage"), classes="form-label")
                yield Select([(label("project_stage", s), s.value) for s in ProjectStage],
                             value=stage.value, allow_blank=False, id="project-stage")
                for name in AFTER_STAGE:
                    yield from self._text(name)
            yield Static(t("project.needs_hint"), id="project-needs-read")
            yield Static("", id="project-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def _text(self, name: str) -> ComposeResult:
        yield Label(t(f"project.field.{name}"), classes="form-label")
        yield Input(self._initial(name), placeholder=t(f"project.placeholder.{name}"),
                    id=f"project-{name}")

    def _initial(self, name: str) -> str:
        project = self.project
        if project is None:
            return dict(zip(("province", "city"), self.place, strict=True)).get(name, "")
        if name == "needs":
            return needs_text(project.needs)
        if name == "start":
            return project.start.isoformat() if project.start else ""
        value = getattr(project, name)
        return "" if value is None else str(value)

    def on_mount(self) -> None:
        self.query_one("#project-name", Input).focus()

    @on(Input.Changed, "#project-needs")
    def _read_needs(self, event: Input.Changed) -> None:
        """How the needs are read, as they are typed (or what cannot be read)."""
        try:
            needs = parse_needs(event.value)
        except Invalid as exc:
            said = project_error(exc)
        else:
            said = (t("project.needs_read", needs=" · ".join(map(need_text, needs)))
                    if needs else t("project.needs_hint"))
        self.query_one("#project-needs-read", Static).update(said)

    def _value(self, name: str) -> str:
        return clean(self.query_one(f"#project-{name}", Input).value).strip()

    def fields(self) -> dict[str, Any]:
        """The typed values as the store takes them; :class:`Invalid` for one
        that is not a number, a day or a need."""
        fields: dict[str, Any] = {name: self._value(name) for name in (*TEXTS, "scale")}
        fields["stage"] = ProjectStage(self.query_one("#project-stage", Select).value)
        start = self._value("start")
        fields["start"] = self._day(start) if start else None
        fields["months"] = parse_whole(self._value("months"), "months")
        fields["needs"] = parse_needs(self._value("needs"))
        return fields

    def _day(self, text: str) -> date:
        try:
            return parse_when(text, self.app.store.now()).date()
        except DateInputError:
            raise Invalid("start", "day", text) from None

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        store = self.app.store
        try:
            fields = self.fields()
            if self.project is None:
                project = store.add_record(TABLE, **fields)
            else:
                project = edit_project(store, self.project.id, **fields)
        except StoreError as exc:
            field = exc.field if isinstance(exc, Invalid) else None
            self.refuse(project_error(exc), self.FIELDS.get(field or ""))
            return
        self.dismiss(project)


class RemoveProject(ConfirmRemove):
    """Asks before a project is removed; its leads keep their own text."""

    def __init__(self, project: Project) -> None:
        super().__init__(t("projects.remove.title", name=project.name),
                         hint=t("projects.remove.hint"))
