"""The photo desk's side of the newsroom: the library, captions, code replacements.

``PhotoDesk`` is ``newsroom.photos``, a part of ``Newsroom`` sharing its
database: each photo's bytes and renditions, importing photos with their
metadata, finding them, batch captioning, attaching a photo to an article
with its caption prefilled, and the table of code replacements expanded in
captions and credits.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from newsroom.article import Article, ArticleSummary, PhotoUse
from newsroom.errors import NotFoundError, ValidationError
from newsroom.photos import (
    ARTICLE_WIDTH,
    ImageInfo,
    Rendition,
    inspect_image,
    make_rendition,
    recipe,
)
from newsroom.photos import codes as code_table
from newsroom.storage import reads
from newsroom.storage.backend import backend_of
from newsroom.text import forbidden_character, one_line

# The writer, the JSON format and the photo library's metadata (lxml) are imported where
# they are used: ``show`` asks an article's photo for its facts and needs none of them.
if TYPE_CHECKING:
    from newsroom.photos.library import Photo
    from newsroom.settings import Settings
    from newsroom.storage.database import Database

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


class Articles(Protocol):
    """What the photo desk asks of the newsroom it is part of."""

    author: str

    def settings(self) -> Settings: ...

    def get(self, ref: int | str, *, include_deleted: bool = False) -> Article: ...

    def save(
        self, article: Article, *, summary: str = "", author: str | None = None,
        force: bool = False, take_over: bool = False,
    ) -> Article: ...  # fmt: skip


class PhotoDesk:
    """``newsroom.photos``: the photo library of one newsroom, its files and renditions.

    It shares the newsroom's database (``Database``) and asks the newsroom
    (``Articles``) for what belongs to articles: its settings, and loading and
    saving an article when a photo is attached.
    """

    def __init__(self, db: Database, articles: Articles) -> None:
        self._db = db
        self._articles = articles

    # --- one photo's bytes and its renditions ---------------------------------

    def info(self, sha256: str) -> ImageInfo:
        with self._db.reading() as connection:
            info = reads.photo_info(connection, sha256)
        if info is None:
            raise NotFoundError(f"photo {sha256}: not in this newsroom")
        return info

    def data(self, sha256: str) -> bytes:
        with self._db.reading() as connection:
            data = reads.photo_data(connection, sha256)
        if data is None:
            raise NotFoundError(f"photo {sha256}: not in this newsroom")
        return data

    def rendition(self, sha256: str, width: int = ARTICLE_WIDTH, fmt: str = "jpeg") -> Rendition:
        """A web copy of a photo (never the original), made the first time and kept.

        Kept per size, format and recipe (the encoder and the newsroom's
        quality settings): change a quality setting and renditions are made again.
        """
        quality = self._articles.settings().rendition_quality
        made_with = recipe(quality)
        with self._db.reading() as connection:
            stored = reads.rendition(connection, sha256, width, fmt, made_with)
        if stored is not None:
            return stored
        made = make_rendition(self.data(sha256), width, fmt, quality[fmt])
        self.store_rendition(sha256, width, made, made_with)
        return made

    def recipe(self) -> str:
        return recipe(self._articles.settings().rendition_quality)

    def has_rendition(self, sha256: str, width: int, fmt: str, made_with: str) -> bool:
        with self._db.reading() as connection:
            return reads.has_rendition(connection, sha256, width, fmt, made_with)

    def store_rendition(
        self, sha256: str, width: int, rendition: Rendition, made_with: str
    ) -> None:
        """Keep a rendition made elsewhere (e.g. by a worker process).

        Renditions are a cache: a read-only newsroom makes them each time
        and keeps none, so exports work there.
        """
        from newsroom.storage.writer import Writer

        if self._db.read_only:
            return
        with self._db.transaction(write=True) as connection:
            Writer(connection, self._articles.author).store_rendition(
                sha256, width, rendition, made_with
            )

    def rendition_sizes(
        self, hashes: Sequence[str], width: int, fmt: str, made_with: str
    ) -> dict[str, tuple[int, int]]:
        with self._db.reading() as connection:
            return reads.rendition_sizes(connection, hashes, width, fmt, made_with)

    def records(self, hashes: Sequence[str]) -> list[Photo]:
        with self._db.reading() as connection:
            return reads.photos(connection, hashes=hashes)

    def add(self, data: bytes) -> ImageInfo:
        """Store a photo (once per distinct file) and describe it."""
        from newsroom.article_json import PhotoFile
        from newsroom.storage.writer import Writer

        info = inspect_image(data)
        with self._db.transaction(write=True) as connection:
            Writer(connection, self._articles.author).store_photo(PhotoFile(data, info, "data"))
        return info

    # --- files that leave the newsroom -------------------------------------------

    def captioned_rendition(
        self, use: PhotoUse, width: int = ARTICLE_WIDTH, fmt: str = "jpeg"
    ) -> Rendition:
        """A rendition for a page or a feed, carrying this use's caption and credit.

        The creator and copyright are the photo's own. They are written as XMP
        (and, in JPEG, IPTC IIM) into the cached rendition's bytes, without
        re-encoding it; nothing else rides along (no GPS, no camera serials).
        """
        photo = self.record(use.sha256)
        return self._embedded(photo, use.caption, use.credit, width, fmt)

    def media_tag(self, use: PhotoUse) -> str:
        """The tag naming the file of this use's captioned rendition."""
        from newsroom.photos import library

        photo = self.record(use.sha256)
        return library.media_tag(
            self.recipe(), use.caption, use.credit, photo.creator, photo.copyright
        )

    def export(self, ref: int | str, *, width: int = ARTICLE_WIDTH, fmt: str = "jpeg") -> Rendition:
        """A rendition of a library photo with its own caption (description) and credit."""
        photo = self.record(ref)
        return self._embedded(photo, photo.description, photo.credit, width, fmt)

    def _embedded(self, photo: Photo, caption: str, credit: str, width: int, fmt: str) -> Rendition:
        from newsroom.photos.embed import embed_metadata

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
        from newsroom.article_json import PhotoFile
        from newsroom.storage.writer import Writer

        info = inspect_image(data)
        desk = self._desk_fields(description=caption, credit=credit)
        with self._db.transaction(write=True) as connection:
            existed = reads.photo(connection, info.sha256) is not None
            writer = Writer(connection, self._articles.author)
            photo_id = writer.store_photo(
                PhotoFile(data, info, filename or "photo"), filename=filename, desk=desk
            )
            record = reads.photo(connection, photo_id)
        assert record is not None
        return PhotoImport(record, created=not existed, warnings=tuple(writer.warnings))

    def record(self, ref: int | str) -> Photo:
        """A photo by id or SHA-256 (a prefix of 8 or more hex digits will do)."""
        with self._db.reading() as connection:
            found = reads.photo(connection, ref)
        if found is None:
            raise NotFoundError(f"photo {ref}: not in this newsroom (give its id or SHA-256)")
        return found

    def find(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        creator: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Photo]:
        """The library, newest first; filtered by date created (ISO dates) and creator."""
        with self._db.reading() as connection:
            return reads.photos(
                connection, since=since, until=until, creator=creator, limit=limit, offset=offset
            )

    def search(self, query: str, *, limit: int = 50) -> list[Photo]:
        """Photos whose description, captions, credit or keywords match, best first."""
        with self._db.reading() as connection:
            ranked = backend_of(connection).fulltext.search_photos(connection, query, limit=limit)
            found = {p.id: p for p in reads.photos(connection, ids=[i for i, _ in ranked])}
        return [found[photo_id] for photo_id, _ in ranked if photo_id in found]

    def users(self, ref: int | str) -> list[ArticleSummary]:
        """Every article (not deleted) that shows this photo."""
        photo = self.record(ref)
        with self._db.reading() as connection:
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
        from newsroom.photos.library import TemplateError, fill_template
        from newsroom.storage.writer import Writer

        photos = [self.record(ref) for ref in refs]
        if caption is not None:
            try:
                fill_template(caption, photos[0].metadata) if photos else None
            except TemplateError as error:
                raise ValidationError.single("caption", str(error)) from None
        table = self.codes()
        with self._db.transaction(write=True) as connection:
            writer = Writer(connection, self._articles.author)
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

    def attach(
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
        photo = self.record(photo_ref)
        table = self.codes()
        use = prefilled_use(photo, caption=caption, credit=credit, alt=alt)
        use = dataclasses.replace(
            use,
            caption=code_table.expand(use.caption, table),
            credit=code_table.expand(use.credit, table),
        )
        article = self._articles.get(ref)
        return self._articles.save(
            article.with_changes(photo=use), summary="Attached a photo", take_over=take_over
        )

    def reread_metadata(self) -> tuple[int, list[str]]:
        """Read the metadata of photos stored before (or by an older) reader."""
        from newsroom.photos.library import METADATA_VERSION
        from newsroom.storage.writer import Writer

        with self._db.transaction(write=True) as connection:
            writer = Writer(connection, self._articles.author)
            ids = reads.photos_to_reread(connection, METADATA_VERSION)
            for photo_id in ids:
                writer.reread_photo(photo_id)
        return len(ids), writer.warnings

    # --- code replacements ---------------------------------------------------

    def codes(self) -> dict[str, str]:
        with self._db.reading() as connection:
            return reads.codes(connection)

    def set_codes(self, table: Mapping[str, str], *, replace: bool = True) -> dict[str, str]:
        from newsroom.storage.writer import Writer

        with self._db.transaction(write=True) as connection:
            Writer(connection, self._articles.author).set_codes(table, replace=replace)
            return reads.codes(connection)

    def expand_codes(self, text: str) -> str:
        return code_table.expand(text, self.codes())

    # --- checks ----------------------------------------------------------------

    def _desk_fields(
        self, table: Mapping[str, str] | None = None, **given: str | None
    ) -> dict[str, str]:
        """Fields as the desk typed them: codes expanded, checked like article text."""
        from newsroom.article_json import LEAD_MAX

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
