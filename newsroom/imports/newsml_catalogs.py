"""NewsML-G2 qcodes resolved through the item's catalogs, never compared as alias strings.

A qcode ``alias:code`` means the concept ``<scheme URI><code>``, where the
item's catalogs bind the alias to the scheme URI: an embedded
``<catalog><scheme alias="…" uri="…"/></catalog>`` or a ``catalogRef`` to a
remote catalog. The same scheme has different aliases in different catalogs
(IPTC's Nature of News Item is ``ninat`` in IPTC's catalog and ``icls`` in
some agencies' files), so readers compare resolved concepts only.

Remote catalogs are never fetched (an import never goes to the network): the
well-known ones are a table here, each with where its aliases come from. An
item that names no catalog at all is read with IPTC's aliases, as minimal
files and older hand-written ones assume; an alias that no catalog of the
item defines is an error naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from newsroom.errors import NewsroomError
from newsroom.imports.xml_input import children

NEWSCODES = "http://cv.iptc.org/newscodes/"

# IPTC's standard catalog (catalog.IPTC-G2-Standards_<n>.xml): the schemes Newsroom reads,
# as every version from 1 to 41 binds them (iptc/catalog on GitHub, www.iptc.org/std/catalog/).
IPTC_SCHEMES = {
    "ninat": f"{NEWSCODES}ninature/",
    "stat": f"{NEWSCODES}pubstatusg2/",
    "drol": f"{NEWSCODES}descriptionrole/",
    "irel": f"{NEWSCODES}itemrelation/",
    "nprov": f"{NEWSCODES}newsprovider/",
    "cpnat": f"{NEWSCODES}cpnature/",
    "rnd": f"{NEWSCODES}rendition/",
    "genre": f"{NEWSCODES}genre/",
    "medtop": f"{NEWSCODES}mediatopic/",
    "subj": f"{NEWSCODES}subjectcode/",
}
_IPTC_CATALOG = re.compile(
    r"^https?://(www\.)?iptc\.org/std/catalog/catalog\.IPTC-G2-Standards_\d+\.xml$"
)
# Reuters' catalog, which Reuters' items (Refinitiv's news API and feeds) name as their only
# catalogRef while using IPTC's aliases (ninat:text, stat:usable, drol:…): it carries IPTC's
# schemes. The Reuters files reported in issue 14 class their text as icls:text under this
# catalog, so icls is taken as the Nature of News Item too. (The catalog file itself is not
# fetched and could not be read here: this is what Reuters' items show of it.)
REUTERS_CATALOG = (
    "http://xml.media.reuters.com/g2-standards/catalogs/ReutersMedia_G2-Standards-Catalog_v1.xml"
)
KNOWN_CATALOGS: dict[str, dict[str, str]] = {
    REUTERS_CATALOG: {**IPTC_SCHEMES, "icls": IPTC_SCHEMES["ninat"]},
}

TEXT = (IPTC_SCHEMES["ninat"], "text")
PICTURE = (IPTC_SCHEMES["ninat"], "picture")
COMPOSITE = (IPTC_SCHEMES["ninat"], "composite")


class Concept(NamedTuple):
    """A resolved qcode: its scheme's URI and the code in that scheme."""

    scheme: str
    code: str

    def same(self, other: tuple[str, str]) -> bool:
        return _scheme_key(self.scheme) == _scheme_key(other[0]) and self.code == other[1]


def _scheme_key(uri: str) -> str:
    # Catalogs write IPTC's scheme URIs with or without the final slash, http or https.
    return uri.removeprefix("https://").removeprefix("http://").rstrip("/")


class Catalogs:
    """The aliases an item may use: its own catalogs and those of the message around it."""

    def __init__(self, scopes: Iterable[Any]) -> None:
        self.aliases: dict[str, str] = {}
        self.unknown_refs: list[str] = []
        declared = False
        for scope in scopes:
            declared = self._read(scope) or declared
        if not declared:
            self.aliases = dict(IPTC_SCHEMES)

    def _read(self, scope: Any) -> bool:
        """Take the catalogs declared directly in ``scope``; whether it declares any."""
        declared = False
        for ref in children(scope, "catalogRef"):
            declared = True
            href = (ref.get("href") or "").strip()
            if _IPTC_CATALOG.match(href):
                self._add(IPTC_SCHEMES)
            elif href in KNOWN_CATALOGS:
                self._add(KNOWN_CATALOGS[href])
            else:
                self.unknown_refs.append(href)
        for catalog in children(scope, "catalog"):
            declared = True
            for scheme in children(catalog, "scheme"):
                alias, uri = scheme.get("alias"), scheme.get("uri")
                if alias and uri:
                    self.aliases[alias] = uri
        return declared

    def _add(self, schemes: dict[str, str]) -> None:
        for alias, uri in schemes.items():
            self.aliases.setdefault(alias, uri)  # an embedded catalog's binding wins

    def concept(self, element: Any, qcode_attr: str = "qcode", uri_attr: str = "uri") -> Concept:
        """The concept an element's qcode (or concept URI) names; an error for an unknown alias."""
        if element is None:
            return Concept("", "")
        qcode = (element.get(qcode_attr) or "").strip()
        if not qcode:
            return _from_uri((element.get(uri_attr) or "").strip())
        alias, colon, code = qcode.partition(":")
        if not colon:
            return Concept("", qcode)
        if alias not in self.aliases:
            raise NewsroomError(self._unknown(qcode, alias))
        return Concept(self.aliases[alias], code)

    def lenient(self, qcode: str) -> Concept:
        """A role's concept; an unknown alias keeps only the code (roles vary by sender)."""
        alias, colon, code = qcode.strip().partition(":")
        if not colon:
            return Concept("", qcode.strip())
        return Concept(self.aliases.get(alias, ""), code)

    def _unknown(self, qcode: str, alias: str) -> str:
        if self.unknown_refs:
            where = (
                "its catalogs (" + ", ".join(self.unknown_refs) + ") are not ones Newsroom knows"
            )
        else:
            where = "none of its catalogs defines it"
        return (
            f"the qcode {qcode!r} uses the scheme alias {alias!r} and {where}; add "
            f'<catalog><scheme alias="{alias}" uri="…"/></catalog> to the item'
        )


def _from_uri(uri: str) -> Concept:
    """A concept given by its URI: the scheme is everything up to the last slash."""
    scheme, slash, code = uri.rpartition("/")
    return Concept(scheme + slash, code) if slash else Concept("", uri)
