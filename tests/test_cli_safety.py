"""The command line with the system against it: a loose umask, a lock file of
another user, an output that cannot be written."""

import os
import stat

from tui.cli import EXIT_OK, main


def test_data_folders_are_private_whatever_the_umask(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    old = os.umask(0)
    try:
        assert main(["demo", "--count", "3", "--no-open"]) == EXIT_OK
    finally:
        os.umask(old)
    capsys.readouterr()
    made = [tmp_path / ".local", tmp_path / ".local/share", tmp_path / ".local/share/leadboard"]
    assert [oct(stat.S_IMODE(p.stat().st_mode)) for p in made] == ["0o700"] * 3
    files = [p for p in made[-1].rglob("*") if p.is_file()]
    assert files and all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in files)
