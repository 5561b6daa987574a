"""The fleet census on the command line: the own brand setting."""

from __future__ import annotations

import pytest

from store.leadstore import LeadStore
from tui.cli import EXIT_USAGE, main


@pytest.mark.parametrize(("lang", "typed", "said"), [
    ("en", "SANY", "own brand: 三一"), ("zh", "三一重工", "本品牌：三一"), ("en", "Foton", "own brand: Foton"),
])
def test_the_own_brand_is_a_setting(tmp_path, capsys, lang, typed, said):
    path = tmp_path / "leads.json"
    LeadStore.open(path).close()
    assert main(["settings", "--db", str(path), "--own-brand", typed, "--lang", lang]) == 0
    assert said in capsys.readouterr().out
    with LeadStore.open(path, read_only=True) as store:
        assert store.settings.own_brand == said.split("：")[-1].split(": ")[-1]
    assert main(["settings", "--db", str(path), "--lang", lang]) == 0  # shown, unchanged
    assert said in capsys.readouterr().out


def test_an_own_brand_not_set_says_how_to_set_it(tmp_path, capsys):
    path = tmp_path / "leads.json"
    LeadStore.open(path).close()
    assert main(["settings", "--db", str(path), "--lang", "zh"]) == 0
    assert "本品牌：未设置" in capsys.readouterr().out


def test_an_empty_own_brand_is_refused_in_one_line(tmp_path, capsys):
    path = tmp_path / "leads.json"
    LeadStore.open(path).close()
    assert main(["settings", "--db", str(path), "--own-brand", "  ", "--lang", "en"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "Name the brand you sell" in err and "Traceback" not in err
    with LeadStore.open(path, read_only=True) as store:
        assert store.settings.own_brand == ""


def test_the_own_brand_is_undone_like_any_setting(tmp_path):
    with LeadStore.open(tmp_path / "leads.json") as store:
        store.update_settings(own_brand="三一")
        store.undo()
        assert store.settings.own_brand == ""
