"""The back office's photo form: Wagtail's, asking for a credit and a description, with a
file field that refuses unreadable files.

A newspaper credits every photo and describes it to the readers who cannot see it: the
form asks for both, wherever a photo is added or changed (one photo, several at once, the
chooser's upload). The columns stay optional, so photos stored before (the wires' pictures
an agency sent without credit, an older archive) remain; their edit form asks for them.

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


# What the forms say of each field a photo must have, and when it is missing.
REQUIRED = {
    "credit": (
        _(
            "Obligatoire. Agence et photographe, tels qu’ils paraîtront sous la photo, par "
            "exemple « ALP / Sami Frem » ou « Quotidien / Jad Mansour »."
        ),
        _("Indiquez le crédit de la photo : l’agence et le photographe (« ALP / Sami Frem »)."),
    ),
    "description": (
        _(
            "Obligatoire. Le texte de remplacement (alt) : ce que les lecteurs d’écran lisent "
            "aux lecteurs aveugles ou malvoyants, et ce qui s’affiche si la photo ne charge "
            "pas. Décrivez en une phrase ce que montre la photo, sans répéter la légende ni "
            "le crédit."
        ),
        _(
            "Décrivez ce que montre la photo, en une phrase : c’est ce que liront les lecteurs "
            "qui ne la voient pas."
        ),
    ),
}


class PhotoForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: the photo forms of the back office (one photo, several
    at once, the chooser's upload, a photo's new file)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (help_text, missing) in REQUIRED.items():
            if (field := self.fields.get(name)) is not None:
                field.required = True
                field.help_text = help_text
                field.error_messages["required"] = missing
        if (description := self.fields.get("description")) is not None:
            description.label = _("Description (texte de remplacement)")
        if (title := self.fields.get("title")) is not None:
            title.help_text = _(
                "Ce que montre la photo, pour la retrouver dans la photothèque (« Le port de "
                "Saïda au lever du jour ») : remplacez le nom du fichier."
            )
        field = self.fields.get("file")
        if field is not None and not isinstance(field, PhotoFileField):
            self.fields["file"] = PhotoFileField(
                label=field.label,
                required=field.required,
                help_text=field.help_text,
                widget=field.widget,
            )
