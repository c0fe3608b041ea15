"""What the bundle leaves out of PySide6: the spec (packaging/newsroom.spec) asks these rules.

PySide6's wheels carry every Qt module (Quick, QML, 3D, Charts, Multimedia…) with its
plugins, translations and the Chromium locales of 60 languages. PyInstaller's Qt hooks
collect what each imported binding links to, and QtWebEngine's bindings link to QtQuick,
whose hook then brings the whole QML tree and every library its plugins load: 740 MiB,
of which the app uses a third. The rules, each with its reason:

- Python bindings: only the Qt modules the app imports and those their bindings load
  when imported (QtWebEngineCore loads QtNetwork, QtWebChannel and QtPrintSupport).
  The Qt libraries QtWebEngine links to (Quick, Qml, Positioning, OpenGL) stay: the
  loader needs them, but no QML files or plugins do.
- Translations: none of Qt's (the app installs no QTranslator; its text is English);
  of Chromium's locales only en-US.pak, which Chromium falls back to when the user's
  locale has no file (its menus are the preview's context menu, which the app replaces).
- Resources: not the developer tools' (11 MB; the app opens no inspector).
- Plugins: the platforms a desktop runs (xcb, wayland, and offscreen for headless
  export and tests), their GL integrations, input methods (compose keys, IBus; not Qt's
  QML on-screen keyboard), image formats (not the PDF
  one, which loads QtPdf), SVG icons, and the xdg portal theme (file dialogs through the
  desktop's portal). Not GTK's theme (it brings GTK 3, cairo, pango and friends, 20 MB of
  the build machine's libraries), nor cups printing (the app prints to PDF through
  Chromium), TLS backends and network information (QtNetwork is only WebEngine's), QML
  debugging, position, embedded-device platforms (eglfs, linuxfb, vnc) or their inputs.
- Libraries: after the above, a shared library stays only if something that stays needs
  it (ldd's closure of every extension module, plugin and helper program kept, and of
  the libraries opened by name at run time: libpython, NSS's modules).
- Symbols: binaries that still carry a symbol table (libpython, most extension modules;
  Qt's are stripped already) are stripped of what linking does not need
  (``strip --strip-unneeded``: the dynamic symbols stay). Only those it makes smaller are
  replaced, so Qt's libraries are shipped as they come.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

# The Qt modules the app imports (grep "PySide6.Qt" ui/ newsroom/) and those their
# bindings import in turn (python -c "import PySide6.QtWebEngineWidgets; print(sys.modules)").
QT_MODULES_USED = frozenset(
    {
        "QtCore",
        "QtGui",
        "QtWidgets",
        "QtSvg",
        "QtWebEngineCore",
        "QtWebEngineWidgets",
        "QtNetwork",
        "QtPrintSupport",
        "QtWebChannel",
    }
)

QT = PurePosixPath("PySide6/Qt")
KEPT_CHROMIUM_LOCALE = "en-US.pak"
LEFT_OUT_RESOURCES = frozenset({"qtwebengine_devtools_resources.pak"})

# Plugin folders kept whole, and per folder the only plugin files kept (by name pattern).
PLUGINS_KEPT_WHOLE = frozenset(
    {
        "xcbglintegrations",
        "iconengines",
        "wayland-decoration-client",
        "wayland-graphics-integration-client",
        "wayland-shell-integration",
    }
)
PLUGINS_KEPT_BY_NAME = {
    "platforms": re.compile(r"libq(xcb|wayland.*|offscreen)\.so$"),
    "platformthemes": re.compile(r"libqxdgdesktopportal\.so$"),
    "platforminputcontexts": re.compile(r"lib(compose|ibus)platforminputcontextplugin\.so$"),
    "imageformats": re.compile(r"libq(?!pdf\.so$).*\.so$"),
}

# Python modules PyInstaller finds through optional imports that the app never makes:
# test and build tools, Tk, numpy (Pillow and psycopg use it only when given arrays),
# Pygments (Markdown's code highlighting, an extension the app does not enable), and
# lxml's parts other than etree and html (objectify, schematron, html.diff: 3.5 MB).
PYTHON_LEFT_OUT = (
    "pygments",
    "lxml.objectify",
    "lxml.isoschematron",
    "lxml.html.diff",
    "lxml.html._difflib",
    "tkinter",
    "_tkinter",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "numpy",
    "setuptools",
    "pkg_resources",
    "pip",
    "PyInstaller",
)

# Libraries no binary links to, opened by name at run time: Chromium's NSS opens its
# crypto and certificate modules so (PyInstaller's QtWebEngine hook collects them for
# that reason). The spec adds libpython, which the bootloader opens.
LOADED_BY_NAME = (
    "libfreebl3.so",
    "libfreeblpriv3.so",
    "libnssckbi.so",
    "libnssdbm3.so",
    "libsoftokn3.so",
)

# Entries are PyInstaller TOC tuples: (destination, source, typecode).
Entry = tuple[str, str, str]


def unused_qt_bindings(binding_files: Iterable[str]) -> list[str]:
    """``PySide6.QtX`` for each binding file (``QtX.abi3.so``) the app does not use."""
    names = {name.split(".", 1)[0] for name in binding_files if name.startswith("Qt")}
    return sorted(f"PySide6.{name}" for name in names - QT_MODULES_USED)


def is_wanted(destination: str) -> bool:
    """Whether a file under PySide6/Qt (translations, resources, plugins, QML) stays."""
    path = PurePosixPath(destination)
    if not path.is_relative_to(QT):
        return True
    part, *rest = path.relative_to(QT).parts
    if part == "qml":
        return False
    if part == "translations":
        return rest == ["qtwebengine_locales", KEPT_CHROMIUM_LOCALE]
    if part == "resources":
        return path.name not in LEFT_OUT_RESOURCES
    if part == "plugins":
        return _plugin_is_wanted(rest)
    return True


def _plugin_is_wanted(parts: list[str]) -> bool:
    folder, name = parts[0], parts[-1]
    if folder in PLUGINS_KEPT_WHOLE:
        return True
    pattern = PLUGINS_KEPT_BY_NAME.get(folder)
    return pattern is not None and pattern.fullmatch(name) is not None


def is_shared_library(entry: Entry) -> bool:
    """A library others link to, as opposed to a root: an extension module, plugin or program."""
    destination, _source, typecode = entry
    path = PurePosixPath(destination)
    if typecode != "BINARY" or path.is_relative_to(QT / "plugins"):
        return False
    return path.name.startswith("lib") and ".so" in path.name and path.parent.name != "libexec"


def trim(
    binaries: list[Entry],
    datas: list[Entry],
    needed_by: Callable[[str], Iterable[str]],
    loaded_by_name: Iterable[str] = LOADED_BY_NAME,
) -> tuple[list[Entry], list[Entry]]:
    """The binaries and data files left once the rules above are applied.

    ``needed_by(source)`` names (file names) every library a binary loads, transitively
    (ldd's answer). A shared library stays if a kept root needs it; the roots are the
    extension modules, plugins and programs kept, and the libraries ``loaded_by_name``,
    which no binary links to because they are opened by name at run time.
    """
    wanted = [entry for entry in binaries if is_wanted(entry[0])]
    loaded = set(loaded_by_name)
    roots = [entry for entry in wanted if not is_shared_library(entry) or _name(entry) in loaded]
    needed = set(loaded)
    for _destination, source, _typecode in roots:
        needed.update(needed_by(source))
    binaries = [entry for entry in wanted if not is_shared_library(entry) or _name(entry) in needed]
    datas = [entry for entry in datas if is_wanted(entry[0])]
    kept_files = {entry[0] for entry in binaries + datas if entry[2] != "SYMLINK"}
    # PyInstaller links each library into the top folder too (a data entry whose source
    # is the link's target): drop the links to what is gone.
    datas = [entry for entry in datas if entry[2] != "SYMLINK" or entry[1] in kept_files]
    return binaries, datas


def _name(entry: Entry) -> str:
    return PurePosixPath(entry[0]).name


def strip_symbols(binaries: list[Entry], cache: Path) -> list[Entry]:
    """The binaries, each with a symbol table taken out where that makes it smaller.

    Stripped copies go to ``cache`` (named by the original's path, so a rebuild reuses
    them while the original is unchanged). Without binutils' strip, nothing changes.
    """
    strip = shutil.which("strip")
    if strip is None:
        return binaries
    cache.mkdir(parents=True, exist_ok=True)
    return [_stripped(entry, strip, cache) for entry in binaries]


def _stripped(entry: Entry, strip: str, cache: Path) -> Entry:
    destination, source, typecode = entry
    if typecode not in ("BINARY", "EXTENSION"):
        return entry
    original = Path(source)
    stat = original.stat()
    key = f"{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()
    copy = cache / f"{hashlib.sha256(key).hexdigest()[:16]}-{original.name}"
    if not copy.exists():
        done = subprocess.run(
            [strip, "--strip-unneeded", "-o", str(copy), source], capture_output=True, check=False
        )
        if done.returncode != 0 or copy.stat().st_size >= stat.st_size:
            copy.unlink(missing_ok=True)
            copy.symlink_to(original)  # remembered: this one stays as it is
    if copy.is_symlink():
        return entry
    return destination, str(copy), typecode
