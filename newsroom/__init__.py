"""Newsroom's headless core: articles, the one-file newsroom, search and the CLI.

Nothing in this package imports Qt (one PDF module, added with the exports,
is the exception and is imported lazily); ``tests/test_boundaries.py`` keeps
that true.
"""

__version__ = "0.1.0"
