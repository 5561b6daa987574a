"""The ``leadboard`` command.

Exit codes: 0 done, 1 nothing found or nothing done, 2 bad arguments,
3 a file that cannot be read, 4 the data file is in use by another
Leadboard, 5 a save failed, 6 the board stopped on an error of its own,
7 the changes were saved in the journal but could not be folded into the
data file (a full disk): they are not to be made again.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import pkgutil
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_path
from rich.console import Console

from store.backends import is_server, shown
from store.errors import (
    ChangedSince,
    FoldFailed,
    Locked,
    NoServer,
    SaveFailed,
    StoreError,
    UnreadableFile,
)
from store.clock import Clock, local_now
from store.collector import collector_paused
from store.safe_files import replace
from store.preview import PREVIEW_FROM, close_with_preview, read_preview
from tui.i18n import LANGUAGES, detect_language, error_text, set_language, t
from tui.output import OutputFailed, guarded_stdout

if TYPE_CHECKING:  # a board painted from its preview at start loads the store behind it
    from store.leadstore import LeadStore

EXIT_OK, EXIT_NONE, EXIT_USAGE, EXIT_UNREADABLE, EXIT_LOCKED, EXIT_SAVE, EXIT_CRASH = range(7)
EXIT_NOT_FOLDED = 7
APP_NAME = "leadboard"


# The exit code for each kind of store error, most specific first.
EXIT_FOR = (
    (UnreadableFile, EXIT_UNREADABLE),
    (NoServer, EXIT_UNREADABLE),
    (ChangedSince, EXIT_SAVE),
    (Locked, EXIT_LOCKED),
    (FoldFailed, EXIT_NOT_FOLDED),
    (SaveFailed, EXIT_SAVE),
    (StoreError, EXIT_NONE),
)


def default_db() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "leads.json"


def demo_db() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "demo.json"


DB_VARIABLE = "LEADBOARD_DB"
Location = Path | str  # a data file, or a server's URL as typed


def db_location(args: argparse.Namespace, default: Callable[[], Path] = default_db) -> Location:
    """Where the lead base is: ``--db``, else ``LEADBOARD_DB``, else the
    default file. A ``postgresql://`` URL is kept as it was typed (its
    libpq settings pass through); anything else is a file's path."""
    given = getattr(args, "db", None)
    if given is None:
        given = os.environ.get(DB_VARIABLE) or None
    if given is None:
        return default()
    return given if is_server(given) else Path(given)


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that says a bad argument in one translated line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)

    def _get_value(self, action: argparse.Action, arg_string: str) -> object:
        # argparse names the type in its message ("invalid int value"), a word
        # no rep knows: say what the option wants instead.
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError:
            wanted = WANTED.get(action.type)
            if wanted is None:
                raise
            name = "/".join(action.option_strings) or action.metavar or action.dest
            raise UsageError(t(wanted, option=name, value=arg_string)) from None

    def _check_value(self, action: argparse.Action, value: object) -> None:
        # A mistyped sub-command would be "command: invalid choice", after
        # argparse's ``dest``: say instead that Leadboard has no such command.
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            raise UsageError(t("cli.error.command", name=value, commands=", ".join(action.choices)))
        super()._check_value(action, value)


# What a typed option wants, by its type, in words (see Parser._get_value).
WANTED = {int: "cli.error.whole_number"}


# The messages argparse itself can show a rep, by its own English wording
# (argparse looks each one up through gettext's ``_`` as it needs it).
ARGPARSE_KEYS = {
    "usage: ": "argparse.usage",
    "options": "argparse.options",
    "positional arguments": "argparse.positional",
    "show this help message and exit": "argparse.help",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "the following arguments are required: %s": "argparse.required",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
}


def _argparse_text(message: str) -> str:
    key = ARGPARSE_KEYS.get(message)
    return t(key) if key else message


argparse._ = _argparse_text  # type: ignore[attr-defined]


