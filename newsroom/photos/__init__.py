"""Photo files: recognising them, and making web renditions of them.

A photo is stored once, by the SHA-256 of its bytes (``newsroom.store``).
Here: checking that bytes are a whole photo Newsroom can use, and making
renditions — resized, upright, sRGB copies without metadata — that pages
and exports show instead of the original. ``metadata`` reads what the file
says about itself and ``embed`` writes caption and credit into renditions.

Formats: JPEG, PNG, WebP, TIFF, GIF (the first frame of an animation) and,
with pillow-heif, HEIC/HEIF as phones shoot it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image, ImageCms

# Pillow comes in only where a photo is decoded or made (``load_pillow``): the names and
# records here are read by every command, and Pillow is a third of a reading command's start.
# HEIC/HEIF, as phones shoot: supported where pillow-heif is installed.
HEIF = find_spec("pillow_heif") is not None

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "MPO") + (("HEIF",) if HEIF else ())
_ACCEPTED = "use JPEG, PNG, WebP, GIF, TIFF" + (" or HEIC" if HEIF else "")
MAX_BYTES = 200 * 1024 * 1024
# EXIF orientations that turn the picture a quarter: width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}
_ORIENTATION = 0x0112


def media_tag(recipe: str, caption: str, credit: str, creator: str, copyright: str) -> str:
    """A short name for what a captioned rendition carries, for its file name.

    Made from the metadata and the recipe, not the bytes: an export can tell
    which file it needs without reading any photo.
    """
    key = "\x00".join((recipe, caption, credit, creator, copyright)).encode("utf-8")
    return hashlib.blake2b(key, digest_size=5).hexdigest()


@functools.cache
def load_pillow() -> None:
    """Call before Pillow opens a picture: registers the HEIC/HEIF opener (once), if installed."""
    if HEIF:
        from pillow_heif import register_heif_opener

        register_heif_opener()


class ImageError(ValueError):
    """Bytes that are not a photo Newsroom can use; the message says why."""


@dataclass(frozen=True)
class ImageInfo:
    """A photo file's facts. ``width`` and ``height`` are as the photo is seen (upright)."""

    sha256: str
    media_type: str
    width: int
    height: int
    byte_size: int
    format: str = ""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inspect_image(data: bytes) -> ImageInfo:
    """Check that ``data`` is a whole, readable photo and describe it.

    Decoding is cheap: JPEGs are decoded at reduced size (draft mode), which
    still finds truncated files. Oversized pictures (decompression bombs)
    are refused before any pixel is decoded.
    """
    if not data:
        raise ImageError("the file is empty")
    if len(data) > MAX_BYTES:
        raise ImageError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    from PIL import Image, UnidentifiedImageError

    load_pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                if kind not in ACCEPTED_FORMATS:
                    raise ImageError(f"{kind or 'this'} images are not supported: {_ACCEPTED}")
                width, height = upright_size(image)
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageError(_too_large(str(error))) from None
    except UnidentifiedImageError:
        raise ImageError(f"not a picture Newsroom can read ({_ACCEPTED})") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        if isinstance(error, ImageError):
            raise
        raise ImageError(f"the picture is damaged or incomplete ({error})") from None
    kind = "JPEG" if kind == "MPO" else kind  # a camera's multi-picture JPEG: its first picture
    media_type = Image.MIME.get(
        kind, "image/heic" if kind == "HEIF" else "application/octet-stream"
    )
    return ImageInfo(sha256_of(data), media_type, width, height, len(data), kind)


def _too_large(message: str) -> str:
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS // 1_000_000 if Image.MAX_IMAGE_PIXELS else 0
    pixels = re.search(r"\((\d+) pixels\)", message)
    size = f"{int(pixels.group(1)) / 1e6:,.0f} megapixels; " if pixels else ""
    return f"the picture is too large to open safely ({size}the limit is {limit} megapixels)"


def upright_size(image: Image.Image) -> tuple[int, int]:
    """The size as the photo is seen, after its EXIF orientation."""
    try:
        orientation = image.getexif().get(_ORIENTATION, 1)
    except (OSError, SyntaxError, ValueError):
        orientation = 1
    width, height = image.size
    return (height, width) if orientation in _QUARTER_TURNS else (width, height)


# --- renditions ------------------------------------------------------------------

