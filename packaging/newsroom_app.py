"""The bundle's entry point (PyInstaller freezes this script): the app, or with
``--newsroom-cli ARGS`` the ``newsroom`` command line (see ``ui.app.main``)."""

from __future__ import annotations

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
