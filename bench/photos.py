"""Photo benchmark: renditions of a 24-megapixel JPEG next to vipsthumbnail, time and memory.

    python bench/photos.py            (vipsthumbnail from Debian's libvips-tools, when installed)

Both work on the same file in the same run, alternately. Our time is the
``make_rendition`` call (decode at reduced scale, resize, colour, encode);
vipsthumbnail's is its whole process, since that is how it is used. Peak
memory is each one's resident high-water mark in a process of its own,
minus, for us, what the Python interpreter with Pillow takes before the
work. Target (issue 4): ≤ 1.5× vipsthumbnail.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PIL import Image, ImageFilter
from storage import machine

from newsroom.photos import ARTICLE_WIDTH, LARGE_WIDTH, THUMBNAIL_WIDTH, make_rendition

SIZE = (6000, 4000)  # 24 megapixels
REPEAT = 7


def photo_24mp() -> bytes:
    """A camera-like 24 MP JPEG: gradients, detail and noise, so it compresses like a photo."""
    width, height = SIZE
    small = Image.linear_gradient("L").resize((width // 8, height // 8))
    base = Image.merge(
        "RGB",
        (small, small.rotate(90, expand=False), small.transpose(Image.Transpose.FLIP_LEFT_RIGHT)),
    )
    base = base.resize(SIZE, Image.Resampling.BICUBIC)
    noise = Image.effect_noise(SIZE, 40).filter(ImageFilter.GaussianBlur(0.6))
    photo = Image.blend(base, Image.merge("RGB", (noise, noise, noise)), 0.35)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=92)
    return out.getvalue()


def ours(data: bytes, width: int) -> float:
    started = time.perf_counter()
    make_rendition(data, width, "jpeg", 84)
    return time.perf_counter() - started


def vips(path: Path, width: int, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["vipsthumbnail", str(path), "-s", f"{width}x{width * 10}", "-o", f"{out}[Q=84,strip]"],
                   check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - started


def peak_rss_mb(command: list[str]) -> float | None:
    """The peak resident memory of a command, in MB, as GNU time measures it.

    Through /usr/bin/time, not our own wait4: a process forked from this one
    starts with our (large) high-water mark, and Linux keeps it across exec.
    """
    if not Path("/usr/bin/time").exists():
        return None
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=True
    )
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    print(f"Newsroom photo benchmark: renditions of a {SIZE[0]}x{SIZE[1]} JPEG ({machine()})")
    data = photo_24mp()
    have_vips = shutil.which("vipsthumbnail") is not None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "photo.jpg"
        source.write_bytes(data)
        print(f"  source: {len(data) / 1e6:.1f} MB")
        for width in (THUMBNAIL_WIDTH, ARTICLE_WIDTH, LARGE_WIDTH):
            ours_times, vips_times = [], []
            for _ in range(REPEAT):
                ours_times.append(ours(data, width))
                if have_vips:
                    vips_times.append(vips(source, width, Path(folder) / "out.jpg"))
            mine = statistics.median(ours_times) * 1000
            line = f"  {width:5} px wide: Newsroom {mine:7.1f} ms"
            if have_vips:
                theirs = statistics.median(vips_times) * 1000
                line += f"   vipsthumbnail {theirs:7.1f} ms   ratio {mine / theirs:4.2f}×  (target ≤ 1.5×)"
            print(line)
        script = f"from newsroom.photos import make_rendition; make_rendition(open({str(source)!r}, 'rb').read(), {ARTICLE_WIDTH})"
        idle = peak_rss_mb([sys.executable, "-c", "import newsroom.photos"])
        working = peak_rss_mb([sys.executable, "-c", script])
        if idle is None or working is None:
            print("  peak memory: /usr/bin/time (Debian: time) is not installed")
            return
        line = f"  peak memory, {ARTICLE_WIDTH} px: Newsroom {working - idle:.0f} MB for the work ({working:.0f} MB with Python)"
        if have_vips:
            theirs_mb = peak_rss_mb(
                [
                    "vipsthumbnail",
                    str(source),
                    "-s",
                    f"{ARTICLE_WIDTH}",
                    "-o",
                    f"{folder}/m.jpg[Q=84]",
                ]
            )
            line += f"   vipsthumbnail {theirs_mb:.0f} MB"
        print(line)
    if not have_vips:
        print(
            "  vipsthumbnail is not installed (Debian: apt-get install libvips-tools): no comparison"
        )


if __name__ == "__main__":
    main()
