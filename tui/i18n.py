"""The one translation layer: every string the product shows comes from here.

Catalogs live in ``tui/locales/<lang>/``; a test fails when a key is in one language
only, or when the code asks for a key no catalog has.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Mapping
from pathlib import PurePath

from textual.binding import Binding

from store.errors import StoreError
from store.text import visible
from tui.locales import load_catalog

LANGUAGES = ("zh", "en")


class Catalogs(Mapping[str, dict[str, str]]):
    """Each language's catalog, read the first time it is asked for: a rep's
    start reads the language they work in, not the other one too."""

    def __init__(self) -> None:
        self.read: dict[str, dict[str, str]] = {}

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        catalog = self.read.get(lang)
        if catalog is None:
            catalog = self.read[lang] = load_catalog(lang)
        return catalog

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


CATALOGS = Catalogs()

_current = "en"


def detect_language(env: Mapping[str, str] | None = None) -> str:
    """Chinese for a ``zh*`` locale, English otherwise."""
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def language() -> str:
    return _current


def t(key: str, **params: object) -> str:
    text = CATALOGS[_current].get(key, key)
    if not params:
        return text
    if "detail" in params:
        params["detail"] = system_error_text(params["detail"])
    # A name, a file name or a cell said in a message: never raw on a terminal.
    for name, value in params.items():
        if isinstance(value, (str, PurePath)):
            params[name] = visible(str(value), multiline=True)
    return text.format(**params)


# The OS errors a rep meets, by the system's own (English) words. Every
# caller hands ``exc.strerror`` to a message as its ``detail`` (the store
# keeps no errno in its errors), so this is where it is put in the user's
# language; a rarer error keeps the system's text.
SYSTEM_ERRORS = {
    os.strerror(code): f"error.os.{errno.errorcode[code]}"
    for code in (errno.ENOENT, errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOTDIR,
                 errno.ENOSPC, errno.EROFS, errno.EPIPE)
}


def system_error_text(detail: object) -> object:
    key = SYSTEM_ERRORS.get(detail) if isinstance(detail, str) else None
    return CATALOGS[_current][key] if key else detail


def has(key: str) -> bool:
    return key in CATALOGS[_current]


def label(kind: str, value: object) -> str:
    """The name of an enum value: ``label("credit", Credit.GOOD)``."""
    return t(f"{kind}.{getattr(value, 'value', value)}")


def error_text(exc: StoreError) -> str:
    """One line that says what went wrong, in the user's language."""
    detail = exc.params.get("reason") or exc.params.get("kind")
    key = f"error.{exc.code}.{detail}" if detail else f"error.{exc.code}"
    if not has(key):
        key = f"error.{exc.code}"
    return t(key, **exc.params)


def describe(binding: Binding) -> str:
    """A key binding's description in the current language, looked up by
    binding id (``binding.<id>``), so the key bar, the help screen and the
    command palette all say the same. Textual's own bindings have no id:
    they are looked up by action (``binding.action.<action>``), so none is
    left in English."""
    key = f"binding.{binding.id}" if binding.id else f"binding.action.{binding.action}"
    return t(key) if binding.id or has(key) else binding.description
