"""Photos decoded on a worker thread with Pillow, made into QImages on the UI thread.

A worker must not call Qt (``ui.handoff`` says why: ``QImage.loadFromData``
on a worker once froze the app against a window being destroyed), so the
worker's part is Pillow's alone and yields plain bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError
from PySide6.QtGui import QImage

from newsroom.photos import ImageError


@dataclass(frozen=True)
class Pixels:
    """An image's RGBA pixels, row by row."""

    data: bytes
    width: int
    height: int


def decode(data: bytes, fit: tuple[int, int] | None = None) -> Pixels:
    """On a worker: ``data`` (an encoded image) as RGBA pixels, scaled down to ``fit``."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if fit is not None:
                image.draft("RGB", fit)  # a JPEG decodes at a fraction of its size: faster
            rgba = image.convert("RGBA")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise ImageError(f"the thumbnail could not be decoded ({error})") from error
    if fit is not None:
        rgba.thumbnail(fit, Image.Resampling.LANCZOS)
    return Pixels(rgba.tobytes(), rgba.width, rgba.height)


def to_image(pixels: Pixels) -> QImage:
    """On the UI thread: the pixels as a QImage that owns its copy of them."""
    image = QImage(
        pixels.data, pixels.width, pixels.height, pixels.width * 4, QImage.Format.Format_RGBA8888
    )
    return image.copy()
