"""Wires an editor sends in the back office: one file in a format `import_wires` reads, or a
zip of such files (their pictures beside them), imported by the worker into a report."""

import tempfile
import zipfile
from io import BytesIO
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from quotidien.french.typography import french_size

from .formats import max_wire_bytes, too_large_message
from .importer import WIRE_SUFFIXES, WireImporter, wire_files
from .models import ImportReport, WireUpload
from .pictures import IMAGE_SUFFIXES

ZIP_SUFFIX = ".zip"
# What an upload may be: a wire file, or a zip of wire files and their pictures.
UPLOAD_SUFFIXES = WIRE_SUFFIXES | {ZIP_SUFFIX}
# A zip holds at most this many files: more is no batch of wires an editor sends by hand.
MAX_ZIP_MEMBERS = 2000
# Its files unpacked weigh at most this many times the largest wire file.
MAX_ZIP_WIRE_FILES = 20


def is_zip(name: str) -> bool:
    return Path(name).suffix.lower() == ZIP_SUFFIX


def import_upload(upload: WireUpload) -> ImportReport:
    """Import what `upload` holds into a report of its own, then delete the upload."""
    who = upload.uploaded_by.get_display_name() if upload.uploaded_by else _("inconnu")
    source = _("Envoi « %(name)s » (%(user)s)") % {"name": upload.name, "user": who}
    importer = WireImporter(source=source, agency=upload.agency)
    data = bytes(upload.data)
    if is_zip(upload.name):
        _import_zip(importer, data, name=upload.name)
    else:
        importer.import_bytes(data, source=upload.name)
    if not importer.results:  # a report that says so, rather than none
        importer.fail(upload.name, _("Aucune dépêche dans ce fichier."))
    report = importer.finish()
    upload.delete()
    return report


def max_zip_bytes() -> int:
    return MAX_ZIP_WIRE_FILES * max_wire_bytes()


def _import_zip(importer: WireImporter, data: bytes, *, name: str) -> None:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = [member for member in archive.infolist() if not member.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        importer.fail(name, _("Archive zip illisible : envoyez un fichier .zip valide."))
        return
    if len(members) > MAX_ZIP_MEMBERS:
        importer.fail(
            name,
            _("L’archive contient %(count)s fichiers : %(max)s au plus.")
            % {"count": len(members), "max": MAX_ZIP_MEMBERS},
        )
        return
    unpacked, limit = sum(member.file_size for member in members), max_zip_bytes()
    if unpacked > limit:
        importer.fail(
            name,
            _("L’archive décompressée fait %(size)s : %(max)s au plus.")
            % {"size": french_size(unpacked), "max": french_size(limit)},
        )
        return
    with tempfile.TemporaryDirectory(prefix="quotidien-depeches-") as folder:
        root = Path(folder)
        for member in members:
            target = _safe_path(root, member.filename)
            if target is None:
                continue
            if member.file_size > max_wire_bytes():
                importer.fail(member.filename, too_large_message(member.file_size))
                continue
            try:
                with archive.open(member) as source:
                    content = source.read(max_wire_bytes() + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as error:
                importer.fail(
                    member.filename,
                    _("Fichier illisible dans l’archive : %(error)s.") % {"error": error},
                )
                continue
            if len(content) > max_wire_bytes():
                importer.fail(member.filename, too_large_message(len(content)))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        files = wire_files(root)
        if not files:
            importer.fail(name, _("Aucune dépêche dans l’archive (fichiers .json ou .xml)."))
        for file in files:
            importer.import_file(file, label=f"{name}/{file.relative_to(root)}")


def _safe_path(root: Path, filename: str) -> Path | None:
    """Where a member of the zip goes under `root`, or None for one to leave out: outside
    the folder, hidden, or neither a wire nor a picture."""
    # An absolute name ("/a", "//a") keeps its parts under `root` without its anchor.
    parts = [part for part in PurePosixPath(filename.replace("\\", "/")).parts if part.strip("/")]
    if not parts or any(part in {"", ".", ".."} or part.startswith(".") for part in parts):
        return None
    if Path(parts[-1]).suffix.lower() not in WIRE_SUFFIXES | IMAGE_SUFFIXES:
        return None
    return root.joinpath(*parts)
