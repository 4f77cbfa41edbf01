"""How much each page's screenshot changed since the previous run of the quality checks.

A share of differing pixels per screenshot, for a developer to see at a glance which pages
a change touched: it is reported, never a reason to fail.
"""

from pathlib import Path

from PIL import Image, ImageChops


def differing_share(before: Path, after: Path) -> float:
    """The share (0 to 1) of pixels that differ between two screenshots.

    Screenshots of different sizes are compared on the larger canvas: what lies outside
    either of them counts as changed.
    """
    with Image.open(before) as old, Image.open(after) as new:
        width, height = min(old.width, new.width), min(old.height, new.height)
        area = max(old.width, new.width) * max(old.height, new.height)
        box = (0, 0, width, height)
        difference = ImageChops.difference(
            old.convert("RGB").crop(box), new.convert("RGB").crop(box)
        )
    red, green, blue = difference.split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    # Zero where the two pixels are equal in every channel.
    unchanged = largest.histogram()[0]
    return (area - unchanged) / area


def compare_runs(previous: Path | None, current: Path) -> list[str]:
    """One line per screenshot of `current`: its share of changed pixels since `previous`
    (folders of PNG files with the same names)."""
    lines = []
    for shot in sorted(current.glob("*.png")):
        earlier = previous / shot.name if previous else None
        if earlier is None or not earlier.is_file():
            lines.append(f"{shot.stem}: new")
        else:
            lines.append(f"{shot.stem}: {differing_share(earlier, shot):.2%} of pixels changed")
    return lines
