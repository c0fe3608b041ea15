"""What the PyInstaller bundle leaves out (packaging/bundle_trim.py), rule by rule."""

from __future__ import annotations

import ctypes
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bundle_trim", ROOT / "packaging" / "bundle_trim.py")
assert _spec is not None and _spec.loader is not None
bundle_trim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bundle_trim)

QT = "PySide6/Qt"


def qt_modules_imported_by_the_app() -> set[str]:
    found: set[str] = set()
    for folder in ("ui", "newsroom"):
        for source in (ROOT / folder).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            found.update(re.findall(r"PySide6\.(Qt\w+)", text))
            for names in re.findall(r"from PySide6 import \(?([\w, \n]+)", text):
                found.update(re.findall(r"Qt\w+", names))
    return found


def test_every_qt_module_the_app_imports_is_kept() -> None:
    imported = qt_modules_imported_by_the_app()
    assert {"QtWidgets", "QtWebEngineWidgets", "QtSvg"} <= imported  # the grep finds them
    assert imported <= bundle_trim.QT_MODULES_USED


def test_the_bindings_the_app_imports_load_no_module_left_out() -> None:
    imports = "; ".join(
        f"import PySide6.{name}" for name in sorted(qt_modules_imported_by_the_app())
    )
    loaded = subprocess.run(
        [sys.executable, "-c", f"import sys; {imports}; print(*sorted(sys.modules))"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout.split()  # fmt: skip
    qt_loaded = {name.split(".")[1] for name in loaded if re.fullmatch(r"PySide6\.Qt\w+", name)}
    assert "QtWebChannel" in qt_loaded  # loaded by QtWebEngineCore's bindings, not by us
    assert qt_loaded <= bundle_trim.QT_MODULES_USED


def test_unused_bindings_are_named_for_pyinstaller_to_exclude() -> None:
    files = ["QtCore.abi3.so", "QtQuick.abi3.so", "Qt3DCore.abi3.so", "QtWebEngineCore.abi3.so"]
    assert bundle_trim.unused_qt_bindings([*files, "libpyside6.abi3.so.6"]) == [
        "PySide6.Qt3DCore",
        "PySide6.QtQuick",
    ]


@pytest.mark.parametrize(
    "path",
    [
        f"{QT}/translations/qtwebengine_locales/en-US.pak",
        f"{QT}/resources/qtwebengine_resources.pak",
        f"{QT}/resources/icudtl.dat",
        f"{QT}/resources/v8_context_snapshot.bin",
        f"{QT}/lib/libQt6Quick.so.6",  # QtWebEngine links to it: the library closure decides
        f"{QT}/libexec/QtWebEngineProcess",
        f"{QT}/plugins/platforms/libqxcb.so",
        f"{QT}/plugins/platforms/libqwayland.so",
        f"{QT}/plugins/platforms/libqoffscreen.so",
        f"{QT}/plugins/platformthemes/libqxdgdesktopportal.so",
        f"{QT}/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        f"{QT}/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        f"{QT}/plugins/wayland-shell-integration/libxdg-shell.so",
        f"{QT}/plugins/imageformats/libqjpeg.so",
        f"{QT}/plugins/iconengines/libqsvgicon.so",
        "newsroom/_resources/help/user-guide.md",
        "libgtk-3.so.0",  # outside PySide6/Qt: kept unless nothing needs it (see trim)
    ],
)
def test_kept(path: str) -> None:
    assert bundle_trim.is_wanted(path)


@pytest.mark.parametrize(
    "path",
    [
        f"{QT}/translations/qtwebengine_locales/ru.pak",
        f"{QT}/translations/qtbase_ru.qm",
        f"{QT}/resources/qtwebengine_devtools_resources.pak",
        f"{QT}/qml/QtQuick/Controls/qmldir",
        f"{QT}/plugins/platforms/libqvnc.so",
        f"{QT}/plugins/platforms/libqlinuxfb.so",
        f"{QT}/plugins/platforms/libqeglfs.so",
        f"{QT}/plugins/platformthemes/libqgtk3.so",
        f"{QT}/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        f"{QT}/plugins/imageformats/libqpdf.so",
        f"{QT}/plugins/printsupport/libcupsprintersupport.so",
        f"{QT}/plugins/tls/libqopensslbackend.so",
        f"{QT}/plugins/qmltooling/libqmldbg_debugger.so",
        f"{QT}/plugins/position/libqtposition_nmea.so",
        f"{QT}/plugins/generic/libqevdevmouseplugin.so",
    ],
)
def test_left_out(path: str) -> None:
    assert not bundle_trim.is_wanted(path)


def test_a_library_stays_only_while_something_kept_needs_it() -> None:
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        (f"{QT}/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        (f"{QT}/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
        (f"{QT}/libexec/QtWebEngineProcess", "/src/QtWebEngineProcess", "BINARY"),
        ("libnss3.so", "/src/libnss3.so", "BINARY"),
        ("libsoftokn3.so", "/src/libsoftokn3.so", "BINARY"),  # NSS opens it by name
        ("libsqlite3.so.0", "/src/libsqlite3.so.0", "BINARY"),
    ]
    needs = {
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
        "/src/QtWebEngineProcess": ["libnss3.so"],
        "/src/libsoftokn3.so": ["libsqlite3.so.0"],
    }
    datas = [
        ("libQt6Gui.so.6", f"{QT}/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libgtk-3.so.0.2404", "libgtk-3.so.0", "SYMLINK"),
        (f"{QT}/translations/qtwebengine_locales/de.pak", "/src/de.pak", "DATA"),
        ("libnssdbm3.chk", "/src/libnssdbm3.chk", "DATA"),
    ]
    kept, kept_datas = bundle_trim.trim(
        binaries,
        datas,
        lambda source: needs.get(source, []),
        ["libpython3.11.so.1.0", *bundle_trim.LOADED_BY_NAME],
    )
    assert [entry[0] for entry in kept] == [
        "PySide6/QtGui.abi3.so",
        f"{QT}/lib/libQt6Gui.so.6",
        "libpython3.11.so.1.0",
        f"{QT}/libexec/QtWebEngineProcess",
        "libnss3.so",
        "libsoftokn3.so",
        "libsqlite3.so.0",  # needed by what is opened by name
    ]
    # The link to Qt Gui stays; GTK's goes with GTK, the German locale with the rules.
    assert [entry[0] for entry in kept_datas] == ["libQt6Gui.so.6", "libnssdbm3.chk"]


@pytest.mark.skipif(shutil.which("strip") is None, reason="binutils' strip is not installed")
def test_strip_shrinks_what_has_symbols_and_leaves_stripped_libraries_alone(
    tmp_path: Path,
) -> None:
    import dawg  # pymorphy3[fast]'s reader: its wheel keeps a symbol table
    from PySide6 import QtCore

    with_symbols, stripped_already = Path(dawg.__file__), Path(QtCore.__file__)
    entries = [
        ("dawg.so", str(with_symbols), "EXTENSION"),
        ("QtCore.abi3.so", str(stripped_already), "EXTENSION"),
        ("notes.txt", str(ROOT / "README.md"), "DATA"),
    ]
    [(_, smaller, _), unchanged, data] = bundle_trim.strip_symbols(entries, tmp_path / "cache")
    assert Path(smaller).stat().st_size < with_symbols.stat().st_size / 2
    ctypes.CDLL(smaller)  # still a library the loader takes
    assert unchanged == entries[1] and data == entries[2]
    # A second build reuses the stripped copy.
    assert bundle_trim.strip_symbols(entries, tmp_path / "cache")[0][1] == smaller
