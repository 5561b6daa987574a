"""Every visible string exists in both languages, and the code asks for no key
that a catalog lacks."""

import ast
import re
import string
from pathlib import Path

import pytest

from tui.i18n import CATALOGS, detect_language

ROOT = Path(__file__).resolve().parents[1]


def test_both_languages_have_the_same_keys():
    en, zh = set(CATALOGS["en"]), set(CATALOGS["zh"])
    assert en - zh == set(), "only in English"
    assert zh - en == set(), "only in Chinese"


@pytest.mark.parametrize("key", sorted(CATALOGS["en"]))
def test_placeholders_match_and_no_text_is_empty(key):
    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    en, zh = CATALOGS["en"][key], CATALOGS["zh"][key]
    assert fields(en) == fields(zh)
    empty_allowed = key.startswith("form.placeholder.")
    assert empty_allowed or (en.strip() and zh.strip())


def _literal_keys():
    """Keys passed as plain strings to t() anywhere in the product."""
    for path in [*ROOT.glob("tui/**/*.py"), *ROOT.glob("widgets/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                yield path.name, node.args[0].value


def test_every_key_the_code_asks_for_exists():
    missing = {(name, key) for name, key in _literal_keys() if key not in CATALOGS["en"]}
    assert missing == set()


def test_every_binding_id_has_a_description():
    ids = set()
    for path in [*ROOT.glob("tui/**/*.py"), *ROOT.glob("widgets/**/*.py")]:
        ids |= set(re.findall(r'id="([a-z_]+\.[a-z_0-9]+)"', path.read_text(encoding="utf-8")))
    assert ids, "no bindings found"
    assert {i for i in ids if f"binding.{i}" not in CATALOGS["en"]} == set()


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "C"}, "en"),
        ({}, "en"),
    ],
)
def test_language_comes_from_the_locale(env, lang):
    assert detect_language(env) == lang
