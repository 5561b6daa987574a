"""The command line: one clear line and a non-zero code for anything wrong."""

import subprocess
import sys
from pathlib import Path

import pytest

from store.leadstore import LeadStore
from tui.cli import EXIT_LOCKED, EXIT_NONE, EXIT_UNREADABLE, EXIT_USAGE, main


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    env = {"LANG": "zh_CN.UTF-8" if lang == "zh" else "en_US.UTF-8", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          text=True, env=env, cwd=Path(__file__).resolve().parents[1])


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
    result = run("--db", str(path))
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


def test_a_data_folder_that_cannot_be_made_is_one_line():
    result = run("--db", "/proc/no-such-folder/leads.json")
    assert result.returncode == EXIT_UNREADABLE
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


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
    assert result.returncode == EXIT_USAGE and "不是有效的值" in result.stderr
    help_text = run("--help", lang="zh").stdout
    assert help_text.startswith("用法：") and "show this help" not in help_text
