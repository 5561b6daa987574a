"""Catalogs: ``tui/locales/<lang>/<area>.py`` each define ``MESSAGES``.

Every module of one language is merged into one catalog; a key defined twice
is an error, so that areas cannot silently override each other.
"""

from __future__ import annotations

import importlib
import pkgutil


def load_catalog(lang: str) -> dict[str, str]:
    package = importlib.import_module(f"{__name__}.{lang}")
    catalog: dict[str, str] = {}
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        twice = catalog.keys() & module.MESSAGES.keys()
        if twice:
            raise KeyError(f"{lang}: defined twice: {sorted(twice)}")
        catalog.update(module.MESSAGES)
    return catalog
