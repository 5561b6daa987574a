"""Exporting the plan from the app: a period, a format and a file; the
writing runs in a worker so the board never waits on the disk."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from store.export import Format, gather, render, write_export
from store.plan import Period
from tui.export_choice import ExportChoice, keep_choice, last_choice
from tui.export_words import export_span, export_words
from tui.i18n import t


def default_path(period: str, fmt: str, folder: Path | None = None) -> str:
    return str((folder or Path.home()) / f"leadboard-{period}.{fmt}")


class ExportForm(ModalScreen[Path | None]):
    """Dismisses with the file written, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "Export", id="export.run"),
    ]

    def __init__(self, period: Period = Period.WEEK) -> None:
        super().__init__()
        self.period = period
        self.last = last_choice()

    def compose(self) -> ComposeResult:
        with Vertical(id="export-form", classes="dialog"):
            yield Static(t("export.title"), classes="dialog-title")
            with Grid(classes="dialog-grid"):
                yield Label(t("export.field.period"), classes="form-label")
                yield Select([(t(f"plan.tab.{p.value}"), p.value) for p in Period],
                             value=self.period.value, allow_blank=False, id="period")
                yield Label(t("export.field.format"), classes="form-label")
                yield Select([(t(f"export.format.{f.value}"), f.value) for f in Format],
                             value=self.last.format.value, allow_blank=False, id="format")
                yield Label(t("export.field.path"), classes="form-label")
                yield Input(default_path(self.period.value, self.last.format.value,
                                         self.last.folder), id="path")
            yield Static(t("export.hint"), classes="dialog-hint")
            yield Static("", id="export-said", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("export.run"), variant="primary", id="run")
                yield Button(t("form.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#period", Select).focus()

    @on(Select.Changed)
    def _suggest_path(self) -> None:
        period, fmt = self.query_one("#period", Select).value, self.query_one("#format", Select).value
        path = self.query_one("#path", Input)
        if Path(path.value).name.startswith("leadboard-"):
            path.value = str(Path(path.value).with_name(f"leadboard-{period}.{fmt}"))

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#run")
    def action_export(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.query_one("#export-said", Static).update(t("export.error.no_path"))
            return
        self.query_one("#export-said", Static).update(t("export.working"))
        self._export(Period(self.query_one("#period", Select).value),
                     Format(self.query_one("#format", Select).value), Path(raw).expanduser())

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _export(self, period: Period, fmt: Format, path: Path) -> Path:
        store = self.app.store
        span, kind = export_span(period, store.now())
        write_export(path, render(store, gather(store, span, kind), fmt, export_words()))
        keep_choice(ExportChoice(fmt, path.absolute().parent))
        return path

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            detail = getattr(error, "strerror", None) or str(error)
            self.query_one("#export-said", Static).update(
                t("export.failed", path=self.query_one("#path", Input).value, detail=detail))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
