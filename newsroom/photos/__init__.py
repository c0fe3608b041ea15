"""Photo files: recognising them and storing their bytes.

This is the base the photo pipeline (metadata, renditions, library) builds
on: a photo is stored once, by the SHA-256 of its bytes, with what Pillow
can tell about it without decoding every pixel.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

# The formats an editor's camera, phone or picture desk delivers.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF")
_ACCEPTED = "use JPEG, PNG, WebP, GIF or TIFF"
MAX_BYTES = 200 * 1024 * 1024


class ImageError(ValueError):
    """Bytes that are not a photo Newsroom can use; the message says why."""


@dataclass(frozen=True)
class ImageInfo:
    sha256: str
    media_type: str
    width: int
    height: int
    byte_size: int


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
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                if kind not in ACCEPTED_FORMATS:
                    raise ImageError(f"{kind or 'this'} images are not supported: {_ACCEPTED}")
                width, height = image.size
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError("the picture is too large to open safely (decompression bomb?)") from None
    except UnidentifiedImageError:
        raise ImageError("not a picture Newsroom can read (JPEG, PNG, WebP, GIF or TIFF)") from None
    except (OSError, SyntaxError, ValueError) as error:
        if isinstance(error, ImageError):
            raise
        raise ImageError(f"the picture is damaged or incomplete ({error})") from None
    media_type = Image.MIME.get(kind, "application/octet-stream")
    return ImageInfo(sha256_of(data), media_type, width, height, len(data))


# Renditions: resized copies for pages. RECIPE names the encoder settings;
# a stored rendition made with another recipe is made again.
RECIPE = "v1 jpeg-q84-progressive webp-q80"
RENDITION_FORMATS = {"jpeg": "image/jpeg", "webp": "image/webp"}
ARTICLE_WIDTH = 1200


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


def make_rendition(data: bytes, width: int, fmt: str = "jpeg") -> Rendition:
    """A copy at most ``width`` pixels wide, upright, in sRGB, without metadata."""
    if fmt not in RENDITION_FORMATS:
        raise ValueError(f"unknown rendition format {fmt!r}")
    with Image.open(io.BytesIO(data)) as original:
        original.draft("RGB", (width, width * 4))  # JPEG: decode at reduced size
        image = ImageOps.exif_transpose(original)
        image = _flattened(image, keep_alpha=fmt == "webp")
        if image.width > width:
            height = max(1, round(image.height * width / image.width))
            image = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        if fmt == "jpeg":
            image.save(out, "JPEG", quality=84, optimize=True, progressive=True)
        else:
            image.save(out, "WEBP", quality=80, method=4)
        return Rendition(out.getvalue(), image.width, image.height, fmt)


def _flattened(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    if image.mode in ("RGB", "L"):
        return image.convert("RGB") if image.mode == "L" else image
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        if keep_alpha:
            return rgba
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
