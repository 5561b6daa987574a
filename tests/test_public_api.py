"""Leadboard uses Textual through its public API only: no ``textual._…``
module, no private name of a Textual object, no private method of Textual's
overridden. The one exception is tui/cjk_overlay_fix.py (see there)."""

from __future__ import annotations

import ast
import importlib
import inspect
from functools import cache
from pathlib import Path

import textual

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("store", "tui", "widgets")
EXCEPTION = ROOT / "tui" / "cjk_overlay_fix.py"


def private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def our_modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
                  if path != EXCEPTION)


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def defined_names(tree: ast.AST) -> set[str]:
    """The private names a body of code gives objects: ``self._x = …``,
    methods and class attributes."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(item.name)
                elif isinstance(item, (ast.Assign, ast.AnnAssign)):
                    targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                    names.update(t.id for t in targets if isinstance(t, ast.Name))
    return {name for name in names if private(name)}


@cache
def textual_private_names() -> frozenset[str]:
    """Every private name Textual uses on its objects: those it defines, and
    those it reads (``x._y``)."""
    names: set[str] = set()
    for path in Path(textual.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= defined_names(tree)
        names.update(node.attr for node in ast.walk(tree)
                     if isinstance(node, ast.Attribute) and private(node.attr))
    return frozenset(names)


@cache
def our_private_names() -> frozenset[str]:
    return frozenset(set().union(*(defined_names(ast.parse(path.read_text(encoding="utf-8")))
                                   for path in our_modules())))


def private_imports(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [module for module in modules if module.split(".")[0] == "textual"
                  and any(private(part) for part in module.split(".")[1:])]
    return found


def test_no_module_imports_textual_s_private_modules():
    found = {f"{path.relative_to(ROOT)}:{module}" for path in our_modules()
             for module in private_imports(ast.parse(path.read_text(encoding="utf-8")))}
    assert not found


def test_no_module_reads_a_private_name_of_textual_s():
    """``x._name`` (or ``getattr(x, "_name")``, ``watch(x, "_name")``) where
    Textual has a ``_name`` and none of our own does."""
    textual_only = textual_private_names() - our_private_names()
    found = set()
    for path in our_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = [(node, node.attr) for node in ast.walk(tree) if isinstance(node, ast.Attribute)]
        if path.relative_to(ROOT).parts[0] != "store":  # (store/: no Textual, test_layers.py)
            named += [(arg, arg.value) for node in ast.walk(tree) if isinstance(node, ast.Call)
                      for arg in node.args
                      if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        found |= {f"{path.relative_to(ROOT)}:{node.lineno} .{name}" for node, name in named
                  if name in textual_only}
    assert not found


def textual_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__[1:] if base.__module__.split(".")[0] == "textual"]


@cache
def instance_names(cls: type) -> frozenset[str]:
    """The private names a Textual class gives its objects in its methods."""
    try:
        return frozenset(defined_names(ast.parse(inspect.getsource(cls))))
    except (OSError, TypeError):
        return frozenset()


def test_no_class_of_ours_overrides_a_private_name_of_textual_s():
    """A name of ours that is also a private one of the Textual classes it
    derives from would replace Textual's own: its timer, its idle handler."""
    found = set()
    for path in our_modules():
        if path.relative_to(ROOT).parts[0] == "store":
            continue  # no Textual there
        module = importlib.import_module(module_name(path))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            cls = getattr(module, node.name, None)
            if not isinstance(cls, type) or cls.__module__ != module.__name__:
                continue
            bases = textual_bases(cls)
            theirs = {name for base in bases for name in vars(base) if private(name)}
            theirs |= {name for base in bases for name in instance_names(base)}
            for name in defined_names(node) & theirs:
                found.add(f"{path.relative_to(ROOT)}:{node.name}.{name}")
    assert not found
