"""The paper's icon: a white Q, its initial, on the paper's red.

One drawing gives the SVG favicon and, through Pillow, the PNG and ICO files that
browsers, phones' home screens and the web manifest ask for. The files are committed
under quotidien/static/img/; after changing the drawing, write them again with
`python -m quotidien.sitepages.icons`.
"""

from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

RED = "#b3121b"
WHITE = "#ffffff"
# The drawing, on a 64-unit square: the letter's bowl (a ring) and its tail (a stroke).
GRID = 64
RING_CENTER = (32, 29)
RING_RADIUS = 17
STROKE = 7
TAIL = ((35, 37), (51, 54))
CORNER = 12
STATIC_IMG = Path(__file__).resolve().parent.parent / "static" / "img"
# Drawn this many times larger, then reduced: Pillow's shapes have no anti-aliasing.
SUPERSAMPLE = 4


def svg() -> str:
    """The icon as SVG, with rounded corners (browsers' tabs show it on any background)."""
    (x1, y1), (x2, y2) = TAIL
    cx, cy = RING_CENTER
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="{CORNER}" fill="{RED}"/>'
        f'<circle cx="{cx}" cy="{cy}" r="{RING_RADIUS}" fill="none" stroke="{WHITE}" '
        f'stroke-width="{STROKE}"/>'
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{WHITE}" '
        f'stroke-width="{STROKE}"/>'
        "</svg>\n"
    )


def png(size: int, *, rounded: bool = False) -> Image.Image:
    """The icon as a square picture of `size` pixels; full-bleed unless `rounded`
    (phones round or mask home-screen icons themselves)."""
    scale = size * SUPERSAMPLE / GRID
    big = Image.new("RGBA", (size * SUPERSAMPLE,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    corner = round(CORNER * scale) if rounded else 0
    draw.rounded_rectangle((0, 0, *big.size), radius=corner, fill=RED)
    cx, cy = RING_CENTER
    # The SVG's stroke is centred on the circle: half inside, half outside.
    outer = (RING_RADIUS + STROKE / 2) * scale
    draw.ellipse(
        (cx * scale - outer, cy * scale - outer, cx * scale + outer, cy * scale + outer),
        outline=WHITE,
        width=round(STROKE * scale),
    )
    draw.line([(x * scale, y * scale) for x, y in TAIL], fill=WHITE, width=round(STROKE * scale))
    return big.resize((size, size), Image.Resampling.LANCZOS)


def ico() -> bytes:
    """/favicon.ico, for browsers and crawlers that read no <link rel="icon">."""
    out = BytesIO()
    png(48, rounded=True).save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def write(folder: Path = STATIC_IMG) -> list[Path]:
    """Write every icon file into `folder`; returns their paths."""
    files = {
        "favicon.svg": svg().encode(),
        "favicon.ico": ico(),
    }
    for name, size, rounded in (
        ("icon-192.png", 192, True),
        ("icon-512.png", 512, True),
        ("apple-touch-icon.png", 180, False),
    ):
        out = BytesIO()
        image = png(size, rounded=rounded)
        # Apple's home screen shows transparency as black: its icon is opaque.
        (image if rounded else image.convert("RGB")).save(out, format="PNG", optimize=True)
        files[name] = out.getvalue()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


if __name__ == "__main__":
    for path in write():
        print(path)
