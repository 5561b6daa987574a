"""The command line: one clear line and a non-zero code for anything wrong."""

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from store.leadstore import LeadStore
from tui.cli import EXIT_LOCKED, EXIT_NONE, EXIT_SAVE, EXIT_UNREADABLE, EXIT_USAGE, main
from tui.i18n import set_language, t


def run(*args: str, lang: str = "en", terminal: int | None = None) -> subprocess.CompletedProcess:
    """The CLI in a process of its own; stdin and stdout are ``terminal``
    when given, else a pipe and no input. Its stderr is read either way."""
    env = {"LANG": "zh_CN.UTF-8" if lang == "zh" else "en_US.UTF-8", "PATH": "/usr/bin:/bin"}
    streams = {"stdin": terminal, "stdout": terminal} if terminal is not None else {
        "stdin": subprocess.DEVNULL, "stdout": subprocess.PIPE}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], stderr=subprocess.PIPE,
                          text=True, env=env, cwd=Path(__file__).resolve().parents[1],
                          timeout=60, **streams)


def run_on_a_terminal(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    """For the board, which starts only on a terminal: a pseudo-terminal."""
    ours, theirs = pty.openpty()
    try:
        return run(*args, lang=lang, terminal=theirs)
    finally:
        os.close(theirs)
        os.close(ours)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("leadboard ")


def test_bad_argument_is_one_line_in_the_users_language():
    result = run("--frobnicate", lang="zh")
    assert result.returncode == EXIT_USAGE
    assert result.stderr.count("\n") == 1 and "leadboard --help" in result.stderr
    assert "见" in result.stderr and "Traceback" not in result.stderr


def test_demo_writes_and_refuses_a_file_with_leads(tmp_path, capsys):
    path = tmp_path / "demo.json"
    assert main(["demo", "--db", str(path), "--count", "50", "--no-open"]) == 0
    with LeadStore.open(path, read_only=True) as store:
        assert len(store.leads) == 50
        assert any(not lead.graded for lead in store.leads.values())
    before = path.read_bytes()
    assert main(["demo", "--db", str(path), "--count", "50", "--no-open"]) == EXIT_NONE
    assert "already holds 50 leads" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_demo_is_the_same_for_the_same_seed(tmp_path):
    paths = [tmp_path / "a.json", tmp_path / "b.json"]
    for path in paths:
        assert main(["demo", "--db", str(path), "--count", "80", "--seed", "3", "--no-open"]) == 0
    with LeadStore.open(paths[0], read_only=True) as a, LeadStore.open(paths[1], read_only=True) as b:
        assert [(x.name, x.company, x.intent, x.funding) for x in a.leads.values()] == [
            (y.name, y.company, y.intent, y.funding) for y in b.leads.values()]


@pytest.mark.parametrize("content", [b"{broken", b""])
def test_an_unreadable_data_file_gives_one_line_and_stays(tmp_path, content):
    path = tmp_path / "leads.json"
    path.write_bytes(content)
    result = run_on_a_terminal("--db", str(path))
    assert result.returncode == EXIT_UNREADABLE
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == content


def test_a_file_in_use_refuses_demo(tmp_path):
    path = tmp_path / "leads.json"
    with LeadStore.open(path):
        result = run("demo", "--db", str(path), "--no-open")
    assert result.returncode == EXIT_LOCKED
    assert "another Leadboard" in result.stderr


def test_settings_change_the_threshold_and_the_board_follows(tmp_path, capsys):
    path = tmp_path / "leads.json"
    with LeadStore.open(path) as store:
        lead = store.add_lead("张伟", intent=3, funding=3)
    assert main(["settings", "--db", str(path)]) == 0
    assert "strong from grade 3" in capsys.readouterr().out
    assert main(["settings", "--db", str(path), "--threshold", "4"]) == 0
    with LeadStore.open(path, read_only=True) as store:
        from store.board import BoardIndex

        assert BoardIndex(store, store.now()).place_of(lead.id) == 4
    assert main(["settings", "--db", str(path), "--threshold", "9"]) == EXIT_USAGE
    assert "from 2 to 5" in capsys.readouterr().err


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Cannot use /proc/no-such-folder: No such file or directory.\n"),
    ("zh", "无法使用 /proc/no-such-folder：没有这个文件或文件夹。\n"),
])
def test_a_data_folder_that_cannot_be_made_is_one_line(lang, line):
    result = run_on_a_terminal("--db", "/proc/no-such-folder/leads.json", lang=lang)
    assert result.returncode == EXIT_UNREADABLE
    assert result.stderr == line


