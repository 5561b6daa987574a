"""The import dialog (``i`` on the board): a file path, what to do with rows
already on the board, a dry run; a progress bar while the files are read in a
worker, then the summary. The plan is saved on the UI thread as one change,
so ``u`` on the board undoes the whole import."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState

from store.errors import StoreError
from store.importing.headers import KINDS
from store.importing.importer import ImportOptions, ImportPlan, apply_plan, plan_import
from store.importing.merge import MERGE, ON_DUPLICATE
from store.importing.summary import write_rejects
from tui.i18n import error_text, t
from tui.import_text import default_rejects_path, outcome_line, rejects_text, summary_lines


class ImportScreen(ModalScreen[bool]):
    """Dismissed with True when the import changed the database."""

    CSS_PATH = str(Path(__file__).resolve().parents[1] / "importing.tcss")
    BINDINGS = [Binding("escape", "close", "Close", id="import.close")]

    def __init__(self) -> None:
        super().__init__()
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="import"):
            yield Static(t("import.title"), id="import-title")
            yield Label(t("import.path_label"))
            # Back after an error with the cursor at the end, to mend a typo.
            yield Input(placeholder=t("import.path_placeholder"), select_on_focus=False,
                        id="import-path")
            with Horizontal(id="import-options"):
                yield Label(t("import.on_duplicate"))
                yield Select([(t(f"import.duplicate.{choice}"), choice) for choice in ON_DUPLICATE],
                             value=MERGE, allow_blank=False, id="import-on-duplicate")
                yield Checkbox(t("import.dry_run"), id="import-dry-run")
            with Horizontal(id="import-kind-row"):
                yield Label(t("import.kind"))
                # Told by the headers unless the rep knows better (--kind on the CLI).
                yield Select([(t(f"import.kind.{kind}"), kind) for kind in KINDS],
                             value="auto", allow_blank=False, id="import-kind")
            yield ProgressBar(total=100, show_eta=False, id="import-progress", classes="-hidden")
            with VerticalScroll(id="import-summary-scroll"):
                yield Static("", id="import-summary")
            with Horizontal(id="import-buttons"):
                yield Button(t("import.start"), variant="primary", id="import-start")
                yield Button(t("import.close"), id="import-close")

    def paths(self) -> list[Path]:
        text = self.query_one("#import-path", Input).value
        return [Path(part.strip().strip("'\"")).expanduser()
                for part in text.split(";") if part.strip()]

    @on(Input.Submitted)
    @on(Button.Pressed, "#import-start")
    def start(self) -> None:
        paths = self.paths()
        if not paths:
            self._failed(t("import.no_path"))
            return
        self.query_one("#import-start", Button).disabled = True
        self.query_one("#import-path", Input).disabled = True
        bar = self.query_one("#import-progress", ProgressBar)
        bar.remove_class("-hidden")
        bar.update(progress=0)
        self.say([t("import.running")])
        on_duplicate = str(self.query_one("#import-on-duplicate", Select).value)
        kind = str(self.query_one("#import-kind", Select).value)
        self.read_files(paths, ImportOptions(on_duplicate=on_duplicate, kind=kind), self.dry_run)

    @property
    def dry_run(self) -> bool:
        return self.query_one("#import-dry-run", Checkbox).value

    @work(thread=True, exclusive=True, exit_on_error=False)
    def read_files(self, paths: list[Path], options: ImportOptions,
                   dry_run: bool) -> tuple[ImportPlan, Path | None, bool]:
        """Read and plan off the UI thread; write the rejects file here too
        (not for a dry run, which writes nothing, as on the command line)."""
        plan = plan_import(self.app.store, paths, options, self._progress)
        rejects_path = None
        if plan.summary.rejects and not dry_run:
            rejects_path = default_rejects_path(paths[0])
            write_rejects(rejects_path, rejects_text(plan.summary))
        return plan, rejects_path, dry_run

    def _progress(self, rows: int, fraction: float) -> None:
        self.app.call_from_thread(self._show_progress, fraction)

    def _show_progress(self, fraction: float) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=fraction * 100)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self._finish(*event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, StoreError):
                message = error_text(error)
            elif isinstance(error, OSError):
                message = t("import.error.rejects", path=error.filename, detail=error.strerror)
            else:
                message = str(error)
            self._failed(message)

    def _finish(self, plan: ImportPlan, rejects_path: Path | None, dry_run: bool) -> None:
        if not dry_run:
            try:
                apply_plan(self.app.store, plan)
            except StoreError as exc:
                self._failed(error_text(exc))
                return
            self.changed = self.changed or bool(plan.planned)
        self._show_progress(1.0)
        lines = summary_lines(plan.summary, dry_run, rejects_path)
        if not dry_run:
            lines.append(outcome_line(plan.summary, bool(plan.planned)))
        self.say(lines)
        self._ready_again()
        # After a dry run the rep likely imports next; after an import, closes.
        self.query_one("#import-start" if dry_run else "#import-close", Button).focus()

    def _failed(self, message: str) -> None:
        """Say what went wrong and hand the path back to be corrected."""
        self._ready_again()
        self.say([message], error=True)
        self.query_one("#import-path", Input).focus()

    def _ready_again(self) -> None:
        self.query_one("#import-start", Button).disabled = False
        self.query_one("#import-path", Input).disabled = False

    def say(self, lines: list[str], error: bool = False) -> None:
        summary = self.query_one("#import-summary", Static)
        summary.update("\n".join(lines))
        summary.set_class(error, "-error")

    @on(Button.Pressed, "#import-close")
    def action_close(self) -> None:
        self.workers.cancel_all()
        self.dismiss(self.changed)
