"""``newsroom photo …`` and ``newsroom codes …``: the photo desk on the command line.

    photo import FILE... [--caption T] [--credit T] [--json]
    photo list [--since DATE] [--until DATE] [--creator NAME] [--limit N] [--json]
    photo show ID [--json] | search QUERY [--json] | export ID --out DIR [--size N]
    photo attach REF PHOTO_ID [--caption T] [--credit T] [--alt T] [--force]
    photo batch PHOTO_ID... --caption TEMPLATE [--credit T] [--copyright T]
    codes import FILE [--merge] | list | expand TEXT

A photo is named by its id or its SHA-256 (eight hex digits or more do).
Bad files are refused before anything is stored, one line each.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.cli_locks import add_force_option, take_over_if_forced
from newsroom.cli_support import (
    command_group,
    input_label,
    line,
    open_newsroom,
    positive,
    print_json,
    read_input,
    warn,
)
from newsroom.errors import NewsroomError, ValidationError

if TYPE_CHECKING:
    from newsroom.photos.library import Photo

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# newsroom.photos.RENDITION_FORMATS, named here so that building the parser needs no
# Pillow (tests/test_cli_start.py keeps the two equal).
RENDITION_FORMATS = ("jpeg", "webp")


def _read_photo_file(name: str) -> bytes:
    from newsroom.photos import ImageError, inspect_image

    data = read_input(name, folder_hint="a photo file", stdin=False)
    try:
        inspect_image(data)
    except ImageError as error:
        raise NewsroomError(f"{name}: {error}") from None
    return data


def cmd_photo_import(args: argparse.Namespace) -> int:
    # Every file is checked before any is stored: a bad one stores nothing.
    files = [(name, _read_photo_file(name)) for name in args.files]
    with open_newsroom(args, create=True) as newsroom:
        imported = []
        for name, data in files:
            result = newsroom.photos.import_photo(
                data, filename=Path(name).name, caption=args.caption, credit=args.credit
            )
            for problem in result.warnings:
                warn(problem.replace(Path(name).name, name, 1))
            imported.append((name, result.photo))
    if args.json:
        print_json([photo.as_json() for _, photo in imported])
    else:
        for name, photo in imported:
            print(line(photo.id, photo.sha256, name))
    return 0


def _photo_line(photo: Photo) -> str:
    first = photo.description.splitlines()[0] if photo.description else ""
    return line(
        photo.id, photo.date_created[:10], f"{photo.width}x{photo.height}", photo.creator,
        first[:100],
    )  # fmt: skip


def _date_argument(text: str) -> str:
    if not _DATE.match(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def cmd_photo_list(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        photos = newsroom.photos.find(
            since=args.since, until=args.until, creator=args.creator, limit=args.limit
        )
    _print_photos(photos, as_json=args.json)
    return 0


def _print_photos(photos: Sequence[Photo], *, as_json: bool) -> None:
    if as_json:
        print_json([photo.as_json() for photo in photos])
    else:
        for photo in photos:
            print(_photo_line(photo))


def cmd_photo_show(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        photo = newsroom.photos.record(args.photo)
        users = newsroom.photos.users(photo.id)
    if args.json:
        print_json(photo.as_json())
        return 0
    record = photo.as_json()
    record["keywords"] = ", ".join(record["keywords"])
    width = max(len(key) for key in record)
    for key, value in record.items():
        if value not in ("", None):
            print(f"{key:<{width}}  {value}")
    print(
        f"{'used in':<{width}}  "
        + (", ".join(f"{a.slug} (id {a.id})" for a in users) or "no article")
    )
    return 0


def cmd_photo_search(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        photos = newsroom.photos.search(args.query, limit=args.limit)
    _print_photos(photos, as_json=args.json)
    return 0


def cmd_photo_export(args: argparse.Namespace) -> int:
    from newsroom.export.files import write_atomically

    out = Path(args.out).expanduser()
    if out.exists() and not out.is_dir():
        raise NewsroomError(f"{out}: is a file; give a folder to export into")
    with open_newsroom(args) as newsroom:
        photo = newsroom.photos.record(args.photo)
        rendition = newsroom.photos.export(photo.id, width=args.size, fmt=args.format)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{photo.sha256[:20]}-{args.size}.{rendition.extension}"
    write_atomically(target, rendition.data)
    print(target)
    return 0


def cmd_photo_attach(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        article = newsroom.photos.attach(
            args.ref, args.photo, caption=args.caption, credit=args.credit, alt=args.alt,
            take_over=take_over_if_forced(newsroom, args, args.ref),
        )  # fmt: skip
    assert article.photo is not None
    print(line(article.id, article.slug, article.photo.sha256, article.photo.caption))
    return 0


def cmd_photo_batch(args: argparse.Namespace) -> int:
    from newsroom.photos.library import TemplateError, check_template

    if args.caption is None and args.credit is None and args.copyright is None:
        raise NewsroomError("photo batch: give --caption, --credit or --copyright")
    if args.caption is not None:
        try:
            check_template(args.caption)
        except TemplateError as error:
            raise ValidationError.single("caption", str(error)) from None
    with open_newsroom(args) as newsroom:
        photos = newsroom.photos.batch_caption(
            args.photos, caption=args.caption, credit=args.credit, copyright=args.copyright
        )
    for photo in photos:
        print(line(photo.id, photo.description, photo.credit, photo.copyright))
    return 0


def cmd_codes_import(args: argparse.Namespace) -> int:
    from newsroom.photos import codes as code_table

    label = input_label(args.file)
    raw = read_input(args.file, folder_hint="a code table (code<TAB>text)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NewsroomError(f"{label}: not UTF-8 text; save the table as UTF-8") from None
    table = code_table.parse_table(text, label)
    with open_newsroom(args, create=True) as newsroom:
        stored = newsroom.photos.set_codes(table, replace=not args.merge)
    print(f"{len(table)} codes read; the table holds {len(stored)}")
    return 0


def cmd_codes_list(args: argparse.Namespace) -> int:
    from newsroom.photos import codes as code_table

    with open_newsroom(args) as newsroom:
        table = newsroom.photos.codes()
    sys.stdout.write(code_table.format_table(table))
    return 0


def cmd_codes_expand(args: argparse.Namespace) -> int:
    from newsroom.photos import codes as code_table

    with open_newsroom(args) as newsroom:
        table = newsroom.photos.codes()
    for code in code_table.unknown(args.text, table):
        warn(f"{code} is not in the code table; left as it is")
    print(code_table.expand(args.text, table))
    return 0


def add_photo_commands(commands: Any) -> None:
    """The ``photo`` and ``codes`` command groups, added to the main parser's subcommands."""
    verb = command_group(
        commands, "photo", "the photo library: import, find, caption, attach, export",
        "The photo library.",
    )  # fmt: skip

    imp = verb("import", cmd_photo_import, "store photos (once each) with their metadata")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--caption", help="the photo's caption (description); codes expanded")
    imp.add_argument("--credit", help="the photo's credit; codes expanded")
    imp.add_argument("--json", action="store_true", help="print the photo records")

    listing = verb("list", cmd_photo_list, "the library, newest first")
    listing.add_argument("--since", type=_date_argument, help="created on or after (YYYY-MM-DD)")
    listing.add_argument("--until", type=_date_argument, help="created on or before (YYYY-MM-DD)")
    listing.add_argument("--creator", help="the photographer's name, or part of it")
    listing.add_argument("--limit", type=positive)
    listing.add_argument("--json", action="store_true")

    show = verb("show", cmd_photo_show, "one photo's record and the articles that use it")
    show.add_argument("photo", metavar="ID")
    show.add_argument("--json", action="store_true")

    find = verb(
        "search", cmd_photo_search, "full text over description, captions, credit, keywords"
    )
    find.add_argument("query", metavar="QUERY")
    find.add_argument("--limit", type=positive, default=50)
    find.add_argument("--json", action="store_true")

    export = verb("export", cmd_photo_export, "a rendition with its caption and credit embedded")
    export.add_argument("photo", metavar="ID")
    export.add_argument("--out", required=True, metavar="DIR")
    export.add_argument(
        "--size", type=positive, default=1200, help="width in pixels (default 1200)"
    )
    export.add_argument("--format", choices=RENDITION_FORMATS, default="jpeg")

    attach = verb("attach", cmd_photo_attach, "give an article a photo (caption prefilled from it)")
    attach.add_argument("ref", metavar="REF")
    attach.add_argument("photo", metavar="PHOTO_ID")
    attach.add_argument("--caption")
    attach.add_argument("--credit")
    attach.add_argument("--alt")
    add_force_option(attach)

    batch = verb(
        "batch", cmd_photo_batch, "caption many photos: {city}, {date}, {creator}… filled in"
    )
    batch.add_argument("photos", nargs="+", metavar="PHOTO_ID")
    batch.add_argument("--caption", metavar="TEMPLATE")
    batch.add_argument("--credit")
    batch.add_argument("--copyright")

    code = command_group(
        commands, "codes", "code replacements for captions and credits (=lav= → a full name)",
        "Code replacements.",
    )  # fmt: skip
    codes_import = code(
        "import", cmd_codes_import, "read a code<TAB>text file (replaces the table)"
    )
    codes_import.add_argument("file", metavar="FILE")
    codes_import.add_argument("--merge", action="store_true", help="add to the table instead")
    code("list", cmd_codes_list, "the table, as code<TAB>text")
    expand = code("expand", cmd_codes_expand, "expand the codes in a text")
    expand.add_argument("text", metavar="TEXT")
