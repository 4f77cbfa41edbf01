"""Demo photos drawn by Pillow, seeded by a name: landscapes of sky, hills, sea and town
for articles, and square portraits (a stylised head and shoulders) for authors.

The same name always gives the same picture, so demo loading is repeatable.
"""

import hashlib
import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900

PALETTES = [
    # sky top, sky bottom, far hills, near hills, sea, town
    ((36, 59, 85), (246, 170, 112), (92, 84, 112), (48, 52, 74), (40, 70, 110), (30, 30, 40)),
    (
        (120, 180, 230),
        (225, 240, 250),
        (120, 150, 120),
        (70, 110, 70),
        (50, 120, 170),
        (200, 190, 170),
    ),
    (
        (250, 200, 120),
        (250, 240, 210),
        (190, 150, 110),
        (150, 110, 80),
        (60, 130, 160),
        (230, 220, 200),
    ),
    (
        (70, 90, 140),
        (170, 190, 220),
        (110, 120, 150),
        (70, 80, 110),
        (60, 90, 130),
        (220, 215, 205),
    ),
    ((20, 24, 48), (90, 60, 120), (50, 40, 80), (30, 25, 50), (30, 40, 80), (250, 210, 120)),
]


def _blend(a: tuple, b: tuple, t: float) -> tuple:
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _ridge(rng: random.Random, base: float, amplitude: float) -> list[tuple[float, float]]:
    points, y = [(0, HEIGHT)], base
    for x in range(0, WIDTH + 80, 80):
        y = min(max(y + rng.uniform(-amplitude, amplitude), base - 2 * amplitude), base + amplitude)
        points.append((x, y))
    points.append((WIDTH, HEIGHT))
    return points


def draw_photo(name: str) -> Image.Image:
    """A generated landscape for `name`."""
    rng = random.Random(hashlib.sha256(name.encode()).hexdigest())
    sky_top, sky_bottom, far, near, sea, town = rng.choice(PALETTES)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(HEIGHT * 5 // 10, HEIGHT * 7 // 10)
    for y in range(horizon):
        draw.line([(0, y), (WIDTH, y)], fill=_blend(sky_top, sky_bottom, y / horizon))
    sun_x, sun_y, radius = (
        rng.randint(200, WIDTH - 200),
        rng.randint(80, horizon - 120),
        rng.randint(40, 90),
    )
    draw.ellipse(
        [sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=(255, 236, 190)
    )
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=sea)
    draw.polygon(_ridge(rng, horizon - 60, 40), fill=far)
    # A town on the shore: blocks of houses of random height.
    x = rng.randint(0, WIDTH // 3)
    while x < WIDTH:
        width, height = rng.randint(30, 90), rng.randint(30, 160)
        draw.rectangle(
            [x, horizon - height, x + width, horizon + 10],
            fill=_blend(town, near, rng.random() / 2),
        )
        x += width + rng.randint(0, 30)
    draw.polygon(_ridge(rng, HEIGHT - 80, 30), fill=near)
    return image.filter(ImageFilter.SMOOTH)


def photo_jpeg(name: str) -> bytes:
    buffer = BytesIO()
    draw_photo(name).save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


PORTRAIT_SIZE = 400
PORTRAIT_BACKGROUNDS = [(214, 226, 233), (233, 222, 206), (222, 233, 220), (236, 220, 224)]
SKIN_TONES = [(241, 204, 175), (224, 177, 140), (198, 145, 108), (160, 110, 80)]
HAIR_COLOURS = [(40, 30, 26), (86, 58, 40), (140, 100, 60), (120, 120, 120)]
CLOTHES = [(38, 58, 92), (110, 30, 36), (52, 70, 60), (70, 70, 76), (160, 120, 60)]


def draw_portrait(name: str) -> Image.Image:
    """A generated square portrait for `name`: a head and shoulders on a plain background."""
    rng = random.Random(hashlib.sha256(f"portrait:{name}".encode()).hexdigest())
    size = PORTRAIT_SIZE
    background, skin = rng.choice(PORTRAIT_BACKGROUNDS), rng.choice(SKIN_TONES)
    hair, clothes = rng.choice(HAIR_COLOURS), rng.choice(CLOTHES)
    long_hair = rng.random() < 0.5
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    # A lighter disc behind the head, as a studio light would leave.
    draw.ellipse([40, 10, 360, 330], fill=_blend(background, (255, 255, 255), 0.45))
    centre, head_top, head_width, head_height = size // 2, 92, 136, 164
    head = [centre - head_width // 2, head_top, centre + head_width // 2, head_top + head_height]
    if long_hair:
        draw.rounded_rectangle(
            [head[0] - 22, head_top - 16, head[2] + 22, head_top + head_height + 70],
            radius=70,
            fill=hair,
        )
    # Neck, shoulders with a V neckline, hair, then the face inside the hair's outline.
    neck = _blend(skin, (0, 0, 0), 0.12)
    draw.rectangle([centre - 28, 230, centre + 28, 318], fill=neck)
    draw.ellipse([centre - 150, 300, centre + 150, 520], fill=clothes)
    draw.polygon([(centre - 28, 300), (centre, 342), (centre + 28, 300)], fill=neck)
    draw.ellipse(
        [head[0] - 8, head_top - 12, head[2] + 8, head_top + head_height * 3 // 4], fill=hair
    )
    fringe = rng.randint(18, 34)
    draw.ellipse([head[0] + 4, head_top + fringe, head[2] - 4, head[3]], fill=skin)
    return image.filter(ImageFilter.SMOOTH)


def portrait_jpeg(name: str) -> bytes:
    buffer = BytesIO()
    draw_portrait(name).save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
