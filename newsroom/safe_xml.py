"""The one XML parser for documents from outside: imported files and photos' XMP packets.

It never touches the network, never loads a DTD, never expands entities, drops
comments and processing instructions, and keeps libxml2's limits on depth and
text size (no ``huge_tree``).
"""

from __future__ import annotations

from typing import Any

from lxml import etree


def untrusted_parser() -> Any:
    """A fresh lxml parser for untrusted XML (parsers are not shared between threads)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
