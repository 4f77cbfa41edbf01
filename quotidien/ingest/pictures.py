"""A wire's pictures: found next to the item on disk, never fetched from the network.

A picture whose file is present becomes a photo of the paper with the wire's caption and
credit (the same file imported twice is the same photo). One that is absent keeps its text in
the wire item and is named in the report.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from quotidien.news.images import NewsImage

from .stories import WirePicture

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


def local_picture_path(href: str, *, base_dir: Path | None) -> Path | None:
    """The file in `base_dir` that `href` names, if any; nothing outside `base_dir` is reachable.

    A relative path is taken as is; for a URL only its last segment is looked for beside the
    item, as agencies deliver pictures with their items under the name of the URL.
    """
    if base_dir is None or not href:
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() not in {"http", "https", "file", "ftp"}:
            return None
        name = PurePosixPath(unquote(parts.path)).name
        relative = PurePosixPath(name) if name else None
    else:
        relative = PurePosixPath(unquote(parts.path))
    if relative is None or relative.is_absolute() or ".." in relative.parts or not relative.name:
        return None
    root = base_dir.resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    if candidate.suffix.lower() not in IMAGE_SUFFIXES:
        return None
    return candidate


def photo_from_file(
    path: Path, *, picture: WirePicture, title: str
) -> tuple[NewsImage | None, bool, str]:
    """The paper's photo for a picture file: (photo, is it new, "") or (None, False, why not)."""
    limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
    size = path.stat().st_size
    if size > limit:
        return None, False, f"Photo « {path.name} » trop lourde ({size // 1024} Ko) : non importée."
    data = path.read_bytes()
    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None, False, f"Photo « {path.name} » illisible (image abîmée ?) : non importée."
    digest = hashlib.sha1(data).hexdigest()
    existing = NewsImage.objects.filter(file_hash=digest).first()
    if existing is not None:
        changed = False
        if picture.caption and not existing.caption:
            existing.caption, changed = picture.caption[:500], True
        if picture.credit and not existing.credit:
            existing.credit, changed = picture.credit[:255], True
        if changed:
            existing.save(update_fields=["caption", "credit"])
        return existing, False, ""
    photo = NewsImage(
        title=(picture.caption or title)[:255] or path.stem,
        caption=picture.caption[:500],
        credit=picture.credit[:255],
    )
    with path.open("rb") as handle:
        photo.file = ImageFile(handle, name=path.name)
        photo._set_image_file_metadata()
        photo.save()
    return photo, True, ""


@dataclass
class StoryPhotos:
    """What a story's pictures became: its lead photo, the photo blocks that follow its text,
    and the report's warnings for those that could not be imported."""

    lead: NewsImage | None = None
    blocks: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def story_photos(
    pictures: list[WirePicture], *, base_dir: Path | None, title: str, created_files: list[str]
) -> StoryPhotos:
    """The paper's photos for a story's pictures, the first one leading the article.

    The names of the files stored for new photos are added to `created_files` as they are
    stored, so that the caller can delete them if the item fails after all.
    """
    photos = StoryPhotos()
    for picture in pictures:
        path = local_picture_path(picture.href, base_dir=base_dir)
        name = picture.href.rsplit("/", 1)[-1] or picture.uri or _("sans nom")
        if path is None:
            photos.warnings.append(
                _(
                    "Photo « %(name)s » absente : légende et crédit gardés avec la dépêche, "
                    "photo à ajouter à la main."
                )
                % {"name": name[:120]}
            )
            continue
        photo, is_new, problem = photo_from_file(path, picture=picture, title=title)
        if photo is None:
            photos.warnings.append(problem)
            continue
        if is_new:
            created_files.append(photo.file.name)
        if photos.lead is None:
            photos.lead = photo
        else:
            photos.blocks.append({"type": "photo", "value": {"image": photo.pk, "caption": ""}})
    return photos
