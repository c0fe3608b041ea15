"""The stored body HTML, packed against the body it was made from.

The HTML is the body's Markdown with tags around it: deflated with the
Markdown as zlib's preset dictionary, 2.5 KB of HTML for ~400 words keeps
about 90 bytes, and unpacking takes microseconds (rendering it again takes
half a millisecond). Unpacking needs the very body it was packed with,
which is the article row's own ``body``: the two are written together.
"""

from __future__ import annotations

import zlib

# Deflate keeps a 32 KiB window: a longer body's last 32 KiB serve as the dictionary.
WINDOW = 32 * 1024


def pack_html(html: str, body: str) -> bytes:
    packer = zlib.compressobj(6, zdict=_dictionary(body))
    return packer.compress(html.encode("utf-8")) + packer.flush()


def unpack_html(packed: bytes, body: str) -> str | None:
    """The HTML packed against ``body``; None when ``body`` is not the one it was packed with."""
    try:
        unpacker = zlib.decompressobj(zdict=_dictionary(body))
        html = unpacker.decompress(packed) + unpacker.flush()
        return html.decode("utf-8") if unpacker.eof else None
    except (zlib.error, UnicodeDecodeError):
        return None


def _dictionary(body: str) -> bytes:
    # zlib refuses an empty dictionary; a body of nothing packs against one space.
    return body.encode("utf-8")[-WINDOW:] or b" "
