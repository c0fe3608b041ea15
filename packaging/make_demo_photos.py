"""Draw the demo photos in resources/demo/photos/ (run it again to remake them).

Newsroom's sample articles need pictures that are ours to ship: these are
drawn with Pillow, deterministic, and carry a caption and credit in the
article JSON, not in the files. ``python packaging/make_demo_photos.py``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1200, 800)
OUT = Path(__file__).resolve().parents[1] / "resources" / "demo" / "photos"
Colour = tuple[int, int, int]


def gradient(top: Colour, bottom: Colour, height: int = SIZE[1]) -> Image.Image:
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(1, height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (SIZE[0], y)], fill=colour)
    return image


def walruses(rng: random.Random) -> Image.Image:
    image = gradient((170, 205, 230), (225, 238, 246))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 430, SIZE[0], SIZE[1]], fill=(52, 92, 128))
    for _ in range(9):
        x, y = rng.randint(-100, 1100), rng.randint(450, 720)
        w, h = rng.randint(160, 380), rng.randint(30, 70)
        draw.polygon(
            [(x, y), (x + w * 0.2, y - h), (x + w * 0.8, y - h * 1.1), (x + w, y)],
            fill=(236, 244, 250),
        )
    for _ in range(7):
        x, y = rng.randint(250, 900), rng.randint(560, 650)
        draw.ellipse([x, y, x + 110, y + 55], fill=(96, 64, 52))
        draw.ellipse([x + 80, y - 18, x + 130, y + 26], fill=(110, 74, 60))
        draw.line([(x + 112, y + 18), (x + 116, y + 48)], fill=(240, 236, 220), width=4)
    return image.filter(ImageFilter.GaussianBlur(1.2))


def tram(rng: random.Random) -> Image.Image:
    image = gradient((250, 170, 100), (92, 60, 120), 520)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 520, SIZE[0], SIZE[1]], fill=(58, 52, 64))
    x = 0
    while x < SIZE[0]:
        w, h = rng.randint(70, 160), rng.randint(150, 380)
        draw.rectangle([x, 520 - h, x + w, 520], fill=(48, 40, 70))
        for wy in range(520 - h + 20, 510, 34):
            for wx in range(x + 12, x + w - 16, 26):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 12, wy + 16], fill=(255, 214, 120))
        x += w + rng.randint(4, 20)
    draw.line([(0, 700), (SIZE[0], 700)], fill=(150, 150, 160), width=5)
    draw.line([(0, 560), (SIZE[0], 560)], fill=(30, 30, 36), width=2)
    draw.rounded_rectangle([330, 560, 900, 690], radius=24, fill=(200, 40, 46))
    for wx in range(360, 870, 70):
        draw.rectangle([wx, 585, wx + 50, 630], fill=(255, 226, 160))
    draw.line([(615, 560), (640, 520)], fill=(30, 30, 36), width=4)
    return image.filter(ImageFilter.GaussianBlur(0.8))


def night_train(rng: random.Random) -> Image.Image:
    image = gradient((10, 18, 48), (40, 56, 100))
    draw = ImageDraw.Draw(image)
    for _ in range(180):
        x, y = rng.randint(0, SIZE[0]), rng.randint(0, 480)
        r = rng.choice((1, 1, 1, 2))
        draw.ellipse([x, y, x + r, y + r], fill=(230, 230, 255))
    draw.ellipse([920, 90, 1010, 180], fill=(250, 244, 210))
    hills = [(0, 600)] + [(x, 560 + 40 * math.sin(x / 140)) for x in range(0, SIZE[0] + 20, 20)]
    draw.polygon([*hills, (SIZE[0], SIZE[1]), (0, SIZE[1])], fill=(18, 26, 40))
    for car in range(6):
        left = 80 + car * 175
        draw.rectangle([left, 610, left + 165, 680], fill=(30, 70, 60))
        for wx in range(left + 12, left + 150, 32):
            draw.rectangle([wx, 624, wx + 20, 646], fill=(255, 210, 110))
    draw.line([(0, 690), (SIZE[0], 690)], fill=(90, 90, 100), width=3)
    return image.filter(ImageFilter.GaussianBlur(0.6))


def bread(rng: random.Random) -> Image.Image:
    image = gradient((120, 78, 46), (70, 42, 26))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 470, SIZE[0], SIZE[1]], fill=(150, 110, 70))
    for index in range(4):
        cx, cy = 190 + index * 270, 540 + (index % 2) * 110
        for ring in range(40):
            t = ring / 39
            crust = (round(120 + 95 * t), round(66 + 92 * t), round(28 + 60 * t))
            draw.ellipse(
                [cx - 130 + ring * 1.6, cy - 70 + ring, cx + 130 - ring * 1.6, cy + 70 - ring],
                fill=crust,
            )
        for cut in range(3):
            x = cx - 60 + cut * 50
            draw.line([(x, cy - 40), (x + 30, cy + 30)], fill=(238, 212, 160), width=8)
    for _ in range(300):
        x, y = rng.randint(0, SIZE[0]), rng.randint(480, SIZE[1])
        draw.point((x, y), fill=(240, 230, 210))
    return image.filter(ImageFilter.GaussianBlur(1.0))


def snow(rng: random.Random) -> Image.Image:
    image = gradient((150, 160, 172), (205, 210, 218))
    draw = ImageDraw.Draw(image)
    hills = [(x, 520 + 50 * math.sin(x / 200 + 1)) for x in range(0, SIZE[0] + 20, 20)]
    draw.polygon([*hills, (SIZE[0], SIZE[1]), (0, SIZE[1])], fill=(244, 246, 250))
    for _ in range(14):
        x, base = rng.randint(0, SIZE[0]), rng.randint(560, 700)
        h = rng.randint(120, 220)
        draw.polygon([(x, base - h), (x - h / 3, base), (x + h / 3, base)], fill=(46, 74, 60))
        draw.polygon(
            [(x, base - h), (x - h / 6, base - h / 2), (x + h / 6, base - h / 2)],
            fill=(250, 250, 252),
        )
    for _ in range(900):
        x, y = rng.randint(0, SIZE[0]), rng.randint(0, SIZE[1])
        r = rng.choice((1, 2, 2, 3))
        draw.ellipse([x, y, x + r, y + r], fill=(255, 255, 255))
    return image.filter(ImageFilter.GaussianBlur(0.7))


def chess(rng: random.Random) -> Image.Image:
    image = gradient((40, 44, 52), (20, 22, 26))
    draw = ImageDraw.Draw(image)
    top, bottom, left_top, right_top = 330, 780, 380, 820
    for row in range(8):
        for col in range(8):
            y0 = top + (bottom - top) * row / 8
            y1 = top + (bottom - top) * (row + 1) / 8

            def x_at(y: float, c: float) -> float:
                t = (y - top) / (bottom - top)
                left = left_top - 280 * t
                right = right_top + 280 * t
                return left + (right - left) * c / 8

            fill = (232, 220, 196) if (row + col) % 2 == 0 else (110, 78, 54)
            draw.polygon(
                [
                    (x_at(y0, col), y0),
                    (x_at(y0, col + 1), y0),
                    (x_at(y1, col + 1), y1),
                    (x_at(y1, col), y1),
                ],
                fill=fill,
            )
    for _ in range(9):
        x, y = rng.randint(300, 880), rng.randint(380, 720)
        scale = 0.6 + (y - 330) / 450
        colour = rng.choice(((245, 245, 240), (25, 25, 28)))
        w, h = 26 * scale, 70 * scale
        draw.ellipse([x - w, y - 10 * scale, x + w, y + 10 * scale], fill=colour)
        draw.polygon(
            [(x - w * 0.6, y), (x + w * 0.6, y), (x + w * 0.3, y - h), (x - w * 0.3, y - h)],
            fill=colour,
        )
        draw.ellipse([x - w * 0.5, y - h - 22 * scale, x + w * 0.5, y - h + 6 * scale], fill=colour)
    return image.filter(ImageFilter.GaussianBlur(0.8))


SCENES: dict[str, Callable[[random.Random], Image.Image]] = {
    "walruses.jpg": walruses,
    "tram.jpg": tram,
    "night-train.jpg": night_train,
    "bread.jpg": bread,
    "snow.jpg": snow,
    "chess.jpg": chess,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in SCENES.items():
        image = draw(random.Random(name))
        image.save(OUT / name, "JPEG", quality=82, optimize=True, progressive=True)
        print(OUT / name, (OUT / name).stat().st_size)


if __name__ == "__main__":
    main()
