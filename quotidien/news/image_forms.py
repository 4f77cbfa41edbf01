"""The back office's photo form: Wagtail's, with a file field that refuses unreadable files.

Wagtail recognises a format by a file's first bytes, then decodes the picture to count its
pixels; a file cut short or damaged after a valid header (a truncated JPEG, a PNG whose
pixel data is broken, a bare WebP or AVIF header) makes Pillow raise there, outside the
form's validation. The field turns that into a form error, and nothing is stored.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

UNREADABLE = _(
    "Cette photo est illisible : le fichier est tronqué ou endommagé. Exportez-la de nouveau "
    "depuis votre logiciel ou votre appareil (JPEG, PNG, WebP ou AVIF), puis envoyez-la."
)


class PhotoFileField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:  # Pillow's decoders raise many kinds of errors
            raise ValidationError(UNREADABLE, code="unreadable_image") from error


class PhotoForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: the photo forms of the back office (one photo, several
    at once, the chooser's upload, a photo's new file)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, PhotoFileField):
            self.fields["file"] = PhotoFileField(
                label=field.label,
                required=field.required,
                help_text=field.help_text,
                widget=field.widget,
            )
