"""The photo desk's side of the newsroom: the library, captions, code replacements.

``PhotoDesk`` is part of ``Newsroom`` (a mixin, so the class stays readable):
importing photos with their metadata, finding them, batch captioning,
attaching a photo to an article with its caption prefilled, and the table of
code replacements expanded in captions and credits.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from newsroom.article import Article, ArticleSummary, PhotoUse
from newsroom.article_json import LEAD_MAX, PhotoFile
from newsroom.errors import NotFoundError, ValidationError
from newsroom.photos import ARTICLE_WIDTH, Rendition, inspect_image
from newsroom.photos import codes as code_table
from newsroom.photos.embed import embed_metadata
from newsroom.photos.library import (
    METADATA_VERSION,
    Photo,
    TemplateError,
    fill_template,
    media_tag,
)
from newsroom.storage import reads
from newsroom.storage.backend import backend_of
from newsroom.storage.writer import Writer
from newsroom.text import forbidden_character, one_line

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

# The photo's own fields the desk may set (batch captioning, import --caption).
DESK_FIELDS = (
    "description",
    "credit",
    "copyright",
    "creator",
    "headline",
    "title",
    "city",
    "country",
)


@dataclasses.dataclass(frozen=True)
class PhotoImport:
    photo: Photo
    created: bool
    warnings: tuple[str, ...] = ()


class PhotoDesk:
    author: str

    # Provided by Newsroom.
    def _transaction(self, *, write: bool = False) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def _reading(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def get(self, ref: int | str, *, include_deleted: bool = False) -> Article:
        raise NotImplementedError

    def save(self, article: Article, *, summary: str = "", author: str | None = None,
             force: bool = False, take_over: bool = False) -> Article:  # fmt: skip
        raise NotImplementedError

    def rendition(self, sha256: str, width: int = ARTICLE_WIDTH, fmt: str = "jpeg") -> Rendition:
        raise NotImplementedError

    # --- files that leave the newsroom -------------------------------------------

    def captioned_rendition(
        self, use: PhotoUse, width: int = ARTICLE_WIDTH, fmt: str = "jpeg"
    ) -> Rendition:
        """A rendition for a page or a feed, carrying this use's caption and credit.

        The creator and copyright are the photo's own. They are written as XMP
        (and, in JPEG, IPTC IIM) into the cached rendition's bytes, without
        re-encoding it; nothing else rides along (no GPS, no camera serials).
        """
        photo = self.photo_record(use.sha256)
        return self._embedded(photo, use.caption, use.credit, width, fmt)

    def media_tag(self, use: PhotoUse) -> str:
        """The tag naming the file of this use's captioned rendition."""
        photo = self.photo_record(use.sha256)
        return media_tag(
            self.rendition_recipe(), use.caption, use.credit, photo.creator, photo.copyright
        )

    def rendition_recipe(self) -> str:
        raise NotImplementedError

    def photo_export(
        self, ref: int | str, *, width: int = ARTICLE_WIDTH, fmt: str = "jpeg"
    ) -> Rendition:
        """A rendition of a library photo with its own caption (description) and credit."""
        photo = self.photo_record(ref)
        return self._embedded(photo, photo.description, photo.credit, width, fmt)

    def _embedded(self, photo: Photo, caption: str, credit: str, width: int, fmt: str) -> Rendition:
        plain = self.rendition(photo.sha256, width, fmt)
        data = embed_metadata(
            plain.data, fmt, caption=caption, credit=credit, creator=photo.creator,
            copyright=photo.copyright,
        )  # fmt: skip
        return dataclasses.replace(plain, data=data)

    # --- the library --------------------------------------------------------

    def import_photo(
        self,
        data: bytes,
        *,
        filename: str = "",
        caption: str | None = None,
        credit: str | None = None,
    ) -> PhotoImport:
        """Store a photo (once per distinct file) with its metadata.

        ``caption`` and ``credit`` set the photo's own description and credit
        (codes expanded) over what its file says. Raises ImageError for bytes
        that are not a usable photo; unreadable metadata only warns.
        """
        info = inspect_image(data)
        desk = self._desk_fields(description=caption, credit=credit)
        with self._transaction(write=True) as connection:
            existed = reads.photo(connection, info.sha256) is not None
            writer = Writer(connection, self.author)
            photo_id = writer.store_photo(
                PhotoFile(data, info, filename or "photo"), filename=filename, desk=desk
            )
            record = reads.photo(connection, photo_id)
        assert record is not None
        return PhotoImport(record, created=not existed, warnings=tuple(writer.warnings))

    def photo_record(self, ref: int | str) -> Photo:
        """A photo by id or SHA-256 (a prefix of 8 or more hex digits will do)."""
        with self._reading() as connection:
            found = reads.photo(connection, ref)
        if found is None:
            raise NotFoundError(f"photo {ref}: not in this newsroom (give its id or SHA-256)")
        return found

    def photo_list(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        creator: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Photo]:
        """The library, newest first; filtered by date created (ISO dates) and creator."""
        with self._reading() as connection:
            return reads.photos(
                connection, since=since, until=until, creator=creator, limit=limit, offset=offset
            )

    def search_photos(self, query: str, *, limit: int = 50) -> list[Photo]:
        """Photos whose description, captions, credit or keywords match, best first."""
        with self._reading() as connection:
            ranked = backend_of(connection).fulltext.search_photos(connection, query, limit=limit)
            found = {p.id: p for p in reads.photos(connection, ids=[i for i, _ in ranked])}
        return [found[photo_id] for photo_id, _ in ranked if photo_id in found]

    def photo_users(self, ref: int | str) -> list[ArticleSummary]:
        """Every article (not deleted) that shows this photo."""
        photo = self.photo_record(ref)
        with self._reading() as connection:
            return reads.photo_users(connection, photo.id)

    def batch_caption(
        self,
        refs: Sequence[int | str],
        *,
        caption: str | None = None,
        credit: str | None = None,
        copyright: str | None = None,
    ) -> list[Photo]:
        """Caption many photos at once: ``caption`` is a template filled from each photo.

        Placeholders such as ``{city}``, ``{date}``, ``{creator}`` come from the
        photo's metadata; codes are expanded afterwards. All or nothing.
        """
        photos = [self.photo_record(ref) for ref in refs]
        if caption is not None:
            try:
                fill_template(caption, photos[0].metadata) if photos else None
            except TemplateError as error:
                raise ValidationError.single("caption", str(error)) from None
        table = self.codes()
        with self._transaction(write=True) as connection:
            writer = Writer(connection, self.author)
            for photo in photos:
                fields: dict[str, Any] = {}
                if caption is not None:
                    fields["description"] = fill_template(caption, photo.metadata)
                if credit is not None:
                    fields["credit"] = credit
                if copyright is not None:
                    fields["copyright"] = copyright
                checked = self._desk_fields(table=table, **fields)
                if checked:
                    writer.update_photo(photo.id, checked)
            return [found for p in photos if (found := reads.photo(connection, p.id))]

    def attach_photo(
        self,
        ref: int | str,
        photo_ref: int | str,
        *,
        caption: str | None = None,
        credit: str | None = None,
        alt: str | None = None,
        take_over: bool = False,
    ) -> Article:
        """Give an article this photo; caption, credit and alt are prefilled from the photo.

        The caption and credit are the article's own (codes expanded): the
        photo keeps its description whatever the article says.
        """
        photo = self.photo_record(photo_ref)
        table = self.codes()
        use = prefilled_use(photo, caption=caption, credit=credit, alt=alt)
        use = dataclasses.replace(
            use,
            caption=code_table.expand(use.caption, table),
            credit=code_table.expand(use.credit, table),
        )
        article = self.get(ref)
        return self.save(
            article.with_changes(photo=use), summary="Attached a photo", take_over=take_over
        )

    def reread_photo_metadata(self) -> tuple[int, list[str]]:
        """Read the metadata of photos stored before (or by an older) reader."""
        with self._transaction(write=True) as connection:
            writer = Writer(connection, self.author)
            ids = reads.photos_to_reread(connection, METADATA_VERSION)
            for photo_id in ids:
                writer.reread_photo(photo_id)
        return len(ids), writer.warnings

    # --- code replacements ---------------------------------------------------

    def codes(self) -> dict[str, str]:
        with self._reading() as connection:
            return reads.codes(connection)

    def set_codes(self, table: Mapping[str, str], *, replace: bool = True) -> dict[str, str]:
        with self._transaction(write=True) as connection:
            Writer(connection, self.author).set_codes(table, replace=replace)
            return reads.codes(connection)

    def expand_codes(self, text: str) -> str:
        return code_table.expand(text, self.codes())

    # --- checks ----------------------------------------------------------------

    def _desk_fields(
        self, table: Mapping[str, str] | None = None, **given: str | None
    ) -> dict[str, str]:
        """Fields as the desk typed them: codes expanded, checked like article text."""
        codes = self.codes() if table is None else table
        fields: dict[str, str] = {}
        for name, value in given.items():
            if value is None:
                continue
            text = code_table.expand(value, codes)
            problem = forbidden_character(text)
            if problem:
                raise ValidationError.single(name, problem)
            text = text.strip() if name == "description" else one_line(text)
            if len(text) > LEAD_MAX:
                raise ValidationError.single(name, f"at most {LEAD_MAX} characters")
            fields[name] = text
        return fields


def prefilled_use(
    photo: Photo, *, caption: str | None = None, credit: str | None = None, alt: str | None = None
) -> PhotoUse:
    """A use of ``photo`` with whatever is not given taken from the photo's own fields."""
    meta = photo.metadata
    return PhotoUse(
        sha256=photo.sha256,
        caption=meta.description if caption is None else caption,
        credit=meta.credit if credit is None else credit,
        # Alt text says what is in the picture: the headline (a synopsis), else the caption.
        alt=(meta.headline or meta.description) if alt is None else alt,
    )
