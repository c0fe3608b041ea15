"""The layers hold: the core never imports Qt, and storage never climbs up to rendering.

newsroom/ must run headless, on a server, in a script; newsroom/storage/ stores
what it is given (a body's HTML comes in as a value, made by newsroom/saving.py).
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import newsroom

PACKAGE = Path(newsroom.__file__).parent
# The one module allowed to use Qt (PDF printing), when it exists.
QT_ALLOWED = {"newsroom.export.pdf"}


# What storage must never import: the renderer, and the workers that render in bulk.
ABOVE_STORAGE = ("newsroom.render", "newsroom.parallel")


def core_modules(package: str = "newsroom") -> list[str]:
    """``package`` and every module under it (``newsroom``: the whole core)."""
    names = [package]
    folder = PACKAGE.parent.joinpath(*package.split("."))
    for info in pkgutil.walk_packages([str(folder)], prefix=f"{package}."):
        if ".migrations.versions." in info.name or info.name.endswith(".migrations.env"):
            continue  # Alembic loads these itself
        names.append(info.name)
    return names


def imported_names(path: Path) -> list[str]:
    """Every module a source file imports, anywhere in it (``TYPE_CHECKING`` blocks too).

    ``from newsroom import render`` names ``newsroom.render``; relative imports
    are resolved against the file's own package.
    """
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
            module = node.module or ""
            if node.level:
                module = f"{base}.{module}" if module else base
            names.append(module)
            names.extend(f"{module}.{alias.name}" for alias in node.names)
    return names


def _is_within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == package or name.startswith(f"{package}.") for package in packages)


def test_no_core_module_imports_qt_in_its_source() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if module in QT_ALLOWED:
            continue
        names = imported_names(path)
        if any(_is_within(name, ("PySide6", "shiboken6", "PyQt5", "PyQt6")) for name in names):
            offenders.append(f"{module}: {names}")
    assert offenders == []


def test_no_storage_module_imports_rendering_in_its_source() -> None:
    storage = PACKAGE / "storage"
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in sorted(storage.rglob("*.py"))
        for name in imported_names(path)
        if _is_within(name, ABOVE_STORAGE)
    ]
    assert len(list(storage.rglob("*.py"))) > 5  # the walk found storage
    assert offenders == []


def test_importing_storage_loads_no_rendering() -> None:
    modules = core_modules("newsroom.storage")
    assert "newsroom.storage.writer" in modules and "newsroom.storage.reads" in modules
    assert _loaded_by(modules, ABOVE_STORAGE) == []


def test_the_import_check_sees_rendering_when_it_is_loaded() -> None:
    # The check above could pass by looking in the wrong place: here it must see it.
    loaded = _loaded_by(["newsroom.render.bodies"], ABOVE_STORAGE)
    assert {"newsroom.render.body", "newsroom.render.bodies", "newsroom.parallel"} <= set(loaded)


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [
        name for name in core_modules() if name not in QT_ALLOWED and name != "newsroom.__main__"
    ]
    assert "newsroom.store" in modules and "newsroom.cli" in modules
    assert _loaded_by(modules, ("PySide6", "shiboken6")) == []


def _loaded_by(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    """The modules of ``packages`` in ``sys.modules`` after importing ``modules`` afresh."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"packages = {packages!r}\n"
        "print('\\n'.join(sorted(m for m in sys.modules\n"
        "    if any(m == p or m.startswith(p + '.') for p in packages))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()