def _common(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    """``--db`` and ``--lang``, before a sub-command or after it.

    A sub-command's copies default to SUPPRESS: left out there, they keep what
    was given before the sub-command (``leadboard --db x.json search ...``).
    """
    parser.add_argument("--db", metavar="PATH|URL", default=default,
                        help=t("cli.help.db"))
    parser.add_argument("--lang", choices=LANGUAGES, default=default, help=t("cli.help.lang"))


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The parser for ``argv``: with the sub-command it names, or with every
    one when it names none it knows or asks for help (None: every one)."""
    parser = Parser(prog=APP_NAME, description=t("cli.description"))
    _common(parser, default=None)
    parser.add_argument("--version", action="store_true", help=t("cli.help.version"))
    commands = parser.add_subparsers(dest="command", parser_class=Parser)
    demo = commands.add_parser("demo", help=t("cli.help.demo"))
    _common(demo)
    demo.add_argument("--count", type=int, default=300, help=t("cli.help.count"))
    demo.add_argument("--seed", type=int, default=7, help=t("cli.help.seed"))
    demo.add_argument("--no-open", action="store_true", help=t("cli.help.no_open"))
    for module in command_modules(argv):
        module.register(commands, _common)
    return parser


# A sub-command whose module has another name (``import`` is a Python word).
MODULE_OF = {"import": "importing"}
# Options before a sub-command that take a value (the value is no command).
_VALUE_OPTIONS = ("--db", "--lang")


def command_modules(argv: Sequence[str] | None = None) -> list:
    """Each module in ``tui/commands`` adds one sub-command: its ``register``
    adds a parser and sets ``handler`` (args -> exit code) with ``set_defaults``.
    Only the one ``argv`` names is imported, none for the board: the board's
    start does without what the other commands bring (the demo, the reports,
    the importers)."""
    import tui.commands

    names = sorted(info.name for info in pkgutil.iter_modules(tui.commands.__path__))
    if argv is not None and not {"-h", "--help"} & set(argv):
        word = _command_word(argv)
        if word is None or word == "demo":
            names = []
        elif MODULE_OF.get(word, word) in names:
            names = [MODULE_OF.get(word, word)]
    return [importlib.import_module(f"tui.commands.{name}") for name in names]


def _command_word(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` names, as argparse reads it: its first word
    that is neither an option nor an option's value."""
    taken = False  # the word before was an option that takes a value
    for arg in argv:
        if taken:
            taken = False
        elif arg in _VALUE_OPTIONS:
            taken = True
        elif not arg.startswith("-"):
            return arg
    return None


def _language_from(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return detect_language()


def say(message: str) -> None:
    print(message, file=sys.stderr)


def board_app(path: Location, lang: str, *, read_only: bool = False, clock: Clock = local_now):
    """The app on ``path``. A large file with an up-to-date preview of its
    board is painted from that at once, and loads behind it."""
    preview = None if is_server(path) else read_preview(Path(path), clock())
    if preview is not None:
        from tui.app import LeadboardApp
        from tui.screens.opening import Opening

        return LeadboardApp(None, lang, Opening(path, preview, read_only, clock))
    if _takes_a_moment(path):
        say(t("cli.opening", path=shown(path)))
    opened = _opening(path, clock, read_only)
    # Meanwhile, the board's modules: reading the file and taking its
    # checksum leave the interpreter to them.
    from tui.app import LeadboardApp
    from tui.screens import board  # noqa: F401  (imported by the app as it starts)

    store = opened()
    return LeadboardApp(store, lang, hold_keys=len(store.leads) >= PREVIEW_FROM)


def _opening(path: Location, clock: Clock, read_only: bool) -> Callable[[], LeadStore]:
    """A data file opened in a thread of its own (a server's base as before,
    here); the function returned waits for the store (or raises what opening
    raised). A daemon thread: ctrl+c while it loads ends Leadboard at once,
    as it always did."""
    from store.leadstore import LeadStore

    if is_server(path):
        store = LeadStore.open(path, clock=clock, read_only=read_only,
                               fallback_read_only=not read_only)
        return lambda: store
    done: list = []

    def open_store() -> None:
        try:
            done.append(LeadStore.open(path, clock=clock, read_only=read_only,
                                       fallback_read_only=not read_only, contacts_later=True))
        except BaseException as exc:  # handed to the waiting thread, raised there
            done.append(exc)

    thread = threading.Thread(target=open_store, daemon=True)
    thread.start()

    def opened() -> LeadStore:
        thread.join()
        if isinstance(done[0], BaseException):
            raise done[0]
        return done[0]

    return opened


def _takes_a_moment(path: Location | None) -> bool:
    """Whether reading or writing the whole file is slow enough to say so."""
    if path is None or is_server(path):
        return False
    path = Path(path)
    return sys.stderr.isatty() and path.is_file() and path.stat().st_size > 5 * 1024 * 1024


def close_saved(store: LeadStore) -> FoldFailed | None:
    """Close a store whose changes are saved; a fold that failed is given
    back, for the command to say after what it did (the changes are in the
    journal: a rep told "not saved" would make them twice)."""
    try:
        store.close()
    except FoldFailed as exc:
        return exc
    return None


def run_board(app, path: Location) -> int:
    """Run the board on ``path``. Should the app stop on an error of its
    own, the rep gets one line and the traceback goes to a log beside the
    data file (it may hold customers' data, so it is owner-only)."""
    report = io.StringIO()
    app.error_console = Console(file=report, width=120, color_system=None)
    try:
        app.run()
    finally:
        store = app.store
        if store is not None and store.journal_bytes and _takes_a_moment(store.path):
            say(t("cli.saving", path=store.path))  # the changes are folded into the file
        app.close_store()
    if app.load_error is not None:
        raise app.load_error  # said in one line by main(), as when opening
    if app.return_code:
        log = crash_log(path)
        replace(log, report.getvalue().encode("utf-8"))
        say(t("cli.crashed", log=log))
        return EXIT_CRASH
    return EXIT_OK


def crash_log(path: Location) -> Path:
    """Beside the data file; a server's base has its log in the user's data folder."""
    if is_server(path):
        return user_data_path(APP_NAME, appauthor=False) / "server.error.log"
    return Path(f"{path}.error.log")


def has_terminal() -> bool:
    """Whether the board can run here. Without a terminal to read keys from
    and show it on (a pipe, a file, a script), Textual spins at full CPU
    instead of failing, so the board refuses before it opens the file."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def cmd_board(args: argparse.Namespace) -> int:
    if not has_terminal():
        raise UsageError(t("cli.error.no_terminal"))
    path = db_location(args)
    with collector_paused():  # all of it kept: see LeadboardApp.run
        app = board_app(path, args.lang)
    return run_board(app, path)


def cmd_demo(args: argparse.Namespace) -> int:
    if args.count < 1:
        raise UsageError(t("cli.error.count"))
    if not args.no_open and not has_terminal():
        raise UsageError(t("cli.error.no_terminal_demo"))  # before a file is written
    from store.demo import write_demo  # modules the board's start does without
    from store.leadstore import LeadStore

    path = demo_db() if args.db is None else db_location(args)
    store = LeadStore.open(path)
    if store.leads and not args.no_open:
        # Run again, demo opens the demo file as it was left: the leads moved,
        # the contacts logged.
        say(t("cli.demo.reopened", count=len(store.leads), path=shown(path)))
        return run_store(store, args.lang)
    try:
        write_demo(store, args.count, args.seed)
    except BaseException:
        store.close()
        raise
    say(t("cli.demo.written", count=args.count, path=shown(path)))
    if args.no_open:
        close_with_preview(store)  # so that the first opening is quick too
        return EXIT_OK
    return run_store(store, args.lang)


def run_store(store: LeadStore, lang: str) -> int:
    """The board on a store already open."""
    from tui.app import LeadboardApp

    return run_board(LeadboardApp(store, lang, hold_keys=len(store.leads) >= PREVIEW_FROM),
                     store.location)


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_board,
    "demo": cmd_demo,
}


def data_path(args: argparse.Namespace) -> Location:
    location = db_location(args)
    return location if is_server(location) else Path(location).expanduser()


# The sub-commands that only read the data file, as called. Opening a file
# that is not there would show it empty ("no sessions"), so main() says it
# is missing instead. ``check`` says so itself; ``restore --list`` still
# lists the backups of a deleted file, the way to bring it back.
ONLY_READ: dict[str, Callable[[argparse.Namespace], bool]] = {
    "search": lambda args: True,
    "sessions": lambda args: True,
    "export": lambda args: True,
    "report": lambda args: True,
    "settings": lambda args: (args.threshold, args.review_days, args.cadence,
                              args.own_brand, args.replace_age,
                              args.replace_hours) == (None,) * 6,
    "market": lambda args: True,
    "lead": lambda args: True,  # a lead to show or change is in a base that is there
    "restore": lambda args: args.list and not is_server(data_path(args)) and _no_backups(args),
}


def _no_backups(args: argparse.Namespace) -> bool:
    from store.backups import list_backups  # a module the board's start does without

    return not list_backups(data_path(args))


def missing_file(args: argparse.Namespace) -> Path | None:
    """The data file a read-only command was given, when there is none."""
    only_reads = ONLY_READ.get(args.command)
    if only_reads is None or not only_reads(args):
        return None
    path = data_path(args)
    return None if is_server(path) or path.exists() else path


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language_from(argv)
    set_language(lang)
    args = argparse.Namespace()
    try:
        with guarded_stdout():
            return _run(argv, lang, args)
    except OutputFailed as exc:
        saved = getattr(args, "saved", False)
        say(t("cli.error.output", detail=exc.detail) + " "
            + t("cli.output.saved" if saved else "cli.output.unchanged"))
        return EXIT_SAVE
    except UsageError as exc:
        say(t("cli.error.usage", detail=str(exc)))
        return EXIT_USAGE
    except StoreError as exc:
        say(error_text(exc))
        return next(code for kind, code in EXIT_FOR if isinstance(exc, kind))
    except OSError as exc:  # the last guard: a folder we may not create, a full disk …
        say(t("cli.error.os", path=exc.filename or "", detail=exc.strerror or str(exc)))
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130


def _run(argv: list[str], lang: str, args: argparse.Namespace) -> int:
    """The command ``argv`` asks for; its options land in ``args``."""
    build_parser(argv).parse_args(argv, namespace=args)
    args.lang = args.lang or lang
    if args.version:
        print(f"{APP_NAME} {_version()}")
        return EXIT_OK
    missing = missing_file(args)
    if missing is not None:
        say(t("cli.error.missing", path=missing))
        return EXIT_UNREADABLE
    handler = getattr(args, "handler", None) or HANDLERS[args.command]
    return handler(args)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # slow to import: only here

    try:
        return version(APP_NAME)
    except PackageNotFoundError:
        return "0+unknown"


if __name__ == "__main__":
    sys.exit(main())