THUMBNAIL_WIDTH = 320
ARTICLE_WIDTH = 1200
LARGE_WIDTH = 2400
RENDITION_WIDTHS = (THUMBNAIL_WIDTH, ARTICLE_WIDTH, LARGE_WIDTH)
RENDITION_FORMATS = {"jpeg": "image/jpeg", "webp": "image/webp"}
DEFAULT_QUALITY = {"jpeg": 84, "webp": 80}
# What made a rendition; one stored with another recipe is made again.
# v3: nothing of the original's file rides along (v2 kept a JPEG or GIF comment).
RECIPE_VERSION = "v3"


def recipe(quality: dict[str, int] | None = None) -> str:
    """The recipe for renditions at these qualities: the cache key beside size and format."""
    wanted = {**DEFAULT_QUALITY, **(quality or {})}
    return f"{RECIPE_VERSION} jpeg-q{wanted['jpeg']} webp-q{wanted['webp']}"


RECIPE = recipe()


@dataclass(frozen=True)
class Rendition:
    data: bytes
    width: int
    height: int
    format: str

    @property
    def media_type(self) -> str:
        return RENDITION_FORMATS[self.format]

    @property
    def extension(self) -> str:
        return "jpg" if self.format == "jpeg" else self.format


def make_rendition(
    data: bytes, width: int, fmt: str = "jpeg", quality: int | None = None
) -> Rendition:
    """A copy at most ``width`` pixels wide, upright, in sRGB, without any metadata.

    Only pixels cross over: no comment, EXIF, XMP, ICC profile or any other
    part of the original's file (the colours are sRGB, so it needs no profile).

    A large JPEG is decoded at a reduced scale (Pillow's draft mode), never
    at its full 24 megapixels; colour managed photos (Adobe RGB, CMYK with a
    profile) are converted to sRGB; 16-bit pictures are brought to 8 bits.
    """
    if fmt not in RENDITION_FORMATS:
        raise ValueError(f"unknown rendition format {fmt!r}")
    from PIL import Image, ImageOps

    load_pillow()
    with Image.open(io.BytesIO(data)) as original:
        original.seek(0)  # animations: the first frame
        turned = upright_size(original) != original.size
        original.draft(original.mode if original.mode in ("RGB", "L", "CMYK") else "RGB",
                       (1, width) if turned else (width, 1))  # fmt: skip
        profile = original.info.get("icc_profile")
        image = _workable(ImageOps.exif_transpose(original))
        if image.width > width:
            height = max(1, round(image.height * width / image.width))
            image = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        image = _srgb(image, profile, keep_alpha=fmt == "webp")
    # Pillow writes some of what it read back out (a JPEG or GIF comment, a PNG
    # "comment" chunk, as a JPEG COM): the rendition is the pixels alone.
    image.info.clear()
    out = io.BytesIO()
    level = quality or DEFAULT_QUALITY[fmt]
    if fmt == "jpeg":
        image.save(out, "JPEG", quality=level, optimize=True, progressive=True)
    else:
        image.save(out, "WEBP", quality=level, method=4)
    return Rendition(out.getvalue(), image.width, image.height, fmt)


def _workable(image: Image.Image) -> Image.Image:
    """A mode resizing works well in: 8 bits a channel, no palette."""
    if image.mode in ("P", "PA", "1"):
        transparent = image.mode == "PA" or "transparency" in image.info
        return image.convert("RGBA" if transparent else "RGB")
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N"):
        return image.convert("I").point(lambda value: value / 256).convert("L")
    if image.mode == "I":
        extrema = image.getextrema()
        top = extrema[1] if isinstance(extrema[1], int | float) else 255
        scale = 1 / 256 if top > 255 else 1
        return image.point(lambda value: value * scale).convert("L")
    if image.mode == "F":
        return image.convert("L")
    return image


@functools.cache
def _srgb_profile() -> ImageCms.ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _srgb(image: Image.Image, profile: bytes | None, *, keep_alpha: bool) -> Image.Image:
    """The picture in sRGB: through its ICC profile when it has one, else as it is."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        if keep_alpha:
            return rgba
        from PIL import Image

        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if profile and image.mode in ("RGB", "CMYK", "L"):
        converted = _through_profile(image, profile)
        if converted is not None:
            return converted
    return image if image.mode == "RGB" else image.convert("RGB")


def _through_profile(image: Image.Image, profile: bytes) -> Image.Image | None:
    from PIL import Image, ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        result = ImageCms.profileToProfile(
            image,
            source,
            _srgb_profile(),
            outputMode="RGB",
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None  # an unusable profile: the numbers as they are beat no picture
    return result if isinstance(result, Image.Image) else None
