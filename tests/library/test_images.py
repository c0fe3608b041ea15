"""Photo files in every format and state: accepted, refused clearly, turned into renditions."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms

from newsroom.photos import (
    HEIF,
    ImageError,
    inspect_image,
    load_pillow,
    make_rendition,
)
from tests.library.images import (
    BOTTOM_LEFT,
    BOTTOM_RIGHT,
    TOP_LEFT,
    TOP_RIGHT,
    animated,
    encoded,
    oriented_jpeg,
    png_16_bit_rgb,
    png_bomb,
    quadrants,
    wide_gamut_profile,
)


def close(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 28) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(actual, expected, strict=False))


def corners(data: bytes) -> tuple[tuple[int, ...], ...]:
    with Image.open(io.BytesIO(data)) as image:
        rgb = image.convert("RGB")
        w, h = rgb.size
        spots = [
            (w // 4, h // 4),
            (3 * w // 4, h // 4),
            (w // 4, 3 * h // 4),
            (3 * w // 4, 3 * h // 4),
        ]
        return tuple(rgb.getpixel(spot) for spot in spots)  # type: ignore[misc]


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_comes_out_upright(orientation: int) -> None:
    data = oriented_jpeg(orientation)
    info = inspect_image(data)
    assert (info.width, info.height) == (400, 240)  # as seen, not as stored
    rendition = make_rendition(data, 200)
    assert (rendition.width, rendition.height) == (200, 120)
    expected = (TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT)
    assert all(close(a, e) for a, e in zip(corners(rendition.data), expected, strict=True))


@pytest.mark.parametrize(
    ("fmt", "options", "media_type"),
    [
        ("JPEG", {"quality": 90}, "image/jpeg"),
        ("PNG", {}, "image/png"),
        ("WEBP", {"quality": 90}, "image/webp"),
        ("TIFF", {}, "image/tiff"),
        ("GIF", {}, "image/gif"),
    ],
)
def test_each_format_is_read_and_rendered(
    fmt: str, options: dict[str, object], media_type: str
) -> None:
    data = encoded(quadrants(), fmt, **options)
    info = inspect_image(data)
    assert (info.media_type, info.width, info.height, info.format) == (media_type, 400, 240, fmt)
    for kind in ("jpeg", "webp"):
        rendition = make_rendition(data, 100, kind)
        assert (rendition.width, rendition.height) == (100, 60)
        assert close(corners(rendition.data)[0], TOP_LEFT, 40)


@pytest.mark.skipif(not HEIF, reason="pillow-heif is not installed here: no HEIC")
def test_heic_from_a_phone() -> None:
    load_pillow()  # the HEIC opener, to write the test file (reading registers it itself)
    try:
        data = encoded(quadrants(), "HEIF", quality=90)
    except (OSError, KeyError, ValueError) as error:
        pytest.skip(f"this libheif cannot encode HEIC to make a test file ({error})")
    info = inspect_image(data)
    assert info.media_type in ("image/heif", "image/heic") and info.width == 400
    assert close(corners(make_rendition(data, 200).data)[3], BOTTOM_RIGHT, 40)


@pytest.mark.parametrize("fmt", ["GIF", "WEBP"])
def test_animations_give_their_first_frame(fmt: str) -> None:
    data = animated(fmt)
    assert inspect_image(data).width == 80
    assert close(corners(make_rendition(data, 40).data)[0], TOP_LEFT, 40)


def test_cmyk_jpegs_become_rgb() -> None:
    cmyk = quadrants().convert("CMYK")
    rendition = make_rendition(encoded(cmyk, "JPEG", quality=95), 200)
    with Image.open(io.BytesIO(rendition.data)) as image:
        assert image.mode == "RGB"
    assert close(corners(rendition.data)[0], TOP_LEFT, 40)


def test_sixteen_bit_pictures_are_scaled_not_clipped() -> None:
    colour = make_rendition(png_16_bit_rgb(), 32)
    assert close(corners(colour.data)[0], (255, 128, 16), 12)
    grey = Image.new("I;16", (40, 20), 0x8000)  # half-way grey in 16 bits
    rendition = make_rendition(encoded(grey, "PNG"), 20)
    value = corners(rendition.data)[0]
    assert close(value, (128, 128, 128), 12), value  # not clipped to white


def test_a_wide_gamut_profile_is_converted_to_srgb() -> None:
    profile = wide_gamut_profile()
    source = Image.new("RGB", (60, 40), (40, 180, 60))
    rendition = make_rendition(encoded(source, "JPEG", quality=100, icc_profile=profile), 60)
    expected = ImageCms.profileToProfile(
        source, ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("sRGB")
    )
    assert expected is not None
    want = expected.getpixel((10, 10))
    got = corners(rendition.data)[0]
    assert close(got, want, 6), (got, want)
    assert not close(got, (40, 180, 60), 6)  # the numbers changed: it was converted


def test_transparent_pictures_on_white_for_jpeg_kept_for_webp() -> None:
    clear = Image.new("RGBA", (40, 40), (255, 0, 0, 0))
    data = encoded(clear, "PNG")
    assert close(corners(make_rendition(data, 40, "jpeg").data)[0], (255, 255, 255), 4)
    with Image.open(io.BytesIO(make_rendition(data, 40, "webp").data)) as image:
        assert image.mode == "RGBA"


def test_tiny_and_huge_but_sane_pictures() -> None:
    tiny = make_rendition(encoded(Image.new("RGB", (1, 1), (9, 9, 9)), "PNG"), 1200)
    assert (tiny.width, tiny.height) == (1, 1)  # never enlarged
    big = encoded(Image.new("RGB", (6000, 4000), (90, 90, 90)), "JPEG", quality=70)
    rendition = make_rendition(big, 320)
    assert (rendition.width, rendition.height) == (320, 213)


def test_renditions_carry_no_metadata() -> None:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (55.0, 45.0, 0.0)}  # GPS
    exif[0xA431] = "SERIAL123"  # body serial number
    data = encoded(quadrants(), "JPEG", exif=exif)
    for fmt in ("jpeg", "webp"):
        with Image.open(io.BytesIO(make_rendition(data, 100, fmt).data)) as image:
            assert not image.getexif(), fmt
            assert "exif" not in image.info and "xmp" not in image.info


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"Dear editor, this is a letter, not a photo.", "not a picture Newsroom can read"),
        (encoded(quadrants(), "JPEG")[:500], "damaged or incomplete"),
        (encoded(quadrants(), "PNG")[:300], "damaged or incomplete"),
        (encoded(quadrants(), "BMP"), "BMP images are not supported"),
        (png_bomb(), "too large to open safely (1,600 megapixels; the limit is 89 megapixels)"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ImageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        inspect_image(data)
