"""The photo library: storing with metadata, finding, captioning, attaching, code replacements."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from newsroom.article import Article
from newsroom.errors import NotFoundError, ValidationError
from newsroom.photos import codes as code_table
from newsroom.photos.library import TemplateError, check_template, fill_template
from newsroom.photos.metadata import PhotoMetadata
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import write_json
from tests.library.images import encoded, quadrants


def jpeg_with_xmp(description: str, **fields: str) -> bytes:
    """A JPEG whose XMP gives a description, credit, creator, city, keywords, date."""
    props = "".join(
        f"<photoshop:{k}>{v}</photoshop:{k}>"
        for k, v in fields.items()
        if k in ("City", "Country", "Credit", "Headline", "DateCreated")
    )
    creator = fields.get("creator", "")
    keywords = fields.get("keywords", "")
    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{description}</rdf:li></rdf:Alt></dc:description>'
        + (
            f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>"
            if creator
            else ""
        )
        + (
            "<dc:subject><rdf:Bag>"
            + "".join(f"<rdf:li>{k}</rdf:li>" for k in keywords.split(",") if k)
            + "</rdf:Bag></dc:subject>"
            if keywords
            else ""
        )
        + props
        + '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    colour = (hash(description) % 200, 80, 120)
    return encoded(Image.new("RGB", (300, 200), colour), "JPEG", quality=90, xmp=xmp.encode())


@pytest.fixture
def desk(newsroom: Newsroom) -> Newsroom:
    newsroom.photos.set_codes({"lav": "Russian Foreign Minister Sergey Lavrov", "tass": "TASS"})
    return newsroom


def test_a_photo_is_stored_once_with_its_metadata(desk: Newsroom) -> None:
    data = jpeg_with_xmp(
        "Lavrov arrives in Ankara",
        Credit="TASS",
        City="Ankara",
        Country="Turkey",
        creator="Ivan Petrov",
        keywords="diplomacy,Turkey",
        DateCreated="2024-05-01",
    )
    first = desk.photos.import_photo(data, filename="a.jpg")
    again = desk.photos.import_photo(data, filename="copy.jpg")
    assert first.created and not again.created and first.photo.id == again.photo.id
    photo = first.photo
    assert (photo.description, photo.credit, photo.creator) == (
        "Lavrov arrives in Ankara",
        "TASS",
        "Ivan Petrov",
    )
    assert (photo.city, photo.country, photo.keywords) == (
        "Ankara",
        "Turkey",
        ("diplomacy", "Turkey"),
    )
    assert photo.date_created.startswith("2024-05-01")
    assert photo.as_json()["keywords"] == ["diplomacy", "Turkey"]
    assert list(photo.as_json()) == [
        "id",
        "sha256",
        "width",
        "height",
        "format",
        "description",
        "credit",
        "creator",
        "copyright",
        "headline",
        "title",
        "city",
        "country",
        "keywords",
        "date_created",
        "camera",
    ]


def test_the_desk_caption_wins_and_codes_expand(desk: Newsroom) -> None:
    result = desk.photos.import_photo(
        jpeg_with_xmp("As shot"), caption="=lav= in Ankara", credit="=tass="
    )
    assert result.photo.description == "Russian Foreign Minister Sergey Lavrov in Ankara"
    assert result.photo.credit == "TASS"


def test_find_filter_and_search(desk: Newsroom) -> None:
    a = desk.photos.import_photo(
        jpeg_with_xmp("Walruses on the ice", creator="Anna Berg", DateCreated="2023-03-01")
    ).photo
    b = desk.photos.import_photo(
        jpeg_with_xmp("Tram at dusk", creator="Boris Lind", DateCreated="2024-06-10")
    ).photo
    assert [p.id for p in desk.photos.find()] == [b.id, a.id]
    assert [p.id for p in desk.photos.find(since="2024-01-01")] == [b.id]
    assert [p.id for p in desk.photos.find(until="2023-03-01")] == [a.id]
    assert [p.id for p in desk.photos.find(creator="berg")] == [a.id]
    assert [p.id for p in desk.photos.search("walrus")] == [a.id]
    assert desk.photos.record(a.sha256[:10]).id == a.id
    with pytest.raises(NotFoundError, match="photo 999: not in this newsroom"):
        desk.photos.record(999)


def test_captions_of_uses_are_searched_and_never_rewrite_the_photo(desk: Newsroom) -> None:
    photo = desk.photos.import_photo(jpeg_with_xmp("Original description")).photo
    article = desk.create(Article(headline="Story"))
    attached = desk.photos.attach(article.slug, photo.id, caption="=lav= at the press conference")
    assert attached.photo is not None
    assert (
        attached.photo.caption == "Russian Foreign Minister Sergey Lavrov at the press conference"
    )
    assert desk.photos.record(photo.id).description == "Original description"  # unchanged
    assert [p.id for p in desk.photos.search("press conference")] == [photo.id]
    assert [a.slug for a in desk.photos.users(photo.id)] == ["story"]
    desk.delete("story")
    assert desk.photos.search("press conference") == []
    assert desk.photos.users(photo.id) == []


def test_attach_prefills_from_the_photo(desk: Newsroom) -> None:
    photo = desk.photos.import_photo(
        jpeg_with_xmp("Walruses rest", Credit="Agency X", Headline="Walrus herd")
    ).photo
    article = desk.create(Article(headline="Walruses"))
    use = desk.photos.attach(article.slug, photo.id).photo
    assert use is not None and (use.caption, use.credit, use.alt) == (
        "Walruses rest",
        "Agency X",
        "Walrus herd",
    )


def test_json_import_prefills_only_what_it_leaves_out(desk: Newsroom, tmp_path: Path) -> None:
    (tmp_path / "p.jpg").write_bytes(jpeg_with_xmp("From the file", Credit="File credit"))
    [result] = desk.import_json(
        {"headline": "H", "photo": {"file": "p.jpg", "credit": ""}}, base_dir=tmp_path
    )
    use = result.article.photo
    assert use is not None and (use.caption, use.credit) == ("From the file", "")


def test_batch_captioning_with_placeholders(desk: Newsroom) -> None:
    photos = [
        desk.photos.import_photo(
            jpeg_with_xmp(f"p{n}", City=city, creator=who, DateCreated="2021-06-28")
        ).photo
        for n, (city, who) in enumerate([("Moscow", "Ivan"), ("Kazan", "Olga")])
    ]
    updated = desk.photos.batch_caption(
        [p.id for p in photos],
        caption="{city}, {date}. Photo: {creator} for =tass=",
        credit="=tass=",
        copyright="© 2021 TASS",
    )
    assert [p.description for p in updated] == [
        "Moscow, 28 June 2021. Photo: Ivan for TASS",
        "Kazan, 28 June 2021. Photo: Olga for TASS",
    ]
    assert {(p.credit, p.copyright) for p in updated} == {("TASS", "© 2021 TASS")}
    with pytest.raises(ValidationError, match=r"caption: unknown placeholder \{town\}"):
        desk.photos.batch_caption([photos[0].id], caption="{town}")
    assert desk.photos.record(photos[0].id).description.startswith("Moscow")  # nothing changed


def test_templates() -> None:
    meta = PhotoMetadata(city="Omsk", date_created="2022-09-01T10:00:00+06:00", keywords=("a", "b"))
    assert (
        fill_template("{city} {date} {iso_date} {year} [{keywords}] {creator}.", meta)
        == "Omsk 1 September 2022 2022-09-01 2022 [a, b] ."
    )
    assert fill_template("{{braces}} {city}", meta) == "{braces} Omsk"
    for bad in ("{town}", "{city", "}"):
        with pytest.raises(TemplateError):
            check_template(bad)


def test_code_tables() -> None:
    table = code_table.parse_table(
        "=lav=\tSergey Lavrov\n# comment\n\nPES\tDmitry Peskov\n", "codes.tsv"
    )
    assert table == {"lav": "Sergey Lavrov", "pes": "Dmitry Peskov"}
    assert (
        code_table.expand("=lav= and =PES= meet =xyz=", table)
        == "Sergey Lavrov and Dmitry Peskov meet =xyz="
    )
    assert code_table.unknown("=lav= =xyz=", table) == ["=xyz="]
    assert code_table.format_table(table) == "=lav=\tSergey Lavrov\n=pes=\tDmitry Peskov\n"
    for text, message in [
        ("lav Sergey", "line 1: expected code<TAB>text"),
        ("=l a v=\tx", "line 1: '=l a v=' is not a code"),
        ("a\tx\na\ty", "line 2: =a= is already in the file"),
        ("a\t  ", "line 1: =a= has no text"),
    ]:
        with pytest.raises(Exception, match=message):
            code_table.parse_table(text, "f.tsv")


def test_the_photo_command_line(cli: Cli, tmp_path: Path) -> None:
    good = tmp_path / "good.jpg"
    good.write_bytes(
        jpeg_with_xmp("Harbour at dawn", Credit="NW", City="Murmansk", creator="Anna Berg")
    )
    bad = tmp_path / "bad.jpg"
    bad.write_text("not a photo")
    cli.ok("init")
    failed = cli("photo", "import", str(good), str(bad))
    assert (
        failed.code == 1
        and failed.err.strip()
        == f"newsroom: error: {bad}: not a picture Newsroom can read (use JPEG, PNG, WebP, GIF, TIFF or HEIC)"
    )
    assert cli.ok("photo", "list").out == ""  # nothing was stored
    [line] = cli.ok("photo", "import", str(good)).lines
    photo_id, sha, name = line.split("\t")
    assert name == str(good) and len(sha) == 64
    record = __import__("json").loads(cli.ok("photo", "show", photo_id, "--json").out)
    assert record["description"] == "Harbour at dawn" and record["city"] == "Murmansk"
    assert cli.ok("photo", "search", "harbour").lines[0].startswith(photo_id + "\t")
    cli.ok("import", str(write_json(tmp_path / "a.json", {"slug": "s", "headline": "S"})))
    cli.ok("codes", "import", "-", stdin="=nw=\tNorthern Wire\n")
    assert cli.ok("codes", "list").out == "=nw=\tNorthern Wire\n"
    attached = cli.ok("photo", "attach", "s", photo_id, "--caption", "Dawn, by =nw=").lines[0]
    assert attached.endswith("Dawn, by Northern Wire")
    assert "s (id 1)" in cli.ok("photo", "show", photo_id).out
    batch = cli.ok(
        "photo", "batch", photo_id, "--caption", "{city}: harbour", "--credit", "=nw="
    ).lines
    assert batch == [f"{photo_id}\tMurmansk: harbour\tNorthern Wire\t"]
    exported = Path(
        cli.ok(
            "photo", "export", photo_id, "--out", str(tmp_path / "out"), "--size", "120"
        ).out.strip()
    )
    with Image.open(exported) as image:
        assert image.width == 120
    assert cli.ok("codes", "expand", "=nw= =zz=").out == "Northern Wire =zz=\n"
    assert cli("photo", "show", "12345").code == 1
    assert cli("photo", "list", "--since", "May").code == 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"plain text, named .jpg", "not a picture Newsroom can read"),
        ("truncated", "the picture is damaged or incomplete"),
        ("bomb", "the picture is too large to open safely (1,600 megapixels"),
        ("bmp", "BMP images are not supported"),
    ],
)
def test_bad_photo_files_from_the_command_line(
    cli: Cli, tmp_path: Path, content: object, reason: str
) -> None:
    from tests.library.images import png_bomb

    made = {
        "truncated": encoded(quadrants(), "JPEG")[:700],
        "bomb": png_bomb(),
        "bmp": encoded(quadrants(), "BMP"),
    }
    path = tmp_path / "photo.jpg"
    path.write_bytes(made.get(content, content) if isinstance(content, str) else content)  # type: ignore[arg-type]
    cli.ok("init")
    result = cli("photo", "import", str(path))
    assert result.code == 1
    assert (
        result.err.startswith(f"newsroom: error: {path}: {reason}") and result.err.count("\n") == 1
    )
    assert cli.ok("photo", "list").out == ""


def test_missing_and_folder_paths(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    assert (
        cli("photo", "import", str(tmp_path / "nope.jpg")).err
        == f"newsroom: error: {tmp_path / 'nope.jpg'}: no such file\n"
    )
    assert "is a folder" in cli("photo", "import", str(tmp_path)).err


def test_broken_metadata_warns_and_the_photo_still_imports(cli: Cli, tmp_path: Path) -> None:
    broken_xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description'
    path = tmp_path / "broken.jpg"
    path.write_bytes(encoded(quadrants(), "JPEG", xmp=broken_xmp))
    cli.ok("init")
    result = cli.ok("photo", "import", str(path))
    assert len(result.lines) == 1
    assert (
        result.err.startswith("newsroom: warning: ")
        and "XMP" in result.err
        and str(path) in result.err
    )
