"""The share of changed pixels between two runs' screenshots of a page."""

from PIL import Image

from tests.quality.screenshots import compare_runs, differing_share


def save(path, size=(10, 10), changed=()) -> None:
    image = Image.new("RGB", size, "white")
    for pixel in changed:
        image.putpixel(pixel, (254, 255, 255))
    image.save(path)


def test_identical_screenshots_differ_by_nothing(tmp_path):
    save(tmp_path / "before.png")
    save(tmp_path / "after.png")

    assert differing_share(tmp_path / "before.png", tmp_path / "after.png") == 0


def test_a_pixel_off_by_one_shade_counts_as_changed(tmp_path):
    save(tmp_path / "before.png")
    save(tmp_path / "after.png", changed=[(3, 4)])

    assert differing_share(tmp_path / "before.png", tmp_path / "after.png") == 0.01


def test_what_a_longer_page_adds_counts_as_changed(tmp_path):
    save(tmp_path / "before.png")
    save(tmp_path / "after.png", size=(10, 20))

    assert differing_share(tmp_path / "before.png", tmp_path / "after.png") == 0.5
    assert differing_share(tmp_path / "after.png", tmp_path / "before.png") == 0.5


def test_each_screenshot_is_compared_with_the_one_of_the_same_name(tmp_path):
    previous, current = tmp_path / "previous", tmp_path / "current"
    previous.mkdir(), current.mkdir()
    save(previous / "accueil-390.png")
    save(current / "accueil-390.png", changed=[(0, 0), (9, 9)])
    save(current / "auteur-390.png")

    assert compare_runs(previous, current) == [
        "accueil-390: 2.00% of pixels changed",
        "auteur-390: new",
    ]
    assert compare_runs(None, current) == ["accueil-390: new", "auteur-390: new"]
