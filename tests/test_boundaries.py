"""The core never imports Qt: newsroom/ must run headless, on a server, in a script."""

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


def core_modules() -> list[str]:
    names = ["newsroom"]
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="newsroom."):
        if info.name.startswith(("newsroom.migrations.versions.", "newsroom.migrations.env")):
            continue  # Alembic loads these itself
        names.append(info.name)
    return names


def test_no_core_module_imports_qt_in_its_source() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if module in QT_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(
                name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6") for name in names
            ):
                offenders.append(f"{module}: {names}")
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [
        name for name in core_modules() if name not in QT_ALLOWED and name != "newsroom.__main__"
    ]
    assert "newsroom.store" in modules and "newsroom.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