def test_check_of_a_missing_file_says_so(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "none.json")]) == EXIT_UNREADABLE
    assert "does not exist" in capsys.readouterr().out


def test_settings_change_the_cadence(tmp_path, capsys):
    path = tmp_path / "leads.json"
    LeadStore.open(path).close()
    assert main(["settings", "--db", str(path), "--cadence", "q3=10,4=60"]) == 0
    assert "Q1 7, Q2 7, Q3 10, Q4 60" in capsys.readouterr().out
    with LeadStore.open(path, read_only=True) as store:
        assert store.settings.cadence_days == {1: 7, 2: 7, 3: 10, 4: 60}
    assert main(["settings", "--db", str(path), "--cadence", "5=3"]) == EXIT_USAGE
    assert main(["settings", "--db", str(path), "--cadence", "weekly"]) == EXIT_USAGE


def test_db_and_lang_count_before_the_sub_command_too(tmp_path, capsys):
    path = tmp_path / "mine.json"
    store = LeadStore.open(path)
    store.add_lead("张伟", company="临沂宏达", city="临沂", intent=5, funding=5)
    store.close()
    assert main(["--db", str(path), "--lang", "en", "search", "张"]) == 0
    assert "张伟" in capsys.readouterr().out
    unreadable = tmp_path / "notes.txt"
    unreadable.write_text("not a database", encoding="utf-8")
    assert main(["--db", str(unreadable), "search", "张"]) == EXIT_UNREADABLE
    assert unreadable.read_text(encoding="utf-8") == "not a database"
    # Given after the sub-command, the later one is the one used.
    assert main(["--db", str(unreadable), "search", "张", "--db", str(path)]) == 0


def test_argparse_own_messages_are_in_the_users_language():
    result = run("export", "--period", "year", lang="zh")
    assert result.returncode == EXIT_USAGE
    assert "不是可选的值" in result.stderr and "invalid choice" not in result.stderr
    result = run("search", "--limit", "x", "a", lang="zh")
    assert result.returncode == EXIT_USAGE and "--limit 应为整数" in result.stderr
    help_text = run("--help", lang="zh").stdout
    assert help_text.startswith("用法：") and "show this help" not in help_text


def a_file_with_a_lead(path: Path) -> Path:
    with LeadStore.open(path) as store:
        store.add_lead("张伟", intent=5, funding=5)
    return path


@pytest.mark.parametrize("args", [
    ["demo", "--count", "abc"], ["demo", "--seed", "1.5"], ["search", "--limit", "x", "a"],
    ["settings", "--threshold", "x"], ["settings", "--review-days", "2x"],
    ["restore", "--backup", "z"],
])
@pytest.mark.parametrize(("lang", "line"), [
    ("en", "leadboard: {option} must be a whole number, not “{value}” (see leadboard --help)\n"),
    ("zh", "leadboard：{option} 应为整数，不能是“{value}”（见 leadboard --help）\n"),
])
def test_a_number_option_says_it_wants_a_whole_number(tmp_path, capsys, args, lang, line):
    db = a_file_with_a_lead(tmp_path / "leads.json")
    assert main([*args, "--db", str(db), "--lang", lang]) == EXIT_USAGE
    option, value = args[1], args[2]
    assert capsys.readouterr().err == line.format(option=option, value=value)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "leadboard: Cannot read “someday”: try 2026-12-03 09:30, 12-03 9:30, today, "
           "tomorrow 14:00, +3d, fri. (see leadboard --help)\n"),
    ("zh", "leadboard：看不懂“someday”。可以这样写：2026-12-03 09:30、12-03 9:30、今天、"
           "明天 14:00、+3d、周五。（见 leadboard --help）\n"),
])
def test_a_date_option_says_what_a_date_looks_like(tmp_path, capsys, lang, line):
    db = a_file_with_a_lead(tmp_path / "leads.json")
    assert main(["export", "--from", "someday", "--db", str(db), "--lang", lang]) == EXIT_USAGE
    assert capsys.readouterr().err == line


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "leadboard: “frobnicate” is not a Leadboard command; the commands are: demo, assign, check, copy, "
           "export, import, lead, market, report, restore, search, sessions, settings, team (see leadboard --help)\n"),
    ("zh", "leadboard：“frobnicate”不是客户看板的命令；可用的命令：demo, assign, check, copy, "
           "export, import, lead, market, report, restore, search, sessions, settings, team（见 leadboard --help）\n"),
])
def test_an_unknown_command_lists_the_commands(lang, line):
    result = run("frobnicate", lang=lang)
    assert result.returncode == EXIT_USAGE
    assert result.stderr == line


