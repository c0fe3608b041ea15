"""A JSON list of articles read one article at a time: a million of them in flat memory.

``JsonList`` reads a file a megabyte at a time and decodes each element of
its top-level list with the decoder ``parse_json`` uses (``json_input``), so
an element is held to the same rules: a repeated key, ``NaN`` or a number no
field takes is a ``FieldProblem`` with its path (``[120345].headline``), and
nesting too deep to read is refused. What it holds at once is the unread
rest of the current megabyte and one element; an element larger than
``ITEM_MAX_BYTES`` (an article with the largest photo inline) is refused
rather than read on. Broken JSON is one line naming the file, the line and
column in the whole file, as ``parse_json``'s callers say it.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsroom.errors import NewsroomError, ValidationError
from newsroom.imports.json_input import json_decoder, value_problems
from newsroom.photos import MAX_BYTES as MAX_PHOTO_BYTES

# The largest element: an article with the largest photo inline (base64: 4 characters
# for 3 bytes), and room for its text. The same bound as a whole file dropped to ingest.
ITEM_MAX_BYTES = MAX_PHOTO_BYTES // 3 * 4 + 16 * 1024 * 1024
CHUNK_BYTES = 1 << 20
# A decoding error this close to the end of what has been read may be an element cut
# short by the read, not broken JSON: read on and decode it again.
_NEAR_END = 64
_SPACE = " \t\r\n"


class JsonList:
    """The elements of the JSON list in ``stream``, in order (``items``); ``position`` so far."""

    def __init__(
        self,
        stream: BinaryIO,
        label: str,
        *,
        item_max: int = ITEM_MAX_BYTES,
        chunk_bytes: int = CHUNK_BYTES,
    ) -> None:
        self.stream = stream
        self.label = label
        self.item_max = item_max
        self.chunk_bytes = chunk_bytes
        self.bytes_read = 0
        self._decoder = json_decoder()
        self._utf8 = codecs.getincrementaldecoder("utf-8-sig")()
        self._text = ""
        self._at = 0  # the next character to read in _text
        self._line = 1  # the line and column where _text starts in the file
        self._column = 1
        self._ended = False
        self.elements_read = 0  # yielded so far (a reader ahead of its consumer counts here)

    @property
    def position(self) -> int:
        """About how far into the file the elements read so far reach, in bytes."""
        return max(0, self.bytes_read - (len(self._text) - self._at))

    def read_so_far(self) -> tuple[int, int]:
        """The elements read and how far into the file they reach, taken together."""
        return self.elements_read, self.position

    def items(self) -> Iterator[Any]:
        """Each element, checked as ``parse_json`` checks a document (paths ``[index]…``)."""
        if self._next_character() != "[":
            raise self._broken(self._at, "Expecting '[' (a list of articles)")
        self._at += 1
        if self._next_character() == "]":
            self._at += 1
            self._expect_end()
            return
        index = 0
        while True:
            refused = self._decoder.refused
            value = self._element(index)
            # A clean element needs no walk. (A try cut short by a read may have marked
            # something already: the walk of what was read whole says.)
            problems = (
                value_problems(value, f"[{index}]") if self._decoder.refused != refused else []
            )
            if problems:
                raise ValidationError(problems)
            self.elements_read += 1
            yield value
            index += 1
            following = self._next_character()
            self._at += 1
            if following == "]":
                self._expect_end()
                return
            if following != ",":
                raise self._broken(self._at - 1, "Expecting ',' delimiter")
            self._next_character()

    def _element(self, index: int) -> Any:
        while True:
            self._drop_read()
            try:
                value, end = self._decoder.raw_decode(self._text, self._at)
            except json.JSONDecodeError as error:
                if self._ended or not self._maybe_cut(error):
                    raise self._broken(error.pos, error.msg) from None
                self._read_more(index)
                continue
            except RecursionError:
                raise NewsroomError(f"{self.label}: nested too deeply to read") from None
            if end == len(self._text) and not self._ended:
                self._read_more(index)  # a number may go on in the next read
                continue
            self._at = end
            return value

    def _maybe_cut(self, error: json.JSONDecodeError) -> bool:
        return error.pos >= len(self._text) - _NEAR_END or error.msg.startswith(
            "Unterminated string"
        )

    def _read_more(self, index: int) -> None:
        if len(self._text) - self._at > self.item_max:
            raise NewsroomError(
                f"{self.label}: article [{index}] is more than {self.item_max // 2**20} MB "
                "of JSON; no article is that large (split the file or check it)"
            )
        self._read()

    def _next_character(self) -> str:
        """The next character that is not white space ('' at the end), not consumed."""
        while True:
            while self._at < len(self._text) and self._text[self._at] in _SPACE:
                self._at += 1
            if self._at < len(self._text) or self._ended:
                return self._text[self._at : self._at + 1]
            self._drop_read()
            self._read()

    def _expect_end(self) -> None:
        if self._next_character():
            raise self._broken(self._at, "Extra data")

    def _read(self) -> None:
        data = self.stream.read(self.chunk_bytes)
        pending: bytes = self._utf8.getstate()[0]  # a character's first bytes, read before
        try:
            self._text += self._utf8.decode(data, final=not data)
        except UnicodeDecodeError as error:
            where = self.bytes_read - len(pending) + error.start
            raise NewsroomError(
                f"{self.label}: not UTF-8 text (byte 0x{error.object[error.start]:02x} "
                f"at position {where})"
            ) from None
        self.bytes_read += len(data)
        self._ended = not data

    def _drop_read(self) -> None:
        """Forget what is decoded once it is most of what is held (keeping line and column)."""
        if self._at < self.chunk_bytes // 2 or self._at * 2 < len(self._text):
            return
        self._line, self._column = self._place(self._at)
        self._text = self._text[self._at :]
        self._at = 0

    def _place(self, at: int) -> tuple[int, int]:
        """The line and column in the file of ``_text[at]``."""
        lines = self._text.count("\n", 0, at)
        if not lines:
            return self._line, self._column + at
        return self._line + lines, at - self._text.rfind("\n", 0, at)

    def _broken(self, at: int, message: str) -> NewsroomError:
        line, column = self._place(at)
        return NewsroomError(
            f"{self.label}: not valid JSON (line {line}, column {column}: {message})"
        )