@pytest.mark.parametrize(("target", "lang", "line"), [
    ("no/such/folder/p.csv", "en",
     "Could not write {path}: No such file or directory. Nothing was written.\n"),
    ("no/such/folder/p.csv", "zh", "写不了 {path}：没有这个文件或文件夹。什么也没写。\n"),
    (".", "en", "Could not write {path}: Is a directory. Nothing was written.\n"),
    (".", "zh", "写不了 {path}：这是一个文件夹。什么也没写。\n"),
])
def test_a_failed_export_says_the_system_error_in_the_users_language(tmp_path, capsys, target,
                                                                       lang, line):
    db = a_file_with_a_lead(tmp_path / "leads.json")
    out = str(tmp_path / target)
    code = main(["export", "--format", "csv", "-o", out, "--db", str(db), "--lang", lang])
    assert code == EXIT_SAVE
    assert capsys.readouterr().err == line.format(path=out)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_rare_system_error_keeps_the_systems_words(lang):
    set_language(lang)
    assert "Input/output error" in t("cli.error.os", path="x", detail="Input/output error")


@pytest.mark.parametrize("args", [
    ["search", "张"], ["sessions"], ["export"], ["export", "-o", "plan.json"], ["settings"],
    ["restore", "--list"],
])
@pytest.mark.parametrize(("lang", "line"), [
    ("en", "{path} does not exist.\n"), ("zh", "{path} 不存在。\n"),
])
def test_a_read_only_command_on_a_missing_file_says_so_and_creates_nothing(
        tmp_path, capsys, monkeypatch, args, lang, line):
    monkeypatch.chdir(tmp_path)  # where export's -o would write
    path = tmp_path / "none" / "leads.json"
    assert main([*args, "--db", str(path), "--lang", lang]) == EXIT_UNREADABLE
    assert capsys.readouterr() == ("", line.format(path=path))
    assert list(tmp_path.iterdir()) == []


def test_restore_list_still_shows_the_backups_of_a_deleted_file(db_path, capsys):
    with LeadStore.open(db_path) as store:
        store.add_lead("第一")
        store.compact()
        store.add_lead("第二")
    db_path.unlink()
    assert main(["restore", "--list", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.startswith("1: ")


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "leadboard: the board needs a terminal; the sub-commands work without one "
           "(see leadboard --help)\n"),
    ("zh", "leadboard：看板要在终端里运行；各个子命令不需要终端（见 leadboard --help）\n"),
])
def test_the_board_without_a_terminal_says_so_and_opens_nothing(tmp_path, lang, line):
    path = tmp_path / "leads.json"
    result = run("--db", str(path), lang=lang)  # stdin from nothing, stdout to a pipe
    assert (result.returncode, result.stderr) == (EXIT_USAGE, line)
    assert list(tmp_path.iterdir()) == []
    # The commands need none: demo --no-open writes the file, search reads it.
    assert run("demo", "--db", str(path), "--count", "5", "--no-open", lang=lang).returncode == 0
    assert run("search", "--db", str(path), lang=lang).returncode == 0


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "leadboard: demo opens the board, which needs a terminal; add --no-open to write "
           "the file only (see leadboard --help)\n"),
    ("zh", "leadboard：demo 会打开看板，看板要在终端里运行；只写文件请加 --no-open"
           "（见 leadboard --help）\n"),
])
def test_demo_without_a_terminal_writes_nothing(tmp_path, capsys, monkeypatch, lang, line):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    path = tmp_path / "demo.json"
    assert main(["demo", "--db", str(path), "--lang", lang]) == EXIT_USAGE
    assert capsys.readouterr().err == line
    assert list(tmp_path.iterdir()) == []
